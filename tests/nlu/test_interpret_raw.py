"""Interpreter.raw_opinion: declined speech that the noise front end denoised, heard once more on the
raw audio (red flags only, always as the confirmation question). The hearings are built by hand (no
recognizer is loaded); the sentences are written for these tests."""

import pytest

from voice_guide.nlu import interpret_rescue as interpret_module
from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu.interpret import SecondHearing


@pytest.fixture()
def raw_on(monkeypatch):
    monkeypatch.setattr(interpret_module, "RAW_HEARING", 1.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_AGREEING_MIN_MARGIN", 0.0)


def _declined(pipe):
    m = pipe.interpret("a kettle on the hob and the radio by the window", 0.4)
    assert m.intent == "fallback"
    return m


NOISY = SecondHearing(("a kettle on the hob and the radio by the window",), "", -1.0, noisy=True)
QUIET = SecondHearing(("a kettle on the hob and the radio by the window",), "", -1.0, noisy=False)


def test_only_declined_speech_of_a_noisy_room_is_heard_raw(pipe, raw_on, monkeypatch):
    declined = _declined(pipe)
    assert pipe.interpreter.wants_raw_hearing(declined, NOISY)
    assert not pipe.interpreter.wants_raw_hearing(declined, QUIET)  # the front end passed the audio through
    answered = pipe.interpret("what is muscle atrophy", 0.9)
    assert answered.is_knowledge and not pipe.interpreter.wants_raw_hearing(answered, NOISY)
    question = pipe.interpret("may i have a large latte with it convulsions", 0.3)
    assert question.intent == "confirm_emergency" and not pipe.interpreter.wants_raw_hearing(question, NOISY)
    monkeypatch.setattr(interpret_module, "RAW_HEARING", 0.0)
    assert not pipe.interpreter.wants_raw_hearing(declined, NOISY)


def test_a_red_flag_in_the_raw_second_hearing_gets_the_question(pipe, raw_on):
    raw = SecondHearing(("a kettle on the hob",), "my daughter is having anaphylaxis", 0.05)
    m = pipe.interpreter.raw_opinion(_declined(pipe), raw)
    assert (m.intent, m.slots, m.section_id) == ("confirm_emergency", {
        "concept": "allergy", "kind": "emergency", "heard": "my daughter is having anaphylaxis"}, None)


def test_a_raw_safety_reading_below_the_bar_changes_nothing(pipe, raw_on):
    declined = _declined(pipe)
    raw = SecondHearing(("a kettle on the hob",), "my daughter is having anaphylaxis", -0.05)
    assert pipe.interpreter.raw_opinion(declined, raw) is declined


def test_an_alarm_of_the_raw_main_decode_is_only_asked_about(pipe, raw_on):
    m = pipe.interpreter.raw_opinion(_declined(pipe), None, (("he is not breathing", 0.9),))
    assert (m.intent, m.slots, m.section_id) == ("confirm_emergency", {
        "concept": "breathing", "kind": "emergency", "heard": "he is not breathing"}, None)


def test_the_raw_audio_never_gives_a_passage_or_a_command(pipe, raw_on):
    declined = _declined(pipe)
    for heard in ("what is muscle atrophy", "next step", "repeat that please"):
        assert pipe.interpreter.raw_opinion(declined, None, ((heard, 0.95),)) is declined


def test_a_rules_red_flag_the_net_also_reads_gets_a_lower_rescue_bar(pipe, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_AGREEING_MIN_MARGIN", 99.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", -0.03)
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_AT", 0.8)
    declined = _declined(pipe)
    reading = "my daughter is having anaphylaxis"
    assert pipe.interpreter.red_flag_probability(reading) >= 0.8
    near = SecondHearing(("a kettle on the hob",), reading, -0.02)
    m = pipe.interpreter.second_opinion(declined, near, 0.4)
    assert (m.intent, m.slots["concept"], m.section_id) == ("confirm_emergency", "allergy", None)
    far = SecondHearing(("a kettle on the hob",), reading, -0.04)
    assert pipe.interpreter.second_opinion(declined, far, 0.4) is declined
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", 99.0)
    assert pipe.interpreter.second_opinion(declined, near, 0.4) is declined
