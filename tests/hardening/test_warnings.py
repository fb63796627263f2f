"""Warnings reach the user as one plain line on standard error; errors of the command line
are one line; every audio output is finished even when one fails."""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile

from voice_guide.audio.files import read_audio
from voice_guide.core.errors import SpeechError
from voice_guide.frontends.cli.main import main, setup_logging
from voice_guide.tts.output import VoiceOutput


@pytest.fixture
def cli_logging() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    with warnings.catch_warnings():
        yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
    root.setLevel(level)


def test_a_warning_is_one_plain_line(cli_logging, capsys: pytest.CaptureFixture[str]):
    setup_logging(verbose=False)
    logging.getLogger("voice_guide.audio.files").warning("a.wav: truncated,\n  read %d of %d frames", 5, 10)
    logging.getLogger("some.library").warning("not for the user")
    logging.getLogger("some.library").error("shown: %s", "an error")
    assert capsys.readouterr().err == "voice-guide: warning: a.wav: truncated, read 5 of 10 frames\nvoice-guide: error: shown: an error\n"


def test_python_warnings_show_no_source_line(cli_logging, capsys: pytest.CaptureFixture[str]):
    setup_logging(verbose=False)
    warnings.simplefilter("always")
    np.array([np.nan]).astype(np.int16)  # NumPy: invalid value encountered in cast
    err = capsys.readouterr().err
    assert err == "voice-guide: warning: invalid value encountered in cast\n"


def test_audio_warnings_reach_stderr_through_the_cli_logging(cli_logging, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    setup_logging(verbose=False)
    path = tmp_path / "phone.wav"
    soundfile.write(path, np.zeros(8000, dtype=np.float32) + 0.1, 8000)
    read_audio(path)
    assert capsys.readouterr().err == (
        f"voice-guide: warning: {path}: low-quality audio (8000 Hz; 16000 Hz or more is best), the question may be misheard\n")


def test_truncated_audio_has_an_error_in_its_json_line(cli_logging, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "cut.wav"
    soundfile.write(path, np.zeros(16000, dtype=np.float32), 16000, subtype="PCM_16")
    path.write_bytes(path.read_bytes()[:-16000])
    assert main(["ask", "--json", "--no-speak", "--audio", str(path)]) == 1
    out = capsys.readouterr()
    line = json.loads(out.out)
    assert line["error"] == f"{path}: truncated: the header promises 32000 bytes of audio, the file holds 16000"
    assert out.err == ""


def test_an_unknown_command_is_one_line_naming_the_commands(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as stop:
        main(["elbows"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == ("voice-guide: error: unknown command 'elbows' (commands: ask, demo, topics, doctor, "
                                       "routine, log, due, export, pack, chat, serve); see voice-guide --help\n")


def test_an_unknown_voice_is_one_warning_line(cli_logging, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    wav = tmp_path / "out.wav"
    assert main(["ask", "what", "causes", "it", "--no-speak", "--voice", "nonexistent", "--save-audio", str(wav)]) == 0
    err = capsys.readouterr().err
    assert err == ("voice-guide: warning: voice 'nonexistent' is not installed; using the default voice "
                   "('voice-guide doctor' lists the installed voices)\n")
    assert wav.stat().st_size > 1000


class _Sink:
    def __init__(self, fail: bool) -> None:
        self.fail, self.closed = fail, False

    def close(self) -> None:
        self.closed = True
        if self.fail:
            raise OSError("No space left on device")


def test_output_closes_every_sink_even_when_one_fails():
    sinks = [_Sink(fail=True), _Sink(fail=False)]
    output = VoiceOutput(None, sinks, None)
    with pytest.raises(SpeechError) as err:
        output.close()
    assert [s.closed for s in sinks] == [True, True]
    assert str(err.value) == "could not finish audio output (_Sink: No space left on device)"
