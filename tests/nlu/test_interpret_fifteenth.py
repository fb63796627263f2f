"""Interpreter.second_opinion, fifteenth session: what of the safety-only reading agrees with an alarm heard
poorly in a noisy room (:data:`VERIFY_AGREED_SAFETY`: 0, a red flag of its concept; 1, also one of its kind;
2, also a reading holding a word of its phrase). Built, measured and left off (docs/spoken-rejection.md,
"Fifteenth round"). The hearings are built by hand (no recognizer is loaded); the sentences are written for
these tests."""


from interpret_support import KITCHEN_FLOOR_DBFS

from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret import SecondHearing

ALARM = "my wife is clutching her chest"
AGREEING = "my wife sells a chest of drawers"
"""An unbiased reading with no red flag but a word of the alarm's phrase ("chest")."""
OTHER_EMERGENCY = "now my wife can not breathe"
CRISIS = "i want to end my life"
ECHO_ONLY = "now my wife has a chest of drawers"
"""A safety-only reading with no red flag but a word of the alarm's phrase."""


def _alarm(pipe, conf=0.62):
    m = pipe.interpret(ALARM, conf)
    assert (m.intent, m.slots) == ("emergency", {"concept": "chest_pain"})
    return m


def _outcome(pipe, safety, floor_dbfs=KITCHEN_FLOOR_DBFS):
    heard = SecondHearing((AGREEING,), safety, -0.004, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(_alarm(pipe), heard, 0.62)
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
