"""Bad settings files: each bad field is reported once and skipped, good fields are kept, the
file is never rewritten with less than it had, and a device behind the name is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_guide.config import ConfigStore, UserConfig, load_config
from voice_guide.tts.settings import SpeechSettings

GOOD = {"speech": {"rate_wpm": 120, "volume": 0.6, "voice": "en-us", "verbosity": "brief", "earcons": False},
        "listening_mode": "wake", "wake_phrase": "hello guide"}


def _store(path: Path) -> tuple[ConfigStore, list[str]]:
    warnings: list[str] = []
    return ConfigStore(path, warn=warnings.append), warnings


def test_one_bad_field_is_reported_and_the_others_are_kept(tmp_path: Path):
    path = tmp_path / "settings.json"
    data = json.loads(json.dumps(GOOD))
    data["speech"]["rate_wpm"] = "fast"
    path.write_text(json.dumps(data))
    store, warnings = _store(path)
    assert warnings == ["settings file: speech setting rate_wpm ignored: speech rate must be a number, not 'fast'"]
    assert store.config == UserConfig(SpeechSettings(volume=0.6, voice="en-us", verbosity="brief", earcons=False), "wake", "hello guide")


def test_a_rewrite_keeps_unknown_fields_and_a_copy_of_the_damaged_file(tmp_path: Path):
    path = tmp_path / "settings.json"
    data = json.loads(json.dumps(GOOD))
    data["speech"]["rate_wpm"] = "fast"
    data["speech"]["pitch"] = 3
    data["theme"] = "dark"
    original = json.dumps(data)
    path.write_text(original)
    store, warnings = _store(path)
    store.update(listening_mode="always")
    backups = sorted(tmp_path.glob("settings.json.bad-*"))
    assert len(backups) == 1 and backups[0].read_text() == original
    assert warnings[-1] == f"settings file {path} could not be read whole; a copy is kept as {backups[0].name}"
    saved = json.loads(path.read_text())
    assert saved == {"version": 1, "theme": "dark", "listening_mode": "always", "wake_phrase": "hello guide",
                     "speech": {"rate_wpm": 150, "pitch": 3, "volume": 0.6, "voice": "en-us", "verbosity": "brief", "earcons": False}}


def test_a_good_file_is_rewritten_without_a_backup(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(GOOD))
    store, warnings = _store(path)
    store.update(listening_mode="always")
    assert warnings == [] and list(tmp_path.glob("*.bad-*")) == []


@pytest.mark.parametrize("value, message", [
    ("9" * 5000, "speech setting rate_wpm ignored: speech rate must be a finite number, not inf"),
    ("1e999", "speech setting rate_wpm ignored: speech rate must be a finite number, not inf"),
    ("[" * 400 + "]" * 400, "speech setting rate_wpm ignored: speech rate must be a number, not [[[[[[[[[["),
])
def test_huge_numbers_and_nesting_in_one_field_are_skipped(tmp_path: Path, value, message):
    path = tmp_path / "settings.json"
    path.write_text('{"speech": {"rate_wpm": ' + value + ', "volume": 0.5}, "listening_mode": "wake"}')
    store, warnings = _store(path)
    assert len(warnings) == 1 and warnings[0].startswith(f"settings file: {message}") and len(warnings[0]) <= 240
    assert (store.config.speech.volume, store.config.listening_mode) == (0.5, "wake")


def test_nesting_too_deep_to_parse_gives_the_defaults_and_a_backup(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text('{"speech": ' + "[" * 30000 + "]" * 30000 + "}")
    store, warnings = _store(path)
    assert warnings == [f"settings file {path} is damaged (nested too deeply); using the defaults"]
    assert store.config == UserConfig()
    store.update(listening_mode="wake")
    assert len(list(tmp_path.glob("settings.json.bad-*"))) == 1


def test_a_settings_file_that_is_a_link_to_dev_zero_is_not_read(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/zero")
    store, warnings = _store(path)
    assert warnings == [f"{path}: the settings file is a device or pipe, not a regular file; using the defaults"]
    store.update(listening_mode="wake")
    assert not path.is_symlink() and json.loads(path.read_text())["listening_mode"] == "wake"


def test_a_huge_settings_file_is_not_read(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text(" " * (65 * 1024) + "{}")
    warnings: list[str] = []
    assert load_config(path, warnings.append) == UserConfig()
    assert warnings == [f"{path}: the settings file is too large ({65 * 1024 + 2} bytes; the limit is 65536); using the defaults"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=15,
)
FIELDS = st.sampled_from(["rate_wpm", "volume", "voice", "verbosity", "earcons", "extra"])


@settings(max_examples=50, deadline=None)
@given(speech=st.dictionaries(FIELDS, JSON, max_size=6), mode=JSON, phrase=JSON, other=JSON)
def test_any_settings_object_loads_and_saves_without_losing_fields(tmp_path_factory, speech, mode, phrase, other):
    folder = tmp_path_factory.mktemp("cfg")
    path = folder / "settings.json"
    original = {"speech": speech, "listening_mode": mode, "wake_phrase": phrase, "other": other}
    path.write_text(json.dumps(original))
    store, warnings = _store(path)
    assert all("\n" not in w for w in warnings)
    store.update(listening_mode="push_to_talk" if store.config.listening_mode != "push_to_talk" else "always")
    saved = json.loads(path.read_text())
    assert saved["other"] == other  # unknown fields are written back (NaN is tested apart: NaN != NaN)
    assert set(speech) <= set(saved["speech"])
    if any("unknown fields kept" not in w for w in warnings):  # something was skipped: the original is kept beside it
        assert [json.loads(p.read_text()) for p in folder.glob("settings.json.bad-*")] == [original]


@settings(max_examples=50, deadline=None)
@given(content=st.binary(max_size=200))
def test_any_bytes_as_settings_give_settings_and_one_line_warnings(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("cfg") / "settings.json"
    path.write_bytes(content)
    warnings: list[str] = []
    assert isinstance(load_config(path, warnings.append), UserConfig)
    assert all("\n" not in w for w in warnings)
