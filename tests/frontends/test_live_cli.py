"""``run.py --input-wav FILE``: a live session from a recording, on a machine that may have no sound output.

Real recognition of a flite-spoken question after one second of silence. A sink that
cannot play (no output device, or speech off) counts every line as finished at once: the
greeting does not hide the question, and the listening window does not close before it.
"""

from __future__ import annotations

import numpy as np
import pytest
from live_support import HAS_FLITE, USER_GAIN, VOICE_CACHE, shared_engine

from voice_guide.audio.files import AudioClip, write_wav
from voice_guide.audio.sinks import NullSink
from voice_guide.config import ConfigStore
from voice_guide.frontends.cli.live import run_live
from voice_guide.testing.voices import synthesize
from voice_guide.tts.settings import SpeechSettings

pytest.importorskip("webrtcvad")
pytestmark = pytest.mark.skipif(not HAS_FLITE, reason="needs flite (bash scripts/setup.sh)")


@pytest.fixture()
def question_wav(tmp_path):
    clip = synthesize("what is cachexia", "flite:slt", cache_dir=VOICE_CACHE).samples().astype(np.float64) * USER_GAIN
    samples = np.concatenate([np.zeros(16000), clip, np.zeros(8000)])
    path = tmp_path / "question.wav"
    write_wav(path, AudioClip(np.clip(samples, -32768, 32767).astype("<i2").tobytes()))
    return path


def _answers(lines):
    return [line for line in lines if line.startswith("Answer: ")]


def test_with_speech_on_and_no_output_device_the_question_is_answered(question_wav, tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_GUIDE_CONFIG_DIR", str(tmp_path / "config"))
    lines: list[str] = []
    code = run_live(input_wav=question_wav, fast=True, sink=NullSink("no audio output device"),
                    engine=shared_engine(), on_text=lines.append, notice=lines.append)
    assert code == 0
    assert "Heard: what is cachexia" in lines, lines
    answers = _answers(lines)
    assert len(answers) == 2 and answers[0].startswith("Answer: Hello.") and "cachexia" in answers[1].lower(), lines


def test_with_earcons_off_and_no_speech_the_guide_waits_for_the_first_question(question_wav, tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_GUIDE_CONFIG_DIR", str(tmp_path / "config"))
    ConfigStore().update(speech=SpeechSettings(earcons=False))
    lines: list[str] = []
    code = run_live(input_wav=question_wav, no_speak=True, engine=shared_engine(), on_text=lines.append,
                    notice=lines.append)  # real time: about four seconds
    assert code == 0
    answers = _answers(lines)
    assert len(answers) == 2 and "cachexia" in answers[1].lower(), lines
    assert lines.index("Heard: what is cachexia") == lines.index(answers[1]) - 1
    assert not [line for line in lines if "did not hear" in line], lines


@pytest.mark.parametrize("no_speak,spoken", [(True, False), (False, True)])
def test_without_a_microphone_the_fallback_notice_says_answers_are_spoken_only_when_they_are(monkeypatch, no_speak, spoken):
    import voice_guide.audio.sources as sources
    from voice_guide.core.errors import AudioError
    from voice_guide.frontends.live.session import NoMicrophoneError

    def no_microphone(device=None):
        raise AudioError("No microphone found (no input device)")

    monkeypatch.setattr(sources, "MicrophoneSource", no_microphone)
    with pytest.raises(NoMicrophoneError) as err:
        run_live(no_speak=no_speak, on_text=print, notice=print)
    assert str(err.value).startswith("No microphone found (no input device); type your questions instead")
    assert ("answers are spoken" in str(err.value)) is spoken
