"""eval_safety_spoken.py --articles (nineteenth session): the knowledge lines of paraphrase tuning parts, spoken as
near misses of their own condition (the price of asking about passages); a held-out part is refused."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import eval_safety_spoken as ess  # noqa: E402


def test_the_knowledge_lines_every_nth_as_article_rows(tmp_path):
    lines = [{"id": "a1", "kind": "knowledge", "text": "what shrinks a muscle"},
             {"id": "a2", "kind": "control", "text": "louder please"},
             {"id": "a3", "kind": "knowledge", "text": "how long does rebuilding take"},
             {"id": "a4", "kind": "knowledge", "text": "is walking enough exercise"}]
    (tmp_path / "own.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    name = str(tmp_path / "own")
    assert ess.article_rows(name, 2) == [{"id": f"{name}|a1", "kind": "article", "text": "what shrinks a muscle"},
                                         {"id": f"{name}|a4", "kind": "article", "text": "is walking enough exercise"}]


def test_a_held_out_part_is_refused():
    with pytest.raises(SystemExit, match="tune19:even is held out"):
        ess.article_rows("tune19:even", 1)
    assert ess.ARTICLE_SUFFIX == "_article"
