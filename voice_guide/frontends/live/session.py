"""A live spoken session: listen, understand once, answer aloud, and keep listening while speaking.

:class:`LiveSession` is a state machine over one :class:`~voice_guide.audio.sources.AudioSource`
and one :class:`~voice_guide.audio.sinks.AudioSink`, driven chunk by chunk (:meth:`LiveSession.step`)
on an injected clock. Its parts, one concern each:

* :mod:`.capture`: microphone chunks to phrases (echo suppression, end-of-speech detection,
  streaming recognition);
* :mod:`.listening`: the state a phrase is heard in (:class:`~.listening.ListeningState`:
  speaking, waiting for the key, waiting for the wake phrase, dormant, listening), with one
  handler per state here;
* :mod:`.barge_in`: the pure policy for a phrase heard over the guide (cut, act, ignore);
* :mod:`.speech`: the speech queue (render, play, cut; a sink that cannot play finishes at once);
* :mod:`.prompts`: the session's own words (reprompts, how to call the guide), from the pack.

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
from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.audio.sinks import AudioSink
from voice_guide.audio.sources import AudioSource
from voice_guide.audio.vad import EndpointSettings
from voice_guide.config import LISTENING_MODES
from voice_guide.core.errors import AudioError, VoiceGuideError
from voice_guide.core.types import Action, Outcome, Response
from voice_guide.dialogue.conversation import LISTENING_INTENTS, SAFETY_INTENTS, SPEECH_INTENTS, Conversation
from voice_guide.frontends.live.barge_in import (ALWAYS_HEARD, ROUTINE_NO_CUT_COMMANDS, BargeInPolicy, Verdict,
                                                 barge_in_keyword, decide, wants_keyword_check)
from voice_guide.frontends.live.capture import Phrase, PhraseCapture
from voice_guide.frontends.live.clock import FastForwardClock
from voice_guide.frontends.live.listening import Attention, ListeningState, match_wake
from voice_guide.frontends.live.prompts import Miss, Prompts
from voice_guide.frontends.live.records import EndReason, LiveResult, LiveSettings, SpokenLine, Turn, TurnOutcome
from voice_guide.frontends.live.speech import SpeechQueue, SpeechRenderer
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.routines.commands import command_for
from voice_guide.routines.player import RoutinePlayer
from voice_guide.stt.base import Transcript
from voice_guide.tts.speaker import SpeechSettings

_LOGGER = logging.getLogger(__name__)

KEYWORD_PRE_ROLL_MS = 200.0
KEYWORD_POST_ROLL_MS = 150.0
"""Audio before the phrase's (detected) start and after its end given to the keyword spotter."""

_OUTCOMES = {Outcome.ANSWERED: TurnOutcome.ANSWERED, Outcome.SETTING: TurnOutcome.SETTING,
             Outcome.ROUTINE: TurnOutcome.ROUTINE, Outcome.NOT_UNDERSTOOD: TurnOutcome.NOT_UNDERSTOOD,
             Outcome.SAFETY: TurnOutcome.ANSWERED}

