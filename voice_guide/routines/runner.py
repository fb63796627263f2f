"""Drive a :class:`~voice_guide.routines.player.RoutinePlayer` with a clock: ticks, commands, speech, log.

:func:`run_routine` is the loop: about every ``tick_ms`` of routine time it sends a
:class:`~voice_guide.routines.player.Tick`, delivers any commands that are due, and hands each output to
``say`` / ``play`` and to the session log. It works the same with the real clock
(``time.monotonic`` and ``time.sleep``) and with a :class:`VirtualClock`, whose ``sleep``
only moves the clock on, so a whole routine runs in a moment (tests, ``--fast``).

:func:`run_named_routine` does everything end to end for the command line: load the routines,
find one by name, optionally resume from the log, and run it.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Union

from voice_guide.core.clock import VirtualClock
from voice_guide.routines.loader import load_routines
from voice_guide.routines.log import SessionLog
from voice_guide.routines.log_read import last_unfinished
from voice_guide.routines.model import Routine, get_routine
from voice_guide.routines.phases import SafetyClassifier
from voice_guide.routines.player import (
    ANSWER_STATES,
    TERMINAL_STATES,
    Command,
    Output,
    Play,
    PlayerSettings,
    PlayerState,
    Progress,
    RoutinePlayer,
    Say,
    StepCompleted,
    StepStarted,
    Tick,
    build_plan,
)
from voice_guide.routines.texts import load_texts

_LOGGER = logging.getLogger(__name__)

DEFAULT_TICK_MS = 100
"""Routine time between ticks, in milliseconds."""

AUTO_CONFIRM_TEXT = "automatic answer for the demo"
"""The ``text`` of the ``yes`` that ``auto_confirm`` sends, so an echo can show it was not a person."""

CommandItem = str | tuple | Command
"""A command as the runner accepts it: a name, ``(name, text)``, ``(time_ms, name)``,
``(time_ms, name, text)`` or a :class:`~voice_guide.routines.player.Command`."""

CommandSource = Union[None, Iterable[Any], "queue.Queue[Any]", Callable[[], Any]]
"""Where commands come from (see :func:`run_routine`)."""


@dataclass(frozen=True)
class RunResult:
    """How a run ended."""

    progress: Progress
    """The player's progress at the end."""

    reason: str
    """``finished``, ``stopped``, ``stopped_for_pain``, ``stopped_for_emergency``, ``no_more_commands`` (a
    script ran out while the player waited for an answer) or ``time_limit`` (``max_ms`` reached)."""

    elapsed_ms: int
    """Routine time the run took, in milliseconds."""

    ticks: int
    """Ticks sent to the player."""

    session_id: str | None
    """The session's id in the log, when one was written."""


class _Commands:
    """Normalises the accepted command sources to ``due(now_ms)`` and ``exhausted``."""

    def __init__(self, source: CommandSource) -> None:
        self._poll: Callable[[], Any] | None = None
        self._queue: Any = None
        self._timed: list[tuple[int, int, str, str]] = []
        self._order = 0
        if source is None:
            pass
        elif callable(source) and not hasattr(source, "get_nowait"):
            self._poll = source
        elif hasattr(source, "get_nowait"):
            self._queue = source
        else:
            for item in source:
                at, name, text = _timed_item(item)
                self._order += 1
                self._timed.append((at, self._order, name, text))
            self._timed.sort()

    @property
    def exhausted(self) -> bool:
        """True when no command can come any more (a script with nothing left)."""
        return self._poll is None and self._queue is None and not self._timed

    def due(self, now_ms: int) -> list[tuple[str, str]]:
        """Commands to deliver now, oldest first."""
        fresh: list[Any] = []
        if self._queue is not None:
            while True:
                try:
                    fresh.append(self._queue.get_nowait())
                except queue.Empty:
                    break
        if self._poll is not None:
            polled = self._poll()
            fresh.extend(polled if isinstance(polled, list) else [polled])
        found: list[tuple[str, str]] = []
        for item in fresh:
            if _is_timed(item):
                at, name, text = _timed_item(item)
                self._order += 1
                self._timed.append((at, self._order, name, text))
                self._timed.sort()
            else:
                found.extend(_untimed_items(item))
        while self._timed and self._timed[0][0] <= now_ms:
            _, _, name, text = self._timed.pop(0)
            found.append((name, text))
        return found


