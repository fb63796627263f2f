"""Settings kept between sessions: defaults, round trip, atomic writes, damaged files."""

import json

import pytest

from voice_guide.config import (
    CONFIG_DIR_ENV,
    ConfigError,
    ConfigStore,
    UserConfig,
    config_path,
    load_config,
    save_config,
)
from voice_guide.tts.settings import SpeechSettings


def test_missing_file_gives_defaults_silently(tmp_path):
    warnings = []
    assert load_config(tmp_path / "none.json", warnings.append) == UserConfig()
    assert warnings == []


def test_round_trip_and_atomic_write(tmp_path):
    config = UserConfig(SpeechSettings(rate_wpm=120, volume=0.7, verbosity="brief", earcons=False), "wake", "hello guide")
    path = save_config(config, tmp_path / "settings.json")
    assert load_config(path) == config
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary file left behind
    assert json.loads(path.read_text())["listening_mode"] == "wake"


def test_environment_variable_moves_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    assert config_path() == tmp_path / "cfg" / "settings.json"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe", '{"speech": {"rate_wpm": "fast"}}'])
def test_a_damaged_file_is_reported_in_one_line_and_defaults_are_used(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("latin-1"))
    warnings = []
    config = load_config(path, warnings.append)
    assert config.listening_mode == "always" and config.speech.rate_wpm == SpeechSettings().rate_wpm
    assert len(warnings) == 1 and "\n" not in warnings[0]


def test_fields_that_can_be_read_are_kept(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"speech": {"rate_wpm": 999, "verbosity": "brief"}, "listening_mode": "sometimes"}))
    warnings = []
    config = load_config(path, warnings.append)
    assert config.speech.rate_wpm == 450 and config.speech.verbosity == "brief"  # clamped, kept
    assert config.listening_mode == "always" and len(warnings) == 1


def test_store_saves_each_change_and_survives_an_unwritable_folder(tmp_path):
    store = ConfigStore(tmp_path / "a" / "settings.json")
    store.update(speech=store.config.speech.slower())
    assert ConfigStore(tmp_path / "a" / "settings.json").config.speech.rate_wpm == SpeechSettings().slower().rate_wpm
    blocked = tmp_path / "file"
    blocked.write_text("")
    warnings = []
    store = ConfigStore(blocked / "settings.json", warn=warnings.append)  # parent is a file: cannot write
    store.update(listening_mode="push_to_talk")
    store.update(listening_mode="wake")
    assert store.config.listening_mode == "wake"
    assert sum("this session only" in w for w in warnings) == 1  # reported once, not per change
    assert all("\n" not in w for w in warnings)


def test_bad_values_in_code_raise_one_base_error():
    with pytest.raises(ConfigError):
        UserConfig(listening_mode="sometimes")
    with pytest.raises(ConfigError):
        UserConfig(wake_phrase="  ")