_NO_SECOND_PASS = frozenset((*SPEECH_INTENTS, *LISTENING_INTENTS, *SAFETY_INTENTS, "pain"))


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
        self.policy = BargeInPolicy(self.live.min_barge_in_confidence)
        reference = PlaybackReference(SAMPLE_RATE_HZ, self.live.echo.reference_delay_ms / 1000.0)
        self.speech = SpeechQueue(sink, speaker, reference, clock, lambda: conversation.speech,
                                  self.live.lookahead_ms, self.live.speaking_tail_ms)
        self.capture = PhraseCapture(self.engine.recognizer, reference, endpoint, self.live,
                                     self._open_phrase, self._early_look)
        self.attention = Attention(conversation.listening_mode, self.live.max_misses)
        self.prompts = Prompts(self.engine.responses, conversation.guide, self.wake_phrase)
        self.turns: list[Turn] = []
        """Everything heard, in order."""
        self._inbox: queue.Queue[tuple[str, str]] = queue.Queue()
        self._exiting = self._ended = False
        self._last_tick_s = float("-inf")
        self._memo: tuple[tuple[object, ...], IntentMatch] | None = None
        self._spotter = self._load_spotter() if self.live.keyword_spotting else None
        self._handlers: dict[ListeningState, Callable[[Phrase, Turn, int], None]] = {
            ListeningState.SPEAKING: self._on_speaking, ListeningState.WAITING_FOR_KEY: self._on_waiting_for_key,
            ListeningState.WAITING_FOR_WAKE: self._on_waiting_for_wake, ListeningState.DORMANT: self._on_dormant,
            ListeningState.LISTENING: self._on_listening}

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
            self._say(None, " ".join(t for t in (self.conversation.greeting(), self.prompts.how_to_ask(self.mode)) if t))
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
        reason = EndReason.EXIT if self._exiting else EndReason.END_OF_INPUT
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
        if self._exiting and not self.is_speaking():
            self._ended = True
            return False
        chunk = self.source.read()
        now = self.clock()
        if chunk is None:
            for phrase in self.capture.flush():
                self._on_phrase(phrase)
            self._ended = True
            return False
        for phrase in self.capture.feed(chunk, now, self.is_speaking(now)):
            self._on_phrase(phrase)
        self._housekeeping(self.clock())
        return not self._ended

    def finish(self) -> None:
        """Let queued speech play out (the last answer is heard), then stop."""
        self.speech.drain(self._sleep)

    # --- one phrase: interpreted once, then handled by the state it is heard in --------
    def _open_phrase(self, during_playback: bool) -> str | None:
        self.attention.deadline_s = None  # something was said
        if self.attention.state(during_playback, self.clock()) is ListeningState.WAITING_FOR_KEY:
            return None
        # Over the guide's speech only commands act: the small command phrase set hears them better.
        return "routine" if self.conversation.routine is not None or during_playback else "main"

    def _early_look(self, transcript: Transcript) -> bool:
        """The phrase may be over: when it is understood, sound "understood" now (the end is not yet decided)."""
        now = self.clock()
        if not transcript.text.strip() or self.is_speaking(now) or not self.settings.earcons:
            return False
        text, alternatives = transcript.text, transcript.alternatives
        if self.attention.state(False, now) is ListeningState.WAITING_FOR_WAKE:
            rest = match_wake(text, self.wake_phrase, alternatives)
            if rest is None:
                return False
            text, alternatives = (rest, ()) if rest.strip() else (text, alternatives)
        if self._interpret(text, transcript.confidence, alternatives).intent == "fallback":
            return False
        self.speech.earcon("understood", None)
        self.capture.mask_until_s = self.speech.play_end_s + self.live.speaking_tail_ms / 1000.0
        return True

    def _interpret(self, text: str, confidence: float, alternatives: tuple[tuple[str, float], ...],
                   typed: bool = False) -> IntentMatch:
        key = (text, confidence, tuple(alternatives), typed)
        if self._memo is None or self._memo[0] != key:
            match = self.engine.understand(text) if typed else self.engine.interpret(text, confidence, alternatives)
            self._memo = (key, match)
        return self._memo[1]

    def _on_phrase(self, phrase: Phrase) -> None:
        t = phrase.transcript
        turn = Turn(phrase.speech_start_ms, phrase.speech_end_ms, self.clock(), t.text, float(t.confidence),
                    phrase.during_playback, endpoint_at_ms=phrase.endpoint_at_ms)
        self.turns.append(turn)
        state = self.attention.state(phrase.during_playback, self.clock())
        try:
            self._handlers[state](phrase, turn, len(self.turns) - 1)
        finally:
            self._memo = None

    def _on_speaking(self, phrase: Phrase, turn: Turn, index: int) -> None:
        """Over the guide's speech: the barge-in policy decides once whether to cut, act or ignore."""
        t = phrase.transcript
        text, confidence = t.text, float(t.confidence)
        match = self._interpret(text, confidence, t.alternatives, phrase.typed)
        keyword = barge_in_keyword(text)
        routine = self.conversation.routine is not None
        if not phrase.typed and wants_keyword_check(match.intent, keyword, confidence, routine, self.policy):
            word = self._spot_keyword(phrase)
            if word is not None:
                text = turn.transcript = word
                confidence = turn.asr_confidence = max(confidence, self.policy.keyword_min_confidence)
                keyword = barge_in_keyword(word)
        decision = decide(match.intent, keyword, confidence, len(text.split()), speaking=True,
                          routine_running=routine, policy=self.policy)
        turn.intent = decision.intent
        if decision.verdict is Verdict.IGNORE:
            turn.outcome = TurnOutcome.IGNORED
            _LOGGER.debug("over speech, ignored: %r (%s, %.2f)", text, decision.intent, confidence)
            return
        if decision.intent != match.intent:
            match = IntentMatch(decision.intent, round(confidence, 3), text=text)
        self.on_text(f"Heard: {text}")
        if decision.verdict is Verdict.CUT:
            self.speech.cut(keep_for_resume=True)
        response = self.conversation.handle(match, self.clock())
        self._carry_out(response, turn, index, "understood" if decision.verdict is Verdict.CUT else None, True)

    def _on_waiting_for_key(self, phrase: Phrase, turn: Turn, index: int) -> None:
        """Push to talk, key not pressed: not listened to."""
        turn.outcome = TurnOutcome.IGNORED

    def _on_waiting_for_wake(self, phrase: Phrase, turn: Turn, index: int) -> None:
        """Wake mode: only a request that starts with the wake phrase (or an emergency) is answered."""
        t = phrase.transcript
        rest = match_wake(t.text, self.wake_phrase, t.alternatives)
        if rest is None:
            match = self._interpret(t.text, t.confidence, t.alternatives)
            if match.intent not in ALWAYS_HEARD:
                turn.outcome = TurnOutcome.IGNORED
                _LOGGER.debug("no wake phrase in %r", t.text)
                return
            self.on_text(f"Heard: {t.text}")
            self._answer(phrase, turn, index, match)
            return
        if self.attention.called():
            self.on_text("Listening again.")
        if not rest.strip():
            turn.outcome = TurnOutcome.WAKE
            self.on_text(f"Heard: {t.text}")
            self._say(index, self.prompts.wake_reply(), None if phrase.early_understood else "listening")
            self.attention.open_window(prompted=True)
            return
        self._on_listening(phrase, turn, index, rest, ())

    def _on_dormant(self, phrase: Phrase, turn: Turn, index: int) -> None:
        """Quiet after too many misses: a tone for what is not understood; anything understood wakes the guide."""
        t = phrase.transcript
        self.on_text(f"Heard: {t.text or '(nothing)'}")
        match = self._interpret(t.text, t.confidence, t.alternatives, phrase.typed) if t.text.strip() else None
        if match is None or (match.intent == "fallback" and self.conversation.routine is None):
            turn.outcome = TurnOutcome.DORMANT if match is not None else TurnOutcome.NOTHING_HEARD
            self.speech.earcon("not_understood", index)
            return
        self._answer(phrase, turn, index, match)

    def _on_listening(self, phrase: Phrase, turn: Turn, index: int, text: str | None = None,
                      alternatives: tuple[tuple[str, float], ...] | None = None) -> None:
        """Every phrase is answered (``text``: what followed the wake phrase)."""
        t = phrase.transcript
        text = t.text if text is None else text
        alternatives = t.alternatives if alternatives is None else alternatives
        if self.attention.mode == "push_to_talk":
            self.attention.key_pressed = False
        self.on_text(f"Heard: {text or '(nothing)'}")
        if not text.strip():
            turn.outcome = TurnOutcome.NOTHING_HEARD
            self._miss(Miss.NOTHING_HEARD, index)
            return
        self._answer(phrase, turn, index, self._interpret(text, t.confidence, alternatives, phrase.typed))

    def _answer(self, phrase: Phrase, turn: Turn, index: int, match: IntentMatch) -> None:
        """An understood phrase (not over speech): answered by the conversation; misses are reprompted."""
        routine = self.conversation.routine is not None
        if routine and self._wants_second_pass(phrase, match):
            match = self._second_pass(phrase, turn)
        turn.intent = match.intent
        if match.intent == "fallback" and not routine:
            turn.outcome = TurnOutcome.NOT_UNDERSTOOD
            self._miss(Miss.NOT_UNDERSTOOD, index)
            return
        if match.intent != "fallback" and self.attention.understood():
            self.on_text("Listening again.")
        if routine and command_for(match.intent) not in (None, *ROUTINE_NO_CUT_COMMANDS):
            self.speech.cut()
        response = self.conversation.handle(match, self.clock())
        self._carry_out(response, turn, index, None if phrase.early_understood else "understood")

    def _wants_second_pass(self, phrase: Phrase, match: IntentMatch) -> bool:
        """In a routine, a long phrase the command phrase set did not hear as a command may be a question."""
        return (not phrase.typed and command_for(match.intent) is None and not match.is_knowledge
                and match.intent not in _NO_SECOND_PASS
                and len(phrase.audio) >= self.live.second_pass_min_ms * SAMPLE_RATE_HZ * SAMPLE_WIDTH_BYTES // 1000)

    def _second_pass(self, phrase: Phrase, turn: Turn) -> IntentMatch:
        second = self.engine.transcribe(phrase.audio, "main")
        match = self.engine.interpret(second.text, second.confidence, second.alternatives)
        _LOGGER.debug("second pass in a routine: %r -> %s", second.text, match.intent)
        if match.is_knowledge or command_for(match.intent) is not None:
            turn.transcript = second.text
            self.on_text(f"Heard: {second.text}")
        return match

    # --- carrying out a reply ------------------------------------------------------------
    def _carry_out(self, response: Response, turn: Turn, index: int, earcon: str | None, over_speech: bool = False) -> None:
        """Do what the reply asks (cut, resume, exit, a new mode), then say it."""
        routine_was_running = self.conversation.routine is not None or response.action is Action.ROUTINE_ENDED
        turn.reply, turn.intent, turn.section_id = response, response.intent, response.section_id
        turn.outcome = TurnOutcome.BARGE_IN if over_speech else _OUTCOMES[response.outcome]
        text, action = response.text, response.action
        if action in (Action.STOP, Action.EMERGENCY, Action.EXIT):
            self.speech.cut()
            self._exiting = self._exiting or action is Action.EXIT
        elif action is Action.PAUSE:
            self.speech.cut(keep_for_resume=True)
        elif action is Action.RESUME:
            text = " ".join(self.speech.take_resume()) or text
        elif action is Action.LISTENING_MODE:
            self.attention.mode, self.attention.key_pressed = self.conversation.listening_mode, False
        elif action is Action.ROUTINE_STARTED and self.conversation.routine is not None:
            self.on_text(f"Routine: {self.conversation.routine.routine.title}.")
        if response.intent == "help":
            text = " ".join(t for t in (text, self.prompts.help_extra(self.mode)) if t)
        if response.outcome is Outcome.NOT_UNDERSTOOD:
            earcon = "not_understood"
        turn.response = text
        if over_speech and action is Action.SPEECH_CHANGED:
            self.on_text(f"Answer: {text}")
            self.speech.say(text, index, first=True)  # heard next, at the new setting
            return
        self._say(index, text, earcon, response.earcons)
        if routine_was_running and self.conversation.routine is None:
            self.on_text("Routine over.")
        if text.rstrip().endswith("?"):
            self.attention.open_window(prompted=True)
        if self.mode == "wake":
            self.attention.attention_until_s = float("inf")  # set properly when the answer has been spoken

    def _say(self, index: int | None, text: str, earcon: str | None = None, earcons: tuple[str, ...] = ()) -> None:
        for name in (earcon, *earcons):
            if name:
                self.speech.earcon(name, index)
        if index is not None and not self.turns[index].response:
            self.turns[index].response = text
        if text.strip():
            self.on_text(f"Answer: {text}")
            self.speech.say(text, index)

    def _miss(self, miss: Miss, index: int) -> None:
        self.speech.earcon("not_understood", index)
        quiet = self.attention.missed()
        self._say(index, self.prompts.reprompt(miss, self.attention.misses, quiet, self.mode))
        if quiet:
            self.on_text("Waiting quietly.")
        else:
            self.attention.open_window(prompted=True)

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
        self._on_phrase(Phrase(Transcript(text, 1.0), 0.0, 0.0, typed=True))

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
            self._miss(Miss.NOTHING_HEARD, len(self.turns) - 1)

    def _tick_routine(self, now: float) -> None:
        if self.conversation.routine is None or self.is_speaking(now):
            return
        if now - self._last_tick_s < self.live.routine_tick_ms / 1000.0:
            return
        self._last_tick_s = now
        response = self.conversation.tick(now)
        if response is not None:
            self._say(None, response.text, None, response.earcons)
            if self.conversation.routine is None:
                self.on_text("Routine over.")

    def _maybe_open_window(self, now: float) -> None:
        """Start listening: a tone and "Listening." once the guide has finished speaking."""
        a = self.attention
        if not a.opens_on_idle or self.is_speaking(now) or self._exiting:
            return
        routine = self.conversation.routine is not None
        if not routine:
            self.speech.earcon("listening", None)
            self.on_text("Listening.")
        a.window_opened(now, self.speech.play_end_s, self.live.listen_window_ms, routine)
        self.speech.pump(now)

    # --- the keyword spotter ------------------------------------------------------------------
    @staticmethod
    def _load_spotter() -> object | None:
        try:
            from voice_guide.stt.pocketsphinx.keywords import shared_spotter

            return shared_spotter()
        except (VoiceGuideError, ImportError) as err:
            _LOGGER.warning("no keyword spotting over speech: %s", err)
            return None

    def _spot_keyword(self, phrase: Phrase) -> str | None:
        """An accepted barge-in word in a short phrase heard over the guide, or None."""
        if self._spotter is None or phrase.speech_end_ms - phrase.speech_start_ms > self.live.keyword_max_phrase_ms:
            return None
        # Only the phrase itself and a little around it: the spotter's time is all latency.
        rate = SAMPLE_RATE_HZ / 1000
        skip = int(max(0.0, phrase.speech_start_ms - KEYWORD_PRE_ROLL_MS - phrase.audio_start_ms) * rate)
        stop = int(max(0.0, phrase.speech_end_ms + KEYWORD_POST_ROLL_MS - phrase.audio_start_ms) * rate)
        try:
            hit = self._spotter.spot(phrase.audio[skip * SAMPLE_WIDTH_BYTES : stop * SAMPLE_WIDTH_BYTES])  # type: ignore[attr-defined]
        except VoiceGuideError as err:
            _LOGGER.warning("keyword spotter failed: %s", err)
            return None
        if hit is None or not hit.accepted:
            return None
        _LOGGER.debug("keyword spotter: %r (%.2f) in %r", hit.word, hit.score, phrase.transcript.text)
        return str(hit.word)


__all__ = ["FastForwardClock", "LiveResult", "LiveSession", "LiveSettings", "NoMicrophoneError", "SpokenLine", "Turn"]
