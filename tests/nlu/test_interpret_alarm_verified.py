"""Interpreter.second_opinion on an alarm heard poorly: it stands only when the second hearing backs it
(an unbiased reading holding a red flag, both readings agreeing, what of the safety-only reading agrees);
otherwise the one confirmation question is asked. The hearings are built by hand (no recognizer is loaded);
the sentences are written for these tests."""

from __future__ import annotations

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS

from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret import SecondHearing

# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, thirteenth session: an alarm raised on a poorly heard best hypothesis
# stands only when the second hearing's unbiased reading holds a red flag; otherwise the one
# confirmation question is asked (never an article passage, never nothing). The hearings are built
# by hand (no recognizer is loaded); the sentences are written for these tests.
# ----------------------------------------------------------------------------------------------------


def _alarm(pipe, text="can i get a tall mocha and an overdose", conf=0.62):
    m = pipe.interpret(text, conf)
    assert m.intent == "emergency"
    return m


def test_an_alarm_whose_unbiased_reading_holds_no_red_flag_becomes_the_question(pipe):
    alarm = _alarm(pipe)
    # the safety-only reading names the same concept and scores better than English: the old backing
    heard = SecondHearing(("can i get a tall mocha and an oat milk",), "can i take an overdose", 0.02)
    m = pipe.interpreter.second_opinion(alarm, heard, 0.62)
    assert (m.intent, m.slots, m.section_id) == (
        "confirm_emergency", {"concept": alarm.slots["concept"], "kind": "emergency", "heard": alarm.text}, None)


def test_the_old_backing_kept_that_alarm(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_BY_GENERAL", 0.0)
    heard = SecondHearing(("can i get a tall mocha and an oat milk",), "can i take an overdose", 0.02)
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "emergency"


def test_an_alarm_stands_when_the_unbiased_reading_holds_a_red_flag(pipe):
    alarm = _alarm(pipe)
    heard = SecondHearing(("he has taken an overdose", "can i get a tall mocha"), "", -0.05)
    assert pipe.interpreter.second_opinion(alarm, heard, 0.62) is alarm


def test_a_red_flag_only_in_a_runner_up_of_the_unbiased_reading_backs_nothing_by_default(pipe, monkeypatch):
    heard = SecondHearing(("can i get a tall mocha", "he has taken an overdose"), "", -0.05)
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "confirm_emergency"
    monkeypatch.setattr(verify, "VERIFY_DIRECT_RUNNER_UPS", 1.0)
    assert pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62).intent == "emergency"


def test_an_unbiased_reading_of_the_other_kind_backs_nothing_by_default(pipe, monkeypatch):
    alarm = _alarm(pipe)
    crisis = "i do not want to be alive anymore"
    assert pipe.understander.safety.assess(crisis).intent == "crisis"
    heard = SecondHearing((crisis,), "", -0.05)
    assert pipe.interpreter.second_opinion(alarm, heard, 0.62).intent == "confirm_emergency"
    monkeypatch.setattr(verify, "VERIFY_DIRECT_SAME", 0.0)
    assert pipe.interpreter.second_opinion(alarm, heard, 0.62) is alarm


def test_a_crisis_heard_poorly_is_asked_about_as_a_crisis(pipe):
    alarm = pipe.interpret("i want to end my life", 0.6)
    assert alarm.intent == "crisis"
    heard = SecondHearing(("one medium latte please",), "i want to end my life", 0.01)
    m = pipe.interpreter.second_opinion(alarm, heard, 0.6)
    assert (m.intent, m.slots["kind"], m.section_id) == ("confirm_emergency", "crisis", None)


def test_alarms_are_heard_again_below_the_bar_only(pipe):
    alarm = _alarm(pipe, conf=0.72)
    assert verify.VERIFY_DIRECT_BELOW > 0.72
    assert pipe.interpreter.wants_second_opinion(alarm, 0.72)
    assert not pipe.interpreter.wants_second_opinion(alarm, verify.VERIFY_DIRECT_BELOW)
    heard = SecondHearing(("can i get a tall mocha and an oat milk",), "", -0.05)
    assert pipe.interpreter.second_opinion(alarm, heard, 0.9) is alarm  # heard clearly: answered at once


# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, fourteenth session: an alarm heard poorly in a noisy room stands when both
# readings of the second hearing agree with it (the safety-only reading names its concept, the unbiased best
# path holds a word of its phrase; :data:`VERIFY_DIRECT_AGREED`); otherwise the one confirmation question is
# asked, as before. The hearings are built by hand (no recognizer is loaded); the sentences are written for
# these tests.
# ----------------------------------------------------------------------------------------------------


ALARM = "my wife is clutching her chest"
SAFETY_READING = "now my wife is clutching her chest"
AGREEING = "my wife sells a chest of drawers"
"""An unbiased reading with no red flag but a word of the alarm's phrase ("chest")."""
NOT_AGREEING = "my wife is touching the rest"


