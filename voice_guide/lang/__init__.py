"""Language-specific text rules behind one :class:`Language` protocol.

The understanding (``voice_guide.nlu``) is written for any language; what depends on the
language - how text is cleaned, contractions, stemming, stopwords, number words and how
rare a word is in everyday speech - comes from a :class:`Language`. ``en`` is the one
implementation so far (:mod:`voice_guide.lang.en`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from voice_guide.core.errors import ContentError


class Language(Protocol):
    """The language rules the understanding needs."""

    code: str
    """ISO 639-1 code, e.g. ``"en"``."""

    stopwords: frozenset[str]
    """Function words: they shape a question ("what is", "how do") but carry no topic."""

    number_words: dict[str, int]
    """Spoken numbers ("seven" -> 7)."""

    pronouns: frozenset[str]
    """Words that stand for a thing named before ("it"): read as the guide's subject when nothing is named."""

    pointing_words: frozenset[str]
    """Words that stand for something named before ("that", "his"): a question holding one is not read alone."""

    question_starts: frozenset[str]
    """Words a question clause begins with, after cleaning ("what", "is", "can"): where a question after a preamble starts."""

    asking_words: frozenset[str]
    """Words that begin a question even in the middle of unpunctuated text ("what", "how")."""

    wrapper_openers: tuple[str, ...]
    """Regular expressions of what is said before a question and says nothing about it ("hello", "i am a carer")."""

    wrapper_closers: tuple[str, ...]
    """Regular expressions of what is said after a question and says nothing about it ("thank you", "if you know")."""

    ramble_starts: frozenset[str]
    """Words that begin a closing ramble after the question ("anyway")."""

    opening_asked: re.Pattern[str]
    """The opening of the article asked for by name in cleaned text ("read me the introduction"), not a command to read
    the article from its start."""

    linking_words: frozenset[str]
    """Words between a thing and what is said of it ("is", "keeps", "getting": "my savings are shrinking")."""

    determiners: frozenset[str]
    """Words a named thing begins with ("my", "the")."""

    body_words: frozenset[str]
    """Parts of the body ("shoulders", "knees"): a state said of one is said of a person, not of another thing."""

    def normalize(self, text: str) -> str:
        """Lower-case, contractions expanded, punctuation removed, single spaces."""
        ...

    def expand_contractions(self, text: str) -> str:
        """Lower-case text with contractions written out ("can't" -> "can not")."""
        ...

    def stem(self, word: str) -> str:
        """The stem of one normalized word."""
        ...

    def plain_question(self, text: str) -> str | None:
        """The plain question a cleaned fragment stands for ("arthritis meaning" -> "what is arthritis", "flu
        symptoms" -> "symptoms of flu"); None when ``text`` is no such fragment."""
        ...

    def unlabelled(self, text: str) -> str | None:
        """Raw ``text`` without the heading of a note it opens with ("Handover: ..."), or None when it has none."""
        ...

    def points_at_article(self, cleaned: str) -> bool:
        """Whether a cleaned sentence points at the article or at what the guide said ("what does the article say
        about ...", "is that the stiffness you mentioned")."""
        ...

    def unaddressed(self, text: str) -> str | None:
        """Raw ``text`` without a voice assistant's wake word or "okay so" before it and thanks after it ("hey guide,
        what causes it, thanks"), or None when it has none or nothing else."""
        ...

    def is_participle(self, word: str) -> bool:
        """Whether one cleaned word reads as a participle ("flickering", "wasted"): a state said before a thing."""
        ...

    def rarity(self, word: str) -> float:
        """How common ``word`` is in everyday use, on the Zipf scale (about 0 rare .. 8 very common)."""
        ...

    def refers_back(self, sentence: str, connectives: bool = True) -> bool:
        """Whether ``sentence`` begins by pointing back at what a sentence before it said ("These factors ...";
        with ``connectives`` also by going on from it: "For example, ..."): it is read with that sentence."""
        ...


_UNFOLDED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ŀ": "l"})
"""Latin letters with no decomposition to a plain letter and a mark (Polish "ł", Danish "ø", German "ß")."""


def fold_accents(text: str) -> str:
    """``text`` with accented Latin letters as their plain letters ("artículo" -> "articulo", "trzęsie się" ->
    "trzesie sie", "słaby" -> "slaby"): a word of another language written with its accents is kept whole, not cut
    in two by a rule that drops what is not a-z. One home for understanding (:mod:`voice_guide.lang.en`) and the
    safety check (:mod:`voice_guide.nlu.safety_text`); thirty-seventh session."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_UNFOLDED))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def get_language(code: str = "en") -> Language:
    """The rules for language ``code`` (a pack's ``language``)."""
    base = (code or "en").split("-")[0].split("_")[0].lower()
    if base == "en":
        from voice_guide.lang.en import ENGLISH

        return ENGLISH
    raise ContentError(f"language {code!r} is not supported (supported: en)")
