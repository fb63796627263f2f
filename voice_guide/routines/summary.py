"""Sessions as text and JSON, and the plain-language weekly summary ("how did this week go").

:func:`format_sessions_text` is plain, linear text for a screen reader; :func:`sessions_to_json`
is for machines; :func:`week_summary` counts the last 7 days and :func:`format_week_text` says
it in plain words (texts from the pack's ``routines/texts.yaml``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from voice_guide.core.files import write_atomic
from voice_guide.routines.log import Session, clean_text
from voice_guide.routines.texts import RoutineTexts, shipped_texts

WEEK_DAYS = 7
"""Days the weekly summary looks back, today included."""

MAX_SUMMARY_NOTES = 5
"""Most notes read out in the weekly summary (newest first)."""

def format_sessions_text(sessions: list[Session]) -> str:
    """Plain, linear text for a screen reader: one paragraph line per session, newest first."""
    if not sessions:
        return "No sessions recorded yet."
    lines = [f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}, newest first."]
    for n, s in enumerate(sessions, start=1):
        title = s.routine_title or s.routine_id
        parts = [f"Session {n}: {title} ({s.routine_id})."]
        when = f"Started {_human_time(s.started_at)}"
        if s.ended_at:
            when += f", ended {_human_time(s.ended_at)}"
        parts.append(when + ".")
        if s.side != "both":
            parts.append(f"{s.side.capitalize()} side only.")
        if s.stopped_for_emergency:
            parts.append("Stopped for an emergency.")
        elif s.finished:
            parts.append("Finished.")
        elif s.stopped_for_pain:
            parts.append("Stopped because of pain.")
        elif s.ended_at:
            parts.append("Stopped before the end.")
        else:
            parts.append("Did not end; the program closed.")
        total = f" of {s.step_count}" if s.step_count else ""
        parts.append(
            f"{len(s.steps_completed)}{total} steps done, {s.repetitions_done} repetition{'s' if s.repetitions_done != 1 else ''}."
        )
        if s.resume_step_index is not None:
            parts.append(f"Can resume at step {s.resume_step_index + 1}{total}.")
        if s.pain_rating is not None:
            parts.append(f"Pain rating: {s.pain_rating} out of 10.")
        if s.how_it_went:
            parts.append(f"How it went: {clean_text(s.how_it_went)}")
        if s.note:
            parts.append(f"Note: {clean_text(s.note)}")
        lines.append(" ".join(parts))
    return "\n".join(lines)


def session_to_dict(session: Session) -> dict[str, Any]:
    """A session as plain JSON-ready data."""
    d = asdict(session)
    d["ended_cleanly"] = session.ended_cleanly
    return d


def sessions_to_json(sessions: list[Session]) -> str:
    """Sessions as a JSON array (newest first, as given), for machines."""
    return json.dumps([session_to_dict(s) for s in sessions], ensure_ascii=False, indent=2)


def write_sessions_json(sessions: list[Session], path: str | os.PathLike[str]) -> Path:
    """Export sessions as JSON to ``path``, atomically."""
    return write_atomic(path, (sessions_to_json(sessions) + "\n").encode("utf-8"))


def _human_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso or "at an unknown time"




@dataclass(frozen=True)
class WeekSummary:
    """What was done in the last :data:`WEEK_DAYS` days."""

    start: str
    """First day counted, ``YYYY-MM-DD``."""

    end: str
    """Last day counted (today), ``YYYY-MM-DD``."""

    sessions: int
    """Sessions started."""

    finished: int
    """Sessions that reached the end."""

    steps: int
    """Exercises (steps) done in all sessions."""

    by_routine: dict[str, int]
    """Sessions per routine title."""

    pain_stops: int
    """Sessions stopped for pain."""

    emergency_stops: int
    """Sessions stopped for an emergency."""

    ratings: tuple[int, ...]
    """Pain ratings given at the end, oldest first."""

    notes: tuple[str, ...]
    """Notes (said at the end, or typed), newest first."""


def week_summary(sessions: list[Session], today: datetime | None = None) -> WeekSummary:
    """Count the sessions of the last :data:`WEEK_DAYS` days (today included)."""
    end_day = (today or datetime.now().astimezone()).date()
    start_day = end_day - timedelta(days=WEEK_DAYS - 1)
    recent = [s for s in sessions if (day := _day(s.started_at)) is not None and start_day <= day <= end_day]
    by_routine: dict[str, int] = {}
    for s in sorted(recent, key=lambda s: s.started_at):
        title = s.routine_title or s.routine_id
        by_routine[title] = by_routine.get(title, 0) + 1
    notes = [clean_text(n) for s in recent for n in (s.how_it_went, s.note) if n and n != "interrupted"]
    return WeekSummary(
        start=start_day.isoformat(),
        end=end_day.isoformat(),
        sessions=len(recent),
        finished=sum(1 for s in recent if s.finished),
        steps=sum(len(s.steps_completed) for s in recent),
        by_routine=by_routine,
        pain_stops=sum(1 for s in recent if s.stopped_for_pain),
        emergency_stops=sum(1 for s in recent if s.stopped_for_emergency),
        ratings=tuple(s.pain_rating for s in sorted(recent, key=lambda s: s.started_at) if s.pain_rating is not None),
        notes=tuple(notes[:MAX_SUMMARY_NOTES]),
    )


def format_week_text(summary: WeekSummary, texts: RoutineTexts | None = None) -> str:
    """The weekly summary in plain words, to print or to read aloud."""
    t = texts or shipped_texts()
    if not summary.sessions:
        return t.say("week_none", start=summary.start, end=summary.end)
    lines = [t.say("week_head", start=summary.start, end=summary.end, sessions=summary.sessions, finished=summary.finished, steps=summary.steps)]
    lines.append(t.say("week_routines", parts=", ".join(f"{title} {n}" for title, n in summary.by_routine.items())))
    lines.append(t.say("week_pain", count=summary.pain_stops) if summary.pain_stops else t.say("week_no_pain"))
    if summary.emergency_stops:
        lines.append(t.say("week_emergency", count=summary.emergency_stops))
    if summary.ratings:
        lines.append(t.say("week_ratings", ratings=", ".join(str(r) for r in summary.ratings)))
    if summary.notes:
        lines.append(t.say("week_notes", notes=" ".join(n if n.endswith((".", "!", "?")) else n + "." for n in summary.notes)))
    return " ".join(lines)


def _day(iso: str) -> Any:
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone()
    return dt.date()


__all__ = [
    "WEEK_DAYS",
    "WeekSummary",
    "format_sessions_text",
    "format_week_text",
    "session_to_dict",
    "sessions_to_json",
    "week_summary",
    "write_sessions_json",
]
