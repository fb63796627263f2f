"""Files: the one atomic writer of voice-guide, and its bounded readers.

Every file the guide writes (settings, session log, packs, audio, exports, caches) goes
through :func:`write_atomic`, so an interrupted write never leaves a truncated file under
its final name.

Every small file the guide reads (pack YAML, settings, a file of typed questions) goes
through :func:`read_bytes_bounded` / :func:`read_text_bounded` / :func:`load_yaml_file`:
regular files only (never a device, a FIFO or a symlink to one), a documented size limit per
kind checked before reading and again while reading, UTF-8 text with a one-line error
naming the file, and YAML whose aliases cannot expand beyond a node budget.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from voice_guide.core.errors import VoiceGuideError, one_line


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An interrupted write never leaves a truncated file under the final name.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


# --- bounded reading ---------------------------------------------------------------------

PACK_FILE_LIMIT_BYTES = 2 * 1024 * 1024
"""Largest pack YAML file read (article, topics, lexicon, intents, safety, routines); the shipped ones are under 40 KB."""

SETTINGS_FILE_LIMIT_BYTES = 64 * 1024
"""Largest settings file read; ours is under 1 KB."""

TEXT_FILE_LIMIT_BYTES = 4 * 1024 * 1024
"""Largest file of typed questions (``ask --text-file``) read."""

YAML_MAX_NODES = 200_000
"""Most YAML nodes a document may hold once its aliases are expanded (an alias bomb stops here)."""

YAML_MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a YAML document may have."""


def read_bytes_bounded(
    path: str | os.PathLike[str], limit_bytes: int, kind: str, error: type[VoiceGuideError] = VoiceGuideError
) -> bytes:
    """The bytes of a regular file of at most ``limit_bytes``; ``error`` (one line naming
    the file and ``kind``, e.g. "settings file") otherwise.

    Devices, FIFOs and sockets are refused (also through a symlink): their reported size
    means nothing, so ``/dev/zero`` would be read forever. The size is checked before
    reading and the read itself stops after ``limit_bytes + 1`` bytes (a growing file).
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise error(f"{name}: cannot read the {kind}: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device or pipe"
            raise error(f"{name}: the {kind} is {what}, not a regular file")
        if info.st_size > limit_bytes:
            raise error(f"{name}: the {kind} is too large ({info.st_size} bytes; the limit is {limit_bytes})")
        chunks: list[bytes] = []
        total = 0
        while total <= limit_bytes:
            chunk = os.read(fd, min(1 << 16, limit_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit_bytes:
            raise error(f"{name}: the {kind} is too large (more than {limit_bytes} bytes)")
        return b"".join(chunks)
    except OSError as err:
        raise error(f"{name}: cannot read the {kind}: {err.strerror or err}") from None
    finally:
        os.close(fd)  # every read closes its file: a long session reads settings and packs many times

# --- atomic writing helpers: shareable files, encoders that write to a path, folders -----------
# (export and pack builder; kept apart from the bounded readers above for easy merges)


def write_atomic_with(
    path: str | os.PathLike[str],
    write: Callable[[Path], object],
    *,
    shareable: bool = True,
) -> Path:
    """Make ``path`` by calling ``write(tmp)`` on a hidden temporary file beside it, then renaming.

    For writers that need a file name (audio encoders, external programs). The temporary file
    is flushed to disk before the rename and the folder after it, so an interrupted write never
    leaves a truncated file under the final name. ``shareable`` gives the file the permissions
    the umask allows (``mkstemp`` makes it private): exports and packs are meant to be shared.
    Errors (``OSError`` with ``errno.ENOSPC`` for a full disk) are raised as they are, after
    the temporary file is removed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(name)
    try:
        if shareable:
            os.fchmod(fd, 0o666 & ~current_umask())
        os.close(fd)
        write(tmp)
        fsync_path(tmp)
        os.replace(tmp, target)
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(target.parent)
    return target


