"""A learned safety net under the red-flag rules: emergency / crisis / none from a sentence's meaning.

The rules (:mod:`voice_guide.nlu.safety`) decide first. When they find nothing, this small
classifier reads the same text: softmax regression (fitted by the project's own logistic
regression by full-batch Adam, in ``scripts/fit_safety_model.py``) over

- the sentence vector of :mod:`voice_guide.nlu.embedding` (the model the engine already
  loaded: no memory beyond this file's weights), and
- hashed word, word-pair and character n-gram features of the rules' normalised text
  (:func:`~voice_guide.nlu.safety_text.normalise`): character n-grams tolerate typing slips
  and recognizer spellings ("cant breath", "hes chokin").

Its weights are pack data beside ``safety.yaml`` (``learned.model``, an ``.npz`` file), fitted
only on the tuning parts of the safety set and the rules' regression phrasings. A crisis
probability of at least ``learned.crisis_at`` gives the crisis reply; an emergency probability
of at least ``learned.emergency_at`` the emergency reply, of at least ``learned.confirm_at``
the confirmation question. It never silences an alarm of the rules: at most, with
``learned.doubt_at`` (any text) or ``learned.doubt_in_context_at`` (a text with a history,
question or idiom cue the rules did not act on), an emergency the net is all but sure is none
is asked about (the confirmation question, which still says to call the emergency number).
Where the rules negated a red-flag phrase, its bars are higher (``learned.negated_at``; the
question at most), and so where a figure of speech took one away (``learned.figure_at``); where they found one crisis warning sign not enough alone, a lower crisis bar
(``learned.crisis_sign_at``) lets the two weak signals together give the crisis reply. Bad settings in ``safety.yaml`` are a content error when the pack
loads; a missing or broken weights file turns the net off with a warning (the rules still
stand).
"""

from __future__ import annotations

import io
import logging
import math
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from voice_guide.content.pack import DEFAULTS_DIR, ContentPack
from voice_guide.core.errors import ContentError, VoiceGuideError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, read_bytes_bounded
from voice_guide.nlu.embedding import BackgroundTopicSimilarity, Embedder, Vectors
from voice_guide.nlu.safety_text import normalise

_LOGGER = logging.getLogger(__name__)

CLASSES = ("none", "emergency", "crisis")
"""The net's classes, in the order of its weight columns."""

FORMAT_VERSION = 1
"""Raise when the features change: a weights file of another version is not used."""


class SentenceVectors(Protocol):
    """The sentence vector of a text (unit length), or None when the model is not available."""

    def __call__(self, text: str) -> Vectors | None: ...


