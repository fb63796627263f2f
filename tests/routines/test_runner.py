"""The runner: drives the player with a (virtual) clock, delivers commands, logs the session."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest

from voice_guide.routines.loader import load_routines
from voice_guide.routines.log import SessionLog
from voice_guide.routines.log_read import last_unfinished, read_sessions
from voice_guide.routines.model import Routine, RoutineError
from voice_guide.routines.player import (
    PAIN_GUIDANCE_TEXT,
    SAFETY_CHECK_TEXT,
    Command,
    PlayerSettings,
    PlayerState,
    RoutinePlayer,
)
from voice_guide.routines.runner import (
    AUTO_CONFIRM_TEXT,
    VirtualClock,
    run_named_routine,
    run_routine,
    text_earcon,
)

QUICK = PlayerSettings(get_ready_ms=0, speech_words_per_minute=60_000, rest_seconds=1.0)


@pytest.fixture(scope="module")
def routines() -> dict[str, Routine]:
    loaded, problems = load_routines()
    assert problems == []
    return loaded


def is_safety_check(text: str) -> bool:
    """The whole safety check: every safety line, then the side, then the question."""
    head, question = SAFETY_CHECK_TEXT.rsplit(" Is it safe", 1)
    return text.startswith(head) and text.endswith("Is it safe" + question)


def run(player: RoutinePlayer, commands=None, **kwargs):
    """Run with a virtual clock; returns (result, what was said, earcons, the clock)."""
    clock = VirtualClock()
    said: list[str] = []
    sounds: list[str] = []
    result = run_routine(player, said.append, sounds.append, clock.monotonic, clock.sleep, commands, **kwargs)
    return result, said, sounds, clock


def test_whole_routine_end_to_end_with_a_virtual_clock(routines: dict[str, Routine]) -> None:
    result, said, sounds, clock = run(RoutinePlayer(routines["arms"]), [(0, "yes")], auto_confirm=True)
    assert result.reason == "finished" and result.progress.state == PlayerState.FINISHED
    assert is_safety_check(said[0])
    assert "Exercise 2 of 10: shoulder abduction." in said
    assert said.count("Five, last one.") == 20
    assert sounds.count("start") == 20 and sounds[-1] == "end"
    assert result.progress.repetitions_done == 100
    # routine time and the virtual clock agree: ticks of 100 ms
    assert result.elapsed_ms == pytest.approx(clock.now_s * 1000, abs=100)
    assert result.ticks >= result.elapsed_ms // 100


def test_run_named_routine_prints_what_would_be_said(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_named_routine("arm", fast=True, auto_confirm=True, play=text_earcon(), echo=print)
    out = capsys.readouterr().out.splitlines()
    assert result.reason == "finished"
    assert is_safety_check(out[0])
    assert out[1] == f"Heard: yes ({AUTO_CONFIRM_TEXT})"
    assert "Exercise 2 of 10: shoulder abduction." in out
    assert "(sound: hold)" in out and out[-3] == "(sound: end)"
    assert all(line.strip() == line and line for line in out)  # plain lines, nothing decorative


def test_without_an_answer_to_the_safety_check_nothing_starts(routines: dict[str, Routine]) -> None:
    result, said, _, _ = run(RoutinePlayer(routines["legs"]))
    assert result.reason == "no_more_commands"
    assert result.progress.state == PlayerState.SAFETY_CHECK
    assert len(said) == 1 and is_safety_check(said[0])


def test_no_at_the_safety_check_stops(routines: dict[str, Routine]) -> None:
    result, said, _, _ = run(RoutinePlayer(routines["legs"]), [(2000, "no")])
    assert result.reason == "stopped"
    assert "clinician" in said[-1]


def test_scripted_commands_arrive_at_their_time(routines: dict[str, Routine]) -> None:
    heard: list[tuple[str, int]] = []
    result, said, _, _ = run(
        RoutinePlayer(routines["hands"], QUICK),
        [(500, "yes"), (30_000, "pause"), (90_000, "resume"), (120_000, "stop")],
        on_command=lambda c: heard.append((c.name, c.now_ms)),
    )
    assert [(name, ms) for name, ms in heard] == [("yes", 500), ("pause", 30_000), ("resume", 90_000), ("stop", 120_000)]
    assert result.reason == "stopped"
    assert "Get your hands back in place, and say ready when you are." in said


def test_pain_from_a_queue_stops_at_once_and_is_logged(routines: dict[str, Routine], tmp_path: Path) -> None:
    commands: queue.Queue = queue.Queue()
    commands.put("yes")
    said: list[str] = []

    def say(text: str) -> None:
        said.append(text)
        if text == "Hold." and said.count("Hold.") == 5:  # the hold of the third repetition
            commands.put(Command("stop", 0, "stop, she's in pain"))

    clock = VirtualClock()
    log = SessionLog(tmp_path / "s.jsonl")
    result = run_routine(RoutinePlayer(routines["legs"], QUICK), say, None, clock.monotonic, clock.sleep, commands, session_log=log)
    assert result.reason == "stopped_for_pain"
    assert said[-1] == PAIN_GUIDANCE_TEXT
    (session,) = read_sessions(tmp_path / "s.jsonl")
    assert session.stopped_for_pain and not session.finished
    assert session.resume_step_index == 0 and session.repetitions_done == 2


def test_a_queue_takes_timed_tuples_too(routines: dict[str, Routine]) -> None:
    commands: queue.Queue = queue.Queue()
    for item in [(0, "yes"), (20_000, "question", "An answer."), (25_000, "resume"), (40_000, "stop")]:
        commands.put(item)
    heard: list[tuple[str, int]] = []
    result, said, _, _ = run(RoutinePlayer(routines["hands"], QUICK), commands, on_command=lambda c: heard.append((c.name, c.now_ms)))
    assert heard == [("yes", 0), ("question", 20_000), ("resume", 25_000), ("stop", 40_000)]
    assert result.reason == "stopped" and "An answer." in said


def test_a_polled_callable_is_asked_every_tick(routines: dict[str, Routine]) -> None:
    polls = {"n": 0}

    def poll():
        polls["n"] += 1
        return {1: "yes", 50: ("question", "An answer."), 80: "resume"}.get(polls["n"])

    result, said, _, _ = run(RoutinePlayer(routines["hands"], QUICK), poll, max_ms=60_000)
    assert result.reason == "time_limit"
    assert "An answer." in said and "Resuming." in said
    assert polls["n"] >= 600


def test_time_scale_speeds_up_routine_time(routines: dict[str, Routine]) -> None:
    clock = VirtualClock()
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.sleep(seconds)

    result = run_routine(RoutinePlayer(routines["hands"], QUICK), lambda t: None, None, clock.monotonic, sleep, [(0, "yes")], time_scale=10.0, auto_confirm=True)
    assert result.reason == "finished"
    assert sleeps and all(s == pytest.approx(0.01) for s in sleeps)
    assert result.elapsed_ms == pytest.approx(clock.now_s * 1000 * 10, abs=100)


def test_earcons_off_means_play_is_never_called(routines: dict[str, Routine]) -> None:
    settings = PlayerSettings(earcons=False, get_ready_ms=0, speech_words_per_minute=60_000)
    result, _, sounds, _ = run(RoutinePlayer(routines["hands"], settings), [(0, "yes")], auto_confirm=True)
    assert result.reason == "finished" and sounds == []


def test_session_is_logged_and_a_later_run_resumes_where_it_stopped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_path = tmp_path / "s.jsonl"
    # stop while step 3 (exercise 4, elbow) is being counted
    said: list[str] = []
    commands: queue.Queue = queue.Queue()

    def say(text: str) -> None:
        said.append(text)
        if text.startswith("Exercise 4 of 10"):
            commands.put("stop")

    first = run_named_routine("arms", fast=True, auto_confirm=True, say=say, commands=commands, record=True, log_path=log_path, settings=QUICK)
    assert first.reason == "stopped" and first.progress.step_index == 3
    session = last_unfinished("arms", log_path)
    assert session is not None and session.resume_step_index == 3
    assert [r.step_index for r in session.steps_completed] == [0, 1, 2]
    # the program is started again: resume
    second = run_named_routine("arms", fast=True, auto_confirm=True, record=True, log_path=log_path, resume=True, settings=QUICK)
    out = capsys.readouterr().out
    assert "Picking up where you stopped last time." in out
    assert out.index("Exercise 4 of 10: elbow bend and straighten.") < out.index("Exercise 5 of 10: forearm turn.")
    assert "Exercise 1 of 10: shoulder flexion." in out  # the left arm, later
    assert second.reason == "finished"
    newest = read_sessions(log_path)[0]
    assert newest.finished and newest.start_step_index == 3
    assert last_unfinished("arms", log_path) is None


def test_a_crash_mid_routine_leaves_a_resumable_log(routines: dict[str, Routine], tmp_path: Path) -> None:
    log_path = tmp_path / "s.jsonl"

    def say(text: str) -> None:
        if text.startswith("Exercise 3 of 6"):
            raise RuntimeError("speech engine died")

    clock = VirtualClock()
    with pytest.raises(RuntimeError):
        run_routine(RoutinePlayer(routines["legs"], QUICK), say, None, clock.monotonic, clock.sleep, [(0, "yes")], session_log=SessionLog(log_path))
    session = last_unfinished("legs", log_path)
    assert session is not None and not session.ended_cleanly
    assert session.resume_step_index == 2


def test_ctrl_c_ends_the_logged_session_as_unfinished(routines: dict[str, Routine], tmp_path: Path) -> None:
    log_path = tmp_path / "s.jsonl"

    def say(text: str) -> None:
        if text == "Three.":
            raise KeyboardInterrupt

    clock = VirtualClock()
    with pytest.raises(KeyboardInterrupt):
        run_routine(RoutinePlayer(routines["legs"], QUICK), say, None, clock.monotonic, clock.sleep, [(0, "yes")], session_log=SessionLog(log_path))
    (session,) = read_sessions(log_path)
    assert session.ended_cleanly and not session.finished and session.note == "interrupted"
    assert session.resume_step_index == 0


def test_unknown_routine_name_is_a_clear_error() -> None:
    with pytest.raises(RoutineError, match="unknown routine 'yoga'"):
        run_named_routine("yoga", fast=True)


def test_bad_scripted_command_is_refused(routines: dict[str, Routine]) -> None:
    with pytest.raises(TypeError):
        run(RoutinePlayer(routines["legs"]), ["yes"])
