"""Text to speech: a speaker that renders answers to audio with the listener's settings
(:mod:`voice_guide.tts.settings`).

:class:`Speaker` uses the one pyttsx3 engine (the espeak-ng driver on Linux) of the process's
speech worker, a child process (:mod:`voice_guide.tts.worker`) started once, in the background,
and shared by every speaker: a native crash of the engine ends the worker, never the guide. Every
call renders to a temporary WAV file through ``save_to_file`` and returns an
:class:`~voice_guide.audio.files.AudioClip`; nothing here touches a sound device (see
:mod:`voice_guide.audio.sinks`). A worker that dies or hangs is replaced and the sentence is
rendered again; when that fails too, or pyttsx3 cannot start, the ``espeak-ng`` program is
called directly. Voice, rate and volume are applied on every call, so a change made by the
listener ("slower", "louder") is heard on the very next sentence.

Volume is applied as a gain on the rendered samples rather than through the engine: the
espeak driver of pyttsx3 2.99 does honour its volume property in ``save_to_file`` (checked:
RMS scales linearly), but a software gain gives the same level on the pyttsx3 path, on the
``espeak-ng`` fallback and on any other pyttsx3 driver.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

from voice_guide.audio.files import AudioClip, write_wav
from voice_guide.core.errors import SpeechError, one_line
from voice_guide.tts.settings import MAX_VOLUME, SpeechSettings
from voice_guide.tts.worker import WorkerClient, WorkerUnavailable

_LOGGER = logging.getLogger(__name__)

NO_ENGINE_MESSAGE = "no text-to-speech engine: apt-get install espeak-ng"
"""The one line shown when neither pyttsx3 nor the espeak-ng program can speak."""

BACKENDS = ("auto", "pyttsx3", "espeak-ng")
"""``auto`` uses pyttsx3 and falls back to the espeak-ng program; the others force one."""

VoiceInfo = tuple[str, str, tuple[str, ...]]
"""``(id, name, languages)`` of one installed voice."""

MAX_AUDIO_BYTES = 64 << 20
"""Largest WAV file read back from the worker (about 25 minutes of speech)."""

_SHARED_WORKER: WorkerClient | None = None
_SHARED_WORKER_LOCK = threading.Lock()


def _shared_worker() -> WorkerClient:
    """The process's one speech worker client (the worker itself starts on demand)."""
    global _SHARED_WORKER
    with _SHARED_WORKER_LOCK:
        if _SHARED_WORKER is None:
            _SHARED_WORKER = WorkerClient()
            atexit.register(_SHARED_WORKER.close)
        return _SHARED_WORKER


