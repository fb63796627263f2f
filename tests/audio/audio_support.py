"""Small audio inputs shared by the sink tests."""

from __future__ import annotations

import numpy as np

from voice_guide.audio.files import AudioClip


def tone(duration_s: float, rate: int = 16000, hz: float = 440.0) -> AudioClip:
    """A sine tone at 0.3 of full scale."""
    t = np.arange(int(duration_s * rate)) / rate
    return AudioClip.from_float(0.3 * np.sin(2 * np.pi * hz * t), rate)
