"""pyttsx3 in a child process, so that a native crash of the speech engine cannot take the guide down.

The child (``python -m voice_guide.tts.worker``) owns the one pyttsx3 engine (espeak-ng's
library through its espeak driver) and renders WAV files on request. The parent talks to it
with :class:`WorkerClient`: one JSON line per request on the child's stdin, one JSON line per
reply on its stdout. Every wait is bounded (a start-up limit, a limit per render) and every
read is bounded (:data:`MAX_REPLY_BYTES`). A worker that dies (a segmentation fault, a kill,
end of file) or does not answer in time is noticed, logged once, killed if need be, and a
fresh one is started on the next request; :class:`~voice_guide.tts.speaker.Speaker` retries
the render once and then falls back to the ``espeak-ng`` program.

Protocol (all lines UTF-8 JSON): the child first sends ``{"ok": true, "driver": ...}`` or
``{"ok": false, "error": ...}``; then for ``{"op": "render", "text", "rate_wpm", "voice",
"timeout_s", "path"}`` it writes the WAV to ``path`` and answers ``{"ok": true}``, and for
``{"op": "voices"}`` it answers ``{"ok": true, "voices": [[id, name, [languages]], ...]}``.
A failure answers ``{"ok": false, "error": ...}``; with ``"fatal": true`` the child exits
right after (its engine is in an unknown state and must not be given more text).

This module imports only the standard library (and pyttsx3 in the child), so the child
starts quickly.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any, NoReturn

from voice_guide.core.errors import SpeechError, one_line

_LOGGER = logging.getLogger(__name__)

MAX_REPLY_BYTES = 1 << 20
"""Longest reply line read from the child; a longer one is treated as a broken worker."""

START_TIMEOUT_S = 15.0
"""How long the child may take to start pyttsx3 and say it is ready."""

REPLY_GRACE_S = 1.0
"""Added to a render's own limit before the parent gives up on the child: the child's own
limit fires first and it can still answer."""

MAX_FAILED_STARTS = 3
"""Workers started in a row that died without one good reply; then the worker is given up."""

STDERR_TAIL_BYTES = 600
"""How much of a dead worker's last output (a faulthandler trace) goes into the log line."""


class WorkerCrashed(SpeechError):
    """The worker process died or stopped answering; a fresh one starts on the next request."""


class WorkerUnavailable(SpeechError):
    """pyttsx3 cannot run in a worker at all (not installed, no espeak, or it keeps dying)."""


def worker_command() -> list[str]:
    """The command that starts a worker with this interpreter."""
    return [sys.executable, "-m", "voice_guide.tts.worker"]


