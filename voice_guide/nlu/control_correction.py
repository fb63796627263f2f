"""A command said again as a correction: "no, I meant the arms, not the legs", "sorry, I meant louder, not
quieter", "no, I meant carry on, not stop" are the command corrected to (the arms routine, louder, resume), not
the answer "no" nor the command set aside after "not".

``intents.yaml``'s ``corrections`` holds

* ``lead``: a regular expression matched at the start of the cleaned text (after the polite words are
  stripped): the interjections and "i meant" / "i said" / "i wanted" before the command;
* ``tail``: a regular expression searched at the end of what follows: the command set aside ("not the legs",
  "rather than quieter"), dropped;
* ``named``: a regular expression a routine named alone matches whole ("the arms", "her legs, the leg exercises");
* ``routine_states``: the dialogue states (values) where a routine named alone is ``start_routine`` (idle and after
  an answer: in a routine the routine's own steps are meant);
* ``slip``: a regular expression matched whole, with the groups ``first`` and ``rest``: a command said and taken back
  at once with a word of correction and no "i meant" ("next no the one before", "wait no keep going", "louder sorry
  quieter"); the rest is the command when the first part is a command of its own (:meth:`Correction.slip_parts`).

What is left is a command's template match, or else its cue (:meth:`ControlMatcher.exact`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError


@dataclass(frozen=True)
class Correction:
    """The correction rule of a pack (``intents.yaml``'s ``corrections``)."""

    lead: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: what says a correction ("no i meant"); None: no rule."""

    tail: re.Pattern[str] | None = None
    """Searched in what follows the lead: the command set aside at its end ("not the legs")."""

    named: re.Pattern[str] | None = None
    """Matched whole by what is corrected to when it names a routine alone ("the arms"); None: never."""

    routine_states: frozenset[str] = frozenset()
    """The dialogue states (values) where a routine named alone is ``start_routine``."""

    slip: re.Pattern[str] | None = None
    """Matched whole: a command taken back at once ("next no the one before"), groups ``first`` and ``rest``."""

    @classmethod
    def from_data(cls, raw: Any) -> Correction:
        """The rule from ``intents.yaml``'s ``corrections`` mapping."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("lead"), str):
            raise ContentError("intents.yaml: corrections: a mapping with a lead pattern (text), tail and routine_states")
        patterns = []
        for key in ("lead", "tail", "named", "slip"):
            try:
                patterns.append(re.compile(str(raw[key])) if raw.get(key) else None)
            except re.error as err:
                raise ContentError(f"intents.yaml: corrections.{key}: bad pattern: {err}") from None
        lead, tail, named, slip = patterns
        if slip is not None and not {"first", "rest"} <= set(slip.groupindex):
            raise ContentError("intents.yaml: corrections.slip: the pattern needs the groups first and rest")
        return cls(lead, tail, named, frozenset(str(s) for s in raw.get("routine_states") or []), slip)

    def rest(self, text: str) -> str | None:
        """The command ``text`` corrects to ("no i meant the arms not the legs" -> "the arms"), or None (no rule,
        no correction at its start, nothing left)."""
        found = self.lead.match(text) if self.lead is not None else None
        if found is None:
            return None
        rest = text[found.end():].strip()
        aside = self.tail.search(rest) if self.tail is not None and rest else None
        if aside is not None:
            rest = rest[: aside.start()].strip()
        return rest or None

    def names_routine(self, rest: str, state: str) -> bool:
        """True when ``rest`` (what a correction corrects to) names a routine alone and may start it in ``state``."""
        return state in self.routine_states and self.named is not None and self.named.fullmatch(rest) is not None

    def slip_parts(self, text: str) -> tuple[str, str] | None:
        """``(first, rest)`` of a command taken back at once ("next no the one before" -> ("next", "the one before")),
        the shortest first part first; None when ``text`` is no such slip (or there is no rule). Whether the first part
        is a command is the caller's to check."""
        found = self.slip.fullmatch(text) if self.slip is not None else None
        return None if found is None else (found["first"].strip(), found["rest"].strip())
