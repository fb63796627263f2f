"""Negated commands: "don't stop" is not ``stop`` (it carries on), "do not continue" is not ``resume``.

``intents.yaml``'s ``negation`` holds

* ``negator``: a regular expression matched at the start of the cleaned text ("do not", "no do not",
  "never"; the polite words are stripped first, so "please don't" and "okay, don't" are negators too);
* ``means``: a negated command -> the intent it stands for, taken as it is in every state (not through
  a state's ``means``: "carry on" while counting is ``resume``, "we are already going", never ``next``);
* ``by_cue``: the listed commands whose cue may start the rest (the imperatives: stop, pause...).

Only a command that FOLLOWS the negator is negated: the rest of the text is a template's match as a whole
("don't stop counting") or starts with the cue of a command of ``by_cue`` ("don't stop, she's fine"). So

* "no stop" is still ``stop`` (no negator: "no" is an interjection there);
* "stop, don't go on" is ``stop`` (a negation covers its own clause: the whole text does not start with
  one, and the clause "stop" wins over the negated "don't go on", which is ``stop`` too);
* "don't go so fast" or "do not rush" is left to the templates and cues (no listed command follows),
  and "don't start yet" while waiting too (``ready`` is not listed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from voice_guide.core.errors import ContentError


@dataclass(frozen=True)
class Negation:
    """The negation rule of a pack (``intents.yaml``'s ``negation``)."""

    negator: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: what negates the command after it (None: no rule)."""

    means: dict[str, str] = field(default_factory=dict)
    """A negated command -> the intent it stands for ("stop" -> "resume"); a command not listed is
    not negated by this rule."""

    by_cue: frozenset[str] = frozenset()
    """The listed commands whose cue may start the rest ("don't stop, she's fine"); the others only by a
    template's match of the whole rest (the slower cue "go so fast" is a complaint: "don't go so fast"
    is slower, not negated)."""

    @classmethod
    def from_data(cls, raw: Any, known: tuple[str, ...]) -> Negation:
        """The rule from ``intents.yaml``'s ``negation`` mapping; ``known``: the control intents."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("negator"), str):
            raise ContentError("intents.yaml: negation: a mapping with a negator pattern (text) and means")
        try:
            negator = re.compile(raw["negator"])
        except re.error as err:
            raise ContentError(f"intents.yaml: negation.negator: bad pattern: {err}") from None
        means = {str(k): str(v) for k, v in (raw.get("means") or {}).items()}
        unknown = sorted(n for n in (*means, *means.values()) if n not in known)
        if unknown:
            raise ContentError(f"intents.yaml: negation.means: unknown control intents: {', '.join(unknown)}")
        by_cue = frozenset(str(n) for n in raw.get("by_cue") or [])
        if not by_cue <= set(means):
            raise ContentError(f"intents.yaml: negation.by_cue: not in means: {', '.join(sorted(by_cue - set(means)))}")
        return cls(negator, means, by_cue)

    def rest(self, text: str) -> str | None:
        """What follows a negator at the start of ``text`` ("do not stop counting" -> "stop counting"),
        or None when ``text`` does not start with one (or nothing follows it)."""
        found = self.negator.match(text) if self.negator is not None else None
        if found is None:
            return None
        return text[found.end():].strip() or None
