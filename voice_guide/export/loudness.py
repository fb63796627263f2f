"""Loudness: every track brought to the same gated RMS level, with a look-ahead limiter.

Each track is brought to :data:`~voice_guide.export.model.TARGET_LOUDNESS_DBFS` (LUFS-like
gating, without the K-weighting filter); then a look-ahead limiter keeps every sample under
:data:`~voice_guide.export.model.PEAK_CEILING_DBFS`, so nothing clips.
"""

from __future__ import annotations

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.export.model import PEAK_CEILING_DBFS, TARGET_LOUDNESS_DBFS

CHUNK_SAMPLES = 1 << 20
"""Samples processed at once by :func:`normalize_loudness` and :func:`gated_rms_dbfs`."""


def normalize_loudness(
    clip: AudioClip,
    target_dbfs: float = TARGET_LOUDNESS_DBFS,
    ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> AudioClip:
    """``clip`` brought to ``target_dbfs`` gated RMS, with no sample above ``ceiling_dbfs``.

    Loudness is measured on 100 ms blocks: blocks under -60 dBFS are left out (silence between
    lines), then blocks more than 10 dB under the mean of the rest (breaths, tails), as in
    EBU R 128 gating. Peaks over the ceiling after the gain are brought down by a look-ahead
    limiter (5 ms attack, no overshoot) rather than clipped. A silent clip is returned as it is.
    Works in chunks, so an hour-long routine track needs little memory.
    """
    samples = clip.samples()
    level = gated_rms_dbfs(clip)
    if level is None:
        return clip
    gain = 10.0 ** ((target_dbfs - level) / 20.0)
    ceiling = 10.0 ** (ceiling_dbfs / 20.0)
    window = max(1, int(clip.sample_rate_hz * 0.005))
    overlap = 2 * window  # the limiter at one sample depends on samples this far away
    out = np.empty(samples.size, dtype="<i2")
    for start in range(0, samples.size, CHUNK_SAMPLES):
        stop = min(samples.size, start + CHUNK_SAMPLES)
        lo, hi = max(0, start - overlap), min(samples.size, stop + overlap)
        segment = samples[lo:hi].astype(np.float64) * (gain / 32768.0)
        limited = _limit(segment, ceiling, window)[start - lo : stop - lo]
        out[start:stop] = np.clip(np.round(limited * 32767.0), -32768, 32767).astype("<i2")
    return AudioClip(out.tobytes(), clip.sample_rate_hz)


def gated_rms_dbfs(clip: AudioClip) -> float | None:
    """Gated RMS level of ``clip`` in dBFS (see :func:`normalize_loudness`); None when silent."""
    samples = clip.samples()
    if samples.size == 0:
        return None
    block = max(1, int(clip.sample_rate_hz * 0.1))
    step = max(block, (CHUNK_SAMPLES // block) * block)
    energies: list[np.ndarray] = []
    for start in range(0, samples.size, step):
        x = samples[start : start + step].astype(np.float64) / 32768.0
        n = x.size // block
        if n:
            energies.append(np.mean(x[: n * block].reshape(n, block) ** 2, axis=1))
        elif start == 0:
            energies.append(np.array([float(np.mean(x * x))]))
    blocks = np.concatenate(energies) if energies else np.array([])
    loud = blocks[blocks > 10.0 ** (-60.0 / 10.0)]
    if loud.size == 0:
        return None
    gated = loud[loud > np.mean(loud) * 10.0 ** (-10.0 / 10.0)]
    return float(10.0 * np.log10(np.mean(gated)))


def _limit(y: np.ndarray, ceiling: float, window: int) -> np.ndarray:
    peak = np.abs(y)
    if float(peak.max(initial=0.0)) <= ceiling:
        return y
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-12))
    # Minimum over +-window, then a moving average of width window+1: every average only
    # includes values that are each <= need[n], so the gain never lets a peak through.
    floor = _running_min(np.pad(need, window, constant_values=1.0), 2 * window + 1)
    half = window // 2
    smooth = _moving_average(np.pad(floor, (half, window - half), constant_values=1.0), window + 1)
    return np.clip(y * np.minimum(smooth, floor), -ceiling, ceiling)


def _running_min(x: np.ndarray, k: int) -> np.ndarray:
    """Minimum of every window of ``k`` samples (van Herk / Gil-Werman, linear time); len(x)-k+1 values."""
    n = x.size
    m = -(-n // k) * k
    blocks = np.pad(x, (0, m - n), constant_values=np.inf).reshape(-1, k)
    forward = np.minimum.accumulate(blocks, axis=1).ravel()
    backward = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(backward[: n - k + 1], forward[k - 1 : n])


def _moving_average(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of every window of ``k`` samples; len(x)-k+1 values."""
    c = np.concatenate(([0.0], np.cumsum(x, dtype=np.float64)))
    return (c[k:] - c[:-k]) / k

