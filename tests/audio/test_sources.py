"""Audio sources: a file or clip streamed in chunks (paced by a fake clock), the
microphone adapter (over a fake sounddevice, and the real one with no device here),
and seeded noise mixed at a chosen SNR."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from voice_guide.audio.files import AudioClip, write_wav
from voice_guide.audio.sources import (
    AudioSource,
    MicrophoneSource,
    WavStreamSource,
    list_input_devices,
)
from voice_guide.core.errors import AudioError, VoiceGuideError


def tone(ms: float, hz: float = 440.0, amplitude: float = 0.3, rate: int = 16000) -> AudioClip:
    t = np.arange(int(rate * ms / 1000)) / rate
    return AudioClip.from_float(amplitude * np.sin(2 * np.pi * hz * t), rate)


def ramp(num_samples: int) -> AudioClip:
    """Every sample different, so order and completeness are easy to check."""
    return AudioClip((np.arange(num_samples) % 30000).astype("<i2").tobytes())


class FakeClock:
    """A clock that only moves when someone sleeps (or the test moves it)."""

    def __init__(self, start: float = 100.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


def read_all(source: AudioSource) -> list[bytes]:
    chunks = []
    while (chunk := source.read()) is not None:
        chunks.append(chunk)
    return chunks


# -- WavStreamSource ----------------------------------------------------------------------


@pytest.mark.parametrize("samples_per_chunk", [160, 480, 1000, 4096])
def test_a_clip_streams_whole_in_order_in_exact_chunks(samples_per_chunk: int) -> None:
    clip = ramp(16000 + 123)
    with WavStreamSource(clip, samples_per_chunk=samples_per_chunk) as source:
        assert isinstance(source, AudioSource)
        assert source.sample_rate_hz == 16000 and source.samples_per_chunk == samples_per_chunk
        chunks = read_all(source)
        assert source.read() is None and source.read() is None
        assert source.position_ms == pytest.approx(clip.duration_ms)
    assert b"".join(chunks) == clip.pcm
    assert all(len(c) == 2 * samples_per_chunk for c in chunks[:-1])
    assert 0 < len(chunks[-1]) <= 2 * samples_per_chunk


def test_files_are_read_and_converted(tmp_path: Path) -> None:
    clip = tone(500)
    wav = write_wav(tmp_path / "q.wav", clip)
    assert b"".join(read_all(WavStreamSource(wav))) == clip.pcm
    # A 44.1 kHz stereo FLAC comes out as 16 kHz mono.
    t = np.arange(44100 // 2) / 44100
    stereo = np.stack([0.3 * np.sin(2 * np.pi * 440 * t)] * 2, axis=1)
    soundfile.write(tmp_path / "q.flac", stereo, 44100)
    pcm = b"".join(read_all(WavStreamSource(tmp_path / "q.flac")))
    assert len(pcm) // 2 == pytest.approx(8000, abs=2)


def test_a_missing_file_is_a_one_line_audio_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="no such file"):
        WavStreamSource(tmp_path / "nope.wav")


def test_trailing_silence_is_added() -> None:
    clip = tone(200)
    source = WavStreamSource(clip, pad_silence_ms=300)
    assert source.duration_ms == pytest.approx(500)
    pcm = b"".join(read_all(source))
    assert pcm[: len(clip.pcm)] == clip.pcm
    assert pcm[len(clip.pcm) :] == b"\x00\x00" * 4800


def test_close_ends_the_stream() -> None:
    source = WavStreamSource(tone(300))
    assert source.read() is not None
    source.close()
    assert source.read() is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples_per_chunk": 0}, "samples_per_chunk must be a positive whole number"),
        ({"speed": 0}, "speed must be a positive number"),
        ({"speed": float("nan")}, "speed must be a positive number"),
        ({"pad_silence_ms": -5}, "pad_silence_ms must be 0 or more"),
    ],
)
def test_bad_arguments_are_one_line_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(VoiceGuideError, match=message):
        WavStreamSource(tone(100), **kwargs)


def test_without_realtime_nothing_waits() -> None:
    clock = FakeClock()
    read_all(WavStreamSource(tone(1000), clock=clock, sleep=clock.sleep))
    assert clock.sleeps == []


@pytest.mark.parametrize("speed", [1.0, 2.0, 0.5])
def test_realtime_paces_reads_to_the_audio_clock(speed: float) -> None:
    clock = FakeClock(start=100.0)
    source = WavStreamSource(tone(1000), samples_per_chunk=480, realtime=True, speed=speed, clock=clock, sleep=clock.sleep)
    delivered_at = []
    while source.read() is not None:
        delivered_at.append(clock.now - 100.0)
    # Each 30 ms chunk is handed over once it would have been recorded.
    expected = [min(0.03 * (k + 1), 1.0) / speed for k in range(len(delivered_at))]
    assert len(delivered_at) == 34
    assert delivered_at == pytest.approx(expected, abs=1e-9)
    assert clock.now - 100.0 == pytest.approx(1.0 / speed)


def test_realtime_does_not_wait_for_a_slow_reader() -> None:
    clock = FakeClock()
    source = WavStreamSource(tone(300), samples_per_chunk=480, realtime=True, clock=clock, sleep=clock.sleep)
    source.read()  # the first 30 ms chunk: wait for it to be "recorded"
    assert clock.sleeps == [pytest.approx(0.03)]
    clock.now += 0.2  # the consumer spent 200 ms on something else: now 230 ms in
    for _ in range(6):
        source.read()  # chunks 2-7 (up to 210 ms) are already due: no sleeping
    assert len(clock.sleeps) == 1
    source.read()  # chunk 8 ends at 240 ms: wait the last 10 ms
    assert clock.sleeps[-1] == pytest.approx(0.01)
    assert source.position_ms == pytest.approx(240)


# -- mixing noise ----------------------------------------------------------------------------


# -- microphone ------------------------------------------------------------------------------


def test_list_input_devices_is_empty_here_and_never_raises() -> None:
    devices = list_input_devices()
    assert isinstance(devices, list)
    if devices:
        pytest.skip(f"this machine has a microphone: {devices}")
    assert devices == []


def test_microphone_source_raises_a_one_line_error_without_a_microphone() -> None:
    if list_input_devices():
        pytest.skip("this machine has a microphone")
    with pytest.raises(AudioError) as info:
        MicrophoneSource()
    message = str(info.value)
    assert message.startswith("no microphone found (") and message.endswith(")")
    assert "\n" not in message


class FakeRawInputStream:
    opened: list["FakeRawInputStream"] = []

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.started = self.stopped = self.closed = False
        self.counter = 0
        FakeRawInputStream.opened.append(self)

    def start(self) -> None:
        self.started = True

    def read(self, frames: int) -> tuple[bytes, bool]:
        data = (np.arange(self.counter, self.counter + frames) % 1000).astype("<i2").tobytes()
        self.counter += frames
        return memoryview(bytearray(data)), False

    def stop(self) -> None:
        self.stopped = True

    def close(self) -> None:
        self.closed = True


def fake_sounddevice(devices: list[dict]) -> types.ModuleType:
    module = types.ModuleType("sounddevice")
    module.query_devices = lambda: devices  # type: ignore[attr-defined]
    module.RawInputStream = FakeRawInputStream  # type: ignore[attr-defined]
    return module


@pytest.fixture
def no_pyaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    import speech_recognition

    def missing() -> None:
        raise AttributeError("Could not find PyAudio; check installation")

    monkeypatch.setattr(speech_recognition.Microphone, "get_pyaudio", staticmethod(missing))


def test_microphone_source_is_a_thin_adapter_over_sounddevice(monkeypatch: pytest.MonkeyPatch, no_pyaudio: None) -> None:
    devices = [
        {"name": "HDMI out", "max_input_channels": 0},
        {"name": "USB microphone", "max_input_channels": 1},
        {"name": "Webcam mic", "max_input_channels": 2},
    ]
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(devices))
    FakeRawInputStream.opened.clear()
    assert list_input_devices() == ["USB microphone", "Webcam mic"]
    with MicrophoneSource("USB", samples_per_chunk=160) as mic:
        assert isinstance(mic, AudioSource)
        assert mic.backend == "sounddevice" and mic.sample_rate_hz == 16000
        (stream,) = FakeRawInputStream.opened
        assert stream.started
        assert stream.kwargs == {"samplerate": 16000, "blocksize": 160, "device": "USB", "channels": 1, "dtype": "int16"}
        first, second = mic.read(), mic.read()
        assert isinstance(first, bytes) and len(first) == 320 and len(second) == 320
        assert np.frombuffer(first + second, "<i2").tolist() == list(range(320))
    assert stream.stopped and stream.closed
    assert mic.read() is None
    mic.close()  # twice is fine


def test_sounddevice_without_inputs_is_no_microphone(monkeypatch: pytest.MonkeyPatch, no_pyaudio: None) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice([{"name": "HDMI out", "max_input_channels": 0}]))
    assert list_input_devices() == []
    with pytest.raises(AudioError, match=r"^no microphone found \(sounddevice sees no input device; PyAudio is not installed\)$"):
        MicrophoneSource()


def test_a_device_that_fails_mid_stream_is_an_audio_error(monkeypatch: pytest.MonkeyPatch, no_pyaudio: None) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice([{"name": "USB mic", "max_input_channels": 1}]))
    with MicrophoneSource() as mic:
        monkeypatch.setattr(FakeRawInputStream, "read", lambda self, n: (_ for _ in ()).throw(OSError("device unplugged")))
        with pytest.raises(AudioError, match="the microphone stopped: device unplugged"):
            mic.read()
