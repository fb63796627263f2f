"""Carrying out the conversation's replies in a live session: what the reply asks for, then saying it.

A :class:`~voice_guide.core.types.Response` may ask the front end to act besides speaking
(:class:`~voice_guide.core.types.Action`): cut the speech (stop, emergency, exit), keep what
was left for later (pause) and say it (resume), listen in another mode. The reply is then
queued with its tones, and recorded on the phrase's :class:`~.records.Turn`.
"""

from __future__ import annotations

from collections.abc import Callable

from voice_guide.core.types import Action, Outcome, Response
from voice_guide.dialogue.conversation import Conversation
from voice_guide.frontends.live.listening import Attention
from voice_guide.frontends.live.prompts import Miss, Prompts
from voice_guide.frontends.live.records import Turn, TurnOutcome
from voice_guide.frontends.live.speech import SpeechQueue

_OUTCOMES = {Outcome.ANSWERED: TurnOutcome.ANSWERED, Outcome.SETTING: TurnOutcome.SETTING,
             Outcome.ROUTINE: TurnOutcome.ROUTINE, Outcome.NOT_UNDERSTOOD: TurnOutcome.NOT_UNDERSTOOD,
             Outcome.SAFETY: TurnOutcome.ANSWERED}
"""How the conversation's outcome shows on a turn."""


class ReplyPlayer:
    """See the module doc. ``turns`` is the session's list of turns (indexes in it name the phrases)."""

    def __init__(self, conversation: Conversation, speech: SpeechQueue, attention: Attention, prompts: Prompts,
                 turns: list[Turn], on_text: Callable[[str], None]) -> None:
        self.conversation = conversation
        self.speech = speech
        self.attention = attention
        self.prompts = prompts
        self.turns = turns
        self.on_text = on_text
        self.exiting = False
        """True once the user said goodbye: the session ends when the goodbye has been said."""

    def carry_out(self, response: Response, turn: Turn, index: int, earcon: str | None,
                  over_speech: bool = False) -> None:
        """Do what ``response`` asks, then say it (``earcon``: a tone first; ``over_speech``: a barge-in)."""
        routine_was_running = self.conversation.routine is not None or response.action is Action.ROUTINE_ENDED
        turn.reply, turn.intent, turn.section_id = response, response.intent, response.section_id
        turn.outcome = TurnOutcome.BARGE_IN if over_speech else _OUTCOMES[response.outcome]
        text = self._act(response)
        if response.intent == "help":
            text = " ".join(t for t in (text, self.prompts.help_extra(self.attention.mode)) if t)
        if response.outcome is Outcome.NOT_UNDERSTOOD:
            earcon = "not_understood"
        turn.response = text
        if over_speech and response.action is Action.SPEECH_CHANGED:
            self.on_text(f"Answer: {text}")
            self.speech.say(text, index, first=True)  # heard next, at the new setting
            return
        self.say(index, text, earcon, response.earcons)
        if routine_was_running and self.conversation.routine is None:
            self.on_text("Routine over.")
        if text.rstrip().endswith("?"):
            self.attention.open_window(prompted=True)
        if self.attention.mode == "wake":
            self.attention.attention_until_s = float("inf")  # set properly when the answer has been spoken

    def _act(self, response: Response) -> str:
        """The reply's action; the text to say (resume says what was left)."""
        action = response.action
        if action in (Action.STOP, Action.EMERGENCY, Action.EXIT):
            self.speech.cut()
            self.exiting = self.exiting or action is Action.EXIT
        elif action is Action.PAUSE:
            self.speech.cut(keep_for_resume=True)
        elif action is Action.RESUME:
            return " ".join(self.speech.take_resume()) or response.text
        elif action is Action.LISTENING_MODE:
            self.attention.mode, self.attention.key_pressed = self.conversation.listening_mode, False
        elif action is Action.ROUTINE_STARTED and self.conversation.routine is not None:
            self.on_text(f"Routine: {self.conversation.routine.routine.title}.")
        return response.text

    def say(self, index: int | None, text: str, earcon: str | None = None, earcons: tuple[str, ...] = ()) -> None:
        """Queue tones and ``text``, for the phrase ``index`` (None: nobody asked)."""
        for name in (earcon, *earcons):
            if name:
                self.speech.earcon(name, index)
        if index is not None and not self.turns[index].response:
            self.turns[index].response = text
        if text.strip():
            self.on_text(f"Answer: {text}")
            self.speech.say(text, index)

    def routine_lines(self, response: Response | None) -> None:
        """What the routine in progress says as time passes."""
        if response is None:
            return
        self.say(None, response.text, None, response.earcons)
        if self.conversation.routine is None:
            self.on_text("Routine over.")

    def miss(self, miss: Miss, index: int) -> None:
        """A request that got no answer: a reprompt, more specific each time, then quiet."""
        self.speech.earcon("not_understood", index)
        quiet = self.attention.missed()
        self.say(index, self.prompts.reprompt(miss, self.attention.misses, quiet, self.attention.mode))
        if quiet:
            self.on_text("Waiting quietly.")
        else:
            self.attention.open_window(prompted=True)
