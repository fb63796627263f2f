"""The pyttsx3 engine as used inside the speech worker (:mod:`voice_guide.tts.worker`).

Only the worker process imports this module: a native crash of espeak-ng then ends the
worker, never the guide. One engine per process (espeak-ng keeps one synthesizer per process
and pyttsx3 caches its engine per driver); the worker uses it from one thread.

How the espeak driver of pyttsx3 2.99 runs a render, and why the engine must be idle first:
``runAndWait`` pumps the queued commands at the start of its loop, including its own
``endLoop``, which cancels whatever espeak is "still playing" and ends the loop; then it hands
the text to espeak (``espeak_Synth``, asynchronous in the library's retrieval mode) and returns
after one 10 ms pass of its loop, before a long text is synthesized. Synthesis runs on espeak's own thread, which calls back with the audio and, at the end,
writes the WAV file and sends ``finished-utterance``. So a render is over when that event has
arrived *and* espeak's thread is idle. If it is not idle in time, the next render would cancel
it and hand espeak new text while its thread is still busy (the suspected cause of the
segmentation fault in ``Synth``): instead :class:`EngineStuck` is raised and the worker exits,
so that a fresh process takes over. The library's synchronous mode would avoid the thread
altogether, but the driver then never receives ``MSG_TERMINATED`` and writes no file (checked
with espeak-ng 1.51).

Rate and volume go to espeak directly, not through ``engine.setProperty``: the engine's proxy
holds property changes until ``runAndWait`` starts its loop, then hands them to espeak's queue
and at once cancels whatever espeak is "still playing". When espeak's thread had woken for the
rate change but not yet taken it, the cancel emptied the queue and the text was read at the
previous rate (a restarted worker read a sentence at 200 instead of 120 words a minute in CI,
once in thousands of renders). :meth:`Pyttsx3Engine.apply_parameters` waits until espeak
reports both values as current and its thread idle, so nothing of ours is left to cancel.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import threading
import time
from pathlib import Path
from typing import Any

from voice_guide.core.errors import SpeechError, one_line

_LOGGER = logging.getLogger(__name__)

IDLE_LIMIT_S = 2.0
"""How long espeak's thread may stay busy after a render before the engine counts as stuck."""


class EngineStuck(SpeechError):
    """The engine did not finish in time: its state is unknown and the process must end."""