@dataclass(frozen=True)
class NetSettings:
    """How ``safety.yaml``'s ``learned:`` section tells the net to speak."""

    model: str
    """The weights file, beside the ``safety.yaml`` in use."""

    crisis_at: float
    """Crisis probability from which the crisis reply is given."""

    emergency_at: float
    """Emergency probability from which the emergency reply is given."""

    confirm_at: float
    """Emergency probability from which the confirmation question is asked."""

    doubt_at: float | None = None
    """None probability from which an emergency the rules raise is asked about (the confirmation
    question, which still says to call the emergency number) rather than declared; None: never.
    Never applies to crisis talk."""

    doubt_in_context_at: float | None = None
    """The same, only for a text with a cue of the rules' context that did not cancel the alarm
    (a history marker, a question's start, an idiom: :meth:`voice_guide.nlu.safety.SafetyRules.context_cue`);
    None: never."""

    crisis_long_at: float | None = None
    """A lower crisis bar for an utterance of at least :attr:`long_words` words (indirect crisis
    talk is a sentence; a short command such as "keep going" must not reach it); None: off."""

    long_words: int = 7
    """Words from which :attr:`crisis_long_at` applies."""

    negated_at: float | None = None
    """For a text in which the rules found a red-flag phrase and cancelled it by negation ("her
    face isn't drooping", "I'm not thinking of hurting myself"): the net's crisis reply and
    confirmation question need at least this probability, and it never gives the emergency reply
    there (the question at most: the rules may have negated a real report); None: the usual bars."""

    crisis_sign_at: float | None = None
    """The crisis bar for a text in which the rules found a crisis warning sign that was not
    enough alone (one family of ``crisis_signs:`` below its threshold): two weak signals, the
    rules' and the net's, together; None: off."""

    session_talk_at: float | None = None
    """For a text that talks about using the guide or its session (``context.session_talk``: "i
    have no idea what to say to it", "we will carry on tomorrow"): the net's crisis reply and
    confirmation question need at least this probability, and a weak crisis sign of the rules
    does not lower the crisis bar there (:attr:`crisis_sign_at`); None: the usual bars."""

    figure_at: float | None = None
    """For a text in which a red-flag phrase of the rules lies inside a figure of speech of
    ``context.idioms`` ("that film was so bad I wanted to die", "she'll have a seizure when she finds
    out"): the net's crisis reply and confirmation question need at least this probability, and it
    never gives the emergency reply there (the question at most), as for a negated phrase
    (:attr:`negated_at`); None: the usual bars."""

    recovered_at: float | None = None
    """For a text in which the rules read crisis talk as history and someone is said to be well now
    ("when i was a student i went through a phase of cutting myself, i've been well for a decade"):
    the net's crisis reply and confirmation question need at least this probability, and it never
    gives the emergency reply there, as for a negated phrase; None: the usual bars."""

    asked_at: float | None = None
    """For a text that only asks about something in general, with nobody in it and no word of now ("is pain
    and not moving a vicious circle": the net's emergency 0.91): the net's confirmation question needs at
    least this probability and it never gives the emergency reply there; its crisis bar is unchanged ("what
    is the point of going on" stays crisis talk). None: the usual bars (twenty-second session)."""

    calm_remark_at: float | None = None
    """For a message of calm remarks only, with no word of the rules' lexicons ("he's wide awake and comfy":
    ``calm_remarks:``): the net's crisis reply and confirmation question need at least this probability and it
    never gives the emergency reply there; None: the usual bars (twenty-third session, second part)."""

    def bars(self, text: str, negated: bool, figurative: bool = False,
             recovered: bool = False, asked: bool = False) -> tuple[float, float, float]:
        """The crisis, emergency and confirmation bars for ``text`` (``negated``: the rules
        cancelled a red-flag phrase of it by negation; ``figurative``: a red-flag phrase of it is
        inside a figure of speech; ``recovered``: crisis talk of it is history and someone is well
        now; ``asked``: it only asks about something in general, :attr:`asked_at`); an emergency bar
        above 1 is never reached."""
        crisis, emergency, confirm = self.crisis_bar(text), self.emergency_at, self.confirm_at
        for cue, bar in ((negated, self.negated_at), (figurative, self.figure_at), (recovered, self.recovered_at)):
            if cue and bar is not None:
                crisis, emergency, confirm = max(crisis, bar), 2.0, max(confirm, bar)
        if asked and self.asked_at is not None:
            emergency, confirm = 2.0, max(confirm, self.asked_at)
        return crisis, emergency, confirm

    def crisis_bar(self, text: str) -> float:
        """The crisis bar for ``text``: :attr:`crisis_long_at` for a long utterance, else :attr:`crisis_at`."""
        if self.crisis_long_at is not None and len(text.split()) >= self.long_words:
            return min(self.crisis_at, self.crisis_long_at)
        return self.crisis_at

    @classmethod
    def from_data(cls, data: Any) -> NetSettings | None:
        """The settings of a ``learned:`` mapping (None when absent); a content error when malformed."""
        if data is None:
            return None
        if not isinstance(data, Mapping):
            raise ContentError("safety.yaml: learned: expected a mapping of model, crisis_at, emergency_at, confirm_at")
        model = str(data.get("model") or "").strip()
        if not model or "/" in model or "\\" in model or model.startswith("."):
            raise ContentError("safety.yaml: learned.model: the name of a file beside safety.yaml")
        values = {}
        for key in ("crisis_at", "emergency_at", "confirm_at"):
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 < float(value) <= 1.0:
                raise ContentError(f"safety.yaml: learned.{key}: a probability above 0 and at most 1, not {value!r}")
            values[key] = float(value)
        if values["confirm_at"] > values["emergency_at"]:
            raise ContentError("safety.yaml: learned.confirm_at must not be above learned.emergency_at")
        doubts: dict[str, float | None] = {}
        for key in ("doubt_at", "doubt_in_context_at"):
            doubt = data.get(key)
            if doubt is not None and (isinstance(doubt, bool) or not isinstance(doubt, int | float)
                                      or not 0.5 < float(doubt) <= 1.0):
                raise ContentError(f"safety.yaml: learned.{key}: a probability above 0.5 and at most 1, not {doubt!r}")
            doubts[key] = float(doubt) if doubt is not None else None
        long_at = _optional_probability(data, "crisis_long_at")
        long_words = data.get("long_words", 7)
        if isinstance(long_words, bool) or not isinstance(long_words, int) or not 1 <= long_words <= 100:
            raise ContentError(f"safety.yaml: learned.long_words: a whole number of words from 1 to 100, not {long_words!r}")
        negated_at = _optional_probability(data, "negated_at")
        sign_at = _optional_probability(data, "crisis_sign_at")
        session_at = _optional_probability(data, "session_talk_at")
        figure_at = _optional_probability(data, "figure_at")
        recovered_at = _optional_probability(data, "recovered_at")
        asked_at = _optional_probability(data, "asked_at")
        return cls(model, values["crisis_at"], values["emergency_at"], values["confirm_at"],
                   doubts["doubt_at"], doubts["doubt_in_context_at"],
                   long_at, long_words, negated_at, sign_at, session_at, figure_at, recovered_at, asked_at,
                   _optional_probability(data, "calm_remark_at"))


