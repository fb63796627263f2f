"""Audio sources at the edge: a file or clip streamed in chunks, or a microphone.

Both sit behind one small protocol, :class:`AudioSource`, so a live session can be run
and tested on a file exactly as it runs on a microphone. A source only delivers audio
(16 kHz mono int16 PCM); finding speech in it is :mod:`voice_guide.audio.vad`'s job.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, AudioClip, read_audio
from voice_guide.core.errors import AudioError, VoiceGuideError, one_line

_LOGGER = logging.getLogger(__name__)

DEFAULT_SAMPLES_PER_CHUNK = 480
"""30 ms at 16 kHz: one WebRTC VAD frame."""

MAX_STREAM_DURATION_S = 600.0
"""Longest file :class:`WavStreamSource` accepts (a file is read into memory whole)."""



@runtime_checkable
class AudioSource(Protocol):
    """Where live audio comes from: chunks of 16 kHz mono 16-bit PCM, one at a time."""

    sample_rate_hz: int
    samples_per_chunk: int

    def read(self) -> bytes | None:
        """The next chunk (``samples_per_chunk`` samples; the last may be shorter), or None at the end."""
        ...

    def close(self) -> None:
        """Release the file or device; later reads return None."""
        ...

    def __enter__(self) -> "AudioSource": ...

    def __exit__(self, *exc: object) -> None: ...


def _check_chunk(samples_per_chunk: int) -> int:
    if not isinstance(samples_per_chunk, int) or isinstance(samples_per_chunk, bool) or samples_per_chunk <= 0:
        raise VoiceGuideError(f"samples_per_chunk must be a positive whole number, not {samples_per_chunk!r}")
    return samples_per_chunk


class WavStreamSource:
    """Streams a WAV, FLAC or OGG file, or an :class:`AudioClip`, as if it were a microphone.

    With ``realtime=True`` each chunk is handed over only when it would have finished
    being recorded (``speed`` 2.0 is twice as fast as real time); otherwise as fast as
    it is read. ``pad_silence_ms`` of digital silence is appended, so an endpointer
    sees the speaker stop before the stream ends. ``clock`` and ``sleep`` can be
    replaced (tests pace the stream without really sleeping).
    """

    def __init__(
        self,
        path_or_clip: str | os.PathLike[str] | AudioClip,
        samples_per_chunk: int = DEFAULT_SAMPLES_PER_CHUNK,
        realtime: bool = False,
        speed: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        pad_silence_ms: float = 0,
    ) -> None:
        self.samples_per_chunk = _check_chunk(samples_per_chunk)
        if not (isinstance(speed, (int, float)) and math.isfinite(speed) and speed > 0):
            raise VoiceGuideError(f"speed must be a positive number, not {speed!r}")
        if not (isinstance(pad_silence_ms, (int, float)) and math.isfinite(pad_silence_ms) and pad_silence_ms >= 0):
            raise VoiceGuideError(f"pad_silence_ms must be 0 or more, not {pad_silence_ms!r}")
        if isinstance(path_or_clip, AudioClip):
            clip = path_or_clip
            self.name = "<clip>"
        else:
            clip = read_audio(path_or_clip, max_duration_s=MAX_STREAM_DURATION_S)
            self.name = str(path_or_clip)
        if clip.sample_rate_hz != SAMPLE_RATE_HZ:
            clip = clip.resampled(SAMPLE_RATE_HZ)
        self.sample_rate_hz = SAMPLE_RATE_HZ
        pad = b"\x00\x00" * int(round(self.sample_rate_hz * pad_silence_ms / 1000.0))
        self._pcm = clip.pcm + pad
        self.realtime = realtime
        self.speed = float(speed)
        self._clock = clock
        self._sleep = sleep
        self._offset_bytes = 0
        self._started_at: float | None = None
        self._closed = False

    @property
    def duration_ms(self) -> float:
        """Length of the whole stream, padding included."""
        return 1000.0 * len(self._pcm) / SAMPLE_WIDTH_BYTES / self.sample_rate_hz

    @property
    def position_ms(self) -> float:
        """Audio ms handed over so far."""
        return 1000.0 * self._offset_bytes / SAMPLE_WIDTH_BYTES / self.sample_rate_hz

    def read(self) -> bytes | None:
        """The next chunk, or None at the end of the stream (or once closed)."""
        if self._closed or self._offset_bytes >= len(self._pcm):
            return None
        end = min(len(self._pcm), self._offset_bytes + self.samples_per_chunk * SAMPLE_WIDTH_BYTES)
        chunk = self._pcm[self._offset_bytes : end]
        if self.realtime:
            now = self._clock()
            if self._started_at is None:
                self._started_at = now
            # A chunk exists once its last sample has been "recorded".
            due = self._started_at + (end / SAMPLE_WIDTH_BYTES / self.sample_rate_hz) / self.speed
            if due > now:
                self._sleep(due - now)
        self._offset_bytes = end
        return chunk

    def close(self) -> None:
        """Stop streaming; later reads return None."""
        self._closed = True

    def __enter__(self) -> "WavStreamSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"WavStreamSource({self.name!r}, {self.position_ms:.0f}/{self.duration_ms:.0f} ms)"


# -- microphone -----------------------------------------------------------------------


def _import_sounddevice() -> Any:
    """sounddevice, or an AudioError naming why it cannot be used (PortAudio missing...)."""
    try:
        import sounddevice
    except ImportError:
        raise AudioError("sounddevice is not installed") from None
    except OSError as err:  # raised at import when the PortAudio library is absent
        raise AudioError(f"{one_line(err)}; Debian: apt-get install libportaudio2") from None
    return sounddevice


def _sounddevice_inputs(sd: Any) -> list[str]:
    return [str(d["name"]) for d in sd.query_devices() if int(d.get("max_input_channels", 0)) > 0]


def _pyaudio_inputs(pyaudio: Any) -> list[tuple[int, str]]:
    audio = pyaudio.PyAudio()
    try:
        found = []
        for i in range(audio.get_device_count()):
            info = audio.get_device_info_by_index(i)
            if int(info.get("maxInputChannels", 0)) > 0:
                found.append((i, str(info.get("name"))))
        return found
    finally:
        audio.terminate()


def list_input_devices() -> list[str]:
    """Names of the microphones this machine has; empty (never an error) when there are none.

    A name (or a unique part of it) can be given to :class:`MicrophoneSource` as ``device``.
    """
    try:
        return _sounddevice_inputs(_import_sounddevice())
    except Exception as err:  # noqa: BLE001 - listing must never fail
        _LOGGER.debug("sounddevice cannot list inputs: %s", one_line(err))
    try:
        import speech_recognition

        return [name for _, name in _pyaudio_inputs(speech_recognition.Microphone.get_pyaudio())]
    except Exception as err:  # noqa: BLE001
        _LOGGER.debug("PyAudio cannot list inputs: %s", one_line(err))
    return []


class MicrophoneSource:
    """A microphone as an :class:`AudioSource`: 16 kHz mono int16 in fixed-size chunks.

    A thin adapter over sounddevice's ``RawInputStream``, or, when sounddevice cannot
    load PortAudio, over SpeechRecognition's ``Microphone`` (PyAudio). It only reads:
    no speech detection, no threads of its own. ``device`` is an index, a (part of a)
    name from :func:`list_input_devices`, or None for the default input.

    Raises :class:`AudioError` "no microphone found (...)" when there is none.
    """

    backend: str = ""
    """Which library reads the device: "sounddevice" or "speech_recognition"."""

    def __init__(self, device: int | str | None = None, samples_per_chunk: int = DEFAULT_SAMPLES_PER_CHUNK) -> None:
        self.samples_per_chunk = _check_chunk(samples_per_chunk)
        self.sample_rate_hz = SAMPLE_RATE_HZ
        self.device = device
        self._stream: Any = None
        self._read_chunk: Callable[[], bytes] | None = None
        self._closer: Callable[[], None] | None = None
        reasons: list[str] = []
        for opener in (self._open_sounddevice, self._open_speech_recognition):
            try:
                opener(device)
                break
            except AudioError as err:
                reasons.append(str(err))
        else:
            raise AudioError(f"no microphone found ({'; '.join(reasons)})")
        _LOGGER.info("microphone open: %s", self.backend)

    def _open_sounddevice(self, device: int | str | None) -> None:
        sd = _import_sounddevice()
        try:
            inputs = _sounddevice_inputs(sd)
        except Exception as err:  # noqa: BLE001 - PortAudioError and friends
            raise AudioError(f"sounddevice: {one_line(err)}") from None
        if not inputs:
            raise AudioError("sounddevice sees no input device")
        try:
            stream = sd.RawInputStream(
                samplerate=self.sample_rate_hz,
                blocksize=self.samples_per_chunk,
                device=device,
                channels=1,
                dtype="int16",
            )
            stream.start()
        except Exception as err:  # noqa: BLE001
            raise AudioError(f"sounddevice cannot open {device if device is not None else 'the default input'} "
                             f"at 16 kHz mono: {one_line(err)}") from None
        n = self.samples_per_chunk

        def read_chunk() -> bytes:
            data, overflowed = stream.read(n)
            if overflowed:
                _LOGGER.debug("microphone overflow: some audio was lost")
            return bytes(data)

        def close() -> None:
            try:
                stream.stop()
            finally:
                stream.close()

        self._stream, self._read_chunk, self._closer, self.backend = stream, read_chunk, close, "sounddevice"

    def _open_speech_recognition(self, device: int | str | None) -> None:
        try:
            import speech_recognition
        except ImportError:
            raise AudioError("SpeechRecognition is not installed") from None
        try:
            pyaudio = speech_recognition.Microphone.get_pyaudio()
        except AttributeError:
            raise AudioError("PyAudio is not installed") from None
        try:
            inputs = _pyaudio_inputs(pyaudio)
        except Exception as err:  # noqa: BLE001
            raise AudioError(f"PyAudio: {one_line(err)}") from None
        if not inputs:
            raise AudioError("PyAudio sees no input device")
        index: int | None
        if isinstance(device, str):
            matches = [i for i, name in inputs if device.lower() in name.lower()]
            if not matches:
                raise AudioError(f"PyAudio has no input named like {device!r}")
            index = matches[0]
        else:
            index = device
        try:
            mic = speech_recognition.Microphone(
                device_index=index, sample_rate=self.sample_rate_hz, chunk_size=self.samples_per_chunk
            )
            mic.__enter__()
        except Exception as err:  # noqa: BLE001
            raise AudioError(f"PyAudio cannot open the input: {one_line(err)}") from None
        n = self.samples_per_chunk

        def read_chunk() -> bytes:
            return bytes(mic.stream.read(n))

        def close() -> None:
            mic.__exit__(None, None, None)

        self._stream, self._read_chunk, self._closer, self.backend = mic, read_chunk, close, "speech_recognition"

    def read(self) -> bytes | None:
        """The next chunk (blocks until the device has recorded it); None once closed."""
        if self._read_chunk is None:
            return None
        try:
            return self._read_chunk()
        except Exception as err:  # noqa: BLE001 - device unplugged and the like
            raise AudioError(f"the microphone stopped: {one_line(err)}") from None

    def close(self) -> None:
        """Stop and release the device (safe to call twice)."""
        closer, self._closer, self._read_chunk, self._stream = self._closer, None, None, None
        if closer is not None:
            try:
                closer()
            except Exception as err:  # noqa: BLE001
                _LOGGER.warning("closing the microphone: %s", one_line(err))

    def __enter__(self) -> "MicrophoneSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


