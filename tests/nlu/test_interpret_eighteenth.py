"""Interpreter, eighteenth session: two rules that ask fewer near misses about after a second hearing, built and
left off (they lost held-out red flags): :data:`RESCUE_HEARD_CANCELLED` (a safety-only red flag of a concept the main
decode heard cancelled by context rescues nothing) and :data:`RESCUE_RULES_ONLY_IN_NOISE` (in a noisy room a red flag
only the learned net reads in a second-hearing reading rescues nothing); docs/spoken-rejection.md, "Eighteenth round". The hypotheses and hearings
are built by hand (no recognizer is loaded); the sentences are written for these tests."""

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu.interpret import SecondHearing

HISTORY = "my uncle had chest pain ten years ago and has been fine since"
"""A history: the rules hold its chest pain cancelled."""
HISTORY_SAFETY = "uncle chest pain tent fine since"
"""What a safety-only search could make of it: a live chest pain."""
QUESTION = "can a sore ankle mean a blood clot"
QUESTION_SAFETY = "sore ankle mean a blood clot"
NET_ONLY = "i want my life to go back the way it was"
"""No red flag of the rules; the learned net reads crisis talk."""
RULES_CRISIS = "i cannot go on like this with the garden"
PLAIN = "the garden shed door is painted blue"


def _heard(general=PLAIN, safety=PLAIN, margin=0.02, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing((general,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)


def _second(pipe, text, heard, asr=0.7):
    return pipe.interpreter.second_opinion(pipe.interpret(text, asr), heard, asr)


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    assert (safety.assess(HISTORY).is_red_flag, sorted(safety.cancelled_concepts(HISTORY))) == (False, ["chest_pain"])
    assert (safety.assess(QUESTION).is_red_flag, sorted(safety.cancelled_concepts(QUESTION))) == (False, ["blood_clot"])
    assert (safety.assess(HISTORY_SAFETY).concept, safety.assess(HISTORY_SAFETY).by_net) == ("chest_pain", False)
    assert (safety.assess(QUESTION_SAFETY).concept, safety.assess(QUESTION_SAFETY).by_net) == ("blood_clot", False)
    net_only, rules = safety.assess(NET_ONLY), safety.assess(RULES_CRISIS)
    assert (net_only.kind.value, net_only.by_net, rules.kind.value, rules.by_net) == ("crisis", True, "crisis", False)
    assert [pipe.interpret(t, 0.7).intent for t in (HISTORY, QUESTION, PLAIN)] == ["fallback", "out_of_scope", "fallback"]


@pytest.fixture
def rules_on(monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_HEARD_CANCELLED", 1.0)
    monkeypatch.setattr(rescue_readings, "RESCUE_RULES_ONLY_IN_NOISE", 1.0)


def test_by_default_both_rules_are_off_and_a_history_is_rescued(pipe):
    assert (rescue_readings.RESCUE_HEARD_CANCELLED, rescue_readings.RESCUE_RULES_ONLY_IN_NOISE) == (0.0, 0.0)
    m = _second(pipe, HISTORY, _heard(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept")) == ("confirm_emergency", "chest_pain")
    assert _second(pipe, PLAIN, _heard(general=NET_ONLY)).intent == "confirm_emergency"


def test_a_history_heard_well_is_not_rescued_by_its_own_concept(pipe, rules_on):
    assert _second(pipe, HISTORY, _heard(safety=HISTORY_SAFETY)).intent == "fallback"


def test_a_question_heard_well_keeps_its_decline(pipe, rules_on):
    m = _second(pipe, QUESTION, _heard(safety=QUESTION_SAFETY))
    assert m.intent == "out_of_scope"


def test_a_safety_only_red_flag_of_another_concept_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept"), m.slots.get("heard")) == ("confirm_emergency", "chest_pain", HISTORY_SAFETY)


def test_a_best_hypothesis_heard_below_the_bar_does_not_cancel(pipe, rules_on, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_HEARD_CANCELLED_MIN_ASR", 0.8)
    m = _second(pipe, HISTORY, _heard(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept")) == ("confirm_emergency", "chest_pain")


def test_in_a_noisy_room_a_reading_only_the_net_flags_rescues_nothing(pipe, rules_on):
    assert _second(pipe, PLAIN, _heard(general=NET_ONLY)).intent == "fallback"
    assert _second(pipe, PLAIN, _heard(safety=NET_ONLY)).intent == "fallback"


def test_in_a_quiet_room_a_reading_only_the_net_flags_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard(general=NET_ONLY, floor_dbfs=QUIET_FLOOR_DBFS))
    assert (m.intent, m.slots.get("kind"), m.slots.get("heard")) == ("confirm_emergency", "crisis", NET_ONLY)


def test_in_a_noisy_room_a_reading_the_rules_flag_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard(general=RULES_CRISIS))
    assert (m.intent, m.slots.get("kind"), m.slots.get("heard")) == ("confirm_emergency", "crisis", RULES_CRISIS)

