"""The routine player's vocabulary: states, events in, outputs out, settings, plan and progress."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.model import MAX_REPETITIONS, MIN_REPETITIONS, Routine, Step


class PlayerState(StrEnum):
    """Where the player is; the value is the plain name used in logs and progress."""

    SAFETY_CHECK = "safety_check"
    ANNOUNCING = "announcing"
    MOVING = "moving"
    HOLDING = "holding"
    RETURNING = "returning"
    RESTING = "resting"
    WAITING_FOR_READY = "waiting_for_ready"
    PAUSED = "paused"
    WAITING_AFTER_QUESTION = "waiting_after_question"
    ASKING_HOW_IT_WENT = "asking_how_it_went"
    STOPPED_FOR_EMERGENCY = "stopped_for_emergency"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    STOPPED = "stopped"
    FINISHED = "finished"

    def __str__(self) -> str:
        return self.value


RUNNING_STATES = frozenset(
    {PlayerState.ANNOUNCING, PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING, PlayerState.RESTING}
)
"""States in which the clock moves the routine on."""

EXERCISE_STATES = frozenset({PlayerState.ANNOUNCING, PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING})
"""States with an exercise in hand (being described or counted): ``help`` holds the clock in them."""

WAITING_STATES = frozenset({PlayerState.PAUSED, PlayerState.WAITING_AFTER_QUESTION, PlayerState.WAITING_FOR_READY})
"""States that wait, with no time limit, for ``ready`` (or ``resume``)."""

TERMINAL_STATES = frozenset(
    {PlayerState.STOPPED_FOR_EMERGENCY, PlayerState.STOPPED_FOR_PAIN, PlayerState.STOPPED, PlayerState.FINISHED}
)
"""States the session ends in."""

ANSWER_STATES = frozenset({PlayerState.SAFETY_CHECK, PlayerState.ASKING_HOW_IT_WENT}) | WAITING_STATES
"""States in which the player waits for the caregiver to say something (a driver with no input should stop)."""


class CountingStyle(StrEnum):
    """How the seconds of a hold are marked; repetitions are always counted "one", "two", ..."""

    WORDS = "words"
    """"Hold." then "hold." each further second, then "And release." (no numbers in a hold)."""

    TICKS = "ticks"
    """"Hold." then a soft tick each further second, then "And release." (words when earcons are off)."""

    QUIET = "quiet"
    """"Hold." then silence, then "And release."."""


SIDES = ("both", "left", "right")
"""The ``side`` setting's values."""

MIN_SECONDS_EACH_WAY = 2.0
"""Fastest pace allowed: seconds to move one way."""

MAX_SECONDS_EACH_WAY = 10.0
"""Slowest pace allowed: seconds to move one way."""


# --- events and outputs -------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """Time has passed."""

    now_ms: int
    """The driver's clock, in milliseconds (any origin; it must not go backwards)."""


@dataclass(frozen=True)
class Command:
    """Something the caregiver said, already mapped to a command name (see ``routines.commands``)."""

    name: str
    """One of ``COMMAND_NAMES`` (or an alias of ``routines.commands``)."""

    now_ms: int
    """The driver's clock when it was heard, in milliseconds."""

    text: str = ""
    """For ``question``: the answer to speak. For others: what was heard (checked for emergencies and pain)."""


Event = Tick | Command
"""What the player's ``handle`` takes."""


@dataclass(frozen=True)
class Say:
    """Speak this text."""

    text: str
    """Plain text, one or more sentences."""


@dataclass(frozen=True)
class Play:
    """Play this earcon (never emitted when ``earcons`` is off)."""

    earcon: str
    """One of ``EARCON_NAMES``."""


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
    """Position in the player's plan, from 0."""

    step_name: str
    """The step's spoken name."""

    side_label: str
    """The side or body part, e.g. ``right arm``; empty when the routine has no sides."""


@dataclass(frozen=True)
class StepCompleted:
    """Every repetition of a step was done."""

    step_index: int
    """Position in the player's plan, from 0."""

    step_name: str
    """The step's spoken name."""

    repetitions: int
    """Repetitions done in this step."""


Output = Say | Play | StateChanged | StepStarted | StepCompleted
"""What the player's ``handle`` returns, in order."""


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
    """``full``: hand placement, movement and caution; ``brief``: name, caution and count (every safety line is kept)."""

    rest_seconds: float = 3.0
    """Pause between steps after "next up", in seconds, on top of the time to speak it."""

    speech_words_per_minute: float = 150.0
    """Speaking rate assumed to estimate how long an announcement takes before counting starts."""

    get_ready_ms: int = 1500
    """Quiet time after an announcement before the first repetition, in milliseconds."""

    counting_style: str = CountingStyle.WORDS.value
    """How hold seconds are marked: ``words``, ``ticks`` or ``quiet`` (see :class:`CountingStyle`)."""

    side: str = "both"
    """``both``, ``left`` or ``right``: which side's blocks are played (routines without sides: all)."""

    ask_how_it_went: bool = True
    """At the end, ask once (skippable) for a pain rating 0-10 or a short note."""

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
        if self.counting_style not in tuple(CountingStyle):
            raise VoiceGuideError(f"counting style must be one of {', '.join(CountingStyle)}, not {self.counting_style!r}")
        if self.side not in SIDES:
            raise VoiceGuideError(f"side must be one of {', '.join(SIDES)}, not {self.side!r}")


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


def side_of(label: str) -> str:
    """``"right arm"`` -> ``"right"``; ``""`` when the label names no side."""
    words = label.lower().split()
    return "left" if "left" in words else "right" if "right" in words else ""


def build_plan(routine: Routine, side: str = "both") -> tuple[PlanItem, ...]:
    """Every step of ``routine`` in playing order: each block (side, included routine) in turn.

    With ``side`` ``left`` or ``right``, blocks of the other side are left out (blocks that name
    no side stay); a routine with no block of that side is played whole.
    """
    blocks = routine.blocks()
    if side in ("left", "right") and any(side_of(b.label) == side for b in blocks):
        blocks = [b for b in blocks if side_of(b.label) in ("", side)]
    items: list[PlanItem] = []
    for block in blocks:
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
    """True once pain was heard."""

    resume_step_index: int | None
    """The step a later session should start at (``start_at_step``); ``None`` once finished."""

    paused_state: PlayerState | None
    """While paused or waiting: the state ``ready`` goes back to."""

    side: str = "both"
    """The side played: ``both``, ``left`` or ``right``."""

    emergency_reported: bool = False
    """True once an emergency or crisis was heard (the routine stopped for it)."""

    stop_reason: str = ""
    """``finished``, ``stopped``, ``stopped_for_pain`` or ``stopped_for_emergency`` once over; else empty."""

    pain_rating: int | None = None
    """The pain rating 0-10 given at the end, if any."""

    how_it_went: str = ""
    """The short note given at the end, if any."""


__all__ = [
    "ANSWER_STATES",
    "Command",
    "CountingStyle",
    "Event",
    "MAX_SECONDS_EACH_WAY",
    "MIN_SECONDS_EACH_WAY",
    "Output",
    "PlanItem",
    "Play",
    "PlayerSettings",
    "PlayerState",
    "Progress",
    "RUNNING_STATES",
    "SIDES",
    "Say",
    "StateChanged",
    "StepCompleted",
    "StepStarted",
    "TERMINAL_STATES",
    "Tick",
    "WAITING_STATES",
    "build_plan",
    "side_of",
]
