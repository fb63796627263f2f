"""The negation window of the safety context (voice_guide/nlu/safety_negation.py): which words before a phrase may
negate it."""

from __future__ import annotations

import pytest

from voice_guide.nlu import safety_negation


def _window(clause: str, phrase: str, words: int = 4, crisis: bool = False) -> str:
    start = clause.index(phrase)
    return safety_negation.window(clause, start, start + len(phrase), words, crisis)


@pytest.mark.parametrize(("clause", "phrase", "expected"), [
    # the words of the phrase's own statement, at most the window
    ("i do not think he is choking", "choking", "not think he is"),
    # twice the window after an "or"
    ("she denies chest pain or shortness of breath", "shortness of breath", "she denies chest pain or"),
    # never past a reason nor a new subject after "and"
    ("told me not to worry because soon it will all be over", "it will all be over", "soon"),
    ("he can not swallow and her face is droopy", "her face is droopy", ""),
    # never past the start of a new run-on statement
    ("he is not awake i can not wake him", "can not wake him", "i"),
])
def test_the_window_is_the_phrase_s_own_statement(clause, phrase, expected):
    assert _window(clause, phrase) == expected


def test_a_negated_condition_does_not_reach_crisis_talk():
    clause = "if i can not walk again i do not want to be here"
    assert _window(clause, "do not want to be here", words=8, crisis=True) == ""
    assert _window(clause, "do not want to be here", words=8, crisis=False) == "if i can not walk again i"


@pytest.mark.parametrize(("inside", "pattern", "expected"), [
    ("face is not drooping", r"face is drooping", True),
    ("rash and no swelling", r"rash and swelling", True),
    # "not" negates only after a copula; a phrase without its negation must still match
    ("can not breathe", r"can breathe", False),
    ("face is drooping", r"face is drooping", False),
])
def test_a_phrase_that_holds_its_own_negation(inside, pattern, expected):
    assert safety_negation.negated_inside(inside, pattern) is expected