def _is_timed(item: Any) -> bool:
    return (
        isinstance(item, tuple)
        and len(item) in (2, 3)
        and isinstance(item[0], (int, float))
        and not isinstance(item[0], bool)
    )


def _timed_item(item: Any) -> tuple[int, str, str]:
    if isinstance(item, Command):
        return int(item.now_ms), item.name, item.text
    if _is_timed(item):
        return int(item[0]), str(item[1]), str(item[2]) if len(item) == 3 else ""
    raise TypeError(f"a scripted command is (time_ms, name) or (time_ms, name, text), not {item!r}")


def _untimed_items(item: Any) -> list[tuple[str, str]]:
    if item is None:
        return []
    if isinstance(item, str):
        return [(item, "")] if item.strip() else []
    if isinstance(item, Command):
        return [(item.name, item.text)]
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        return [(item[0], str(item[1]))]
    if isinstance(item, list):
        return [pair for sub in item for pair in _untimed_items(sub)]
    raise TypeError(f"a command is a name, (name, text) or a Command, not {item!r}")


@dataclass
class _Run:
    """One run of :func:`run_routine`: the player, where its outputs go, and how far the run got."""

    player: RoutinePlayer
    say: Callable[[str], None]
    play: Callable[[str], None] | None
    session_log: SessionLog | None
    on_command: Callable[[Command], None] | None
    on_output: Callable[[Output], None] | None
    now: int = 0
    """Routine time of the last tick, in milliseconds."""
    ticks: int = 0
    """Ticks sent to the player."""

    def dispatch(self, outputs: list[Output]) -> None:
        """Hand each output to ``on_output``, then to ``say``, ``play`` or the session log."""
        for output in outputs:
            if self.on_output is not None:
                self.on_output(output)
            if isinstance(output, Say):
                self.say(output.text)
            elif isinstance(output, Play):
                if self.play is not None:
                    self.play(output.earcon)
            elif self.session_log is not None and isinstance(output, StepStarted):
                self.session_log.step_started(output.step_index, output.step_name, output.side_label)
            elif self.session_log is not None and isinstance(output, StepCompleted):
                label = self.player.plan[output.step_index].side_label
                self.session_log.step_completed(output.step_index, output.step_name, output.repetitions, label)

    def send(self, name: str, text: str, at_ms: int) -> None:
        """Give the player a command (``on_command`` sees it first) and dispatch what it answers."""
        command = Command(name, at_ms, text)
        if self.on_command is not None:
            self.on_command(command)
        self.dispatch(self.player.handle(command))

    def loop(self, source: _Commands, now_ms: Callable[[], int], wait: Callable[[], None], auto_confirm: bool,
             max_ms: int | None) -> str:
        """Tick the player and deliver the commands due until it is over (``""``) or the run must end
        (``no_more_commands``, ``time_limit``)."""
        player = self.player
        self.now = now_ms()
        self.dispatch(player.handle(Tick(self.now)))
        self.ticks += 1
        while True:
            if auto_confirm and player.state in _AUTO_ANSWERS:
                _LOGGER.info("answering %s automatically (auto_confirm)", player.state)
                self.send(_AUTO_ANSWERS[player.state], AUTO_CONFIRM_TEXT, self.now)
            for name, text in source.due(self.now):
                self.send(name, text, self.now)
                if player.is_over:
                    break
            if player.is_over:
                return ""
            self.dispatch(player.handle(Tick(self.now)))
            self.ticks += 1
            if player.is_over:
                return ""
            if player.state in ANSWER_STATES and source.exhausted and not (auto_confirm and player.state in _AUTO_ANSWERS):
                return "no_more_commands"
            if max_ms is not None and self.now >= max_ms:
                return "time_limit"
            wait()
            self.now = max(self.now, now_ms())


