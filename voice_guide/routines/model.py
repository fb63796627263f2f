"""Passive range-of-motion routines as data: dataclasses and layered YAML loaders.

A routine file (``packs/<pack>/routines/<id>.yaml``) holds one routine, or a
``routines:`` list of them. A routine has either its own ``steps`` or ``includes``
(ids of other routines played one after the other, e.g. ``full_body``). The
``sources.yaml`` file beside them lists every source key a routine may cite.

Loaders, from pure to tolerant:

- :meth:`Routine.from_dict` builds one routine from a mapping and raises
  :class:`RoutineError` naming the file and the field.
- :func:`load_routines_yaml` parses one YAML stream (``yaml.safe_load`` only) and raises
  :class:`RoutineError` for anything wrong in it.
- :func:`load_routines` reads a whole folder and never raises for one bad file: it returns
  the routines that loaded plus a :class:`RoutineProblem` for each that did not.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import yaml

from voice_guide.content.pack import DEFAULT_PACK_DIR
from voice_guide.core.errors import ContentError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, read_text_bounded

_LOGGER = logging.getLogger(__name__)

ROUTINES_DIR = DEFAULT_PACK_DIR / "routines"
"""The shipped routines of the default pack."""

SOURCES_FILE_NAME = "sources.yaml"
"""The file in a routines folder that lists the sources; it holds no routine."""

NOT_ROUTINE_FILES = (SOURCES_FILE_NAME, "texts.yaml")
"""Files in a routines folder that hold no routine (sources, the player's texts)."""

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


def load_routines_yaml(stream: IO[str] | IO[bytes] | str, name: str) -> list[Routine]:
    """Parse one routine file: a single routine mapping, or ``routines:`` with a list of them.

    ``name`` is used in messages. Raises :class:`RoutineError` for malformed YAML or any wrong
    field (the whole file is refused). Included routines are not resolved here.
    """
    data = _safe_load(stream, name)
    if isinstance(data, Mapping) and "routines" in data:
        extra = sorted(set(data) - {"routines"})
        if extra:
            raise RoutineError(name, extra[0], "unknown field next to 'routines'")
        items = data["routines"]
        if not isinstance(items, list) or not items:
            raise RoutineError(name, "routines", "must be a non-empty list of routines")
        routines = [Routine.from_dict(item, name, f"routines[{i}]") for i, item in enumerate(items)]
    elif isinstance(data, Mapping):
        routines = [Routine.from_dict(data, name)]
    else:
        raise RoutineError(name, "", f"expected a routine (a mapping with id, title, body_region, steps), found {_kind(data)}")
    ids = [r.id for r in routines]
    for i, routine_id in enumerate(ids):
        if routine_id in ids[:i]:
            raise RoutineError(name, f"routines[{i}].id", f"'{routine_id}' is used twice")
    return routines


def load_sources_yaml(stream: IO[str] | IO[bytes] | str, name: str) -> dict[str, Source]:
    """Parse a sources file (``sources:`` list of key, title, url); raises :class:`RoutineError`."""
    data = _safe_load(stream, name)
    if not isinstance(data, Mapping) or not isinstance(data.get("sources"), list):
        raise RoutineError(name, "sources", "expected 'sources:' with a list of key, title, url")
    sources: dict[str, Source] = {}
    for i, item in enumerate(data["sources"]):
        where = f"sources[{i}]"
        if not isinstance(item, Mapping):
            raise RoutineError(name, where, f"must be a mapping of key, title, url, not {_kind(item)}")
        key = _text(item, "key", name, where)
        if key in sources:
            raise RoutineError(name, f"{where}.key", f"'{key}' is listed twice")
        sources[key] = Source(key, _text(item, "title", name, where), _text(item, "url", name, where))
    return sources


def load_sources(folder: str | os.PathLike[str] | None = None) -> dict[str, Source]:
    """The sources listed in ``sources.yaml`` of ``folder`` (default: the shipped routines)."""
    path = Path(folder or ROUTINES_DIR) / SOURCES_FILE_NAME
    try:
        text = read_text_bounded(path, PACK_FILE_LIMIT_BYTES, "sources file", ContentError)
    except ContentError as err:
        raise RoutineError(path.name, "", f"cannot read: {err}") from None
    return load_sources_yaml(text, path.name)


def load_routines(folder: str | os.PathLike[str] | None = None) -> tuple[dict[str, Routine], list[RoutineProblem]]:
    """Load every ``*.yaml`` routine file in ``folder`` (default: the shipped routines).

    Returns the routines that loaded, by id and sorted, and one problem per file or routine
    that did not (also logged as warnings). A bad file never stops the others from loading.
    Checks done here: source keys exist in ``sources.yaml``, ids are unique, and composite
    routines' ``includes`` name routines that loaded. Raises :class:`ContentError` only when
    the folder itself is missing.
    """
    root = Path(folder or ROUTINES_DIR)
    if not root.is_dir():
        raise ContentError(f"{root}: routines folder not found")
    problems: list[RoutineProblem] = []
    sources: dict[str, Source] | None = None
    if (root / SOURCES_FILE_NAME).exists():
        try:
            sources = load_sources(root)
        except RoutineError as err:
            problems.append(err.problem)
    else:
        problems.append(RoutineProblem(SOURCES_FILE_NAME, "", "missing; source keys were not checked"))

    loaded: dict[str, Routine] = {}
    paths = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.name not in NOT_ROUTINE_FILES)
    for path in paths:
        try:
            routines = load_routines_yaml(read_text_bounded(path, PACK_FILE_LIMIT_BYTES, "routine file", ContentError), path.name)
        except RoutineError as err:
            problems.append(err.problem)
            continue
        except ContentError as err:  # a device, a huge file, not UTF-8: reported, the others still load
            problems.append(RoutineProblem(path.name, "", str(err)))
            continue
        except (OSError, UnicodeDecodeError) as err:
            problems.append(RoutineProblem(path.name, "", f"cannot read: {getattr(err, 'strerror', None) or err}"))
            continue
        for routine in routines:
            if routine.id in loaded:
                problems.append(
                    RoutineProblem(path.name, "id", f"'{routine.id}' is already defined in {loaded[routine.id].source_name}; this one is skipped")
                )
                continue
            problem = _unknown_source(routine, sources) if sources is not None else None
            if problem is not None:
                problems.append(problem)
                continue
            loaded[routine.id] = routine

    result: dict[str, Routine] = {}
    for routine_id, routine in loaded.items():
        try:
            result[routine_id] = routine.resolved(loaded)
        except RoutineError as err:
            problems.append(err.problem)
    names: dict[str, str] = {}
    for routine in result.values():
        for alias in (routine.id, *routine.aliases):
            if alias in names and names[alias] != routine.id:
                problems.append(
                    RoutineProblem(routine.source_name, "aliases", f"'{alias}' also names routine '{names[alias]}'; '{names[alias]}' wins")
                )
            names.setdefault(alias, routine.id)
    for problem in problems:
        _LOGGER.warning("%s", problem)
    return dict(sorted(result.items())), problems


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


def _safe_load(stream: IO[str] | IO[bytes] | str, name: str) -> Any:
    try:
        data = yaml.safe_load(stream)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(err, "problem", None) or type(err).__name__
        raise RoutineError(name, where, f"not valid YAML: {reason}") from None
    if data is None:
        raise RoutineError(name, "", "the file is empty")
    return data


def _unknown_source(routine: Routine, sources: Mapping[str, Source]) -> RoutineProblem | None:
    for i, key in enumerate(routine.source_keys):
        if key not in sources:
            return RoutineProblem(routine.source_name, f"sources[{i}]", f"unknown source key '{key}' (not in {SOURCES_FILE_NAME})")
    for s, step in enumerate(routine.steps):
        for i, key in enumerate(step.source_keys):
            if key not in sources:
                return RoutineProblem(
                    routine.source_name, f"steps[{s}].sources[{i}]", f"unknown source key '{key}' (not in {SOURCES_FILE_NAME})"
                )
    return None


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
    "ROUTINES_DIR",
    "Routine",
    "RoutineError",
    "RoutineProblem",
    "Source",
    "Step",
    "get_routine",
    "load_routines",
    "load_routines_yaml",
    "load_sources",
    "load_sources_yaml",
    "normalize_routine_name",
]
