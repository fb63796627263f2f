"""The timed half of the routine player: its state, the clock, and the phases of each step.

:class:`PlayerCore` holds the session's state and moves it on with ticks (announcing ->
moving -> holding -> returning -> resting -> ...). The commands are handled by its subclass
:class:`~voice_guide.routines.player.RoutinePlayer`.
"""

from __future__ import annotations

import logging
from typing import Protocol

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.counting import (
    estimate_speech_ms,
    hold_second_outputs,
    hold_start_outputs,
    release_outputs,
    rep_outputs,
)
from voice_guide.routines.events import (
    TERMINAL_STATES,
    WAITING_STATES,
    Output,
    PlanItem,
    Play,
    PlayerSettings,
    PlayerState,
    Progress,
    Say,
    StateChanged,
    StepCompleted,
    StepStarted,
    build_plan,
)
from voice_guide.routines.model import Routine
from voice_guide.routines.texts import SAFETY_TEXT_KEYS, RoutineTexts, shipped_texts

_LOGGER = logging.getLogger(__name__)

SAFETY_REPROMPT_AFTER_MS = 30_000
"""Silence during the safety check after which the question is asked again (never a timeout)."""

MAX_SAFETY_REPROMPTS = 2
"""How many times the safety question is asked again after silence; then it just waits."""


class SafetyClassifier(Protocol):
    """What the player needs of ``voice_guide.nlu.safety.SafetyRules`` (``is_crisis`` and the answers are optional)."""

    def is_emergency(self, cleaned: str) -> bool:
        """True when the cleaned text describes an emergency."""
        ...

    def is_pain(self, cleaned: str) -> bool:
        """True when the cleaned text says a movement hurts."""
        ...


