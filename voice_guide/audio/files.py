"""Audio as bytes: reading files, converting to 16 kHz mono 16-bit PCM, chunking, writing.

Everything here takes bytes, paths and ``wave`` objects, never devices.
"""

from __future__ import annotations

import io
import logging
import os
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from voice_guide.core.errors import AudioError, one_line
from voice_guide.core.files import write_atomic

_LOGGER = logging.getLogger(__name__)

SAMPLE_RATE_HZ = 16000
"""The rate every recognizer in voice-guide takes."""

SAMPLE_WIDTH_BYTES = 2
"""16-bit signed little-endian samples."""

MAX_DURATION_S = 60.0
"""Longest input accepted as one utterance; longer files are refused with a clear error."""

SILENCE_PEAK = 0.005
"""A clip whose absolute peak (as a fraction of full scale) stays under this is silent."""

LOW_SAMPLE_RATE_HZ = 16000
"""Audio recorded below this rate (telephone audio is 8 kHz) lacks the detail recognizers use: a warning says so."""

LOW_BITRATE_KBPS = 32.0
"""Compressed audio (MP3, OGG) below this many kilobits per second is warned about as low quality."""

MAX_NONFINITE_FRACTION = 0.01
"""Float audio with more than this share of NaN/Inf samples is refused as corrupt; fewer are silenced with a warning."""