class Speaker:
    """Renders text to audio with text-to-speech: pyttsx3, or the espeak-ng program.

    The pyttsx3 engine runs in the process's one speech worker (a child process), started
    once and shared by every speaker; it is never re-initialised per call, only replaced when
    it dies. Thread-safe: renders are serialised (espeak-ng has one synthesizer per process).

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
        """Start the engine (the worker starts in the background unless ``backend`` is
        ``"pyttsx3"``, which waits for it and raises when it cannot start).

        ``backend`` is one of :data:`BACKENDS`. ``sample_rate_hz`` resamples every clip to
        that rate; ``None`` keeps the engine's own rate (22050 Hz for espeak-ng).
        ``timeout_s`` bounds one render (plus a little per character of text).
        """
        if backend not in BACKENDS:
            raise SpeechError(f"unknown speech backend {backend!r}; use one of {', '.join(BACKENDS)}")
        self.sample_rate_hz = sample_rate_hz
        self.timeout_s = timeout_s
        self._espeak_program = shutil.which(espeak_ng_program)
        self._tts: WorkerClient | None = None
        self._voices: list[VoiceInfo] | None = None
        self._warned_voices: set[str] = set()
        self._closed = False
        if backend in ("auto", "pyttsx3"):
            client = _shared_worker()
            try:
                if backend == "pyttsx3" or self._espeak_program is None:
                    client.wait_ready()  # nothing to fall back on: know now whether it works
                else:
                    client.start()  # in the background; the first render waits for it
                self._tts = client
            except SpeechError as err:
                if backend == "pyttsx3" or self._espeak_program is None:
                    _LOGGER.error("pyttsx3 cannot start: %s", err)
                    if backend == "pyttsx3":
                        raise SpeechError(f"pyttsx3 cannot speak: {err}") from None
                else:
                    _LOGGER.warning("pyttsx3 cannot start (%s); using the espeak-ng program", err)
        if self._tts is None and self._espeak_program is None:
            raise SpeechError(NO_ENGINE_MESSAGE)

    # -- public API ------------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"pyttsx3"`` while the engine works, ``"espeak-ng"`` when using the program."""
        return "pyttsx3" if self._tts is not None else "espeak-ng"

    @property
    def worker_pid(self) -> int | None:
        """The speech worker's process id while this speaker uses one (for diagnostics)."""
        return self._tts.pid if self._tts is not None else None

    def list_voices(self) -> list[VoiceInfo]:
        """Installed voices as ``(id, name, languages)``, sorted by id; ``[]`` when they cannot be listed."""
        if self._voices is None:
            voices: list[VoiceInfo] = []
            try:
                voices = self._worker_voices() if self._tts is not None else []
            except WorkerUnavailable as err:
                self._give_up_worker(err)
            except SpeechError as err:
                _LOGGER.warning("cannot list the voices of pyttsx3: %s", one_line(err))
            try:
                if not voices and self._espeak_program:
                    voices = _espeak_ng_voices(self._espeak_program)
            except (OSError, subprocess.SubprocessError) as err:
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
        """Stop using the engine (the shared speech worker stays alive for other speakers)."""
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
            failure: SpeechError | None = None
            for attempt in (1, 2):  # a worker that died is replaced for the second attempt
                try:
                    return self._render_worker(tts, text, rate_wpm, voice, timeout_s)
                except WorkerUnavailable as err:
                    failure = err
                    break
                except SpeechError as err:
                    failure = err
                    _LOGGER.debug("pyttsx3 attempt %d failed: %s", attempt, err)
            assert failure is not None
            if self._espeak_program is None:
                raise failure
            self._give_up_worker(failure)
        if self._espeak_program is None:
            raise SpeechError(NO_ENGINE_MESSAGE)
        return self._render_espeak_ng(text, rate_wpm, voice)

    def _render_worker(self, tts: WorkerClient, text: str, rate_wpm: int, voice: str | None, timeout_s: float) -> AudioClip:
        """One render in the speech worker, through a temporary WAV file."""
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="vg-tts-") as tmp:
            out = Path(tmp) / "speech.wav"
            message = {"op": "render", "text": text, "rate_wpm": int(rate_wpm), "voice": voice,
                       "timeout_s": timeout_s, "path": str(out)}
            tts.request(message, timeout_s)
            if out.exists() and out.stat().st_size > MAX_AUDIO_BYTES:
                raise SpeechError(f"the speech engine wrote over {MAX_AUDIO_BYTES >> 20} MiB of audio")
            clip = _read_pcm_wav(out)
        _LOGGER.debug("pyttsx3 rendered %d chars in %.3f s", len(text), time.perf_counter() - started)
        return clip

    def _give_up_worker(self, failure: SpeechError) -> None:
        """Use the espeak-ng program from now on (when there is one)."""
        if self._espeak_program is None:
            _LOGGER.warning("pyttsx3 failed: %s", failure)
            return
        _LOGGER.warning("pyttsx3 failed (%s); using the espeak-ng program from now on", failure)
        self._tts = None
        self._voices = None

    def _worker_voices(self) -> list[VoiceInfo]:
        assert self._tts is not None
        reply = self._tts.request({"op": "voices"}, self.timeout_s)
        return [(str(v[0]), str(v[1]), tuple(str(lang) for lang in v[2])) for v in reply.get("voices", [])]

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


