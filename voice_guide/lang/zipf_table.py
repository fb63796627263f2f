"""English word frequencies on wordfreq's Zipf scale, from a compact table kept in the user cache.

``wordfreq`` imports several modules and unpacks its whole English list on the first lookup:
about 0.3 s of the guide's start-up, since understanding asks how rare the pack's words are
when it is built. The Zipf values of plain words (lower-case ASCII letters, the form the
guide's normalizer produces) are therefore written once to one file, keyed by wordfreq's
version and checked by a digest: sorted fixed-width records that later processes read in a
few milliseconds and search by bisection, without building a dictionary or mapping the file.

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

BLOCK_RECORDS = 64
"""Records per block of the file: the first word of each block is kept in memory, and a lookup reads the one
block its word can be in (:class:`_FileRecords`)."""

_CHUNK_BYTES = 42 * BLOCK_RECORDS * WORD_BYTES
"""The file is checked in chunks of whole blocks (63 KB)."""

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
        self._table: _Records | _FileRecords | None = None
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

    def _get(self) -> _Records | _FileRecords | None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._table = self._load()
                    self._loaded = True
        return self._table

    def _load(self) -> _Records | _FileRecords | None:
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
    """Sorted fixed-width word records and their Zipf values (times 100), searched by bisection: the bytes
    of a table just built (a table read from the cache file is a :class:`_FileRecords`)."""

    def __init__(self, words: bytes, values: array.array[int]) -> None:
        self._words = words
        self._values = values

    def get(self, word: str) -> float:
        found = _search(self._words, _key(word))
        return self._values[found] / 100 if found >= 0 else 0.0


class _FileRecords:
    """The cache file's records, searched without holding or mapping them: the first word of every block
    of :data:`BLOCK_RECORDS` records is kept in memory (about 110 KB), and a lookup bisects those, then
    reads the one block its word can be in (``os.pread``, 1.5 KB) and bisects it.

    Twenty-seventh session: the file used to be mapped read-only (``mmap``), but the kernel maps the
    64 KB around every page a search touches: the guide's few hundred lookups put 6.7 MB of the 7.5 MB
    file in the process's resident memory. Same records, same comparisons, same values."""

    def __init__(self, fd: int, offset: int, count: int, firsts: bytes, values: array.array[int]) -> None:
        self._fd = fd
        self._offset = offset
        self._count = count
        self._firsts = firsts
        self._values = values

    def get(self, word: str) -> float:
        key = _key(word)
        firsts, low, high = self._firsts, 0, len(self._firsts) // WORD_BYTES
        while low < high:  # the last block whose first word is not after the key
            middle = (low + high) // 2
            if firsts[middle * WORD_BYTES:(middle + 1) * WORD_BYTES] <= key:
                low = middle + 1
            else:
                high = middle
        if low == 0:
            return 0.0
        start = (low - 1) * BLOCK_RECORDS
        size = min(BLOCK_RECORDS, self._count - start) * WORD_BYTES
        found = _search(os.pread(self._fd, size, self._offset + start * WORD_BYTES), key)
        return self._values[start + found] / 100 if found >= 0 else 0.0

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except OSError:  # pragma: no cover - already closed
            pass


def _key(word: str) -> bytes:
    return word.encode("ascii").ljust(WORD_BYTES, b"\0")


def _search(words: bytes, key: bytes) -> int:
    """The index of the record ``key`` among the sorted fixed-width records ``words``, or -1."""
    low, high = 0, len(words) // WORD_BYTES
    while low < high:
        middle = (low + high) // 2
        start = middle * WORD_BYTES
        record = words[start:start + WORD_BYTES]
        if record < key:
            low = middle + 1
        elif record > key:
            high = middle
        else:
            return middle
    return -1


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


def _read(path: Path, version: str) -> _FileRecords | None:
    """The table in ``path``, or None when it is missing, of another version or damaged.

    The digest is computed by reading the file in chunks of whole blocks (through the page cache, not into
    this process's memory), keeping the first word of each block; the file stays open for the lookups."""
    if not path.is_file():
        return None
    fd = -1
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TABLE_BYTES:
            _LOGGER.info("word frequency table %s is not a regular file of at most %d bytes", path, MAX_TABLE_BYTES)
            return None
        first = os.pread(fd, 4096, 0)
        head = first[:first.index(b"\n") + 1]
        header = json.loads(head)
        count = int(header["count"])
        if not _header_fits(header, version):
            return None
        split = count * WORD_BYTES
        digest = hashlib.sha256()
        size = 0
        firsts: list[bytes] = []
        while chunk := os.pread(fd, _CHUNK_BYTES, len(head) + size):
            digest.update(chunk)
            firsts.extend(chunk[i:i + WORD_BYTES] for i in range(0, min(len(chunk), split - size), BLOCK_RECORDS * WORD_BYTES))
            size += len(chunk)
        if size != split + 2 * count or digest.hexdigest() != header["sha256"]:
            _LOGGER.info("word frequency table is damaged; rebuilding it")
            return None
        values = array.array("H")
        values.frombytes(os.pread(fd, 2 * count, len(head) + split))
        table = _FileRecords(fd, len(head), count, b"".join(firsts), values)
        fd = -1  # the table's now
        return table
    except Exception as error:  # noqa: BLE001 - any problem with a cache file means: rebuild it
        _LOGGER.info("word frequency table %s unreadable (%s); rebuilding it", path, error)
        return None
    finally:
        if fd >= 0:
            os.close(fd)
