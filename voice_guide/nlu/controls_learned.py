"""A learned control-intent model, used where the control templates, cues and topics find nothing,
and as a second opinion on a weak control match (one clause of several, a cue, a fuzzy match):
sure of another intent, it replaces it (:data:`OVERRULE_BARS`); sure it is not a command, it
drops a cue (:data:`VETO_BARS`); of several intents cue words name, it picks one
(:data:`CHOOSE_BAR`); and it confirms a cue that stands against a weak knowledge answer
(:meth:`LearnedControls.confirmed`).

Softmax regression (fitted by the project's logistic regression,
:func:`voice_guide.nlu.classifier._fit`, in ``scripts/fit_control_model.py``) over

- the sentence vector of :mod:`voice_guide.nlu.embedding` (the model the understander already
  loads: no memory beyond this file's weights), and
- hashed words and neighbouring word pairs of the cleaned text (file format 1), and in format 2
  also the character trigrams of each word (measured: no gain, so the pack ships format 1).

The classes are control intents and, last, ``none`` (knowledge and out-of-domain questions, so
that the model learns what is *not* a command). The dialogue state restricts the intents the
model may give (``allowed``: one row per state, from the states the authors' lines were said
in and the state's preferences); the state's ``means`` then maps the intent as for templates.
An intent is given only when its probability, among the allowed intents and ``none``, is at
least ``min_probability`` (chosen by cross-validation by author).

The weights are pack data (``controls_model.npz``), fitted on the tuning parts of the
paraphrase sets and the pack's own templates' samples; a missing file turns the model off, a
broken one too, with a warning (the templates still stand).
"""

from __future__ import annotations

import io
import logging
import math
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voice_guide.core.errors import ContentError, VoiceGuideError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, read_bytes_bounded
from voice_guide.nlu.classifier import SparseRow
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlHit, ControlMatcher
from voice_guide.nlu.embedding import Vectors
from voice_guide.nlu.safety_learned import SentenceVectors
from voice_guide.nlu.state import DialogueState

_LOGGER = logging.getLogger(__name__)

MODEL_FILE = "controls_model.npz"
"""The pack's control-model file."""

NONE = "none"
"""The last class: not a command."""

FORMAT_VERSION = 1
"""The features of the files this code writes by default: 1 = words and word pairs, 2 = those and
the character trigrams of each word. Raise when the features change."""

READABLE_VERSIONS = (1, 2)
"""File versions this code reads (each with its own features); another version is rejected."""

OVERRULE_BARS: dict[str, float] = {"clause": 0.8, "cue": 0.8, "fuzzy": 0.8}
"""How a control was found (``ControlHit.how``) -> the bar at which the model's other intent
replaces it (absent: never). Measured by author and on the held-out halves
(``scripts/eval_controls_learned.py``, docs/understanding.md, eighth round): a template matched
as said or after the polite words are stripped is not overruled (no gain, one loss by author)."""

VETO_BARS: dict[str, float] = {"cue": 0.95}
"""How a control was found -> the probability of ``none`` at which it is dropped, so that the
knowledge matching goes on ("a week of activity enough?" is not ``stop``); absent: never."""

AWAITED_VETO_BAR: float = 0.98
"""The veto bar for a cue's hit of the state's awaited answer (``StatePreference.awaited``: yes / no at the safety
check, ready while waiting), instead of :data:`VETO_BARS`' 0.95. Twenty-fourth round: the model refitted on the tune24
split vetoed "his foot is up on the cushion" (none 0.954) and "he feels good this morning" (0.950); with no veto at all
the twentieth round's non-command "her physio said these are good for her" (0.987) became yes at the safety check.
Tuning and held-out halves of the two states: docs/controls.md, "Twenty-fourth round"."""

CHOOSE_BAR: float | None = 0.3
"""When cue words name several intents, the model's most probable of them is taken when at least
this probable (None: the cues' own order): "i want the complete answer, not the short one" is
``full``, not the first rule's ``brief``. Measured by author and on the held-out halves
(``scripts/eval_controls_learned.py``, docs/understanding.md, "Eighth round: controls")."""

