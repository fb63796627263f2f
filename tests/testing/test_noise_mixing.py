"""Seeded noise mixed under speech at a chosen SNR (voice_guide.testing.noise)."""

from __future__ import annotations

import numpy as np
import pytest

from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import AudioError, VoiceGuideError
from voice_guide.testing.noise import make_noise, mix, with_noise_padding, with_recorded_noise


def tone(ms: float, hz: float = 440.0, amplitude: float = 0.3, rate: int = 16000) -> AudioClip:
    t = np.arange(int(rate * ms / 1000)) / rate
    return AudioClip.from_float(amplitude * np.sin(2 * np.pi * hz * t), rate)


def snr_db(speech: AudioClip, mixed: AudioClip) -> float:
    s = speech.samples().astype(np.float64)
    n = mixed.samples().astype(np.float64) - s
    return float(10 * np.log10(np.mean(s**2) / np.mean(n**2)))


@pytest.mark.parametrize("noise", ["white", "pink"])
@pytest.mark.parametrize("target_db", [0.0, 10.0, 20.0, 30.0])
def test_mix_gives_the_requested_snr(noise: str, target_db: float) -> None:
    speech = AudioClip.from_float(
        np.concatenate([np.zeros(4000), 0.3 * np.sin(np.linspace(0, 2000, 16000)), np.zeros(4000)]), 16000
    )
    mixed = mix(speech, noise, target_db, seed=1)
    assert mixed.num_samples == speech.num_samples
    assert snr_db(speech, mixed) == pytest.approx(target_db, abs=0.5)


def test_mix_is_seeded() -> None:
    speech = tone(500)
    assert mix(speech, "pink", 10, seed=3) == mix(speech, "pink", 10, seed=3)
    assert mix(speech, "pink", 10, seed=3) != mix(speech, "pink", 10, seed=4)
    assert mix(speech, "silence", 10, seed=3) == speech


def test_mix_errors() -> None:
    with pytest.raises(VoiceGuideError, match="noise must be one of white, pink, silence"):
        mix(tone(100), "brown", 10, seed=0)
    with pytest.raises(AudioError, match="silent"):
        mix(AudioClip(b"\x00\x00" * 100), "white", 10, seed=0)


def test_pink_noise_falls_3_db_per_octave_and_white_is_flat() -> None:
    def band_power(x: np.ndarray, lo: float, hi: float) -> float:
        spectrum = np.abs(np.fft.rfft(x)) ** 2
        freqs = np.fft.rfftfreq(x.size, 1 / 16000)
        return float(spectrum[(freqs >= lo) & (freqs < hi)].sum())

    pink = make_noise("pink", 16000 * 4, seed=0)
    white = make_noise("white", 16000 * 4, seed=0)
    # Pink: equal power in every octave; white: power grows with the bandwidth (x8 over 3 octaves).
    assert 10 * np.log10(band_power(pink, 1600, 3200) / band_power(pink, 200, 400)) == pytest.approx(0, abs=1)
    assert 10 * np.log10(band_power(white, 1600, 3200) / band_power(white, 200, 400)) == pytest.approx(9.0, abs=1)
    for x in (pink, white):
        assert np.sqrt(np.mean(x**2)) == pytest.approx(1.0)


def test_with_noise_padding_pads_and_lays_noise_under_everything() -> None:
    speech = tone(1000)
    padded = with_noise_padding(speech, 500, 250, "white", 15.0, seed=2)
    assert padded.duration_ms == pytest.approx(1750)
    s = padded.samples().astype(np.float64)
    lead, body, tail = s[:8000], s[8000:24000], s[24000:]
    noise_in_body = body - speech.samples()
    p_speech = np.mean(speech.samples().astype(np.float64) ** 2)
    for part in (lead, tail, noise_in_body):
        assert 10 * np.log10(p_speech / np.mean(part**2)) == pytest.approx(15.0, abs=0.5)
    quiet = with_noise_padding(speech, 100, 100, "silence", 15.0, seed=2)
    assert quiet.pcm == b"\x00\x00" * 1600 + speech.pcm + b"\x00\x00" * 1600


def test_recorded_noise_is_laid_under_padding_and_speech_at_the_snr() -> None:
    speech = tone(1000)
    recording = np.random.default_rng(0).standard_normal(5000) * 1000.0  # shorter than the clip: looped
    mixed = with_recorded_noise(speech, recording, 200, 300, 10.0, seed=1)
    assert mixed.duration_ms == pytest.approx(1500)
    noise = mixed.samples().astype(np.float64)
    noise[3200:19200] -= speech.samples()
    p_speech = np.mean(speech.samples().astype(np.float64) ** 2)
    assert 10 * np.log10(p_speech / np.mean(noise**2)) == pytest.approx(10.0, abs=0.3)
    assert with_recorded_noise(speech, recording, 200, 300, 10.0, seed=1) == mixed
    assert with_recorded_noise(speech, recording, 200, 300, 10.0, seed=2) != mixed
