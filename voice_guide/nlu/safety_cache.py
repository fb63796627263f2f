"""Compiled safety patterns kept between runs, so the guide is ready sooner.

The safety taxonomy is some 700 regular expressions (about 100 000 characters). Python's
``re`` parses and translates each one in pure Python, which took most of a second of the
engine's start-up on a busy machine. The translation (the list of opcodes ``re`` hands to
its C engine) depends only on the pattern text and the interpreter, so it is kept in a
small JSON file in the user's cache folder and handed straight to the C engine next time:
the same compiled patterns, in a few milliseconds.

Safety of the shortcut:

* the file is keyed by the exact Python version and the regular-expression engine's
  ``MAGIC`` and ``CODESIZE``, so another interpreter never reads it;
* the C engine validates every opcode list it is given (an invalid one raises, it is
  never run); any problem with an entry or the file falls back to ``re.compile``;
* a checksum of the entries guards against a truncated or damaged file.

Set ``VOICE_GUIDE_SAFETY_CACHE=0`` to turn the file off (patterns are then compiled
with ``re.compile`` as before, once per process).
"""

from __future__ import annotations

import array
import hashlib
import importlib
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from voice_guide.core.files import prune_cache_files, user_cache_dir, write_atomic

_LOGGER = logging.getLogger(__name__)

CACHE_ENV = "VOICE_GUIDE_SAFETY_CACHE"
"""``0`` turns the file cache off; any other value is a folder to keep it in."""

_PROCESS: dict[str, re.Pattern[str]] = {}
"""Patterns compiled in this process (a second pack or rebuild compiles nothing)."""

_sre: Any = None
_re_compiler: Any = None
_re_parser: Any = None
_ENGINE_KEY = ""
try:  # the private parts of ``re`` used for the shortcut; without them, plain re.compile
    _sre = importlib.import_module("_sre")
    _re_compiler = importlib.import_module("re._compiler")
    _re_parser = importlib.import_module("re._parser")
    _ENGINE_KEY = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}|{_sre.MAXGROUPS}|v2"
except (ImportError, AttributeError):  # pragma: no cover - another Python implementation
    _ENGINE_KEY = ""


KEEP_PATTERN_FILES = 16
"""Pattern files kept in the cache folder (one per set of rules: a few packs, a few versions)."""


def _default_dir() -> Path | None:
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting == "0" or not _ENGINE_KEY:
        return None
    if setting:
        return Path(setting)
    return user_cache_dir("safety")


