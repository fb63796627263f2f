"""A live spoken session: listen, understand once, answer aloud, and keep listening while speaking.

:class:`LiveSession` is a state machine over one :class:`~voice_guide.audio.sources.AudioSource`
and one :class:`~voice_guide.audio.sinks.AudioSink`, driven chunk by chunk (:meth:`LiveSession.step`)
on an injected clock. Its parts, one concern each:

* :mod:`.capture`: microphone chunks to phrases (echo suppression, end-of-speech detection,
  streaming recognition);
* :mod:`.listening`: the state a phrase is heard in (:class:`~.listening.ListeningState`:
  speaking, waiting for the key, waiting for the wake phrase, dormant, listening) and the
  timers around it;
* :mod:`.handlers`: one handler per listening state; each phrase is interpreted once;
* :mod:`.barge_in`: the pure policy for a phrase heard over the guide (cut, act, ignore);
* :mod:`.second_looks`: the keyword spotter over speech, the full phrase set in a routine;
* :mod:`.replies`: carrying out the conversation's replies (cut, resume, exit, mode), then saying them;
* :mod:`.speech`: the speech queue (render, play, cut; a sink that cannot play finishes at once);
* :mod:`.prompts`: the session's own words (reprompts, how to call the guide), from the pack;
* :mod:`.records`: its settings and what it keeps (clips played, phrases heard).

This module is the loop: read a chunk, hand it to the capture, handle the phrases it ends,
then what time brings (the next sentence, the routine's next lines, the listening window).

Each phrase is interpreted once and answered by the same
:class:`~voice_guide.dialogue.conversation.Conversation` as the typed chat (``handle``; a
routine in progress moves on with ``tick``), so both understand the same requests and keep
the same settings. Text output is plain lines in reading order ("Listening.", "Heard: ...",
"Answer: ..."), never colour or spinners, so it reads well with a screen reader.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable

from voice_guide.audio.echo import PlaybackReference
from voice_guide.audio.files import SAMPLE_RATE_HZ
from voice_guide.audio.sinks import AudioSink
from voice_guide.audio.sources import AudioSource
from voice_guide.audio.vad import EndpointSettings
from voice_guide.config import LISTENING_MODES
from voice_guide.core.clock import FastForwardClock
from voice_guide.core.errors import AudioError, VoiceGuideError
from voice_guide.dialogue.conversation import Conversation
from voice_guide.frontends.live.capture import Phrase, PhraseCapture
from voice_guide.frontends.live.handlers import PhraseHandlers
from voice_guide.frontends.live.listening import Attention
from voice_guide.frontends.live.prompts import Miss, Prompts
from voice_guide.frontends.live.records import EndReason, LiveResult, LiveSettings, SpokenLine, Turn, TurnOutcome
from voice_guide.frontends.live.replies import ReplyPlayer
from voice_guide.frontends.live.speech import SpeechQueue, SpeechRenderer
from voice_guide.routines.player import RoutinePlayer
from voice_guide.stt.base import Transcript
from voice_guide.tts.settings import SpeechSettings

_LOGGER = logging.getLogger(__name__)


class NoMicrophoneError(VoiceGuideError):
    """There is no microphone: the caller should fall back to typed questions (the message is one line)."""


class LiveSession:
    """A spoken conversation over one audio source and one sink; see the module doc.

    ``clock`` must be the clock the source paces on and the sink plays on; ``on_text`` gets
    each plain output line. The listener's settings and listening mode are the conversation's.
    """

    def __init__(self, conversation: Conversation, source: AudioSource, sink: AudioSink,
                 speaker: SpeechRenderer | None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] | None = None, endpoint: EndpointSettings = EndpointSettings(),
                 on_text: Callable[[str], None] = print, live: LiveSettings | None = None) -> None:
        if conversation.listening_mode not in LISTENING_MODES:
            raise VoiceGuideError(f"listening mode must be one of {', '.join(LISTENING_MODES)}, "
                                  f"not {conversation.listening_mode!r}")
        wake_phrase = conversation.engine.wake_phrase
        if not isinstance(wake_phrase, str) or not wake_phrase.split():
            raise VoiceGuideError(f"the wake phrase must be a few words, not {wake_phrase!r}")
        if source.sample_rate_hz != SAMPLE_RATE_HZ:
            raise AudioError(f"the live session needs a 16000 Hz source, not {source.sample_rate_hz} Hz")
        self.conversation = conversation
        self.engine = conversation.engine
        self.source = source
        self.clock = clock
        self._sleep = sleep or (lambda s: time.sleep(max(0.0, s)))
        self.on_text = on_text
        self.live = live or LiveSettings()
        self.wake_phrase = " ".join(wake_phrase.lower().split())
        reference = PlaybackReference(SAMPLE_RATE_HZ, self.live.echo.reference_delay_ms / 1000.0)
        self.speech = SpeechQueue(sink, speaker, reference, clock, lambda: conversation.speech,
                                  self.live.lookahead_ms, self.live.speaking_tail_ms)
        self.attention = Attention(conversation.listening_mode, self.live.max_misses)
        self.prompts = Prompts(self.engine.responses, conversation.guide, self.wake_phrase)
        self.turns: list[Turn] = []
        """Everything heard, in order."""
        self.replies = ReplyPlayer(conversation, self.speech, self.attention, self.prompts, self.turns, on_text)
        self.handlers = PhraseHandlers(conversation, self.speech, self.attention, self.replies, self.prompts,
                                       self.turns, self.live, self.wake_phrase, clock, on_text)
        self.capture = PhraseCapture(self.engine.recognizer, reference, endpoint, self.live,
                                     self.handlers.open_phrase, self.handlers.early_look)
        self.handlers.capture = self.capture
        self._inbox: queue.Queue[tuple[str, str]] = queue.Queue()
        self._ended = False
        self._last_tick_s = float("-inf")

    # --- what a caller sees ------------------------------------------------------
    @property
    def settings(self) -> SpeechSettings:
        """The listener's speech settings now (the conversation's)."""
        return self.conversation.speech

    @property
    def mode(self) -> str:
        """The listening mode now (the conversation's)."""
        return self.conversation.listening_mode

    @property
    def spoken(self) -> list[SpokenLine]:
        """Everything played, in order."""
        return self.speech.spoken

    @property
    def origin_s(self) -> float | None:
        """Clock time of microphone sample 0 (estimated as chunks arrive)."""
        return self.capture.origin_s

    @property
    def routine_player(self) -> RoutinePlayer | None:
        """The routine player while a routine runs, else None."""
        return self.conversation.routine.player if self.conversation.routine is not None else None

    @property
    def dormant(self) -> bool:
        """True after too many misses, until called again."""
        return self.attention.dormant

    def is_speaking(self, now: float | None = None) -> bool:
        """True while the guide is speaking (or has more queued)."""
        return self.speech.is_speaking(now)

    # --- the loop ------------------------------------------------------------------
    def start(self) -> None:
        """Say the greeting and start listening (called by :meth:`run`; call it once before :meth:`step`)."""
        if self.live.greeting:
            self.replies.say(None, " ".join(t for t in (self.conversation.greeting(), self.prompts.how_to_ask(self.mode)) if t))
        if self.mode != "push_to_talk":
            self.attention.open_window(prompted=self.mode == "always")
            self._maybe_open_window(self.clock())
        self.engine.recognizer.use("main")

    def run(self) -> LiveResult:
        """Listen and answer until the user says goodbye or the source runs out."""
        self.start()
        try:
            while self.step():
                pass
        finally:
            self.finish()
        reason = EndReason.EXIT if self.replies.exiting else EndReason.END_OF_INPUT
        return LiveResult(reason, len(self.turns), 1000.0 * self.capture.mic_samples / SAMPLE_RATE_HZ)

    def press_to_talk(self) -> None:
        """The talk key was pressed (thread-safe): cut any speech and listen for one phrase."""
        self._inbox.put(("press", ""))

    def submit_text(self, text: str) -> None:
        """A typed question or command (thread-safe): handled like a phrase heard clearly."""
        self._inbox.put(("text", text))

    def step(self) -> bool:
        """Read and handle one chunk; False once the session is over."""
        if self._ended:
            return False
        self._drain_inbox()
        if self.replies.exiting and not self.is_speaking():
            self._ended = True
            return False
        chunk = self.source.read()
        now = self.clock()
        if chunk is None:
            for phrase in self.capture.flush():
                self.handlers.on_phrase(phrase)
            self._ended = True
            return False
        for phrase in self.capture.feed(chunk, now, self.is_speaking(now)):
            self.handlers.on_phrase(phrase)
        self._housekeeping(self.clock())
        return not self._ended

    def finish(self) -> None:
        """Let queued speech play out (the last answer is heard), then stop."""
        self.speech.drain(self._sleep)

    # --- between phrases -------------------------------------------------------------------
    def _drain_inbox(self) -> None:
        while True:
            try:
                kind, text = self._inbox.get_nowait()
            except queue.Empty:
                return
            if kind == "press":
                self.speech.cut()
                self.attention.key_pressed = True
                if self.attention.called():
                    self.on_text("Listening again.")
                self.attention.open_window(prompted=True)
            elif text.strip():
                self._typed(text.strip())

    def _typed(self, text: str) -> None:
        now = self.clock()
        a = self.attention
        a.deadline_s = None
        a.key_pressed = a.key_pressed or a.mode == "push_to_talk"
        a.attention_until_s = max(a.attention_until_s, now + 1.0)
        if self.is_speaking(now):
            self.speech.cut()
        self.handlers.on_phrase(Phrase(Transcript(text, 1.0), 0.0, 0.0, typed=True))

    def _housekeeping(self, now: float) -> None:
        self.speech.pump(now)
        self._tick_routine(now)
        self._maybe_open_window(now)
        speaking = self.is_speaking(now)
        a = self.attention
        if a.mode == "wake" and a.attention_until_s == float("inf") and not speaking \
                and not self.capture.in_phrase and not a.opens_on_idle:
            a.attention_until_s = now + self.live.followup_window_ms / 1000.0
        if not speaking and not self.capture.busy and a.window_expired(now):
            self.turns.append(Turn(0.0, 0.0, now, "", 0.0, False, outcome=TurnOutcome.NOTHING_HEARD))
            self.replies.miss(Miss.NOTHING_HEARD, len(self.turns) - 1)

    def _tick_routine(self, now: float) -> None:
        if self.conversation.routine is None or self.is_speaking(now):
            return
        if now - self._last_tick_s < self.live.routine_tick_ms / 1000.0:
            return
        self._last_tick_s = now
        self.replies.routine_lines(self.conversation.tick(now))

    def _maybe_open_window(self, now: float) -> None:
        """Start listening: a tone and "Listening." once the guide has finished speaking."""
        a = self.attention
        if not a.opens_on_idle or self.is_speaking(now) or self.replies.exiting:
            return
        routine = self.conversation.routine is not None
        if not routine:
            self.speech.earcon("listening", None)
            self.on_text("Listening.")
        a.window_opened(now, self.speech.play_end_s, self.live.listen_window_ms, routine)
        self.speech.pump(now)


__all__ = ["FastForwardClock", "LiveResult", "LiveSession", "LiveSettings", "NoMicrophoneError", "SpokenLine", "Turn"]
