"""tune_interpret.py's count of missed red flags by cause. Rows are written inline (what a dump holds);
the sentences are written for these tests."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import tune_interpret as ti  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.nlu.interpret import Interpreter  # noqa: E402
from voice_guide.nlu.understanding import Understander  # noqa: E402


@pytest.fixture(scope="module")
def interpreter():
    return Interpreter(Understander(load_pack(None)))


def _row(text, transcript, safety=""):
    second = {"general": {"text": transcript, "alternatives": [], "score": 0.0},
              "safety": {"text": safety, "score": -0.05}} if safety else None
    return {"set": "red_flag", "condition": "kitchen", "text": text, "transcript": transcript,
            "asr_confidence": 0.4, "alternatives": [[transcript, 0.4]], "second": second}


def test_each_miss_gets_the_first_cause_that_applies(interpreter):
    cause = ti.miss_cause
    assert cause(_row("what time is the physio coming", "what time the physio come"), interpreter) == "text"
    assert cause(_row("my son is choking on a grape", "my son is hoping on a great", "my son is choking"),
                 interpreter) == "below a bar: safety"
    assert cause(_row("my son is choking on a grape", "my son is hoping on a great"), interpreter) == "heard, not flagged"
    assert cause(_row("my son is choking on a grape", "the weather is nice today"), interpreter) == "acoustic"


def test_readings_list_the_n_best_then_both_searches_of_the_second_hearing():
    row = _row("x", "one two", "three four")
    assert ti._readings(row) == [("n-best", "one two"), ("general", "one two"), ("safety", "three four")]
