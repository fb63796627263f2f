"""End-of-speech detection on generated audio: espeak-ng and flite speech in silence,
white and pink noise (seeded), fed in chunks as a microphone would."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from voice_guide.audio.files import AudioClip, concat
from voice_guide.audio.vad import (
    MISSING_VAD_MESSAGE,
    Endpointer,
    EndpointSettings,
    SpeechDiscarded,
    SpeechEnded,
    SpeechStarted,
    detect_phrases,
    split_utterances,
)
from voice_guide.core.errors import VoiceGuideError
from voice_guide.testing.noise import make_noise, with_noise_padding
from voice_guide.testing.voices import synthesize

QUESTION = "How often should I do the arm exercises?"
SECOND_QUESTION = "What foods help keep my muscles strong?"
VOICES = ("espeak:en-us", "flite:slt", "flite:rms")
TOLERANCE_MS = 150.0
BEFORE_MS = 1000.0
AFTER_MS = 1500.0


@pytest.fixture(scope="module")
def speech() -> dict[str, AudioClip]:
    return {voice: synthesize(QUESTION, voice) for voice in VOICES}


def level_db(samples: np.ndarray) -> float:
    return float(10.0 * np.log10(np.mean(samples.astype(np.float64) ** 2) + 1e-9))


def true_bounds_ms(clean: AudioClip, noise_db: float | None = None) -> tuple[float, float]:
    """Where the speech in a clean clip starts and ends: the first and last 10 ms frame
    above both (loudest frame - 35 dB) and the noise that will be laid under it (speech
    sunk under the noise cannot be heard by anyone)."""
    s = clean.samples().astype(np.float64)
    n = len(s) // 160
    frames = 10.0 * np.log10((s[: n * 160].reshape(n, 160) ** 2).mean(axis=1) + 1e-9)
    threshold = frames.max() - 35.0
    if noise_db is not None:
        threshold = max(threshold, noise_db)
    active = np.nonzero(frames > threshold)[0]
    return float(active[0] * 10), float((active[-1] + 1) * 10)


def trimmed(clip: AudioClip) -> AudioClip:
    """The clip without the engine's own leading and trailing silence."""
    start, end = true_bounds_ms(clip)
    return AudioClip(clip.pcm[int(start) * 32 : int(end) * 32])


def noise_level_db(clean: AudioClip, snr_db: float) -> float:
    return level_db(clean.samples()) - snr_db


def feed_all(clip: AudioClip, settings: EndpointSettings | None = None, samples_per_chunk: int = 480) -> list:
    ep = Endpointer(settings)
    events = []
    for chunk in clip.chunks(samples_per_chunk):
        events.extend(ep.feed(chunk))
    last = ep.flush()
    if last is not None:
        events.append(last)
    return events


# -- one question, in silence and noise ----------------------------------------------


@pytest.mark.parametrize("voice", VOICES)
@pytest.mark.parametrize(
    ("noise", "snr_db"),
    [("silence", 0.0), ("white", 20.0), ("white", 10.0), ("pink", 20.0), ("pink", 10.0)],
)
def test_one_question_is_one_utterance_with_accurate_boundaries(
    speech: dict[str, AudioClip], voice: str, noise: str, snr_db: float
) -> None:
    clean = speech[voice]
    clip = with_noise_padding(clean, BEFORE_MS, AFTER_MS, noise, snr_db, seed=7)
    events = feed_all(clip)
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded]
    started, ended = events
    assert ended.reason == "silence"
    start, end = true_bounds_ms(clean, None if noise == "silence" else noise_level_db(clean, snr_db))
    start += BEFORE_MS
    end += BEFORE_MS
    assert started.at_ms == ended.speech_start_ms
    assert abs(ended.speech_start_ms - start) <= TOLERANCE_MS, (ended.speech_start_ms, start)
    assert abs(ended.speech_end_ms - end) <= TOLERANCE_MS, (ended.speech_end_ms, end)
    # The clip handed over holds the pre-roll, the speech and the post-roll.
    s = EndpointSettings()
    assert ended.audio_start_ms == pytest.approx(max(0.0, ended.speech_start_ms - s.pre_roll_ms), abs=s.frame_ms)
    assert ended.audio.duration_ms == pytest.approx(
        ended.speech_end_ms + s.post_roll_ms - ended.audio_start_ms, abs=s.frame_ms
    )
    assert ended.audio.sample_rate_hz == 16000
    first = int(ended.audio_start_ms * 16)
    assert ended.audio.pcm == clip.pcm[2 * first : 2 * first + len(ended.audio.pcm)]
    assert ended.at_ms >= ended.speech_end_ms + s.silence_timeout_ms


