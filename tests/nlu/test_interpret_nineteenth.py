"""Interpreter, nineteenth session: a knowledge answer under the passage bar (``asr * understanding`` below
:data:`MIN_KNOWLEDGE_SCORE`) is given when the recognizer's runner-up readings all agree on its section
(:data:`AGREED_KNOWLEDGE_SCORE`, :meth:`Interpreter.nbest_agrees`); docs/recognition.md, "Nineteenth round". The
hypotheses are built by hand (no recognizer is loaded); the sentences are written for these tests."""

import pytest

from voice_guide.nlu import interpret as rules

QUESTION = "how does nerve damage make the muscles waste away"
"""A knowledge question (the neurogenic section), understood with confidence 1 and strong evidence."""
AGREEING = (("how does nerve damage make the muscle waste away", 0.3), ("how does nerve damage make muscles waste away", 0.2))
"""Two runner-up readings of it that the understanding reads as the same section."""
SINGLE_TERM = "what is spasticity"
"""One term: weak evidence (:data:`WEAK_EVIDENCE`)."""
SINGLE_TERM_AGREEING = (("what is spasticity then", 0.3), ("what is the spasticity", 0.2))


def _heard(pipe, text, asr, alternatives=()):
    match = pipe.interpret(text, asr, alternatives)
    return match.intent, match.section_id


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    u = pipe.understander
    readings = [u.understand(t) for t in (QUESTION, *(t for t, _ in AGREEING))]
    assert [(m.intent, m.section_id, m.confidence) for m in readings] == [("ask_neurogenic", "neurogenic", 1.0)] * 3
    assert u.knowledge_evidence(QUESTION, "ask_neurogenic")[0] >= rules.WEAK_EVIDENCE
    term = u.understand(SINGLE_TERM)
    assert term.is_knowledge and u.knowledge_evidence(SINGLE_TERM, term.intent)[0] < rules.WEAK_EVIDENCE
    assert pipe.interpreter.nbest_agrees(term, [(SINGLE_TERM, 0.45), *SINGLE_TERM_AGREEING])  # only the evidence refuses it


def test_a_question_under_the_bar_is_answered_when_its_runner_ups_agree(pipe):
    assert rules.AGREED_KNOWLEDGE_SCORE <= 0.45 < rules.MIN_KNOWLEDGE_SCORE
    assert _heard(pipe, QUESTION, 0.45, AGREEING) == ("ask_neurogenic", "neurogenic")


def test_without_runner_ups_the_bar_stands(pipe):
    assert _heard(pipe, QUESTION, 0.45) == ("fallback", None)
    assert _heard(pipe, QUESTION, 0.45, AGREEING[:1]) == ("fallback", None)  # one reading is not enough


def test_a_runner_up_read_otherwise_vetoes(pipe):
    disagreeing = (AGREEING[0], ("where is the nearest train station", 0.2))
    assert _heard(pipe, QUESTION, 0.45, disagreeing) == ("fallback", None)


def test_runner_ups_heard_too_faintly_do_not_count(pipe):
    faint = tuple((t, rules.MIN_AGREED_READING_CONFIDENCE / 2) for t, _ in AGREEING)
    assert _heard(pipe, QUESTION, 0.45, faint) == ("fallback", None)
    with_one_faint = (*AGREEING, ("where is the nearest train station", rules.MIN_AGREED_READING_CONFIDENCE / 2))
    assert _heard(pipe, QUESTION, 0.45, with_one_faint) == ("ask_neurogenic", "neurogenic")


def test_under_the_agreement_bar_nothing_is_answered(pipe):
    assert _heard(pipe, QUESTION, rules.AGREED_KNOWLEDGE_SCORE - 0.05, AGREEING) == ("fallback", None)


def test_weak_evidence_is_not_vouched_for(pipe):
    assert _heard(pipe, SINGLE_TERM, 0.45, SINGLE_TERM_AGREEING) == ("fallback", None)


def test_off_above_one(pipe, monkeypatch):
    monkeypatch.setattr(rules, "AGREED_KNOWLEDGE_SCORE", 1.01)
    assert _heard(pipe, QUESTION, 0.45, AGREEING) == ("fallback", None)


@pytest.mark.parametrize("asr", [0.6, 0.9])
def test_above_the_bar_nothing_changes(pipe, asr):
    assert _heard(pipe, QUESTION, asr) == ("ask_neurogenic", "neurogenic")
