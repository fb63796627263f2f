"""Earcons: distinct, gentle, click-free, at a fixed level."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from voice_guide.audio.earcons import EARCON_NAMES, PEAK_DBFS, earcon
from voice_guide.core.errors import SpeechError

REQUIRED = ("listening", "understood", "not_understood", "start", "hold", "release", "rest", "end")


def floats(name: str, rate: int = 16000) -> np.ndarray:
    return earcon(name, rate).samples().astype(np.float64) / 32768.0


def spectrum(x: np.ndarray, rate: int = 16000) -> np.ndarray:
    """Magnitude per 1 Hz bin up to 2 kHz, smoothed over 20 Hz, unit length."""
    mag = np.abs(np.fft.rfft(x, rate))[:2000]
    mag = np.convolve(mag, np.ones(20) / 20, mode="same")
    return mag / np.linalg.norm(mag)


def test_every_required_earcon_exists() -> None:
    assert set(REQUIRED) <= set(EARCON_NAMES)


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("rate", [16000, 22050])
def test_length_level_and_no_clicks(name: str, rate: int) -> None:
    clip = earcon(name, rate)
    assert clip.sample_rate_hz == rate
    assert 80 <= clip.duration_ms <= 400
    x = clip.samples().astype(np.float64) / 32768.0
    peak_dbfs = 20 * np.log10(np.max(np.abs(x)))
    assert abs(peak_dbfs - PEAK_DBFS) < 0.5
    assert abs(x[0]) < 0.005 and abs(x[-1]) < 0.005  # starts and ends at silence
    assert np.max(np.abs(x[:3])) < 0.01 and np.max(np.abs(x[-3:])) < 0.01
    # a click is broadband: almost no energy may sit above 4 kHz (harmonics stop under 3 kHz)
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(x.size, 1.0 / rate)
    assert power[freqs > 4000].sum() / power.sum() < 1e-4


@pytest.mark.parametrize("name", REQUIRED)
def test_fundamentals_stay_in_the_range_older_ears_hear(name: str) -> None:
    x = floats(name)
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(x.size, 1.0 / 16000)
    in_band = power[(freqs >= 280) & (freqs <= 1050)].sum() / power.sum()
    assert in_band > 0.85
    assert 300 <= freqs[np.argmax(power)] <= 1000


def test_earcons_are_distinct() -> None:
    spectra = {n: spectrum(floats(n)) for n in REQUIRED}
    for a, b in itertools.combinations(REQUIRED, 2):
        similarity = float(spectra[a] @ spectra[b])
        assert similarity < 0.8, f"{a} and {b} sound alike ({similarity:.2f})"
    clips = [earcon(n).pcm for n in REQUIRED]
    assert len(set(clips)) == len(clips)


def dominant_hz(x: np.ndarray, rate: int = 16000) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(x.size), 8 * x.size))
    return float(np.argmax(spec) * rate / (8 * x.size))


@pytest.mark.parametrize(("name", "rising"), [("listening", True), ("release", False), ("start", True), ("end", False)])
def test_pitch_direction_matches_meaning(name: str, rising: bool) -> None:
    x = floats(name)
    third = x.size // 3
    first, last = dominant_hz(x[:third]), dominant_hz(x[-third:])
    assert (last > first) == rising


def test_unknown_name_or_rate_raises() -> None:
    with pytest.raises(SpeechError, match="unknown earcon"):
        earcon("applause")
    with pytest.raises(SpeechError):
        earcon("start", sample_rate_hz=100)