def test_utterance_clip_keeps_the_first_word(speech: dict[str, AudioClip]) -> None:
    clean = speech["espeak:en-us"]
    clip = with_noise_padding(clean, BEFORE_MS, AFTER_MS, "white", 20.0, seed=3)
    (ended,) = detect_phrases(clip)
    start, end = true_bounds_ms(clean)
    assert ended.audio_start_ms <= BEFORE_MS + start - 200
    assert ended.audio_start_ms + ended.audio.duration_ms >= BEFORE_MS + end - 60


def test_a_short_first_word_before_a_gap_is_not_left_out() -> None:
    # "What | foods": two short voiced runs with a stop and a fricative between them.
    clean = synthesize(SECOND_QUESTION, "espeak:en-us")
    for noise, snr in (("white", 10.0), ("pink", 10.0), ("silence", 0.0)):
        clip = with_noise_padding(clean, BEFORE_MS, AFTER_MS, noise, snr, seed=1)
        (ended,) = detect_phrases(clip)
        start, _ = true_bounds_ms(clean, None if noise == "silence" else noise_level_db(clean, snr))
        assert abs(ended.speech_start_ms - BEFORE_MS - start) <= TOLERANCE_MS, (noise, ended.speech_start_ms)


@pytest.mark.parametrize("voice", ["espeak:en-us", "flite:slt"])
@pytest.mark.parametrize("word", ["Stop.", "Next.", "Yes.", "No."])
def test_one_word_commands_are_speech(voice: str, word: str) -> None:
    clip = with_noise_padding(synthesize(word, voice), 800, 1200, "white", 20.0, seed=1)
    assert len(detect_phrases(clip)) == 1


def test_a_lower_min_speech_catches_a_clipped_word_in_loud_noise() -> None:
    # At 10 dB the /st/ of this "Stop." sinks under the noise: 150 ms of vowel is left.
    clip = with_noise_padding(synthesize("Stop.", "espeak:en-gb+f3"), 800, 1200, "white", 10.0, seed=1)
    assert detect_phrases(clip) == []
    assert len(detect_phrases(clip, EndpointSettings(min_speech_ms=120))) == 1


# -- splitting and not splitting -------------------------------------------------------


def test_two_questions_a_second_and_a_half_apart_are_two_utterances() -> None:
    first = trimmed(synthesize(QUESTION, "espeak:en-us"))
    second = trimmed(synthesize(SECOND_QUESTION, "flite:slt"))
    clip = with_noise_padding(concat([first, second], gap_ms=1500), 800, 1200, "pink", 20.0, seed=11)
    phrases = detect_phrases(clip)
    assert [p.reason for p in phrases] == ["silence", "silence"]
    assert phrases[0].speech_end_ms < 800 + first.duration_ms + 100
    assert phrases[1].speech_start_ms > 800 + first.duration_ms + 1500 - 150
    assert len(split_utterances(clip)) == 2


def test_a_pause_shorter_than_the_timeout_does_not_split() -> None:
    part1 = trimmed(synthesize("I would like to know", "espeak:en-us"))
    part2 = trimmed(synthesize("how often I should stretch my legs.", "espeak:en-us"))
    clip = with_noise_padding(concat([part1, part2], gap_ms=400), 500, 1200, "white", 20.0, seed=5)
    phrases = detect_phrases(clip)
    assert len(phrases) == 1
    # With a timeout shorter than the pause, the same audio is two phrases.
    assert len(detect_phrases(clip, EndpointSettings(silence_timeout_ms=250, post_roll_ms=100))) == 2


@pytest.mark.parametrize("noise", ["silence", "white"])
def test_a_click_shorter_than_min_speech_is_ignored(speech: dict[str, AudioClip], noise: str) -> None:
    voiced = speech["espeak:en-us"]
    mid = voiced.num_samples // 2
    burst = lambda ms: AudioClip(voiced.pcm[2 * mid : 2 * (mid + int(16 * ms))])  # noqa: E731
    snr = 20.0
    # A 120 ms snippet of loud speech and a 5 ms tick are too short to be a question.
    for short in (burst(120), AudioClip((np.hanning(80) * 30000).astype("<i2").tobytes())):
        # The noise level is set from the snippet, as for the 400 ms one below.
        clip = with_noise_padding(short, 1000, 1500, noise, snr, seed=2)
        assert detect_phrases(clip) == []
    # ... while 400 ms of the same speech is.
    assert len(detect_phrases(with_noise_padding(burst(400), 1000, 1500, noise, snr, seed=2))) == 1


@pytest.mark.parametrize("kind", ["white", "pink"])
@pytest.mark.parametrize("dbfs", [-60.0, -40.0, -25.0])
def test_pure_noise_is_no_speech(kind: str, dbfs: float) -> None:
    samples = make_noise(kind, 16000 * 6, seed=13) * 32768.0 * 10 ** (dbfs / 20.0)
    clip = AudioClip(np.round(samples).astype("<i2").tobytes())
    assert feed_all(clip) == []


