"""Text to speech: a speaker that renders answers to audio with the listener's settings
(:mod:`voice_guide.tts.settings`).

:class:`Speaker` wraps one pyttsx3 engine (the espeak-ng driver on Linux) created once per
speaker. Every call renders to a temporary WAV file through ``save_to_file`` and returns an
:class:`~voice_guide.audio.files.AudioClip`; nothing here touches a sound device (see
:mod:`voice_guide.audio.sinks`). When pyttsx3 cannot start or fails, the ``espeak-ng`` program is
called directly. Voice, rate and volume are applied on every call, so a change made by the
listener ("slower", "louder") is heard on the very next sentence.

Volume is applied as a gain on the rendered samples rather than through the engine: the
espeak driver of pyttsx3 2.99 does honour its volume property in ``save_to_file`` (checked:
RMS scales linearly), but a software gain gives the same level on the pyttsx3 path, on the
``espeak-ng`` fallback and on any other pyttsx3 driver.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np

from voice_guide.audio.files import AudioClip, write_wav
from voice_guide.core.errors import SpeechError, one_line
from voice_guide.tts.settings import MAX_VOLUME, SpeechSettings

_LOGGER = logging.getLogger(__name__)

NO_ENGINE_MESSAGE = "no text-to-speech engine: apt-get install espeak-ng"
"""The one line shown when neither pyttsx3 nor the espeak-ng program can speak."""

BACKENDS = ("auto", "pyttsx3", "espeak-ng")
"""``auto`` uses pyttsx3 and falls back to the espeak-ng program; the others force one."""

_ENGINE_LOCK = threading.Lock()
"""espeak-ng keeps one synthesizer per process: renders are serialised across speakers."""


VoiceInfo = tuple[str, str, tuple[str, ...]]
"""``(id, name, languages)`` of one installed voice."""


class _Pyttsx3:
    """The one pyttsx3 engine of the process, and the events of the render in progress.

    espeak-ng keeps one synthesizer per process and pyttsx3 caches its engine per driver,
    so every :class:`Speaker` shares this object; :data:`_ENGINE_LOCK` serialises renders.
    """

    def __init__(self) -> None:
        import pyttsx3

        engine = pyttsx3.init()
        self.driver_name = str(getattr(engine, "driver_name", "") or "")
        _silence_driver(self.driver_name)
        self.done = threading.Event()
        self.errors: list[BaseException] = []
        self.completed = True
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)
        self.default_voice: str | None = engine.getProperty("voice")
        self.synth_busy: Any = None
        if self.driver_name == "espeak":
            from pyttsx3.drivers import _espeak

            self.synth_busy = _espeak.IsPlaying
        self.engine = engine
        _LOGGER.debug("pyttsx3 started with the %s driver, default voice %s", self.driver_name, self.default_voice)

    def _on_finished(self, name: Any = None, completed: bool = True, **_: Any) -> None:
        self.completed = bool(completed)
        self.done.set()

    def _on_error(self, name: Any = None, exception: BaseException | None = None, **_: Any) -> None:
        self.errors.append(exception if exception is not None else RuntimeError("unknown pyttsx3 error"))

    def voices(self) -> list[VoiceInfo]:
        voices: list[VoiceInfo] = []
        with _ENGINE_LOCK:
            for v in self.engine.getProperty("voices"):
                langs = tuple(
                    lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
                    for lang in (v.languages or [])
                )
                voices.append((str(v.id), str(v.name), langs))
        return voices

    def render(self, text: str, rate_wpm: int, voice: str | None, timeout_s: float) -> AudioClip:
        """Render through ``save_to_file``; raises :class:`SpeechError` on any failure."""
        engine = self.engine
        with _ENGINE_LOCK, tempfile.TemporaryDirectory(prefix="vg-tts-") as tmp:
            out = Path(tmp) / "speech.wav"
            self.wait_idle()
            self.done.clear()
            self.errors.clear()
            self.completed = True
            engine.setProperty("voice", voice or self.default_voice)
            engine.setProperty("rate", int(rate_wpm))
            engine.setProperty("volume", 1.0)  # volume is a gain on the samples, see the module doc
            self.wait_idle()  # espeak queues parameter changes on its synthesis thread
            # runAndWait may return before the synthesis thread has finished (the espeak driver
            # ends its loop early on the first call), and could in principle never return: a
            # watchdog ends the loop, and the finished-utterance event is what we wait for.
            watchdog = threading.Timer(timeout_s, self.end_loop)
            watchdog.daemon = True
            started = time.perf_counter()
            watchdog.start()
            try:
                engine.save_to_file(text, str(out))
                engine.runAndWait()
                finished = self.done.wait(max(0.0, timeout_s - (time.perf_counter() - started)))
            except Exception as err:
                raise SpeechError(f"pyttsx3 failed: {one_line(err)}") from None
            finally:
                watchdog.cancel()
            if not finished:
                self.end_loop()
                raise SpeechError(f"pyttsx3 gave no audio within {timeout_s:.0f} s")
            errors = list(self.errors)
            if not errors and not self.completed:
                raise SpeechError("pyttsx3 stopped before the end of the text")
            if not errors:
                clip = _read_pcm_wav(out)
        if errors:
            # A property the driver rejects arrives as an error event (setProperty may be
            # queued until the loop runs). A rejected voice is retried with the default voice.
            if voice and all("voice" in str(e).lower() for e in errors):
                _LOGGER.warning("the engine rejected voice %s (%s); using the default voice", voice, errors[0])
                return self.render(text, rate_wpm, None, timeout_s)
            raise SpeechError(f"pyttsx3 failed: {one_line(errors[0])}")
        _LOGGER.debug("pyttsx3 rendered %d chars in %.3f s", len(text), time.perf_counter() - started)
        return clip

    def wait_idle(self, limit_s: float = 2.0) -> None:
        """Wait until espeak's synthesis thread is idle.

        espeak reports the end of an utterance a moment before its thread is idle, and it
        queues rate/volume changes on that thread too. The pyttsx3 driver cancels whatever is
        "still playing" when ``runAndWait`` starts its loop, which would cancel the new text:
        so the thread must be idle before the text is handed over.
        """
        if self.synth_busy is None:
            return
        deadline = time.monotonic() + limit_s
        try:
            while self.synth_busy() and time.monotonic() < deadline:
                time.sleep(0.001)
        except Exception as err:  # a ctypes problem: do without the check
            _LOGGER.debug("cannot ask espeak whether it is idle: %s", err)
            self.synth_busy = None

    def end_loop(self) -> None:
        """Unstick a driver loop that never ends (watchdog only; uses pyttsx3 internals)."""
        try:
            self.engine.proxy._driver.endLoop()
        except Exception as err:
            _LOGGER.debug("could not end the pyttsx3 loop: %s", err)


_SHARED_PYTTSX3: _Pyttsx3 | None = None
_PYTTSX3_FAILURE = ""


def _shared_pyttsx3() -> tuple[_Pyttsx3 | None, str]:
    """The process's pyttsx3 engine, started on first use; ``(None, reason)`` when it cannot start."""
    global _SHARED_PYTTSX3, _PYTTSX3_FAILURE
    with _ENGINE_LOCK:
        if _SHARED_PYTTSX3 is None and not _PYTTSX3_FAILURE:
            try:
                _SHARED_PYTTSX3 = _Pyttsx3()
            except ImportError as err:
                _PYTTSX3_FAILURE = f"pyttsx3 is not installed (pip install pyttsx3): {one_line(err)}"
            except Exception as err:  # the driver raises RuntimeError, OSError, ...
                _PYTTSX3_FAILURE = one_line(err)
        return _SHARED_PYTTSX3, _PYTTSX3_FAILURE


