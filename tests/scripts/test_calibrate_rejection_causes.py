"""calibrate_rejection.py --causes (twentieth session): each tuning miss of a replayed dump sorted by why it was
missed (words wrong, heard but refused, heard and misunderstood, the safety question, the understanding). Rows are
built by hand (no recognizer is loaded); the sentences are written for these tests."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import calibrate_rejection as cr  # noqa: E402

from voice_guide.engine import Engine  # noqa: E402

QUESTION = {"id": "own1", "kind": "knowledge", "text": "how does nerve damage make the muscles waste away",
            "answer_any": ["nerve"]}
"""A knowledge question of the neurogenic section (an own sentence); ``answer_any`` checked below."""


@pytest.fixture(scope="module")
def engine():
    return Engine(cache_dir=None)


def _row(line, heard, confidence, alternatives=()):
    return {"part": "own", "id": line["id"], "condition": "kitchen10", "voice": "espeak:en-us", "transcript": heard,
            "asr_confidence": confidence, "alternatives": [list(a) for a in alternatives], "floor_dbfs": None,
            "second": None, "line": line}


def test_word_error_rate_counts_edits_over_the_said_words():
    assert cr.word_error_rate("What is muscle atrophy?", "what is muscle atrophy") == 0.0
    assert cr.word_error_rate("what is muscle atrophy", "what is a muscle trophy") == 0.5
    assert cr.word_error_rate("help", "") == 1.0
    assert cr.word_error_rate("", "anything") == 1.0


def test_the_question_answers_right_when_typed(engine):
    row = _row(QUESTION, QUESTION["text"], 1.0)
    assert cr.outcome(engine, row) == "right"


def test_heard_exactly_but_too_faintly_is_refused(engine):
    row = _row(QUESTION, QUESTION["text"], 0.3)
    assert cr.outcome(engine, row) == "refused"
    assert cr.cause(engine, row, "refused") == "refused"


def test_words_wrong_is_not_heard(engine):
    row = _row(QUESTION, "how does the cat make the soup go away", 0.9)
    got = cr.outcome(engine, row)
    assert got == "refused"
    assert cr.cause(engine, row, got) == "not_heard"


def test_a_red_flag_heard_in_its_place_is_the_safety_cause(engine):
    row = _row(QUESTION, "he can't breathe", 0.9)
    assert cr.cause(engine, row, cr.outcome(engine, row)) == "safety"


def test_a_line_the_understanding_misses_typed_is_its_own_cause(engine):
    line = {**QUESTION, "id": "own2", "text": "zzz qqq", "answer_any": ["nerve"]}
    row = _row(line, "zzz qqq", 0.9)
    assert cr.cause(engine, row, cr.outcome(engine, row)) == "typed_fails"
