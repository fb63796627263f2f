"""A caregiver's plan ("arms twice a day") and what is due today, from the plan and the session log.

The plan is a small JSON file (``plan.json`` beside the session log), written atomically. No
daemon: ``run.py due`` (or a system timer, or a Home Assistant automation calling it) reads it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import write_atomic
from voice_guide.routines.log import Session, data_dir
from voice_guide.routines.model import Routine, RoutineError, get_routine
from voice_guide.routines.texts import RoutineTexts, shipped_texts

PLAN_FILE_NAME = "plan.json"
"""File name of the plan inside the data folder."""

MAX_PLAN_BYTES = 64 * 1024
"""Largest plan file read."""

MAX_TIMES_PER_DAY = 6
"""Most sessions of one routine a plan may ask for in a day."""

_TIMES = {"once": 1, "one time": 1, "twice": 2, "two times": 2, "three times": 3, "thrice": 3, "four times": 4,
          "five times": 5, "six times": 6}
_TIMES_RE = re.compile(r"\b(once|twice|thrice|(?:one|two|three|four|five|six|[1-6]) times?)\b(?: a| per| each| every)? ?day\b|\bdaily\b|\bevery day\b")


@dataclass(frozen=True)
class DueItem:
    """One routine of the plan, today."""

    routine_id: str
    """The routine."""

    title: str
    """Its spoken title."""

    planned: int
    """Sessions planned per day."""

    done: int
    """Sessions finished today."""

    @property
    def left(self) -> int:
        """Sessions still to do today."""
        return max(0, self.planned - self.done)


def plan_path(data_folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the plan is kept: ``plan.json`` in the data folder."""
    return data_dir(data_folder) / PLAN_FILE_NAME


def read_plan(path: str | os.PathLike[str] | None = None) -> dict[str, int]:
    """The plan: times per day by routine id. A missing file is an empty plan; a bad one a :class:`VoiceGuideError`."""
    target = Path(path) if path else plan_path()
    if not target.exists():
        return {}
    try:
        if not target.is_file() or target.stat().st_size > MAX_PLAN_BYTES:
            raise VoiceGuideError(f"{target}: not a plan file (a regular file under {MAX_PLAN_BYTES // 1024} KB)")
        data = json.loads(target.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise VoiceGuideError(f"{target}: cannot read the plan: {getattr(err, 'strerror', None) or err}") from None
    raw = data.get("times_per_day") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise VoiceGuideError(f"{target}: times_per_day: expected a mapping of routine id to a number")
    return {str(k): v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_TIMES_PER_DAY}


def write_plan(plan: Mapping[str, int], path: str | os.PathLike[str] | None = None) -> Path:
    """Save the plan atomically."""
    target = Path(path) if path else plan_path()
    body = json.dumps({"times_per_day": dict(sorted(plan.items()))}, indent=2) + "\n"
    return write_atomic(target, body.encode("utf-8"))


def parse_plan_text(text: str, routines: Mapping[str, Routine]) -> tuple[str, int]:
    """``"arms twice a day"`` -> ``("arms", 2)``; ``"legs 3 times a day"`` -> ``("legs", 3)``.

    Raises :class:`VoiceGuideError` with a plain hint when the routine or the number is missing.
    """
    words = " ".join(text.lower().replace("-", " ").split())
    match = _TIMES_RE.search(words)
    if match is None:
        raise VoiceGuideError(f"say how often, for example 'arms twice a day', not {text!r}")
    phrase = match.group(1) or ("once" if "daily" in match.group(0) or "every day" in match.group(0) else "")
    number = phrase.split()[0] if phrase else "once"
    times = _TIMES.get(phrase, 0) or (int(number) if number.isdigit() else _TIMES.get(f"{number} times", 1))
    name = " ".join((words[: match.start()] + " " + words[match.end():]).replace(" the ", " ").split()).strip(" .")
    for filler in ("do ", "plan ", "the ", "her ", "his ", "their "):
        name = name.removeprefix(filler)
    try:
        routine = get_routine(routines, name) if name else None
    except RoutineError:
        routine = None
    if routine is None:
        found = [r for r in routines.values() if any(a in words.split() for a in (r.id, *r.aliases))]
        if not found:
            raise VoiceGuideError(f"which routine? one of: {', '.join(sorted(routines))}")
        routine = found[0]
    return routine.id, times


def due_today(plan: Mapping[str, int], sessions: list[Session], routines: Mapping[str, Routine], today: datetime | None = None) -> list[DueItem]:
    """For each planned routine: sessions planned and finished today."""
    day = (today or datetime.now().astimezone()).date()
    items: list[DueItem] = []
    for routine_id, planned in sorted(plan.items()):
        done = sum(1 for s in sessions if s.routine_id == routine_id and s.finished and _same_day(s.started_at, day))
        title = routines[routine_id].title if routine_id in routines else routine_id
        items.append(DueItem(routine_id, title, planned, done))
    return items


def format_due_text(items: list[DueItem], texts: RoutineTexts | None = None) -> str:
    """What is due today, in plain words."""
    t = texts or shipped_texts()
    if not items:
        return t.say("due_none")
    lines = [t.say("due_item", title=i.title.capitalize(), done=i.done, planned=i.planned) for i in items]
    left = [f"{i.title} ({i.left})" for i in items if i.left]
    lines.append(t.say("due_left", items=", ".join(left)) if left else t.say("due_all_done"))
    return " ".join(lines)


def _same_day(iso: str, day: object) -> bool:
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return False
    return (dt.astimezone() if dt.tzinfo else dt).date() == day


__all__ = [
    "DueItem",
    "MAX_TIMES_PER_DAY",
    "PLAN_FILE_NAME",
    "due_today",
    "format_due_text",
    "parse_plan_text",
    "plan_path",
    "read_plan",
    "write_plan",
]
