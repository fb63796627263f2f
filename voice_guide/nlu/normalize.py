"""Text normalization for matching: cleaned text, synonyms mapped onto the article's words, stems."""

from __future__ import annotations

import re
from collections.abc import Iterable

from voice_guide.lang import Language, get_language

FRAME = "~"
"""Prefix of a stopword token: such tokens shape a question ("what is", "how do") but carry no topic."""


FRAME_PHRASE = "~"
"""Prefix of a lexicon phrase that is no drop-in word for its canonical word: a question frame ("~what should i do",
"~see someone" for "healthcare provider"), a verb for a noun ("~reverses" for "rebuild"). It maps onto its canonical
word only in a text that names something else of the lexicon (:meth:`TextNormalizer.canonical_text`), and stands alone
among the recognizer's sentences (:mod:`voice_guide.nlu.understanding_sentences`)."""


_EARLY_FILLER_WORDS = 3
"""Filler phrases of this many words or more are removed before synonyms are mapped."""


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One whole-word pattern for these phrases, or None when there are none."""
    alts = [re.escape(p) for p in phrases if p]
    return re.compile(r"\b(" + "|".join(alts) + r")\b") if alts else None


class TextNormalizer:
    """Lower-cases, expands contractions, maps synonyms onto the article's words, stems."""

    def __init__(self, synonyms: dict[str, tuple[str, ...]], filler: Iterable[str], language: Language | None = None) -> None:
        self.language = language or get_language("en")
        pairs: list[tuple[str, str]] = []
        frames: set[str] = set()
        for canonical, phrases in synonyms.items():
            for phrase in phrases:
                pairs.append((self.language.normalize(phrase), canonical))
                if phrase.strip().startswith(FRAME_PHRASE):
                    frames.add(pairs[-1][0])
        pairs.sort(key=lambda p: -len(p[0]))
        self._canonical = {phrase: canonical for phrase, canonical in pairs if phrase}
        self._frames = frozenset(frames)
        """Phrases that map only beside another word of the lexicon (see :data:`FRAME_PHRASE`)."""
        self._framed = frozenset(self._canonical[f] for f in frames)
        """The canonical words frame phrases map onto."""
        self._key_words = frozenset(w for key in synonyms if key not in self._framed
                                    for w in self.language.normalize(key).split() if w not in self.language.stopwords)
        """The canonical words whose presence makes a frame phrase map (all but the frames' own)."""
        self._synonym_re = (
            re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in pairs if p) + r")\b") if pairs else None
        )
        filler_phrases = sorted({self.language.normalize(f) for f in filler if f.strip()}, key=len, reverse=True)
        self._filler_multi = _alternation(f for f in filler_phrases if " " in f)
        # long filler phrases ("i am a nurse", "in simple words") go before synonyms map their words
        self._filler_early = _alternation(f for f in filler_phrases if len(f.split()) >= _EARLY_FILLER_WORDS)
        self._filler = frozenset(f for f in filler_phrases if " " not in f)

    @staticmethod
    def clean(text: str) -> str:
        """Lower-case, straight apostrophes, contractions expanded, punctuation removed (English rules)."""
        return get_language("en").normalize(text)

    def canonical_text(self, text: str) -> str:
        """Cleaned text with synonyms replaced by the article's words; a frame phrase (:data:`FRAME_PHRASE`) only
        when the text also holds another phrase or canonical word of the lexicon (not one of the frames' own
        words): "my legs are getting weaker, what should i do" asks for the see-a-doctor passage's "healthcare
        provider", "what should i do about my noisy neighbours" names nothing of the article."""
        text = self.language.normalize(text)
        if self._synonym_re is None:
            return text
        if self._frames and not self._names_subject(text):
            return self._synonym_re.sub(lambda m: m.group(1) if m.group(1) in self._frames else self._canonical[m.group(1)], text)
        return self._synonym_re.sub(lambda m: self._canonical[m.group(1)], text)

    def names_subject(self, text: str) -> bool:
        """Whether ``text`` names something of the lexicon that is no question frame ("spasticity", "the nerve type";
        not "what should i do")."""
        cleaned = self.language.normalize(text)
        return self._synonym_re is not None and self._names_subject(cleaned)

    def _names_subject(self, text: str) -> bool:
        """Whether cleaned ``text`` holds a lexicon phrase that is no frame and maps onto no frame's canonical word,
        or one of :attr:`_key_words`."""
        assert self._synonym_re is not None
        for m in self._synonym_re.finditer(text):
            if m.group(1) not in self._frames and self._canonical[m.group(1)] not in self._framed:
                return True
        return any(w in self._key_words for w in text.split())

    def phrases(self, cleaned: str) -> list[tuple[int, int, bool]]:
        """``(first word, end word, is a frame)`` of every lexicon phrase in cleaned ``cleaned``, as word indices."""
        if self._synonym_re is None:
            return []
        return [(len(cleaned[:m.start()].split()), len(cleaned[:m.end()].split()), m.group(1) in self._frames)
                for m in self._synonym_re.finditer(cleaned)]

    def is_filler(self, word: str) -> bool:
        """Whether one cleaned word is filler (people, possessives: "dad", "my"; :meth:`word_pairs` drops it)."""
        return word in self._filler

    def in_lexicon(self, word: str) -> bool:
        """Whether one cleaned word is a whole phrase or canonical word of the lexicon."""
        return word in self._canonical or word in self._key_words

    def tokens(self, text: str) -> list[str]:
        """Content-word stems of ``text``, in order, duplicates kept."""
        return [t for t in self.all_tokens(text) if not t.startswith(FRAME)]

    def all_tokens(self, text: str) -> list[str]:
        """Stems of every word but filler; stopwords come marked with a leading ``~``
        (they shape a question: "what is" against "how do you treat")."""
        return [stem for stem, _ in self.word_pairs(text)]

    def word_pairs(self, text: str) -> list[tuple[str, str]]:
        """``(token, word)`` for every word but filler: the token as :meth:`all_tokens` gives
        it, and the (canonical) word it came from."""
        text = self.language.normalize(text)
        if self._filler_early is not None:
            text = self._filler_early.sub(" ", text)
        text = self.canonical_text(text)
        if self._filler_multi is not None:
            text = self._filler_multi.sub(" ", text)
        stop = self.language.stopwords
        out = []
        numbers = self.language.number_words
        for w in text.split():
            if w in self._filler or w in numbers or w.isdigit():
                continue
            out.append((FRAME + w if w in stop else self.stem(w), w))
        return out

    def stem(self, word: str) -> str:
        """Stem of one word."""
        return self.language.stem(word)
