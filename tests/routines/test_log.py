"""The session log: append-only JSON Lines, torn lines, order, text and JSON output, resume."""

from __future__ import annotations

import json
import os
from datetime import datetime
from itertools import count
from pathlib import Path

import pytest

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.loader import load_routines
from voice_guide.routines.log import DATA_DIR_ENV, SESSIONS_FILE_NAME, SessionLog, append_event, default_sessions_path
from voice_guide.routines.log_read import last_unfinished, read_events, read_sessions
from voice_guide.routines.player import Command, PlayerSettings, PlayerState, RoutinePlayer, Say, Tick
from voice_guide.routines.summary import format_sessions_text, sessions_to_json, write_sessions_json


def fake_clock(start_minute: int = 0):
    """ISO 8601 times one minute apart, from 2026-11-23 10:00 UTC+1."""
    minutes = count(start_minute)

    def now() -> str:
        m = next(minutes)
        return f"2026-11-23T{10 + m // 60:02d}:{m % 60:02d}:00+01:00"

    return now


def log_session(path: Path, routine_id: str = "arms", steps_done: int = 2, end: dict | None = None, clock=None, started: int | None = None) -> str:
    """Write a session with ``steps_done`` completed steps, then step ``steps_done`` started, then ``end``."""
    log = SessionLog(path, clock=clock or fake_clock())
    sid = log.start(routine_id, f"{routine_id} exercises", step_count=14, settings={"repetitions": None})
    for i in range(steps_done):
        log.step_started(i, f"step {i}", "right arm")
        log.step_completed(i, f"step {i}", 5, "right arm")
    log.step_started(steps_done if started is None else started, f"step {steps_done}", "right arm")
    if end is not None:
        log.end(**end)
    return sid


def test_append_and_read_a_session(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    sid = log_session(path, steps_done=2, end={"finished": False, "resume_step_index": 2, "repetitions_done": 12, "note": "  she was  tired ", "state": "stopped"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 2 * 2 + 1 + 1
    assert all(json.loads(line)["session_id"] == sid for line in lines)
    (s,) = read_sessions(path)
    assert (s.routine_id, s.routine_title, s.step_count) == ("arms", "arms exercises", 14)
    assert [r.step_index for r in s.steps_completed] == [0, 1]
    assert s.repetitions_done == 12
    assert (s.finished, s.stopped_for_pain, s.note) == (False, False, "she was tired")
    assert s.resume_step_index == 2 and s.last_step_index == 2
    assert s.ended_cleanly
    datetime.fromisoformat(s.started_at)
    datetime.fromisoformat(s.ended_at or "")


def test_default_times_are_iso_8601_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog(path)
    log.start("arms")
    log.end(finished=True)
    (s,) = read_sessions(path)
    for stamp in (s.started_at, s.ended_at or ""):
        assert datetime.fromisoformat(stamp).utcoffset() is not None


def test_each_event_is_flushed_and_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.jsonl"
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    log = SessionLog(path, clock=fake_clock())
    log.start("arms")
    first = len(synced)
    assert first >= 1  # the line (and, for a new file, the folder)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1  # on disk before the call returned
    log.step_started(0, "a")
    log.step_completed(0, "a", 5)
    assert len(synced) == first + 2
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_append_only_never_rewrites_earlier_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, end={"finished": True})
    before = path.read_bytes()
    log_session(path, routine_id="legs", end={"finished": True}, clock=fake_clock(30))
    assert path.read_bytes().startswith(before)


def test_torn_last_line_is_skipped_and_the_next_append_starts_a_new_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, steps_done=3)  # crashed: no end
    with open(path, "ab") as f:
        f.write(b'{"v": 1, "event": "step_completed", "session_id": "x", "ste')  # cut short mid-write
    sessions = read_sessions(path)
    assert len(sessions) == 1 and sessions[0].resume_step_index == 3
    # the next session's first line is not glued to the torn one
    log_session(path, routine_id="legs", steps_done=1, end={"finished": True}, clock=fake_clock(30))
    with caplog.at_level("WARNING", logger="voice_guide.routines.log_read"):
        sessions = read_sessions(path)
    assert [s.routine_id for s in sessions] == ["legs", "arms"]
    assert sessions[0].finished
    assert any("line" in r.getMessage() and "not valid JSON" in r.getMessage() for r in caplog.records)


def test_garbage_and_foreign_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, end={"finished": True})
    with open(path, "a", encoding="utf-8") as f:
        f.write("not json\n[1, 2]\n{\"event\": \"end\"}\n\n")
        f.write(json.dumps({"v": 1, "event": "end", "session_id": "orphan", "time": "2026-11-23T12:00:00+01:00"}) + "\n")
    assert len(read_sessions(path)) == 1
    assert len(read_events(path)) == 7 + 1  # the orphan end is an event, but belongs to no session


