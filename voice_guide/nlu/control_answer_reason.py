"""An answer word and then what it rests on, where the guide asked a yes/no question: "no she had a fall yesterday"
and "yes the doctor said it's okay" at the safety check are the answers no and yes, not a health question outside the
article or the byline (forty-fourth session, tune44:odd, tune46:odd).

``intents.yaml``'s ``answer_reasons`` holds, per answer, a lead matched at the start of the cleaned text (the answer
word and the words that may go with it: "no wait", "yeah sure"), the states where the rule holds, ``not_rest`` (a
regular expression: what the rest may not start with, a question or a request of its own: "yes, what causes it"),
``not_in`` (what it may not hold anywhere: a question said after the reason, "is that ok") and ``min_rest_words``. The
rest is the answer's reason only when it is no question and no other command of its own (the caller checks both). The
understander asks the rule only once the safety rules and the learned net found nothing (safety first): "no, his leg is
swollen and hot" is still an emergency, "no i want to die" crisis talk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from voice_guide.core.errors import ContentError


@dataclass(frozen=True)
class AnswerReason:
    """The rule of a pack (``intents.yaml``'s ``answer_reasons``)."""

    answers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Answer intent -> its lead, matched at the start of a cleaned text; empty: no rule."""

    states: frozenset[str] = frozenset()
    """The dialogue states (values) where the rule holds: where the guide asked yes or no."""

    not_rest: re.Pattern[str] | None = None
    """Matched at the start of the rest: a question or a request of its own, never a reason."""

    min_rest_words: int = 2
    """The rest is this many words at least ("no, sorry" is the templates' matter)."""

    not_in: re.Pattern[str] | None = None
    """Searched anywhere in the rest: a question said after the reason ("no she had a fall yesterday, is that ok"), never
    the answer alone."""

    @classmethod
    def from_data(cls, raw: Any, known: tuple[str, ...]) -> AnswerReason:
        """The rule from ``intents.yaml``'s ``answer_reasons`` mapping; ``known``: the control intents."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("answers"), dict):
            raise ContentError("intents.yaml: answer_reasons: a mapping with answers (intent -> lead pattern)")
        unknown = sorted(str(n) for n in raw["answers"] if str(n) not in known)
        if unknown:
            raise ContentError(f"intents.yaml: answer_reasons: unknown control intents: {', '.join(unknown)}")
        try:
            answers = {str(name): re.compile(str(lead)) for name, lead in raw["answers"].items()}
            not_rest = re.compile(str(raw["not_rest"])) if raw.get("not_rest") else None
            not_in = re.compile(str(raw["not_in"])) if raw.get("not_in") else None
        except re.error as err:
            raise ContentError(f"intents.yaml: answer_reasons: bad pattern: {err}") from None
        words = raw.get("min_rest_words", 2)
        if not isinstance(words, int) or isinstance(words, bool) or words < 1:
            raise ContentError("intents.yaml: answer_reasons.min_rest_words: a whole number, 1 or more")
        return cls(answers, frozenset(str(s) for s in raw.get("states") or []), not_rest, words, not_in)

    def split(self, text: str, state: str) -> tuple[str, str] | None:
        """``(answer, rest)`` when ``text`` starts with an answer's lead in dialogue ``state`` and the rest is long
        enough, starts with nothing of :attr:`not_rest` and holds nothing of :attr:`not_in`; None otherwise."""
        if state not in self.states:
            return None
        for answer, lead in self.answers.items():
            found = lead.match(text)
            if found is None:
                continue
            rest = text[found.end():].strip()
            if len(rest.split()) < self.min_rest_words or (self.not_rest is not None and self.not_rest.match(rest)) or (
                    self.not_in is not None and self.not_in.search(rest)):
                return None
            return answer, rest
        return None


__all__ = ["AnswerReason"]
