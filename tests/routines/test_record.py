"""Schedule and record: the plan, what is due, the weekly summary, the log reader on bad lines,
and the routine, log and due commands run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.loader import load_routines
from voice_guide.routines.log import SessionLog, append_event, clean_text
from voice_guide.routines.log_read import read_events, read_sessions
from voice_guide.routines.schedule import due_today, format_due_text, parse_plan_text, read_plan, write_plan
from voice_guide.routines.summary import format_sessions_text, format_week_text, week_summary

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)


def at(days_ago: int, hour: int = 9) -> str:
    return (TODAY - timedelta(days=days_ago)).replace(hour=hour).isoformat(timespec="seconds")


def log_session(path: Path, routine: str, days_ago: int, *, finished: bool = True, pain: bool = False, rating: int | None = None,
                how: str = "", steps: int = 3, hour: int = 9) -> None:
    log = SessionLog(path, clock=lambda: at(days_ago, hour))
    log.start(routine, f"{routine} exercises", step_count=10)
    for i in range(steps):
        log.step_completed(i, f"move {i}", 5)
    log.end(finished=finished, stopped_for_pain=pain, resume_step_index=None if finished else steps, pain_rating=rating,
            how_it_went=how, reason="finished" if finished else "stopped_for_pain")


@pytest.fixture()
def week_log(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    log_session(path, "arms", 0, rating=2, how="she smiled")
    log_session(path, "arms", 0, hour=17, rating=3)
    log_session(path, "legs", 2, finished=False, pain=True, steps=1)
    log_session(path, "arms", 6)
    log_session(path, "arms", 9)  # older than a week
    return path


# --- the weekly summary -------------------------------------------------------------------------


def test_week_summary_counts_the_last_seven_days(week_log: Path) -> None:
    s = week_summary(read_sessions(week_log), TODAY)
    assert (s.start, s.end) == ("2026-11-24", "2026-11-30")
    assert (s.sessions, s.finished, s.steps, s.pain_stops, s.emergency_stops) == (4, 3, 10, 1, 0)
    assert s.by_routine == {"arms exercises": 3, "legs exercises": 1}
    assert s.ratings == (2, 3) and s.notes == ("she smiled",)
    assert format_week_text(s) == (
        "In the last 7 days, from 2026-11-24 to 2026-11-30: 4 sessions, 3 finished, 10 exercises done. "
        "By routine: arms exercises 3, legs exercises 1. Stopped for pain 1 times. Please tell their clinician. "
        "Pain ratings given: 2, 3, out of 10. Notes: she smiled."
    )


def test_week_summary_with_nothing_done(tmp_path: Path) -> None:
    text = format_week_text(week_summary([], TODAY))
    assert text == "No sessions in the last 7 days, from 2026-11-24 to 2026-11-30."


# --- the plan and what is due ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [("arms twice a day", ("arms", 2)), ("legs 3 times a day", ("legs", 3)), ("hands daily", ("hands", 1)),
     ("do the full body once a day", ("full_body", 1)), ("Arm exercises two times per day", ("arms", 2))],
)
def test_plan_by_voice_or_command(text: str, expected: tuple[str, int]) -> None:
    routines, _ = load_routines()
    assert parse_plan_text(text, routines) == expected


@pytest.mark.parametrize("text,message", [("arms", "how often"), ("yoga twice a day", "which routine")])
def test_a_plan_that_cannot_be_understood_says_why(text: str, message: str) -> None:
    routines, _ = load_routines()
    with pytest.raises(VoiceGuideError, match=message):
        parse_plan_text(text, routines)


def test_due_today_from_the_plan_and_the_log(week_log: Path, tmp_path: Path) -> None:
    routines, _ = load_routines()
    plan_file = tmp_path / "plan.json"
    write_plan({"arms": 2, "legs": 1}, plan_file)
    plan = read_plan(plan_file)
    items = due_today(plan, read_sessions(week_log), routines, TODAY)
    assert [(i.routine_id, i.planned, i.done, i.left) for i in items] == [("arms", 2, 2, 0), ("legs", 1, 0, 1)]
    assert format_due_text(items) == (
        "Arm exercises: 2 of 2 done today. Leg exercises: 0 of 1 done today. Still to do today: leg exercises (1)."
    )
    assert format_due_text([]) .startswith("No plan is set.")


def test_a_bad_plan_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("[" * 30_000, encoding="utf-8")
    with pytest.raises(VoiceGuideError, match="cannot read the plan"):
        read_plan(bad)


# --- the log reader on bad lines, and notes ----------------------------------------------------------


def test_deeply_nested_and_huge_number_lines_are_skipped_with_one_line_warnings(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log_session(path, "arms", 0)
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"session_id": "x", "event": "start", "a": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
        f.write('{"session_id": "y", "event": "start", "step_count": ' + "9" * 5000 + "}\n")
        f.write('{"session_id": "z", "event": "start", "step_count": 1e999}\n')
    append_event(path, {"session_id": "w", "event": "start", "deep": [[[[[[[[[[[]]]]]]]]]]]})
    skipped: list[str] = []
    events = read_events(path, on_skip=skipped.append)
    assert len(skipped) == 4 and all("\n" not in m and "skipped" in m for m in skipped)
    assert {e["session_id"] for e in events} == {events[0]["session_id"]}
    assert len(read_sessions(path)) == 1


def test_negative_or_out_of_range_resume_index_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog(path)
    log.start("arms", "arm exercises", step_count=20)
    log.end(finished=False, resume_step_index=-2)
    (session,) = read_sessions(path)
    assert session.resume_step_index == 0
    assert "step -" not in format_sessions_text([session])


def test_control_characters_in_notes_are_removed() -> None:
    assert clean_text("fine\x1b[31m red\x1b[0m\x07 ok\nnext") == "fine red ok next"


# --- the commands, as a user runs them -----------------------------------------------------------------


def run(*args: str, data_dir: Path, stdin: str | None = "", timeout: float = 240) -> subprocess.CompletedProcess:
    env = dict(os.environ, VOICE_GUIDE_DATA_DIR=str(data_dir), NO_COLOR="1")
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_routine_one_side_fast_prints_one_side_and_is_not_logged(tmp_path: Path) -> None:
    r = run("routine", "arms", "--side", "right", "--no-speak", "--fast", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Today we will do the right side only: right arm." in out
    assert "Right arm." in out and "Left arm." not in out
    assert "Exercise 10 of 10: thumb to fingertips." in out
    assert "Routine ended: finished after 10 exercises." in out
    assert not (tmp_path / "sessions.jsonl").exists()
    assert run("log", data_dir=tmp_path).stdout.strip() == "No sessions recorded yet."


def test_routine_with_piped_stdin_and_no_yes_exits_with_a_hint(tmp_path: Path) -> None:
    r = run("routine", "legs", "--no-speak", stdin="yes\n", data_dir=tmp_path, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "--yes" in r.stderr and "Traceback" not in r.stderr


def test_unknown_routine_lists_the_routines(tmp_path: Path) -> None:
    r = run("routine", "elbows", "--no-speak", "--fast", data_dir=tmp_path, timeout=60)
    assert r.returncode == 2
    assert "unknown routine 'elbows' (known: arms, full_body, hands, legs)" in r.stderr


def test_log_week_and_due_commands(week_log: Path, tmp_path: Path) -> None:
    data = week_log.parent
    week_log.rename(data / "sessions.jsonl")
    r = run("log", "--week", data_dir=data, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("In the last 7 days, from ") or r.stdout.startswith("No sessions in the last 7 days")
    r = run("due", "--plan", "arms twice a day", data_dir=data, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Okay: arm exercises, twice a day."
    assert json.loads((data / "plan.json").read_text()) == {"times_per_day": {"arms": 2}}
    r = run("due", "--json", data_dir=data, timeout=60)
    (item,) = json.loads(r.stdout)
    assert item["routine"] == "arms" and item["planned"] == 2 and item["left"] == item["planned"] - item["done"]
    r = run("due", "--plan", "arms", data_dir=data, timeout=60)
    assert r.returncode == 2 and "how often" in r.stderr


def test_log_text_strips_escape_sequences_from_notes(tmp_path: Path) -> None:
    append_event(tmp_path / "sessions.jsonl", {"session_id": "a", "event": "start", "routine_id": "arms", "time": at(0)})
    append_event(tmp_path / "sessions.jsonl", {"session_id": "a", "event": "end", "note": "ok\x1b[2J\x1b[31mred", "time": at(0)})
    r = run("log", data_dir=tmp_path, timeout=60)
    assert "\x1b" not in r.stdout and "Note: ok red" in r.stdout


def test_out_of_range_resume_index_gives_a_clear_message(tmp_path: Path) -> None:
    from voice_guide.routines.runner import resume_point

    routines, _ = load_routines()
    path = tmp_path / "s.jsonl"
    append_event(path, {"session_id": "a", "event": "start", "routine_id": "arms", "time": at(0)})
    append_event(path, {"session_id": "a", "event": "end", "finished": False, "resume_step_index": 50, "time": at(0)})
    assert resume_point(routines["arms"], "both", path) == (
        0, False, "The last session's resume point (step 51) is not in arm exercises (steps 1 to 20); starting at the beginning."
    )
