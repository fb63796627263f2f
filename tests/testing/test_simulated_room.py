"""The simulated room for tests (voice_guide.testing.room)."""

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.audio.recording import RecordingSink
from voice_guide.core.clock import FastForwardClock
from voice_guide.testing.room import SimulatedEchoSource


def test_simulated_room_echoes_what_the_sink_played_late_and_stops_with_it():
    clock = FastForwardClock(count_processing=False)
    sink = RecordingSink(clock.now, clock.sleep)
    src = SimulatedEchoSource(AudioClip(bytes(2 * 16000 * 2)), sink, delay_ms=40, gain=0.5, lowpass_hz=None,
                              reflection_gain=0.0, clock=clock.now, sleep=clock.sleep)
    first = src.read()
    tone = AudioClip(np.full(22050, 8000, dtype="<i2").tobytes(), 22050)  # 1 s at 22.05 kHz
    sink.play(tone)
    chunks = [first]
    while (c := src.read()) is not None:
        chunks.append(c)
        if abs(src.position_ms - 500) < 15:
            sink.stop()
    mic = np.frombuffer(b"".join(chunks), "<i2")
    onset = np.argmax(np.abs(mic) > 1000) / 16.0
    assert 30 + 40 - 2 <= onset <= 30 + 40 + 2  # played after the first chunk, heard 40 ms later
    assert np.all(np.abs(mic[int(16 * 560) :]) < 50)  # the stop silenced the echo too
