"""Running a live session in a test: no microphone and no sound card, real recognition.

The user's voice is flite speech placed on a timeline of silence; the "microphone" is a
:class:`~voice_guide.audio.echo.SimulatedEchoSource` that also hears, through a simulated echo
path (35 ms late, attenuated, low-passed, with a reflection), everything the session plays
into a :class:`~voice_guide.audio.sinks.RecordingSink`. Source, sink and session share a
:class:`~voice_guide.frontends.live.clock.FastForwardClock`: waiting is free. Recognition is
the real PocketSphinx of one shared :class:`~voice_guide.engine.Engine`.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np

from voice_guide.audio.echo import EchoSettings
from voice_guide.audio.files import AudioClip
from voice_guide.audio.recording import RecordingSink
from voice_guide.audio.sinks import AudioSink
from voice_guide.core.clock import FastForwardClock
from voice_guide.engine import Engine
from voice_guide.frontends.live.records import ClipKind, TurnOutcome
from voice_guide.frontends.live.session import LiveSession, LiveSettings
from voice_guide.testing.room import SimulatedEchoSource
from voice_guide.testing.voices import available_voices, synthesize
from voice_guide.tts.settings import SpeechSettings
from voice_guide.tts.speaker import Speaker

USER_GAIN = 0.6
"""The user's level at the microphone, relative to flite's own level."""

LEAD_S = 7.3
"""Every scripted time is moved this much later: the greeting (with the clinician notice) is
that much longer than the one the timelines were written for."""

HAS_FLITE = len(available_voices(("flite:slt", "flite:rms"))) >= 2


@functools.lru_cache(maxsize=1)
def shared_engine() -> Engine:
    """One engine for every live test in the process (its recognizer is loaded on first use)."""
    return Engine(cache_dir=Path(tempfile.mkdtemp(prefix="asr-cache-")))


def knows(text: str, intent: str) -> bool:
    """True when the understander takes typed ``text`` for ``intent`` (pack intents still being added)."""
    return shared_engine().understand(text).intent == intent


@functools.lru_cache(maxsize=1)
def shared_speaker() -> Speaker:
    return Speaker()


VOICE_CACHE = Path(tempfile.gettempdir()) / "voice-guide-test-voices"


def user_audio(script, total_s: float):
    """``script``: (start_s, text, voice); the timeline and each phrase's (text, start_s, end_s)."""
    near = np.zeros(int(16000 * total_s))
    words = []
    for at_s, text, voice in script:
        clip = synthesize(text, voice, cache_dir=VOICE_CACHE).samples().astype(np.float64) * USER_GAIN
        i = int(at_s * 16000)
        near[i : i + clip.size] += clip
        loud = np.nonzero(np.abs(clip) > 300)[0]
        words.append((text, at_s + loud[0] / 16000, at_s + loud[-1] / 16000))
    return AudioClip(np.clip(near, -32768, 32767).astype("<i2").tobytes()), words


class Run:
    """One session over a scripted timeline."""

    def __init__(self, session, sink, source, words, lines):
        self.session, self.sink, self.source, self.words, self.text_lines = session, sink, source, words, lines

    def t(self, clock_s: float) -> float:
        """Clock time to script time (seconds from microphone sample 0, less :data:`LEAD_S`)."""
        return clock_s - self.source.origin_s - LEAD_S

    def lines(self, kind: ClipKind = ClipKind.SPEECH):
        return [line for line in self.session.spoken if line.kind == kind]

    def said(self) -> str:
        return " ".join(line.text for line in self.lines())

    def acted(self):
        return [t for t in self.session.turns if t.outcome != TurnOutcome.IGNORED]


def run_session(script, total_s, *, presses_at_s=(), settings=None, store=None, echo=None, live=None,
                mode="always", typed=(), real_processing=False, sink_factory=None, engine=None):
    """Run one session; ``sink_factory(clock)`` may give another sink than a recording one."""
    engine = engine or shared_engine()
    audio, words = user_audio([(at + LEAD_S, text, voice) for at, text, voice in script], total_s + LEAD_S)
    words = [(text, start - LEAD_S, end - LEAD_S) for text, start, end in words]
    presses_at_s = [p + LEAD_S for p in presses_at_s]
    typed = [(at + LEAD_S, text) for at, text in typed]
    clock = FastForwardClock(count_processing=real_processing)
    recording = RecordingSink(clock.now, clock.sleep)
    sink: AudioSink = sink_factory(clock) if sink_factory else recording
    source = SimulatedEchoSource(audio, recording, clock=clock.now, sleep=clock.sleep)
    live = live or LiveSettings(echo=echo or EchoSettings())
    speech = settings or (store.config.speech if store else SpeechSettings())
    conversation = engine.new_conversation(speech=speech, listening_mode=mode, store=store)
    lines: list[str] = []
    session = LiveSession(conversation, source, sink, shared_speaker(), clock=clock.now, sleep=clock.sleep,
                          on_text=lines.append, live=live)
    presses, typed = sorted(presses_at_s), sorted(typed)
    session.start()
    while True:
        while presses and source.position_ms >= presses[0] * 1000:
            presses.pop(0)
            session.press_to_talk()
        while typed and source.position_ms >= typed[0][0] * 1000:
            session.submit_text(typed.pop(0)[1])
        if not session.step():
            break
    session.finish()
    return Run(session, recording, source, words, lines)