def test_sessions_are_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, routine_id="legs", end={"finished": True}, clock=fake_clock(120))  # 12:00, written first
    log_session(path, routine_id="arms", end={"finished": True}, clock=fake_clock(0))  # 10:00
    log_session(path, routine_id="hands", end={"finished": True}, clock=fake_clock(60))  # 11:00
    assert [s.routine_id for s in read_sessions(path)] == ["legs", "hands", "arms"]


def test_same_start_time_newest_is_the_later_line(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, routine_id="legs", end={"finished": True}, clock=fake_clock(0))
    log_session(path, routine_id="arms", end={"finished": True}, clock=fake_clock(0))
    assert [s.routine_id for s in read_sessions(path)] == ["arms", "legs"]


def test_missing_log_reads_as_no_sessions(tmp_path: Path) -> None:
    assert read_sessions(tmp_path / "none.jsonl") == []
    assert format_sessions_text([]) == "No sessions recorded yet."


def test_writing_before_start_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(VoiceGuideError, match="before a session was started"):
        SessionLog(tmp_path / "s.jsonl").step_started(0, "a")


def test_unwritable_log_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(VoiceGuideError, match="cannot write the session log"):
        append_event(blocker / "s.jsonl", {"session_id": "a", "event": "start"})


# --- where the log lives ------------------------------------------------------------------


def test_path_from_argument_then_env_then_platformdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert default_sessions_path() == tmp_path / "env" / SESSIONS_FILE_NAME
    assert default_sessions_path(tmp_path / "arg") == tmp_path / "arg" / SESSIONS_FILE_NAME
    log = SessionLog()
    assert log.path == tmp_path / "env" / SESSIONS_FILE_NAME
    log.start("arms")
    assert (tmp_path / "env" / SESSIONS_FILE_NAME).exists()
    monkeypatch.delenv(DATA_DIR_ENV)
    import platformdirs

    assert default_sessions_path() == Path(platformdirs.user_data_dir("voice-guide", appauthor=False)) / SESSIONS_FILE_NAME


# --- resume -------------------------------------------------------------------------------


def test_last_unfinished_after_a_crash_resumes_at_the_step_in_progress(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, steps_done=3)  # step 3 started, then the program died
    s = last_unfinished("arms", path)
    assert s is not None and not s.ended_cleanly
    assert s.resume_step_index == 3
    assert s.repetitions_done == 15


def test_crash_during_a_rest_resumes_at_the_next_step(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, steps_done=3, started=2)  # step 2 completed, next not started yet
    assert last_unfinished("arms", path).resume_step_index == 3


def test_last_unfinished_only_looks_at_the_newest_session_of_that_routine(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, steps_done=3, clock=fake_clock(0))
    assert last_unfinished("arms", path) is not None
    log_session(path, routine_id="legs", steps_done=1, clock=fake_clock(30))  # another routine: no effect
    assert last_unfinished("arms", path).resume_step_index == 3
    log_session(path, steps_done=14, started=13, end={"finished": True}, clock=fake_clock(60))
    assert last_unfinished("arms", path) is None
    assert last_unfinished("hands", path) is None


