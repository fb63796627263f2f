"""The recording sink for tests (voice_guide.audio.recording) on a fake clock."""

from __future__ import annotations

import pytest
from audio_support import tone

from voice_guide.audio.recording import RecordingSink
from voice_guide.audio.sinks import AudioSink


class FakeClock:
    """A clock that only moves when told to (or when a sink sleeps on it)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds




def test_recording_sink_follows_the_protocol() -> None:
    assert isinstance(RecordingSink(), AudioSink)


def test_recording_sink_queues_clips_and_stop_reports_the_cut_position() -> None:
    clock = FakeClock()
    sink = RecordingSink(clock=clock, sleep=clock.sleep)
    first, second, third = tone(1.0), tone(2.0, hz=600), tone(0.5, hz=800)
    sink.play(first)
    sink.play(second)
    clock.now += 0.2
    sink.play(third)
    assert sink.is_playing
    assert [r.started_at_s for r in sink.records] == [100.0, 101.0, 103.0]
    assert sink.records[2].queued_at_s == pytest.approx(100.2)

    clock.now = 101.5  # half a second into the second clip
    sink.stop()
    assert not sink.is_playing
    assert sink.stops_at_s == [101.5]
    assert not sink.records[0].was_cut
    assert sink.records[1].cut_at_sample == 8000
    assert sink.records[2].cut_at_sample == 0  # queued, never heard
    assert [r.clip for r in sink.cut] == [second, third]

    heard = sink.played_audio()
    assert heard.num_samples == first.num_samples + 8000
    assert heard.pcm == first.pcm + second.pcm[: 2 * 8000]


def test_recording_sink_wait_sleeps_until_the_end_and_stop_when_idle_cuts_nothing() -> None:
    clock = FakeClock()
    sink = RecordingSink(clock=clock, sleep=clock.sleep)
    sink.play(tone(0.75))
    sink.wait()
    assert clock.now == pytest.approx(100.75)
    assert not sink.is_playing
    sink.stop()
    assert sink.cut == [] and sink.played_audio().num_samples == 12000
    clock.now += 5
    sink.play(tone(0.25))  # starts now, not right after the earlier clip
    assert sink.records[-1].started_at_s == clock.now
