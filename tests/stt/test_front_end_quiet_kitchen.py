"""The noise front end denoises a quiet kitchen too (``DenoiseSettings.auto_dbfs`` -40 dBFS, thirtieth round).

Synthetic red flags mixed with the real kitchen recording at 10 dB SNR measure a noise floor of -39.7 to -38.2 dBFS when
the voice is quiet (flite awb and rms); under the old bar of -38 dBFS they were passed through undenoised and heard
as garble (a breathing red flag heard as "huge and do the leg feels of lead", 0.23, declined); denoised, its red-flag
words were heard at 0.70 and got the emergency reply (docs/spoken-rejection.md, "Thirtieth round"). A quiet room (the clean
synthetic clips measure at most -41.4 dBFS) is still passed through untouched."""

from __future__ import annotations

import importlib.util
import wave
from pathlib import Path

import numpy as np
import pytest

from voice_guide.audio.denoise import noise_floor_dbfs
from voice_guide.audio.frontend import DenoiseSettings, make_denoiser

KITCHEN = Path("/work/shared/eval/noise/kitchen.wav")
WINDOW = 16000  # one second of the recording, at 16 kHz

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyrnnoise") is None, reason="pyrnnoise not installed"),
    pytest.mark.skipif(not KITCHEN.exists(), reason="no kitchen recording"),
]


def kitchen_at(floor_dbfs: float) -> bytes:
    """A second of the kitchen recording scaled so that its measured noise floor is ``floor_dbfs``."""
    with wave.open(str(KITCHEN)) as w:
        w.setpos(8 * WINDOW)
        samples = np.frombuffer(w.readframes(WINDOW), dtype="<i2").astype(np.float64)
    gain = 10 ** ((floor_dbfs - noise_floor_dbfs(samples.astype(np.int16))) / 20.0)
    return np.clip(samples * gain, -32768, 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("floor, denoised", [(-39.5, True), (-38.5, True), (-30.0, True), (-42.0, False), (-50.0, False)])
def test_the_default_front_end_denoises_from_a_quiet_kitchen(floor, denoised):
    pcm = kitchen_at(floor)
    assert noise_floor_dbfs(np.frombuffer(pcm, dtype="<i2")) == pytest.approx(floor, abs=0.3)
    den = make_denoiser(DenoiseSettings())
    out = den.process(pcm) + den.flush()
    assert (den.active, len(out) == len(pcm)) == (denoised, True)
    assert (out == pcm) is (not denoised)  # passed through byte for byte, or changed
