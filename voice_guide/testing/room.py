"""A microphone in a simulated room, for tests and benchmarks (not used by the runtime).

:class:`SimulatedEchoSource` hears a recorded user *and* whatever a
:class:`~voice_guide.audio.recording.RecordingSink` plays, through a simulated acoustic echo
path (delay, attenuation, a low-pass, an early reflection), in real time on an injectable clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, AudioClip
from voice_guide.audio.reference import fractional_delay
from voice_guide.core.errors import VoiceGuideError

_FULL_SCALE = 32768.0


def _to_pcm(samples: np.ndarray) -> bytes:
    return np.clip(np.round(samples * _FULL_SCALE), -32768, 32767).astype("<i2").tobytes()


def _lowpass_taps(cutoff_hz: float, rate_hz: int, taps: int = 31) -> np.ndarray:
    n = np.arange(taps) - (taps - 1) / 2.0
    h = np.sinc(2.0 * cutoff_hz / rate_hz * n) * np.hamming(taps)
    return h / h.sum()


class SimulatedEchoSource:
    """A microphone in a simulated room, for tests and benchmarks (an :class:`~voice_guide.audio.sources.AudioSource`).

    It hears ``near_end`` (the user, as a clip, streamed in real time on ``clock``) plus
    whatever ``sink`` (a :class:`~voice_guide.audio.sinks.RecordingSink` on the same clock)
    has played, through an echo path: ``delay_ms`` late, scaled by ``gain``, low-passed
    at ``lowpass_hz`` (a small loudspeaker), with an early reflection ``reflection_ms``
    later at ``reflection_gain``, and optional steady white noise at ``noise_dbfs``.
    Playback is read from the sink's records at the moment each chunk is due, so a stop
    cuts the echo exactly where it cut the sound. ``origin_s`` is the clock time of
    microphone sample 0 (set on the first read).
    """

    def __init__(
        self,
        near_end: AudioClip,
        sink: Any,
        *,
        delay_ms: float = 35.0,
        gain: float = 0.35,
        lowpass_hz: float | None = 3400.0,
        reflection_ms: float = 9.0,
        reflection_gain: float = 0.3,
        noise_dbfs: float | None = None,
        seed: int = 7,
        samples_per_chunk: int = 480,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        pad_silence_ms: float = 0.0,
    ) -> None:
        if near_end.sample_rate_hz != SAMPLE_RATE_HZ:
            near_end = near_end.resampled(SAMPLE_RATE_HZ)
        if not isinstance(samples_per_chunk, int) or samples_per_chunk <= 0:
            raise VoiceGuideError(f"samples_per_chunk must be a positive whole number, not {samples_per_chunk!r}")
        if delay_ms < 0 or reflection_ms < 0:
            raise VoiceGuideError("echo delays must be 0 or more")
        self.sample_rate_hz = SAMPLE_RATE_HZ
        self.samples_per_chunk = samples_per_chunk
        pad = np.zeros(int(round(SAMPLE_RATE_HZ * pad_silence_ms / 1000.0)))
        self._near = np.concatenate([near_end.samples().astype(np.float64) / _FULL_SCALE, pad])
        self._sink = sink
        self.delay_ms = delay_ms
        self.gain = gain
        self.reflection_ms = reflection_ms
        self.reflection_gain = reflection_gain
        self._taps = _lowpass_taps(lowpass_hz, SAMPLE_RATE_HZ) if lowpass_hz else np.ones(1)
        self._history = np.zeros(self._taps.size - 1)
        self._noise_rms = 10.0 ** (noise_dbfs / 20.0) if noise_dbfs is not None else 0.0
        self._rng = np.random.default_rng(seed)
        self._clock = clock
        self._sleep = sleep
        self._offset = 0
        self._closed = False
        self._cache: dict[tuple[int, float], tuple[int, np.ndarray, Any]] = {}
        self.origin_s: float | None = None
        """Clock time of microphone sample 0 (None before the first read)."""
        self.echo_only = np.zeros(0)
        """Everything the echo path added so far (for checking the canceller)."""

    @property
    def duration_ms(self) -> float:
        """Length of the near-end stream, padding included."""
        return 1000.0 * self._near.size / SAMPLE_RATE_HZ

    @property
    def position_ms(self) -> float:
        """Audio handed over so far."""
        return 1000.0 * self._offset / SAMPLE_RATE_HZ

    def read(self) -> bytes | None:
        """The next chunk, once it would have been recorded; None at the end."""
        if self._closed or self._offset >= self._near.size:
            return None
        now = self._clock()
        if self.origin_s is None:
            self.origin_s = now
        end = min(self._near.size, self._offset + self.samples_per_chunk)
        due = self.origin_s + end / SAMPLE_RATE_HZ
        if due > now:
            self._sleep(due - now)
        start = self._offset
        self._offset = end
        echo = self._echo(start, end)
        self.echo_only = np.concatenate([self.echo_only, echo])
        mixed = self._near[start:end] + echo
        if self._noise_rms:
            mixed = mixed + self._noise_rms * self._rng.standard_normal(end - start)
        return _to_pcm(mixed)

    def _played(self, start: int, n: int, delay_samples: float) -> np.ndarray:
        """What the sink played, ``delay_samples`` late, over microphone samples ``start .. start + n``.

        Each clip sounds from its exact start (a fraction of a sample included: a
        loudspeaker plays a continuous signal), placed once and cached."""
        assert self.origin_s is not None
        out = np.zeros(n)
        for record in list(getattr(self._sink, "records", [])):
            key = (id(record), delay_samples)
            placed = self._cache.get(key)
            if placed is None:
                samples = record.clip.resampled(SAMPLE_RATE_HZ).samples().astype(np.float64) / _FULL_SCALE
                position = (record.started_at_s - self.origin_s) * SAMPLE_RATE_HZ + delay_samples
                first = int(math.floor(position))
                placed = (first, fractional_delay(samples, position - first), record)
                self._cache[key] = placed
            first, samples, _ = placed
            heard_s = record.ended_at_s - record.started_at_s
            offset = start - first
            audible = min(samples.size, int(round(heard_s * SAMPLE_RATE_HZ)))
            lo = max(0, -offset)
            hi = min(n, audible - offset)
            if hi > lo:
                out[lo:hi] += samples[offset + lo : offset + hi]
        return out

    def _echo(self, start: int, end: int) -> np.ndarray:
        n = end - start
        delay = self.delay_ms * SAMPLE_RATE_HZ / 1000.0
        direct = self._played(start, n, delay)
        reflected = self._played(start, n, delay + self.reflection_ms * SAMPLE_RATE_HZ / 1000.0)
        raw = self.gain * (direct + self.reflection_gain * reflected)
        padded = np.concatenate([self._history, raw])
        if self._history.size:
            self._history = padded[-self._history.size :]
        return np.convolve(padded, self._taps, mode="valid")

    def close(self) -> None:
        """Stop; later reads return None."""
        self._closed = True

    def __enter__(self) -> "SimulatedEchoSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["SimulatedEchoSource"]