def run_routine(
    player: RoutinePlayer,
    say: Callable[[str], None],
    play: Callable[[str], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    commands: CommandSource = None,
    time_scale: float = 1.0,
    *,
    tick_ms: int = DEFAULT_TICK_MS,
    session_log: SessionLog | None = None,
    auto_confirm: bool = False,
    on_command: Callable[[Command], None] | None = None,
    on_output: Callable[[Output], None] | None = None,
    max_ms: int | None = None,
    note: str = "",
) -> RunResult:
    """Run ``player`` until it stops or finishes; returns how it ended.

    - ``say(text)`` speaks (or prints) each :class:`Say`; ``play(name)`` plays each earcon
      (``None``: earcons are dropped).
    - ``clock()`` returns seconds (monotonic); ``sleep(seconds)`` waits. Routine time is
      ``(clock() - start) * 1000 * time_scale`` ms; the loop sleeps ``tick_ms / time_scale`` ms.
    - ``commands``: a list of ``(time_ms, name)`` or ``(time_ms, name, text)`` in routine time
      (a script); a ``queue.Queue`` drained each tick; or a callable polled each tick. A queue
      or a callable gives ``None``, a name, ``(name, text)``, a :class:`Command` (all delivered
      at once), ``(time_ms, name[, text])`` (delivered when routine time reaches ``time_ms``),
      or a list of them. A script that has run out while the player waits
      (safety check, pause, after a question) ends the run with ``no_more_commands``;
      a queue or a callable waits as long as needed.
    - ``auto_confirm``: answer the safety check with ``yes``, every wait with ``ready`` and the question
      at the end with ``skip`` (non-interactive demo only).
    - ``session_log``: the session is logged there (start, each step, end).
    - ``on_command`` sees each command before the player; ``on_output`` sees every output.
    - ``max_ms``: stop after this much routine time (a guard for scripts and tests).

    Ctrl-C ends the session in the log as not finished, then is raised again.
    """
    if time_scale <= 0:
        raise ValueError("time_scale must be above 0")
    if tick_ms <= 0:
        raise ValueError("tick_ms must be above 0")
    source = _Commands(commands)
    if auto_confirm and player.settings.ask_how_it_went:  # nobody there to say how it went
        player.settings = replace(player.settings, ask_how_it_went=False)
    start_s = clock()
    session_id: str | None = None
    if session_log is not None:
        session_id = session_log.start(
            player.routine.id,
            player.routine.title,
            step_count=len(player.plan),
            start_step_index=player.start_at_step,
            settings=asdict(player.settings),
            side=player.progress.side,
        )

    def now_ms() -> int:
        return int(round((clock() - start_s) * 1000.0 * time_scale))

    def wait() -> None:
        sleep(tick_ms / 1000.0 / time_scale)

    run = _Run(player, say, play, session_log, on_command, on_output)
    try:
        reason = run.loop(source, now_ms, wait, auto_confirm, max_ms)
    except KeyboardInterrupt:
        if session_log is not None and session_log.session_id is not None:
            _end_log(session_log, player, note or "interrupted")
        raise
    if not reason:
        reason = player.state.value if player.state in TERMINAL_STATES else "stopped"
    if session_log is not None:
        _end_log(session_log, player, note)
    return RunResult(player.progress, reason, run.now, run.ticks, session_id)


_AUTO_ANSWERS = {
    PlayerState.SAFETY_CHECK: "yes",
    PlayerState.WAITING_FOR_READY: "ready",
    PlayerState.PAUSED: "ready",
    PlayerState.WAITING_AFTER_QUESTION: "ready",
}


def _end_log(session_log: SessionLog, player: RoutinePlayer, note: str) -> None:
    progress = player.progress
    session_log.end(
        finished=progress.resume_step_index is None,
        stopped_for_pain=progress.pain_reported and not progress.emergency_reported,
        resume_step_index=progress.resume_step_index,
        repetitions_done=progress.repetitions_done,
        note=note,
        state=progress.state.value,
        stopped_for_emergency=progress.emergency_reported,
        reason=progress.stop_reason or "not_finished",
        pain_rating=progress.pain_rating,
        how_it_went=progress.how_it_went,
    )


def resume_point(
    routine: Routine, side: str = "both", log_path: str | os.PathLike[str] | None = None
) -> tuple[int, bool, str]:
    """Where to resume ``routine`` from the log: ``(plan index, stopped for pain last time, plain message)``.

    A resume index that is negative or outside the routine's plan (a changed routine, or a
    damaged log) starts at the beginning, and the message says why.
    """
    previous = last_unfinished(routine.id, log_path)
    step_count = len(build_plan(routine, side))
    if previous is None or previous.resume_step_index is None:
        return 0, False, f"No unfinished session of {routine.title} to resume; starting at the beginning."
    index = previous.resume_step_index
    pain = previous.stopped_for_pain
    if previous.step_count and previous.step_count != step_count:
        return 0, pain, f"{routine.title.capitalize()} has changed since the last session (or another side was chosen); starting at the beginning."
    if not 0 <= index < step_count:
        return 0, pain, (
            f"The last session's resume point (step {index + 1}) is not in {routine.title} "
            f"(steps 1 to {step_count}); starting at the beginning."
        )
    return index, pain, f"Resuming {routine.title} at step {index + 1} of {step_count}."


def text_earcon(write: Callable[[str], None] = print) -> Callable[[str], None]:
    """A ``play`` that writes earcons as plain text lines, e.g. ``(sound: hold)``."""

    def play(name: str) -> None:
        write(f"(sound: {name})")

    return play


def run_named_routine(
    name: str,
    *,
    routines_dir: str | os.PathLike[str] | None = None,
    settings: PlayerSettings | None = None,
    say: Callable[[str], None] = print,
    play: Callable[[str], None] | None = None,
    fast: bool = False,
    auto_confirm: bool = False,
    commands: CommandSource = None,
    record: bool = False,
    log_path: str | os.PathLike[str] | None = None,
    resume: bool = False,
    time_scale: float = 1.0,
    echo: Callable[[str], None] | None = None,
    max_ms: int | None = None,
    note: str = "",
    safety: SafetyClassifier | None = None,
) -> RunResult:
    """Run the routine called ``name`` (an id such as ``arms`` or an alias such as ``arm``) end to end.

    For ``run.py routine arms --no-speak --fast``: ``say=print`` prints what would be said;
    ``fast=True`` uses a :class:`VirtualClock` so nothing sleeps; ``auto_confirm=True``
    answers the safety check with yes (for a non-interactive demo only: a real session must
    let the caregiver answer). ``play=text_earcon()`` prints earcons. ``record=True`` logs
    the session (to ``log_path`` or the default log); ``resume=True`` starts where the last
    unfinished session of this routine stopped (see :func:`~voice_guide.routines.log.last_unfinished`).
    ``echo`` is told each command heard, as text. ``safety``: the pack's safety rules.

    Raises :class:`~voice_guide.routines.model.RoutineError` for an unknown routine name, and
    :class:`~voice_guide.core.errors.VoiceGuideError` for bad settings.
    """
    routines, problems = load_routines(routines_dir)
    for problem in problems:
        _LOGGER.warning("routine not loaded: %s", problem)
    routine = get_routine(routines, name)
    settings = settings or PlayerSettings()
    start_at, after_pain = 0, False
    if resume:
        start_at, after_pain, message = resume_point(routine, settings.side, log_path)
        _LOGGER.info("%s", message)
    player = RoutinePlayer(
        routine, settings, start_at_step=start_at, texts=load_texts(routines_dir), safety=safety, after_pain_stop=after_pain
    )
    session_log = SessionLog(log_path) if record else None
    if fast:
        virtual = VirtualClock()
        clock: Callable[[], float] = virtual.monotonic
        sleep: Callable[[float], None] = virtual.sleep
    else:
        clock, sleep = time.monotonic, time.sleep

    def on_command(command: Command) -> None:
        if echo is not None:
            heard = f"{command.name} ({command.text})" if command.text and command.name != "question" else command.name
            echo(f"Heard: {heard}")

    return run_routine(
        player,
        say,
        play,
        clock,
        sleep,
        commands,
        time_scale,
        session_log=session_log,
        auto_confirm=auto_confirm,
        on_command=on_command,
        max_ms=max_ms,
        note=note,
    )


__all__ = [
    "AUTO_CONFIRM_TEXT",
    "CommandItem",
    "CommandSource",
    "DEFAULT_TICK_MS",
    "RunResult",

    "run_named_routine",
    "resume_point",
    "run_routine",
    "text_earcon",
]
