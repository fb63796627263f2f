"""Speech settings and the Speaker, with the real pyttsx3 engine and the real espeak-ng program."""

from __future__ import annotations

import logging
import time
import wave

import numpy as np
import pytest

from voice_guide.audio.files import AudioClip, read_audio
from voice_guide.core.errors import SpeechError
from voice_guide.tts.settings import SpeechSettings
from voice_guide.tts.speaker import NO_ENGINE_MESSAGE, Speaker

SENTENCE = "Gentle daily movement can help slow muscle loss, even for people who spend most of the day in bed."

ANSWER_60_WORDS = (
    "Muscle atrophy is the loss of muscle tissue. It can happen when you do not use your muscles "
    "for a long time, for example after an illness or a long stay in bed. Gentle daily movement, "
    "good nutrition with enough protein, and guided exercises from a physical therapist can help "
    "slow it down and often rebuild some strength over several weeks."
)


def rms(clip: AudioClip) -> float:
    s = clip.samples().astype(np.float64)
    return float(np.sqrt(np.mean(s * s)))


@pytest.fixture(scope="module", params=["pyttsx3", "espeak-ng"])
def speaker(request: pytest.FixtureRequest) -> Speaker:
    sp = Speaker(backend=request.param)
    assert sp.backend == request.param
    return sp


@pytest.fixture(scope="module")
def pyttsx3_speaker() -> Speaker:
    return Speaker(backend="pyttsx3")


# -- rendering ----------------------------------------------------------------------------------


def test_render_gives_non_silent_speech_at_the_engine_rate(speaker: Speaker) -> None:
    clip = speaker.render(SENTENCE, SpeechSettings())
    assert clip.sample_rate_hz == 22050
    assert not clip.is_silent()
    # 18 words at 150 words per minute: about 7 s; espeak-ng adds short pauses
    assert 4000 < clip.duration_ms < 11000
    assert np.abs(clip.samples()).max() < 32767  # not clipped


def test_faster_rate_is_shorter_and_slower_rate_is_longer(speaker: Speaker) -> None:
    normal = speaker.render(SENTENCE, SpeechSettings()).duration_ms
    fast = speaker.render(SENTENCE, SpeechSettings().faster().faster()).duration_ms
    slow = speaker.render(SENTENCE, SpeechSettings().slower()).duration_ms
    again = speaker.render(SENTENCE, SpeechSettings()).duration_ms
    assert fast < normal < slow
    assert 0.55 < fast / normal < 0.85  # 216 vs 150 wpm
    assert 1.1 < slow / normal < 1.4  # 125 vs 150 wpm
    assert again == pytest.approx(normal, rel=0.02)  # the change took effect per call, and back


def test_volume_scales_rms(speaker: Speaker) -> None:
    full = rms(speaker.render(SENTENCE, SpeechSettings(volume=1.0)))
    quiet = rms(speaker.render(SENTENCE, SpeechSettings(volume=0.4)))
    quieter = rms(speaker.render(SENTENCE, SpeechSettings(volume=0.4).quieter()))
    assert quiet / full == pytest.approx(0.4, abs=0.05)
    assert quieter / full == pytest.approx(0.25, abs=0.05)


def test_voice_by_name_language_or_id_selects_that_voice(speaker: Speaker) -> None:
    assert speaker.resolve_voice("English (America)") == "gmw/en-us"
    assert speaker.resolve_voice("en-US") == "gmw/en-us"
    assert speaker.resolve_voice("gmw/en-us+f3") == "gmw/en-us+f3"
    assert speaker.resolve_voice(None) is None
    ids = [v[0] for v in speaker.list_voices()]
    assert "gmw/en-us" in ids and len(ids) > 10
    default = speaker.render(SENTENCE, SpeechSettings())
    american = speaker.render(SENTENCE, SpeechSettings(voice="English (America)"))
    assert american.pcm != default.pcm


