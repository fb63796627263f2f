"""Loudness: the same gated level on every track, and a limiter that never lets a peak through."""

from __future__ import annotations

import numpy as np
import pytest

from voice_guide.audio.files import AudioClip
from voice_guide.export.loudness import gated_rms_dbfs, normalize_loudness
from voice_guide.export.model import PEAK_CEILING_DBFS, TARGET_LOUDNESS_DBFS


def test_the_limiter_never_lets_a_peak_through() -> None:
    rate = 22050
    t = np.arange(rate) / rate
    signal = 0.05 * np.sin(2 * np.pi * 440 * t)
    signal[5000:5010] = 0.99  # a click far louder than the rest
    clip = normalize_loudness(AudioClip.from_float(signal, rate))
    peak = np.abs(clip.samples().astype(np.int32)).max() / 32768
    assert peak <= 10 ** (PEAK_CEILING_DBFS / 20) + 1e-4
    assert gated_rms_dbfs(clip) == pytest.approx(TARGET_LOUDNESS_DBFS, abs=1.5)  # the click counts a little
    tone = normalize_loudness(AudioClip.from_float(0.05 * np.sin(2 * np.pi * 440 * t), rate))
    assert gated_rms_dbfs(tone) == pytest.approx(TARGET_LOUDNESS_DBFS, abs=0.05)
    silent = AudioClip(b"\x00\x00" * 1000, rate)
    assert normalize_loudness(silent) == silent
