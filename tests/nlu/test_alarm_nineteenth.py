"""Interpreter.second_opinion, nineteenth session: a passage heard again in a noisy room whose safety-only reading
holds a red flag under the rescue's bar (:data:`VERIFY_KNOWLEDGE_ANY_MARGIN`) or one only the learned net reads
(:data:`VERIFY_KNOWLEDGE_NET_AT`); docs/spoken-rejection.md, "Nineteenth round". The hearings are built by hand (no
recognizer is loaded); the sentences are written for these tests."""

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu.interpret import SecondHearing

QUESTION = "what causes muscle atrophy"
"""What the main decode heard: an article question."""
STROKE_QUESTION = "does a stroke weaken the muscles"
"""An article question about a red-flag concept: the rules hold its stroke cancelled (a question)."""
RULES_READING = "sudden weakness one side face drooping"
"""A safety-only reading the rules read as a stroke."""
NET_READING = "i want my life to go back the way it was"
"""A safety-only reading with no red flag of the rules, which the learned net reads as crisis talk."""
PLAIN = "what cause is muscle a trophy"
"""An unbiased reading with no red flag."""
UNDER_BAR = -0.05
"""A safety margin under every rescue bar (the lowest, for a reading the net backs, is -0.03)."""


def _outcome(pipe, text, safety, margin=UNDER_BAR, floor_dbfs=KITCHEN_FLOOR_DBFS):
    match = pipe.interpret(text, 0.8)
    heard = SecondHearing((PLAIN,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(match, heard, 0.8)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety, interpreter = pipe.understander.safety, pipe.interpreter
    rules, net = safety.assess(RULES_READING), safety.assess(NET_READING)
    assert (rules.intent, rules.concept, rules.by_net) == ("emergency", "stroke", False)
    assert (net.is_red_flag and not net.by_net, interpreter.red_flag_probability(NET_READING) >= 0.8) == (False, True)
    assert (pipe.interpret(QUESTION, 0.8).is_knowledge, pipe.interpret(STROKE_QUESTION, 0.8).is_knowledge) == (True, True)
    assert sorted(safety.cancelled_concepts(STROKE_QUESTION)) == ["stroke"]
    assert not safety.assess(PLAIN).is_red_flag


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", -1.0)
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_NET_AT", 0.8)


def test_off_a_red_flag_under_the_bar_leaves_the_passage(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", 99.0)
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_NET_AT", 1.01)
    assert _outcome(pipe, QUESTION, RULES_READING) == ("passage", None, None)
    assert _outcome(pipe, QUESTION, NET_READING) == ("passage", None, None)


def test_on_a_red_flag_of_the_rules_under_the_bar_asks_instead_of_the_passage(pipe, on):
    assert _outcome(pipe, QUESTION, RULES_READING) == ("confirm_emergency", "stroke", "emergency")


def test_on_a_reading_only_the_net_flags_asks_too(pipe, on):
    assert _outcome(pipe, QUESTION, NET_READING)[0] == "confirm_emergency"


def test_a_concept_the_question_itself_named_keeps_the_passage(pipe, on):
    assert _outcome(pipe, STROKE_QUESTION, RULES_READING) == ("passage", None, None)


def test_a_plain_safety_reading_keeps_the_passage(pipe, on):
    assert _outcome(pipe, QUESTION, PLAIN) == ("passage", None, None)


def test_the_margin_bar_holds(pipe, on, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", -0.03)
    assert _outcome(pipe, QUESTION, RULES_READING, margin=-0.05) == ("passage", None, None)
    assert _outcome(pipe, QUESTION, RULES_READING, margin=-0.02) == ("confirm_emergency", "stroke", "emergency")


def test_a_passage_in_a_quiet_room_is_not_heard_again(pipe, on):
    m = pipe.interpret(QUESTION, 0.8)
    assert pipe.interpreter.wants_second_opinion(m, 0.8, QUIET_FLOOR_DBFS) is False


def test_by_default_both_rules_are_off(pipe):
    assert (rescue.VERIFY_KNOWLEDGE_ANY_MARGIN, rescue.VERIFY_KNOWLEDGE_NET_AT) == (99.0, 1.01)
    assert _outcome(pipe, QUESTION, RULES_READING) == ("passage", None, None)