@dataclass(frozen=True)
class FeatureSettings:
    """How a text becomes the net's lexical features (stored with the weights)."""

    buckets: int = 2048
    """Size of the hashed feature space."""

    char_sizes: tuple[int, ...] = (3, 4)
    """Character n-gram lengths, over each word padded with a space on both sides."""

    embedding_weight: float = 1.0
    """Scale of the sentence vector against the lexical features (both of length 1)."""

    gap_words: int = 0
    """Word pairs with up to this many words between them are features too ("take ~ lot",
    "better ~ without"); 0: adjacent pairs only (files written before this field read as 0)."""


FUNCTION_WORDS = frozenset(
    "a an the and or but so then now what whats which who whom whose why how when where else "
    "is are am was were be been being do does did done have has had can could will would shall should may might must "
    "i me my you your he him his she her it its we us our they them their this that these those there here "
    "to of in on at for with from by as if than too very just only also again still yet "
    "um uh er erm eh ah oh hm hmm huh ok okay right well yeah yep yes".split())
"""Words that carry no red flag of their own: a text of nothing else ("and?", "so what now",
"hmm, okay") is never flagged by the net (tenth session: "and?" had been asked about at 0.82,
a sentence vector of a function word says nothing). Not in the list: "no", "not", "way", "out",
"over", "down", "gone" ("there's no way out for me", "he is down")."""


def has_content(text: str) -> bool:
    """True when ``feature_text(text)`` has a word outside :data:`FUNCTION_WORDS`."""
    return any(w not in FUNCTION_WORDS for w in feature_text(text).split())


def feature_text(text: str) -> str:
    """The text as the net reads it: the rules' normalisation without clause marks."""
    return " ".join(w for w in normalise(text, fold=False).split() if w != "|")


def lexical_features(text: str, settings: FeatureSettings) -> np.ndarray:
    """The hashed word, word-pair and character n-gram features of ``feature_text(text)``
    (length 1; zeros for an empty text)."""
    words = text.split()
    names = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    for gap in range(1, settings.gap_words + 1):
        names += [f"g:{a}_{b}" for a, b in zip(words, words[gap + 1:], strict=False)]
    for w in words:
        padded = f" {w} "
        names += [f"c:{padded[i:i + n]}" for n in settings.char_sizes for i in range(len(padded) - n + 1)]
    row = np.zeros(settings.buckets, dtype=np.float32)
    for name in set(names):
        row[zlib.crc32(name.encode("utf-8")) % settings.buckets] += 1.0
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def feature_row(vector: Vectors, text: str, settings: FeatureSettings) -> np.ndarray:
    """The net's whole feature row: sentence vector, lexical features, bias."""
    return np.concatenate([vector * settings.embedding_weight, lexical_features(text, settings),
                           np.ones(1, dtype=np.float32)]).astype(np.float32)


