"""Reads that could grow without bound: devices, FIFOs, huge files, YAML alias bombs and deep
nesting. Each stops at a documented limit with one line naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import (
    YAML_MAX_DEPTH,
    YAML_MAX_NODES,
    load_yaml_file,
    load_yaml_text,
    read_bytes_bounded,
    read_text_bounded,
)
from voice_guide.frontends.cli.main import main


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_directly_and_through_a_symlink(tmp_path: Path, target):
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    for path in (Path(target), link):
        with pytest.raises(VoiceGuideError) as err:
            read_bytes_bounded(path, 1024, "pack file")
        assert str(err.value) == f"{path}: the pack file is a device or pipe, not a regular file"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(VoiceGuideError, match="is a device or pipe, not a regular file"):
        read_text_bounded(fifo, 1024, "file of questions")


def test_size_is_checked_before_reading(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1025)
    with pytest.raises(VoiceGuideError) as err:
        read_bytes_bounded(path, 1024, "settings file")
    assert str(err.value) == f"{path}: the settings file is too large (1025 bytes; the limit is 1024)"
    assert read_bytes_bounded(path, 1025, "settings file") == b"x" * 1025


def test_folders_and_missing_files_are_one_line(tmp_path: Path):
    with pytest.raises(VoiceGuideError, match="the pack file is a folder, not a regular file"):
        read_bytes_bounded(tmp_path, 10, "pack file")
    with pytest.raises(VoiceGuideError, match="cannot read the pack file: No such file or directory"):
        read_bytes_bounded(tmp_path / "none", 10, "pack file")


def test_every_read_closes_its_file(tmp_path: Path):
    # read_bytes_bounded left its descriptor open: a test session held 1,100 pack files open and the
    # speech worker's pipe got a number select() refuses; a long session would run out of files
    good, big = tmp_path / "a.yaml", tmp_path / "big.yaml"
    good.write_text("a: 1\n")
    big.write_bytes(b"x" * 100)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(50):
        assert read_bytes_bounded(good, 1000, "file") == b"a: 1\n"
        with pytest.raises(VoiceGuideError):
            read_bytes_bounded(big, 10, "file")
        with pytest.raises(VoiceGuideError):
            read_bytes_bounded(tmp_path, 10, "file")
    assert len(os.listdir("/proc/self/fd")) == before


def test_ask_text_file_dev_zero_is_one_line(capsys: pytest.CaptureFixture[str]):
    assert main(["ask", "--text-file", "/dev/zero", "--no-speak"]) == 2
    assert capsys.readouterr().err == "voice-guide: error: /dev/zero: the file of questions is a device or pipe, not a regular file\n"


def test_ask_text_file_not_utf8_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "q.txt"
    path.write_bytes("what causes it\ncaf\xe9\n".encode("latin-1"))
    assert main(["ask", "--text-file", str(path), "--no-speak"]) == 2
    assert capsys.readouterr().err == (
        f"voice-guide: error: {path}: the file of questions is not UTF-8 text (byte 0xe9 on line 2); save it as UTF-8\n")


def _alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused_before_expanding():
    with pytest.raises(VoiceGuideError) as err:
        load_yaml_text(_alias_bomb(10), "bomb.yaml")
    assert str(err.value) == f"bomb.yaml: too many values once aliases are expanded (more than {YAML_MAX_NODES})"


def test_yaml_recursive_alias_and_deep_nesting_are_refused():
    with pytest.raises(VoiceGuideError, match="an alias refers to the node that contains it"):
        load_yaml_text("a: &a [1, *a]\n", "loop.yaml")
    with pytest.raises(VoiceGuideError, match=f"nested more than {YAML_MAX_DEPTH} levels deep"):
        load_yaml_text("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")


def test_yaml_file_read_is_bounded_and_safe(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("a: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(VoiceGuideError, match="x.yaml"):
        load_yaml_file(path, 1024, "pack file")
    path.write_text("a: &x [1, 2]\nb: *x\n")
    assert load_yaml_file(path, 1024, "pack file") == {"a": [1, 2], "b": [1, 2]}


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=400))
def test_any_yaml_text_parses_or_is_one_line(text):
    try:
        load_yaml_text(text, "any.yaml")
    except VoiceGuideError as err:
        assert str(err).startswith("any.yaml: ") and "\n" not in str(err)


@settings(max_examples=50, deadline=None)
@given(levels=st.integers(min_value=1, max_value=12), width=st.integers(min_value=1, max_value=12))
def test_aliases_either_fit_the_budget_or_are_refused(levels, width):
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    try:
        data = load_yaml_text("\n".join(lines), "w.yaml")
    except VoiceGuideError as err:
        assert "too many values" in str(err) or "levels deep" in str(err)
        assert sum(width**k for k in range(1, levels + 1)) + levels > YAML_MAX_NODES // 2
    else:
        assert len(data) == levels


def test_a_routine_file_that_is_a_device_is_reported_and_the_others_load(tmp_path):
    import shutil

    from voice_guide.content.pack import DEFAULT_PACK_DIR
    from voice_guide.routines.loader import load_routines

    folder = tmp_path / "routines"
    shutil.copytree(DEFAULT_PACK_DIR / "routines", folder)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    routines, problems = load_routines(folder)
    assert "arms" in routines and "legs" in routines
    assert [p.source_name for p in problems] == ["zero.yaml"]
    assert "not a regular file" in str(problems[0])


def test_a_session_log_that_is_a_device_is_one_clear_error(tmp_path):
    from voice_guide.core.errors import VoiceGuideError
    from voice_guide.routines.log_read import read_sessions

    log = tmp_path / "sessions.jsonl"
    log.symlink_to("/dev/zero")
    with pytest.raises(VoiceGuideError, match="not a regular file"):
        read_sessions(log)
