"""Files: the one atomic writer of voice-guide.

Every file the guide writes (settings, session log, packs, audio, exports, caches) goes
through :func:`write_atomic`, so an interrupted write never leaves a truncated file under
its final name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


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
