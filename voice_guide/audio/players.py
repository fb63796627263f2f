"""The two ways :class:`~voice_guide.audio.sinks.DeviceSink` plays: a killable player
subprocess (``paplay``/``aplay``/any command reading raw PCM) or a PortAudio stream."""

from __future__ import annotations

import logging
import subprocess
import tempfile
import threading
from collections import deque
from typing import Any

from voice_guide.audio.files import AudioClip, iter_chunks
from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

CHUNK_MS = 20
"""Audio handed to a player process at a time."""


def one_line(err: BaseException) -> str:
    """The first line of an error's message (its type name when empty)."""
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


class CommandOutput:
    """Feeds queued clips to a player subprocess; one process per run of back-to-back clips."""

    def __init__(self, argv_template: list[str]) -> None:
        self._template = argv_template
        self._lock = threading.Lock()
        self._queue: deque[AudioClip] = deque()
        self._generation = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def play(self, clip: AudioClip) -> None:
        with self._lock:
            self._queue.append(clip)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="voice-guide-player", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    if not self._queue:
                        self._thread = None
                        return
                    generation = self._generation
                    rate = self._queue[0].sample_rate_hz
                started = self._start(rate)
                with self._lock:
                    if started is None:
                        self._queue.clear()
                        self._thread = None
                        return
                    proc, errors = started
                    self._proc = proc
                    stopped = generation != self._generation
                if stopped:
                    proc.kill()
                else:
                    self._feed(proc, generation, rate)
                try:
                    if proc.stdin:
                        proc.stdin.close()
                except OSError:
                    pass
                proc.wait()
                self._report(proc, errors, generation)
                with self._lock:
                    if self._proc is proc:
                        self._proc = None
        except Exception:  # never let a player thread die silently
            _LOGGER.exception("audio player thread failed")
            with self._lock:
                self._queue.clear()
                self._thread = None

    def _start(self, rate: int) -> tuple[subprocess.Popen[bytes], Any] | None:
        argv = [arg.replace("{rate}", str(rate)) for arg in self._template]
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in _report; the player's complaints, read if it fails
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,  # Ctrl-C goes to the assistant, which stops the player
            )
        except OSError as err:
            errors.close()
            _LOGGER.warning("cannot start audio player %s: %s", argv[0], err)
            return None
        return proc, errors

    def _feed(self, proc: subprocess.Popen[bytes], generation: int, rate: int) -> None:
        assert proc.stdin is not None
        while True:
            with self._lock:
                if generation != self._generation or not self._queue:
                    return
                clip = self._queue.popleft()
            if clip.sample_rate_hz != rate:
                clip = clip.resampled(rate)
            for chunk in iter_chunks(clip.pcm, max(1, rate * CHUNK_MS // 1000)):
                if generation != self._generation:
                    return
                try:
                    proc.stdin.write(chunk)  # blocks while the player's buffers are full
                    proc.stdin.flush()
                except (BrokenPipeError, OSError, ValueError):
                    return

    def _report(self, proc: subprocess.Popen[bytes], errors: Any, generation: int) -> None:
        try:
            if proc.returncode != 0 and generation == self._generation:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                _LOGGER.warning(
                    "audio player exited with status %s: %s", proc.returncode, lines[0] if lines else "no message"
                )
        except (OSError, ValueError):
            pass
        finally:
            errors.close()

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            self._queue.clear()
            proc, thread = self._proc, self._thread
        if proc is not None and proc.poll() is None:
            proc.kill()  # cuts the sound now; the player's buffered audio dies with it
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)

    def wait(self) -> None:
        while True:
            with self._lock:
                thread = self._thread
            if thread is None or thread is threading.current_thread():
                return
            thread.join()

    @property
    def is_playing(self) -> bool:
        with self._lock:
            return self._thread is not None

    def close(self) -> None:
        self.stop()


class PortAudioOutput:
    """A callback-driven PortAudio stream per run of back-to-back clips."""

    def __init__(self, sd: Any, device: int | str | None) -> None:
        self._sd = sd
        self._device = device
        self._lock = threading.Lock()
        self._buffer = bytearray()
        self._pos = 0
        self._draining = False
        self._stream: Any = None
        self._rate = 0
        self._finished = threading.Event()
        self._finished.set()

    def play(self, clip: AudioClip) -> None:
        with self._lock:
            if self._stream is not None and not self._draining:
                self._buffer += clip.resampled(self._rate).pcm
                return
        # no stream, or the last one is running out: let it finish, then open a new one
        self._finished.wait(timeout=1.0)
        self._close_stream()
        with self._lock:
            self._buffer = bytearray(clip.pcm)
            self._pos = 0
            self._draining = False
            self._rate = clip.sample_rate_hz
            self._finished.clear()
            try:
                self._stream = self._sd.RawOutputStream(
                    samplerate=self._rate,
                    channels=1,
                    dtype="int16",
                    device=self._device,
                    latency="low",
                    callback=self._callback,
                    finished_callback=self._finished.set,
                )
                self._stream.start()
            except Exception as err:  # PortAudioError and friends
                self._stream = None
                self._finished.set()
                raise SpeechError(f"cannot play audio: {one_line(err)}") from None

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        wanted = 2 * frames
        with self._lock:
            chunk = bytes(self._buffer[self._pos : self._pos + wanted])
            self._pos += len(chunk)
            done = len(chunk) < wanted
            if done:
                self._draining = True
        outdata[: len(chunk)] = chunk
        if done:
            outdata[len(chunk) :] = b"\x00" * (wanted - len(chunk))
            raise self._sd.CallbackStop

    def _close_stream(self) -> None:
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close()
            except Exception as err:
                _LOGGER.debug("closing the audio stream: %s", err)

    def stop(self) -> None:
        with self._lock:
            self._buffer = bytearray()
            self._pos = 0
            stream = self._stream
        if stream is not None:
            try:
                stream.abort()  # drops what is buffered: silence within the output latency
            except Exception as err:
                _LOGGER.debug("aborting the audio stream: %s", err)
        self._finished.set()
        self._close_stream()

    def wait(self) -> None:
        self._finished.wait()

    @property
    def is_playing(self) -> bool:
        return not self._finished.is_set()

    def close(self) -> None:
        self.stop()


# -- discovery -------------------------------------------------------------------------------


__all__ = ["CHUNK_MS", "CommandOutput", "PortAudioOutput", "one_line"]
