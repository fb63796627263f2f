"""Noise for tests and benchmarks: seeded white or pink noise, or a recording, under speech
at a chosen signal-to-noise ratio (not used by the runtime).

SNR = 10·log10(P_speech / P_noise), both powers the mean square over the samples of the
speech clip as given (silences in it included), so the noise level follows the clip's own
loudness.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, AudioClip, read_audio
from voice_guide.core.errors import AudioError, VoiceGuideError

PINK_LOW_HZ = 20.0
"""Pink noise has no energy below this (real microphones roll off there too)."""

NoiseKind = Literal["white", "pink", "silence"]
NOISE_KINDS: tuple[str, ...] = ("white", "pink", "silence")


def make_noise(kind: str, num_samples: int, seed: int) -> np.ndarray:
    """Seeded noise as float64 with an RMS of 1 (zeros for "silence").

    "white" is Gaussian; "pink" has a 1/f power spectrum (-3 dB per octave) from
    :data:`PINK_LOW_HZ` up, shaped in the frequency domain from seeded white noise.
    """
    if kind not in NOISE_KINDS:
        raise VoiceGuideError(f"noise must be one of {', '.join(NOISE_KINDS)}, not {kind!r}")
    if num_samples <= 0 or kind == "silence":
        return np.zeros(max(0, num_samples))
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(num_samples)
    if kind == "white":
        noise = white
    else:
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(num_samples, d=1.0 / SAMPLE_RATE_HZ)
        # 1/f power from PINK_LOW_HZ up; nothing below, as a microphone's own roll-off.
        shape = np.zeros_like(freqs)
        band = freqs >= PINK_LOW_HZ
        shape[band] = 1.0 / np.sqrt(freqs[band])
        spectrum *= shape
        noise = np.fft.irfft(spectrum, n=num_samples)
    rms = float(np.sqrt(np.mean(noise * noise)))
    return noise / rms if rms > 0 else noise


def _power(samples: np.ndarray) -> float:
    return float(np.mean(samples * samples)) if samples.size else 0.0


def _noise_scale(speech: np.ndarray, snr_db: float) -> float:
    if not math.isfinite(snr_db):
        raise VoiceGuideError(f"snr_db must be a finite number, not {snr_db!r}")
    p_speech = _power(speech)
    if p_speech <= 0:
        raise AudioError("the speech is silent: no signal-to-noise ratio can be set")
    return math.sqrt(p_speech / 10.0 ** (snr_db / 10.0))


def mix(speech: AudioClip, noise: str, snr_db: float, seed: int) -> AudioClip:
    """Add seeded noise to ``speech`` at a signal-to-noise ratio of ``snr_db``.

    SNR = 10·log10(P_speech / P_noise), where both powers are mean squares over the
    samples of ``speech`` (the whole clip as given, silences in it included), so the
    noise level follows the clip's own loudness. ``noise`` is "white", "pink" or
    "silence" (returns the speech unchanged). The sum is clipped to 16 bits.
    """
    s = speech.samples().astype(np.float64)
    if noise not in NOISE_KINDS:
        raise VoiceGuideError(f"noise must be one of {', '.join(NOISE_KINDS)}, not {noise!r}")
    if noise == "silence":
        return speech
    scale = _noise_scale(s, snr_db)
    mixed = s + scale * make_noise(noise, s.size, seed)
    return AudioClip(np.clip(np.round(mixed), -32768, 32767).astype("<i2").tobytes(), speech.sample_rate_hz)


def with_noise_padding(
    clip: AudioClip,
    before_ms: float,
    after_ms: float,
    noise: str,
    snr_db: float,
    seed: int,
) -> AudioClip:
    """``clip`` with ``before_ms`` and ``after_ms`` of padding, and noise under all of it.

    The noise is steady over the padding and the speech alike, at the level that gives
    ``snr_db`` over the samples of ``clip`` (as in :func:`mix`). With "silence" the
    padding is digital silence.
    """
    if before_ms < 0 or after_ms < 0:
        raise VoiceGuideError("before_ms and after_ms must be 0 or more")
    if noise not in NOISE_KINDS:
        raise VoiceGuideError(f"noise must be one of {', '.join(NOISE_KINDS)}, not {noise!r}")
    rate = clip.sample_rate_hz
    s = clip.samples().astype(np.float64)
    n_before = int(round(rate * before_ms / 1000.0))
    n_after = int(round(rate * after_ms / 1000.0))
    padded = np.concatenate([np.zeros(n_before), s, np.zeros(n_after)])
    if noise != "silence":
        padded = padded + _noise_scale(s, snr_db) * make_noise(noise, padded.size, seed)
    return AudioClip(np.clip(np.round(padded), -32768, 32767).astype("<i2").tobytes(), rate)


def load_noise_recording(path: str | Path) -> np.ndarray:
    """A noise recording (any format :func:`read_audio` reads) as 16 kHz float64 samples."""
    clip = read_audio(Path(path), max_duration_s=3600.0)
    if clip.sample_rate_hz != SAMPLE_RATE_HZ:
        clip = clip.resampled(SAMPLE_RATE_HZ)
    samples = clip.samples().astype(np.float64)
    if samples.size == 0 or _power(samples) <= 0:
        raise AudioError(f"the noise recording {path} is silent")
    return samples


def with_recorded_noise(
    clip: AudioClip, recording: np.ndarray, before_ms: float, after_ms: float, snr_db: float, seed: int
) -> AudioClip:
    """``clip`` padded as in :func:`with_noise_padding`, under a stretch of ``recording`` (from
    :func:`load_noise_recording`) starting at a seeded random place (looped if too short),
    scaled so its power over the padded stretch gives ``snr_db`` against the clip's samples."""
    rate = clip.sample_rate_hz
    s = clip.samples().astype(np.float64)
    n_before = int(round(rate * before_ms / 1000.0))
    n_after = int(round(rate * after_ms / 1000.0))
    padded = np.concatenate([np.zeros(n_before), s, np.zeros(n_after)])
    start = int(np.random.default_rng(seed).integers(0, recording.size))
    reps = int(math.ceil((start + padded.size) / recording.size))
    noise = np.tile(recording, reps)[start : start + padded.size]
    noise = noise / math.sqrt(_power(noise) or 1.0)
    padded = padded + _noise_scale(s, snr_db) * noise
    return AudioClip(np.clip(np.round(padded), -32768, 32767).astype("<i2").tobytes(), rate)


__all__ = [
    "NOISE_KINDS",
    "PINK_LOW_HZ",
    "load_noise_recording",
    "make_noise",
    "mix",
    "with_noise_padding",
    "with_recorded_noise",
]
