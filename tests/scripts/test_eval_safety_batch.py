"""scripts/eval_safety.py: a session's own batch file (kind|group|text a line) is read whole or refused in one line."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import eval_safety as es  # noqa: E402


def test_a_batch_is_read_as_set_rows(tmp_path: Path) -> None:
    batch = tmp_path / "batch.txt"
    batch.write_text("# a comment\nemergency|stroke|her face has dropped\n\nnear_miss|history|she had a fit in 2019\n",
                     encoding="utf-8")
    assert es.load_batch(str(batch)) == [
        {"id": "b2", "kind": "emergency", "concept": "stroke", "text": "her face has dropped"},
        {"id": "b4", "kind": "near_miss", "reason": "history", "text": "she had a fit in 2019"},
    ]


@pytest.mark.parametrize("content", ['{"id": "s1", "kind": "emergency", "text": "x"}\n', "emergency|stroke\n",
                                     "urgent|stroke|her face has dropped\n"])
def test_a_line_that_is_no_batch_line_is_refused_in_one_line(tmp_path: Path, content: str) -> None:
    batch = tmp_path / "batch.txt"
    batch.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit, match=r"batch.txt:1: expected kind\|group\|text"):
        es.load_batch(str(batch))


def test_a_missing_batch_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot read the batch"):
        es.load_batch(str(tmp_path / "none.txt"))