@dataclass(frozen=True)
class AudioClip:
    """Mono 16-bit signed little-endian PCM audio."""

    pcm: bytes
    """Raw samples, 2 bytes each, little-endian."""

    sample_rate_hz: int = SAMPLE_RATE_HZ
    """Samples per second."""

    @property
    def num_samples(self) -> int:
        """How many samples the clip holds."""
        return len(self.pcm) // SAMPLE_WIDTH_BYTES

    @property
    def duration_ms(self) -> float:
        """Length of the clip in milliseconds."""
        return 1000.0 * self.num_samples / self.sample_rate_hz

    def samples(self) -> np.ndarray:
        """The samples as an int16 array (a copy-free view)."""
        return np.frombuffer(self.pcm, dtype="<i2")

    def is_silent(self) -> bool:
        """True when nothing in the clip rises above :data:`SILENCE_PEAK`."""
        s = self.samples()
        return s.size == 0 or float(np.max(np.abs(s.astype(np.int32)))) < SILENCE_PEAK * 32768

    def chunks(self, samples_per_chunk: int = 1024) -> Iterator[bytes]:
        """Yield the PCM in chunks of ``samples_per_chunk`` samples (the last may be shorter)."""
        yield from iter_chunks(self.pcm, samples_per_chunk)

    def to_wav_bytes(self) -> bytes:
        """The clip as a complete WAV file in memory."""
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(SAMPLE_WIDTH_BYTES)
            w.setframerate(self.sample_rate_hz)
            w.writeframes(self.pcm)
        return buf.getvalue()

    @classmethod
    def from_float(cls, samples: np.ndarray, sample_rate_hz: int) -> "AudioClip":
        """Build a clip from float samples in [-1, 1] (clipped, rounded to int16)."""
        clipped = np.clip(np.nan_to_num(np.asarray(samples, dtype=np.float64), nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
        return cls((np.round(clipped * 32767.0)).astype("<i2").tobytes(), sample_rate_hz)

    def resampled(self, sample_rate_hz: int) -> "AudioClip":
        """This clip at another rate (high-quality soxr resampling)."""
        if sample_rate_hz == self.sample_rate_hz:
            return self
        return AudioClip.from_float(
            _resample(self.samples().astype(np.float32) / 32768.0, self.sample_rate_hz, sample_rate_hz),
            sample_rate_hz,
        )


def iter_chunks(pcm: bytes, samples_per_chunk: int = 1024) -> Iterator[bytes]:
    """Split 16-bit PCM into chunks of ``samples_per_chunk`` samples."""
    if samples_per_chunk <= 0:
        raise ValueError("samples_per_chunk must be positive")
    step = samples_per_chunk * SAMPLE_WIDTH_BYTES
    for start in range(0, len(pcm), step):
        yield pcm[start : start + step]


def _resample(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    import soxr

    return soxr.resample(samples, from_hz, to_hz)


def to_clip(data: np.ndarray, sample_rate_hz: int) -> AudioClip:
    """Convert float samples shaped (frames,) or (frames, channels) to a 16 kHz mono clip."""
    if data.ndim == 2:
        data = data.mean(axis=1)
    data = np.nan_to_num(np.asarray(data, dtype=np.float32), nan=0.0, posinf=1.0, neginf=-1.0)
    if sample_rate_hz != SAMPLE_RATE_HZ:
        data = _resample(data, sample_rate_hz, SAMPLE_RATE_HZ)
    return AudioClip.from_float(data, SAMPLE_RATE_HZ)


def read_audio(
    source: str | os.PathLike[str] | BinaryIO,
    max_duration_s: float = MAX_DURATION_S,
) -> AudioClip:
    """Read WAV (any common rate, width, channels), FLAC, OGG or MP3 and return 16 kHz mono PCM.

    Raises :class:`AudioError` with a one-line reason for a missing, empty, truncated,
    corrupt (NaN samples), non-audio or too-long file. A silent file is returned as it is
    (callers decide). Low-quality input (below 16 kHz, low-bitrate MP3/OGG) and a few NaN/Inf
    samples (silenced) are reported as warnings.
    """
    name = str(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<stream>")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise AudioError(f"{name}: no such file")
        if path.is_dir():
            raise AudioError(f"{name}: is a folder, not an audio file")
        if not path.is_file():
            raise AudioError(f"{name}: is a device or pipe, not an audio file")
        if path.stat().st_size == 0:
            raise AudioError(f"{name}: the file is empty")
    _check_wav_length(source, name)
    import soundfile

    try:
        with soundfile.SoundFile(source) as f:
            sample_rate_hz = f.samplerate
            frames = f.frames
            audio_format = f.format
            if frames <= 0:
                raise AudioError(f"{name}: the file holds no audio")
            if frames / sample_rate_hz > max_duration_s:
                raise AudioError(
                    f"{name}: {frames / sample_rate_hz:.0f} s is longer than the "
                    f"{max_duration_s:.0f} s limit for one question"
                )
            data = f.read(dtype="float32", always_2d=True)
    except AudioError:
        raise
    except (soundfile.LibsndfileError, RuntimeError, ValueError, OSError) as err:
        raise AudioError(f"{name}: not a readable audio file (WAV, FLAC, OGG or MP3): {one_line(err)}") from None
    if data.shape[0] == 0:
        raise AudioError(f"{name}: the file holds no audio")
    if data.shape[0] < frames:
        raise AudioError(f"{name}: truncated: read {data.shape[0]} of the {frames} frames its header promises")
    data = _finite(data, name)
    _warn_low_quality(source, name, sample_rate_hz, frames, audio_format)
    return to_clip(data, sample_rate_hz)


def _check_wav_length(source: str | os.PathLike[str] | BinaryIO, name: str) -> None:
    """Refuse a WAV whose data chunk is shorter than its header says (libsndfile would
    quietly read the part that is there)."""
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as f:
                head = f.read(_WAV_HEAD_BYTES)
                total = os.fstat(f.fileno()).st_size
        elif source.seekable():
            start = source.tell()
            head = source.read(_WAV_HEAD_BYTES)
            total = source.seek(0, os.SEEK_END) - start
            source.seek(start)
        else:
            return
    except (OSError, ValueError):
        return  # soundfile reports what cannot be read
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    offset = 12
    while offset + 8 <= len(head):
        chunk_id, size = head[offset : offset + 4], int.from_bytes(head[offset + 4 : offset + 8], "little")
        if chunk_id == b"data":
            available = total - offset - 8
            if 0 < size < 0xFFFFFFFF and available < size:
                raise AudioError(f"{name}: truncated: the header promises {size} bytes of audio, the file holds {max(available, 0)}")
            return
        offset += 8 + size + (size & 1)


_WAV_HEAD_BYTES = 64 * 1024
"""How much of a WAV file is searched for its data chunk."""


def _finite(data: np.ndarray, name: str) -> np.ndarray:
    """``data`` with NaN/Inf samples silenced (a warning), or :class:`AudioError` when there are many."""
    bad = ~np.isfinite(data)
    count = int(bad.sum())
    if not count:
        return data
    if count > MAX_NONFINITE_FRACTION * data.size:
        raise AudioError(f"{name}: corrupt: {count} of {data.size} samples are not numbers (NaN or infinity)")
    _LOGGER.warning("%s: %d samples were not numbers (NaN or infinity) and were silenced", name, count)
    return np.where(bad, np.float32(0.0), data)


def _warn_low_quality(source: str | os.PathLike[str] | BinaryIO, name: str, sample_rate_hz: int, frames: int, audio_format: str) -> None:
    """Warn about audio a recognizer is likely to mishear: low sample rate, low bitrate."""
    if sample_rate_hz < LOW_SAMPLE_RATE_HZ:
        _LOGGER.warning("%s: low-quality audio (%d Hz; 16000 Hz or more is best), the question may be misheard", name, sample_rate_hz)
        return
    if audio_format in ("MP3", "OGG") and isinstance(source, (str, os.PathLike)):
        kbps = os.path.getsize(source) * 8 / 1000 / (frames / sample_rate_hz)
        if kbps < LOW_BITRATE_KBPS:
            _LOGGER.warning("%s: low-quality audio (%.0f kbit/s), the question may be misheard", name, kbps)


def read_wav_bytes(data: bytes) -> AudioClip:
    """Read a WAV (or FLAC/OGG) file held in memory."""
    return read_audio(io.BytesIO(data))


def write_wav(path: str | os.PathLike[str], clip: AudioClip) -> Path:
    """Write a clip as a WAV file, atomically."""
    return write_atomic(path, clip.to_wav_bytes())


def concat(clips: list[AudioClip], gap_ms: float = 0.0) -> AudioClip:
    """Join clips of one rate, with ``gap_ms`` of silence between them."""
    if not clips:
        return AudioClip(b"")
    rate = clips[0].sample_rate_hz
    gap = b"\x00\x00" * int(rate * gap_ms / 1000.0)
    parts: list[bytes] = []
    for i, c in enumerate(clips):
        if c.sample_rate_hz != rate:
            c = c.resampled(rate)
        if i:
            parts.append(gap)
        parts.append(c.pcm)
    return AudioClip(b"".join(parts), rate)


