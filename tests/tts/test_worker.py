"""The speech worker: pyttsx3 in a child process, real crashes of it, and the speaker living on.

Every worker here is a real process; the crashes are real signals (SIGSEGV, SIGKILL, SIGSTOP)
or real programs that die. Nothing of the speech engine is mocked.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import wave

import pytest

from voice_guide.core.errors import SpeechError
from voice_guide.tts.settings import SpeechSettings
from voice_guide.tts.speaker import Speaker
from voice_guide.tts.worker import MAX_FAILED_STARTS, WorkerClient, WorkerCrashed, WorkerUnavailable

SENTENCE = "Sit down and rest for a moment before you stand up again."


def crashing_at_start() -> list[str]:
    """A worker command that dies of a real segmentation fault before it says anything."""
    return [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture()
def client() -> WorkerClient:
    worker = WorkerClient()
    yield worker
    worker.close()


# -- the protocol ---------------------------------------------------------------------------------


def test_a_worker_whose_pipes_have_high_descriptor_numbers_still_answers(tmp_path) -> None:
    # a long test session or guide holds many files: the worker's pipe got a number above 1023, and
    # select.select refused it ("filedescriptor out of range in select()", every render failed in CI)
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        worker = WorkerClient()
        try:
            out = tmp_path / "speech.wav"
            reply = worker.request({"op": "render", "text": SENTENCE, "rate_wpm": 150, "voice": None,
                                    "timeout_s": 20.0, "path": str(out)}, 20.0)
            assert reply == {"ok": True} and out.stat().st_size > 44
        finally:
            worker.close()
    finally:
        for fd in held:
            os.close(fd)



def test_worker_renders_a_wav_and_lists_voices(client: WorkerClient, tmp_path) -> None:
    out = tmp_path / "speech.wav"
    reply = client.request(
        {"op": "render", "text": SENTENCE, "rate_wpm": 150, "voice": None, "timeout_s": 20.0, "path": str(out)}, 20.0
    )
    assert reply == {"ok": True}
    with wave.open(str(out)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        assert w.getnframes() > 22050  # over a second of speech
    voices = client.request({"op": "voices"}, 10.0)["voices"]
    assert ["gmw/en-us", "English (America)", ["en-us"]] in voices
    assert client.driver_name == "espeak"


def test_a_bad_request_is_refused_and_the_worker_lives_on(client: WorkerClient) -> None:
    client.wait_ready()
    pid = client.pid
    with pytest.raises(SpeechError, match="unknown request 'sing'"):
        client.request({"op": "sing"}, 5.0)
    with pytest.raises(SpeechError, match="rate_wpm"):
        client.request({"op": "render", "text": "Hello."}, 5.0)
    assert client.pid == pid and pid is not None


def test_a_voice_the_engine_rejects_is_spoken_with_the_default_and_the_warning_reaches_the_guide_log(
    client: WorkerClient, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "speech.wav"
    message = {"op": "render", "text": "Hello there.", "rate_wpm": 150, "timeout_s": 20.0, "path": str(out)}
    with caplog.at_level(logging.WARNING, logger="voice_guide.tts.worker"):
        assert client.request({**message, "voice": "no-such-voice-zz"}, 20.0) == {"ok": True}
    with wave.open(str(out)) as w:
        rejected = w.getnframes()
    assert client.request({**message, "voice": None}, 20.0) == {"ok": True}
    with wave.open(str(out)) as w:
        assert rejected == pytest.approx(w.getnframes(), rel=0.01)
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        "speech worker: voice_guide.tts.engine: the engine rejected voice no-such-voice-zz"
    ]


def test_closing_the_client_ends_the_worker(client: WorkerClient) -> None:
    client.wait_ready()
    pid = client.pid
    assert pid is not None and process_exists(pid)
    client.close()
    assert client.pid is None and not process_exists(pid)


def test_an_engine_that_overruns_its_limit_ends_its_worker_and_the_next_one_renders(
    client: WorkerClient, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:
    client.wait_ready()
    pid = client.pid
    assert pid is not None
    long_text = " ".join([SENTENCE] * 8)  # about 100 words: tens of milliseconds of synthesis
    message = {"op": "render", "text": long_text, "rate_wpm": 150, "voice": None, "path": str(tmp_path / "a.wav")}
    with pytest.raises(SpeechError, match="gave no audio within"):
        client.request({**message, "timeout_s": 0.001}, 0.001)  # no engine synthesizes 100 words in 1 ms
    assert client.pid is None and not process_exists(pid)  # a busy engine never gets the next text
    assert caplog.text.count("gave up its engine") == 1
    assert client.request({**message, "timeout_s": 20.0}, 20.0) == {"ok": True}
    assert client.pid not in (None, pid)


# -- crashes seen by the client -------------------------------------------------------------------


def test_a_worker_that_keeps_dying_is_given_up_after_a_few_starts(caplog: pytest.LogCaptureFixture) -> None:
    client = WorkerClient(command=crashing_at_start())
    seen = []
    with caplog.at_level(logging.ERROR, logger="voice_guide.tts.worker"):
        for _ in range(MAX_FAILED_STARTS + 1):
            with pytest.raises(SpeechError) as info:
                client.wait_ready()
            seen.append((type(info.value), str(info.value)))
    assert seen == [(WorkerCrashed, "the speech worker died (signal SIGSEGV)")] * MAX_FAILED_STARTS + [
        (WorkerUnavailable, f"the speech worker died {MAX_FAILED_STARTS} times in a row")
    ]
    assert caplog.text.count("SIGSEGV") == MAX_FAILED_STARTS  # each death logged once


def test_a_worker_that_never_answers_is_stopped_in_time() -> None:
    client = WorkerClient(command=[sys.executable, "-c", "import time; time.sleep(60)"], start_timeout_s=0.5)
    client.start()
    pid = client.pid
    assert pid is not None
    with pytest.raises(WorkerCrashed, match="did not answer in time"):
        client.wait_ready()
    assert client.pid is None and not process_exists(pid)


def test_an_endless_reply_is_not_read_to_its_end() -> None:
    client = WorkerClient(command=[sys.executable, "-c", "import sys; sys.stdout.write('x' * 3_000_000)"])
    with pytest.raises(WorkerCrashed, match="over 1048576 bytes"):
        client.wait_ready()
    assert client.pid is None


# -- the speaker lives on -------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGKILL])
def test_a_worker_killed_between_renders_is_replaced_and_the_reply_still_spoken(
    sig: signal.Signals, caplog: pytest.LogCaptureFixture
) -> None:
    speaker = Speaker(backend="pyttsx3")
    before = speaker.render(SENTENCE, SpeechSettings(rate_wpm=120))
    pid = speaker.worker_pid
    assert pid is not None
    os.kill(pid, sig)
    with caplog.at_level(logging.WARNING):
        after = speaker.render(SENTENCE, SpeechSettings(rate_wpm=120))
    assert not after.is_silent()
    # same engine, same settings; espeak carries a little state from one text to the next (a
    # fresh engine, as after a restart, speaks this sentence up to 1.6 % shorter than one that
    # has just read a long answer; the same with the in-process engine of before)
    assert after.duration_ms == pytest.approx(before.duration_ms, rel=0.03)
    assert speaker.backend == "pyttsx3"  # restarted, not fallen back to the program
    assert speaker.worker_pid not in (None, pid)
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1 and f"signal {sig.name}" in errors[0].getMessage()


def test_a_hung_worker_is_killed_and_the_reply_still_spoken(caplog: pytest.LogCaptureFixture) -> None:
    speaker = Speaker(backend="pyttsx3", timeout_s=1.0)
    before = speaker.render("Hello there.")
    pid = speaker.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # alive but silent, as a worker stuck in the engine would be
    with caplog.at_level(logging.ERROR, logger="voice_guide.tts.worker"):
        after = speaker.render("Hello there.")
    assert after.duration_ms == pytest.approx(before.duration_ms, rel=0.03)
    assert not process_exists(pid)
    assert speaker.backend == "pyttsx3" and speaker.worker_pid != pid
    assert "did not answer in time" in caplog.text


def test_when_no_worker_survives_the_espeak_ng_program_speaks(caplog: pytest.LogCaptureFixture) -> None:
    program = Speaker(backend="espeak-ng").render(SENTENCE)
    speaker = Speaker(backend="auto")
    speaker._tts = WorkerClient(command=crashing_at_start())
    with caplog.at_level(logging.WARNING, logger="voice_guide.tts.speaker"):
        clip = speaker.render(SENTENCE)
        again = speaker.render(SENTENCE)
    assert clip.pcm == program.pcm and again.pcm == program.pcm
    assert speaker.backend == "espeak-ng"
    assert caplog.text.count("using the espeak-ng program from now on") == 1
