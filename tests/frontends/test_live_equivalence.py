"""The typed conversation and the live session are the same guide: the same requests get the same replies.

One sequence of requests goes through :meth:`Conversation.handle_text` (typed) and through a
live session that hears them from WAV files (flite speech, real PocketSphinx) spoken into a
"microphone" when a user would: after the guide has finished speaking, or, for "pause" and
"stop" in the routine, over its speech. Both must give the same reply texts and actions.
"""

from __future__ import annotations

import pytest
from live_support import HAS_FLITE, VOICE_CACHE, shared_engine, shared_speaker

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, read_audio, write_wav
from voice_guide.audio.recording import RecordingSink
from voice_guide.core.clock import FastForwardClock
from voice_guide.frontends.live.records import TurnOutcome
from voice_guide.frontends.live.session import LiveSession
from voice_guide.testing.voices import synthesize
from voice_guide.tts.settings import SpeechSettings

pytest.importorskip("webrtcvad")
pytestmark = pytest.mark.skipif(not HAS_FLITE, reason="needs flite (bash scripts/setup.sh)")

SETTINGS = SpeechSettings(rate_wpm=220)
IDLE, OVER = "idle", "over"
SEQUENCE = (
    ("what is cachexia", "flite:slt", IDLE),
    ("more", "flite:rms", IDLE),
    ("slower", "flite:slt", IDLE),
    ("repeat", "flite:rms", IDLE),
    ("brief answers", "flite:rms", IDLE),
    ("start hand exercises", "flite:rms", IDLE),
    ("yes", "flite:slt", IDLE),
    ("pause", "flite:slt", OVER),
    ("resume", "flite:slt", IDLE),
    ("stop", "flite:slt", OVER),
)
"""(request, voice, when it is said: after the guide's reply, or over it). Each voice is one that
PocketSphinx hears the request from (flite slt's "more" is heard as "arm", its "repeat" as "read he")."""


class Microphone:
    """A paced source that is silent until told to say a recording (an :class:`AudioSource`)."""

    sample_rate_hz = SAMPLE_RATE_HZ
    samples_per_chunk = 480

    def __init__(self, clock: FastForwardClock) -> None:
        self.clock = clock
        self.pending = bytearray()
        self.done = False

    def say(self, pcm: bytes) -> None:
        self.pending += pcm

    def read(self) -> bytes | None:
        n = self.samples_per_chunk * SAMPLE_WIDTH_BYTES
        if self.done and not self.pending:
            return None
        chunk, self.pending = bytes(self.pending[:n]), self.pending[n:]
        self.clock.sleep(self.samples_per_chunk / SAMPLE_RATE_HZ)
        return chunk + bytes(n - len(chunk))

    def close(self) -> None:
        self.done = True

    def __enter__(self) -> Microphone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _recordings(tmp_path, sequence):
    """Each request as a WAV file, read back as the microphone will hear it."""
    out = []
    for i, (text, voice, _) in enumerate(sequence):
        path = tmp_path / f"{i:02d}.wav"
        write_wav(path, synthesize(text, voice, cache_dir=VOICE_CACHE))
        out.append(read_audio(path).pcm)
    return out


def live_replies(tmp_path, sequence):
    clock = FastForwardClock(count_processing=False)
    mic = Microphone(clock)
    sink = RecordingSink(clock.now, clock.sleep)
    session = LiveSession(shared_engine().new_conversation(speech=SETTINGS), mic, sink, shared_speaker(),
                          clock=clock.now, sleep=clock.sleep, on_text=lambda line: None)
    session.start()
    acted: list = []
    for (text, _, when), pcm in zip(sequence, _recordings(tmp_path, sequence), strict=True):
        for _ in range(20_000):  # at most 5 minutes of audio
            now = clock.now()
            replies = [t for t in session.turns if t.reply is not None]
            started = [ln.start_s for ln in session.spoken if acted and ln.turn == session.turns.index(acted[-1])]
            idle = not session.is_speaking(now) and not session.capture.busy and now > session.speech.play_end_s + 0.8
            over = session.is_speaking(now) and started and now > started[0] + 2.0
            if len(replies) == len(acted) and ((when == IDLE and idle) or (when == OVER and over)):
                break
            assert session.step()
        mic.say(pcm)
        for _ in range(2_000):  # the reply to it
            assert session.step()
            replies = [t for t in session.turns if t.reply is not None]
            if len(replies) > len(acted):
                acted.append(replies[-1])
                break
        else:
            pytest.fail(f"no reply to {text!r}: {[(t.transcript, t.outcome) for t in session.turns]}")
    mic.close()
    session.finish()
    return acted, session


@pytest.mark.parametrize("with_brief", [
    False,
    True,
])
def test_typed_and_spoken_requests_get_the_same_replies_and_actions(tmp_path, with_brief):
    sequence = [s for s in SEQUENCE if with_brief or s[0] != "brief answers"]
    acted, session = live_replies(tmp_path, sequence)
    heard = [(t.transcript, t.intent, t.outcome) for t in acted]
    typed = shared_engine().new_conversation(speech=SETTINGS)
    expected = [typed.handle_text(text, turn.decided_at_s) for (text, _, _), turn in zip(sequence, acted, strict=True)]
    assert [t.intent for t in acted] == [r.intent for r in expected], heard
    assert [(t.reply.text, t.reply.action) for t in acted] == [(r.text, r.action) for r in expected], heard
    assert [t.outcome for t in acted if t.during_playback] == [TurnOutcome.BARGE_IN] * 2, heard
    assert session.settings == typed.speech and session.routine_player is None


STATE_SEQUENCE = (
    ("start hand exercises", "flite:rms", IDLE),
    ("he is fine", "flite:awb", IDLE),
    ("stop", "flite:slt", OVER),
)
"""At the routine's safety check "he is fine" is the answer yes; outside a routine it is no command."""


def test_the_live_session_reads_what_it_hears_in_the_dialogues_state(tmp_path):
    # the live session read every phrase as if the guide were idle: "he is fine" at the
    # safety check was no answer (typed, and through ``ask``, it started the exercises)
    acted, _ = live_replies(tmp_path, STATE_SEQUENCE)
    heard = [(t.transcript, t.intent, t.outcome) for t in acted]
    typed = shared_engine().new_conversation(speech=SETTINGS)
    expected = [typed.handle_text(text, turn.decided_at_s) for (text, _, _), turn in zip(STATE_SEQUENCE, acted, strict=True)]
    assert [t.intent for t in acted] == [r.intent for r in expected] == ["start_routine", "yes", "stop"], heard
    assert [(t.reply.text, t.reply.action) for t in acted] == [(r.text, r.action) for r in expected], heard