class WorkerClient:
    """The parent's side: starts the worker, sends requests, notices a dead or stuck worker.

    Thread-safe: one request at a time (the engine has one synthesizer). The worker is started
    by :meth:`start` (returns at once) or by the first request, and restarted after a crash.
    """

    def __init__(self, command: list[str] | None = None, start_timeout_s: float = START_TIMEOUT_S) -> None:
        self.command = list(command) if command is not None else worker_command()
        """The child's command line (tests may give one that crashes)."""
        self.start_timeout_s = start_timeout_s
        """Limit on the child's start-up, seconds."""
        self.failure = ""
        """Why pyttsx3 cannot be used at all; empty while it can."""
        self.driver_name = ""
        """The pyttsx3 driver the child uses (``espeak`` on Linux)."""
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._buffer = b""
        self._ready = False
        self._failed_starts = 0
        self._owner_pid = os.getpid()

    @property
    def pid(self) -> int | None:
        """The running worker's process id, ``None`` when none runs."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def start(self) -> None:
        """Start a worker unless one runs (does not wait for it to be ready)."""
        with self._lock:
            if self._owner_pid != os.getpid():  # a forked copy: the worker belongs to the parent
                self._proc, self._stderr, self._buffer, self._ready = None, None, b"", False
                self._owner_pid = os.getpid()
            if self.failure:
                raise WorkerUnavailable(self.failure)
            if self._proc is not None:
                return
            if self._failed_starts >= MAX_FAILED_STARTS:
                self.failure = f"the speech worker died {self._failed_starts} times in a row"
                raise WorkerUnavailable(self.failure)
            self._failed_starts += 1
            self._stderr = tempfile.TemporaryFile(prefix="vg-tts-worker-")
            env = dict(os.environ)
            package_root = str(Path(__file__).resolve().parents[2])
            env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
            try:
                self._proc = subprocess.Popen(
                    self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env
                )
            except OSError as err:
                self.failure = f"cannot start the speech worker: {one_line(err)}"
                raise WorkerUnavailable(self.failure) from None
            self._buffer = b""
            self._ready = False
            _LOGGER.debug("speech worker started, pid %d", self._proc.pid)

    def wait_ready(self) -> None:
        """Start the worker if needed and wait until pyttsx3 runs in it; raises :class:`SpeechError`."""
        with self._lock:
            self.start()
            if self._ready:
                return
            reply = self._read_reply(time.monotonic() + self.start_timeout_s, "starting")
            if not reply.get("ok"):
                self.failure = str(reply.get("error") or "the speech worker could not start pyttsx3")
                self._stop()
                raise WorkerUnavailable(self.failure)
            self.driver_name = str(reply.get("driver") or "")
            self._ready = True

    def request(self, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
        """Send one request and return the child's reply (``ok`` true).

        Raises :class:`SpeechError` with the child's reason when it answers with a failure,
        :class:`WorkerCrashed` when it dies or does not answer within ``timeout_s``.
        """
        with self._lock:
            self.wait_ready()
            proc = self._proc
            assert proc is not None and proc.stdin is not None  # wait_ready started it
            try:
                proc.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self._died("taking a request")
            reply = self._read_reply(time.monotonic() + timeout_s + REPLY_GRACE_S, "answering a request")
            for warning in reply.pop("warnings", []):
                _LOGGER.warning("speech worker: %s", warning)
            if reply.get("fatal"):
                _LOGGER.error(
                    "the speech worker (pid %d) gave up its engine (%s); a new one starts for the next sentence",
                    proc.pid, reply.get("error"),
                )
                self._stop()
            if not reply.get("ok"):
                raise SpeechError(str(reply.get("error") or "the speech worker failed"))
            self._failed_starts = 0
            return reply

    def close(self) -> None:
        """Stop the worker (it also stops by itself when this process ends)."""
        with self._lock:
            self._stop()

    # -- internals -----------------------------------------------------------------------------

    def _read_reply(self, deadline: float, doing: str) -> dict[str, Any]:
        """Read one reply line before ``deadline`` (never more than :data:`MAX_REPLY_BYTES`)."""
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        fd = proc.stdout.fileno()
        # a selector, not select.select: that refuses descriptors above 1023, which a long-running
        # process (or a test session) with many files open reaches
        with selectors.DefaultSelector() as waiting:
            waiting.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining_s = deadline - time.monotonic()
                if remaining_s <= 0:
                    self._stuck(doing)
                if not waiting.select(remaining_s):
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    self._died(doing)
                self._buffer += chunk
                if len(self._buffer) > MAX_REPLY_BYTES:
                    self._stop()
                    raise WorkerCrashed(f"the speech worker sent a reply over {MAX_REPLY_BYTES} bytes")
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            reply = json.loads(line.decode("utf-8"))
        except ValueError:
            self._stop()
            raise WorkerCrashed("the speech worker sent an unreadable reply") from None
        if not isinstance(reply, dict):
            self._stop()
            raise WorkerCrashed("the speech worker sent an unreadable reply")
        return reply

    def _died(self, doing: str) -> NoReturn:
        """The child closed its pipe: collect its exit status, log it once, raise."""
        proc = self._proc
        assert proc is not None
        pid = proc.pid
        tail = self._stderr_tail()
        self._stop()
        status = _describe_exit(proc.returncode)
        _LOGGER.error(
            "the speech worker (pid %d) died while %s: %s; a new one starts for the next sentence%s",
            pid, doing, status, f" (its last output: {tail})" if tail else "",
        )
        raise WorkerCrashed(f"the speech worker died ({status})")

    def _stuck(self, doing: str) -> NoReturn:
        proc = self._proc
        pid = proc.pid if proc is not None else -1
        self._stop()
        _LOGGER.error("the speech worker (pid %d) did not answer in time while %s; it was stopped", pid, doing)
        raise WorkerCrashed("the speech worker did not answer in time")

    def _stop(self) -> None:
        """End the child (end of file first, then SIGKILL) and forget it. Bounded: about 1 s."""
        proc, self._proc = self._proc, None
        self._ready = False
        self._buffer = b""
        if proc is not None:
            for pipe in (proc.stdin, proc.stdout):
                try:
                    if pipe is not None:
                        pipe.close()
                except OSError:
                    pass
            try:
                proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                proc.kill()
                try:
                    proc.wait(timeout=2.0)
                except subprocess.TimeoutExpired:
                    _LOGGER.warning("speech worker pid %d did not exit after SIGKILL", proc.pid)
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        try:
            size = self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, size - STDERR_TAIL_BYTES))
            text = self._stderr.read(STDERR_TAIL_BYTES).decode("utf-8", "replace")
        except OSError:
            return ""
        return " | ".join(line.strip() for line in text.splitlines() if line.strip())


def _describe_exit(returncode: int | None) -> str:
    if returncode is None:
        return "still running"
    if returncode < 0:
        try:
            return f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"signal {-returncode}"
    return f"exit status {returncode}"


# -- the child ---------------------------------------------------------------------------------


def serve(requests: IO[str], replies: IO[str]) -> int:
    """The child's loop: start pyttsx3, then answer requests until end of file; the exit status."""
    from voice_guide.tts.engine import EngineStuck, Pyttsx3Engine

    warnings = _WarningCollector()
    logging.getLogger().addHandler(warnings)

    def reply(message: dict[str, Any]) -> None:
        if warnings.lines:
            message["warnings"], warnings.lines = warnings.lines, []
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    try:
        engine = Pyttsx3Engine()
    except ImportError as err:
        reply({"ok": False, "error": f"pyttsx3 is not installed (pip install pyttsx3): {one_line(err)}"})
        return 1
    except Exception as err:  # the driver raises RuntimeError, OSError, ...
        reply({"ok": False, "error": one_line(err)})
        return 1
    reply({"ok": True, "driver": engine.driver_name})
    for line in requests:
        try:
            message = json.loads(line)
            op = message.get("op")
            if op == "render":
                engine.render(
                    str(message["text"]), int(message["rate_wpm"]), message.get("voice"),
                    float(message["timeout_s"]), Path(message["path"]),
                )
                reply({"ok": True})
            elif op == "voices":
                reply({"ok": True, "voices": engine.voices()})
            else:
                reply({"ok": False, "error": f"unknown request {op!r}"})
        except EngineStuck as err:
            reply({"ok": False, "error": str(err), "fatal": True})
            return 3
        except (SpeechError, ValueError, KeyError, TypeError) as err:
            reply({"ok": False, "error": one_line(err)})
    return 0


class _WarningCollector(logging.Handler):
    """Keeps the child's warnings for the next reply: the parent logs them in the guide's log."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        """Messages not yet sent (at most 20 are kept)."""

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.lines) < 20:
            self.lines.append(f"{record.name}: {record.getMessage()}"[:500])


def main() -> int:
    """Entry point of ``python -m voice_guide.tts.worker``."""
    import faulthandler

    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything printed (by Python or by C code) goes to stderr, not into the replies
    sys.stdout = sys.stderr
    faulthandler.enable()  # a segmentation fault leaves a trace for the parent's log
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the guide's to handle; it closes our stdin
    logging.getLogger().setLevel(logging.WARNING)  # warnings travel with the replies (serve)
    return serve(sys.stdin, replies)


if __name__ == "__main__":
    raise SystemExit(main())
