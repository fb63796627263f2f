"""The polite words around a command: ``intents.yaml``'s ``skip_words`` ("please", "um": dropped wherever they are),
``polite_prefixes`` ("could you", "hey guide", "okay": stripped from the start, one at a time) and ``polite_suffixes``
("now", "for me": stripped from the end). :class:`~voice_guide.nlu.controls.ControlMatcher` tries a text as said and
after each polite word is stripped in turn (:meth:`PoliteWords.steps`), since a polite word can be the command itself
("okay" is ``yes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.normalize import TextNormalizer


def _compiled(word: str, after: str) -> re.Pattern[str]:
    """The pattern of the words after which the polite ``word`` is a verb; a clear error for a broken one."""
    try:
        return re.compile(rf"^(?:{after})\b")
    except re.error as exc:
        raise ContentError(f"intents.yaml polite_verbs: {word!r}: not a regular expression ({exc})") from exc


@dataclass(frozen=True)
class PoliteWords:
    """A pack's skip words and polite prefixes and suffixes (longest first), cleaned as the texts are."""

    skip: tuple[re.Pattern[str], ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    verbs: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """A polite word that is also a verb, with the words after which it is the verb (``polite_verbs``: "guide" before
    "me through": "okay guide me through the routine" keeps "guide"; fifty-seventh session)."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PoliteWords:
        """The words of ``intents.yaml``'s ``skip_words``, ``polite_prefixes`` and ``polite_suffixes``."""
        def longest_first(key: str) -> tuple[str, ...]:
            return tuple(sorted((TextNormalizer.clean(str(p)) for p in data.get(key) or []), key=len, reverse=True))

        skip = tuple(re.compile(rf"\b{re.escape(TextNormalizer.clean(str(w)))}\b") for w in data.get("skip_words") or [])
        verbs = tuple((TextNormalizer.clean(str(word)), _compiled(str(word), str(after)))
                      for word, after in (data.get("polite_verbs") or {}).items())
        return cls(skip, longest_first("polite_prefixes"), longest_first("polite_suffixes"), verbs)

    def _verb_kept(self, prefix: str, rest: str) -> bool:
        """True when ``prefix`` ends in a polite word used as a verb before ``rest`` (:attr:`verbs`)."""
        return any(prefix.split()[-1] == word and after.match(rest) for word, after in self.verbs)

    def steps(self, cleaned: str) -> list[str]:
        """``cleaned`` without its skip words, then after each polite word stripped in turn, the last being
        :meth:`stripped`'s: "could you guide me through ..." gives "guide me through ..." before "me through ..."
        ("guide" is also a polite word: "guide, stop"; not before "me through": :attr:`verbs`)."""
        for pattern in self.skip:
            cleaned = pattern.sub(" ", cleaned)
        cleaned = " ".join(cleaned.split())
        steps = [cleaned]
        changed = True
        while changed:
            changed = False
            for p in self.prefixes:
                if cleaned.startswith(p + " ") and not self._verb_kept(p, cleaned[len(p) + 1 :]):
                    cleaned = cleaned[len(p) + 1 :]
                    steps.append(cleaned)
                    changed = True
            for p in self.suffixes:
                if cleaned.endswith(" " + p):
                    cleaned = cleaned[: -len(p) - 1]
                    steps.append(cleaned)
                    changed = True
        return steps

    def stripped(self, cleaned: str) -> str:
        """``cleaned`` without its leading "could you", "hey guide", "okay"…, trailing "now", "for me"… and skip words."""
        return self.steps(cleaned)[-1]

    def is_filler(self, cleaned: str) -> bool:
        """True when ``cleaned`` is only a polite word or filler ("right", "okay so", "um")."""
        return self.stripped(cleaned + " x") == "x"

    def unprefixed(self, cleaned: str) -> str:
        """``cleaned`` without its skip words and polite prefixes, its polite suffixes kept: an answer said last ("she
        says she's ok") is a cue; a prefix never is ("okay, you can switch off now")."""
        steps = self.steps(cleaned)
        return next((s for s in reversed(steps) if steps[0].endswith(s)), steps[0])
