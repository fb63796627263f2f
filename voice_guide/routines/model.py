"""Passive range-of-motion routines as data: the dataclasses and the checks of their fields.

A routine file (``packs/<pack>/routines/<id>.yaml``) holds one routine, or a
``routines:`` list of them. A routine has either its own ``steps`` or ``includes``
(ids of other routines played one after the other, e.g. ``full_body``). The
``sources.yaml`` file beside them lists every source key a routine may cite.

:meth:`Routine.from_dict` builds one routine from a mapping and raises :class:`RoutineError`
naming the file and the field. Reading files and folders: :mod:`voice_guide.routines.loader`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from voice_guide.core.errors import ContentError

_LOGGER = logging.getLogger(__name__)

DEFAULT_REPETITIONS = 5
"""Repetitions of a step when neither the step nor the caregiver says otherwise."""

MIN_REPETITIONS = 3
"""Fewest repetitions a step or the caregiver may ask for."""

MAX_REPETITIONS = 10
"""Most repetitions a step or the caregiver may ask for."""

DEFAULT_HOLD_SECONDS = 2
"""Seconds held at the end of the range unless the step says otherwise."""

MAX_HOLD_SECONDS = 30
"""Longest hold a routine file may ask for (longer holds need a clinician's plan)."""

_ROUTINE_FIELDS = {"id", "title", "body_region", "aliases", "sides", "setup", "sources", "steps", "includes", "repetitions"}
_REQUIRED_ROUTINE_FIELDS = ("id", "title", "body_region")
_STEP_FIELDS = {"name", "hand_placement", "movement", "repetitions", "hold_seconds", "caution", "sources"}
_REQUIRED_STEP_FIELDS = ("name", "hand_placement", "movement", "sources")


@dataclass(frozen=True)
class RoutineProblem:
    """Why one routine (or one file) could not be loaded: a one-line, actionable reason."""

    source_name: str
    """The file (or other origin) the problem is in, e.g. ``legs.yaml``."""

    field: str
    """The field at fault as a path, e.g. ``steps[2].hand_placement``; empty for the whole file."""

    message: str
    """What is wrong, in plain words."""

    def __str__(self) -> str:
        where = f"{self.source_name}: {self.field}" if self.field else self.source_name
        return f"{where}: {self.message}"


class RoutineError(ContentError):
    """A routine file, or a request for a routine, is wrong; ``problem`` says where and why."""

    def __init__(self, source_name: str, field: str, message: str) -> None:
        self.problem = RoutineProblem(source_name, field, message)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class Source:
    """One reference a routine step cites."""

    key: str
    """Short key used in the routine files, e.g. ``MIA``."""

    title: str
    """What the source is, in a few words."""

    url: str
    """Where it can be read."""


@dataclass(frozen=True)
class Step:
    """One passive movement of one joint, repeated a number of times."""

    name: str
    """Spoken name, e.g. ``elbow bend and straighten``."""

    hand_placement: str
    """Where the caregiver's hands go, one or two sentences."""

    movement: str
    """The movement itself, in plain words."""

    repetitions: int = DEFAULT_REPETITIONS
    """How many times the movement is done (3 to 10) unless the caregiver sets another number."""

    hold_ms: int = DEFAULT_HOLD_SECONDS * 1000
    """How long the end of the range is held, in milliseconds (0: no hold); whole seconds."""

    caution: str = ""
    """One-line caution spoken with the step; empty when none applies."""

    source_keys: tuple[str, ...] = ()
    """Keys of the sources (see ``sources.yaml``) this step's content comes from."""

    @classmethod
    def from_dict(cls, d: Any, source_name: str, where: str = "step", default_repetitions: int = DEFAULT_REPETITIONS) -> "Step":
        """Build a step from a mapping; raises :class:`RoutineError` naming ``source_name`` and the field."""
        if not isinstance(d, Mapping):
            raise RoutineError(source_name, where, f"must be a mapping of fields, not {_kind(d)}")
        _check_fields(d, _STEP_FIELDS, _REQUIRED_STEP_FIELDS, source_name, where)
        name = _text(d, "name", source_name, where)
        hold_s = d.get("hold_seconds", DEFAULT_HOLD_SECONDS)
        if not _is_int(hold_s) or not 0 <= hold_s <= MAX_HOLD_SECONDS:
            raise RoutineError(
                source_name, f"{where}.hold_seconds", f"must be a whole number of seconds from 0 to {MAX_HOLD_SECONDS}, not {hold_s!r}"
            )
        caution = d.get("caution") or ""
        if not isinstance(caution, str) or "\n" in caution.strip():
            raise RoutineError(source_name, f"{where}.caution", "must be one line of text")
        return cls(
            name=name,
            hand_placement=_text(d, "hand_placement", source_name, where),
            movement=_text(d, "movement", source_name, where),
            repetitions=_repetitions(d.get("repetitions", default_repetitions), source_name, f"{where}.repetitions"),
            hold_ms=int(hold_s) * 1000,
            caution=" ".join(caution.split()),
            source_keys=_keys(d.get("sources"), source_name, f"{where}.sources", required=True),
        )


@dataclass(frozen=True)
class Block:
    """A run of steps done on one side (or one body part) without a change of position."""

    label: str
    """Spoken label such as ``right arm``; empty when the routine has no sides."""

    routine_id: str
    """The routine the steps come from (a part of a composite routine, or the routine itself)."""

    steps: tuple[Step, ...]
    """The steps, in order."""


@dataclass(frozen=True)
class Routine:
    """A named, ordered set of steps, or a composite of other routines (``includes``)."""

    id: str
    """Identifier used in commands and logs, e.g. ``arms``."""

    title: str
    """Spoken title, e.g. ``arm exercises``."""

    body_region: str
    """Body region the routine works on, e.g. ``arms``."""

    steps: tuple[Step, ...] = ()
    """The steps in order; for a composite routine, the included routines' steps (once resolved)."""

    sides: tuple[str, ...] = ()
    """Spoken labels of the sides the steps are done on in turn, e.g. ``("right arm", "left arm")``; empty: once."""

    setup: str = ""
    """Spoken once, before the routine's first step: position, how to hold, what to watch."""

    aliases: tuple[str, ...] = ()
    """Other names a person may use for this routine, e.g. ``arm``."""

    includes: tuple[str, ...] = ()
    """Ids of the routines a composite routine plays one after the other; empty for a plain routine."""

    parts: tuple["Routine", ...] = ()
    """The included routines once resolved by :func:`load_routines` (or :meth:`resolved`)."""

    source_keys: tuple[str, ...] = ()
    """Keys of the sources for the routine-level text (``setup``)."""

    source_name: str = ""
    """The file the routine was read from, for messages."""

    @property
    def is_composite(self) -> bool:
        """True for a routine made of other routines."""
        return bool(self.includes)

    def all_source_keys(self) -> tuple[str, ...]:
        """Every source key the routine and its steps cite, in first-seen order."""
        seen: dict[str, None] = dict.fromkeys(self.source_keys)
        for step in self.steps:
            seen.update(dict.fromkeys(step.source_keys))
        for part in self.parts:
            seen.update(dict.fromkeys(part.all_source_keys()))
        return tuple(seen)

    def blocks(self) -> list[Block]:
        """The steps grouped as they are played: each side in turn, each included routine in turn.

        Raises :class:`RoutineError` for a composite routine whose includes are not resolved.
        """
        if self.is_composite:
            if len(self.parts) != len(self.includes):
                raise RoutineError(self.source_name or self.id, "includes", "not resolved; load routines with load_routines()")
            return [block for part in self.parts for block in part.blocks()]
        if self.sides:
            return [Block(side, self.id, self.steps) for side in self.sides]
        return [Block("", self.id, self.steps)]

    def resolved(self, known: Mapping[str, "Routine"]) -> "Routine":
        """This routine with its ``includes`` looked up in ``known``; a plain routine is returned as is.

        Raises :class:`RoutineError` for an unknown id, or an included routine that is itself composite.
        """
        if not self.is_composite:
            return self
        parts: list[Routine] = []
        for i, routine_id in enumerate(self.includes):
            part = known.get(routine_id)
            if part is None:
                choices = ", ".join(sorted(k for k in known if k != self.id)) or "none"
                raise RoutineError(self.source_name, f"includes[{i}]", f"unknown routine '{routine_id}' (known: {choices})")
            if part.is_composite:
                raise RoutineError(self.source_name, f"includes[{i}]", f"'{routine_id}' is itself made of other routines; include plain routines only")
            parts.append(part)
        return replace(self, parts=tuple(parts), steps=tuple(s for p in parts for s in p.steps))

    @classmethod
    def from_dict(cls, d: Any, source_name: str, where: str = "") -> "Routine":
        """Build one routine from a mapping (pure: no file access, no lookups of other routines).

        Raises :class:`RoutineError` with the file and the field for a missing or wrong field.
        """
        prefix = f"{where}." if where else ""
        if not isinstance(d, Mapping):
            raise RoutineError(source_name, where, f"a routine must be a mapping of fields, not {_kind(d)}")
        _check_fields(d, _ROUTINE_FIELDS, _REQUIRED_ROUTINE_FIELDS, source_name, where)
        routine_id = _text(d, "id", source_name, where)
        if not routine_id.replace("_", "").replace("-", "").isalnum():
            raise RoutineError(source_name, f"{prefix}id", f"use letters, digits, '_' or '-' only, not {routine_id!r}")
        has_steps, has_includes = "steps" in d, "includes" in d
        if has_steps == has_includes:
            raise RoutineError(source_name, f"{prefix}steps", "give either steps or includes (other routine ids), not both or neither")
        default_reps = _repetitions(d.get("repetitions", DEFAULT_REPETITIONS), source_name, f"{prefix}repetitions")
        steps: tuple[Step, ...] = ()
        includes: tuple[str, ...] = ()
        if has_steps:
            raw_steps = d["steps"]
            if not isinstance(raw_steps, list) or not raw_steps:
                raise RoutineError(source_name, f"{prefix}steps", "must be a non-empty list of steps")
            steps = tuple(
                Step.from_dict(s, source_name, f"{prefix}steps[{i}]", default_reps) for i, s in enumerate(raw_steps)
            )
            names = [s.name.lower() for s in steps]
            for i, n in enumerate(names):
                if n in names[:i]:
                    raise RoutineError(source_name, f"{prefix}steps[{i}].name", f"'{steps[i].name}' is used twice")
        else:
            includes = _keys(d["includes"], source_name, f"{prefix}includes", required=True)
            if routine_id in includes:
                raise RoutineError(source_name, f"{prefix}includes", f"'{routine_id}' cannot include itself")
        return cls(
            id=routine_id,
            title=_text(d, "title", source_name, where),
            body_region=_text(d, "body_region", source_name, where),
            steps=steps,
            sides=_keys(d.get("sides"), source_name, f"{prefix}sides"),
            setup=" ".join(str(d.get("setup") or "").split()),
            aliases=tuple(a.lower() for a in _keys(d.get("aliases"), source_name, f"{prefix}aliases")),
            includes=includes,
            source_keys=_keys(d.get("sources"), source_name, f"{prefix}sources"),
            source_name=source_name,
        )


def normalize_routine_name(name: str) -> str:
    """``"Full body"`` -> ``"full_body"``: lower case, spaces and hyphens as underscores."""
    return "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())


def get_routine(routines: Mapping[str, Routine], name: str) -> Routine:
    """The routine called ``name`` (its id or one of its aliases, any case).

    Raises :class:`RoutineError` naming the known routines when there is none.
    """
    wanted = normalize_routine_name(name)
    if wanted in routines:
        return routines[wanted]
    for routine in routines.values():
        if wanted in (normalize_routine_name(a) for a in routine.aliases):
            return routine
    known = ", ".join(sorted(routines)) or "none loaded"
    raise RoutineError("routine name", "id", f"unknown routine '{name}' (known: {known})")


# --- helpers -------------------------------------------------------------------------------


def _check_fields(d: Mapping[Any, Any], allowed: set[str], required: tuple[str, ...], source_name: str, where: str) -> None:
    prefix = f"{where}." if where else ""
    for key in required:
        if key not in d or d[key] is None or d[key] == "":
            raise RoutineError(source_name, f"{prefix}{key}", "missing")
    for key in d:
        if key not in allowed:
            raise RoutineError(source_name, f"{prefix}{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")


def _text(d: Mapping[str, Any], key: str, source_name: str, where: str) -> str:
    value = d.get(key)
    path = f"{where}.{key}" if where else key
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RoutineError(source_name, path, "missing")
    if not isinstance(value, str):
        raise RoutineError(source_name, path, f"must be text, not {_kind(value)}")
    return " ".join(value.split())


def _keys(value: Any, source_name: str, path: str, required: bool = False) -> tuple[str, ...]:
    if value is None:
        if required:
            raise RoutineError(source_name, path, "missing")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RoutineError(source_name, path, "must be a list of names")
    if required and not value:
        raise RoutineError(source_name, path, "must name at least one")
    return tuple(v.strip() for v in value)


def _repetitions(value: Any, source_name: str, path: str) -> int:
    if not _is_int(value) or not MIN_REPETITIONS <= value <= MAX_REPETITIONS:
        raise RoutineError(source_name, path, f"must be a whole number from {MIN_REPETITIONS} to {MAX_REPETITIONS}, not {value!r}")
    return int(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", str: "text", int: "a number", float: "a number", bool: "yes/no", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


__all__ = [
    "Block",
    "DEFAULT_HOLD_SECONDS",
    "DEFAULT_REPETITIONS",
    "MAX_REPETITIONS",
    "MIN_REPETITIONS",
    "Routine",
    "RoutineError",
    "RoutineProblem",
    "Source",
    "Step",
    "get_routine",
    "normalize_routine_name",
]
