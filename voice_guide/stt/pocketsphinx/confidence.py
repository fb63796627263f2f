"""What a PocketSphinx utterance's confidence is made of, and small helpers on its output.

See :func:`confidence_from_features` for what ``Transcript.confidence`` means for this backend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

FILLER_WORDS = frozenset({"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "++NOISE++", "<unk>"})
"""Decoder tokens that are not words."""


@dataclass(frozen=True)
class UtteranceFeatures:
    """What the decoder said about one utterance, used to compute the confidence."""

    words: tuple[str, ...]
    """Hypothesis words (fillers removed, pronunciation variants folded)."""

    background_frames: int
    """Frames covered by words that are not in the active vocabulary."""

    word_frames: int
    """Frames covered by any word (fillers and silence excluded)."""

    word_posteriors: tuple[float, ...]
    """Lattice posterior of each hypothesis word (0..1)."""

    sentence_posterior: float
    """Posterior of the best path (``hyp().prob``)."""

    n_frames: int
    """Frames decoded."""

    speech_frames: int
    """Frames whose energy says speech (see :func:`speech_frames`)."""

    covered_speech_frames: int
    """Speech frames that fall inside a recognised word (not silence or filler)."""

    extra: dict[str, float] = field(default_factory=dict)
    """Anything else worth logging."""


def confidence_from_features(f: UtteranceFeatures) -> float:
    """Confidence in [0, 1] for one PocketSphinx utterance.

    ``domain_share**2 * coverage**2 * sqrt(mean_word_posterior)``, where

    * ``domain_share``: fraction of the word frames decoded as words of the active
      vocabulary. The language model also holds a few thousand common English words
      at a small weight; speech about something else decodes to them ("play some just
      music"), speech about the domain almost never does.
    * ``coverage``: fraction of the frames that an energy detector calls speech which
      lie inside recognised words. When the domain model cannot explain the audio,
      PocketSphinx tends to swallow whole stretches of speech as silence or filler.
    * ``mean_word_posterior``: the lattice posterior of each hypothesis word (bestpath),
      averaged: low when close alternatives compete (a shaky decode).

    Separates in-domain from out-of-domain speech with a ranking AUC of 0.995 on synthetic
    voices (docs/tuning.md); misrecognised in-domain speech averages about 0.4.
    """
    if not f.words or f.word_frames <= 0:
        return 0.0
    domain_share = max(0.0, 1.0 - f.background_frames / f.word_frames)
    coverage = min(1.0, f.covered_speech_frames / f.speech_frames) if f.speech_frames > 0 else 0.0
    posteriors = [min(1.0, max(0.0, p)) for p in f.word_posteriors] or [0.0]
    mean_posterior = sum(posteriors) / len(posteriors)
    return max(0.0, min(1.0, domain_share**2 * coverage**2 * math.sqrt(mean_posterior)))


NBEST_SCORE_SCALE = 500.0
"""N-best path-score gap (log base 1.0001) that lowers an alternative's confidence by e."""

_LOG_BASE = math.log(1.0001)


def log_score(linear: float) -> float:
    """PocketSphinx's Python layer returns exp'd scores; back to log base 1.0001."""
    if linear <= 0.0:
        return -1e12
    return math.log(linear) / _LOG_BASE


def base_word(word: str) -> str:
    if word.endswith(")") and "(" in word:
        return word[: word.rindex("(")]
    return word


FRAME_SHIFT_SAMPLES = 160
"""PocketSphinx's 10 ms frame step at 16 kHz."""

FRAME_LENGTH_SAMPLES = 410
"""PocketSphinx's 25.6 ms analysis window at 16 kHz."""


NOISE_PERCENTILE = 10.0
"""Percentile of an utterance's frame energies taken as its noise level (see :func:`speech_frames`)."""


def speech_frames(pcm: bytes, floor_dbfs: float = -55.0, below_peak_db: float = 35.0,
                  above_noise_db: float | None = None) -> np.ndarray:
    """Boolean per PocketSphinx frame: is its energy within ``below_peak_db`` of the loudest
    frame (and above ``floor_dbfs``)? A crude energy detector, enough to tell how much of
    the speech the hypothesis words cover.

    ``above_noise_db`` (None: off): a frame must also be this far above the utterance's noise
    level (the :data:`NOISE_PERCENTILE` th percentile of its frame energies). In a noisy room
    every frame is within ``below_peak_db`` of the peak, so without it the noise before and
    after the words counts as speech the words do not cover; on clean audio the noise level
    is the recognizer's dither, far below ``peak - below_peak_db``, and nothing changes."""
    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").astype(np.float64) / 32768.0
    if samples.size < FRAME_LENGTH_SAMPLES:
        return np.zeros(0, dtype=bool)
    n = 1 + (samples.size - FRAME_LENGTH_SAMPLES) // FRAME_SHIFT_SAMPLES
    idx = np.arange(FRAME_LENGTH_SAMPLES)[None, :] + FRAME_SHIFT_SAMPLES * np.arange(n)[:, None]
    power = np.mean(samples[idx] ** 2, axis=1)
    db = 10.0 * np.log10(power + 1e-12)
    threshold = max(floor_dbfs, float(db.max()) - below_peak_db)
    if above_noise_db is not None:
        threshold = max(threshold, float(np.percentile(db, NOISE_PERCENTILE)) + above_noise_db)
    return db > threshold


def is_silent(pcm: bytes) -> bool:
    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
    return samples.size == 0 or int(np.max(np.abs(samples.astype(np.int32)))) < 64


__all__ = ["FILLER_WORDS", "FRAME_LENGTH_SAMPLES", "FRAME_SHIFT_SAMPLES", "NBEST_SCORE_SCALE", "NOISE_PERCENTILE", "UtteranceFeatures",
           "base_word", "confidence_from_features", "is_silent", "log_score", "speech_frames"]
