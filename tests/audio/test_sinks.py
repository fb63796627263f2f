"""Audio sinks: recording, WAV file, null, the default sink and a killable player process."""

from __future__ import annotations

import logging
import sys
import textwrap
import time
import wave
from pathlib import Path

import pytest
from audio_support import tone

from voice_guide.audio import sinks as playback
from voice_guide.audio.earcons import earcon
from voice_guide.audio.files import read_audio
from voice_guide.audio.sinks import (
    NO_OUTPUT_MESSAGE,
    AudioSink,
    DeviceSink,
    NullSink,
    WavFileSink,
    list_output_devices,
    open_default_sink,
)
from voice_guide.core.errors import SpeechError


def test_every_sink_follows_the_protocol(tmp_path: Path) -> None:
    for sink in (WavFileSink(tmp_path / "x.wav"), NullSink("why")):
        assert isinstance(sink, AudioSink)


# -- RecordingSink ---------------------------------------------------------------------------


# -- WavFileSink ---------------------------------------------------------------------------------


def test_wav_file_sink_collects_everything_into_one_wav_on_close(tmp_path: Path) -> None:
    target = tmp_path / "out" / "answer.wav"
    target.parent.mkdir()
    target.write_bytes(b"old answer")
    with WavFileSink(target) as sink:
        sink.play(earcon("listening"))
        sink.play(tone(1.0, rate=22050))  # resampled to the first clip's 16 kHz
        sink.play(earcon("understood"))
        assert target.read_bytes() == b"old answer"  # nothing replaced before close
        assert not sink.is_playing
    expected_ms = earcon("listening").duration_ms + 1000 + earcon("understood").duration_ms
    with wave.open(str(target)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        assert 1000 * w.getnframes() / 16000 == pytest.approx(expected_ms, abs=1)
    assert sorted(p.name for p in target.parent.iterdir()) == ["answer.wav"]
    assert not read_audio(target).is_silent()
    with pytest.raises(SpeechError):
        sink.play(tone(0.1))


def test_wav_file_sink_with_nothing_played_writes_a_valid_empty_wav(tmp_path: Path) -> None:
    sink = WavFileSink(tmp_path / "empty.wav")
    sink.close()
    sink.close()  # idempotent
    with wave.open(str(tmp_path / "empty.wav")) as w:
        assert w.getnframes() == 0


# -- default sink and discovery --------------------------------------------------------------------


def test_null_sink_plays_nothing_and_says_why() -> None:
    sink = NullSink("no card")
    sink.play(tone(0.1))
    sink.stop()
    sink.wait()
    assert sink.available is False and sink.reason == "no card" and not sink.is_playing


def test_open_default_sink_without_a_device_returns_null_sink_and_logs_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    devices = list_output_devices()
    assert isinstance(devices, list)
    if devices:
        pytest.skip(f"this machine has audio output: {devices}")
    monkeypatch.setattr(playback, "_warned_no_output", False)
    with caplog.at_level(logging.INFO, logger="voice_guide.audio.sinks"):
        first = open_default_sink()
        second = open_default_sink()
    assert isinstance(first, NullSink) and isinstance(second, NullSink)
    assert first.reason == NO_OUTPUT_MESSAGE
    assert first.reason == (
        "No audio output device found; answers are shown as text and can be saved with --save-audio."
    )
    assert caplog.text.count("No audio output device found") == 1


def test_device_sink_refuses_unusable_outputs() -> None:
    with pytest.raises(SpeechError):
        DeviceSink(backend="bogus")
    with pytest.raises(SpeechError):
        DeviceSink(backend="command")
    if not list_output_devices():
        with pytest.raises(SpeechError):
            DeviceSink()


# -- DeviceSink through a player process ----------------------------------------------------------

PLAYER = textwrap.dedent(
    """
    import sys, time
    rate, out = int(sys.argv[1]), open(sys.argv[2], "ab")
    chunk, written, t0 = rate * 2 // 100, 0, time.monotonic()
    while True:
        data = sys.stdin.buffer.read(chunk)
        if not data:
            break
        out.write(data)
        out.flush()
        written += len(data)
        ahead = written / (2 * rate) - (time.monotonic() - t0)
        if ahead > 0:
            time.sleep(ahead)
    """
)
"""A stand-in for aplay: consumes raw PCM from stdin at real-time pace, appending it to a file."""


@pytest.fixture()
def player(tmp_path: Path) -> tuple[list[str], Path]:
    script = tmp_path / "player.py"
    script.write_text(PLAYER)
    out = tmp_path / "heard.raw"
    return [sys.executable, str(script), "{rate}", str(out)], out


def test_device_sink_plays_queued_clips_in_order(player: tuple[list[str], Path]) -> None:
    command, heard = player
    sink = DeviceSink(backend="command", player_command=command)
    a, b = tone(0.2, hz=500), tone(0.15, rate=22050, hz=700)
    started = time.monotonic()
    sink.play(a)
    sink.play(b)
    assert sink.is_playing
    sink.wait()
    elapsed = time.monotonic() - started
    assert not sink.is_playing
    assert elapsed >= 0.3  # real-time playback of 0.35 s
    data = heard.read_bytes()
    assert data[: len(a.pcm)] == a.pcm
    assert len(data) == len(a.pcm) + len(b.resampled(16000).pcm)


def test_device_sink_stop_cuts_off_mid_sentence_at_once(player: tuple[list[str], Path]) -> None:
    command, heard = player
    sink = DeviceSink(backend="command", player_command=command)
    long_clip = tone(3.0)
    sink.play(long_clip)
    sink.play(tone(1.0))
    time.sleep(0.4)
    assert sink.is_playing
    started = time.monotonic()
    sink.stop()
    stop_s = time.monotonic() - started
    assert not sink.is_playing
    assert stop_s < 0.1, f"stop took {stop_s * 1000:.0f} ms"
    size = heard.stat().st_size
    assert 0 < size < 2 * 16000 * 1.0  # well under a second of the 4 s queued was played
    time.sleep(0.1)
    assert heard.stat().st_size == size  # and nothing more after the stop
    sink.play(tone(0.1))  # usable again after a stop
    sink.wait()
    assert heard.stat().st_size == size + 2 * 1600
    sink.close()