class Pyttsx3Engine:
    """The process's pyttsx3 engine and the events of the render in progress."""

    def __init__(self) -> None:
        import pyttsx3

        engine = pyttsx3.init()
        self.driver_name = str(getattr(engine, "driver_name", "") or "")
        """The pyttsx3 driver (``espeak`` on Linux)."""
        _silence_driver(self.driver_name)
        self.done = threading.Event()
        """Set by ``finished-utterance`` (called on espeak's thread)."""
        self.errors: list[BaseException] = []
        """Error events of the render in progress."""
        self.completed = True
        """False when the driver reports the utterance as cut short."""
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)
        self.default_voice: str | None = engine.getProperty("voice")
        """The voice the engine started with, used when a render asks for none."""
        self.synth_busy: Any = None
        self._espeak: Any = None
        self._get_parameter: Any = None
        if self.driver_name == "espeak":
            from pyttsx3.drivers import _espeak

            self.synth_busy = _espeak.IsPlaying
            self._espeak = _espeak
            # pyttsx3's own binding of espeak_GetParameter leaves out its second argument
            # ("current"), so what it returns depends on a stray register
            prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)
            self._get_parameter = prototype(("espeak_GetParameter", _espeak.dll))
        self.engine = engine
        _LOGGER.debug("pyttsx3 started with the %s driver, default voice %s", self.driver_name, self.default_voice)

    def _on_finished(self, name: Any = None, completed: bool = True, **_: Any) -> None:
        self.completed = bool(completed)
        self.done.set()

    def _on_error(self, name: Any = None, exception: BaseException | None = None, **_: Any) -> None:
        self.errors.append(exception if exception is not None else RuntimeError("unknown pyttsx3 error"))

    def voices(self) -> list[tuple[str, str, list[str]]]:
        """Installed voices as ``(id, name, languages)``."""
        voices = []
        for v in self.engine.getProperty("voices"):
            langs = [
                lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang) for lang in (v.languages or [])
            ]
            voices.append((str(v.id), str(v.name), langs))
        return voices

    def render(self, text: str, rate_wpm: int, voice: str | None, timeout_s: float, out: Path) -> None:
        """Render ``text`` into the WAV file ``out``.

        Raises :class:`SpeechError` on a failure, :class:`EngineStuck` when the engine did not
        finish within ``timeout_s`` (or its thread stayed busy): the process must then end.
        """
        engine = self.engine
        self.wait_idle()
        self.done.clear()
        self.errors.clear()
        self.completed = True
        engine.setProperty("voice", voice or self.default_voice)  # synchronous in espeak
        self.apply_parameters(int(rate_wpm))
        started = time.perf_counter()
        try:
            engine.save_to_file(text, str(out))
            engine.runAndWait()  # returns about 10 ms after handing the text to espeak's thread
        except Exception as err:
            raise SpeechError(f"pyttsx3 failed: {one_line(err)}") from None
        if not self.done.wait(max(0.0, timeout_s - (time.perf_counter() - started))):
            raise EngineStuck(f"pyttsx3 gave no audio within {timeout_s:.0f} s")
        self.wait_idle()  # the file is written; the next render must not find the thread busy
        errors = list(self.errors)
        if errors:
            # A property the driver rejects arrives as an error event (setProperty may be
            # queued until the loop runs). A rejected voice is retried with the default voice.
            if voice and all("voice" in str(e).lower() for e in errors):
                _LOGGER.warning("the engine rejected voice %s (%s); using the default voice", voice, errors[0])
                self.render(text, rate_wpm, None, timeout_s, out)
                return
            raise SpeechError(f"pyttsx3 failed: {one_line(errors[0])}")
        if not self.completed:
            raise SpeechError("pyttsx3 stopped before the end of the text")
        if not out.exists():
            raise SpeechError("pyttsx3 wrote no audio")
        _LOGGER.debug("pyttsx3 rendered %d chars in %.3f s", len(text), time.perf_counter() - started)

    def apply_parameters(self, rate_wpm: int) -> None:
        """Set the rate (words a minute) and full volume, and wait until espeak uses them.

        Volume is a gain on the samples (see speaker.py), so espeak always renders at 100.
        Other drivers take the values through the engine's queue, as pyttsx3 intends.
        """
        if self._espeak is None or self._get_parameter is None:
            self.engine.setProperty("rate", rate_wpm)
            self.engine.setProperty("volume", 1.0)
            return
        wanted = {self._espeak.RATE: rate_wpm, self._espeak.VOLUME: 100}
        deadline = time.monotonic() + IDLE_LIMIT_S
        for parameter, value in wanted.items():
            if self._espeak.SetParameter(parameter, value, 0) != 0:
                raise SpeechError(f"espeak refused the speech parameter {parameter} = {value}")
        while any(self._get_parameter(p, 1) != v for p, v in wanted.items()) or self.synth_busy():
            if time.monotonic() >= deadline:
                raise EngineStuck(f"espeak did not take the rate of {rate_wpm} words a minute within {IDLE_LIMIT_S:.0f} s")
            time.sleep(0.001)

    def wait_idle(self, limit_s: float = IDLE_LIMIT_S) -> None:
        """Wait until espeak's synthesis thread is idle; :class:`EngineStuck` after ``limit_s``.

        espeak reports the end of an utterance a moment before its thread is idle, and it
        queues rate/volume changes on that thread too. The driver cancels whatever is "still
        playing" when ``runAndWait`` starts its loop, and a voice change is not queued at all:
        the thread must be idle before anything is handed over.
        """
        if self.synth_busy is None:
            return
        deadline = time.monotonic() + limit_s
        try:
            while self.synth_busy():
                if time.monotonic() >= deadline:
                    raise EngineStuck(f"espeak was still busy after {limit_s:.0f} s")
                time.sleep(0.001)
        except EngineStuck:
            raise
        except Exception as err:  # a ctypes problem: do without the check
            _LOGGER.debug("cannot ask espeak whether it is idle: %s", err)
            self.synth_busy = None


def _silence_driver(driver_name: str) -> None:
    """Route the pyttsx3 driver's ``print`` calls ("Audio saved to ...") to the debug log.

    The espeak driver prints from espeak's own synthesis thread; shadowing ``print`` in that
    one module's globals is thread-safe, unlike redirecting ``sys.stdout``.
    """
    if not driver_name:
        return
    try:
        module = importlib.import_module(f"pyttsx3.drivers.{driver_name}")
    except ImportError:
        return
    module.print = _driver_print  # type: ignore[attr-defined]


def _driver_print(*args: Any, **_: Any) -> None:
    _LOGGER.debug("pyttsx3: %s", " ".join(str(a) for a in args))
