"""A request asked as "would you mind ...ing": "would you mind terribly lowering your voice" is the command "lower your
voice", "would you mind awfully going through the leg stretches" is "go through the leg stretches".

``intents.yaml``'s ``gerund_requests`` holds ``lead``, a regular expression matched at the start of the cleaned text
(after the polite words are stripped): the request's opening before the verb in -ing. The verb's base forms are
guessed from the language's stem ("going" -> "go", "taking" -> "take"; "carrying" -> "carri" -> "carry") and kept
only when the templates are written with them; the command is then whatever the rest matches
(:meth:`ControlMatcher.exact`), so a guess that matches no template gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError


@dataclass(frozen=True)
class GerundRequest:
    """The rule of a pack (``intents.yaml``'s ``gerund_requests``)."""

    lead: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: the opening before the verb in -ing; None: no rule."""

    @classmethod
    def from_data(cls, raw: Any) -> GerundRequest:
        """The rule from ``intents.yaml``'s ``gerund_requests`` mapping."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("lead"), str):
            raise ContentError("intents.yaml: gerund_requests: a mapping with a lead pattern (text)")
        try:
            return cls(re.compile(raw["lead"]))
        except re.error as err:
            raise ContentError(f"intents.yaml: gerund_requests.lead: bad pattern: {err}") from None

    def commands(self, text: str, stem: Callable[[str], str], words: Collection[str]) -> list[str]:
        """The request of ``text`` said as commands, its verb in -ing put in each base form the templates' ``words``
        hold ("would you mind lowering your voice" -> ["lower your voice"]); [] when ``text`` is no such request."""
        found = self.lead.match(text) if self.lead is not None else None
        rest = text[found.end():].split() if found is not None else []
        if not rest or not rest[0].endswith("ing"):
            return []
        root = stem(rest[0])
        forms = (root, root + "e", root[:-1] + "y" if root.endswith("i") else root)
        return [" ".join((form, *rest[1:])) for form in dict.fromkeys(forms) if form in words]
