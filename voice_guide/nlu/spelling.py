"""Spelling of the pack's words: a misspelled word ("musle", "excercise") or one a recognizer split in two ("neuro
genic") becomes the pack's word before the knowledge match (moved out of :mod:`voice_guide.nlu.knowledge` in the
twenty-eighth round, unchanged)."""

from __future__ import annotations

import re

from voice_guide.content.pack import ContentPack
from voice_guide.lang import Language

_MIN_SPELL_LEN = 4
"""Only words this long (and one letter shorter misspellings) are corrected."""

_MISSPELLING_ZIPF = 2.5
"""A word rarer than this in English (Zipf scale) that the pack does not know may be a misspelling."""

_SPELL_MIN_SCORE = 75.0
"""How close (rapidfuzz ratio, 0..100) a misspelling must be to the pack's word."""

_JOIN_MIN_LEN = 6
_JOIN_ZIPF = 3.3
_JOIN_MIN_SCORE = 85.0
"""Split words are joined when they make a pack word this long, this rare in English (Zipf) and
this close (rapidfuzz ratio): "neuro genic" -> "neurogenic", "polly myositis" -> "polymyositis"."""

JOIN_GUARD = True
"""Thirty-second round: words are not joined when every one is a stopword ("with her" is not "wither"), nor joined
into a pack word they only come close to when one is a stopword and every one an English word of at least
:data:`_JOIN_WORD_ZIPF` ("what age" is not "wastage", "clinic in" not "clinician", "cramp in" not "cramping", "a
metabolism" not "catabolism", "i rebuild" not "rebuilds"). A recognizer's split halves are rarely a word and a
stopword ("neuro genic", "cat a bolism", "spas ticity", "path logic" are still joined), and an exact pack word is
still joined ("a trophy" -> "atrophy"). docs/understanding.md, "Thirty-second round"."""

_JOIN_WORD_ZIPF = 3.0
"""See :data:`JOIN_GUARD`."""

HYPHEN_JOINS = True
"""Thirty-fourth round: a word typed in parts with hyphens is the pack's word the parts make together ("at-trophy" ->
"atrophy", "physio-logical" -> "physiologic"), and a half-remembered word ended by "-something" is the one pack word
that begins so ("polymyo-something" -> "polymyositis"). The writer's hyphen says the parts are one word, so the
stopword guard of :data:`JOIN_GUARD` does not apply (:meth:`SpellingCorrector.hyphens_joined`)."""

RUN_TOGETHER = True
"""Thirty-fifth round: a word typed with the space left out ("whatis", "muscleatrophy", "dumpingsyndrome") is split
into the two words it is made of, when it is no English word (Zipf under :data:`_RUN_TOGETHER_ZIPF`; a word found in
English text at all only into two stopwords, "whatis", never "incoordination" or "hassocks": the merge review) nor a pack word
nor close to a rare one ("spasticty"), and both parts are a pack word, a stopword or a common English word (Zipf
:data:`_RUN_PART_ZIPF`, four letters at least), one of them a pack word or a stopword: :meth:`SpellingCorrector.run_together_split`."""

_RUN_TOGETHER_MIN_LEN = 6
_RUN_TOGETHER_ZIPF = 1.6
_RUN_PART_ZIPF = 3.0
_RUN_MISSPELT_SCORE = 88.0
"""A word this close (rapidfuzz ratio) to a pack word is its misspelling, not two words ("infecton" is not "infect
on")."""
_WORD = re.compile(r"[A-Za-z]+")

_HYPHENED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_VAGUE_ENDINGS = frozenset({"something", "thing", "whatsit", "whatever", "summat", "or other"})
_VAGUE_MIN_LEN = 5
"""A half-remembered beginning is this long at least ("polymyo", "dermatomy")."""