class PlayerCore:
    """State, clock and phases of one session; see :class:`~voice_guide.routines.player.RoutinePlayer`."""

    def __init__(
        self,
        routine: Routine,
        settings: PlayerSettings | None = None,
        start_at_step: int = 0,
        *,
        texts: RoutineTexts | None = None,
        safety: SafetyClassifier | None = None,
        after_pain_stop: bool = False,
    ) -> None:
        self.routine = routine
        """The routine being played."""
        self.settings = settings or PlayerSettings()
        """The settings the session started with (pace and side may change: see :attr:`progress`)."""
        self.texts = texts or shipped_texts()
        """What the player says (the pack's ``routines/texts.yaml``)."""
        self.safety = safety
        """The pack's safety rules (emergency, crisis, pain); ``None``: the texts' pain words only."""
        self.after_pain_stop = after_pain_stop
        """True when this session picks up one that stopped for pain: the safety check reminds of the clinician."""
        self._side = self.settings.side
        self.plan = build_plan(routine, self._side)
        """Every step in playing order (only the chosen side's)."""
        if not self.plan:
            raise VoiceGuideError(f"routine '{routine.id}' has no steps")
        if isinstance(start_at_step, bool) or not isinstance(start_at_step, int) or not 0 <= start_at_step < len(self.plan):
            raise VoiceGuideError(
                f"cannot start routine '{routine.id}' at step {start_at_step!r}: it has steps 0 to {len(self.plan) - 1}"
            )
        self.start_at_step = start_at_step
        """The plan index the session starts at."""
        self._state = PlayerState.SAFETY_CHECK
        self._index = start_at_step
        self._rep = 0
        self._step_done = False
        self._hold_left_s = 0
        self._deadline_ms: int | None = None
        self._paused_from: PlayerState | None = None
        self._ready_then: str = ""
        self._seconds_each_way = float(self.settings.seconds_each_way)
        self._completed: dict[int, None] = {}
        self._reps_done = 0
        self._now_ms = 0
        self._begun = False
        self._pain_reported = False
        self._emergency_reported = False
        self._pain_rating: int | None = None
        self._how_it_went = ""
        self._reprompts = 0
        self._reached_end = False
        self._last_label: str | None = None
        self._introduced: set[str] = set()
        parts = routine.parts or (routine,)
        self._setups = {p.id: p.setup for p in parts}

    # --- observation -----------------------------------------------------------------------

    @property
    def state(self) -> PlayerState:
        """The current state."""
        return self._state

    @property
    def is_over(self) -> bool:
        """True in a terminal state: stopped (for pain, for an emergency, or asked) or finished."""
        return self._state in TERMINAL_STATES

    @property
    def progress(self) -> Progress:
        """A snapshot of where the session is."""
        item = self.plan[self._index]
        if self._reached_end:
            resume: int | None = None
        elif self._step_done:  # resting after it, or stopped during that rest
            resume = min(self._index + 1, len(self.plan) - 1)
        else:
            resume = self._index
        return Progress(
            routine_id=self.routine.id,
            state=self._state,
            step_index=self._index,
            step_count=len(self.plan),
            step_name=item.step.name,
            side_label=item.side_label,
            rep=self._rep,
            repetitions=self._reps_for(item),
            seconds_each_way=self._seconds_each_way,
            steps_completed=tuple(self._completed),
            repetitions_done=self._reps_done,
            pain_reported=self._pain_reported,
            resume_step_index=resume,
            paused_state=self._paused_from if self._state in WAITING_STATES else None,
            side=self._side,
            emergency_reported=self._emergency_reported,
            stop_reason=self._state.value if self._state in TERMINAL_STATES else "",
            pain_rating=self._pain_rating,
            how_it_went=self._how_it_went,
        )

    def help_text(self) -> str:
        """What ``help`` would speak now: the exercise in hand (its title, where the hands go, the
        movement and its caution, as the step is announced in full) when there is one, then what can
        be said in this state. "How do I hold her elbow?" is answered by the step itself."""
        choices = self.texts.say(f"help_{self._state.value}", choices=self.texts.say("running_choices"))
        index = self._help_step_index()
        return choices if index is None else " ".join((*self.step_instruction(index), choices))

    def step_instruction(self, index: int) -> tuple[str, ...]:
        """The lines that describe step ``index`` of the plan in full (whatever the verbosity): its
        title, the hands, the movement and the caution, in the pack's words."""
        item = self.plan[index]
        step = item.step
        lines = [self.texts.say("step_title", number=item.number, count=item.count, name=step.name),
                 self.texts.say("hands", hands=_lower_first(step.hand_placement)), step.movement]
        if step.caution:
            lines.append(self.texts.say("caution", caution=_lower_first(step.caution)))
        return tuple(line for line in lines if line)

    def _help_step_index(self) -> int | None:
        """The plan index of the exercise ``help`` describes: the one being done, or the one a wait
        or a pause goes on with; None at the safety check, during a rest and once over."""
        if self._reached_end or self._state in TERMINAL_STATES:
            return None
        if self._state in (PlayerState.ANNOUNCING, PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING):
            return self._index
        if self._state in WAITING_STATES:
            if self._paused_from == PlayerState.RESTING or (self._paused_from is None and self._step_done):
                return self._index + 1 if self._index + 1 < len(self.plan) else None
            return self._index
        return None

    def safety_check_text(self) -> str:
        """The whole safety check: every safety line, the side, and the question (brief mode keeps all)."""
        lines = [self.texts.say(key) for key in SAFETY_TEXT_KEYS]
        if self.after_pain_stop:
            lines.insert(0, self.texts.say("after_pain_reminder"))
        lines.append(self.side_line())
        lines.append(self.texts.say("safety_question"))
        return " ".join(line for line in lines if line)

    def side_line(self) -> str:
        """"We will do both sides: right arm, then left arm." or "... the right side only: right arm."."""
        labels = list(dict.fromkeys(item.side_label for item in self.plan if item.side_label))
        if not labels:
            return ""
        joined = ", then ".join(labels)
        if self._side in ("left", "right"):
            return self.texts.say("side_one", side=self._side, labels=joined)
        return self.texts.say("side_both", sides=joined)

    # --- time ------------------------------------------------------------------------------

    def _on_tick(self, now: int, out: list[Output]) -> None:
        if self._deadline_ms is None or now < self._deadline_ms:
            return
        state = self._state
        if state == PlayerState.SAFETY_CHECK:
            if self._reprompts < MAX_SAFETY_REPROMPTS:
                self._reprompts += 1
                out.append(Say(self.texts.say("safety_question")))
                self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS if self._reprompts < MAX_SAFETY_REPROMPTS else None
            else:
                self._deadline_ms = None
        elif state == PlayerState.ANNOUNCING:
            self._start_rep(1, now, out)
        elif state == PlayerState.MOVING:
            self._end_of_range(now, out)
        elif state == PlayerState.HOLDING:
            self._hold_left_s -= 1
            if self._hold_left_s > 0:
                out.extend(hold_second_outputs(self.texts, self.settings.counting_style, self.settings.earcons))
                self._deadline_ms = now + 1000
            else:
                self._set_state(PlayerState.RETURNING, out)
                out.extend(release_outputs(self.texts))
                self._deadline_ms = now + self._each_way_ms()
        elif state == PlayerState.RETURNING:
            self._reps_done += 1
            if self._rep < self._reps_for(self.plan[self._index]):
                self._start_rep(self._rep + 1, now, out)
            else:
                self._complete_step(now, out)
        elif state == PlayerState.RESTING:
            self._go_to_step(self._index + 1, now, out)

    def _end_of_range(self, now: int, out: list[Output]) -> None:
        hold_s = self.plan[self._index].step.hold_ms // 1000
        if hold_s > 0:
            self._set_state(PlayerState.HOLDING, out)
            self._hold_left_s = hold_s
            out.extend(hold_start_outputs(self.texts))
            self._deadline_ms = now + 1000
        else:
            self._set_state(PlayerState.RETURNING, out)
            out.append(Say(self.texts.say("back")))
            self._deadline_ms = now + self._each_way_ms()

    # --- phases ----------------------------------------------------------------------------

    def _go_to_step(self, index: int, now: int, out: list[Output], lead: str = "") -> None:
        """Announce step ``index``, or first wait for ``ready`` when it is on another side."""
        label = self.plan[index].side_label
        if label and self._last_label and label != self._last_label:
            self._wait_for_ready(index, out, self.texts.say("other_side", label=label), lead)
            return
        self._enter_step(index, now, out, lead)

    def _wait_for_ready(self, index: int, out: list[Output], prompt: str, lead: str = "") -> None:
        self._index = index
        self._rep = 0
        self._step_done = False
        self._deadline_ms = None
        self._paused_from = PlayerState.ANNOUNCING
        self._ready_then = "enter"
        self._set_state(PlayerState.WAITING_FOR_READY, out)
        if lead:
            out.append(Say(lead))
        out.append(Say(prompt))

    def _enter_step(self, index: int, now: int, out: list[Output], lead: str = "") -> None:
        item = self.plan[index]
        step = item.step
        self._index = index
        self._rep = 0
        self._step_done = False
        self._hold_left_s = 0
        self._set_state(PlayerState.ANNOUNCING, out)
        out.append(StepStarted(index, step.name, item.side_label))
        texts: list[str] = [lead] if lead else []
        if item.routine_id not in self._introduced:
            self._introduced.add(item.routine_id)
            if self._setups.get(item.routine_id):
                texts.append(self._setups[item.routine_id])
        if item.side_label and item.side_label != self._last_label:
            texts.append(f"{item.side_label.capitalize()}.")
        self._last_label = item.side_label
        texts.append(self.texts.say("step_title", number=item.number, count=item.count, name=step.name))
        reps = self._reps_for(item)
        if self.settings.verbosity == "full":
            texts.append(self.texts.say("hands", hands=_lower_first(step.hand_placement)))
            texts.append(step.movement)
        if step.caution:  # a caution is a safety line: kept in brief mode too
            texts.append(self.texts.say("caution", caution=_lower_first(step.caution)))
        texts.append(self.texts.say("times_hold" if step.hold_ms and self.settings.verbosity == "full" else "times", reps=reps))
        out.extend(Say(t) for t in texts)
        self._deadline_ms = now + estimate_speech_ms(texts, self.settings.speech_words_per_minute) + self.settings.get_ready_ms

    def _start_rep(self, rep: int, now: int, out: list[Output], earcon: bool = False) -> None:
        self._rep = rep
        self._hold_left_s = 0
        self._set_state(PlayerState.MOVING, out)
        if rep == 1 or earcon:
            out.append(Play("start"))
        out.extend(rep_outputs(self.texts, rep, self._reps_for(self.plan[self._index])))
        self._deadline_ms = now + self._each_way_ms()

    def _complete_step(self, now: int, out: list[Output]) -> None:
        item = self.plan[self._index]
        self._completed[self._index] = None
        self._step_done = True
        out.append(StepCompleted(self._index, item.step.name, self._rep))
        if self._index >= len(self.plan) - 1:
            self._finish(out)
            return
        upcoming = self.plan[self._index + 1]
        label = f"{upcoming.side_label}, " if upcoming.side_label and upcoming.side_label != item.side_label else ""
        text = self.texts.say("rest", label=label, name=upcoming.step.name)
        self._set_state(PlayerState.RESTING, out)
        out.append(Play("rest"))
        out.append(Say(text))
        rest_ms = int(self.settings.rest_seconds * 1000)
        self._deadline_ms = now + rest_ms + estimate_speech_ms(text, self.settings.speech_words_per_minute)

    def _finish(self, out: list[Output]) -> None:
        self._reached_end = True
        self._deadline_ms = None
        self._paused_from = None
        out.append(Play("end"))
        out.append(Say(self.texts.say("end", title=self.routine.title)))
        out.append(Say(self.texts.say("finish_advice")))  # a safety line: kept in brief mode too
        if self.settings.ask_how_it_went:
            self._set_state(PlayerState.ASKING_HOW_IT_WENT, out)
            out.append(Say(self.texts.say("how_did_it_go")))
        else:
            self._set_state(PlayerState.FINISHED, out)

    # --- helpers ---------------------------------------------------------------------------

    def _set_state(self, state: PlayerState, out: list[Output]) -> None:
        if state != self._state:
            out.append(StateChanged(self._state, state))
            _LOGGER.debug("%s -> %s", self._state, state)
            self._state = state

    def _reps_for(self, item: PlanItem) -> int:
        return self.settings.repetitions if self.settings.repetitions is not None else item.step.repetitions

    def _each_way_ms(self) -> int:
        return int(round(self._seconds_each_way * 1000))


def _lower_first(text: str) -> str:
    """``"One hand"`` -> ``"one hand"`` after a colon; leaves ``"I"`` and acronyms alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


__all__ = ["MAX_SAFETY_REPROMPTS", "PlayerCore", "SAFETY_REPROMPT_AFTER_MS", "SafetyClassifier"]
