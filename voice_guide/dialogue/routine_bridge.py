"""The bridge between a conversation and the routine player: seconds in, replies out.

The :class:`~voice_guide.routines.player.RoutinePlayer` is a pure state machine on a
millisecond clock; the bridge gives it the conversation's clock (seconds from any origin)
and turns its outputs (lines to say, earcons to play) into one
:class:`~voice_guide.core.types.Response` per request or tick.
"""

from __future__ import annotations

from collections.abc import Sequence

from voice_guide.core.types import Action, Outcome, Response
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.routines.model import Routine
from voice_guide.routines.player import UNKNOWN_COMMAND_TEXT, Command, Play, PlayerSettings, PlayerState, RoutinePlayer, Say, Tick
from voice_guide.routines.texts import RoutineTexts
from voice_guide.tts.settings import SpeechSettings


class RoutineBridge:
    """One routine in progress inside a conversation."""

    def __init__(self, routine: Routine, speech: SpeechSettings, now_s: float,
                 texts: RoutineTexts | None = None, safety: SafetyRules | None = None, side: str = "both") -> None:
        settings = PlayerSettings(earcons=speech.earcons, verbosity=speech.verbosity,
                                  speech_words_per_minute=float(speech.rate_wpm), side=side)
        self.routine = routine
        self.player = RoutinePlayer(routine, settings, texts=texts, safety=safety)
        self._origin_s = now_s

    @property
    def wants_answer(self) -> bool:
        """True while the routine asks how it went (any words are the answer)."""
        return self.player.state == PlayerState.ASKING_HOW_IT_WENT

    @property
    def state(self) -> str:
        """The player's state name (``safety_check``, ``moving``, ``paused``...)."""
        return str(self.player.state.value)

    @property
    def is_over(self) -> bool:
        """True once the routine has finished or was stopped."""
        return self.player.is_over

    def start(self, now_s: float) -> Response:
        """The routine's first lines (its safety check)."""
        return self._response(self.player.start(self._ms(now_s)), "start_routine")

    def command(self, name: str, text: str, now_s: float, match: IntentMatch | None = None) -> Response:
        """Act on a routine command (``pause``, ``yes``, ``question`` with the answer as ``text``...)."""
        outputs = self.player.handle(Command(name, self._ms(now_s), text))
        intent = match.intent if match is not None else name
        confidence = match.confidence if match is not None else 1.0
        return self._response(outputs, intent, confidence)

    def tick(self, now_s: float) -> Response | None:
        """Let time pass; the lines that are due, or None."""
        outputs = self.player.handle(Tick(self._ms(now_s)))
        if not outputs:
            return None
        response = self._response(outputs, "tick")
        return response if response.text or response.earcons else None

    def unknown(self, match: IntentMatch) -> Response:
        """The reply to something that is not a routine command."""
        return Response(UNKNOWN_COMMAND_TEXT, match.intent, match.confidence, outcome=Outcome.NOT_UNDERSTOOD)

    def _ms(self, now_s: float) -> int:
        return int(round((now_s - self._origin_s) * 1000.0))

    def _response(self, outputs: Sequence[object], intent: str, confidence: float = 1.0) -> Response:
        lines = tuple(o.text for o in outputs if isinstance(o, Say))
        earcons = tuple(o.earcon for o in outputs if isinstance(o, Play))
        action = Action.ROUTINE_ENDED if self.player.is_over else Action.NONE
        return Response(" ".join(lines), intent, confidence, action=action, outcome=Outcome.ROUTINE,
                        routine_lines=lines, earcons=earcons)
