"""The confidence's speech detector (voice_guide.stt.pocketsphinx.confidence.speech_frames)."""

import numpy as np

from voice_guide.stt.pocketsphinx.confidence import FRAME_SHIFT_SAMPLES, speech_frames

RATE = 16000


def _pcm(noise_dbfs: float, tone_dbfs: float, seconds: float = 2.0) -> bytes:
    """Gaussian noise at ``noise_dbfs`` (RMS) for ``seconds``, a 440 Hz tone at ``tone_dbfs`` in its middle second."""
    rng = np.random.default_rng(7)
    n = int(RATE * seconds)
    samples = rng.normal(0.0, 10 ** (noise_dbfs / 20), n)
    start, end = n // 4, 3 * n // 4
    t = np.arange(end - start) / RATE
    samples[start:end] += np.sqrt(2) * 10 ** (tone_dbfs / 20) * np.sin(2 * np.pi * 440 * t)
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def _tone_frames(pcm: bytes) -> tuple[int, int]:
    n = len(pcm) // 2
    return n // 4 // FRAME_SHIFT_SAMPLES, 3 * n // 4 // FRAME_SHIFT_SAMPLES


def test_noisy_room_counts_every_frame_as_speech_without_the_noise_margin() -> None:
    pcm = _pcm(noise_dbfs=-30, tone_dbfs=-12)
    frames = speech_frames(pcm)
    assert frames.all()


def test_the_noise_margin_keeps_only_the_frames_above_the_noise() -> None:
    pcm = _pcm(noise_dbfs=-30, tone_dbfs=-12)
    frames = speech_frames(pcm, above_noise_db=6.0)
    first, last = _tone_frames(pcm)
    assert frames[first + 2 : last - 2].all()
    assert not frames[: first - 2].any()
    assert not frames[last + 2 :].any()


def test_clean_audio_is_unchanged_by_the_noise_margin() -> None:
    pcm = _pcm(noise_dbfs=-54, tone_dbfs=-12)
    assert np.array_equal(speech_frames(pcm, above_noise_db=6.0), speech_frames(pcm))
