"""Red-flag words the recognizer may have heard as other words that sound alike ("can't breed").

The recognizer writes what it heard in the words of its dictionary; in a noisy room a red-flag
word often comes out as a word that sounds like it ("choking" -> "hoping", "breathe" -> "breed"),
and the text safety check, which knows the red-flag words and not their sound-alikes, then finds
nothing. :class:`SoundAlikes` compares the pronunciations of heard words with those of the
pack's spoken red-flag words (``spoken_keywords:`` of ``safety.yaml``: the words of each concept,
not any test sentence) and rewrites a hypothesis with the red-flag word in place of the heard
word(s) that sound like it, so that the text safety check -- context rules included ("no chest
pain", a question about a condition) -- can read the rewrite. What the interpreter does with a
red flag found this way (the confirmation question only) is in
:mod:`voice_guide.nlu.interpret_rescue`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

MIN_TARGET_LETTERS = 4
"""Red-flag words shorter than this are not looked for ("fit", "hit": too many words sound like them)."""


@dataclass(frozen=True)
class Target:
    """A red-flag word and how it sounds."""

    word: str
    """The word as the safety rules spell it ("choking")."""

    phones: tuple[str, ...]
    """Its pronunciation (ARPAbet, no stress), the dictionary's first."""


def phone_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Levenshtein distance between two phone sequences (each insertion, deletion or substitution 1)."""
    previous = list(range(len(b) + 1))
    for i, pa in enumerate(a, 1):
        current = [i]
        for j, pb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (pa != pb)))
        previous = current
    return previous[-1]


def keyword_words(sources: Iterable[str], lexicon: Iterable[str]) -> set[str]:
    """The words of the spoken red-flag patterns ``sources`` (regular expressions): every ``lexicon``
    word that one of them matches whole ("chok\\w*" -> "choke", "choking" ...), and the literal words
    of multi-word patterns ("chest pain" -> "chest", "pain")."""
    sources = list(sources)
    patterns = [re.compile(src) for src in sources]
    words = {w for w in lexicon if any(p.fullmatch(w) for p in patterns)}
    for src in sources:
        bare = re.sub(r"\\[a-zA-Z][*+?]?", "", re.sub(r"\(\?<?!\[[^\]]*\]\)", "", src))  # no boundaries, no \w*
        if " " in bare:
            words |= set(re.findall(r"[a-z]+", bare))
    return words


class SoundAlikes:
    """Rewrites of a hypothesis with red-flag words in place of heard words that sound like them."""

    def __init__(self, targets: Iterable[str], pronounce: Mapping[str, tuple[str, ...]], max_share: float = 0.25,
                 max_words: int = 2) -> None:
        """``targets``: the red-flag words; ``pronounce``: a word's phones (words it lacks are skipped);
        ``max_share``: the most phone edits per phone of the red-flag word (at least one edit);
        ``max_words``: how many heard words in a row may sound like one red-flag word."""
        self.pronounce = pronounce
        self.targets = tuple(Target(w, pronounce[w]) for w in sorted(set(targets))
                             if len(w) >= MIN_TARGET_LETTERS and pronounce.get(w))
        self.max_share = max_share
        self.max_words = max_words

    def matches(self, words: tuple[str, ...]) -> list[str]:
        """The red-flag words that the run of heard ``words`` sounds like."""
        phones: tuple[str, ...] = ()
        for w in words:
            p = self.pronounce.get(w)
            if not p:
                return []
            phones += p
        out = []
        for target in self.targets:
            if target.word in words:
                continue
            budget = max(1, int(self.max_share * len(target.phones)))
            if abs(len(phones) - len(target.phones)) <= budget and phone_distance(phones, target.phones) <= budget:
                out.append(target.word)
        return out

    def rewrites(self, text: str) -> Iterator[tuple[str, str]]:
        """(rewritten text, the red-flag word put in) for each run of heard words in ``text`` that sounds
        like a red-flag word, one run at a time."""
        words = text.split()
        for size in range(1, self.max_words + 1):
            for start in range(len(words) - size + 1):
                run = tuple(words[start:start + size])
                for target in self.matches(run):
                    yield " ".join((*words[:start], target, *words[start + size:])), target


def read_pronunciations(path: str, wanted: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Word -> first pronunciation (stress marks removed) of a CMU-format dictionary file."""
    keep = None if wanted is None else set(wanted)
    out: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            head, _, phones = line.strip().partition(" ")
            if not head or "(" in head or head in out or (keep is not None and head not in keep):
                continue
            out[head] = tuple(re.sub(r"\d", "", p) for p in phones.split())
    return out


__all__ = ["MIN_TARGET_LETTERS", "SoundAlikes", "Target", "keyword_words", "phone_distance", "read_pronunciations"]