class SafetyNet:
    """Class probabilities (none, emergency, crisis) of a text."""

    def __init__(self, weights: np.ndarray, features: FeatureSettings, vectors: SentenceVectors,
                 path: Path | None = None) -> None:
        self.weights = np.asarray(weights, dtype=np.float32)
        self.features = features
        self._vectors = vectors
        self.path = path
        """The weights file: a pickled net (the engine's derived-data cache) keeps only this and
        reads the file again when unpickled, so a new weights file is never shadowed by a cache."""
        self.dim = self.weights.shape[0] - features.buckets - 1
        """Length of the sentence vectors the weights were fitted on."""
        self.usable = True
        """False once a sentence vector of another length was seen (another model): the net is off."""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if self.path is not None:
            state["weights"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self.weights is None and self.path is not None:
            try:
                self.weights, self.features, _dim = read_weights(self.path)
            except VoiceGuideError as exc:
                _LOGGER.warning("learned safety net off, the rules alone decide: %s", exc)
                self.weights, self.usable = np.zeros((self.dim + self.features.buckets + 1, len(CLASSES)), np.float32), False
            self.dim = self.weights.shape[0] - self.features.buckets - 1

    def probabilities(self, text: str) -> Vectors | None:
        """One probability per class of :data:`CLASSES`, or None when no sentence vector is available."""
        clean = feature_text(text)
        if not clean:
            return None
        vector = self._vectors(clean) if self.usable else None
        if vector is None:
            return None
        if vector.shape != (self.dim,):
            _LOGGER.warning("learned safety net off: sentence vectors of length %d, fitted on %d", vector.shape[0], self.dim)
            self.usable = False
            return None
        return probabilities(self.weights, feature_row(vector, clean, self.features))


def probabilities(weights: np.ndarray, rows: np.ndarray) -> Vectors:
    """Softmax of ``rows @ weights`` (one row or many)."""
    z = rows @ weights
    z = z - z.max(axis=-1, keepdims=True)
    p = np.exp(z)
    return (p / p.sum(axis=-1, keepdims=True)).astype(np.float32)


# --- the weights file -------------------------------------------------------------------------

def save_weights(weights: np.ndarray, features: FeatureSettings, about: str, dim: int) -> bytes:
    """The bytes of a weights file (``.npz``: weights, settings, and where they came from)."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, weights=weights.astype(np.float32), version=np.asarray(FORMAT_VERSION),
                        dim=np.asarray(dim), buckets=np.asarray(features.buckets),
                        char_sizes=np.asarray(features.char_sizes, dtype=np.int64),
                        embedding_weight=np.asarray(features.embedding_weight, dtype=np.float64),
                        gap_words=np.asarray(features.gap_words),
                        about=np.asarray(about))
    return buffer.getvalue()


def read_weights(path: Path) -> tuple[np.ndarray, FeatureSettings, int]:
    """The weights, feature settings and sentence-vector length of a file; a content error
    (one line) when it is not a weights file of this version."""
    data = read_bytes_bounded(path, PACK_FILE_LIMIT_BYTES, "safety model file", ContentError)
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as f:
            version = int(f["version"])
            weights = np.asarray(f["weights"], dtype=np.float32)
            features = FeatureSettings(int(f["buckets"]), tuple(int(n) for n in f["char_sizes"]),
                                       float(f["embedding_weight"]),
                                       int(f["gap_words"]) if "gap_words" in f.files else 0)
            dim = int(f["dim"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise ContentError(f"{path}: not a safety model file ({exc})") from None
    if version != FORMAT_VERSION:
        raise ContentError(f"{path}: safety model format {version}, this code reads {FORMAT_VERSION}")
    if dim < 1 or weights.shape != (dim + features.buckets + 1, len(CLASSES)):
        raise ContentError(f"{path}: safety model weights of shape {weights.shape}, expected "
                           f"({dim + features.buckets + 1}, {len(CLASSES)}) for sentence vectors of length {dim}")
    if not np.isfinite(weights).all() or not math.isfinite(features.embedding_weight) or features.buckets < 1 \
            or any(n < 1 for n in features.char_sizes) or not 0 <= features.gap_words <= 8:
        raise ContentError(f"{path}: safety model weights or settings are not finite, positive numbers")
    return weights, features, dim


def load_net(folder: Path, settings: NetSettings, vectors: SentenceVectors) -> SafetyNet | None:
    """The net of ``folder / settings.model``, or None (with a warning) when the file is missing or broken."""
    try:
        weights, features, _dim = read_weights(folder / settings.model)
    except VoiceGuideError as exc:
        _LOGGER.warning("learned safety net off, the rules alone decide: %s", exc)
        return None
    return SafetyNet(weights, features, vectors, folder / settings.model)


def safety_folder(pack: ContentPack) -> Path:
    """The folder of the ``safety.yaml`` a pack uses: its own, or the shared default's."""
    if pack.root is not None and (pack.root / "safety.yaml").is_file():
        return pack.root
    return DEFAULTS_DIR


class EmbedderVectors:
    """Sentence vectors of a loaded embedder."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, text: str) -> Vectors | None:
        return self._embedder.embed_one(text)


class BackgroundVectors:
    """Sentence vectors of the model the understander already loads in the background (the
    same embedder: no second copy in memory); the first call waits for the loading, None
    when the model could not be loaded. Picklable: the engine's derived-data cache keeps the
    background model out of its file and links it again when loading."""

    def __init__(self, semantic: BackgroundTopicSimilarity) -> None:
        self._semantic = semantic

    def __call__(self, text: str) -> Vectors | None:
        if not self._semantic.available:
            return None
        embedder = self._semantic._embedder  # the shared model (BackgroundTopicSimilarity has no public accessor)
        return embedder.embed_one(text) if embedder is not None else None


def _optional_probability(data: Mapping[str, Any], key: str) -> float | None:
    """``learned.<key>`` of ``safety.yaml``: None when absent, else a probability above 0 and at most 1."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 < float(value) <= 1.0:
        raise ContentError(f"safety.yaml: learned.{key}: a probability above 0 and at most 1, not {value!r}")
    return float(value)