def test_pain_stops_can_be_left_out_of_resume(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, steps_done=1, end={"finished": False, "stopped_for_pain": True, "resume_step_index": 1})
    assert last_unfinished("arms", path).stopped_for_pain
    assert last_unfinished("arms", path, include_pain_stops=False) is None


def test_resume_after_a_restart_from_the_log(tmp_path: Path) -> None:
    """A session stopped at step 3 is logged; a new player built from last_unfinished starts at step 3."""
    routines, _ = load_routines()
    arms = routines["arms"]
    path = tmp_path / "s.jsonl"
    settings = PlayerSettings(get_ready_ms=0, speech_words_per_minute=60_000)
    # first run: play steps 0, 1, 2, start step 3, then stop
    player = RoutinePlayer(arms, settings)
    log = SessionLog(path, clock=fake_clock())
    log.start(arms.id, arms.title, step_count=len(player.plan))
    now = 0

    def feed(outputs) -> None:
        for o in outputs:
            if type(o).__name__ == "StepStarted":
                log.step_started(o.step_index, o.step_name, o.side_label)
            elif type(o).__name__ == "StepCompleted":
                log.step_completed(o.step_index, o.step_name, o.repetitions)

    feed(player.handle(Command("yes", now)))
    while not (player.progress.step_index == 3 and player.state == PlayerState.MOVING):
        now += 100
        feed(player.handle(Tick(now)))
    feed(player.handle(Command("stop", now)))
    p = player.progress
    log.end(finished=False, resume_step_index=p.resume_step_index, repetitions_done=p.repetitions_done, state=p.state.value)
    # "restart": everything is rebuilt from the file
    session = last_unfinished("arms", path)
    assert session is not None and session.resume_step_index == 3
    assert [r.step_index for r in session.steps_completed] == [0, 1, 2]
    resumed = RoutinePlayer(arms, settings, start_at_step=session.resume_step_index)
    out = resumed.handle(Command("yes", 0))
    assert resumed.progress.step_index == 3
    said = [o.text for o in out if isinstance(o, Say)]
    assert "Exercise 4 of 10: elbow bend and straighten." in said
    assert "Picking up where you stopped last time." in said


# --- output -------------------------------------------------------------------------------


def test_text_output_is_plain_and_linear(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, routine_id="arms", steps_done=14, started=13, end={"finished": True, "repetitions_done": 70}, clock=fake_clock(0))
    log_session(path, routine_id="legs", steps_done=2, end={"finished": False, "stopped_for_pain": True, "resume_step_index": 2, "note": "knee sore"}, clock=fake_clock(30))
    log_session(path, routine_id="hands", steps_done=1, clock=fake_clock(60))
    text = format_sessions_text(read_sessions(path))
    lines = text.splitlines()
    assert lines[0] == "3 sessions, newest first."
    assert lines[1].startswith("Session 1: hands exercises (hands). Started 2026-11-23 11:00.")
    assert "Did not end; the program closed." in lines[1] and "Can resume at step 2 of 14." in lines[1]
    assert "Stopped because of pain." in lines[2] and "Note: knee sore" in lines[2]
    assert "Finished." in lines[3] and "14 of 14 steps done, 70 repetitions." in lines[3]
    assert "\t" not in text and "|" not in text and "\x1b" not in text
    assert all(ord(c) < 128 for c in text)


def test_json_output_and_atomic_export(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, end={"finished": True})
    sessions = read_sessions(path)
    data = json.loads(sessions_to_json(sessions))
    assert data[0]["routine_id"] == "arms" and data[0]["finished"] is True and data[0]["ended_cleanly"] is True
    assert data[0]["steps_completed"][0]["step_index"] == 0
    out = write_sessions_json(sessions, tmp_path / "export" / "sessions.json")
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert [p.name for p in out.parent.iterdir()] == ["sessions.json"]  # no temporary file left