def _silence_driver(driver_name: str) -> None:
    """Route the pyttsx3 driver's ``print`` calls ("Audio saved to ...") to the debug log.

    The espeak driver prints from espeak's own synthesis thread. Shadowing ``print`` in that
    one module's globals is thread-safe, unlike redirecting ``sys.stdout`` (which would also
    swallow whatever the command line prints meanwhile).
    """
    if not driver_name:
        return
    try:
        module = importlib.import_module(f"pyttsx3.drivers.{driver_name}")
    except ImportError:
        return
    module.print = _driver_print  # type: ignore[attr-defined]


class Speaker:
    """Renders text to audio with text-to-speech: pyttsx3, or the espeak-ng program.

    The pyttsx3 engine is created once per process and shared; it is never re-initialised
    per call. Thread-safe: renders are serialised (espeak-ng has one synthesizer per process).

    Raises :class:`SpeechError` (:data:`NO_ENGINE_MESSAGE`) when neither pyttsx3 nor the
    ``espeak-ng`` program can be used.
    """

    def __init__(
        self,
        backend: str = "auto",
        sample_rate_hz: int | None = None,
        espeak_ng_program: str = "espeak-ng",
        timeout_s: float = 20.0,
    ) -> None:
        """Start the engine.

        ``backend`` is one of :data:`BACKENDS`. ``sample_rate_hz`` resamples every clip to
        that rate; ``None`` keeps the engine's own rate (22050 Hz for espeak-ng).
        ``timeout_s`` bounds one render (plus a little per character of text).
        """
        if backend not in BACKENDS:
            raise SpeechError(f"unknown speech backend {backend!r}; use one of {', '.join(BACKENDS)}")
        self.sample_rate_hz = sample_rate_hz
        self.timeout_s = timeout_s
        self._espeak_program = shutil.which(espeak_ng_program)
        self._tts: _Pyttsx3 | None = None
        self._voices: list[VoiceInfo] | None = None
        self._warned_voices: set[str] = set()
        self._closed = False
        if backend in ("auto", "pyttsx3"):
            self._tts, failure = _shared_pyttsx3()
            if self._tts is None:
                if backend == "pyttsx3" or self._espeak_program is None:
                    _LOGGER.error("pyttsx3 cannot start: %s", failure)
                    if backend == "pyttsx3":
                        raise SpeechError(f"pyttsx3 cannot speak: {failure}")
                else:
                    _LOGGER.warning("pyttsx3 cannot start (%s); using the espeak-ng program", failure)
        if self._tts is None and self._espeak_program is None:
            raise SpeechError(NO_ENGINE_MESSAGE)

    # -- public API ------------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"pyttsx3"`` while the engine works, ``"espeak-ng"`` when using the program."""
        return "pyttsx3" if self._tts is not None else "espeak-ng"

    def list_voices(self) -> list[VoiceInfo]:
        """Installed voices as ``(id, name, languages)``, sorted by id; ``[]`` when they cannot be listed."""
        if self._voices is None:
            voices: list[VoiceInfo] = []
            try:
                if self._tts is not None:
                    voices = self._tts.voices()
                elif self._espeak_program:
                    voices = _espeak_ng_voices(self._espeak_program)
            except Exception as err:
                _LOGGER.warning("cannot list voices: %s", one_line(err))
            self._voices = sorted(voices)
        return list(self._voices)

    def resolve_voice(self, voice: str | None) -> str | None:
        """The engine id for ``voice`` (id, name or language, case-insensitive, with an
        optional ``+variant``); ``None`` stays ``None`` (the default voice).

        Raises :class:`SpeechError` for a voice that is not installed.
        """
        if voice is None:
            return None
        base, plus, variant = voice.strip().partition("+")
        key = base.strip().lower().replace("_", " ")
        voices = self.list_voices()
        if not voices:
            return voice.strip()  # cannot check: let the engine decide
        for matches in (
            lambda v: v[0].lower() == key,
            lambda v: v[0].lower().rsplit("/", 1)[-1] == key,
            lambda v: v[1].lower().replace("_", " ") == key,
            lambda v: any(lang.lower() == key for lang in v[2]),
        ):
            for v in voices:
                if matches(v):
                    return v[0] + (plus + variant.strip() if variant.strip() else "")
        raise SpeechError(f"voice {voice!r} is not installed (espeak-ng --voices lists the installed ones)")

    def render(self, text: str, settings: SpeechSettings | None = None) -> AudioClip:
        """Speak ``text`` into a clip with ``settings`` (defaults when ``None``).

        Empty text gives an empty clip. An unknown voice falls back to the default voice
        with a warning logged once (speech must not stop because of a config typo); use
        :meth:`resolve_voice` to reject it up front instead.
        """
        if self._closed:
            raise SpeechError("the speaker has been closed")
        settings = settings or SpeechSettings()
        text = " ".join(str(text).split())
        if not text:
            return AudioClip(b"", self.sample_rate_hz or 22050)
        voice = self._voice_or_default(settings.voice)
        clip = self._render_raw(text, settings.rate_wpm, voice)
        if settings.volume < MAX_VOLUME:
            clip = _apply_gain(clip, settings.volume)
        if self.sample_rate_hz and clip.sample_rate_hz != self.sample_rate_hz:
            clip = clip.resampled(self.sample_rate_hz)
        return clip

    def render_to_file(self, text: str, path: str | os.PathLike[str], settings: SpeechSettings | None = None) -> Path:
        """Render ``text`` and write it as a WAV file, atomically; returns the path."""
        return write_wav(path, self.render(text, settings))

    def close(self) -> None:
        """Stop using the engine (the shared pyttsx3 engine stays alive for other speakers)."""
        self._closed = True
        self._tts = None

    # -- rendering ---------------------------------------------------------------------------

    def _voice_or_default(self, voice: str | None) -> str | None:
        if voice is None:
            return None
        try:
            return self.resolve_voice(voice)
        except SpeechError:
            if voice not in self._warned_voices:
                self._warned_voices.add(voice)
                _LOGGER.warning("voice %r is not installed; using the default voice ('voice-guide doctor' lists the installed voices)", voice)
            return None

    def _render_raw(self, text: str, rate_wpm: int, voice: str | None) -> AudioClip:
        tts = self._tts
        if tts is not None:
            timeout_s = self.timeout_s + len(text) / 200.0
            for attempt in (1, 2):
                try:
                    return tts.render(text, rate_wpm, voice, timeout_s)
                except SpeechError as err:
                    failure = err
                    _LOGGER.debug("pyttsx3 attempt %d failed: %s", attempt, err)
            if self._espeak_program is None:
                raise failure
            _LOGGER.warning("pyttsx3 failed (%s); using the espeak-ng program from now on", failure)
            self._tts = None
            self._voices = None
        if self._espeak_program is None:
            raise SpeechError(NO_ENGINE_MESSAGE)
        return self._render_espeak_ng(text, rate_wpm, voice)

    def _render_espeak_ng(self, text: str, rate_wpm: int, voice: str | None) -> AudioClip:
        assert self._espeak_program is not None
        timeout_s = self.timeout_s + len(text) / 200.0
        with tempfile.TemporaryDirectory(prefix="vg-tts-") as tmp:
            out = Path(tmp) / "speech.wav"
            cmd = [self._espeak_program, "-b", "1", "-s", str(int(rate_wpm)), "-a", "100", "-w", str(out)]
            if voice:
                cmd += ["-v", voice]
            cmd.append("--stdin")
            started = time.perf_counter()
            try:
                proc = subprocess.run(
                    cmd, input=text.encode("utf-8"), capture_output=True, timeout=timeout_s, check=False
                )
            except subprocess.TimeoutExpired:
                raise SpeechError(f"espeak-ng gave no audio within {timeout_s:.0f} s") from None
            except OSError as err:
                raise SpeechError(f"espeak-ng cannot run: {one_line(err)}") from None
            if proc.returncode != 0 and voice:
                _LOGGER.warning("espeak-ng rejected voice %s; using the default voice", voice)
                return self._render_espeak_ng(text, rate_wpm, None)
            if proc.returncode != 0 or not out.exists():
                reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                raise SpeechError(f"espeak-ng failed: {reason[0] if reason else f'exit status {proc.returncode}'}")
            clip = _read_pcm_wav(out)
        _LOGGER.debug("espeak-ng rendered %d chars in %.3f s", len(text), time.perf_counter() - started)
        return clip