RESTRICTED_HOWS: frozenset[str] = frozenset()
"""How a control was found -> dropped when its intent is not one the model may give in the state
(``allowed``: "can it skip a generation" is not ``next`` in ``idle``). Measured, off: it
lost commands by author (a new author says some intents in states no other author did)."""

NEVER_CHOSEN: frozenset[str] = frozenset({"yes"})
"""Intents the model's choice never takes over the one the cue rules put first: a leading "yeah"
or "okay" names ``yes`` in nearly every command ("yeah yeah continue" is ``more``)."""

STATES = tuple(s.value for s in DialogueState)
"""Rows of the ``allowed`` matrix, in this order."""


def word_buckets(text: str, buckets: int, version: int = 1) -> list[int]:
    """The hashed words and neighbouring word pairs of ``text`` (cleaned), and from ``version`` 2
    the character trigrams of each word (with its edges: "#go#" gives "#go", "go#"), each bucket once."""
    words = text.split()
    names = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    if version >= 2:
        for word in words:
            padded = f"#{word}#"
            names += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
    return sorted({zlib.crc32(n.encode("utf-8")) % buckets for n in names})


def sparse_row(text: str, buckets: int, version: int = 1) -> SparseRow:
    """The hashed part of a feature row of file ``version`` (length 1; empty for an empty text)."""
    columns = word_buckets(text, buckets, version)
    value = 1.0 / math.sqrt(len(columns)) if columns else 0.0
    return SparseRow(np.asarray(columns, dtype=np.int64), np.full(len(columns), value, dtype=np.float32))


@dataclass(frozen=True)
class ControlModelData:
    """The contents of a control-model file."""

    weights: np.ndarray
    """(vector length + buckets + 1, classes): sentence vector rows, word buckets, bias."""

    classes: tuple[str, ...]
    """Control intents, then ``none``."""

    allowed: np.ndarray
    """(len(STATES), classes) booleans: the intents the model may give in each state (``none`` always)."""

    buckets: int
    """Size of the hashed word space."""

    min_probability: float
    """The bar: an intent below this probability is not given."""

    about: str = ""
    """Where the weights came from."""

    version: int = FORMAT_VERSION
    """The file version, which says the features (:func:`word_buckets`)."""

    @property
    def dim(self) -> int:
        """Length of the sentence vectors the weights were fitted on."""
        return int(self.weights.shape[0]) - self.buckets - 1


