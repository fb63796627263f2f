"""A wait said to someone in the room before the answer the guide waits for: "hang on love, yes she's settled" at the
safety check is the answer yes, "hold on mum, ready" while a routine waits is ready; the wait was for the person, not
the guide.

``intents.yaml``'s ``asides`` holds ``lead``, a regular expression matched at the start of the cleaned text (after the
skip words): the wait and who it is said to (an endearment or the person's name). What follows is taken as the
command only when it is one of the state's awaited answers (``state_preferences.STATE.awaited``); any other rest
leaves the whole to the other rules ("hang on love, i need to move her arm" stays a wait).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_hits import ControlHit


@dataclass(frozen=True)
class Aside:
    """The rule of a pack (``intents.yaml``'s ``asides``)."""

    lead: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: the wait and who it is said to; None: no rule."""

    @classmethod
    def from_data(cls, raw: Any) -> Aside:
        """The rule from ``intents.yaml``'s ``asides`` mapping."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("lead"), str):
            raise ContentError("intents.yaml: asides: a mapping with a lead pattern (text)")
        try:
            return cls(re.compile(raw["lead"]))
        except re.error as err:
            raise ContentError(f"intents.yaml: asides.lead: bad pattern: {err}") from None

    def rest(self, text: str) -> str | None:
        """What follows the aside at the start of ``text``, or None when ``text`` starts with none or nothing follows."""
        found = self.lead.match(text) if self.lead is not None else None
        rest = text[found.end():].strip() if found is not None else ""
        return rest or None

    def answer(self, text: str, awaited: Collection[str], find: Callable[[str], ControlHit | None]) -> ControlHit | None:
        """The awaited answer said after the aside (``find``: the matcher's reading of the rest, templates then cues),
        found as it was found in the rest; None when there is no aside, nothing awaited, or the rest is no awaited answer."""
        rest = self.rest(text) if awaited else None
        hit = find(rest) if rest is not None else None
        return hit if hit is not None and hit.intent in awaited else None


__all__ = ["Aside"]
