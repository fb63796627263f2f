"""Earcons: short, gentle tones that tell a listener what is happening, without words.

Generated with numpy, no sound files. Every earcon

* has its fundamentals between 300 and 1000 Hz (older ears lose the high frequencies first),
  with two soft harmonics so it stays audible on small speakers;
* lasts 80 to 400 ms;
* fades in and out with raised-cosine ramps on every note (no clicks);
* peaks at -12 dBFS, well under speech, so it never startles.

Meaning by shape: rising = ready / going on, falling = stopping / not understood,
steady = keep still.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

PEAK_DBFS = -12.0
"""Peak level of every earcon, in dB relative to full scale."""

HARMONIC_LEVELS = (1.0, 0.25, 0.08)
"""Relative amplitudes of the fundamental, 2nd and 3rd harmonics (a soft, rounded timbre)."""


@dataclass(frozen=True)
class _Note:
    """One tone of an earcon."""

    start_hz: float
    """Fundamental at the start of the note."""

    end_hz: float
    """Fundamental at the end (a glide when it differs from ``start_hz``)."""

    duration_ms: float
    """Length of the note including its fades."""

    gap_after_ms: float = 0.0
    """Silence after the note, before the next one."""

    level: float = 1.0
    """Relative loudness within the earcon (the whole earcon is then normalised)."""

    decay: bool = True
    """Bell-like exponential decay; ``False`` holds a steady level."""

    fade_ms: float = 12.0
    """Raised-cosine fade-in and fade-out length."""


_EARCONS: dict[str, tuple[_Note, ...]] = {
    # rising glide: "I am listening, go ahead"
    "listening": (_Note(600.0, 900.0, 180.0, decay=False, fade_ms=25.0),),
    # two notes up a fifth: "got it"
    "understood": (_Note(523.25, 523.25, 110.0, gap_after_ms=20.0), _Note(783.99, 783.99, 130.0)),
    # two lower notes down a minor third, slower: "sorry, I did not catch that"
    "not_understood": (
        _Note(392.0, 392.0, 150.0, gap_after_ms=30.0),
        _Note(329.63, 329.63, 180.0, level=0.9),
    ),
    # three notes rising: a routine begins
    "start": (
        _Note(392.0, 392.0, 90.0, gap_after_ms=15.0),
        _Note(493.88, 493.88, 90.0, gap_after_ms=15.0),
        _Note(587.33, 587.33, 110.0),
    ),
    # one steady tone: hold the stretch
    "hold": (_Note(349.23, 349.23, 350.0, decay=False, fade_ms=40.0),),
    # falling glide: let go
    "release": (_Note(523.25, 370.0, 250.0, decay=False, fade_ms=30.0),),
    # one short soft click: a further second of a hold (routine counting style "ticks")
    "tick": (_Note(880.0, 880.0, 35.0, level=0.35),),
    # two soft low pulses: rest and breathe
    "rest": (
        _Note(311.13, 311.13, 120.0, gap_after_ms=80.0, decay=False, fade_ms=40.0),
        _Note(311.13, 311.13, 120.0, level=0.8, decay=False, fade_ms=40.0),
    ),
    # three notes falling to the home note, the last one longer: the routine is over
    "end": (
        _Note(659.25, 659.25, 90.0, gap_after_ms=10.0),
        _Note(554.37, 554.37, 90.0, gap_after_ms=10.0),
        _Note(440.0, 440.0, 190.0),
    ),
}

EARCON_NAMES: tuple[str, ...] = tuple(_EARCONS)
"""Every earcon name :func:`earcon` accepts."""


def earcon(name: str, sample_rate_hz: int = 16000) -> AudioClip:
    """The earcon ``name`` (one of :data:`EARCON_NAMES`) as a mono clip.

    Raises :class:`SpeechError` for an unknown name or a rate too low for the tones.
    """
    if name not in _EARCONS:
        raise SpeechError(f"unknown earcon {name!r}; use one of {', '.join(EARCON_NAMES)}")
    if not isinstance(sample_rate_hz, int) or sample_rate_hz < 8000:
        raise SpeechError(f"earcon sample rate must be at least 8000 Hz, not {sample_rate_hz!r}")
    return _render(name, sample_rate_hz)


@functools.lru_cache(maxsize=64)
def _render(name: str, sample_rate_hz: int) -> AudioClip:
    parts: list[np.ndarray] = []
    for note in _EARCONS[name]:
        parts.append(_note(note, sample_rate_hz))
        if note.gap_after_ms:
            parts.append(np.zeros(round(sample_rate_hz * note.gap_after_ms / 1000.0)))
    signal = np.concatenate(parts)
    signal *= 10.0 ** (PEAK_DBFS / 20.0) / np.max(np.abs(signal))
    return AudioClip.from_float(signal, sample_rate_hz)


def _note(note: _Note, rate: int) -> np.ndarray:
    n = round(rate * note.duration_ms / 1000.0)
    t = np.arange(n) / rate
    # instantaneous frequency glides linearly; integrate it so the phase never jumps
    freq = np.linspace(note.start_hz, note.end_hz, n)
    phase = 2.0 * np.pi * np.cumsum(freq) / rate
    tone = np.zeros(n)
    for k, level in enumerate(HARMONIC_LEVELS, start=1):
        if k * max(note.start_hz, note.end_hz) < rate / 2.2:  # stay clear of aliasing
            tone += level * np.sin(k * phase)
    envelope = np.ones(n)
    if note.decay:
        envelope *= np.exp(-t / (0.45 * note.duration_ms / 1000.0))
    fade = min(round(rate * note.fade_ms / 1000.0), n // 2)
    if fade:
        ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
        envelope[:fade] *= ramp
        envelope[n - fade :] *= ramp[::-1]
    return note.level * tone * envelope
