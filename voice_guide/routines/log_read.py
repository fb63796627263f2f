"""Reading the routine-session log: events back from ``sessions.jsonl`` and folded into sessions.

:func:`read_events` reads every valid event in file order (torn, oversized, too deeply nested or
non-finite lines are skipped with a one-line warning); :func:`sessions_from_events` folds them into
:class:`~voice_guide.routines.log.Session` records, newest first; :func:`last_unfinished` finds where
to resume a routine. Writing is in :mod:`voice_guide.routines.log`.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from voice_guide.core.files import read_bytes_bounded
from voice_guide.routines.log import (
    MAX_EVENT_DEPTH,
    MAX_LINE_BYTES,
    MAX_LOG_BYTES,
    MAX_LOGGED_INT,
    Session,
    StepRecord,
    clean_text,
    default_sessions_path,
)

_LOGGER = logging.getLogger(__name__)

def read_events(
    path: str | os.PathLike[str] | None = None, on_skip: Callable[[str], None] | None = None
) -> list[dict[str, Any]]:
    """Every readable event in the log, in file order; torn or invalid lines are skipped.

    A line that is not JSON, too long, too deeply nested or holds a number too large is skipped
    with a one-line warning (logged, and given to ``on_skip`` when set).
    """

    def skip(message: str) -> None:
        _LOGGER.warning("%s", message)
        if on_skip is not None:
            on_skip(message)

    target = Path(path) if path else default_sessions_path()
    if not target.exists() and not target.is_symlink():
        return []
    raw = read_bytes_bounded(target, MAX_LOG_BYTES, "session log")
    lines = raw.split(b"\n")
    last_index = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    events: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            skip(f"{target}: line {i + 1} is longer than {MAX_LINE_BYTES // 1024} KB; skipped")
            continue
        try:
            event = json.loads(line.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite_float)
        except (UnicodeDecodeError, json.JSONDecodeError):
            if i == last_index:
                _LOGGER.info("%s: last line is incomplete (the program stopped while writing it); skipped", target)
            else:
                skip(f"{target}: line {i + 1} is not valid JSON; skipped")
            continue
        except (RecursionError, ValueError, OverflowError):
            skip(f"{target}: line {i + 1} is too deeply nested or holds a number too large; skipped")
            continue
        if not isinstance(event, dict) or not isinstance(event.get("session_id"), str) or not isinstance(event.get("event"), str):
            skip(f"{target}: line {i + 1} is not a session event; skipped")
            continue
        if _depth(event) > MAX_EVENT_DEPTH:
            skip(f"{target}: line {i + 1} is too deeply nested; skipped")
            continue
        events.append(event)
    return events


def sessions_from_events(events: Iterable[Mapping[str, Any]]) -> list[Session]:
    """Fold events into sessions, newest first (by start time, then by position in the log)."""
    builders: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for event in events:
        sid = event["session_id"]
        kind = event["event"]
        if kind == "start":
            if sid in builders:
                _LOGGER.warning("session %s started twice; the second start is ignored", sid)
                continue
            builders[sid] = {"start": event, "completed": [], "started": [], "end": None, "note": ""}
            order.append(sid)
            continue
        b = builders.get(sid)
        if b is None:
            _LOGGER.warning("event '%s' of session %s has no start; skipped", kind, sid)
            continue
        if kind == "step_started":
            b["started"].append(event)
        elif kind == "step_completed":
            b["completed"].append(event)
        elif kind == "note":
            b["note"] = str(event.get("note") or "")
        elif kind == "end":
            b["end"] = event
            if event.get("note"):
                b["note"] = str(event["note"])
    sessions = [(_session(b), position) for position, b in enumerate(builders[sid] for sid in order)]
    sessions.sort(key=lambda pair: (_sort_time(pair[0].started_at), pair[1]), reverse=True)
    return [s for s, _ in sessions]


def _session(b: Mapping[str, Any]) -> Session:
    start = b["start"]
    end = b["end"]
    step_count = _int(start.get("step_count"), 0)
    start_index = _int(start.get("start_step_index"), 0)
    completed = tuple(
        StepRecord(
            step_index=_int(e.get("step_index"), 0),
            step_name=str(e.get("step_name", "")),
            side_label=str(e.get("side_label", "")),
            repetitions=_int(e.get("repetitions"), 0),
            completed_at=str(e.get("time", "")),
        )
        for e in b["completed"]
    )
    last_started = _int(b["started"][-1].get("step_index"), start_index) if b["started"] else None
    finished = bool(end and end.get("finished"))
    if finished:
        resume: int | None = None
    elif end is not None and _int(end.get("resume_step_index"), -1) >= 0:
        resume = _int(end.get("resume_step_index"), 0)
    elif last_started is None:
        resume = start_index
    elif any(r.step_index == last_started for r in completed):
        resume = last_started + 1
    else:
        resume = last_started
    if resume is not None and step_count and resume >= step_count:
        resume = None
    reps = end.get("repetitions_done") if end else None
    if not isinstance(reps, int):
        reps = sum(r.repetitions for r in completed)
    settings = start.get("settings")
    return Session(
        session_id=str(start["session_id"]),
        routine_id=str(start.get("routine_id", "")),
        routine_title=str(start.get("routine_title", "")),
        started_at=str(start.get("time", "")),
        ended_at=str(end.get("time", "")) if end else None,
        step_count=step_count,
        start_step_index=start_index,
        steps_completed=completed,
        repetitions_done=reps,
        finished=finished,
        stopped_for_pain=bool(end and end.get("stopped_for_pain")),
        note=clean_text(b["note"]),
        last_step_index=last_started,
        resume_step_index=resume,
        settings=dict(settings) if isinstance(settings, dict) else {},
        side=str(start.get("side")) if start.get("side") in ("left", "right") else "both",
        stopped_for_emergency=bool(end and end.get("stopped_for_emergency")),
        stop_reason=clean_text(str(end.get("reason") or end.get("state") or "")) if end else "",
        pain_rating=_rating(end.get("pain_rating")) if end else None,
        how_it_went=clean_text(str(end.get("how_it_went") or "")) if end else "",
    )


def _rating(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 else None


def read_sessions(path: str | os.PathLike[str] | None = None) -> list[Session]:
    """Every session in the log, newest first (see :func:`sessions_from_events`)."""
    return sessions_from_events(read_events(path))


def last_unfinished(
    routine_id: str,
    path: str | os.PathLike[str] | None = None,
    include_pain_stops: bool = True,
) -> Session | None:
    """The newest session of ``routine_id`` if it did not finish, so it can be resumed.

    ``None`` when the newest session of that routine finished (or there is none). Start a new
    player with ``start_at_step=session.resume_step_index``. A session stopped for pain is
    returned unless ``include_pain_stops`` is False; the caller should remind the caregiver to
    check with the clinician first.
    """
    for session in read_sessions(path):
        if session.routine_id != routine_id:
            continue
        if session.finished or session.resume_step_index is None:
            return None
        if session.stopped_for_pain and not include_pain_stops:
            return None
        return session
    return None


def _sort_time(iso: str) -> float:
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return float("-inf")
    if dt.tzinfo is None:
        dt = dt.astimezone()
    return dt.timestamp()


def _int(value: Any, default: int) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LOGGED_INT
    return int(value) if ok else default


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:20]} is too large")
    return value


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_EVENT_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


__all__ = ["last_unfinished", "read_events", "read_sessions", "sessions_from_events"]
