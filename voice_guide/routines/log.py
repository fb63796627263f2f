"""A record of routine sessions: an append-only JSON-Lines file, one event per line.

Each event (``start``, ``step_started``, ``step_completed``, ``note``, ``end``) is written with
flush and fsync before the call returns, so a crash loses at most the step in progress. A
line cut short by a crash is skipped when reading, and the next append starts on a new line.

Where: ``sessions.jsonl`` in ``platformdirs.user_data_dir("voice-guide")``; the folder can be
given as an argument or with the environment variable ``VOICE_GUIDE_DATA_DIR``.

Reading it back (:func:`~voice_guide.routines.log_read.read_sessions` folds the events into
:class:`Session` records, newest first; :func:`~voice_guide.routines.log_read.last_unfinished`
finds where to resume a routine) is in ``voice_guide.routines.log_read``. Text, JSON and the weekly summary are
in ``voice_guide.routines.summary``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import fsync_dir

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
    "now_iso",
]
