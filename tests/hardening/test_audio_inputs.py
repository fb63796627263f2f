"""Bad audio and arbitrary questions: truncated and corrupt files get an ``error``, doubtful
input a warning, and nothing raises anything but the project's own errors."""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice_guide.audio.files import read_audio
from voice_guide.core.errors import AudioError
from voice_guide.engine import QAPipeline


@pytest.fixture(scope="module")
def pipeline() -> QAPipeline:
    return QAPipeline()


def _speechlike(rate_hz: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t)) / 2).astype(np.float32)


def test_a_wav_cut_to_half_its_data_gets_an_error(tmp_path: Path, pipeline: QAPipeline):
    path = tmp_path / "half.wav"
    soundfile.write(path, _speechlike(16000), 16000, subtype="PCM_16")
    data = path.read_bytes()
    path.write_bytes(data[: 44 + (len(data) - 44) // 2])
    result = pipeline.ask_audio(path)
    assert result.to_dict()["error"] == f"{path}: truncated: the header promises 32000 bytes of audio, the file holds 16000"
    assert (result.intent, result.answer) == ("error", "Sorry, I could not use that recording.")


def test_float_wav_with_a_few_nan_samples_is_silenced_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    samples = _speechlike(16000)
    samples[[10, 20]] = np.nan
    samples[30] = np.inf
    path = tmp_path / "nan.wav"
    soundfile.write(path, samples, 16000, subtype="FLOAT")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy RuntimeWarning
        with caplog.at_level(logging.WARNING, logger="voice_guide"):
            clip = read_audio(path)
    assert clip.num_samples == 16000
    assert caplog.messages == [f"{path}: 3 samples were not numbers (NaN or infinity) and were silenced"]


def test_float_wav_of_mostly_nan_is_corrupt(tmp_path: Path, pipeline: QAPipeline):
    samples = _speechlike(16000)
    samples[::3] = np.nan
    path = tmp_path / "nan.wav"
    soundfile.write(path, samples, 16000, subtype="FLOAT")
    result = pipeline.ask_audio(path)
    assert result.error == f"{path}: corrupt: 5334 of 16000 samples are not numbers (NaN or infinity)"


def test_8_khz_audio_is_marked_as_low_quality(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    path = tmp_path / "phone.wav"
    soundfile.write(path, _speechlike(8000), 8000, subtype="PCM_16")
    with caplog.at_level(logging.WARNING, logger="voice_guide"):
        read_audio(path)
    assert caplog.messages == [f"{path}: low-quality audio (8000 Hz; 16000 Hz or more is best), the question may be misheard"]


@pytest.mark.skipif("MP3" not in soundfile.available_formats(), reason="libsndfile without MP3")
def test_low_bitrate_mp3_is_marked_as_low_quality(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    path = tmp_path / "low.mp3"
    soundfile.write(path, _speechlike(16000, 2.0), 16000, format="MP3", compression_level=0.99)
    with soundfile.SoundFile(path) as f:
        kbps = path.stat().st_size * 8 / 1000 / (f.frames / f.samplerate)
    assert kbps < 32
    with caplog.at_level(logging.WARNING, logger="voice_guide"):
        read_audio(path)
    assert caplog.messages == [f"{path}: low-quality audio ({kbps:.0f} kbit/s), the question may be misheard"]


def test_a_device_given_as_audio_is_refused(pipeline: QAPipeline):
    assert pipeline.ask_audio("/dev/zero").error == "/dev/zero: is a device or pipe, not an audio file"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=2000))
def test_any_bytes_as_audio_give_a_result(tmp_path: Path, pipeline: QAPipeline, content: bytes):
    path = tmp_path / "any.wav"
    path.write_bytes(content)
    result = pipeline.ask_audio(path)
    assert result.error is None or (result.error.startswith(f"{path}: ") and "\n" not in result.error)


WAV_HEADER = bytes.fromhex("524946460000000057415645666d74201000000001000100803e0000007d00000200100064617461")


@settings(max_examples=50, deadline=None)
@given(size=st.integers(min_value=0, max_value=2**32 - 1), body=st.binary(max_size=4000))
def test_any_wav_body_reads_or_is_one_audio_error(size: int, body: bytes):
    try:
        clip = read_audio(io.BytesIO(WAV_HEADER + size.to_bytes(4, "little") + body))
    except AudioError as err:
        assert "\n" not in str(err)
    else:
        assert clip.sample_rate_hz == 16000


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_typed_question_gets_an_answer(pipeline: QAPipeline, text: str):
    result = pipeline.ask_text(text)
    assert isinstance(result.answer, str) and result.answer
    assert 0.0 <= result.confidence <= 1.0
