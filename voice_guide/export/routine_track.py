"""Playing a routine for a recording: the player, a virtual clock, and the lines a recording needs.

A recorded routine is the live routine with the safety check answered yes, plus what the
recording must say because it cannot listen: a note right after the safety check (stop the
player if it is not safe, or if anything hurts), and, when a track is played brief, every
step's caution (brief wording names and counts the steps; cautions are safety lines and are
always said). Nothing is written to the session log: a recording is not a session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from voice_guide.export.model import MAX_ROUTINE_MS, PARAGRAPH_GAP_MS, RECORDING_NOTE_GAP_MS, TrackPlan
from voice_guide.export.texts import ExportTexts
from voice_guide.routines.player import Command, Output, PlayerSettings, PlayerState, RoutinePlayer, Say, StepStarted
from voice_guide.routines.runner import RunResult, run_routine

_LOGGER = logging.getLogger(__name__)


def play_routine(
    plan: TrackPlan,
    texts: ExportTexts,
    say: Callable[[str], None],
    play: Callable[[str], None],
    clock: Callable[[], float],
    sleep: Callable[[float], None],
) -> RunResult:
    """Run ``plan``'s routine to the end: ``say`` each line, ``play`` each earcon.

    ``say`` may move ``clock`` on (speech takes time in a recording); the player then sees that
    time pass, as it does in a live session. Never logged as a session.
    """
    if plan.routine is None or plan.player_settings is None:
        raise ValueError(f"track {plan.key} is not a routine track")
    settings: PlayerSettings = plan.player_settings
    player = RoutinePlayer(plan.routine, settings)
    state = _RecordingState()

    def on_output(output: Output) -> None:
        if isinstance(output, StepStarted):
            state.caution = player.plan[output.step_index].step.caution if settings.verbosity == "brief" else ""
        elif isinstance(output, Say):
            if state.caution and _mentions(output.text, state.caution):
                state.caution = ""  # the player said it itself

    def on_command(command: Command) -> None:
        if player.state == PlayerState.SAFETY_CHECK and not state.noted:  # the automatic yes
            state.noted = True
            say(texts.recording_note)
            sleep(RECORDING_NOTE_GAP_MS / 1000.0)

    def between_ticks(seconds: float) -> None:
        if state.caution:
            caution, state.caution = state.caution, ""
            say(texts.caution.format(caution=caution[:1].lower() + caution[1:]))
            sleep(settings.get_ready_ms / 1000.0)  # the quiet before the first count, kept
        sleep(seconds)

    if plan.preamble:
        say(plan.preamble)
        sleep(PARAGRAPH_GAP_MS / 1000.0)
    result = run_routine(
        player,
        say,
        play,
        clock,
        between_ticks,
        None,
        auto_confirm=True,
        on_output=on_output,
        on_command=on_command,
        max_ms=MAX_ROUTINE_MS,
        session_log=None,
    )
    if result.reason != "finished":
        _LOGGER.warning("routine %s ended with %s in the export", plan.routine.id, result.reason)
    return result


class _RecordingState:
    """What the recording has said so far, between the player's ticks."""

    def __init__(self) -> None:
        self.noted = False
        """The recording note was said."""
        self.caution = ""
        """A caution still to say for the step being announced."""


def _mentions(text: str, caution: str) -> bool:
    """True when ``text`` already holds ``caution`` (its first letter may be lower case)."""
    tail = " ".join(caution.split())[1:].lower()
    return bool(tail) and tail in " ".join(text.split()).lower()
