"""Interpreter.second_opinion, fourteenth session: an alarm heard poorly in a noisy room stands when both
readings of the second hearing agree with it (the safety-only reading names its concept, the unbiased best
path holds a word of its phrase; :data:`VERIFY_DIRECT_AGREED`); otherwise the one confirmation question is
asked, as before. The hearings are built by hand (no recognizer is loaded); the sentences are written for
these tests."""

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS

from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret import SecondHearing

ALARM = "my wife is clutching her chest"
SAFETY_READING = "now my wife is clutching her chest"
AGREEING = "my wife sells a chest of drawers"
"""An unbiased reading with no red flag but a word of the alarm's phrase ("chest")."""
NOT_AGREEING = "my wife is touching the rest"


@pytest.fixture
def agreed(monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_AGREED", 1.0)


def _alarm(pipe, text=ALARM, conf=0.62):
    m = pipe.interpret(text, conf)
    assert (m.intent, m.slots) == ("emergency", {"concept": "chest_pain"})
    return m


def _heard(general, safety=SAFETY_READING, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing(general, safety, -0.004, noisy=True, floor_dbfs=floor_dbfs)


def test_the_hand_made_unbiased_readings_hold_no_red_flag(pipe):
    for text in (AGREEING, NOT_AGREEING):
        assert not pipe.understander.safety.assess(text).is_red_flag


def test_an_alarm_both_readings_agree_with_stands_in_a_noisy_room(pipe, agreed):
    alarm = _alarm(pipe)
    assert pipe.interpreter.second_opinion(alarm, _heard((AGREEING,)), 0.62) is alarm


def test_without_the_rule_that_alarm_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_AGREED", 0.0)
    alarm = _alarm(pipe)
    m = pipe.interpreter.second_opinion(alarm, _heard((AGREEING,)), 0.62)
    assert (m.intent, m.slots, m.section_id) == (
        "confirm_emergency", {"concept": "chest_pain", "kind": "emergency", "heard": alarm.text}, None)


def test_in_a_quiet_room_agreement_is_not_enough(pipe, agreed):
    heard = _heard((AGREEING,), floor_dbfs=-80.0)
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_phrase_word_only_in_a_runner_up_of_the_unbiased_reading_is_not_agreement(pipe, agreed):
    heard = _heard((NOT_AGREEING, AGREEING))
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_safety_reading_of_another_concept_is_not_agreement(pipe, agreed):
    other = "now my wife can not breathe"
    assert pipe.understander.safety.assess(other).concept not in (None, "chest_pain")
    heard = _heard((AGREEING,), safety=other)
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_safety_reading_with_no_red_flag_is_not_agreement(pipe, agreed):
    heard = _heard((AGREEING,), safety=NOT_AGREEING)
    assert not pipe.understander.safety.assess(NOT_AGREEING).is_red_flag
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"


def test_no_second_hearing_word_of_the_phrase_is_not_agreement(pipe, agreed):
    heard = _heard((NOT_AGREEING,))
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"


def _question(pipe, conf=0.45):
    m = pipe.interpret(ALARM, conf)
    assert (m.intent, m.slots["concept"]) == ("confirm_emergency", "chest_pain")  # under the direct-alarm bar
    return m


def test_questions_are_not_heard_again_by_default(pipe):
    assert verify.VERIFY_AGREED_QUESTIONS == 0.0 and verify.VERIFY_QUESTIONS == 0.0
    assert not pipe.interpreter.wants_second_opinion(_question(pipe), 0.45)


def test_a_question_both_readings_agree_with_becomes_the_alarm_when_switched_on(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_QUESTIONS", 1.0)
    question = _question(pipe)
    assert pipe.interpreter.wants_second_opinion(question, 0.45)
    m = pipe.interpreter.second_opinion(question, _heard((AGREEING,)), 0.45)
    assert (m.intent, m.slots, m.text, m.section_id) == ("emergency", {"concept": "chest_pain"}, ALARM, None)


def test_a_question_the_readings_do_not_agree_with_stays_the_question(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_QUESTIONS", 1.0)
    question = _question(pipe)
    assert pipe.interpreter.second_opinion(question, _heard((NOT_AGREEING,)), 0.45) is question
    assert pipe.interpreter.second_opinion(question, _heard((AGREEING,), floor_dbfs=-80.0), 0.45) is question


def test_a_question_heard_below_its_bar_stays_the_question(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_QUESTIONS", 1.0)
    monkeypatch.setattr(verify, "VERIFY_AGREED_QUESTIONS_MIN_ASR", 0.5)
    question = _question(pipe)
    assert pipe.interpreter.second_opinion(question, _heard((AGREEING,)), 0.45) is question
