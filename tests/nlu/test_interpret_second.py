"""Interpreter.second_opinion: a suspected utterance heard again (an unbiased reading, a
safety-only reading and how much better the latter scores). The hearings are built by hand
(no recognizer is loaded); the sentences are written for these tests."""

import pytest

from voice_guide.nlu import interpret_rescue as interpret_module
from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret import SecondHearing


@pytest.fixture()
def verify_on(monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_QUESTIONS", 1.0)
    monkeypatch.setattr(verify, "VERIFY_MIN_MARGIN", 0.0)


@pytest.fixture()
def rescue_on(monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)


def _question(pipe):
    m = pipe.interpret("may i have a large latte with it convulsions", 0.3)
    assert m.intent == "confirm_emergency"
    return m


def test_a_question_the_unbiased_reading_does_not_back_is_dropped(pipe, verify_on):
    heard = SecondHearing(("may i have a large latte with extra foam",), "there is blood everywhere", -0.05)
    m = pipe.interpreter.second_opinion(_question(pipe), heard)
    assert (m.intent, m.section_id) == ("fallback", None)


def test_a_question_is_kept_when_the_unbiased_reading_holds_a_red_flag(pipe, verify_on):
    heard = SecondHearing(("i think", "i think she is having convulsions"), "she is having convulsions", -0.05)
    assert pipe.interpreter.second_opinion(_question(pipe), heard).intent == "confirm_emergency"


def test_a_question_is_kept_when_the_safety_reading_names_the_same_concept(pipe, verify_on):
    question = _question(pipe)
    heard = SecondHearing(("a large latte",), "he is having convulsions", -0.05)
    assert pipe.understander.safety.assess("he is having convulsions").concept == question.slots["concept"]
    assert pipe.interpreter.second_opinion(question, heard).intent == "confirm_emergency"


def test_a_question_is_kept_when_the_safety_reading_explains_the_audio_better(pipe, verify_on):
    heard = SecondHearing(("a large latte",), "call an ambulance", 0.02)
    assert pipe.interpreter.second_opinion(_question(pipe), heard).intent == "confirm_emergency"


def test_with_verification_off_every_question_stands(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_QUESTIONS", 0.0)
    heard = SecondHearing(("a large latte",), "", -1.0)
    assert pipe.interpreter.second_opinion(_question(pipe), heard).intent == "confirm_emergency"


def test_declined_speech_whose_safety_reading_wins_gets_the_question(pipe, rescue_on):
    declined = pipe.interpret("my daughter is having a the leg six", 0.3)
    assert declined.intent == "fallback"
    heard = SecondHearing(("my daughter is having a bath",), "my daughter is having anaphylaxis", 0.05)
    m = pipe.interpreter.second_opinion(declined, heard)
    assert (m.intent, m.slots["concept"], m.slots["heard"], m.section_id) == (
        "confirm_emergency", "allergy", "my daughter is having anaphylaxis", None)


def test_a_safety_reading_that_scores_worse_than_english_rescues_nothing(pipe, rescue_on):
    declined = pipe.interpret("my daughter is having a the leg six", 0.3)
    heard = SecondHearing(("my daughter is having a bath",), "my daughter is having anaphylaxis", -0.05)
    assert pipe.interpreter.second_opinion(declined, heard).intent == "fallback"


def test_answers_and_commands_are_not_heard_again(pipe, rescue_on, verify_on):
    answer = pipe.interpret("what causes muscle atrophy", 0.9)
    assert answer.is_knowledge and not pipe.interpreter.wants_second_opinion(answer)
    command = pipe.interpret("next step", 0.9)
    assert not pipe.interpreter.wants_second_opinion(command)
    heard = SecondHearing(("what causes muscle atrophy",), "call an ambulance", 1.0)
    assert pipe.interpreter.second_opinion(answer, heard) is answer


def test_questions_are_not_verified_by_default(pipe):
    """A red flag in any hypothesis gets the question (issue 10 item 4): verification is off."""
    heard = SecondHearing(("may i have a large latte with extra foam",), "there is blood everywhere", -0.05)
    question = _question(pipe)
    assert not pipe.interpreter.wants_second_opinion(question)
    assert pipe.interpreter.second_opinion(question, heard).intent == "confirm_emergency"


def test_a_poorly_heard_alarm_the_second_hearing_does_not_back_becomes_the_question(pipe, monkeypatch):
    monkeypatch.setattr(verify, "VERIFY_DIRECT_BELOW", 0.7)
    alarm = pipe.interpret("he is having convulsions", 0.6)
    assert alarm.intent == "emergency" and pipe.interpreter.wants_second_opinion(alarm, 0.6)
    unbacked = SecondHearing(("give me a large latte",), "there is blood everywhere", -0.05)
    m = pipe.interpreter.second_opinion(alarm, unbacked, 0.6)
    assert (m.intent, m.slots["concept"], m.section_id) == ("confirm_emergency", "seizure", None)
    backed = SecondHearing(("he is having convulsions",), "he is having convulsions", 0.02)
    assert pipe.interpreter.second_opinion(alarm, backed, 0.6).intent == "emergency"
    assert not pipe.interpreter.wants_second_opinion(alarm, 0.9)  # heard clearly: answered at once


def test_declined_speech_whose_unbiased_reading_is_a_red_flag_gets_the_question(pipe):
    declined = pipe.interpret("month of the floor and can it get so tv their since this morning", 0.5)
    assert declined.intent == "fallback"
    heard = SecondHearing(("the investment lord and can't get up he has been there since this morning",),
                          "grandad on the floor", -0.02)
    m = pipe.interpreter.second_opinion(declined, heard, 0.5)
    assert (m.intent, m.slots["concept"], m.section_id) == ("confirm_emergency", "head_injury", None)


def test_an_unbiased_reading_does_not_reopen_a_red_flag_the_main_decode_heard_as_a_question(pipe, monkeypatch):
    declined = pipe.interpret("is shortness of breath a symptom of muscle atrophy", 0.8)
    assert declined.intent != "confirm_emergency" and pipe.interpreter.wants_second_opinion(declined, 0.8)
    heard = SecondHearing(("his shortness of breath a symptom of muscle atrophy",), "", -0.05)
    assert pipe.interpreter.second_opinion(declined, heard, 0.8).intent == declined.intent
    monkeypatch.setattr(rescue_readings, "RESCUE_FROM_GENERAL", 0.0)
    other = SecondHearing(("he can't breathe",), "", -0.05)
    assert pipe.interpreter.second_opinion(declined, other, 0.8).intent == declined.intent


def test_a_spoken_medical_advice_decline_is_heard_again(pipe, monkeypatch):
    advice = pipe.interpret("my daughter is having an advil exist", 0.8)
    assert advice.intent == "medical_advice" and pipe.interpreter.wants_second_opinion(advice, 0.8)
    heard = SecondHearing(("my daughter is having an advil",), "my daughter is having anaphylaxis", 0.048)
    assert pipe.interpreter.second_opinion(advice, heard, 0.8).intent == "confirm_emergency"
    monkeypatch.setattr(interpret_module, "RESCUE_MEDICAL_ADVICE", 0.0)
    assert not pipe.interpreter.wants_second_opinion(advice, 0.8)


def test_in_a_noisy_room_a_safety_reading_just_below_english_gets_the_question(pipe, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_NOISY_MIN_MARGIN", -0.02)
    monkeypatch.setattr(rescue_readings, "RESCUE_AGREEING_MIN_MARGIN", 99.0)
    declined = pipe.interpret("wife has been his until the garden disease eleven", 0.44)
    assert declined.intent == "fallback"
    reading = ("a nice cup of tea and the kettle",)
    quiet = SecondHearing(reading, "she wants to go to sleep for ever", -0.015)
    assert pipe.interpreter.second_opinion(declined, quiet, 0.44).intent == "fallback"
    noisy = SecondHearing(reading, "she wants to go to sleep for ever", -0.015, noisy=True)
    m = pipe.interpreter.second_opinion(declined, noisy, 0.44)
    assert (m.intent, m.slots["kind"], m.slots["heard"], m.section_id) == (
        "confirm_emergency", "crisis", "she wants to go to sleep for ever", None)
    far = SecondHearing(reading, "she wants to go to sleep for ever", -0.03, noisy=True)
    assert pipe.interpreter.second_opinion(declined, far, 0.44).intent == "fallback"


def test_a_safety_reading_whose_phrase_another_reading_heard_gets_a_lower_bar(pipe, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_NOISY_MIN_MARGIN", 99.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_AGREEING_MIN_MARGIN", -0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", 99.0)  # the echo rule alone
    declined = pipe.interpret("a tumble swelling of activity on tv all day", 0.39)
    assert declined.intent == "fallback"
    echoed = SecondHearing(("the table settling of activity",), "tongue is swelling up", -0.005)
    m = pipe.interpreter.second_opinion(declined, echoed, 0.39)
    assert (m.intent, m.slots["concept"], m.section_id) == ("confirm_emergency", "allergy", None)
    other = pipe.interpret("a table settling of activity on tv all day", 0.39)
    assert other.intent == "fallback"
    assert pipe.interpreter.second_opinion(other, echoed, 0.39).intent == "fallback"


def test_phrase_echoed_needs_a_content_word_of_the_phrase(pipe):
    echoed = pipe.interpreter.phrase_echoed
    assert echoed("tongue is swelling", ("a tumble swelling of activity",))
    assert not echoed("tongue is swelling", ("it is a tumble of activity", ""))
    assert not echoed("is in", ("it is in the kitchen",))  # stopwords and short words do not count


def test_by_default_an_echoed_phrase_needs_only_to_score_as_well_as_english(pipe, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", 99.0)  # the echo rule alone
    declined = pipe.interpret("a tumble swelling of activity on tv all day", 0.39)
    echoed = SecondHearing(("the table settling of activity",), "tongue is swelling up", 0.001, noisy=True)
    assert pipe.interpreter.second_opinion(declined, echoed, 0.39).intent == "confirm_emergency"
    below = SecondHearing(("the table settling of activity",), "tongue is swelling up", -0.001, noisy=True)
    assert pipe.interpreter.second_opinion(declined, below, 0.39).intent == "fallback"


def test_a_red_flag_word_heard_as_a_sound_alike_is_asked_about_when_the_rule_is_on(pipe, monkeypatch):
    # "my son is joking" itself now gets the question from the learned net (0.80), so the pair is sitting/fitting
    lexicon = {"fitting": ("F", "IH", "T", "IH", "NG"), "sitting": ("S", "IH", "T", "IH", "NG"),
               "my": ("M", "AY"), "son": ("S", "AH", "N"), "is": ("IH", "Z"), "not": ("N", "AA", "T")}
    interpreter = pipe.engine.interpreter
    monkeypatch.setattr(interpreter, "sounds", None)
    interpreter.use_pronunciations(lexicon)
    declined = pipe.interpret("my son is sitting", 0.3)
    heard = SecondHearing(("my son is sitting",), "", -0.5)
    monkeypatch.setattr(interpret_module, "SOUND_ALIKE_MAX_SHARE", 0.0)
    assert interpreter.second_opinion(declined, heard, 0.3) == declined
    monkeypatch.setattr(interpret_module, "SOUND_ALIKE_MAX_SHARE", 0.25)
    m = interpreter.second_opinion(declined, heard, 0.3)
    assert (m.intent, m.slots, m.text) == ("confirm_emergency", {"concept": "seizure", "kind": "emergency",
                                                                "heard": "my son is fitting"}, "my son is fitting")
    no = SecondHearing(("my son is not sitting",), "", -0.5)  # the rewrite is read with its context: negated
    assert interpreter.second_opinion(pipe.interpret("my son is not sitting", 0.3), no, 0.3).intent == "fallback"


def test_in_a_loud_room_a_safety_reading_just_below_english_gets_the_question(pipe, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_MIN_MARGIN", 0.01)
    monkeypatch.setattr(rescue_readings, "RESCUE_AGREEING_MIN_MARGIN", 99.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_SUSPECTED_MIN_MARGIN", 99.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_LOUD_MIN_MARGIN", -0.02)
    monkeypatch.setattr(rescue_readings, "RESCUE_LOUD_FLOOR_DBFS", -30.0)
    declined = pipe.interpret("wife has been his until the garden disease eleven", 0.44)
    assert declined.intent == "fallback"
    reading = ("a nice cup of tea and the kettle",)
    loud = SecondHearing(reading, "she wants to go to sleep for ever", -0.015, True, -25.0)
    assert pipe.interpreter.second_opinion(declined, loud, 0.44).intent == "confirm_emergency"
    quieter = SecondHearing(reading, "she wants to go to sleep for ever", -0.015, True, -35.0)
    assert pipe.interpreter.second_opinion(declined, quieter, 0.44).intent == "fallback"
    unknown = SecondHearing(reading, "she wants to go to sleep for ever", -0.015, True, None)
    assert pipe.interpreter.second_opinion(declined, unknown, 0.44).intent == "fallback"


def test_a_spotted_red_flag_phrase_is_asked_about_when_the_rule_is_on(pipe, monkeypatch):
    declined = pipe.interpret("the cat sat on the mat near the window sill", 0.3)
    assert declined.intent == "fallback"
    heard = SecondHearing(("the cat sat on the mat",), "", -0.5, spotted=("choking",))
    monkeypatch.setattr(interpret_module, "RESCUE_SPOTTED", 0.0)
    assert pipe.interpreter.second_opinion(declined, heard, 0.3).intent == "fallback"
    monkeypatch.setattr(interpret_module, "RESCUE_SPOTTED", 1.0)
    m = pipe.interpreter.second_opinion(declined, heard, 0.3)
    assert (m.intent, m.slots["concept"], m.section_id) == ("confirm_emergency", "choking", None)
    negated = pipe.interpret("he is not choking on anything at the moment", 0.3)  # cancelled in the main decode
    assert negated.intent == "fallback"
    assert pipe.interpreter.second_opinion(negated, heard, 0.3).intent == "fallback"
