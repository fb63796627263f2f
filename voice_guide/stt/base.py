"""What every recognizer gives and takes: transcripts, domain vocabularies, the protocol.

A recognizer turns one utterance of 16 kHz mono 16-bit PCM into a :class:`Transcript`.
It is built once (model loaded once) for a list of :class:`DomainVocabulary` phrase
sets and can switch between them with :meth:`Recognizer.use` without reloading.

What ``Transcript.confidence`` means
------------------------------------
A number in [0, 1] that answers "is this utterance one of the things this vocabulary
is about, and did we hear it right?". It is *not* a calibrated probability of the exact
word string, but it is calibrated in the sense that matters to the caller:

* in-domain speech that decodes cleanly scores high (typically 0.6 - 1.0);
* speech about something else (out-of-domain), mumbling, noise or a bad decode scores
  low (typically below 0.3), even though a domain-constrained decoder always finds
  *some* domain-looking words;
* silence and empty audio give text ``""`` and confidence ``0.0``.

Callers should use a threshold around 0.5 to decide between acting on the text and
asking the user to repeat. Each backend documents how it computes the number.
"""

from __future__ import annotations

import abc
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, iter_chunks
from voice_guide.core.errors import RecognizerError
from voice_guide.lang import fold_accents

__all__ = [
    "DomainVocabulary",
    "Recognizer",
    "RecognizerBase",
    "Transcript",
    "check_vocabularies",
    "normalize_words",
]


@dataclass(frozen=True)
class Transcript:
    """The result of recognizing one utterance."""

    text: str
    """Recognized words, lower-case, separated by single spaces; ``""`` when nothing was recognized."""

    confidence: float
    """0..1: high for clean in-domain speech, low for out-of-domain or garbled speech (see module doc)."""

    alternatives: tuple[tuple[str, float], ...] = ()
    """N-best list of ``(text, confidence)``, best first; may include ``text`` itself."""

    backend: str = ""
    """Which engine produced it: ``"pocketsphinx"`` or ``"vosk"``."""

    duration_ms: float = 0.0
    """Length of the decoded audio in milliseconds."""

    @property
    def words(self) -> tuple[str, ...]:
        """The recognized words."""
        return tuple(self.text.split())