def _driver_print(*args: Any, **_: Any) -> None:
    _LOGGER.debug("pyttsx3: %s", " ".join(str(a) for a in args))


def _read_pcm_wav(path: Path) -> AudioClip:
    """Read the engine's 16-bit WAV at its own rate (mixing down to mono if needed)."""
    try:
        with wave.open(str(path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as err:
        raise SpeechError(f"the speech engine wrote no usable audio: {one_line(err)}") from None
    if width != 2:
        raise SpeechError(f"the speech engine wrote {8 * width}-bit audio; expected 16-bit")
    if channels != 1:
        samples = np.frombuffer(frames, dtype="<i2").reshape(-1, channels).mean(axis=1)
        frames = np.round(samples).astype("<i2").tobytes()
    return AudioClip(frames, rate)


def _apply_gain(clip: AudioClip, gain: float) -> AudioClip:
    samples = clip.samples().astype(np.float64) * gain
    return AudioClip(np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes(), clip.sample_rate_hz)


def _espeak_ng_voices(program: str) -> list[VoiceInfo]:
    """Parse ``espeak-ng --voices``: Pty, Language, Age/Gender, VoiceName, File, Other languages."""
    proc = subprocess.run([program, "--voices"], capture_output=True, timeout=10, check=False)
    voices: list[VoiceInfo] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5:
            continue
        language, name, file_id = parts[1], parts[3], parts[4]
        others = [p.strip("()") for p in parts[5::2]]
        voices.append((file_id.lower(), name.replace("_", " "), tuple([language] + [o for o in others if o])))
    return voices


