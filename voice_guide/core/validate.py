"""Shape checking for the files the guide reads: every value's type checked, with messages
that name the file and the field (``article.yaml: faq[2].blocks: expected a list, found a number``).

A schema is a small tree of :class:`Text`, :class:`Scalar`, :class:`ListOf`, :class:`MapOf`,
:class:`Record` and :class:`OneOf`. :func:`check` walks the data along the schema (never
deeper than the schema, so extra keys cost nothing) and returns a normalised copy: texts are
``str``, optional lists and mappings that are absent or ``null`` are empty. Dataclass-style
validation written here rather than pydantic: the shapes are plain lists and mappings of
text, the messages must name YAML fields as people write them, and the guide starts without
importing a compiled validation library (see ``docs/bad-input.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from voice_guide.core.errors import VoiceGuideError


@dataclass(frozen=True)
class Text:
    """A piece of text. Numbers and true/false (a word in a word list) are accepted and
    turned into text; lists and mappings are not."""

    non_empty: bool = False
    """Refuse text that is only blanks."""


@dataclass(frozen=True)
class Scalar:
    """A value of one of ``types`` (a number, a true/false), kept as it is."""

    types: tuple[type, ...]
    """Accepted Python types (``bool`` is never taken for a number)."""

    description: str
    """What the message calls it: ``a number``, ``true or false``."""


@dataclass(frozen=True)
class ListOf:
    """A list whose every item has the shape ``item``."""

    item: Schema
    """Shape of each item."""

    min_items: int = 0
    """Fewest items accepted."""


@dataclass(frozen=True)
class MapOf:
    """A mapping with text keys (chosen by the file's author) and values of shape ``value``."""

    value: Schema
    """Shape of each value."""


@dataclass(frozen=True)
class Record:
    """A mapping with known keys; keys not listed are kept unchecked."""

    fields: dict[str, Schema]
    """Known keys and their shapes."""

    required: frozenset[str] = field(default_factory=frozenset)
    """Keys that must be present (and not null)."""

    fill_empty: bool = True
    """Give absent or null list and mapping fields an empty value (off where presence matters)."""


@dataclass(frozen=True)
class OneOf:
    """The first of ``options`` whose kind (text, list or mapping) matches the value."""

    options: tuple[Schema, ...]
    """Shapes tried in order."""

    description: str
    """What the message calls it when none matches."""


Schema = Text | Scalar | ListOf | MapOf | Record | OneOf
"""Any shape."""

NUMBER = Scalar((int, float), "a number")
"""A number."""

BOOLEAN = Scalar((bool,), "true or false")
"""True or false."""


def check(data: Any, schema: Schema, name: str, error: type[VoiceGuideError] = VoiceGuideError, where: str = "") -> Any:
    """``data`` normalised along ``schema``; ``error("<name>: <field>: expected …, found …")`` otherwise."""
    if isinstance(schema, Text):
        if not isinstance(data, (str, int, float)):
            _fail(error, name, where, "text", data)
        text = str(data).lower() if isinstance(data, bool) else str(data)
        if schema.non_empty and not text.strip():
            raise error(f"{_at(name, where)}: must not be empty")
        return text
    if isinstance(schema, Scalar):
        if not isinstance(data, schema.types) or (isinstance(data, bool) and bool not in schema.types):
            _fail(error, name, where, schema.description, data)
        return data
    if isinstance(schema, ListOf):
        if not isinstance(data, list):
            _fail(error, name, where, "a list", data)
        if len(data) < schema.min_items:
            raise error(f"{_at(name, where)}: needs at least {schema.min_items} item{'s' if schema.min_items > 1 else ''}")
        return [check(item, schema.item, name, error, f"{where}[{i}]") for i, item in enumerate(data)]
    if isinstance(schema, MapOf):
        if not isinstance(data, Mapping):
            _fail(error, name, where, "a mapping", data)
        out: dict[str, Any] = {}
        for key, value in data.items():
            text_key = _key(key, name, where, error)
            if value is None and isinstance(schema.value, (ListOf, MapOf)):
                value = [] if isinstance(schema.value, ListOf) else {}
            out[text_key] = check(value, schema.value, name, error, _join(where, text_key))
        return out
    if isinstance(schema, Record):
        if not isinstance(data, Mapping):
            _fail(error, name, where, "a mapping", data)
        record = dict(data)
        for key, shape in schema.fields.items():
            value = record.get(key)
            if value is None:
                if key in schema.required:
                    raise error(f"{_at(name, where)}: missing field {key!r}")
                if schema.fill_empty and isinstance(shape, (ListOf, MapOf)):
                    record[key] = [] if isinstance(shape, ListOf) else {}
                continue
            record[key] = check(value, shape, name, error, _join(where, key))
        return record
    for option in schema.options:
        if _kind_matches(data, option):
            return check(data, option, name, error, where)
    _fail(error, name, where, schema.description, data)


def describe(value: Any) -> str:
    """How a message names what was found: ``a number (3)``, ``a list``, ``true``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        shown = repr(value)
        return f"a number ({shown if len(shown) <= 20 else shown[:17] + '...'})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__


def _kind_matches(value: Any, schema: Schema) -> bool:
    if isinstance(schema, Text):
        return isinstance(value, (str, int, float))
    if isinstance(schema, ListOf):
        return isinstance(value, list)
    if isinstance(schema, (MapOf, Record)):
        return isinstance(value, Mapping)
    if isinstance(schema, Scalar):
        return isinstance(value, schema.types)
    return any(_kind_matches(value, option) for option in schema.options)


def _key(key: Any, name: str, where: str, error: type[VoiceGuideError]) -> str:
    if not isinstance(key, (str, int, float)):
        raise error(f"{_at(name, where)}: a key is {describe(key)}; write keys as text")
    return str(key).lower() if isinstance(key, bool) else str(key)


def _fail(error: type[VoiceGuideError], name: str, where: str, expected: str, found: Any) -> Any:
    raise error(f"{_at(name, where)}: expected {expected}, found {describe(found)}")


def _join(where: str, key: str) -> str:
    key = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in key)  # one line
    return f"{where}.{key}" if where else key


def _at(name: str, where: str) -> str:
    return f"{name}: {where}" if where else name
