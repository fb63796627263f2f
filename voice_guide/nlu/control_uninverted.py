"""A question said without its inversion, as second-language speakers and quick talkers say it: "how I hold the arm",
"how she must sit", "what I can say while you read", "what you ask" are the guide's "how do I hold the arm", "how must
she sit", "what can I say while you read", "what did you ask".

``intents.yaml``'s ``uninverted`` holds

* ``asks``: the question words a text starts with ("how", "what", "where");
* ``subjects``: the subjects that follow them uninverted ("i", "she", "you");
* ``auxiliaries``: a word after the subject that is put before it ("how she must sit" -> "how must she sit");
* ``inserted``: the auxiliaries tried before the subject when none follows it ("how i hold" -> "how do i hold").

The readings are only tried against the templates and the question cues of a routine
(:meth:`ControlMatcher.exact`, :meth:`ControlMatcher.cue`): a reading that matches no template gives nothing, so a
question about the article said the same way ("how i can stop the wasting") stays the article's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError

_KEYS = ("asks", "subjects", "auxiliaries", "inserted")


@dataclass(frozen=True)
class Uninverted:
    """The rule of a pack (``intents.yaml``'s ``uninverted``); empty: no rule."""

    asks: frozenset[str] = frozenset()
    """Question words a text starts with."""

    subjects: frozenset[str] = frozenset()
    """Subjects after the question word, not inverted."""

    auxiliaries: frozenset[str] = frozenset()
    """Words after the subject that are put before it."""

    inserted: tuple[str, ...] = ()
    """Auxiliaries tried before the subject when none follows it, in this order."""

    @classmethod
    def from_data(cls, raw: Any) -> Uninverted:
        """The rule from ``intents.yaml``'s ``uninverted`` mapping of word lists."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or any(not isinstance(raw.get(key), list) for key in _KEYS):
            raise ContentError(f"intents.yaml: uninverted: a mapping of word lists: {', '.join(_KEYS)}")
        asks, subjects, auxiliaries, inserted = (tuple(str(w) for w in raw[key]) for key in _KEYS)
        return cls(frozenset(asks), frozenset(subjects), frozenset(auxiliaries), inserted)

    def readings(self, text: str) -> list[str]:
        """``text`` with its question inverted ("how she must sit" -> ["how must she sit"], "how i hold it" -> ["how do i
        hold it", "how does i hold it", ...]); [] when ``text`` is no uninverted question."""
        words = text.split()
        if len(words) < 3 or words[0] not in self.asks or words[1] not in self.subjects:
            return []
        ask, subject, verb, rest = words[0], words[1], words[2], words[3:]
        if verb in self.auxiliaries:
            return [" ".join((ask, verb, subject, *rest))]
        return [" ".join((ask, aux, subject, verb, *rest)) for aux in self.inserted]
