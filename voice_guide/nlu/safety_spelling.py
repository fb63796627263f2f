"""Typing slips in red-flag words, corrected before the safety patterns are matched.

People type in a hurry in an emergency: "chest pian", "bloood everywhere", "worst
heaadache", "blood clott", "disreflexia". The pack's ``spelling:`` list fixes the common
ones word by word; this module catches the rest in a general way:

* a letter typed three times or more counts twice ("bloood" -> "blood");
* a word that is not an everyday English word (rare on the Zipf scale, see
  :meth:`voice_guide.lang.Language.rarity`) and is one or two edits (a transposition counts
  as one) from a word of the safety patterns becomes that word.

Only words of the safety patterns are ever produced, and only for words that are not English
words themselves ("chess" stays "chess", never "chest").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from voice_guide.lang import Language, get_language

MIN_WORD_LETTERS = 4
"""Shorter words are never corrected (too many real words are one edit apart)."""

MISSPELLING_ZIPF = 2.5
"""A word more common than this in English (Zipf scale) is a real word, not a slip."""

LONG_WORD_LETTERS = 7
"""From this length a word may be two edits from the intended one, shorter ones one."""

_TRIPLED = re.compile(r"([a-z])\1{2,}")
_DOUBLED = re.compile(r"([a-z])\1")
_WORD = re.compile(r"(?<![a-z\\])[a-z]{" + str(MIN_WORD_LETTERS) + r",}(?![a-z])")
_REGEX_ESCAPE = re.compile(r"\\[a-zA-Z]")
_STEM = re.compile(r"(?<![a-z])([a-z]{3,})\\w[*+]|\(\?:([a-z |]+)\)\\w[*+]")


def pattern_words(sources: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The plain words of pattern texts (regular-expression escapes such as ``\\w`` removed),
    and the stems written with an ending (``froth\\w*``): any word they start is known."""
    words: set[str] = set()
    stems: set[str] = set()
    for source in sources:
        words.update(_WORD.findall(_REGEX_ESCAPE.sub(" ", source)))
        for one, group in _STEM.findall(source):
            stems.update(w for w in (one, *group.split("|")) if len(w) >= 3)
    return frozenset(words), frozenset(stems)


class SpellingFixer:
    """Corrects slips towards the words of the safety patterns."""

    def __init__(self, words: Iterable[str], stems: Iterable[str] = (), language: Language | None = None,
                 keep: Iterable[str] = ()) -> None:
        self._words = tuple(sorted(set(words) - set(keep)))
        """Words a slip may be corrected to (never a word to keep: "overdosing" is not "overdoing")."""
        self._known = frozenset(self._words) | frozenset(keep)
        """Words never corrected: the patterns' own words and words the pack says to keep."""
        self._stems = tuple(sorted(set(stems)))
        self._language = language or get_language("en")
        self._fix = lru_cache(maxsize=8192)(self._fix_word)

    def fix(self, text: str) -> str:
        """``text`` (normalised, words separated by spaces) with slips corrected."""
        return " ".join(self._fix(w) for w in text.split())

    def _fix_word(self, word: str) -> str:
        if len(word) < MIN_WORD_LETTERS or word in self._known or not word.isalpha():
            return word
        squeezed = _TRIPLED.sub(r"\1\1", word)
        if squeezed in self._known:
            return squeezed
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        limit = 2 if len(squeezed) >= LONG_WORD_LETTERS else 1
        found = process.extract(squeezed, self._words, scorer=OSA.distance, score_cutoff=limit, limit=3)
        if not found:
            return word
        best = min(d for _, d, _ in found)
        choice = _pick(squeezed, sorted({w for w, d, _ in found if d == best}))
        if choice is None:
            return word  # two words equally close: not sure enough
        stem = next((s for s in self._stems if squeezed.startswith(s)), None)
        if best > 1 and stem is not None and not choice.startswith(stem):
            return word  # "frothing" (froth\w*) is not "nothing"; "headake" (head\w*) is still "headache"
        if self._language.rarity(word) >= MISSPELLING_ZIPF:
            return word  # a real word ("chess", "breeding"), not a slip
        return choice


def _pick(word: str, choices: list[str]) -> str | None:
    """The one intended word among equally close ones: the only one, else the one with the
    same letters (two swapped: "pian" -> "pain"), else the one without a doubled letter
    ("clott" -> "clot"), else the only one with the same first two letters, else the only one
    the word is with one letter dropped ("swallowd" -> "swallowed", not "swallow"); None if unsure."""
    if len(choices) == 1:
        return choices[0]
    for keep in (lambda c: sorted(c) == sorted(word), lambda c: c == _DOUBLED.sub(r"\1", word),
                 lambda c: c[:2] == word[:2], lambda c: _dropped_letter(word, c)):
        kept = [c for c in choices if keep(c)]
        if len(kept) == 1:
            return kept[0]
    return None


def _dropped_letter(word: str, candidate: str) -> bool:
    """True when ``word`` is ``candidate`` with one letter left out."""
    return len(candidate) == len(word) + 1 and any(candidate[:i] + candidate[i + 1:] == word for i in range(len(candidate)))


_AFTER_WILL_WOULD = (
    "never|not|be|do|just|go|have|see|take|kill|end|make|get|try|always|probably|miss|hurt|jump|hear|need|still|"
    "ever|only|soon|die|stop|leave|sort|finish|wake|come|call|tell|rather|sooner|like|love|prefer|better|want|hate|give|"
    "drive|walk|swallow|put|cut|hang|disappear|run|sleep|lie")
"""Words after a bare "ill", "id", "hell", "shed" that make it the contraction: verbs and adverbs of "will" and "would"."""

_NOT_ILL = "".join(f"(?<!{w} )" for w in (
    "is am are was were be been being feel feels felt feeling very so really too fell falls quite seriously terminally "
    "mentally gets got get getting become became look looks looked looking seem seems seemed").split())
"""Words before "ill" that make it the adjective ("she is ill, never mind the exercises")."""

_POSSESSED = ("neck|necks|way|lives|life|business|problem|problems|fault|time|house|home|money|feelings|nerves|back|backs|"
              "shoulders|lap|hands|mind|minds|eyes|plate|day|days|hair|name|names|sake")
"""Nouns after a bare "everyones", "nobodys" ... that make it the possessive ("a weight round everyones neck")."""

BARE_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (rf"{_NOT_ILL}\bill (?=(?:{_AFTER_WILL_WOULD})\b)", "i will "),
    (rf"\b(he|she|you|they|it)ll (?=(?:{_AFTER_WILL_WOULD})\b)", r"\1 will "),
    (rf"\b(i|he|she)d (?=(?:{_AFTER_WILL_WOULD})\b)", r"\1 would "),
    (r"\b(you|they|it)ll\b", r"\1 will"),
    # (Twenty-first session: "everyones neck" is a possessive; "everyone is neck" was cut as a new statement.)
    (rf"\b(everyone|everybody|nobody|noone|someone|somebody)s (?=(?:{_POSSESSED})\b)", r"\1 "),
    (r"\b(everything|nothing|something|everyone|everybody|nobody|noone|someone|somebody)s\b", r"\1 is"),
)
"""Apostrophe-less contractions (twentieth session, ``--strip-punctuation drop``): "ill", "id", "hell" and "shed" only
before a word of :data:`_AFTER_WILL_WOULD`; "youll", "theyll", "itll" and "everythings" always. Stripped tuning
parts (apostrophes dropped): crisis 642 -> 644/650, near misses 5 -> 4/2385 ("i thought id have a heart attack" reads
as the figure it is); tests/data/safety/README.md, Twentieth round."""
