"""``manifest.json``: the export's record of its tracks, their files and content hashes.

A re-run skips tracks whose hash (spoken text, voice, rate, format, tags, loudness settings,
code version) and files are unchanged, and removes files of an earlier export that are no
longer part of the guide, so there are never duplicates. The manifest is read with every
field's type checked and its size bounded; one that is not a voice-guide manifest, or is
damaged, is a one-line :class:`~voice_guide.export.model.ExportError` naming the fix
(never a traceback, and never overwritten: it may be another program's file).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice_guide.core.files import remove_quietly
from voice_guide.export.model import (
    EXPORT_VERSION,
    HEADING_GAP_MS,
    LEAD_IN_MS,
    PARAGRAPH_GAP_MS,
    PEAK_CEILING_DBFS,
    RECORDING_NOTE_GAP_MS,
    SAMPLE_RATE_HZ,
    TAIL_MS,
    TARGET_LOUDNESS_DBFS,
    ExportError,
    TrackPlan,
    describe_os_error,
)
from voice_guide.export.writers import mp3_encoder, write_text

_LOGGER = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
"""The export's record of its tracks and their content hashes, in the output folder."""

MANIFEST_VERSION = 1
"""Shape of the manifest; a manifest of another version is made again from scratch."""

MAX_MANIFEST_BYTES = 5_000_000
"""Largest manifest read (a guide of a thousand tracks needs under 1 MB)."""

GENERATOR_PREFIX = "voice-guide export"
"""Start of the manifest's ``generator`` field: how an export folder is recognised."""


@dataclass
class FileRecord:
    """One audio file of a track."""

    name: str
    """File name in the export folder."""

    hash: str
    """Content hash of what it was made from (see :func:`content_hash`)."""

    bytes: int
    """Its size, in bytes (a file of another size was changed or cut short)."""


@dataclass
class TrackRecord:
    """One track in the manifest."""

    key: str
    """Stable identity across exports."""

    number: int
    """Track number."""

    kind: str
    """``introduction``, ``section``, ``sources``, ``faq`` or ``routine``."""

    title: str
    """Track title."""

    duration_s: float
    """Length, in seconds."""

    transcript_name: str
    """The transcript's file name."""

    transcript_sha256: str
    """SHA-256 of the transcript's text."""

    files: dict[str, FileRecord] = field(default_factory=dict)
    """Audio file per format."""

    def names(self) -> list[str]:
        """Every file name of the track that is safe to delete (in the folder, not hidden)."""
        names = [f.name for f in self.files.values()] + [self.transcript_name]
        return [n for n in names if _plain_name(n)]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "number": self.number,
            "kind": self.kind,
            "title": self.title,
            "duration_s": self.duration_s,
            "transcript": {"name": self.transcript_name, "sha256": self.transcript_sha256},
            "files": {fmt: {"name": f.name, "hash": f.hash, "bytes": f.bytes} for fmt, f in self.files.items()},
        }