def noise_coming_on(kind: str, at_ms: float, total_ms: float, level: float, seed: int) -> np.ndarray:
    """Near silence, then from ``at_ms`` a steady noise of RMS ``level`` (int16 units)."""
    noise = make_noise(kind, int(16 * total_ms), seed) * level
    noise[: int(16 * at_ms)] *= 0.01
    return noise


@pytest.mark.parametrize("kind", ["white", "pink"])
@pytest.mark.parametrize("dbfs", [-40.0, -30.0, -20.0])
def test_a_noise_coming_on_is_no_phrase(kind: str, dbfs: float) -> None:
    # A fan or a tap switched on: louder than the background the detector had learnt.
    for seed in range(3):
        noise = noise_coming_on(kind, 2000, 6000, 32768 * 10 ** (dbfs / 20), seed)
        events = feed_all(AudioClip(np.round(noise).astype("<i2").tobytes()))
        assert not any(isinstance(e, SpeechEnded) for e in events)
        # Where it was taken for speech at first, it is taken back.
        assert [type(e) for e in events] in ([], [SpeechStarted, SpeechDiscarded])


@pytest.mark.parametrize("kind", ["white", "pink"])
@pytest.mark.parametrize("delay_ms", [300, 1500, 3000])
def test_speech_soon_after_a_noise_comes_on_starts_where_the_speech_does(
    speech: dict[str, AudioClip], kind: str, delay_ms: int
) -> None:
    clean = speech["espeak:en-us"]
    s = clean.samples().astype(np.float64)
    level = float(np.sqrt(np.mean(s**2))) / 10 ** (15 / 20)  # 15 dB SNR
    at = 2000 + delay_ms
    mixed = noise_coming_on(kind, 2000, at + clean.duration_ms + 1500, level, seed=1)
    mixed[16 * at : 16 * at + s.size] += s
    phrases = detect_phrases(AudioClip(np.round(mixed).astype("<i2").tobytes()))
    assert len(phrases) == 1
    start, end = true_bounds_ms(clean)
    assert abs(phrases[0].speech_start_ms - at - start) <= TOLERANCE_MS
    assert abs(phrases[0].speech_end_ms - at - end) <= TOLERANCE_MS
    assert phrases[0].audio_start_ms == pytest.approx(phrases[0].speech_start_ms - 300, abs=30)


def test_digital_silence_is_no_speech() -> None:
    assert feed_all(AudioClip(b"\x00\x00" * 16000 * 3)) == []


def test_a_monologue_is_cut_at_max_phrase_ms() -> None:
    sentences = [
        "Muscle atrophy is the loss of muscle tissue, and it can happen after a long illness.",
        "Gentle daily movement, good food with enough protein and guided exercises can help.",
        "A physical therapist can show a caregiver how to move each joint slowly and safely.",
        "Doing a few minutes every day is better than doing a lot once a week.",
        "Ask the doctor before starting, and stop if anything hurts.",
    ]
    monologue = concat([trimmed(synthesize(t, "espeak:en-us")) for t in sentences], gap_ms=300)
    assert monologue.duration_ms > 20000
    clip = with_noise_padding(monologue, 500, 1000, "white", 20.0, seed=4)
    phrases = detect_phrases(clip)
    assert phrases[0].reason == "max_length"
    assert 14000 <= phrases[0].speech_ms <= 15000
    assert phrases[0].at_ms == pytest.approx(phrases[0].speech_start_ms + 15000, abs=30)
    assert phrases[0].audio.duration_ms <= 15000 + 300 + 30
    # The rest of the monologue is a phrase of its own, ended by the silence after it.
    assert [p.reason for p in phrases[1:]] == ["silence"]
    shorter = detect_phrases(clip, EndpointSettings(max_phrase_ms=8000))
    assert shorter[0].reason == "max_length"
    assert shorter[0].at_ms - shorter[0].speech_start_ms == pytest.approx(8000, abs=30)
    assert len(shorter) >= 3


# -- streaming properties ---------------------------------------------------------------


def test_chunk_size_does_not_change_the_result(speech: dict[str, AudioClip]) -> None:
    clip = with_noise_padding(
        concat([speech["espeak:en-us"], speech["flite:slt"]], gap_ms=1500), 700, 1200, "pink", 15.0, seed=9
    )
    results = {n: feed_all(clip, samples_per_chunk=n) for n in (160, 480, 1000, 4096)}
    reference = results[480]
    assert [type(e) for e in reference] == [SpeechStarted, SpeechEnded, SpeechStarted, SpeechEnded]
    for n, events in results.items():
        assert events == reference, n
    # Odd byte counts too (half a sample at a time).
    ep = Endpointer()
    events = []
    for i in range(0, len(clip.pcm), 777):
        events.extend(ep.feed(clip.pcm[i : i + 777]))
    assert events == reference


