"""A pure state machine that guides a caregiver through a passive range-of-motion routine.

No threads, no sleeping, no I/O: :meth:`RoutinePlayer.handle` takes an event (:class:`Tick`
or :class:`Command`, each stamped with ``now_ms``) and returns what to do as outputs
(:class:`Say`, :class:`Play` and state information). Whoever drives it (see
``voice_guide.routines.runner``) speaks, plays and ticks.

Flow: safety check (``yes`` to begin) -> for each step: announcing -> repetitions, each
``moving`` (about ``seconds_each_way``) -> ``holding`` (counted down) -> ``returning`` ->
``resting`` ("next up: ...") -> ... -> ``finished``. ``pause`` and a ``question`` wait with no
time limit until ``resume``; ``pain`` stops at once from any state with safety guidance.

Timing: one phase change at most per tick, and a new phase is timed from the tick it starts
on, so a ``say`` that blocks while speaking delays the count instead of making it skip.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.model import MAX_REPETITIONS, MIN_REPETITIONS, Routine, Step

_LOGGER = logging.getLogger(__name__)

# --- spoken safety lines (kept in code, not in the pack, so a bad pack cannot drop them) ---

SAFETY_CHECK_TEXT = (
    "Before we start, a safety check. Stop at once if it hurts or if you feel strong resistance, "
    "and never force a movement. Do not start without a clinician's advice after a recent broken bone "
    "or a fall that may have broken one, a joint infection, a heart attack, or with cancer in the bones, "
    "or if a leg is swollen, warm and tender. Is it safe to start? Say yes to begin, or no to stop."
)
"""Spoken before the first step. Sources: MDA-P, DC (stop, never force), LIP (not without a clinician), IHTC (leg)."""

SAFETY_REPROMPT_TEXT = "Is it safe to start? Say yes to begin, or no to stop."
"""Asked again after a question, or after a long silence during the safety check."""

PAIN_GUIDANCE_TEXT = (
    "Stopping now. Stop the movement and do not force it. "
    "Check with their clinician before doing these exercises again. "
    "If the pain is severe, or they have chest pain or are breathless, call your local emergency number now."
)
"""Spoken at once on ``pain`` in any state. Sources: MDA-P, DC (stop, do not force, call a clinician), HD (emergency)."""

NOT_STARTING_TEXT = "Okay, we will not start. Please check with their clinician before doing these exercises."
"""Spoken when the caregiver answers ``no`` to the safety check."""

FINISH_ADVICE_TEXT = (
    "Afterwards, check their skin for red or sore areas. "
    "Tell their clinician if moving a joint causes pain, or if a joint is getting tighter."
)
"""Spoken at the end in full verbosity. Sources: MLP (skin), DC (when to call a clinician)."""

SAFETY_SOURCE_KEYS = ("MDA-P", "DC", "LIP", "IHTC", "HD", "MLP")
"""Source keys (in the pack's ``sources.yaml``) of the safety lines above."""

NO_ANSWER_TEXT = "Sorry, I do not have an answer to that."
"""Spoken for a ``question`` command that came with no answer text."""

RESUME_HINT_TEXT = "Say resume when you are ready to carry on."
"""Spoken after a pause or an answer."""

UNKNOWN_COMMAND_TEXT = "Sorry, I did not understand that. Say help to hear what you can say."
"""Spoken for a command name the player does not know."""

_RUNNING_CHOICES = (
    "You can say: pause, repeat, next, previous, slower, faster, or stop. "
    "If it hurts, say it hurts and I will stop at once. You can also ask a question."
)


class PlayerState(StrEnum):
    """Where the player is; the value is the plain name used in logs and progress."""

    SAFETY_CHECK = "safety_check"
    ANNOUNCING = "announcing"
    MOVING = "moving"
    HOLDING = "holding"
    RETURNING = "returning"
    RESTING = "resting"
    PAUSED = "paused"
    WAITING_AFTER_QUESTION = "waiting_after_question"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    STOPPED = "stopped"
    FINISHED = "finished"

    def __str__(self) -> str:
        return self.value


RUNNING_STATES = frozenset(
    {PlayerState.ANNOUNCING, PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING, PlayerState.RESTING}
)
"""States in which the clock moves the routine on."""

WAITING_STATES = frozenset({PlayerState.PAUSED, PlayerState.WAITING_AFTER_QUESTION})
"""States that wait, with no time limit, for ``resume``."""

TERMINAL_STATES = frozenset({PlayerState.STOPPED_FOR_PAIN, PlayerState.STOPPED, PlayerState.FINISHED})
"""States the session ends in."""

HELP_TEXTS: dict[PlayerState, str] = {
    PlayerState.SAFETY_CHECK: (
        "This is the safety check. Say yes if it is safe to begin, or no to stop. "
        "Say repeat to hear it again, or ask a question."
    ),
    PlayerState.ANNOUNCING: "I am describing the next exercise. " + _RUNNING_CHOICES,
    PlayerState.MOVING: "We are counting the repetitions. " + _RUNNING_CHOICES,
    PlayerState.HOLDING: "We are holding at the end of the movement. " + _RUNNING_CHOICES,
    PlayerState.RETURNING: "We are easing back to the start. " + _RUNNING_CHOICES,
    PlayerState.RESTING: (
        "This is a short rest before the next exercise. Say next to start it now, repeat to do the last one again, "
        "pause, slower, faster, or stop. If it hurts, say it hurts and I will stop at once."
    ),
    PlayerState.PAUSED: (
        "We are paused, with no time limit. Say resume to carry on. You can also say repeat, next, previous, "
        "slower, faster, or stop, or ask a question. If it hurts, say it hurts."
    ),
    PlayerState.WAITING_AFTER_QUESTION: (
        "I answered your question and I am waiting, with no time limit. Say resume to carry on, or ask another "
        "question. You can also say repeat, next, previous, or stop. If it hurts, say it hurts."
    ),
    PlayerState.STOPPED: (
        "The routine is stopped. Start it again when you are ready; it can pick up where you stopped. "
        "If they are in pain, say it hurts."
    ),
    PlayerState.STOPPED_FOR_PAIN: (
        "The routine stopped because of pain. Check with their clinician before starting again. "
        "If the pain is severe, or they have chest pain or are breathless, call your local emergency number."
    ),
    PlayerState.FINISHED: (
        "The routine is finished. Start it again, or choose another routine, when you are ready. "
        "If they are in pain, say it hurts."
    ),
}
"""What ``help`` speaks in each state: what can be said now."""

COMMAND_NAMES = (
    "pause",
    "resume",
    "repeat",
    "next",
    "previous",
    "slower",
    "faster",
    "stop",
    "help",
    "yes",
    "no",
    "pain",
    "question",
)
"""Command names the player understands (see :data:`COMMAND_ALIASES` for a few more spellings)."""

COMMAND_ALIASES = {
    "continue": "resume",
    "go on": "resume",
    "again": "repeat",
    "start over": "repeat",
    "skip": "next",
    "back": "previous",
    "go back": "previous",
    "cancel": "stop",
    "exit": "stop",
    "quit": "stop",
    "hurts": "pain",
    "it hurts": "pain",
    "emergency": "pain",
}
"""Other names accepted for a command (``exit`` and ``emergency`` are intents of ``voice_guide.nlu.understanding``:
in a routine, leaving stops it, and an emergency stops it at once with the pain guidance)."""

EARCON_NAMES = ("start", "hold", "release", "rest", "end")
"""Earcons the player asks for: start of a step's movement, hold, release, rest between steps, end."""

MIN_SECONDS_EACH_WAY = 2.0
"""Fastest pace allowed: seconds to move one way."""

MAX_SECONDS_EACH_WAY = 10.0
"""Slowest pace allowed: seconds to move one way."""

PACE_STEP_SECONDS = 1.0
"""How much ``slower`` and ``faster`` change ``seconds_each_way``."""

SAFETY_REPROMPT_AFTER_MS = 30_000
"""Silence during the safety check after which the question is asked again (never a timeout)."""

MAX_SAFETY_REPROMPTS = 2
"""How many times the safety question is asked again after silence; then it just waits."""

_PAIN_WORDS = re.compile(r"\b(hurts?|hurting|pain|painful|ouch)\b", re.IGNORECASE)


# --- events and outputs -------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """Time has passed."""

    now_ms: int
    """The driver's clock, in milliseconds (any origin; it must not go backwards)."""


@dataclass(frozen=True)
class Command:
    """Something the caregiver said, already mapped to a command name."""

    name: str
    """One of :data:`COMMAND_NAMES` (or :data:`COMMAND_ALIASES`)."""

    now_ms: int
    """The driver's clock when it was heard, in milliseconds."""

    text: str = ""
    """For ``question``: the answer to speak. For others: what was heard (checked for pain words)."""


Event = Tick | Command
"""What :meth:`RoutinePlayer.handle` takes."""


@dataclass(frozen=True)
class Say:
    """Speak this text."""

    text: str
    """Plain text, one or more sentences."""


@dataclass(frozen=True)
class Play:
    """Play this earcon (never emitted when ``earcons`` is off)."""

    earcon: str
    """One of :data:`EARCON_NAMES`."""


@dataclass(frozen=True)
class StateChanged:
    """The player moved from one state to another."""

    previous: PlayerState
    """The state before."""

    state: PlayerState
    """The state now."""


@dataclass(frozen=True)
class StepStarted:
    """A step is being announced (its repetitions follow)."""

    step_index: int
    """Position in :attr:`RoutinePlayer.plan`, from 0."""

    step_name: str
    """The step's spoken name."""

    side_label: str
    """The side or body part, e.g. ``right arm``; empty when the routine has no sides."""


@dataclass(frozen=True)
class StepCompleted:
    """Every repetition of a step was done."""

    step_index: int
    """Position in :attr:`RoutinePlayer.plan`, from 0."""

    step_name: str
    """The step's spoken name."""

    repetitions: int
    """Repetitions done in this step."""


Output = Say | Play | StateChanged | StepStarted | StepCompleted
"""What :meth:`RoutinePlayer.handle` returns, in order."""


# --- settings, plan and progress ----------------------------------------------------------


@dataclass(frozen=True)
class PlayerSettings:
    """How the routine is played; checked when made (raises :class:`VoiceGuideError`)."""

    repetitions: int | None = None
    """Repetitions for every step, 3 to 10; ``None``: each step's own number (5 in the shipped routines)."""

    seconds_each_way: float = 3.0
    """Seconds to move to the end of the range, and again to move back (2 to 10)."""

    earcons: bool = True
    """Emit :class:`Play` outputs; when off, speech alone carries every cue."""

    verbosity: str = "full"
    """``full``: hand placement, movement and caution for each step; ``brief``: name and count only."""

    rest_seconds: float = 3.0
    """Pause between steps after "next up", in seconds, on top of the time to speak it."""

    speech_words_per_minute: float = 150.0
    """Speaking rate assumed to estimate how long an announcement takes before counting starts."""

    get_ready_ms: int = 1500
    """Quiet time after an announcement before the first repetition, in milliseconds."""

    def __post_init__(self) -> None:
        if self.repetitions is not None and (
            isinstance(self.repetitions, bool)
            or not isinstance(self.repetitions, int)
            or not MIN_REPETITIONS <= self.repetitions <= MAX_REPETITIONS
        ):
            raise VoiceGuideError(
                f"repetitions must be a whole number from {MIN_REPETITIONS} to {MAX_REPETITIONS}, not {self.repetitions!r}"
            )
        if not isinstance(self.seconds_each_way, (int, float)) or not (
            MIN_SECONDS_EACH_WAY <= self.seconds_each_way <= MAX_SECONDS_EACH_WAY
        ):
            raise VoiceGuideError(
                f"seconds each way must be from {MIN_SECONDS_EACH_WAY:g} to {MAX_SECONDS_EACH_WAY:g}, not {self.seconds_each_way!r}"
            )
        if self.verbosity not in ("full", "brief"):
            raise VoiceGuideError(f"verbosity must be full or brief, not {self.verbosity!r}")
        if not isinstance(self.rest_seconds, (int, float)) or not 0 <= self.rest_seconds <= 600:
            raise VoiceGuideError(f"rest seconds must be from 0 to 600, not {self.rest_seconds!r}")
        if not isinstance(self.speech_words_per_minute, (int, float)) or self.speech_words_per_minute <= 0:
            raise VoiceGuideError(f"speech words per minute must be above 0, not {self.speech_words_per_minute!r}")
        if not isinstance(self.get_ready_ms, int) or self.get_ready_ms < 0:
            raise VoiceGuideError(f"get ready time must be 0 ms or more, not {self.get_ready_ms!r}")


@dataclass(frozen=True)
class PlanItem:
    """One step as it is played: a step on one side, numbered within its block."""

    index: int
    """Position in the plan, from 0; what ``start_at_step`` and the session log count."""

    step: Step
    """The step."""

    side_label: str
    """Side or body part, e.g. ``left leg``; empty when the routine has no sides."""

    number: int
    """1-based number within its block ("Exercise 2 of 7")."""

    count: int
    """Steps in its block (the "7")."""

    routine_id: str
    """The (included) routine the step comes from."""


def build_plan(routine: Routine) -> tuple[PlanItem, ...]:
    """Every step of ``routine`` in playing order: each block (side, included routine) in turn."""
    items: list[PlanItem] = []
    for block in routine.blocks():
        for number, step in enumerate(block.steps, start=1):
            items.append(PlanItem(len(items), step, block.label, number, len(block.steps), block.routine_id))
    return tuple(items)


@dataclass(frozen=True)
class Progress:
    """Where a session is; enough to log it and to resume it later."""

    routine_id: str
    """The routine being played."""

    state: PlayerState
    """The current state."""

    step_index: int
    """Current step in the plan, from 0 (while resting: the step just done)."""

    step_count: int
    """Steps in the plan."""

    step_name: str
    """The current step's spoken name."""

    side_label: str
    """The current step's side, e.g. ``right arm``; may be empty."""

    rep: int
    """Current repetition, from 1; 0 before the first one starts."""

    repetitions: int
    """Repetitions the current step has."""

    seconds_each_way: float
    """The current pace."""

    steps_completed: tuple[int, ...]
    """Plan indexes of the steps whose repetitions were all done, in order."""

    repetitions_done: int
    """Repetitions done so far in the session, over all steps."""

    pain_reported: bool
    """True once ``pain`` was heard."""

    resume_step_index: int | None
    """The step a later session should start at (``start_at_step``); ``None`` once finished."""

    paused_state: PlayerState | None
    """While paused or waiting: the state ``resume`` goes back to."""


def number_word(n: int) -> str:
    """0 to 99 as English words, for counting aloud (``21`` -> ``twenty-one``); other numbers as digits."""
    ones = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen"
    ).split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    if 0 <= n < 20:
        return ones[n]
    if 20 <= n < 100:
        return tens[n // 10] + ("" if n % 10 == 0 else "-" + ones[n % 10])
    return str(n)


def estimate_speech_ms(texts: list[str] | str, words_per_minute: float) -> int:
    """Roughly how long speaking ``texts`` takes, in milliseconds."""
    if isinstance(texts, str):
        texts = [texts]
    words = sum(len(t.split()) for t in texts)
    return int(words * 60_000 / words_per_minute)


def _seconds_text(seconds: float) -> str:
    return f"{seconds:g}"


def _lower_first(text: str) -> str:
    """``"One hand"`` -> ``"one hand"`` after a colon; leaves ``"I"`` and acronyms alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --- the player ----------------------------------------------------------------------------


class RoutinePlayer:
    """Plays one routine for one session; see the module docstring for the flow.

    ``start_at_step`` (a plan index, from 0) resumes a session where an earlier one stopped;
    the safety check is still spoken first. Raises :class:`VoiceGuideError` for a step
    outside the plan, and :class:`~voice_guide.routines.model.RoutineError` for a composite routine
    whose includes were not resolved.
    """

    def __init__(self, routine: Routine, settings: PlayerSettings | None = None, start_at_step: int = 0) -> None:
        self.routine = routine
        """The routine being played."""
        self.settings = settings or PlayerSettings()
        """The settings the session started with (the pace may change later: see :attr:`progress`)."""
        self.plan = build_plan(routine)
        """Every step in playing order."""
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
        self._seconds_each_way = float(self.settings.seconds_each_way)
        self._completed: dict[int, None] = {}
        self._reps_done = 0
        self._now_ms = 0
        self._begun = False
        self._pain_reported = False
        self._reprompts = 0
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
        """True in a terminal state: stopped, stopped for pain or finished."""
        return self._state in TERMINAL_STATES

    @property
    def progress(self) -> Progress:
        """A snapshot of where the session is."""
        item = self.plan[self._index]
        if self._state == PlayerState.FINISHED:
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
        )

    def help_text(self) -> str:
        """What ``help`` would speak now."""
        return HELP_TEXTS[self._state]

    # --- input -----------------------------------------------------------------------------

    def start(self, now_ms: int) -> list[Output]:
        """Speak the safety check (same as the first :class:`Tick`)."""
        return self.handle(Tick(now_ms))

    def handle(self, event: Event) -> list[Output]:
        """Advance on a :class:`Tick` or act on a :class:`Command`; returns the outputs in order.

        The first event of a session also speaks the safety check. A tick moves on at most
        one phase. Commands act at once and never wait for a tick.
        """
        if not isinstance(event, (Tick, Command)):
            raise TypeError(f"expected Tick or Command, not {type(event).__name__}")
        now = int(event.now_ms)
        if now < self._now_ms:
            _LOGGER.debug("clock went back from %d to %d ms; using %d", self._now_ms, now, self._now_ms)
            now = self._now_ms
        self._now_ms = now
        out: list[Output] = []
        if not self._begun:
            self._begun = True
            out.append(Say(SAFETY_CHECK_TEXT))
            self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS
        if isinstance(event, Tick):
            self._on_tick(now, out)
        else:
            self._on_command(event, now, out)
        if not self.settings.earcons:
            out = [o for o in out if not isinstance(o, Play)]
        return out

    # --- time ------------------------------------------------------------------------------

    def _on_tick(self, now: int, out: list[Output]) -> None:
        if self._deadline_ms is None or now < self._deadline_ms:
            return
        state = self._state
        if state == PlayerState.SAFETY_CHECK:
            if self._reprompts < MAX_SAFETY_REPROMPTS:
                self._reprompts += 1
                out.append(Say(SAFETY_REPROMPT_TEXT))
                self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS if self._reprompts < MAX_SAFETY_REPROMPTS else None
            else:
                self._deadline_ms = None
        elif state == PlayerState.ANNOUNCING:
            self._start_rep(1, now, out)
        elif state == PlayerState.MOVING:
            hold_s = self.plan[self._index].step.hold_ms // 1000
            if hold_s > 0:
                self._set_state(PlayerState.HOLDING, out)
                self._hold_left_s = hold_s
                out.append(Play("hold"))
                out.append(Say(f"Hold, {number_word(hold_s)}."))
                self._deadline_ms = now + 1000
            else:
                self._set_state(PlayerState.RETURNING, out)
                out.append(Say("And back."))
                self._deadline_ms = now + self._each_way_ms()
        elif state == PlayerState.HOLDING:
            self._hold_left_s -= 1
            if self._hold_left_s > 0:
                out.append(Say(f"{number_word(self._hold_left_s).capitalize()}."))
                self._deadline_ms = now + 1000
            else:
                self._set_state(PlayerState.RETURNING, out)
                out.append(Play("release"))
                out.append(Say("And release."))
                self._deadline_ms = now + self._each_way_ms()
        elif state == PlayerState.RETURNING:
            self._reps_done += 1
            if self._rep < self._reps_for(self.plan[self._index]):
                self._start_rep(self._rep + 1, now, out)
            else:
                self._complete_step(now, out)
        elif state == PlayerState.RESTING:
            self._enter_step(self._index + 1, now, out)

    # --- commands --------------------------------------------------------------------------

    def _on_command(self, command: Command, now: int, out: list[Output]) -> None:
        name = " ".join(str(command.name or "").lower().replace("_", " ").split())
        name = COMMAND_ALIASES.get(name, name)
        text = command.text or ""
        state = self._state
        if name == "pain" or (name != "question" and _PAIN_WORDS.search(text)):
            self._pain(out)
            return
        if name == "help":
            out.append(Say(HELP_TEXTS[state]))
            return
        if name == "question":
            self._question(text, out)
            if state == PlayerState.SAFETY_CHECK and self._deadline_ms is not None:
                self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS
            return
        if name not in COMMAND_NAMES:
            _LOGGER.info("unknown command %r in state %s", command.name, state)
            out.append(Say(UNKNOWN_COMMAND_TEXT))
            return
        if state in TERMINAL_STATES:
            if name not in ("yes", "no"):
                out.append(Say(HELP_TEXTS[state]))
            return
        if name == "stop":
            self._stop(out)
        elif name in ("slower", "faster"):
            self._change_pace(name, out)
        elif state == PlayerState.SAFETY_CHECK:
            self._safety_command(name, now, out)
        elif name == "yes":
            if state in WAITING_STATES:
                out.append(Say(RESUME_HINT_TEXT))
        elif name in ("no", "pause"):
            if state in RUNNING_STATES:
                self._pause(out)
            else:
                out.append(Say("Still paused, with no time limit. " + RESUME_HINT_TEXT + " Or say stop to end."))
                self._set_state(PlayerState.PAUSED, out)
        elif name == "resume":
            if state in WAITING_STATES:
                self._resume(now, out)
            else:
                out.append(Say("We are already going."))
        else:
            self._move(name, now, out)

    def _safety_command(self, name: str, now: int, out: list[Output]) -> None:
        if name == "yes":
            self._deadline_ms = None
            out.append(Say(f"Thank you. Starting the {self.routine.title}."))
            if self.start_at_step > 0:
                out.append(Say("Picking up where you stopped last time."))
            self._enter_step(self.start_at_step, now, out)
        elif name == "no":
            self._deadline_ms = None
            self._set_state(PlayerState.STOPPED, out)
            out.append(Say(NOT_STARTING_TEXT))
        elif name == "repeat":
            out.append(Say(SAFETY_CHECK_TEXT))
        elif name == "pause":
            out.append(Say("Nothing has started yet, so take your time. " + SAFETY_REPROMPT_TEXT))
        else:
            out.append(Say("First, the safety check. " + SAFETY_REPROMPT_TEXT))

    def _pain(self, out: list[Output]) -> None:
        self._pain_reported = True
        self._deadline_ms = None
        if self._state != PlayerState.FINISHED:
            self._paused_from = None
            self._set_state(PlayerState.STOPPED_FOR_PAIN, out)
        out.append(Say(PAIN_GUIDANCE_TEXT))

    def _stop(self, out: list[Output]) -> None:
        self._deadline_ms = None
        if self._state == PlayerState.SAFETY_CHECK:
            text = "Stopped before starting."
        else:
            item = self.plan[self._index]
            where = f"{item.side_label}, " if item.side_label else ""
            text = f"Stopped at {where}exercise {item.number} of {item.count}, {item.step.name}. You can pick up from here later."
        self._paused_from = None
        self._set_state(PlayerState.STOPPED, out)
        out.append(Say(text))

    def _question(self, answer: str, out: list[Output]) -> None:
        answer = " ".join(answer.split()) or NO_ANSWER_TEXT
        state = self._state
        if state in RUNNING_STATES or state in WAITING_STATES:
            if state in RUNNING_STATES:
                self._paused_from = state
                self._deadline_ms = None
            self._set_state(PlayerState.WAITING_AFTER_QUESTION, out)
            out.append(Say(answer))
            out.append(Say(RESUME_HINT_TEXT))
        elif state == PlayerState.SAFETY_CHECK:
            out.append(Say(answer))
            out.append(Say(SAFETY_REPROMPT_TEXT))
        else:
            out.append(Say(answer))

    def _change_pace(self, name: str, out: list[Output]) -> None:
        delta = PACE_STEP_SECONDS if name == "slower" else -PACE_STEP_SECONDS
        new = min(MAX_SECONDS_EACH_WAY, max(MIN_SECONDS_EACH_WAY, self._seconds_each_way + delta))
        if new == self._seconds_each_way:
            which = "slowest" if name == "slower" else "fastest"
            out.append(Say(f"This is already the {which} pace: {_seconds_text(new)} seconds each way."))
            return
        self._seconds_each_way = new
        out.append(Say(f"{name.capitalize()}: {_seconds_text(new)} seconds each way."))

    def _pause(self, out: list[Output]) -> None:
        self._paused_from = self._state
        self._deadline_ms = None
        self._set_state(PlayerState.PAUSED, out)
        out.append(Say("Paused. Take as long as you need. " + RESUME_HINT_TEXT))

    def _resume(self, now: int, out: list[Output]) -> None:
        came_from = self._paused_from
        self._paused_from = None
        out.append(Say("Resuming."))
        if came_from in (PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING):
            self._start_rep(max(self._rep, 1), now, out, earcon=True)
        elif came_from == PlayerState.RESTING:
            self._enter_step(self._index + 1, now, out)
        else:
            self._enter_step(self._index, now, out)

    def _move(self, name: str, now: int, out: list[Output]) -> None:
        """``repeat``, ``next`` and ``previous`` from a running or waiting state."""
        context = self._paused_from if self._state in WAITING_STATES else self._state
        self._paused_from = None
        last = len(self.plan) - 1
        if name == "repeat":
            self._enter_step(self._index, now, out, lead="Again from the start of this exercise.")
        elif name == "next":
            if self._index >= last:
                self._finish(out)
            else:
                self._enter_step(self._index + 1, now, out, lead="Moving on.")
        elif context == PlayerState.RESTING:  # previous, during a rest: the step just done
            self._enter_step(self._index, now, out, lead="Going back.")
        elif self._index == 0:
            self._enter_step(0, now, out, lead="This is the first exercise. Starting it again.")
        else:
            self._enter_step(self._index - 1, now, out, lead="Going back.")

    # --- phases ----------------------------------------------------------------------------

    def _enter_step(self, index: int, now: int, out: list[Output], lead: str = "") -> None:
        item = self.plan[index]
        step = item.step
        self._index = index
        self._rep = 0
        self._step_done = False
        self._hold_left_s = 0
        self._set_state(PlayerState.ANNOUNCING, out)
        out.append(StepStarted(index, step.name, item.side_label))
        texts: list[str] = []
        if lead:
            texts.append(lead)
        if item.routine_id not in self._introduced:
            self._introduced.add(item.routine_id)
            if self._setups.get(item.routine_id):
                texts.append(self._setups[item.routine_id])
        if item.side_label and item.side_label != self._last_label:
            texts.append(f"{item.side_label.capitalize()}.")
        self._last_label = item.side_label
        texts.append(f"Exercise {item.number} of {item.count}: {step.name}.")
        reps = self._reps_for(item)
        if self.settings.verbosity == "full":
            texts.append(f"Hands: {_lower_first(step.hand_placement)}")
            texts.append(step.movement)
            if step.caution:
                texts.append(f"Caution: {_lower_first(step.caution)}")
            hold_s = step.hold_ms // 1000
            texts.append(f"{reps} times, holding {hold_s} seconds at the end." if hold_s else f"{reps} times.")
        else:
            texts.append(f"{reps} times.")
        out.extend(Say(t) for t in texts)
        self._deadline_ms = now + estimate_speech_ms(texts, self.settings.speech_words_per_minute) + self.settings.get_ready_ms

    def _start_rep(self, rep: int, now: int, out: list[Output], earcon: bool = False) -> None:
        self._rep = rep
        self._hold_left_s = 0
        self._set_state(PlayerState.MOVING, out)
        if rep == 1 or earcon:
            out.append(Play("start"))
        reps = self._reps_for(self.plan[self._index])
        word = number_word(rep).capitalize()
        out.append(Say(f"{word}, last one." if rep == reps and reps > 1 else f"{word}."))
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
        text = f"Rest. Next up: {label}{upcoming.step.name}."
        self._set_state(PlayerState.RESTING, out)
        out.append(Play("rest"))
        out.append(Say(text))
        rest_ms = int(self.settings.rest_seconds * 1000)
        self._deadline_ms = now + rest_ms + estimate_speech_ms(text, self.settings.speech_words_per_minute)

    def _finish(self, out: list[Output]) -> None:
        self._deadline_ms = None
        self._paused_from = None
        self._set_state(PlayerState.FINISHED, out)
        out.append(Play("end"))
        out.append(Say(f"That is the end of the {self.routine.title}. Well done."))
        if self.settings.verbosity == "full":
            out.append(Say(FINISH_ADVICE_TEXT))

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


__all__ = [
    "COMMAND_ALIASES",
    "COMMAND_NAMES",
    "Command",
    "EARCON_NAMES",
    "Event",
    "HELP_TEXTS",
    "NOT_STARTING_TEXT",
    "Output",
    "PAIN_GUIDANCE_TEXT",
    "PlanItem",
    "Play",
    "PlayerSettings",
    "PlayerState",
    "Progress",
    "RUNNING_STATES",
    "RoutinePlayer",
    "SAFETY_CHECK_TEXT",
    "SAFETY_SOURCE_KEYS",
    "Say",
    "StateChanged",
    "StepCompleted",
    "StepStarted",
    "TERMINAL_STATES",
    "Tick",
    "WAITING_STATES",
    "build_plan",
    "estimate_speech_ms",
    "number_word",
]
