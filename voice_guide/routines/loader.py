"""Loading routines from a pack's ``routines/`` folder: YAML files to :class:`Routine` objects.

Loaders, from pure to tolerant (the routine's own fields are checked by
:meth:`voice_guide.routines.model.Routine.from_dict`):

- :func:`load_routines_yaml` parses one YAML stream (``yaml.safe_load`` only) and raises
  :class:`RoutineError` for anything wrong in it.
- :func:`load_routines` reads a whole folder and never raises for one bad file: it returns
  the routines that loaded plus a :class:`RoutineProblem` for each that did not.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import yaml

from voice_guide.content.pack import DEFAULT_PACK_DIR
from voice_guide.core.errors import ContentError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, read_text_bounded
from voice_guide.routines.model import Routine, RoutineError, RoutineProblem, Source, _kind, _text

_LOGGER = logging.getLogger(__name__)

ROUTINES_DIR = DEFAULT_PACK_DIR / "routines"
"""The shipped routines of the default pack."""

SOURCES_FILE_NAME = "sources.yaml"
"""The file in a routines folder that lists the sources; it holds no routine."""

NOT_ROUTINE_FILES = (SOURCES_FILE_NAME, "texts.yaml")
"""Files in a routines folder that hold no routine (sources, the player's texts)."""

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


__all__ = [
    "NOT_ROUTINE_FILES",
    "ROUTINES_DIR",
    "SOURCES_FILE_NAME",
    "load_routines",
    "load_routines_yaml",
    "load_sources",
    "load_sources_yaml",
]