_CODE_TYPE = next((t for t in "IL" if array.array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "")
"""An array type of the engine's code size: the opcodes are kept as its bytes in hex (JSON of
a few hundred thousand numbers reads four times slower)."""


def _code_text(code: list[int]) -> str | list[int]:
    return array.array(_CODE_TYPE, code).tobytes().hex() if _CODE_TYPE else code


def _code_list(text: str | list[int]) -> list[int]:
    if isinstance(text, str):
        return array.array(_CODE_TYPE, bytes.fromhex(text)).tolist()
    return list(text)


def _translate(source: str) -> list[Any]:
    """``[flags, code, groups, groupindex, indexgroup]`` of ``source``, as ``re`` builds them."""
    parsed = _re_parser.parse(source, 0)
    code = _re_compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [parsed.state.flags, _code_text(list(code)), parsed.state.groups - 1, groupindex, indexgroup]


def _build(source: str, entry: list[Any]) -> re.Pattern[str]:
    """The compiled pattern from a cached translation (the C engine validates the code)."""
    flags, code, groups, groupindex, indexgroup = entry
    pattern = _sre.compile(source, flags, _code_list(code), groups, groupindex, tuple(indexgroup))
    if not isinstance(pattern, re.Pattern) or pattern.pattern != source:
        raise ValueError("not the cached pattern")
    return pattern


def _checksum(body: bytes) -> str:
    return hashlib.sha256(_ENGINE_KEY.encode() + b"\n" + body).hexdigest()


class PatternCache:
    """Compiles patterns, from the file cache when it has them; :meth:`save` keeps new ones.

    ``key`` names the set of patterns (e.g. a hash of the pack's safety rules): one file per
    set, holding the patterns of the last build of that set."""

    def __init__(self, folder: Path | None = None, use_file: bool = True, key: str = "") -> None:
        self._folder = (folder if folder is not None else _default_dir()) if use_file else None
        self._key = key
        self._entries: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._missed = 0
        self._loaded = False

    @property
    def path(self) -> Path | None:
        """The cache file (None when the file cache is off)."""
        if self._folder is None:
            return None
        engine = hashlib.sha256(_ENGINE_KEY.encode()).hexdigest()[:16]
        rules = hashlib.sha256(self._key.encode()).hexdigest()[:16]
        return self._folder / f"patterns-{engine}-{rules}.json"

    def _load(self) -> None:
        self._loaded = True
        path = self.path
        if path is None or not path.is_file():
            return
        try:  # line 1: {"engine", "checksum"}; line 2: the entries, which the checksum covers
            head, _, body = path.read_bytes().partition(b"\n")
            header = json.loads(head)
            if header.get("engine") != _ENGINE_KEY or header.get("checksum") != _checksum(body):
                raise ValueError("checksum or engine differs")
            entries = json.loads(body)
            if not isinstance(entries, dict):
                raise ValueError("no entries")
            self._entries = entries
        except (OSError, ValueError, KeyError, TypeError) as err:
            _LOGGER.info("safety pattern cache %s not used (%s): compiling the patterns", path, err)

    def compile(self, source: str) -> re.Pattern[str]:
        """``re.compile(source)``, the same pattern, from the cache when possible."""
        found = _PROCESS.get(source)
        if found is not None:
            if source in self._entries:
                self._used[source] = self._entries[source]
            return found
        if not self._loaded:
            self._load()
        entry = self._entries.get(source)
        pattern: re.Pattern[str] | None = None
        if entry is not None:
            try:
                pattern = _build(source, entry)
                self._used[source] = entry
            except (RuntimeError, ValueError, TypeError, OverflowError) as err:
                _LOGGER.info("cached safety pattern not used (%s): compiling it", err)
        if pattern is None:
            pattern = re.compile(source)  # raises re.error for a bad pattern, as before
            self._missed += 1
            if self.path is not None:
                try:
                    self._used[source] = _translate(source)
                except Exception as err:  # noqa: BLE001 - the shortcut is optional, never fatal
                    _LOGGER.debug("safety pattern %r not cacheable: %s", source, err)
        _PROCESS[source] = pattern
        return pattern

    def save(self) -> None:
        """Write the file when patterns were compiled that it did not hold (best effort); then let go of
        the translations read from it (:meth:`release`)."""
        path = self.path
        if path is None or not self._missed:
            self.release()
            return
        try:
            entries = self._entries_used()  # the patterns of this build only: the file never grows stale
            body = json.dumps(entries, separators=(",", ":")).encode("utf-8")
            head = json.dumps({"engine": _ENGINE_KEY, "checksum": _checksum(body)}).encode("utf-8")
            write_atomic(path, head + b"\n" + body)
            self._missed = 0
            prune_cache_files(path.parent, "patterns-*.json", KEEP_PATTERN_FILES)
        except (OSError, TypeError, ValueError) as err:
            _LOGGER.info("safety pattern cache %s not written: %s", path, err)
        self.release()

    def release(self) -> None:
        """Let go of the file's translations (the whole file in memory: about 7 MB for the article pack's
        patterns, kept for nothing once they are compiled: twenty-seventh session). The compiled patterns stay
        in the process; the sources used are kept (the same strings as the patterns'), so that a later
        :meth:`save` writes this build's whole set again, reading the file (or translating) once more."""
        self._entries = {}
        self._used = dict.fromkeys(self._used)
        self._loaded = False

    def _entries_used(self) -> dict[str, Any]:
        """The translations of the patterns of this build, those let go by :meth:`release` read again."""
        if any(entry is None for entry in self._used.values()):
            if not self._loaded:
                self._load()
            for source, entry in self._used.items():
                if entry is None:
                    self._used[source] = self._entries[source] if source in self._entries else _translate(source)
        return self._used
