"""Audio files of any common format to 16 kHz mono, and clear errors for bad ones."""

import io
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile

from voice_guide.audio.files import AudioClip, concat, iter_chunks, read_audio, write_wav
from voice_guide.core.errors import AudioError
from voice_guide.core.files import write_atomic


def _tone(rate: int, seconds: float = 0.5, channels: int = 1) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.5 * np.sin(2 * np.pi * 440 * t)
    return np.stack([mono] * channels, axis=1) if channels > 1 else mono


@pytest.mark.parametrize("rate, subtype, channels, fmt, ext", [
    (8000, "PCM_16", 1, "WAV", "wav"),
    (22050, "PCM_U8", 1, "WAV", "wav"),
    (44100, "PCM_24", 2, "WAV", "wav"),
    (48000, "FLOAT", 2, "WAV", "wav"),
    (16000, "PCM_16", 1, "FLAC", "flac"),
    (44100, "VORBIS", 2, "OGG", "ogg"),
])
def test_common_formats_become_16k_mono(tmp_path: Path, rate, subtype, channels, fmt, ext):
    path = tmp_path / f"tone.{ext}"
    soundfile.write(path, _tone(rate, channels=channels), rate, subtype=subtype, format=fmt)
    clip = read_audio(path)
    assert clip.sample_rate_hz == 16000
    assert abs(clip.duration_ms - 500) < 15
    assert 0.3 < np.abs(clip.samples()).max() / 32768 < 0.6


def test_wav_bytes_round_trip():
    clip = AudioClip.from_float(_tone(16000), 16000)
    assert read_audio(io.BytesIO(clip.to_wav_bytes())).pcm == clip.pcm


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"this is not audio at all" * 10, "not a readable audio file"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not a readable audio file"),
])
def test_bad_files_give_one_line_errors(tmp_path: Path, content, message):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError) as err:
        read_audio(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(AudioError, match="no such file"):
        read_audio(tmp_path / "none.wav")
    with pytest.raises(AudioError, match="is a folder"):
        read_audio(tmp_path)


def test_too_long_is_refused(tmp_path: Path):
    path = tmp_path / "long.wav"
    soundfile.write(path, np.zeros(16000 * 3), 16000)
    with pytest.raises(AudioError, match="longer than the 2 s limit"):
        read_audio(path, max_duration_s=2)


def test_truncated_wav_is_an_error_not_half_an_answer(tmp_path: Path):
    path = tmp_path / "cut.wav"
    soundfile.write(path, _tone(16000, 1.0), 16000, subtype="PCM_16")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(AudioError, match="truncated: the header promises 32000 bytes of audio, the file holds 15978"):
        read_audio(path)


def test_silence_is_detected():
    assert AudioClip(b"\x00\x00" * 16000).is_silent()
    assert not AudioClip.from_float(_tone(16000), 16000).is_silent()
    assert AudioClip(b"").is_silent()


def test_chunks_and_concat():
    clip = AudioClip(b"\x01\x00" * 1000)
    chunks = list(iter_chunks(clip.pcm, 300))
    assert [len(c) for c in chunks] == [600, 600, 600, 200]
    joined = concat([clip, clip], gap_ms=10)
    assert joined.num_samples == 2000 + 160


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.wav"
    write_wav(target, AudioClip(b"\x00\x00" * 10))
    before = target.read_bytes()

    def power_cut(fd):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", power_cut)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new data that never lands")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.wav"]
    with wave.open(str(target)) as w:
        assert w.getframerate() == 16000
