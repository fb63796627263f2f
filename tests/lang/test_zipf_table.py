"""The cached word-frequency table answers exactly as wordfreq does, and survives a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from voice_guide.lang import zipf_table
from voice_guide.lang.zipf_table import ZipfTable

WORDS = ["the", "muscle", "atrophy", "sofa", "scrawny", "dermatomyositis", "a", "zzzzqqq", "xylophone"]


def _file(folder: Path) -> Path:
    (path,) = folder.glob("zipf-en-*.bin")
    return path


def test_table_matches_wordfreq_and_is_written_once(tmp_path: Path) -> None:
    table = ZipfTable(tmp_path)
    assert [table.zipf(w) for w in WORDS] == [zipf_frequency(w, "en") for w in WORDS]
    assert _file(tmp_path).stat().st_size > 1_000_000


def test_second_table_reads_the_file_without_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ZipfTable(tmp_path).zipf("the")

    def no_build() -> None:
        raise AssertionError("the table should come from the file")

    monkeypatch.setattr(zipf_table, "_build", no_build)
    table = ZipfTable(tmp_path)
    assert [table.zipf(w) for w in WORDS] == [zipf_frequency(w, "en") for w in WORDS]


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "other_version"])
def test_damaged_file_is_rebuilt(tmp_path: Path, damage: str) -> None:
    ZipfTable(tmp_path).zipf("the")
    path = _file(tmp_path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not a table")
    else:
        path.write_bytes(data.replace(b'"wordfreq": "', b'"wordfreq": "0.0-', 1))
    table = ZipfTable(tmp_path)
    assert [table.zipf(w) for w in WORDS] == [zipf_frequency(w, "en") for w in WORDS]
    assert _file(tmp_path).read_bytes() == data


def test_words_that_are_not_plain_are_left_to_wordfreq(tmp_path: Path) -> None:
    table = ZipfTable(tmp_path)
    assert [table.zipf(w) for w in ["Muscle", "don't", "café", "b12", "x" * 25, ""]] == [None] * 6


def test_unwritable_folder_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    table = ZipfTable(blocker / "words")
    assert table.zipf("muscle") == zipf_frequency("muscle", "en")
