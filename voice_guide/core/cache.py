"""Data derived from pack files and slow to build, kept between runs (ready time).

One file per (name, key) in the user cache folder (:func:`~voice_guide.core.files.user_cache_dir`):
a first line of JSON (format, key, Python version, SHA-256 of the rest), then a pickle.
The key is a fingerprint of everything the data is made from (source files, code, library
versions, settings): the caller computes it, e.g. with :func:`files_digest`.

Safety of the shortcut:

* the header is checked before anything is unpickled: another key, format or Python, or a
  body whose checksum differs (a truncated or damaged file), and the file is not used;
* the files are our own, written atomically (:func:`~voice_guide.core.files.write_atomic`)
  into the user's own cache folder;
* any error while reading gives None (the caller builds the data as before, and writes a new
  file); an error while writing is only logged. Never a crash.

``persistent_id`` / ``persistent_load`` (see :mod:`pickle`) let the caller keep objects out of
the file that are shared with the rest of the program (the loaded pack) or better rebuilt
(compiled patterns, background threads).

Set ``VOICE_GUIDE_DERIVED_CACHE=0`` to turn these files off (everything is built each run).
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from voice_guide.core.files import prune_cache_files, user_cache_dir, write_atomic

_LOGGER = logging.getLogger(__name__)

CACHE_ENV = "VOICE_GUIDE_DERIVED_CACHE"
"""``0`` turns the derived-data files off; any other value is a folder to keep them in."""

FORMAT = "vg-derived-v1"
"""Bumped when the file layout changes."""

_PROTOCOL = 5

T = TypeVar("T")

KEEP_FILES = 6
"""Files kept per name: writing a new one deletes the older ones beyond this (each code or pack
change makes a new key; the cache folder must not grow without end)."""


def cache_folder() -> Path | None:
    """The folder of the derived-data files (None when turned off with :data:`CACHE_ENV`)."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting == "0":
        return None
    return Path(setting) if setting else user_cache_dir("derived")


def cache_path(name: str, key: str, folder: Path | None = None) -> Path | None:
    """The file for ``name`` (a short word: "engine") and ``key``, or None when the cache is off."""
    root = folder if folder is not None else cache_folder()
    if root is None:
        return None
    return root / f"{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.pickle"


def files_digest(roots: Iterable[Path], extra: object = ()) -> str:
    """SHA-256 of every file under ``roots`` (relative names and bytes, ``__pycache__`` left
    out; a root may be one file) and of ``repr(extra)``."""
    digest = hashlib.sha256()
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in paths:
            name = path.name if path == root else str(path.relative_to(root))
            digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    digest.update(repr(extra).encode("utf-8"))
    return digest.hexdigest()


def _header(key: str, body: bytes) -> dict[str, str]:
    return {"format": FORMAT, "key": key, "python": sys.version, "checksum": hashlib.sha256(body).hexdigest()}


def write_pickle(path: Path, key: str, obj: object,
                 persistent_id: Callable[[Any], Any] | None = None) -> bool:
    """Keep ``obj`` in ``path`` for :func:`read_pickle` with the same ``key``; False (logged)
    when it cannot be pickled or written."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=_PROTOCOL)
    if persistent_id is not None:
        pickler.persistent_id = persistent_id  # type: ignore[method-assign]
    try:
        pickler.dump(obj)
        body = buffer.getvalue()
        write_atomic(path, json.dumps(_header(key, body)).encode("utf-8") + b"\n" + body)
    except Exception as err:  # noqa: BLE001 - a cache that cannot be written is never fatal
        _LOGGER.info("derived-data cache %s not written: %s", path, err)
        return False
    _prune(path)
    return True


def _prune(path: Path) -> None:
    """Delete the oldest files of ``path``'s name beyond :data:`KEEP_FILES`."""
    prune_cache_files(path.parent, path.name.rsplit("-", 1)[0] + "-*.pickle", KEEP_FILES)


def read_pickle(path: Path, key: str, persistent_load: Callable[[Any], Any] | None = None) -> Any | None:
    """The object kept by :func:`write_pickle` under ``key``, or None (no file, another key,
    format or Python, a damaged file, or anything failing while it is read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header != _header(key, body):
            raise ValueError("another key, format or Python, or a damaged file")
    except ValueError as err:
        _LOGGER.info("derived-data cache %s not used (%s): building", path, err)
        return None
    unpickler = pickle.Unpickler(io.BytesIO(body))
    if persistent_load is not None:
        unpickler.persistent_load = persistent_load  # type: ignore[method-assign]
    enabled = gc.isenabled()
    gc.disable()  # many small objects: the collector would run dozens of times for nothing
    try:
        return unpickler.load()
    except Exception as err:  # noqa: BLE001 - any problem means: build as before
        _LOGGER.info("derived-data cache %s not used (%s): building", path, err)
        return None
    finally:
        if enabled:
            gc.enable()


def cached_build(name: str, key: str, build: Callable[[], T], kind: type[T], logger: logging.Logger) -> T:
    """``build()``, or what it returned when last called with this ``key`` (a ``kind`` object).

    The warnings ``logger`` gave while building are kept with it and given again when it is
    read from the file, so a problem in a source file is reported at every start."""
    path = cache_path(name, key)
    found = read_pickle(path, key) if path is not None else None
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], kind) and isinstance(found[1], list):
        for message in found[1]:
            logger.warning("%s", message)
        return found[0]
    kept = _KeptWarnings()
    logger.addHandler(kept)
    try:
        value = build()
    finally:
        logger.removeHandler(kept)
    if path is not None:
        write_pickle(path, key, (value, kept.messages))
    return value


class _KeptWarnings(logging.Handler):
    """The warnings of one logger while something is built."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
