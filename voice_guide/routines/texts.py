"""What the routine player says besides the steps: loaded from the pack's ``routines/texts.yaml``.

The shipped pack's file is the base; another pack's ``texts.yaml`` overrides single texts. A text a
pack leaves out, or gives in a wrong shape, falls back to the shipped one (with a warning), so a bad
pack can never drop a safety line. The file also holds ``pain_words``: everyday pain words checked
in a routine besides the pack's safety rules.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from voice_guide.core.errors import ContentError
from voice_guide.routines.loader import ROUTINES_DIR

_LOGGER = logging.getLogger(__name__)

TEXTS_FILE_NAME = "texts.yaml"
"""The file in a routines folder that holds the player's texts; it holds no routine."""

MAX_TEXTS_FILE_BYTES = 256 * 1024
"""Largest texts file read (a regular file only)."""

SAFETY_TEXT_KEYS = ("safety_intro", "safety_spinal", "safety_chest")
"""The safety lines of the safety check, in the order spoken; every one is kept in brief mode."""


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class RoutineTexts:
    """The player's texts by key, their sources, and the everyday pain words."""

    texts: Mapping[str, str]
    """Text by key (see ``texts.yaml``); may hold ``{field}`` placeholders."""

    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source keys (of ``sources.yaml``) by text key, for the texts that cite one."""

    pain_patterns: tuple[re.Pattern[str], ...] = ()
    """Everyday pain words, as compiled regular expressions over lower-cased text."""

    def say(self, key: str, **fields: Any) -> str:
        """The text ``key`` with its ``{fields}`` filled in; raises :class:`ContentError` for an unknown key."""
        try:
            template = self.texts[key]
        except KeyError:
            raise ContentError(f"{TEXTS_FILE_NAME}: no text '{key}'") from None
        return " ".join(template.format_map(_Fields(fields)).split())

    def is_pain(self, text: str) -> bool:
        """True when ``text`` has one of the everyday pain words."""
        lowered = " ".join(text.lower().replace("’", "'").split())
        return any(p.search(lowered) for p in self.pain_patterns)

    def all_source_keys(self) -> tuple[str, ...]:
        """Every source key the texts cite, first seen first."""
        seen: dict[str, None] = {}
        for keys in self.sources.values():
            seen.update(dict.fromkeys(keys))
        return tuple(seen)


def parse_texts(data: Any, name: str) -> RoutineTexts:
    """Build texts from parsed YAML; raises :class:`ContentError` naming ``name`` and the field."""
    if not isinstance(data, Mapping) or not isinstance(data.get("texts"), Mapping):
        raise ContentError(f"{name}: texts: expected 'texts:' with a mapping of key: text")
    texts: dict[str, str] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for key, value in data["texts"].items():
        where = f"{name}: texts.{key}"
        if isinstance(value, Mapping):
            text, keys = value.get("text"), value.get("sources") or []
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                raise ContentError(f"{where}.sources: must be a list of source keys")
            if keys:
                sources[str(key)] = tuple(keys)
        else:
            text = value
        if not isinstance(text, str) or not text.strip():
            raise ContentError(f"{where}: must be text")
        texts[str(key)] = " ".join(text.split())
    patterns: list[re.Pattern[str]] = []
    raw = data.get("pain_words") or []
    if not isinstance(raw, list):
        raise ContentError(f"{name}: pain_words: must be a list of patterns")
    for i, pattern in enumerate(raw):
        try:
            patterns.append(re.compile(str(pattern)))
        except re.error as err:
            raise ContentError(f"{name}: pain_words[{i}]: bad pattern: {err}") from None
    return RoutineTexts(texts, sources, tuple(patterns))


def read_texts_file(path: str | os.PathLike[str]) -> RoutineTexts:
    """Read one texts file; raises :class:`ContentError` with a one-line reason."""
    target = Path(path)
    try:
        if not target.is_file():
            raise ContentError(f"{target.name}: not a regular file")
        if target.stat().st_size > MAX_TEXTS_FILE_BYTES:
            raise ContentError(f"{target.name}: larger than {MAX_TEXTS_FILE_BYTES // 1024} KB")
        raw = target.read_bytes()[: MAX_TEXTS_FILE_BYTES + 1]
        data = yaml.safe_load(raw.decode("utf-8"))
    except OSError as err:
        raise ContentError(f"{target.name}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ContentError(f"{target.name}: not UTF-8 text") from None
    except yaml.YAMLError as err:
        raise ContentError(f"{target.name}: not valid YAML: {getattr(err, 'problem', None) or type(err).__name__}") from None
    return parse_texts(data, target.name)


@lru_cache(maxsize=1)
def shipped_texts() -> RoutineTexts:
    """The shipped pack's texts (read once)."""
    return read_texts_file(ROUTINES_DIR / TEXTS_FILE_NAME)


def load_texts(folder: str | os.PathLike[str] | None = None) -> RoutineTexts:
    """The texts for a routines ``folder``: its ``texts.yaml`` over the shipped texts.

    A missing or bad file gives the shipped texts (a bad one with a warning); pain words of the
    pack are added to the shipped ones, never replace them.
    """
    base = shipped_texts()
    if folder is None or Path(folder).resolve() == ROUTINES_DIR.resolve():
        return base
    path = Path(folder) / TEXTS_FILE_NAME
    if not path.exists():
        return base
    try:
        own = read_texts_file(path)
    except ContentError as err:
        _LOGGER.warning("%s; using the shipped routine texts", err)
        return base
    return RoutineTexts({**base.texts, **own.texts}, {**base.sources, **own.sources}, base.pain_patterns + own.pain_patterns)


__all__ = ["MAX_TEXTS_FILE_BYTES", "RoutineTexts", "SAFETY_TEXT_KEYS", "TEXTS_FILE_NAME", "load_texts", "parse_texts", "read_texts_file", "shipped_texts"]