class SpellingCorrector:
    """Corrects words close to the pack's words (the article's, its topics' samples and keywords, the lexicon's)."""

    def __init__(self, pack: ContentPack, language: Language) -> None:
        self._language = language
        words: set[str] = set()
        for section in pack.sections:
            for u in section.units:
                words.update(language.normalize(u.text).split())
        for topic in pack.topics:
            for sample in (*topic.samples, topic.keywords):
                words.update(language.normalize(sample).split())
        for key, phrases in pack.lexicon.synonyms.items():
            for phrase in (key, *phrases):
                words.update(language.normalize(phrase).split())
        self._spell_words = sorted(w for w in words if len(w) >= _MIN_SPELL_LEN)
        self._rare_words = [w for w in self._spell_words if len(w) >= _JOIN_MIN_LEN and language.rarity(w) < _JOIN_ZIPF]
        self._rare_set = frozenset(self._rare_words)
        self._spell_set = frozenset(self._spell_words)
        self.join_guard = JOIN_GUARD
        """See :data:`JOIN_GUARD`."""

    def correct(self, cleaned: str) -> str:
        """Words that are not English words (rare on the Zipf scale) and are close to one of the
        pack's words are replaced by it: "musle", "excercise" -> "muscle", "exercise"."""
        from rapidfuzz import fuzz, process

        language = self._language
        out = []
        for w in self._join_split_words(cleaned.split()):
            if len(w) >= _MIN_SPELL_LEN - 1 and w not in language.stopwords and language.rarity(w) < _MISSPELLING_ZIPF:
                best = process.extractOne(w, self._spell_words, scorer=fuzz.ratio, score_cutoff=_SPELL_MIN_SCORE)
                if best is not None:
                    w = best[0]
            out.append(w)
        return " ".join(out)

    def hyphens_joined(self, text: str) -> str:
        """``text`` with each hyphenated word that makes one of the pack's rare words (or comes close to one) written
        as that word, and each "<beginning>-something" as the one pack word with that beginning (:data:`HYPHEN_JOINS`;
        "nerve-related", "long-term" stay)."""
        if "-" not in text:
            return text
        return _HYPHENED.sub(lambda found: self._hyphen_word(found.group(0)), text)

    def run_together_split(self, text: str) -> str:
        """``text`` with each word typed with a space left out written as its two words (:data:`RUN_TOGETHER`;
        "whatis muscleatrophy" -> "what is muscle atrophy"); other words as written."""
        return _WORD.sub(lambda found: self._split_word(found.group(0)), text)

    def _split_word(self, written: str) -> str:
        """The two words of one run-together word, or the word as written."""
        from rapidfuzz import fuzz, process

        word = written.lower()
        language = self._language
        if len(word) < _RUN_TOGETHER_MIN_LEN or word in self._spell_set or language.rarity(word) >= _RUN_TOGETHER_ZIPF:
            return written
        if word in _VAGUE_ENDINGS:
            return written  # "whatsit" is a vague ending, not "whats it"
        stop = language.stopwords
        english = language.rarity(word) > 0.0  # a word of English text, however rare ("incoordination", "hassocks")
        splits = [(min(self._part_score(word[:i]), self._part_score(word[i:])), i) for i in range(2, len(word) - 1)
                  if (word[:i] in stop and word[i:] in stop) or (not english and (
                      self._pack_or_stopword(word[:i]) or self._pack_or_stopword(word[i:])))]
        score, at = max(splits, default=(0.0, 0))
        if score <= 0.0 or process.extractOne(word, self._rare_words, scorer=fuzz.ratio, score_cutoff=_SPELL_MIN_SCORE) \
                or process.extractOne(word, self._spell_words, scorer=fuzz.ratio, score_cutoff=_RUN_MISSPELT_SCORE):
            return written  # no two words, or a misspelling of a pack word ("spasticty", "infecton")
        return f"{written[:at]} {written[at:]}"

    def _pack_or_stopword(self, part: str) -> bool:
        """Whether ``part`` of a run-together word is a word of the pack or a stopword (one of the two is)."""
        return part in self._spell_set or part in self._language.stopwords

    def _part_score(self, part: str) -> float:
        """How sure a part of a run-together word is a word: its Zipf rarity when it is a pack word, a stopword or
        a common English word of four letters or more ("watsing" is no "wat sing"), else 0."""
        language = self._language
        zipf = language.rarity(part)
        known = part in self._spell_set or part in language.stopwords or \
            (len(part) >= 4 and zipf >= _RUN_PART_ZIPF)
        return max(zipf, 1.0) if known else 0.0

    def _hyphen_word(self, written: str) -> str:
        """The pack's word for one hyphenated word, or the word as written."""
        from rapidfuzz import fuzz, process

        parts = written.lower().split("-")
        if parts[-1] in _VAGUE_ENDINGS:
            head = "".join(parts[:-1])
            starting = sorted((w for w in self._rare_words if w.startswith(head)), key=len) if len(head) >= _VAGUE_MIN_LEN else []
            # one word, or one word and its endings ("cachexia", "cachexias")
            return starting[0] if starting and all(w.startswith(starting[0]) for w in starting) else written
        joined = "".join(parts)
        if len(joined) < _JOIN_MIN_LEN:
            return written
        if joined in self._rare_set or self._language.rarity(joined) >= _JOIN_ZIPF:
            return joined  # "neuro-genic"; "re-build" is "rebuild"
        best = process.extractOne(joined, self._rare_words, scorer=fuzz.ratio, score_cutoff=_JOIN_MIN_SCORE)
        return str(best[0]) if best is not None else written

    def _join_split_words(self, words: list[str]) -> list[str]:
        """Words a recognizer split in two or three ("cat a bolism", "neuro genic", "spas ticity")
        joined again when together they are one of the pack's rare words ("physio logic"), or
        close to one when none of them is one already ("neurogenic in" stays)."""
        from rapidfuzz import fuzz, process

        out: list[str] = []
        i = 0
        while i < len(words):
            for n in (2, 3):
                joined = "".join(words[i:i + n])
                if i + n > len(words) or len(joined) < _JOIN_MIN_LEN or self._all_stopwords(words[i:i + n]):
                    continue
                match: str | None = joined if joined in self._rare_set else None
                if match is None and self._all_words(words[i:i + n]):
                    continue
                head_only = words[i] in self._rare_set and not any(w in self._rare_set for w in words[i + 1:i + n])
                if match is None and (head_only or not any(w in self._rare_set for w in words[i:i + n])):
                    best = process.extractOne(joined, self._rare_words, scorer=fuzz.ratio, score_cutoff=_JOIN_MIN_SCORE)
                    if best is not None and abs(len(best[0]) - len(joined)) <= 1 and \
                            (not head_only or _extends(best[0], words[i], words[i + 1:i + n])):
                        match = best[0]
                if match is not None:
                    out.append(match)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _all_stopwords(self, parts: list[str]) -> bool:
        """Whether every one of ``parts`` is a stopword (with :attr:`join_guard` on; "with her")."""
        return self.join_guard and all(w in self._language.stopwords for w in parts)

    def _all_words(self, parts: list[str]) -> bool:
        """Whether ``parts`` are a stopword and English words of at least :data:`_JOIN_WORD_ZIPF` (with
        :attr:`join_guard` on; "what age", "clinic in", not "path logic")."""
        language = self._language
        return self.join_guard and any(w in language.stopwords for w in parts) and \
            all(language.rarity(w) >= _JOIN_WORD_ZIPF for w in parts)


def _extends(word: str, head: str, rest: list[str]) -> bool:
    """Whether the pack's ``word`` is ``head`` (itself a pack word) with an ending of three letters or more that a
    recognizer heard as the words ``rest``, ending alike: "spastic city" -> "spasticity"; not "atrophy is" ->
    "atrophies" ("atrophies" does not begin with "atrophy")."""
    ending = word[len(head):]
    return word.startswith(head) and len(ending) >= 3 and ending[-2:] == "".join(rest)[-2:]
