"""English word frequencies on wordfreq's Zipf scale, from a compact table kept in the user cache.

``wordfreq`` imports several modules and unpacks its whole English list on the first lookup:
about 0.3 s of the guide's start-up, since understanding asks how rare the pack's words are
when it is built. The Zipf values of plain words (lower-case ASCII letters, the form the
guide's normalizer produces) are therefore written once to one file, keyed by wordfreq's
version and checked by a digest: sorted fixed-width records that later processes read in a
few milliseconds and search by bisection, without building a dictionary.

Lookups give what :func:`wordfreq.zipf_frequency` gives (rounded to two decimals, 0.0 for a
word not in the list). Any other word (digits, apostrophes, accents), a missing or damaged
file, or a failure to write one fall back to wordfreq itself. The file is only a cache: it
can be deleted at any time.
"""

from __future__ import annotations

import array
import hashlib
import json
import logging
import math
import mmap
import os
import stat
import threading
from pathlib import Path

from voice_guide.core.files import user_cache_dir, write_atomic

_LOGGER = logging.getLogger(__name__)

FORMAT = 1
"""Version of the file layout (part of the file name and header)."""

MAX_TABLE_BYTES = 32 * 1024 * 1024
"""The largest table file read (the English table is about 7.6 MB)."""

WORD_BYTES = 24
"""Width of a word's record; longer words are looked up in wordfreq itself."""

_LANG = "en"


def _wordfreq_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return None


def is_plain(word: str) -> bool:
    """Whether ``word`` is a plain word the table answers for (lower-case ASCII letters)."""
    return len(word) <= WORD_BYTES and word.isascii() and word.isalpha() and word.islower()


class ZipfTable:
    """Zipf frequency of plain English words, loaded on first use (thread-safe)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._table: _Records | None = None
        self._loaded = False
        self._lock = threading.Lock()

    def zipf(self, word: str) -> float | None:
        """The word's Zipf frequency, or None when the table cannot answer (use wordfreq)."""
        if not is_plain(word):
            return None
        table = self._get()
        if table is None:
            return None
        return table.get(word)

    def _get(self) -> _Records | None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._table = self._load()
                    self._loaded = True
        return self._table

    def _load(self) -> _Records | None:
        version = _wordfreq_version()
        if version is None:
            return None
        try:
            folder = self._folder if self._folder is not None else user_cache_dir("words")
        except ImportError:  # pragma: no cover - platformdirs is a dependency
            return None
        path = folder / f"zipf-{_LANG}-{FORMAT}-{_safe(version)}.bin"
        table = _read(path, version)
        if table is not None:
            return table
        built = _build()
        if built is None:
            return None
        data = _encode(built, version)
        try:
            write_atomic(path, data)
        except OSError as error:  # a read-only cache folder: keep the table in memory
            _LOGGER.info("word frequency table not cached: %s", error)
        return _decode(data, version)


class _Records:
    """Sorted fixed-width word records and their Zipf values (times 100), searched by bisection.

    ``words`` is the records' buffer: the bytes of a table just built, or the cache file mapped
    read-only (``mmap``), whose pages the kernel shares and loads only where a search looks, so
    the 7 MB table costs the process a few hundred kilobytes instead of its whole size."""

    def __init__(self, words: bytes | mmap.mmap, values: array.array[int], offset: int = 0) -> None:
        self._words = words
        self._values = values
        self._offset = offset

    def get(self, word: str) -> float:
        key = word.encode("ascii").ljust(WORD_BYTES, b"\0")
        words, low, high = self._words, 0, len(self._values)
        while low < high:
            middle = (low + high) // 2
            start = self._offset + middle * WORD_BYTES
            record = words[start:start + WORD_BYTES]
            if record < key:
                low = middle + 1
            elif record > key:
                high = middle
            else:
                return self._values[middle] / 100
        return 0.0


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in text)


def _build() -> dict[str, float] | None:
    """Plain words of wordfreq's English list -> Zipf value, as ``zipf_frequency`` rounds it."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    table: dict[str, float] = {}
    for word, frequency in get_frequency_dict(_LANG).items():
        if frequency > 0 and is_plain(word):
            table[word] = round(math.log10(frequency) + 9, 2)
    return table


def _encode(table: dict[str, float], version: str) -> bytes:
    ordered = sorted(table)
    words = b"".join(word.encode("ascii").ljust(WORD_BYTES, b"\0") for word in ordered)
    values = array.array("H", (max(0, min(65535, round(table[w] * 100))) for w in ordered)).tobytes()
    header = {"format": FORMAT, "wordfreq": version, "count": len(ordered), "word_bytes": WORD_BYTES,
              "sha256": hashlib.sha256(words + values).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n" + words + values


def _header_fits(header: dict[str, object], version: str) -> bool:
    return header.get("format") == FORMAT and header.get("wordfreq") == version and header.get("word_bytes") == WORD_BYTES


def _decode(data: bytes, version: str) -> _Records | None:
    """The records of a table file's bytes, or None when of another version or damaged."""
    head, _, body = data.partition(b"\n")
    header = json.loads(head)
    count = int(header["count"])
    if not _header_fits(header, version):
        return None
    split = count * WORD_BYTES
    if len(body) != split + 2 * count or hashlib.sha256(body).hexdigest() != header["sha256"]:
        _LOGGER.info("word frequency table is damaged; rebuilding it")
        return None
    values = array.array("H")
    values.frombytes(body[split:])
    return _Records(body[:split], values)


def _read(path: Path, version: str) -> _Records | None:
    """The table in ``path`` mapped read-only, or None when it is missing, of another version or damaged.

    The digest is computed by reading the file in small chunks (through the page cache, not into
    this process's memory); only then is the file mapped for the searches."""
    if not path.is_file():
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TABLE_BYTES:
                _LOGGER.info("word frequency table %s is not a regular file of at most %d bytes", path, MAX_TABLE_BYTES)
                return None
            head = handle.readline(4096)
            header = json.loads(head)
            count = int(header["count"])
            if not _header_fits(header, version):
                return None
            split = count * WORD_BYTES
            digest = hashlib.sha256()
            size = 0
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
                size += len(chunk)
            if size != split + 2 * count or digest.hexdigest() != header["sha256"]:
                _LOGGER.info("word frequency table is damaged; rebuilding it")
                return None
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        values = array.array("H")
        values.frombytes(mapped[len(head) + split:len(head) + split + 2 * count])
        return _Records(mapped, values, offset=len(head))
    except Exception as error:  # noqa: BLE001 - any problem with a cache file means: rebuild it
        _LOGGER.info("word frequency table %s unreadable (%s); rebuilding it", path, error)
        return None
