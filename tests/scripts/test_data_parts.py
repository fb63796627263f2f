"""scripts/data_parts.py: the one list of tuning and held-out parts."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import data_parts as dp  # noqa: E402


def test_every_split_stem_is_a_file_of_both_sets():
    for stem in dp.SPLIT_STEMS:
        assert (ROOT / "tests/data/paraphrase" / f"{stem}.jsonl").is_file()
        assert (ROOT / "tests/data/safety" / f"{stem}.jsonl").is_file()


def test_the_parts_follow_from_the_stems():
    assert dp.PARAPHRASE_TUNING[:4] == ("tune", "tune2", "tune3", "tune4:odd")
    assert dp.HELD_OUT_HALVES[-1] == f"{dp.SPLIT_STEMS[-1]}:even"
    assert dp.SAFETY_TUNING[:5] == ("tune", "tune2", "tune3", "tune4", "tune5:odd")
    assert dp.SAFETY_HELD_OUT[:2] == ("test", "tune5:even")
    assert not set(dp.PARAPHRASE_TUNING) & set(dp.HELD_OUT_HALVES)


@pytest.mark.parametrize(("row_id", "half", "expected"), [
    ("t15p0042", "even", True), ("t15p0042", "odd", False), ("s5s0101", "odd", True),
    ("s5s0101", None, True), ("x", "even", True),
])
def test_in_half(row_id, half, expected):
    assert dp.in_half(row_id, half) is expected


def test_a_bad_half_is_an_error():
    with pytest.raises(ValueError, match="odd or even"):
        dp.in_half("t1p0001", "third")


def test_held_out_rows():
    assert dp.is_held_out_row("test", "t0p0001")
    assert dp.is_held_out_row("tune15", "t15p0002")
    assert not dp.is_held_out_row("tune15", "t15p0001")
    assert not dp.is_held_out_row("tune3", "t3p0002")


def test_the_late_whole_safety_sets_are_tuning_data_only():
    for stem in dp.SAFETY_WHOLE_LATE:
        assert (ROOT / "tests/data/safety" / f"{stem}.jsonl").is_file()
        assert stem in dp.SAFETY_TUNING and stem in dp.FILE_STEMS
        assert stem not in dp.SAFETY_SPLIT_STEMS
        assert stem in dp.SPLIT_STEMS  # their paraphrase files are split by id
        assert f"{stem}:odd" in dp.PARAPHRASE_TUNING and f"{stem}:even" in dp.HELD_OUT_HALVES
        assert not any(part.split(":")[0] == stem for part in dp.SAFETY_HELD_OUT)