class Manifest:
    """The manifest of one export folder: tracks by key, playlists and album."""

    def __init__(self, entries: dict[str, TrackRecord] | None = None, playlists: list[str] | None = None, album: str = "") -> None:
        self.entries: dict[str, TrackRecord] = entries or {}
        self.playlists: list[str] = playlists or []
        self.album = album

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; an empty one when there is none. Raises :class:`ExportError`."""
        if not path.exists() and not path.is_symlink():
            return cls()
        fix = f"delete {path.name} to make every track again, or export to another folder"
        try:
            if not path.is_file():
                raise ExportError(f"{path}: is not a regular file; {fix}")
            if path.stat().st_size > MAX_MANIFEST_BYTES:
                raise ExportError(f"{path}: over {MAX_MANIFEST_BYTES // 1_000_000} MB, too big for an export manifest; {fix}")
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise ExportError(f"{path}: not readable JSON ({type(err).__name__}); {fix}") from None
        except RecursionError:
            raise ExportError(f"{path}: nested too deeply to be an export manifest; {fix}") from None
        except OSError as err:
            raise ExportError(f"{path}: cannot be read: {describe_os_error(err)}") from None
        try:
            return cls._from_json(data)
        except _ShapeError as err:
            raise ExportError(f"{path}: {err}; {fix}") from None

    @classmethod
    def _from_json(cls, data: Any) -> Manifest:
        if not isinstance(data, dict) or not str(data.get("generator", "")).startswith(GENERATOR_PREFIX):
            raise _ShapeError("not a voice-guide export manifest")
        if data.get("manifest_version") != MANIFEST_VERSION:
            _LOGGER.warning("export manifest of another version; every track will be made again")
            return cls()
        tracks = _get(data, "tracks", list, "")
        entries: dict[str, TrackRecord] = {}
        for i, raw in enumerate(tracks):
            record = _track_record(raw, f"tracks[{i}]")
            entries[record.key] = record
        playlists = _get(data, "playlists", list, "")
        if not all(isinstance(p, str) for p in playlists):
            raise _ShapeError("playlists should be a list of file names")
        album = _get(data, "album", str, "")
        return cls(entries, list(playlists), album)

    def up_to_date(self, out: Path, plan: TrackPlan, hashes: dict[str, str]) -> bool:
        """True when the track's files are there, unchanged, and made from the same content."""
        entry = self.entries.get(plan.key)
        if entry is None or entry.number != plan.number:
            return False
        for fmt, digest in hashes.items():
            record = entry.files.get(fmt)
            path = out / f"{plan.stem}.{fmt}"
            if record is None or record.hash != digest or record.name != path.name:
                return False
            try:
                if path.stat().st_size != record.bytes:
                    return False
            except OSError:
                return False
        transcript = out / f"{plan.stem}.txt"
        if entry.transcript_name != transcript.name:
            return False
        try:
            return sha256_text(transcript.read_text(encoding="utf-8")) == entry.transcript_sha256
        except (OSError, UnicodeDecodeError):
            return False

    def drop_formats(self, out: Path, key: str, fmts: tuple[str, ...], claimed: set[str]) -> list[Path]:
        """Delete a track's files in formats this export does not write (the folder mirrors the last export)."""
        entry = self.entries.get(key)
        if entry is None:
            return []
        removed: list[Path] = []
        for fmt in [f for f in entry.files if f not in fmts]:
            name = entry.files.pop(fmt).name
            if _plain_name(name) and name not in claimed and remove_quietly(out / name):
                removed.append(out / name)
        return removed

    def replace(self, out: Path, entry: TrackRecord, claimed: set[str]) -> list[Path]:
        """Record ``entry``; delete the same track's files of an earlier export under other names."""
        previous = self.entries.get(entry.key)
        self.entries[entry.key] = entry
        if previous is None:
            return []
        keep = set(entry.names()) | claimed
        return [out / n for n in previous.names() if n not in keep and remove_quietly(out / n)]

    def out_of_scope(self, kinds: tuple[str, ...]) -> list[TrackRecord]:
        """Recorded tracks of kinds other than ``kinds`` (what a partial export would delete)."""
        return [e for e in self.entries.values() if e.kind not in kinds]

    def retire(self, out: Path, keys: list[str], claimed: set[str]) -> list[Path]:
        """Forget tracks that are no longer part of the guide, deleting their files; old playlists too."""
        removed: list[Path] = []
        for key in [k for k in self.entries if k not in keys]:
            for name in self.entries.pop(key).names():
                if name not in claimed and remove_quietly(out / name):
                    removed.append(out / name)
        for name in self.playlists:
            if _plain_name(name) and name not in claimed and remove_quietly(out / name):
                removed.append(out / name)
        order = {k: i for i, k in enumerate(keys)}
        self.entries = dict(sorted(self.entries.items(), key=lambda kv: order.get(kv[0], len(order))))
        return removed

    def save(self, path: Path) -> None:
        """Write the manifest atomically."""
        data = {
            "manifest_version": MANIFEST_VERSION,
            "generator": f"{GENERATOR_PREFIX} {code_version()}",
            "album": self.album,
            "playlists": self.playlists,
            "tracks": [e.to_json() for e in self.entries.values()],
        }
        write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def content_hash(plan: TrackPlan, fmt: str, voice: str | None, rate_wpm: int, tags: dict[str, str]) -> str:
    """The hash of everything a track's file is made from (the script holds every spoken line)."""
    payload = {
        "export_version": EXPORT_VERSION,
        "code": code_version(),
        "text": plan.script,
        "voice": voice,
        "rate_wpm": rate_wpm,
        "format": fmt,
        "tags": tags,
        "loudness": [TARGET_LOUDNESS_DBFS, PEAK_CEILING_DBFS, SAMPLE_RATE_HZ],
        "layout": [LEAD_IN_MS, TAIL_MS, HEADING_GAP_MS, PARAGRAPH_GAP_MS, RECORDING_NOTE_GAP_MS],
        "mp3": mp3_encoder() if fmt == "mp3" else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def sha256_text(text: str) -> str:
    """SHA-256 of ``text`` as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_version() -> str:
    """The installed voice-guide version, or ``unknown``."""
    try:
        from importlib.metadata import version

        return version("voice-guide")
    except Exception:
        return "unknown"


class _ShapeError(ValueError):
    """A field of the manifest has the wrong type (the message names it)."""


def _get(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        name = {list: "a list", dict: "a mapping", str: "text", int: "a whole number", float: "a number"}.get(kind, kind.__name__)
        raise _ShapeError(f"{where + '.' if where else ''}{key} should be {name}")
    return value


def _track_record(raw: Any, where: str) -> TrackRecord:
    if not isinstance(raw, dict):
        raise _ShapeError(f"{where} should be a mapping")
    duration = raw.get("duration_s")
    if not isinstance(duration, (int, float)) or isinstance(duration, bool) or not 0 <= duration < 1e7:
        raise _ShapeError(f"{where}.duration_s should be a number of seconds")
    transcript = _get(raw, "transcript", dict, where)
    files: dict[str, FileRecord] = {}
    for fmt, f in _get(raw, "files", dict, where).items():
        if not isinstance(f, dict):
            raise _ShapeError(f"{where}.files.{fmt} should be a mapping")
        files[str(fmt)] = FileRecord(_get(f, "name", str, f"{where}.files.{fmt}"), _get(f, "hash", str, f"{where}.files.{fmt}"),
                                     _get(f, "bytes", int, f"{where}.files.{fmt}"))
    return TrackRecord(
        key=_get(raw, "key", str, where),
        number=_get(raw, "number", int, where),
        kind=_get(raw, "kind", str, where),
        title=_get(raw, "title", str, where),
        duration_s=float(duration),
        transcript_name=_get(transcript, "name", str, f"{where}.transcript"),
        transcript_sha256=_get(transcript, "sha256", str, f"{where}.transcript"),
        files=files,
    )


def _plain_name(name: str) -> bool:
    """A file name in the export folder itself, not hidden (never a path)."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".") and name not in ("..",)