@pytest.fixture
def agreed(monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_AGREED", 1.0)


def _alarm_both_agree(pipe, text=ALARM, conf=0.62):
    m = pipe.interpret(text, conf)
    assert (m.intent, m.slots) == ("emergency", {"concept": "chest_pain"})
    return m


def _heard(general, safety=SAFETY_READING, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing(general, safety, -0.004, noisy=True, floor_dbfs=floor_dbfs)


def test_the_hand_made_unbiased_readings_hold_no_red_flag(pipe):
    for text in (AGREEING, NOT_AGREEING):
        assert not pipe.understander.safety.assess(text).is_red_flag


def test_an_alarm_both_readings_agree_with_stands_in_a_noisy_room(pipe, agreed):
    alarm = _alarm_both_agree(pipe)
    assert pipe.interpreter.second_opinion(alarm, _heard((AGREEING,)), 0.62) is alarm


def test_without_the_rule_that_alarm_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_AGREED", 0.0)
    alarm = _alarm_both_agree(pipe)
    m = pipe.interpreter.second_opinion(alarm, _heard((AGREEING,)), 0.62)
    assert (m.intent, m.slots, m.section_id) == (
        "confirm_emergency", {"concept": "chest_pain", "kind": "emergency", "heard": alarm.text}, None)


def test_in_a_quiet_room_agreement_is_not_enough(pipe, agreed):
    heard = _heard((AGREEING,), floor_dbfs=-80.0)
    assert pipe.interpreter.second_opinion(_alarm_both_agree(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_phrase_word_only_in_a_runner_up_of_the_unbiased_reading_is_not_agreement(pipe, agreed):
    heard = _heard((NOT_AGREEING, AGREEING))
    assert pipe.interpreter.second_opinion(_alarm_both_agree(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_safety_reading_of_another_concept_is_not_agreement(pipe, agreed):
    other = "now my wife can not breathe"
    assert pipe.understander.safety.assess(other).concept not in (None, "chest_pain")
    heard = _heard((AGREEING,), safety=other)
    assert pipe.interpreter.second_opinion(_alarm_both_agree(pipe), heard, 0.62).intent == "confirm_emergency"


def test_a_safety_reading_with_no_red_flag_is_not_agreement(pipe, agreed):
    heard = _heard((AGREEING,), safety=NOT_AGREEING)
    assert not pipe.understander.safety.assess(NOT_AGREEING).is_red_flag
    assert pipe.interpreter.second_opinion(_alarm_both_agree(pipe), heard, 0.62).intent == "confirm_emergency"


def test_no_second_hearing_word_of_the_phrase_is_not_agreement(pipe, agreed):
    heard = _heard((NOT_AGREEING,))
    assert pipe.interpreter.second_opinion(_alarm_both_agree(pipe), heard, 0.62).intent == "confirm_emergency"


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


# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, fifteenth session: what of the safety-only reading agrees with an alarm heard
# poorly in a noisy room (:data:`VERIFY_AGREED_SAFETY`: 0, a red flag of its concept; 1, also one of its kind;
# 2, also a reading holding a word of its phrase). Built, measured and left off (docs/spoken-rejection.md,
# "Fifteenth round"). The hearings are built by hand (no recognizer is loaded); the sentences are written for
# these tests.
# ----------------------------------------------------------------------------------------------------


OTHER_EMERGENCY = "now my wife can not breathe"
CRISIS = "i want to end my life"
ECHO_ONLY = "now my wife has a chest of drawers"
"""A safety-only reading with no red flag but a word of the alarm's phrase."""


def _alarm_agreed_safety(pipe, conf=0.62):
    m = pipe.interpret(ALARM, conf)
    assert (m.intent, m.slots) == ("emergency", {"concept": "chest_pain"})
    return m


def _outcome(pipe, safety, floor_dbfs=KITCHEN_FLOOR_DBFS):
    heard = SecondHearing((AGREEING,), safety, -0.004, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(_alarm_agreed_safety(pipe), heard, 0.62)
    assert m.section_id is None
    return m.intent


def test_the_hand_made_safety_readings_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    other, crisis, echo = (safety.assess(t) for t in (OTHER_EMERGENCY, CRISIS, ECHO_ONLY))
    assert (other.intent, other.concept != "chest_pain") == ("emergency", True)
    assert crisis.intent == "crisis"
    assert not echo.is_red_flag


def test_by_default_only_a_red_flag_of_the_alarms_concept_agrees(pipe):
    assert verify.VERIFY_AGREED_SAFETY == 0.0 and verify.VERIFY_DIRECT_AGREED == 1.0
    outcomes = [_outcome(pipe, s) for s in (OTHER_EMERGENCY, CRISIS, ECHO_ONLY)]
    assert outcomes == ["confirm_emergency"] * 3


def test_at_one_a_red_flag_of_the_alarms_kind_agrees_but_not_another_kind(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_SAFETY", 1.0)
    outcomes = [_outcome(pipe, s) for s in (OTHER_EMERGENCY, CRISIS, ECHO_ONLY)]
    assert outcomes == ["emergency", "confirm_emergency", "confirm_emergency"]


def test_at_two_a_reading_echoing_the_alarms_phrase_agrees_too(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_SAFETY", 2.0)
    outcomes = [_outcome(pipe, s) for s in (OTHER_EMERGENCY, CRISIS, ECHO_ONLY)]
    assert outcomes == ["emergency", "confirm_emergency", "emergency"]


def test_in_a_quiet_room_no_setting_lets_the_alarm_stand(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_AGREED_SAFETY", 2.0)
    outcomes = [_outcome(pipe, s, floor_dbfs=-80.0) for s in (OTHER_EMERGENCY, ECHO_ONLY)]
    assert outcomes == ["confirm_emergency"] * 2
