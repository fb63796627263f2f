"""Interpreter.second_opinion, twenty-first session: the passage guard (:data:`PASSAGE_GUARD`). A passage heard again
in a noisy room any unbiased reading of which carries a red-flag concept by itself gets the confirmation question,
even of a concept the main decode heard asked about; docs/spoken-rejection.md, "Twenty-first round". The hearings
are built by hand (no recognizer is loaded); the sentences are written for these tests."""

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu.interpret import SecondHearing

STROKE_QUESTION = "does a stroke weaken the muscles"
"""What the main decode heard: an article question about a red-flag concept (the rules hold its stroke cancelled)."""
QUESTION = "who wrote the article"
"""An article question that names no red-flag concept."""
STROKE_REPORT = "my grandad is having a stroke in the garden"
"""An unbiased reading that is a stroke by the rules."""
KEYWORD_ONLY = "ambulance please my nan"
"""An unbiased reading no rule reads as a red flag but that holds a spoken red-flag keyword (call for help)."""
ASKED_SEIZURE = "what is a seizure and can it waste the muscles"
"""An unbiased reading whose seizure only the question rule cancels."""
PLAIN = "does a strobe weaken the muscles"
"""An unbiased reading with no red-flag concept at all."""
SAFETY_ONLY = "what causes muscle atrophy"
"""A plain safety-only reading."""
UNDER_BAR = -0.05
"""A safety margin under every rescue bar."""


def _outcome(pipe, text, general, floor_dbfs=KITCHEN_FLOOR_DBFS):
    match = pipe.interpret(text, 0.8)
    heard = SecondHearing((PLAIN, *general), SAFETY_ONLY, UNDER_BAR, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(match, heard, 0.8)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    assert (pipe.interpret(STROKE_QUESTION, 0.8).is_knowledge, pipe.interpret(QUESTION, 0.8).is_knowledge) == (True, True)
    assert sorted(safety.cancelled_concepts(STROKE_QUESTION)) == ["stroke"]
    report = safety.assess(STROKE_REPORT)
    assert (report.intent, report.concept, report.by_net) == ("emergency", "stroke", False)
    assert (safety.assess(KEYWORD_ONLY).is_red_flag, safety.spoken_alarm(KEYWORD_ONLY).concept) == (False, "call_for_help")
    assert (safety.assess(ASKED_SEIZURE).is_red_flag, sorted(safety.cancelled_concepts(ASKED_SEIZURE))) == (False, ["seizure"])
    assert [safety.assess(t).is_red_flag or safety.spoken_alarm(t) is not None for t in (PLAIN, SAFETY_ONLY)] == [False, False]


@pytest.fixture
def off(monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD", 0.0)


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD", 1.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 1.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 0.0)


def test_off_a_concept_the_main_decode_heard_asked_about_keeps_the_passage(pipe, off):
    """The rescue of declined speech drops it (a question about a crisis is not one): so did passages."""
    assert _outcome(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("passage", None, None)
    assert _outcome(pipe, QUESTION, (KEYWORD_ONLY,)) == ("passage", None, None)


def test_on_a_red_flag_in_any_unbiased_reading_asks_instead_of_the_passage(pipe, on):
    assert _outcome(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("confirm_emergency", "stroke", "emergency")


def test_on_a_spoken_keyword_asks_and_level_0_does_not(pipe, on, monkeypatch):
    assert _outcome(pipe, QUESTION, (KEYWORD_ONLY,)) == ("confirm_emergency", "call_for_help", "emergency")
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 0.0)
    assert _outcome(pipe, QUESTION, (KEYWORD_ONLY,)) == ("passage", None, None)


def test_a_question_about_a_red_flag_counts_only_when_asked_is_on(pipe, on, monkeypatch):
    assert _outcome(pipe, QUESTION, (ASKED_SEIZURE,)) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome(pipe, QUESTION, (ASKED_SEIZURE,)) == ("confirm_emergency", "seizure", "emergency")


def test_the_passage_s_own_question_counts_only_at_asked_2(pipe, on, monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome(pipe, STROKE_QUESTION, ()) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 2.0)
    assert _outcome(pipe, STROKE_QUESTION, ()) == ("confirm_emergency", "stroke", "emergency")


def test_plain_readings_keep_the_passage(pipe, on, monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 2.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome(pipe, STROKE_QUESTION, ()) == ("passage", None, None)
    assert _outcome(pipe, QUESTION, ()) == ("passage", None, None)


def test_a_passage_in_a_quiet_room_is_not_heard_again(pipe, on):
    m = pipe.interpret(STROKE_QUESTION, 0.8)
    assert pipe.interpreter.wants_second_opinion(m, 0.8, QUIET_FLOOR_DBFS) is False


def test_declined_speech_is_not_touched_by_the_guard(pipe, on):
    """The guard reads passages only: a question about a stroke that was declined keeps the rescue's own rules."""
    heard = SecondHearing((PLAIN,), SAFETY_ONLY, UNDER_BAR, noisy=True, floor_dbfs=KITCHEN_FLOOR_DBFS)
    fallback = pipe.interpreter.second_opinion(pipe.interpret("can a seizure cause muscle wasting", 0.8), heard, 0.8)
    assert fallback.intent == "fallback"


def test_by_default_the_guard_is_off_and_set_to_keywords_without_questions_or_the_net(pipe):
    assert (rescue.PASSAGE_GUARD, rescue.PASSAGE_GUARD_WORDS, rescue.PASSAGE_GUARD_ASKED, rescue.PASSAGE_GUARD_NET_AT,
            rescue.PASSAGE_GUARD_OWN_NET_AT) == (0.0, 1.0, 0.0, 1.01, 1.01)
    assert _outcome(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("passage", None, None)


def test_the_net_level_reads_unbiased_readings_only_when_set(pipe, on, monkeypatch):
    """A reading no rule flags and the net reads high, under its own bar: counted only from :data:`PASSAGE_GUARD_NET_AT`."""
    reading = "everything feels pointless lately"
    probability = pipe.interpreter.red_flag_probability(reading)
    assert (pipe.understander.safety.assess(reading).intent, probability > 0.5) == ("none", True)
    assert _outcome(pipe, QUESTION, (reading,)) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_NET_AT", probability - 0.01)
    assert _outcome(pipe, QUESTION, (reading,))[0] == "confirm_emergency"
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_NET_AT", probability + 0.01)
    assert _outcome(pipe, QUESTION, (reading,)) == ("passage", None, None)


def test_the_passage_s_own_hypothesis_is_read_by_the_net_only_at_its_own_setting(pipe, on, monkeypatch):
    probability = pipe.interpreter.red_flag_probability(QUESTION)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_OWN_NET_AT", probability + 0.01)
    assert _outcome(pipe, QUESTION, ()) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_OWN_NET_AT", probability - 0.001)
    assert _outcome(pipe, QUESTION, ())[0] == "confirm_emergency"
