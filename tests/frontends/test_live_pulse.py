"""The live session through a real sound server: PulseAudio, ALSA's pulse plugin and PortAudio.

A private PulseAudio daemon (null sink ``spk`` as the speaker, FIFO-fed ``mic`` as the
microphone) is started for the module; the live session is the real program
(``run.py --mic default``) with real recognition and real speech. Skipped, with the reason,
only where PulseAudio cannot start.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from voice_guide.testing.pulse import PulseServer, PulseUnavailable
from voice_guide.testing.voices import synthesize

ROOT = Path(__file__).resolve().parents[2]




@pytest.fixture(scope="module")
def pulse(tmp_path_factory):
    server = PulseServer(tmp_path_factory.mktemp("pulse"))
    try:
        server.start()
    except PulseUnavailable as err:
        pytest.skip(f"PulseAudio cannot start here: {err}")
    yield server
    server.stop()


def _session(pulse: PulseServer, mic_pcm: bytes, seconds: float, tmp_path: Path) -> tuple[str, np.ndarray]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    monitor = tmp_path / "speaker.wav"
    recorder = pulse.record_speaker(monitor)
    env = dict(pulse.env, VOICE_GUIDE_CONFIG_DIR=str(tmp_path / "config"), VOICE_GUIDE_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--mic", "default"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    listening = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Listening."):
                listening.set()  # the greeting is over: now the user speaks

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    feeder = pulse.feed_microphone(b"\0" * 16000 + mic_pcm, seconds, start=listening)
    feeder.join()
    proc.terminate()
    proc.wait(timeout=30)
    reader.join(timeout=10)
    out = "".join(lines)
    recorder.terminate()
    recorder.wait(timeout=10)
    played = np.frombuffer(monitor.read_bytes()[44:], dtype="<i2").astype(np.float32) / 32768
    return out, played


def _speech_seconds(samples: np.ndarray, rate: int = 16000) -> float:
    frames = samples[: len(samples) // 320 * 320].reshape(-1, 320)
    return float((np.sqrt((frames ** 2).mean(axis=1)) > 0.01).sum() * 0.02)


def _silence(seconds: float) -> bytes:
    return b"\0" * (int(seconds * 16000) * 2)


def test_a_question_in_the_microphone_is_answered_into_the_speaker(pulse, tmp_path):
    question = synthesize("what causes muscle atrophy", "flite:slt").pcm
    # 90 s of microphone feed: on a loaded 2-core machine speech synthesis runs slower than real time and 60 s
    # cut the answer short (12 s of speech played, twenty-third session's CI clone under load)
    out, played = _session(pulse, question, 90, tmp_path)
    assert "Heard: what causes muscle atrophy" in out, out
    assert "Muscle atrophy can have a few different causes." in out
    assert _speech_seconds(played) > 15  # the greeting and the whole answer were played


def test_stop_said_over_the_answer_cuts_it(pulse, tmp_path):
    question = synthesize("what causes muscle atrophy", "flite:slt").pcm
    stop = synthesize("stop", "flite:slt").pcm
    full_out, full = _session(pulse, question, 60, tmp_path / "full")
    # The microphone hears nothing of the speaker here: once in three clean-clone runs (twenty-seventh session) the
    # echo canceller learnt the word as echo of the answer and "stop" was heard as "stung mo" (where the word fell
    # in the answer depended on the machine's load); tests/audio/test_echo.py has it deterministically
    cut_out, cut = _session(pulse, question + _silence(4) + stop, 60, tmp_path / "cut")
    assert "Heard: stop" in cut_out, cut_out
    assert _speech_seconds(cut) < _speech_seconds(full) - 5, (_speech_seconds(cut), _speech_seconds(full))


def test_doctor_reports_the_sound_server_and_its_devices(pulse, tmp_path):
    env = dict(pulse.env, VOICE_GUIDE_CONFIG_DIR=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, str(ROOT / "run.py"), "doctor"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "OK: sound server: PulseAudio" in done.stdout, done.stdout
    assert "pulse" in done.stdout
