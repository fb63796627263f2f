"""What the guide played, on the session's clock: the reference signal for echo suppression.

A clip is added at the clock time its first sample sounds, and cut where playback was
stopped; :class:`PlaybackReference` renders the reference for any stretch of microphone
time (see :mod:`voice_guide.audio.echo`).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, AudioClip

_FULL_SCALE = 32768.0


def fractional_delay(samples: np.ndarray, delay: float) -> np.ndarray:
    """``samples`` delayed by ``delay`` (0 <= delay < 1) of a sample: an exact band-limited shift.

    A loudspeaker plays a continuous signal; a clip's start rarely falls on a microphone
    sample, and rounding it to one shifts that clip by up to half a sample against the
    others, which costs an adaptive filter most of its cancellation. One more sample of
    length holds the shifted tail.
    """
    if delay <= 1e-6 or samples.size == 0:
        return samples
    n = samples.size + 1
    size = 1 << int(math.ceil(math.log2(n + 64)))
    spectrum = np.fft.rfft(samples, size)
    spectrum *= np.exp(-2j * np.pi * np.fft.rfftfreq(size) * delay)
    return np.fft.irfft(spectrum, size)[:n]



@dataclass
class _Played:
    start_s: float
    """Clock time the first sample sounds."""

    samples: np.ndarray
    """The clip at the microphone rate, float in [-1, 1]."""

    end_s: float
    """Clock time it stops sounding (its end, or where it was cut)."""

    learn: bool = True
    """False for sounds the filter should not learn from (pure tones: earcons)."""

    first_sample: int | None = None
    """Stream sample index of its first sample, fixed the first time it is rendered with a
    sample position (so rounding can never move it by a sample later on)."""

    shifted: np.ndarray | None = None
    """``samples`` delayed by the fraction of a sample between ``first_sample`` and the exact start."""


class PlaybackReference:
    """What the sink played, on the session's clock, at the microphone's sample rate.

    Pure bookkeeping: :meth:`add` when a clip is handed to the sink (with the time it will
    start sounding), :meth:`cut` when playback is stopped, :meth:`render` for the reference
    signal over a stretch of time. Clips older than ``keep_s`` are forgotten.
    """

    def __init__(self, sample_rate_hz: int = SAMPLE_RATE_HZ, delay_s: float = 0.0, keep_s: float = 5.0) -> None:
        self.sample_rate_hz = sample_rate_hz
        self.delay_s = delay_s
        self.keep_s = keep_s
        self._clips: deque[_Played] = deque()

    def add(self, start_s: float, clip: AudioClip, learn: bool = True) -> None:
        """Record that ``clip`` starts sounding at clock time ``start_s``.

        ``learn=False`` marks a sound the echo canceller subtracts but does not learn from:
        a few pure tones (an earcon) excite too few frequencies, and learning on them
        spoils what the filter knows about the others.
        """
        if clip.num_samples == 0:
            return
        if clip.sample_rate_hz != self.sample_rate_hz:
            clip = clip.resampled(self.sample_rate_hz)
        samples = clip.samples().astype(np.float64) / _FULL_SCALE
        start = start_s + self.delay_s
        self._clips.append(_Played(start, samples, start + samples.size / self.sample_rate_hz, learn))

    def cut(self, at_s: float) -> None:
        """Playback stopped at clock time ``at_s``: nothing sounds after it."""
        at = at_s + self.delay_s
        for played in self._clips:
            if played.end_s > at:
                played.end_s = max(played.start_s, at)

    def unlock(self) -> None:
        """Forget where clips sit in the sample stream (the stream's timing jumped)."""
        for played in self._clips:
            played.first_sample = None
            played.shifted = None

    def end_s(self) -> float:
        """When the last recorded clip stops sounding (``-inf`` when none)."""
        return max((p.end_s for p in self._clips), default=float("-inf"))

    def render(self, t0_s: float, num_samples: int) -> np.ndarray:
        """The reference for microphone samples at ``t0_s + i / rate`` (zeros where nothing played)."""
        return self.render_with_mask(t0_s, num_samples)[0]

    def render_with_mask(self, t0_s: float, num_samples: int, start_sample: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The reference, and a mask that is False where a ``learn=False`` sound plays.

        ``start_sample``: the stream index of the first output sample. When given, each
        clip's position in the stream is worked out once, the first time it is rendered,
        and kept: the reference then stays locked to the microphone to the sample, whatever
        tiny changes the clock estimate goes through (a one-sample slip costs an adaptive
        filter most of its cancellation: measured 50 dB -> 10 dB).
        """
        out = np.zeros(num_samples)
        learn = np.ones(num_samples, dtype=bool)
        if not self._clips or num_samples <= 0:
            return out, learn
        rate = self.sample_rate_hz
        t1_s = t0_s + num_samples / rate
        while self._clips and self._clips[0].end_s < t0_s - self.keep_s:
            self._clips.popleft()
        for played in self._clips:
            if played.end_s <= t0_s or played.start_s >= t1_s:
                continue
            # sample i of the output is clip sample round((t0 - start) * rate) + i
            samples = played.samples
            if start_sample is None:
                offset = int(round((t0_s - played.start_s) * rate))
            else:
                if played.first_sample is None:
                    position = start_sample + (played.start_s - t0_s) * rate
                    played.first_sample = int(math.floor(position))
                    played.shifted = fractional_delay(played.samples, position - played.first_sample)
                offset = start_sample - played.first_sample
                samples = played.shifted if played.shifted is not None else samples
            audible = int(round((played.end_s - played.start_s) * rate))
            lo = max(0, -offset)
            hi = min(num_samples, audible - offset, samples.size - offset)
            if hi > lo:
                out[lo:hi] += samples[offset + lo : offset + hi]
                if not played.learn:
                    learn[lo:hi] = False
        return out, learn


__all__ = ["PlaybackReference", "fractional_delay"]