@dataclass(frozen=True)
class DomainVocabulary:
    """A named phrase set a recognizer is constrained to."""

    name: str
    """Name used with :meth:`Recognizer.use`, e.g. ``"main"`` or ``"routine"``."""

    sentences: tuple[str, ...]
    """Domain sentences (sample questions, commands, article sentences); any case and punctuation."""

    lexicon_path: Path | None = None
    """CMU-format pronunciation overrides (a content pack's ``pronunciations.dict``), or None."""

    def words(self) -> list[str]:
        """The distinct normalised words of all sentences, in first-seen order."""
        seen: dict[str, None] = {}
        for sentence in self.sentences:
            for word in normalize_words(sentence):
                seen.setdefault(word, None)
        return list(seen)

    def tokenized(self) -> list[list[str]]:
        """Each non-empty sentence as a list of normalised words."""
        out = []
        for sentence in self.sentences:
            words = normalize_words(sentence)
            if words:
                out.append(words)
        return out


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _number_words(n: int) -> list[str]:
    """English words for 0 <= n < 1,000,000 (larger numbers are read digit by digit)."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [_ONES[hundreds], "hundred"] + (_number_words(rest) if rest else [])
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return _number_words(thousands) + ["thousand"] + (_number_words(rest) if rest else [])
    return [_ONES[int(d)] for d in str(n)]


_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?%?|[^\W\d_]+(?:'[^\W\d_]+)*", re.UNICODE)


def normalize_words(text: str) -> list[str]:
    """Split text into the lower-case words a recognizer would output.

    Accents on Latin letters are removed (``Barré`` -> ``barre``), hyphens and
    punctuation separate words, apostrophes inside words are kept (``cushing's``),
    numbers are spelled out (``10%`` -> ``ten percent``). Non-Latin scripts (Korean,
    for the Vosk tests) are kept as they are.
    """
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    out: list[str] = []
    for token in _TOKEN_RE.findall(text):
        if token[0].isdigit():
            percent = token.endswith("%")
            token = token.rstrip("%")
            whole, _, frac = token.partition(".")
            out.extend(_number_words(int(whole)))
            if frac:
                out.append("point")
                out.extend(_ONES[int(d)] for d in frac)
            if percent:
                out.append("percent")
            continue
        out.append(_strip_latin_accents(token.lower()))
    return out


def _strip_latin_accents(word: str) -> str:
    """``word`` with its accents folded (:func:`voice_guide.lang.fold_accents`, the one accent folder) when it is
    Latin script; any other script as written (Hangul decomposes into jamo)."""
    stripped = fold_accents(word)
    if stripped.isascii():
        return stripped
    return unicodedata.normalize("NFC", word)


def check_vocabularies(vocabularies: Sequence[DomainVocabulary]) -> None:
    """RecognizerError for no vocabulary, a duplicate name or a vocabulary without words."""
    if not vocabularies:
        raise RecognizerError("no vocabulary given: a recognizer needs at least one phrase set")
    names = [v.name for v in vocabularies]
    for name in names:
        if not name or names.count(name) > 1:
            raise RecognizerError(f"vocabulary names must be unique and non-empty, got {names}")
    for v in vocabularies:
        if not v.tokenized():
            raise RecognizerError(f"vocabulary {v.name!r} is empty: it has no sentence with a word in it")


@runtime_checkable
class Recognizer(Protocol):
    """A speech recognizer constrained to one of several domain vocabularies."""

    backend: str
    """``"pocketsphinx"`` or ``"vosk"``."""

    sample_rate_hz: int
    """The PCM rate :meth:`accept` expects (16000)."""

    def use(self, name: str) -> None:
        """Make the vocabulary called ``name`` active; :class:`RecognizerError` if unknown."""

    def start(self) -> None:
        """Begin an utterance."""

    def accept(self, pcm: bytes) -> None:
        """Feed a chunk of 16 kHz mono int16 little-endian PCM."""

    def finish(self) -> Transcript:
        """End the utterance and return what was said."""

    def transcribe(self, pcm: bytes, samples_per_chunk: int = 1024) -> Transcript:
        """Recognize a whole utterance: :meth:`start`, :meth:`accept` per chunk, :meth:`finish`."""


class RecognizerBase(abc.ABC):
    """Shared bookkeeping for the backends: vocabulary names, utterance state, transcribe()."""

    backend: str = ""
    sample_rate_hz: int = SAMPLE_RATE_HZ

    def __init__(self, vocabulary_names: Iterable[str]) -> None:
        self._names: tuple[str, ...] = tuple(vocabulary_names)
        if not self._names:
            raise RecognizerError("no vocabulary given: a recognizer needs at least one phrase set")
        self._active: str = self._names[0]
        self._in_utterance = False
        self._samples_in_utterance = 0

    @property
    def vocabulary_names(self) -> tuple[str, ...]:
        """Names of the phrase sets this recognizer knows, the first one active at load."""
        return self._names

    @property
    def active_vocabulary(self) -> str:
        """Name of the phrase set in use."""
        return self._active

    def use(self, name: str) -> None:
        """Make the vocabulary called ``name`` active (takes effect at the next :meth:`start`
        when called during an utterance)."""
        if name not in self._names:
            known = ", ".join(self._names)
            raise RecognizerError(f"unknown vocabulary {name!r} (this recognizer has: {known})")
        self._active = name
        if not self._in_utterance:
            self._activate(name)

    def start(self) -> None:
        """Begin an utterance (an unfinished previous one is discarded)."""
        if self._in_utterance:
            self._abort()
        self._activate(self._active)
        self._samples_in_utterance = 0
        self._in_utterance = True
        self._start()

    def accept(self, pcm: bytes) -> None:
        """Feed a chunk of 16 kHz mono 16-bit PCM (an odd trailing byte is ignored)."""
        if not self._in_utterance:
            raise RecognizerError("accept() called before start()")
        if len(pcm) % SAMPLE_WIDTH_BYTES:
            pcm = pcm[: len(pcm) - 1]
        if not pcm:
            return
        self._samples_in_utterance += len(pcm) // SAMPLE_WIDTH_BYTES
        self._accept(pcm)

    def finish(self) -> Transcript:
        """End the utterance and return the transcript."""
        if not self._in_utterance:
            raise RecognizerError("finish() called before start()")
        self._in_utterance = False
        return self._finish()

    def transcribe(self, pcm: bytes, samples_per_chunk: int = 1024) -> Transcript:
        """Recognize one whole utterance held in memory."""
        self.start()
        for chunk in iter_chunks(pcm, samples_per_chunk):
            self.accept(chunk)
        return self.finish()

    @property
    def _duration_ms(self) -> float:
        return 1000.0 * self._samples_in_utterance / self.sample_rate_hz

    def _empty(self) -> Transcript:
        return Transcript("", 0.0, (), self.backend, self._duration_ms)

    @abc.abstractmethod
    def _activate(self, name: str) -> None:
        """Switch the engine to vocabulary ``name`` (called outside utterances only)."""

    @abc.abstractmethod
    def _start(self) -> None:
        """Engine-specific utterance start."""

    @abc.abstractmethod
    def _accept(self, pcm: bytes) -> None:
        """Engine-specific processing of one non-empty chunk."""

    @abc.abstractmethod
    def _finish(self) -> Transcript:
        """Engine-specific utterance end."""

    def _abort(self) -> None:
        """Drop an unfinished utterance; default: finish it and ignore the result."""
        self._in_utterance = False
        self._finish()
