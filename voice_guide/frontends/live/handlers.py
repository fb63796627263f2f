"""What each listening state does with a phrase: one handler per :class:`~.listening.ListeningState`.

A phrase is interpreted once (the early look's interpretation is kept for the phrase's
end when the transcript is the same), then handled by the state it is heard in, and an
understood request goes to :meth:`Conversation.handle <voice_guide.dialogue.conversation.Conversation.handle>`,
the same as a typed one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from voice_guide.dialogue.conversation import Conversation
from voice_guide.frontends.live.barge_in import (
    ALWAYS_HEARD,
    ROUTINE_NO_CUT_COMMANDS,
    BargeInPolicy,
    Verdict,
    barge_in_keyword,
    decide,
    wants_keyword_check,
)
from voice_guide.frontends.live.capture import Phrase, PhraseCapture
from voice_guide.frontends.live.listening import Attention, ListeningState, match_wake
from voice_guide.frontends.live.prompts import Miss, Prompts
from voice_guide.frontends.live.records import LiveSettings, Turn, TurnOutcome
from voice_guide.frontends.live.replies import ReplyPlayer
from voice_guide.frontends.live.second_looks import load_spotter, second_pass, spot_barge_in_word, wants_second_pass
from voice_guide.frontends.live.speech import SpeechQueue
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.routines.commands import command_for
from voice_guide.stt.base import Transcript

_LOGGER = logging.getLogger(__name__)


class PhraseHandlers:
    """See the module doc. :attr:`capture` is set once the capture exists (it calls :meth:`open_phrase`
    and :meth:`early_look`)."""

    def __init__(self, conversation: Conversation, speech: SpeechQueue, attention: Attention, replies: ReplyPlayer,
                 prompts: Prompts, turns: list[Turn], live: LiveSettings, wake_phrase: str,
                 clock: Callable[[], float], on_text: Callable[[str], None]) -> None:
        self.conversation = conversation
        self.engine = conversation.engine
        self.speech = speech
        self.attention = attention
        self.replies = replies
        self.prompts = prompts
        self.turns = turns
        self.live = live
        self.wake_phrase = wake_phrase
        self.clock = clock
        self.on_text = on_text
        self.policy = BargeInPolicy(live.min_barge_in_confidence)
        self.capture: PhraseCapture | None = None
        self._spotter = load_spotter() if live.keyword_spotting else None
        self._memo: tuple[tuple[object, ...], IntentMatch] | None = None
        self._handlers: dict[ListeningState, Callable[[Phrase, Turn, int], None]] = {
            ListeningState.SPEAKING: self._on_speaking, ListeningState.WAITING_FOR_KEY: self._on_waiting_for_key,
            ListeningState.WAITING_FOR_WAKE: self._on_waiting_for_wake, ListeningState.DORMANT: self._on_dormant,
            ListeningState.LISTENING: self._on_listening}

    def open_phrase(self, during_playback: bool) -> str | None:
        """A phrase starts: the phrase set to decode it with, or None when it is not listened to."""
        self.attention.deadline_s = None  # something was said
        if self.attention.state(during_playback, self.clock()) is ListeningState.WAITING_FOR_KEY:
            return None
        # Over the guide's speech only commands act: the small command phrase set hears them better.
        return "routine" if self.conversation.routine is not None or during_playback else "main"

    def early_look(self, transcript: Transcript) -> bool:
        """The phrase may be over: when it is understood, sound "understood" now (the end is not yet decided)."""
        now = self.clock()
        if not transcript.text.strip() or self.speech.is_speaking(now) or not self.conversation.speech.earcons:
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
        if self.capture is not None:
            self.capture.mask_until_s = self.speech.play_end_s + self.live.speaking_tail_ms / 1000.0
        return True

    def _interpret(self, text: str, confidence: float, alternatives: tuple[tuple[str, float], ...],
                   typed: bool = False) -> IntentMatch:
        state = self.conversation.dialogue_state  # read in the dialogue's state, as ``ask`` and typed text are
        key = (text, confidence, tuple(alternatives), typed, state)
        if self._memo is None or self._memo[0] != key:
            match = (self.engine.understand(text, state) if typed
                     else self.engine.interpret(text, confidence, alternatives, state))
            self._memo = (key, match)
        return self._memo[1]

    def on_phrase(self, phrase: Phrase) -> None:
        """Record the phrase as a turn and hand it to the handler of the state it is heard in."""
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
        word: str | None = None
        routine = self.conversation.routine is not None
        if not phrase.typed and wants_keyword_check(match.intent, keyword, confidence, routine, self.policy):
            word = spot_barge_in_word(self._spotter, phrase, self.live.keyword_max_phrase_ms)
            if word is not None:
                text = turn.transcript = word
                confidence = turn.asr_confidence = max(confidence, self.policy.keyword_min_confidence)
                keyword = barge_in_keyword(word)
        decision = decide(match.intent, keyword, confidence, len(text.split()), speaking=True,
                          routine_running=routine, policy=self.policy, spotted=word is not None)
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
        self.replies.carry_out(response, turn, index, "understood" if decision.verdict is Verdict.CUT else None, True)

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
            self.replies.say(index, self.prompts.wake_reply(), None if phrase.early_understood else "listening")
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
            self.replies.miss(Miss.NOTHING_HEARD, index)
            return
        self._answer(phrase, turn, index, self._interpret(text, t.confidence, alternatives, phrase.typed))

    def _answer(self, phrase: Phrase, turn: Turn, index: int, match: IntentMatch) -> None:
        """An understood phrase (not over speech): answered by the conversation; misses are reprompted."""
        routine = self.conversation.routine is not None
        if routine and wants_second_pass(phrase, match, self.live.second_pass_min_ms):
            second = second_pass(self.engine, phrase)
            match = self.engine.interpret(second.text, second.confidence, second.alternatives,
                                          self.conversation.dialogue_state)
            if match.is_knowledge or command_for(match.intent) is not None:
                turn.transcript = second.text
                self.on_text(f"Heard: {second.text}")
        if not phrase.typed and phrase.audio:  # a suspected red flag or a decline heard again, as ``ask`` does
            match = self.engine.second_opinion(match, phrase.audio, float(phrase.transcript.confidence),
                                               self.conversation.dialogue_state)
        turn.intent = match.intent
        if match.intent == "fallback" and not routine:
            turn.outcome = TurnOutcome.NOT_UNDERSTOOD
            self.replies.miss(Miss.NOT_UNDERSTOOD, index)
            return
        if match.intent != "fallback" and self.attention.understood():
            self.on_text("Listening again.")
        if routine and command_for(match.intent) not in (None, *ROUTINE_NO_CUT_COMMANDS):
            self.speech.cut()
        response = self.conversation.handle(match, self.clock())
        self.replies.carry_out(response, turn, index, None if phrase.early_understood else "understood")