def save_model(data: ControlModelData) -> bytes:
    """The bytes of a control-model file (``.npz``)."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, weights=data.weights.astype(np.float32), classes=np.asarray(data.classes),
                        allowed=data.allowed.astype(bool), states=np.asarray(STATES),
                        buckets=np.asarray(data.buckets), min_probability=np.asarray(data.min_probability),
                        version=np.asarray(data.version), about=np.asarray(data.about))
    return buffer.getvalue()


def read_model(path: Path) -> ControlModelData:
    """The contents of a control-model file; a content error (one line) when it is not one of this version."""
    raw = read_bytes_bounded(path, PACK_FILE_LIMIT_BYTES, "control model file", ContentError)
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as f:
            version = int(f["version"])
            data = ControlModelData(np.asarray(f["weights"], dtype=np.float32), tuple(str(c) for c in f["classes"]),
                                    np.asarray(f["allowed"], dtype=bool), int(f["buckets"]),
                                    float(f["min_probability"]), str(f["about"]), version)
            states = tuple(str(s) for s in f["states"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise ContentError(f"{path}: not a control model file ({exc})") from None
    if version not in READABLE_VERSIONS:
        readable = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ContentError(f"{path}: control model format {version}, this code reads format {readable}")
    _check(path, data, states)
    return data


def _check(path: Path, data: ControlModelData, states: tuple[str, ...]) -> None:
    classes = data.classes
    if not classes or classes[-1] != NONE or len(set(classes)) != len(classes) \
            or any(c not in CONTROL_INTENTS for c in classes[:-1]):
        raise ContentError(f"{path}: control model classes must be known control intents, then {NONE!r}")
    if states != STATES:
        raise ContentError(f"{path}: control model states {list(states)}, this code has {list(STATES)}")
    if data.buckets < 1 or data.dim < 1 or data.weights.shape[1] != len(classes):
        raise ContentError(f"{path}: control model weights of shape {data.weights.shape} do not fit "
                           f"{len(classes)} classes and {data.buckets} buckets")
    if data.allowed.shape != (len(STATES), len(classes)):
        raise ContentError(f"{path}: control model allowed intents of shape {data.allowed.shape}, "
                           f"expected {(len(STATES), len(classes))}")
    if not np.isfinite(data.weights).all() or not 0.0 < data.min_probability <= 1.0:
        raise ContentError(f"{path}: control model weights not finite or min_probability not in (0, 1]")


class LearnedControls:
    """The control intent of a text the templates did not match, or None."""

    def __init__(self, data: ControlModelData, vectors: SentenceVectors, controls: ControlMatcher) -> None:
        self.data = data
        self.min_probability = data.min_probability
        """The bar (the file's; a measuring script may change it)."""
        self._vectors = vectors
        self._controls = controls
        self._rows = {state: np.flatnonzero(data.allowed[i]) for i, state in enumerate(STATES)}
        self.overrule: dict[str, float] = dict(OVERRULE_BARS)
        """``ControlHit.how`` -> the probability at which the model's other intent replaces that hit."""
        self.veto: dict[str, float] = dict(VETO_BARS)
        """``ControlHit.how`` -> the probability of ``none`` at which that hit is dropped."""
        self.choose: float | None = CHOOSE_BAR
        """The bar of the model's choice among several intents a text named (None: off)."""
        self.never_chosen: set[str] = set(NEVER_CHOSEN)
        """Intents the choice never takes over the cue rules' first."""
        self.restricted: set[str] = set(RESTRICTED_HOWS)
        """``ControlHit.how`` values dropped when the intent is not allowed in the state."""
        self.usable = True
        """False once a sentence vector of another length was seen (another model): the model is off."""

    def probabilities(self, cleaned: str, state: DialogueState) -> tuple[Sequence[str], Vectors] | None:
        """``(classes allowed in state, their probabilities)`` of ``cleaned``, or None without a sentence vector."""
        vector = self._vectors(cleaned) if self.usable and cleaned else None
        if vector is None:
            return None
        if vector.shape != (self.data.dim,):
            _LOGGER.warning("learned controls off: sentence vectors of length %d, fitted on %d", vector.shape[0], self.data.dim)
            self.usable = False
            return None
        part = sparse_row(cleaned, self.data.buckets, self.data.version)
        w = self.data.weights
        z = vector @ w[: self.data.dim] + w[-1]
        if len(part.columns):
            z = z + part.values @ w[self.data.dim + part.columns]
        keep = self._rows[state.value]
        z = z[keep] - z[keep].max()
        p = np.exp(z)
        return [self.data.classes[i] for i in keep], (p / p.sum()).astype(np.float32)

    def predict(self, cleaned: str, state: DialogueState) -> ControlHit | None:
        """The control intent of ``cleaned`` in ``state`` (after the state's ``means``), or None when
        the model is not sure enough or thinks it is not a command, or ``cleaned`` negates a command
        into none ("don't change the voice": :meth:`ControlMatcher.refused`)."""
        if self._controls.refused(cleaned, state):
            return None
        best = self._best(cleaned, state)
        if best is None or best[0] == NONE or best[1] < self.min_probability:
            return None
        return self._hit(best[0], best[1], cleaned, state)

    def second_opinion(self, hit: ControlHit, cleaned: str, state: DialogueState) -> ControlHit | None:
        """``hit`` (a template's, cue's or fuzzy match's intent), or the model's other intent when
        the model is at least :attr:`overrule` ``[hit.how]`` sure of it; None when the model is at
        least :attr:`veto` ``[hit.how]`` sure that the text is not a command. A negated command's
        hit stands ("don't stop, she's fine" is ``resume`` whatever the model, which reads ``stop``)."""
        if hit.how in self.restricted and not self.allowed(hit.intent, state):
            return None
        if hit.how == "negated" or self._controls.negated(cleaned, state) is not None:
            return hit
        if hit.others and self.choose is not None:
            hit = self.choose_among(hit, cleaned, state, self.choose)
        overrule, veto = self.overrule.get(hit.how), self.veto.get(hit.how)
        best = self._best(cleaned, state) if overrule is not None or veto is not None else None
        if best is None:
            return hit
        name, probability = best
        if name == NONE:
            if veto is not None and self._awaited(hit, state):
                veto = max(veto, AWAITED_VETO_BAR)
            return None if veto is not None and probability >= veto else hit
        if overrule is None or probability < overrule:
            return hit
        other = self._hit(name, probability, cleaned, state)
        return hit if other is None or other.intent == hit.intent else other

    def _awaited(self, hit: ControlHit, state: DialogueState) -> bool:
        """True when ``hit`` is the state's awaited answer (``StatePreference.awaited``): vetoed only at
        :data:`AWAITED_VETO_BAR`."""
        pref = self._controls.preferences.get(state)
        return pref is not None and hit.intent in pref.awaited

    def allowed(self, intent: str, state: DialogueState) -> bool:
        """False when the model may not give ``intent`` in ``state`` (nor an intent the state maps to it)."""
        pref = self._controls.preferences.get(state)
        means = pref.means if pref is not None else {}
        names = {self.data.classes[i] for i in self._rows[state.value]}
        return intent not in self.data.classes or any(means.get(n, n) == intent for n in names)

    def choose_among(self, hit: ControlHit, cleaned: str, state: DialogueState, bar: float) -> ControlHit:
        """Of ``hit``'s intent and the others the text named, the one the model finds most probable
        (the probabilities of the classes the state maps to it summed), when at least ``bar``."""
        got = self.probabilities(cleaned, state)
        if got is None:
            return hit
        pref = self._controls.preferences.get(state)
        means = pref.means if pref is not None else {}
        totals: dict[str, float] = {}
        for name, probability in zip(got[0], got[1], strict=True):
            totals[means.get(name, name)] = totals.get(means.get(name, name), 0.0) + float(probability)
        named = {hit.intent: hit.slots, **{k: v for k, v in hit.others.items() if k not in self.never_chosen}}
        best = max(named, key=lambda n: totals.get(n, 0.0))
        if best == hit.intent or totals.get(best, 0.0) < bar:
            return hit
        others = {k: v for k, v in named.items() if k != best}
        return ControlHit(best, named[best], hit.score, hit.how, others)

    def confirmed(self, hit: ControlHit | None, cleaned: str, state: DialogueState, bar: float) -> ControlHit | None:
        """``hit`` when the model's most probable class is its intent too, at least ``bar`` sure; else None."""
        if hit is None:
            return None
        best = self._best(cleaned, state)
        if best is None or best[0] == NONE or best[1] < bar:
            return None
        mine = self._hit(best[0], best[1], cleaned, state)
        return hit if mine is not None and mine.intent == hit.intent else None

    def _best(self, cleaned: str, state: DialogueState) -> tuple[str, float] | None:
        got = self.probabilities(cleaned, state)
        if got is None:
            return None
        names, probs = got
        best = int(probs.argmax())
        return names[best], float(probs[best])

    def _hit(self, name: str, probability: float, cleaned: str, state: DialogueState) -> ControlHit | None:
        slots: dict[str, str] = {}
        if name == "start_routine":
            routine = self._controls.routine_named(cleaned)
            if routine is None:
                return None  # which routine is not said: the templates or a question will ask
            slots["routine"] = routine
        pref = self._controls.preferences.get(state)
        intent = pref.means.get(name, name) if pref is not None else name
        return ControlHit(intent, slots, round(probability, 3), "learned")


def load_learned(folder: Path | None, vectors: SentenceVectors, controls: ControlMatcher) -> LearnedControls | None:
    """The control model of ``folder / MODEL_FILE``: None when there is none, or (with a warning)
    when it is broken."""
    if folder is None or not (folder / MODEL_FILE).is_file():
        return None
    try:
        return LearnedControls(read_model(folder / MODEL_FILE), vectors, controls)
    except VoiceGuideError as exc:
        _LOGGER.warning("learned controls off, the templates alone decide: %s", exc)
        return None
