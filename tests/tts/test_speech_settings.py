"""The listener's speech settings (voice_guide/tts/settings.py): validation, clamping, steps, files."""

from __future__ import annotations

import itertools
import logging

import pytest

from voice_guide.core.errors import SpeechError
from voice_guide.tts.settings import MAX_RATE_WPM, MAX_VOLUME, MIN_RATE_WPM, MIN_VOLUME, SpeechSettings


def test_default_settings_suit_older_listeners() -> None:
    s = SpeechSettings()
    assert s.rate_wpm == 150 and s.volume == 1.0 and s.voice is None
    assert s.verbosity == "full" and s.earcons is True


@pytest.mark.parametrize(
    "fields",
    [
        {"rate_wpm": MIN_RATE_WPM - 1},
        {"rate_wpm": MAX_RATE_WPM + 1},
        {"rate_wpm": "fast"},
        {"rate_wpm": 150.5},
        {"rate_wpm": True},
        {"volume": 0.0},
        {"volume": 1.5},
        {"volume": float("nan")},
        {"voice": ""},
        {"verbosity": "chatty"},
        {"earcons": "yes"},
    ],
)
def test_bad_settings_raise_one_line_speech_error(fields: dict) -> None:
    with pytest.raises(SpeechError) as info:
        SpeechSettings(**fields)
    message = str(info.value)
    assert message and "\n" not in message


def test_clamped_pulls_numbers_into_range_but_rejects_nonsense() -> None:
    s = SpeechSettings.clamped(rate_wpm=20, volume=3)
    assert (s.rate_wpm, s.volume) == (MIN_RATE_WPM, MAX_VOLUME)
    s = SpeechSettings.clamped(rate_wpm="900", volume=0.0)
    assert (s.rate_wpm, s.volume) == (MAX_RATE_WPM, MIN_VOLUME)
    with pytest.raises(SpeechError):
        SpeechSettings.clamped(rate_wpm="quick")
    with pytest.raises(SpeechError):
        SpeechSettings.clamped(verbosity="loud")
    with pytest.raises(SpeechError):
        SpeechSettings.clamped(speed=3)


def test_faster_and_slower_step_about_twenty_percent_and_stop_at_limits() -> None:
    s = SpeechSettings()
    assert s.faster().rate_wpm == 180
    assert s.slower().rate_wpm == 125
    rates = [s.rate_wpm]
    for _ in range(12):
        s = s.faster()
        rates.append(s.rate_wpm)
    assert rates == sorted(rates) and rates[-1] == MAX_RATE_WPM and rates[1] > rates[0]
    for a, b in itertools.pairwise(rates):
        assert b == MAX_RATE_WPM or 1.1 <= b / a <= 1.3
    for _ in range(20):
        s = s.slower()
    assert s.rate_wpm == MIN_RATE_WPM
    assert s.slower().rate_wpm == MIN_RATE_WPM


def test_louder_and_quieter_step_and_clamp() -> None:
    s = SpeechSettings(volume=0.5)
    assert s.louder().volume == pytest.approx(0.65)
    assert s.quieter().volume == pytest.approx(0.35)
    for _ in range(10):
        s = s.quieter()
    assert s.volume == MIN_VOLUME
    for _ in range(10):
        s = s.louder()
    assert s.volume == MAX_VOLUME
    assert SpeechSettings(volume=0.2).volume == 0.2  # the original is unchanged (immutable)


def test_settings_round_trip_and_from_dict_is_forgiving(caplog: pytest.LogCaptureFixture) -> None:
    s = SpeechSettings(rate_wpm=210, volume=0.55, voice="en-us", verbosity="brief", earcons=False)
    assert SpeechSettings.from_dict(s.to_dict()) == s
    with caplog.at_level(logging.WARNING):
        loaded = SpeechSettings.from_dict({"rate_wpm": 1000, "volume": 0.05, "colour": "blue"})
    assert (loaded.rate_wpm, loaded.volume) == (MAX_RATE_WPM, MIN_VOLUME)
    assert "colour" in caplog.text
    with pytest.raises(SpeechError):
        SpeechSettings.from_dict(["rate_wpm", 150])  # type: ignore[arg-type]
