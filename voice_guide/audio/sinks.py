"""Where audio goes: a sound device, a WAV file, or nowhere (a recorder for tests is in
:mod:`voice_guide.audio.recording`).

Every sink has the same small interface (:class:`AudioSink`): ``play`` queues a clip and
may return before it has been heard, ``stop`` cuts playback off at once (barge-in, "stop"
command), ``wait`` blocks until everything queued has been played.

Many machines that run voice-guide have no sound card (servers, CI, some kiosks).
:func:`open_default_sink` then returns a :class:`NullSink` whose ``reason`` is the one line
the command line shows, and answers stay readable as text.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from voice_guide.audio.files import AudioClip, concat, write_wav
from voice_guide.audio.players import CommandOutput, PortAudioOutput, one_line
from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

NO_OUTPUT_MESSAGE = "No audio output device found; answers are shown as text and can be saved with --save-audio."
"""What :func:`open_default_sink` logs (once) and puts in :attr:`NullSink.reason`."""

APLAY_COMMAND = ("aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", "{rate}", "-")
"""ALSA player reading raw 16-bit mono PCM from stdin; ``{rate}`` is filled in."""

PAPLAY_COMMAND = ("paplay", "--raw", "--format=s16le", "--channels=1", "--rate={rate}")
"""PulseAudio / PipeWire player reading raw 16-bit mono PCM from stdin."""

_PROBE_TIMEOUT_S = 3.0
"""Longest a device probe (``pactl``, ``aplay -l``) may take."""

_warned_no_output = False


@runtime_checkable
class AudioSink(Protocol):
    """Something that can play clips."""

    available: bool
    """True when played audio reaches a listener or a file (False for :class:`NullSink`)."""

    def play(self, clip: AudioClip) -> None:
        """Queue ``clip`` after whatever is playing; may return before it is heard."""

    def stop(self) -> None:
        """Cut off the current clip at once and drop everything queued."""

    def wait(self) -> None:
        """Block until everything queued has been played (or stopped)."""

    @property
    def is_playing(self) -> bool:
        """True while queued audio has not finished playing."""

    def close(self) -> None:
        """Stop and release the output; the sink is not used afterwards."""


class _SinkBase:
    """Context-manager plumbing shared by the sinks."""

    available: bool = True

    def stop(self) -> None:
        """Cut off playback (nothing to do for sinks that do not play in real time)."""

    def wait(self) -> None:
        """Wait until playback ends (nothing to wait for in sinks that do not play in real time)."""

    @property
    def is_playing(self) -> bool:
        """False for sinks that do not play in real time."""
        return False

    def close(self) -> None:
        self.stop()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- test and file sinks ---------------------------------------------------------------------


class WavFileSink(_SinkBase):
    """Collects everything played into one WAV file, written atomically on :meth:`close`.

    Clips of other rates are resampled to ``sample_rate_hz`` (default: the first clip's).
    Playing into a file is instant: ``stop`` and ``wait`` have nothing to cut or wait for.
    """

    available = True

    def __init__(self, path: str | os.PathLike[str], sample_rate_hz: int | None = None) -> None:
        self.path = Path(path)
        self.sample_rate_hz = sample_rate_hz
        self._clips: list[AudioClip] = []
        self._closed = False

    def play(self, clip: AudioClip) -> None:
        if self._closed:
            raise SpeechError(f"{self.path}: audio file already closed")
        if self.sample_rate_hz is None:
            self.sample_rate_hz = clip.sample_rate_hz
        self._clips.append(clip.resampled(self.sample_rate_hz))

    @property
    def duration_ms(self) -> float:
        """Length of the audio collected so far."""
        return sum(c.duration_ms for c in self._clips)

    def close(self) -> None:
        """Write the file (once); an empty sink writes a valid WAV with no samples."""
        if self._closed:
            return
        self._closed = True
        clip = concat(self._clips) if self._clips else AudioClip(b"", self.sample_rate_hz or 16000)
        write_wav(self.path, clip)
        _LOGGER.info("wrote %.1f s of audio to %s", clip.duration_ms / 1000.0, self.path)


class NullSink(_SinkBase):
    """Plays nothing. ``reason`` says why there is no sound, in one line."""

    available = False

    def __init__(self, reason: str = "") -> None:
        self.reason = reason

    def play(self, clip: AudioClip) -> None:
        _LOGGER.debug("no audio output: dropped %.0f ms", clip.duration_ms)


# -- real output ---------------------------------------------------------------------------


class DeviceSink(_SinkBase):
    """Plays through the sound device: PortAudio (``sounddevice``) when it and an output
    device exist, else a killable ``paplay`` / ``aplay`` subprocess.

    ``stop`` aborts the PortAudio stream or kills the player process, so speech is cut off
    mid-sentence within a few tens of milliseconds.

    ``backend`` is ``"auto"``, ``"sounddevice"``, ``"paplay"``, ``"aplay"`` or ``"command"``
    (then ``player_command`` is an argv reading raw 16-bit mono PCM from stdin, with
    ``{rate}`` replaced by the sample rate). Raises :class:`SpeechError` when the chosen
    output cannot be used.
    """

    available = True

    def __init__(
        self,
        backend: str = "auto",
        device: int | str | None = None,
        player_command: Sequence[str] | None = None,
    ) -> None:
        self.backend = backend
        self._out: PortAudioOutput | CommandOutput
        if backend == "auto":
            backend = _pick_backend()
            self.backend = backend
        if backend == "sounddevice":
            sd, why = _load_sounddevice()
            if sd is None:
                raise SpeechError(f"PortAudio output unavailable: {why}")
            self._out = PortAudioOutput(sd, device)
            self.description = f"PortAudio: {_default_output_name(sd, device)}"
        elif backend in ("paplay", "aplay"):
            template = list(PAPLAY_COMMAND if backend == "paplay" else APLAY_COMMAND)
            if shutil.which(template[0]) is None:
                raise SpeechError(f"{template[0]} is not installed")
            if device is not None:
                template.insert(1, f"--device={device}" if backend == "paplay" else f"-D{device}")
            self._out = CommandOutput(template)
            self.description = backend
        elif backend == "command":
            if not player_command:
                raise SpeechError("the command backend needs a player_command")
            self._out = CommandOutput(list(player_command))
            self.description = " ".join(player_command)
        else:
            raise SpeechError(f"unknown audio backend {backend!r}")
        _LOGGER.debug("audio output: %s", self.description)

    def play(self, clip: AudioClip) -> None:
        if clip.num_samples:
            self._out.play(clip)

    def stop(self) -> None:
        self._out.stop()

    def wait(self) -> None:
        self._out.wait()

    @property
    def is_playing(self) -> bool:
        return self._out.is_playing

    def close(self) -> None:
        self._out.close()


def _load_sounddevice() -> tuple[Any, str]:
    """``(module, "")`` or ``(None, reason)``; sounddevice raises OSError without PortAudio."""
    try:
        import sounddevice
    except ImportError:
        return None, "sounddevice is not installed (pip install sounddevice)"
    except OSError as err:
        return None, f"{one_line(err)} (apt-get install libportaudio2)"
    return sounddevice, ""


def _is_null_device(name: str) -> bool:
    """ALSA's "null" PCM accepts audio and discards it: not an output a person hears."""
    return name.strip().lower().startswith("null")


def _portaudio_outputs(sd: Any) -> list[str]:
    try:
        hostapis = sd.query_hostapis()
        return [
            f"PortAudio: {d['name']} ({hostapis[d['hostapi']]['name']})"
            for d in sd.query_devices()
            if d.get("max_output_channels", 0) > 0 and not _is_null_device(str(d.get("name", "")))
        ]
    except Exception as err:
        _LOGGER.debug("PortAudio device query failed: %s", err)
        return []


def _portaudio_default_ok(sd: Any) -> bool:
    try:
        if _is_null_device(str(sd.query_devices(None, kind="output")["name"])):
            return False
        sd.check_output_settings(device=None, channels=1, dtype="int16", samplerate=22050)
        return True
    except Exception as err:
        _LOGGER.debug("no usable PortAudio default output: %s", err)
        return False


def _default_output_name(sd: Any, device: int | str | None) -> str:
    try:
        return str(sd.query_devices(device, kind="output")["name"])
    except Exception:
        return "default output"


def _run_probe(argv: list[str]) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=_PROBE_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as err:
        _LOGGER.debug("%s failed: %s", argv[0], err)
        return ""
    return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else ""


def _pulse_sinks() -> list[str]:
    """Real PulseAudio/PipeWire sinks (not the null sink), when paplay can reach a server."""
    if shutil.which("paplay") is None or shutil.which("pactl") is None:
        return []
    sinks = []
    for line in _run_probe(["pactl", "list", "short", "sinks"]).splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and parts[1] != "auto_null":
            sinks.append(f"PulseAudio: {parts[1]}")
    return sinks


def _alsa_cards() -> list[str]:
    """ALSA playback devices, when aplay exists."""
    if shutil.which("aplay") is None:
        return []
    return [f"ALSA: {line.strip()}" for line in _run_probe(["aplay", "-l"]).splitlines() if line.startswith("card ")]


def _pick_backend() -> str:
    sd, why = _load_sounddevice()
    if sd is not None and _portaudio_outputs(sd) and _portaudio_default_ok(sd):
        return "sounddevice"
    if sd is None:
        _LOGGER.debug("PortAudio output unavailable: %s", why)
    if _pulse_sinks():
        return "paplay"
    if _alsa_cards():
        return "aplay"
    raise SpeechError(NO_OUTPUT_MESSAGE)


def list_output_devices() -> list[str]:
    """Output devices that voice-guide could play through, one line each (for ``doctor``).

    Empty when there are none; never raises.
    """
    try:
        devices: list[str] = []
        sd, _ = _load_sounddevice()
        if sd is not None:
            devices += _portaudio_outputs(sd)
        devices += _pulse_sinks()
        devices += _alsa_cards()
        return devices
    except Exception as err:  # a probe must never break the doctor command
        _LOGGER.debug("listing output devices failed: %s", err)
        return []


def open_default_sink() -> AudioSink:
    """A :class:`DeviceSink` when an output device exists, else a :class:`NullSink`.

    Without a device, :data:`NO_OUTPUT_MESSAGE` is logged once per process and becomes the
    sink's ``reason`` (the command line shows it to the user).
    """
    global _warned_no_output
    try:
        return DeviceSink()
    except SpeechError as err:
        detail = str(err)
    except Exception as err:  # discovery must never stop the assistant
        detail = one_line(err)
    if not _warned_no_output:
        _warned_no_output = True
        _LOGGER.info(NO_OUTPUT_MESSAGE)  # the caller shows the sink's reason to the user: said once, not twice
    if detail != NO_OUTPUT_MESSAGE:
        _LOGGER.debug("audio output unavailable: %s", detail)
    return NullSink(NO_OUTPUT_MESSAGE)






__all__ = [
    "NO_OUTPUT_MESSAGE",
    "AudioSink",
    "DeviceSink",
    "NullSink",
    "WavFileSink",
    "list_output_devices",
    "open_default_sink",
]
