"""Interpreter.second_opinion, thirteenth session: an alarm raised on a poorly heard best hypothesis
stands only when the second hearing's unbiased reading holds a red flag; otherwise the one
confirmation question is asked (never an article passage, never nothing). The hearings are built
by hand (no recognizer is loaded); the sentences are written for these tests."""


from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret import SecondHearing


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