def test_unknown_voice_is_rejected_clearly_or_falls_back_to_the_default(
    speaker: Speaker, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(SpeechError, match="not installed"):
        speaker.resolve_voice("no-such-voice")
    default = speaker.render("Hello there.", SpeechSettings())
    with caplog.at_level(logging.WARNING, logger="voice_guide.tts.speaker"):
        fallback = speaker.render("Hello there.", SpeechSettings(voice="no-such-voice-x"))
        speaker.render("Hello again.", SpeechSettings(voice="no-such-voice-x"))
    assert not fallback.is_silent()
    assert fallback.duration_ms == pytest.approx(default.duration_ms, rel=0.02)
    assert caplog.text.count("no-such-voice-x") == 1  # warned once, not on every sentence


def test_render_resamples_when_asked() -> None:
    clip = Speaker(backend="espeak-ng", sample_rate_hz=16000).render("Hello there.")
    assert clip.sample_rate_hz == 16000 and not clip.is_silent()


def test_empty_text_gives_an_empty_clip(speaker: Speaker) -> None:
    assert speaker.render("   \n ").num_samples == 0


def test_pyttsx3_driver_output_does_not_reach_stdout(
    pyttsx3_speaker: Speaker, capfd: pytest.CaptureFixture[str]
) -> None:
    pyttsx3_speaker.render("Nothing should be printed.")
    out, _ = capfd.readouterr()
    assert "Audio saved" not in out and out == ""


def test_one_engine_is_created_once_and_reused(pyttsx3_speaker: Speaker) -> None:
    worker = pyttsx3_speaker.worker_pid
    for _ in range(3):
        pyttsx3_speaker.render("Again.")
    other = Speaker(backend="pyttsx3")
    other.render("And again.")
    assert worker is not None and pyttsx3_speaker.worker_pid == worker and other.worker_pid == worker
    assert pyttsx3_speaker.backend == "pyttsx3"


def test_renders_from_several_threads_are_serialised(pyttsx3_speaker: Speaker) -> None:
    import threading

    expected = {r: pyttsx3_speaker.render(SENTENCE, SpeechSettings(rate_wpm=r)).duration_ms for r in (120, 300)}
    results: list[tuple[int, float]] = []

    def work(rate: int) -> None:
        for _ in range(8):
            results.append((rate, pyttsx3_speaker.render(SENTENCE, SpeechSettings(rate_wpm=rate)).duration_ms))

    threads = [threading.Thread(target=work, args=(r,)) for r in (120, 300, 120)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 24
    for rate, duration_ms in results:
        assert duration_ms == pytest.approx(expected[rate], rel=0.03)
    assert pyttsx3_speaker.backend == "pyttsx3"  # no render failed over to the program


def test_a_closed_speaker_refuses_to_render() -> None:
    sp = Speaker(backend="espeak-ng")
    sp.close()
    with pytest.raises(SpeechError, match="closed"):
        sp.render("Hello.")


def test_render_to_file_writes_a_wav_atomically(speaker: Speaker, tmp_path) -> None:
    target = tmp_path / "answers" / "answer.wav"
    path = speaker.render_to_file(SENTENCE, target, SpeechSettings(rate_wpm=200))
    assert path == target
    assert [p.name for p in target.parent.iterdir()] == ["answer.wav"]  # no temporary left over
    with wave.open(str(target)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        assert w.getnframes() > 22050
    assert not read_audio(target).is_silent()


def test_a_sixty_word_answer_renders_quickly(speaker: Speaker) -> None:
    assert len(ANSWER_60_WORDS.split()) >= 60
    started = time.perf_counter()
    clip = speaker.render(ANSWER_60_WORDS)
    elapsed_s = time.perf_counter() - started
    assert clip.duration_ms > 15000
    assert elapsed_s < 2.0, f"{speaker.backend} took {elapsed_s:.2f} s"


def test_no_engine_at_all_raises_the_install_hint() -> None:
    with pytest.raises(SpeechError) as info:
        Speaker(backend="espeak-ng", espeak_ng_program="/nonexistent/espeak-ng")
    assert str(info.value) == NO_ENGINE_MESSAGE


def test_unknown_backend_is_rejected() -> None:
    with pytest.raises(SpeechError):
        Speaker(backend="festival")
