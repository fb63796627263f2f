"""A record of routine sessions: an append-only JSON-Lines file, one event per line.

Each event (``start``, ``step_started``, ``step_completed``, ``note``, ``end``) is written with
flush and fsync before the call returns, so a crash loses at most the step in progress. A
line cut short by a crash is skipped when reading, and the next append starts on a new line.

Where: ``sessions.jsonl`` in ``platformdirs.user_data_dir("voice-guide")``; the folder can be
given as an argument or with the environment variable ``VOICE_GUIDE_DATA_DIR``.

:func:`read_sessions` folds the events into :class:`Session` records, newest first;
:func:`last_unfinished` finds where to resume a routine. Text, JSON and the weekly summary are
in ``voice_guide.routines.summary``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import fsync_dir, read_bytes_bounded

_LOGGER = logging.getLogger(__name__)

MAX_LOG_BYTES = 256 * 1024 * 1024
"""A session log larger than this is not read (years of twice-daily sessions are a few MB)."""

DATA_DIR_ENV = "VOICE_GUIDE_DATA_DIR"
"""Environment variable naming the folder the session log is kept in."""

SESSIONS_FILE_NAME = "sessions.jsonl"
"""File name of the session log inside the data folder."""

LOG_FORMAT_VERSION = 1
"""Written as ``v`` in every event."""

APP_NAME = "voice-guide"
"""Name given to platformdirs."""

MAX_LINE_BYTES = 64 * 1024
"""Longest log line read; a longer one is skipped with a warning."""

MAX_EVENT_DEPTH = 8
"""Deepest nesting of a log event; a deeper one is skipped with a warning."""

MAX_LOGGED_INT = 1_000_000
"""Largest count or index taken from the log; a larger one is treated as missing."""

MAX_NOTE_CHARS = 500
"""Longest note kept in the log."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override``, else ``$VOICE_GUIDE_DATA_DIR``, else the platform's user data folder."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_sessions_path(data_folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the session log is: ``sessions.jsonl`` in :func:`data_dir`."""
    return data_dir(data_folder) / SESSIONS_FILE_NAME


def now_iso() -> str:
    """The local time now, ISO 8601 with the UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append_event(path: str | os.PathLike[str], event: Mapping[str, Any]) -> None:
    """Append one event as one JSON line, then flush and fsync.

    If the file ends in a line cut short (a crash mid-write), a newline is written first so
    the torn line stays on its own and is skipped by :func:`read_sessions`.
    Raises :class:`VoiceGuideError` when the file cannot be written.
    """
    target = Path(path)
    line = (json.dumps(dict(event), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        created = not target.exists()
        with open(target, "a+b") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() > 0:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    line = b"\n" + line
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
        if created:
            fsync_dir(target.parent)
    except OSError as err:
        raise VoiceGuideError(f"{target}: cannot write the session log: {err.strerror or err}") from None



@dataclass(frozen=True)
class StepRecord:
    """One step whose repetitions were all done."""

    step_index: int
    """Position in the routine's plan, from 0."""

    step_name: str
    """The step's spoken name."""

    side_label: str
    """The side, e.g. ``right arm``; may be empty."""

    repetitions: int
    """Repetitions done."""

    completed_at: str
    """When, ISO 8601."""


@dataclass(frozen=True)
class Session:
    """One session of one routine, folded from its events."""

    session_id: str
    """Unique id of the session."""

    routine_id: str
    """The routine played."""

    routine_title: str
    """Its spoken title when played."""

    started_at: str
    """Start time, ISO 8601."""

    ended_at: str | None
    """End time, ISO 8601; ``None`` when the program closed without ending the session."""

    step_count: int
    """Steps in the routine's plan."""

    start_step_index: int
    """The step the session started at (more than 0 when it resumed an earlier one)."""

    steps_completed: tuple[StepRecord, ...]
    """Steps whose repetitions were all done, in order."""

    repetitions_done: int
    """Repetitions done in the session, over all steps."""

    finished: bool
    """True when the routine reached its end."""

    stopped_for_pain: bool
    """True when the session stopped because the person was in pain."""

    note: str
    """The caregiver's note; may be empty."""

    last_step_index: int | None
    """The last step started; ``None`` if none was."""

    resume_step_index: int | None
    """Where a new session should start to pick this one up; ``None`` once finished."""

    settings: dict[str, Any] = field(default_factory=dict)
    """The player settings the session started with."""

    side: str = "both"
    """The side played: ``both``, ``left`` or ``right``."""

    stopped_for_emergency: bool = False
    """True when the session stopped because an emergency or crisis was heard."""

    stop_reason: str = ""
    """``finished``, ``stopped``, ``stopped_for_pain``, ``stopped_for_emergency`` or ``not_finished``; empty if not ended."""

    pain_rating: int | None = None
    """The pain rating 0-10 given at the end, if any."""

    how_it_went: str = ""
    """The short note said at the end, if any."""

    @property
    def ended_cleanly(self) -> bool:
        """False when the program closed (or crashed) before the session ended."""
        return self.ended_at is not None


class SessionLog:
    """Writes the events of one session at a time to the log file (see :func:`append_event`)."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        clock: Callable[[], str] = now_iso,
        data_folder: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = Path(path) if path else default_sessions_path(data_folder)
        """The JSON-Lines file."""
        self._clock = clock
        self.session_id: str | None = None
        """The session being written, once :meth:`start` was called."""

    def start(
        self,
        routine_id: str,
        routine_title: str = "",
        step_count: int = 0,
        start_step_index: int = 0,
        settings: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        side: str = "both",
    ) -> str:
        """Begin a session; returns its id."""
        self.session_id = session_id or uuid.uuid4().hex
        self._write(
            "start",
            routine_id=routine_id,
            routine_title=routine_title,
            step_count=step_count,
            start_step_index=start_step_index,
            settings=dict(settings or {}),
            side=side,
        )
        return self.session_id

    def step_started(self, step_index: int, step_name: str, side_label: str = "") -> None:
        """A step is being announced."""
        self._write("step_started", step_index=step_index, step_name=step_name, side_label=side_label)

    def step_completed(self, step_index: int, step_name: str, repetitions: int, side_label: str = "") -> None:
        """Every repetition of a step was done."""
        self._write("step_completed", step_index=step_index, step_name=step_name, repetitions=repetitions, side_label=side_label)

    def note(self, text: str) -> None:
        """Add the caregiver's note (the last note of a session wins)."""
        self._write("note", note=clean_text(text))

    def end(
        self,
        finished: bool,
        stopped_for_pain: bool = False,
        resume_step_index: int | None = None,
        repetitions_done: int | None = None,
        note: str = "",
        state: str = "",
        *,
        stopped_for_emergency: bool = False,
        reason: str = "",
        pain_rating: int | None = None,
        how_it_went: str = "",
    ) -> None:
        """End the session; no more events are written for it.

        ``reason`` is why it ended (``stopped_for_emergency`` ...); ``pain_rating`` (0-10) and
        ``how_it_went`` are the answer to the question at the end.
        """
        self._write(
            "end",
            finished=bool(finished),
            stopped_for_pain=bool(stopped_for_pain),
            stopped_for_emergency=bool(stopped_for_emergency),
            reason=reason,
            resume_step_index=None if finished else resume_step_index,
            repetitions_done=repetitions_done,
            note=clean_text(note),
            state=state,
            pain_rating=pain_rating,
            how_it_went=clean_text(how_it_went),
        )
        self.session_id = None

    def _write(self, kind: str, **fields: Any) -> None:
        if self.session_id is None:
            raise VoiceGuideError(f"session log: '{kind}' written before a session was started")
        append_event(self.path, {"v": LOG_FORMAT_VERSION, "event": kind, "session_id": self.session_id, "time": self._clock(), **fields})


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


def clean_text(text: str) -> str:
    """Text as kept in the log and printed: control characters and escape sequences removed, one line."""
    text = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b.", " ", str(text or ""))
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(kept.split())[:MAX_NOTE_CHARS]


__all__ = [
    "DATA_DIR_ENV",
    "SESSIONS_FILE_NAME",
    "Session",
    "SessionLog",
    "StepRecord",
    "append_event",
    "clean_text",
    "data_dir",
    "default_sessions_path",
    "last_unfinished",
    "now_iso",
    "read_events",
    "read_sessions",
    "sessions_from_events",
]