def write_atomic_text(path: str | os.PathLike[str], text: str, *, shareable: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_atomic_with`)."""
    data = text.encode("utf-8")
    return write_atomic_with(path, lambda tmp: tmp.write_bytes(data), shareable=shareable)


def fsync_path(path: str | os.PathLike[str]) -> None:
    """Flush a file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def decode_text(data: bytes, name: str, kind: str, error: type[VoiceGuideError] = VoiceGuideError) -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped); ``error`` naming the file and
    the first bad byte otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise error(
            f"{name}: the {kind} is not UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); save it as UTF-8"
        ) from None


def read_text_bounded(
    path: str | os.PathLike[str], limit_bytes: int, kind: str, error: type[VoiceGuideError] = VoiceGuideError
) -> str:
    """The UTF-8 text of a regular file of at most ``limit_bytes`` (see :func:`read_bytes_bounded`)."""
    return decode_text(read_bytes_bounded(path, limit_bytes, kind, error), os.fspath(path), kind, error)


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading only (no object construction; the C parser when PyYAML has it), with
    YAML 1.2 booleans: only ``true``/``false`` are booleans, so a word list holding ``no``,
    ``yes``, ``on`` or ``off`` keeps those words as text."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_YAML_LOADER: Any = _YamlLoader


def load_yaml_text(text: str, name: str, error: type[VoiceGuideError] = VoiceGuideError) -> Any:
    """Parse one YAML document safely; aliases may not expand beyond :data:`YAML_MAX_NODES`
    nodes and nesting may not pass :data:`YAML_MAX_DEPTH`. An empty document is ``None``."""
    loader = _YAML_LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as err:
            if "nesting depth" in str(err):  # PyYAML 6.0.4+ limits the depth itself, below ours
                raise error(f"{name}: nested more than {YAML_MAX_DEPTH} levels deep") from None
            mark = getattr(err, "problem_mark", None)
            at = f" (line {mark.line + 1})" if mark is not None else ""
            raise error(f"{name}: malformed YAML{at}: {getattr(err, 'problem', None) or one_line(err)}") from None
        except RecursionError:
            raise error(f"{name}: nested too deeply") from None
        if node is None:
            return None
        _check_yaml_size(node, name, error)
        try:
            return loader.construct_document(node)
        except yaml.YAMLError as err:
            raise error(f"{name}: unusable YAML: {getattr(err, 'problem', None) or one_line(err)}") from None
    finally:
        loader.dispose()


def load_yaml_file(
    path: str | os.PathLike[str], limit_bytes: int, kind: str, error: type[VoiceGuideError] = VoiceGuideError
) -> Any:
    """Read (bounded, UTF-8) and parse (safe, aliases limited) one YAML file."""
    return load_yaml_text(read_text_bounded(path, limit_bytes, kind, error), os.fspath(path), error)


def _check_yaml_size(root: yaml.Node, name: str, error: type[VoiceGuideError]) -> None:
    """Refuse a node graph that expands to too many nodes, nests too deeply or refers to itself."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise error(f"{name}: an alias refers to the node that contains it")
        if depth > YAML_MAX_DEPTH:
            raise error(f"{name}: nested more than {YAML_MAX_DEPTH} levels deep")
        total = 1
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            open_nodes.add(key)
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            for child in children:
                total += size(child, depth + 1)
                if total > YAML_MAX_NODES:
                    raise error(f"{name}: too many values once aliases are expanded (more than {YAML_MAX_NODES})")
            open_nodes.discard(key)
        sizes[key] = total
        return total

    size(root, 0)



def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (a rename in it) to disk; a no-op where folders cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_quietly(path: str | os.PathLike[str]) -> bool:
    """Delete a file if it is there; True when it was deleted."""
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def current_umask() -> int:
    """The process's umask (read once: reading it means setting it)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


_UMASK: int | None = None


def user_cache_dir(*parts: str) -> Path:
    """The guide's folder for rebuildable caches (``platformdirs.user_cache_dir("voice-guide")``,
    e.g. ``~/.cache/voice-guide``), joined with ``parts``. Nothing in it is user data: any file
    there may be deleted, and is rebuilt when next needed."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("voice-guide"), *parts)


def prune_cache_files(folder: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` newest files of ``folder`` matching the glob ``pattern``.

    Best effort (a file another process is using is left): a cache keyed by what it was built
    from gets a new file on every change, and the user's cache folder must not grow without end."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