def test_the_timeout_moves_the_end_time(speech: dict[str, AudioClip]) -> None:
    clip = with_noise_padding(speech["flite:rms"], 800, 2500, "white", 20.0, seed=6)
    ends = {}
    for timeout_ms in (300, 700, 1500):
        (ended,) = detect_phrases(clip, EndpointSettings(silence_timeout_ms=timeout_ms))
        assert ended.reason == "silence"
        assert ended.at_ms - ended.speech_end_ms == pytest.approx(timeout_ms, abs=30)
        ends[timeout_ms] = ended
    assert len({e.speech_end_ms for e in ends.values()}) == 1
    assert ends[1500].at_ms - ends[300].at_ms == pytest.approx(1200, abs=30)


def test_flush_ends_speech_in_progress_and_resets(speech: dict[str, AudioClip]) -> None:
    clean = speech["espeak:en-us"]
    clip = with_noise_padding(clean, 500, 0, "silence", 0.0, seed=0)
    ep = Endpointer()
    events = []
    for chunk in clip.chunks(480):
        events.extend(ep.feed(chunk))
    assert [type(e) for e in events] == [SpeechStarted]
    assert ep.in_speech
    ended = ep.flush()
    assert isinstance(ended, SpeechEnded) and ended.reason == "end_of_stream"
    assert not ep.in_speech and ep.position_ms == 0
    assert ep.flush() is None


def test_reset_forgets_everything(speech: dict[str, AudioClip]) -> None:
    clip = with_noise_padding(speech["flite:slt"], 500, 1200, "silence", 0.0, seed=0)
    ep = Endpointer()
    half = len(clip.pcm) // 2 // 2 * 2
    ep.feed(clip.pcm[:half])
    assert ep.in_speech
    ep.reset()
    assert not ep.in_speech and ep.position_ms == 0
    again = []
    for chunk in clip.chunks(480):
        again.extend(ep.feed(chunk))
    assert again == feed_all(clip)


def test_other_rates_work(speech: dict[str, AudioClip]) -> None:
    clip = with_noise_padding(speech["espeak:en-us"], 800, 1200, "white", 20.0, seed=1)
    at_16k = detect_phrases(clip)
    for rate in (8000, 44100):
        other = detect_phrases(clip.resampled(rate))
        assert len(other) == 1
        assert abs(other[0].speech_start_ms - at_16k[0].speech_start_ms) <= 60
    with pytest.raises(VoiceGuideError, match="8000, 16000, 32000 or 48000"):
        Endpointer(sample_rate_hz=44100)


@pytest.mark.parametrize("frame_ms", [10, 20])
def test_other_frame_lengths(speech: dict[str, AudioClip], frame_ms: int) -> None:
    clean = speech["espeak:en-us"]
    clip = with_noise_padding(clean, BEFORE_MS, AFTER_MS, "white", 20.0, seed=8)
    (ended,) = detect_phrases(clip, EndpointSettings(frame_ms=frame_ms))
    start, end = true_bounds_ms(clean)
    assert abs(ended.speech_start_ms - BEFORE_MS - start) <= TOLERANCE_MS
    assert abs(ended.speech_end_ms - BEFORE_MS - end) <= TOLERANCE_MS


# -- settings and errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"frame_ms": 25}, "frame_ms must be 10, 20 or 30"),
        ({"aggressiveness": 4}, "aggressiveness must be 0, 1, 2 or 3"),
        ({"silence_timeout_ms": 5}, "silence_timeout_ms must be at least one frame"),
        ({"min_speech_ms": 0}, "min_speech_ms must be at least one frame"),
        ({"max_phrase_ms": 100}, "max_phrase_ms"),
        ({"pre_roll_ms": -1}, "pre_roll_ms must not be negative"),
        ({"post_roll_ms": 900}, "post_roll_ms must be between 0 and silence_timeout_ms"),
        ({"energy_floor_dbfs": 3.0}, "energy_floor_dbfs must be 0 or below"),
        ({"above_noise_db": -1.0}, "above_noise_db must be 0 or more"),
    ],
)
def test_bad_settings_are_one_line_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(VoiceGuideError, match=message) as info:
        EndpointSettings(**kwargs)
    assert "\n" not in str(info.value)


def test_missing_webrtcvad_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "webrtcvad", None)
    with pytest.raises(VoiceGuideError) as info:
        Endpointer()
    assert str(info.value) == MISSING_VAD_MESSAGE
    assert "pip install 'voice-guide[mic]'" in MISSING_VAD_MESSAGE
