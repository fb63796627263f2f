"""The speech queue: sentences played in turn, cut at once, kept for resume; a sink that cannot play finishes at once."""

from __future__ import annotations

import pytest

from voice_guide.audio.echo import PlaybackReference
from voice_guide.audio.files import AudioClip
from voice_guide.audio.recording import RecordingSink
from voice_guide.audio.sinks import NullSink
from voice_guide.core.clock import FastForwardClock
from voice_guide.frontends.live.records import ClipKind
from voice_guide.frontends.live.speech import SpeechQueue
from voice_guide.tts.settings import SpeechSettings


class OneSecondPerSentence:
    """A renderer whose every sentence lasts one second (silence): the queue's timing, without a voice."""

    def __init__(self):
        self.rendered: list[tuple[str, int]] = []

    def render(self, text: str, settings: SpeechSettings) -> AudioClip:
        self.rendered.append((text, settings.rate_wpm))
        return AudioClip(bytes(32000))


def make(sink_factory, settings=None):
    clock = FastForwardClock(count_processing=False)
    sink = sink_factory(clock)
    speaker = OneSecondPerSentence()
    state = {"settings": settings or SpeechSettings(earcons=False)}
    queue = SpeechQueue(sink, speaker, PlaybackReference(), clock.now, lambda: state["settings"])
    return queue, clock, speaker, state


def recording(clock):
    return RecordingSink(clock.now, clock.sleep)


def test_sentences_are_rendered_just_before_they_are_due_with_the_settings_of_that_moment():
    queue, clock, speaker, state = make(recording)
    queue.say("One. Two. Three.", turn=0)
    assert [t for t, _ in speaker.rendered] == ["One."] and queue.is_speaking()
    state["settings"] = SpeechSettings(rate_wpm=120, earcons=False)
    clock.sleep(0.9)
    queue.pump(clock.now())
    assert speaker.rendered == [("One.", SpeechSettings().rate_wpm), ("Two.", 120)]
    assert [(ln.text, ln.start_s, ln.end_s) for ln in queue.spoken] == [("One.", 0.0, 1.0), ("Two.", 1.0, 2.0)]


def test_a_cut_stops_the_sink_now_and_pause_keeps_what_was_left_for_resume():
    queue, clock, _, _ = make(recording)
    queue.say("One. Two. Three.", turn=0)
    clock.sleep(0.5)
    queue.cut(keep_for_resume=True)
    assert [(ln.text, ln.end_s, ln.cut) for ln in queue.spoken] == [("One.", 0.5, True)]
    assert not queue.is_speaking(clock.now() + 0.3) and queue.sink.stops_at_s == [0.5]
    queue.cut(keep_for_resume=True)  # nothing playing: what was kept stays
    assert queue.take_resume() == ["One.", "Two.", "Three."] and queue.take_resume() == []
    queue.say("Four.", turn=1)
    queue.cut()
    assert queue.take_resume() == []


def test_a_sink_that_cannot_play_renders_nothing_and_every_line_is_over_at_once():
    queue, clock, speaker, _ = make(lambda clock: NullSink("no audio output device"),
                                    SpeechSettings(earcons=True))
    queue.earcon("understood", turn=0)
    queue.say("One. Two.", turn=0)
    assert speaker.rendered == [] and not queue.is_speaking()
    assert [(ln.text, ln.kind, ln.start_s, ln.end_s) for ln in queue.spoken] == [
        ("(sound: understood)", ClipKind.EARCON, 0.0, 0.0), ("One.", ClipKind.SPEECH, 0.0, 0.0),
        ("Two.", ClipKind.SPEECH, 0.0, 0.0)]
    assert queue.play_end_s == float("-inf")


@pytest.mark.parametrize("earcons", [True, False])
def test_earcons_follow_the_setting(earcons):
    queue, _, _, _ = make(recording, SpeechSettings(earcons=earcons))
    queue.earcon("listening", None)
    assert [ln.kind for ln in queue.spoken] == ([ClipKind.EARCON] if earcons else [])
