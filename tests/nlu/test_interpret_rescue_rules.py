"""Interpreter.second_opinion's rescue rules: red flags noise turns into a question, runner-ups and
safety-only readings only the learned net suspects, the rules built and left off (a concept heard cancelled,
rules only in noise), and key phrases the red-flag spotter found. The hypotheses and hearings are built by
hand (no recognizer is loaded); the sentences are written for these tests."""

from __future__ import annotations

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu import interpret_safety
from voice_guide.nlu.interpret import SecondHearing
from voice_guide.stt.pocketsphinx.keywords import RED_FLAG_CONCEPT_KEYPHRASES, keyphrase_concept

# ----------------------------------------------------------------------------------------------------
# Interpreter, seventeenth session: red flags that noise turns into a question about a condition, runner-ups
# only
# the learned net suspects, and safety-only readings only the net suspects (:data:`QUESTION_IN_NOISE`,
# :data:`RUNNER_UP_SUSPECTED_AT`, :data:`RESCUE_NET_MIN_MARGIN`; docs/spoken-rejection.md, "Seventeenth round").
# The hypotheses and hearings are built by hand (no recognizer is loaded); the sentences are written for these
# tests.
# ----------------------------------------------------------------------------------------------------


MISHEARD = "what is the point of the walk and she says she feels faint and the room is spinning"
"""A report whose first words noise made a question's: the rules read the whole as a question about fainting."""
SUSPECTED = "what is the name of the park and she says she feels really faint"
"""No live red flag of the rules (the question cancels it), but the learned net suspects one. (Until the tune28
rebuild, ea2da72, the sentence said "he says he feels faint"; the refitted net gives that 0.82, just under its
question, and "she says she feels faint" 0.85; until the tune43 refit, dd5a1bb, the sentence said that, now 0.82
and no question: "she feels really faint" 0.91, the question.)"""
NEAR_MISSES = ("could breathlessness be caused by weak chest muscles", "what's the difference between fainting and a seizure")
PLAIN = "the garden shed door is painted blue"


def _heard(general=PLAIN, safety=PLAIN, margin=-0.05, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing((general,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    misheard, suspected = safety.assess(MISHEARD), safety.assess(SUSPECTED)
    assert (misheard.is_red_flag, sorted(safety.cancelled_concepts(MISHEARD))) == (False, ["collapse"])
    assert (suspected.kind.value, suspected.by_net) == ("confirm_emergency", True)
    assert pipe.interpreter.red_flag_probability(SUSPECTED) >= 0.8
    assert not safety.assess(PLAIN).is_red_flag and pipe.interpreter.red_flag_probability(PLAIN) < 0.5


def test_the_report_after_a_misheard_question_is_found(pipe):
    report = pipe.interpreter.without_question_start(MISHEARD)
    assert report == "she says she feels faint and the room is spinning"
    assert pipe.understander.safety.assess(report).concept == "collapse"


def test_a_question_about_a_condition_has_no_report_after_it(pipe):
    assert [pipe.interpreter.without_question_start(t) for t in NEAR_MISSES] == [None, None]
    assert pipe.interpreter.without_question_start(PLAIN) is None


def test_by_default_a_misheard_question_in_a_noisy_room_gets_the_question(pipe):
    assert rescue.QUESTION_IN_NOISE == 1.0
    declined = pipe.interpret(MISHEARD, 0.7)
    assert declined.intent == "fallback"
    m = pipe.interpreter.second_opinion(declined, _heard(), 0.7)
    assert (m.intent, m.slots.get("concept"), m.slots.get("heard")) == ("confirm_emergency", "collapse", MISHEARD)


def test_in_a_quiet_room_a_question_stays_a_question(pipe):
    declined = pipe.interpret(MISHEARD, 0.7)
    m = pipe.interpreter.second_opinion(declined, _heard(floor_dbfs=QUIET_FLOOR_DBFS), 0.7)
    assert m.intent == "fallback"


def test_the_misheard_question_rule_can_be_turned_off(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "QUESTION_IN_NOISE", 0.0)
    # the report the net suspects in the declined hypothesis is asked about by NOISY_NET_SUSPECTED_AT too (34th round)
    monkeypatch.setattr(rescue, "NOISY_NET_SUSPECTED_AT", 1.01)
    m = pipe.interpreter.second_opinion(pipe.interpret(MISHEARD, 0.7), _heard(), 0.7)
    assert m.intent == "fallback"


def test_a_runner_up_only_the_net_suspects_is_asked_about(pipe):
    assert interpret_safety.RUNNER_UP_SUSPECTED_AT == 0.5
    m = pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.6),))
    assert (m.intent, m.slots.get("heard"), m.confidence) == ("confirm_emergency", SUSPECTED, 0.6)


def test_a_runner_up_the_net_suspects_heard_poorly_is_not_asked_about(pipe):
    m = pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.4),))
    assert m.intent == "fallback"


def test_without_the_runner_up_rule_only_the_best_hypothesis_counts(pipe, monkeypatch):
    monkeypatch.setattr(interpret_safety, "RUNNER_UP_SUSPECTED_AT", 0.0)
    assert pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.6),)).intent == "fallback"
    assert pipe.interpret(SUSPECTED, 0.7).intent == "confirm_emergency"


def test_a_safety_reading_only_the_net_suspects_rescues_declined_speech_when_turned_on(pipe, monkeypatch):
    declined = pipe.interpret(PLAIN, 0.7)
    heard = _heard(safety=SUSPECTED, margin=0.005)
    assert pipe.interpreter.second_opinion(declined, heard, 0.7).intent == "fallback"  # off by default
    monkeypatch.setattr(rescue_readings, "RESCUE_NET_MIN_MARGIN", 0.0)
    m = pipe.interpreter.second_opinion(declined, heard, 0.7)
    assert (m.intent, m.slots.get("heard")) == ("confirm_emergency", SUSPECTED)
    assert pipe.interpreter.second_opinion(declined, _heard(safety=SUSPECTED, margin=-0.005), 0.7).intent == "fallback"


# ----------------------------------------------------------------------------------------------------
# Interpreter, eighteenth session: two rules that ask fewer near misses about after a second hearing, built and
# left off (they lost held-out red flags): :data:`RESCUE_HEARD_CANCELLED` (a safety-only red flag of a concept
# the main
# decode heard cancelled by context rescues nothing) and :data:`RESCUE_RULES_ONLY_IN_NOISE` (in a noisy room a
# red flag
# only the learned net reads in a second-hearing reading rescues nothing); docs/spoken-rejection.md, "Eighteenth
# round". The hypotheses and hearings
# are built by hand (no recognizer is loaded); the sentences are written for these tests.
# ----------------------------------------------------------------------------------------------------


HISTORY = "my uncle had chest pain ten years ago and has been fine since"
"""A history: the rules hold its chest pain cancelled."""
HISTORY_SAFETY = "uncle chest pain tent fine since"
"""What a safety-only search could make of it: a live chest pain."""
QUESTION = "can a sore ankle mean a blood clot"
QUESTION_SAFETY = "sore ankle mean a blood clot"
NET_ONLY = "i want my life to go back the way it was"
"""No red flag of the rules; the learned net reads crisis talk."""
RULES_CRISIS = "i cannot go on like this with the garden"


def _heard_left_off(general=PLAIN, safety=PLAIN, margin=0.02, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing((general,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)


def _second(pipe, text, heard, asr=0.7):
    return pipe.interpreter.second_opinion(pipe.interpret(text, asr), heard, asr)


def test_the_hand_made_sentences_are_what_the_tests_say_left_off(pipe):
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
    m = _second(pipe, HISTORY, _heard_left_off(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept")) == ("confirm_emergency", "chest_pain")
    assert _second(pipe, PLAIN, _heard_left_off(general=NET_ONLY)).intent == "confirm_emergency"


def test_a_history_heard_well_is_not_rescued_by_its_own_concept(pipe, rules_on):
    assert _second(pipe, HISTORY, _heard_left_off(safety=HISTORY_SAFETY)).intent == "fallback"


def test_a_question_heard_well_keeps_its_decline(pipe, rules_on):
    m = _second(pipe, QUESTION, _heard_left_off(safety=QUESTION_SAFETY))
    assert m.intent == "out_of_scope"


def test_a_safety_only_red_flag_of_another_concept_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard_left_off(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept"), m.slots.get("heard")) == ("confirm_emergency", "chest_pain", HISTORY_SAFETY)


def test_a_best_hypothesis_heard_below_the_bar_does_not_cancel(pipe, rules_on, monkeypatch):
    monkeypatch.setattr(rescue_readings, "RESCUE_HEARD_CANCELLED_MIN_ASR", 0.8)
    m = _second(pipe, HISTORY, _heard_left_off(safety=HISTORY_SAFETY))
    assert (m.intent, m.slots.get("concept")) == ("confirm_emergency", "chest_pain")


def test_in_a_noisy_room_a_reading_only_the_net_flags_rescues_nothing(pipe, rules_on):
    assert _second(pipe, PLAIN, _heard_left_off(general=NET_ONLY)).intent == "fallback"
    assert _second(pipe, PLAIN, _heard_left_off(safety=NET_ONLY)).intent == "fallback"


def test_in_a_quiet_room_a_reading_only_the_net_flags_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard_left_off(general=NET_ONLY, floor_dbfs=QUIET_FLOOR_DBFS))
    assert (m.intent, m.slots.get("kind"), m.slots.get("heard")) == ("confirm_emergency", "crisis", NET_ONLY)


def test_in_a_noisy_room_a_reading_the_rules_flag_still_rescues(pipe, rules_on):
    m = _second(pipe, PLAIN, _heard_left_off(general=RULES_CRISIS))
    assert (m.intent, m.slots.get("kind"), m.slots.get("heard")) == ("confirm_emergency", "crisis", RULES_CRISIS)


# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, twentieth session: declined speech in which the red-flag spotter found a key
# phrase
# of a concept (:data:`RESCUE_SPOTTED` 1: any, 2: only when another reading names the same concept; a passage in
# a noisy room:
# :data:`RESCUE_SPOTTED_PASSAGES`) and the concept
# of each key phrase of the per-concept table (:meth:`SecondOpinion.spotted_finding`); docs/spoken-rejection.md,
# "Twentieth round". The hearings are built by hand (no recognizer is loaded); the sentences are written for
# these
# tests.
# ----------------------------------------------------------------------------------------------------


GARBLED = "the window sill and a cup of tea for later on"
"""What the main decode heard: declined speech, no red-flag word."""
PLAIN_SPOTTED = "the window still in a cup of tea for later"
"""An unbiased reading with no red flag and no red-flag word."""
SAFETY_CHEST = "my dad chest pain and the window"
"""A safety-only reading that names chest pain."""
QUESTION_SPOTTED = "what causes muscle atrophy"
"""An article question (a passage)."""
STROKE_QUESTION = "does a stroke weaken the muscles"
"""An article question about a red-flag concept: the rules hold its stroke cancelled (a question)."""
SAFETY_BLEEDING = "she is bleeding heavily and it will not stop"
"""A safety-only reading that names bleeding (another concept)."""


def _outcome(pipe, spotted, safety="", floor_dbfs=KITCHEN_FLOOR_DBFS, text=GARBLED):
    match = pipe.interpret(text, 0.3 if text == GARBLED else 0.8)
    heard = SecondHearing((PLAIN_SPOTTED,), safety, -0.5, noisy=True, floor_dbfs=floor_dbfs, spotted=spotted)
    m = pipe.interpreter.second_opinion(match, heard, match.confidence)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say_spotted(pipe):
    safety = pipe.understander.safety
    assert pipe.interpret(GARBLED, 0.3).intent == "fallback"
    assert (safety.assess(PLAIN_SPOTTED).is_red_flag, safety.spoken_alarm(PLAIN_SPOTTED), safety.spoken_alarm(PLAIN_SPOTTED, weak=True)) == (
        False, None, None)
    assert (safety.assess(SAFETY_CHEST).concept, safety.assess(SAFETY_BLEEDING).concept) == ("chest_pain", "bleeding")


def test_every_key_phrase_names_its_own_concept_through_the_safety_words(pipe):
    got = {p: (f.concept if (f := pipe.interpreter.spotted_finding(p)) is not None else None)
           for phrases in RED_FLAG_CONCEPT_KEYPHRASES.values() for p in phrases}
    assert got == {p: keyphrase_concept(p) for p in got}


def test_a_word_the_safety_words_do_not_know_names_nothing(pipe):
    assert (pipe.interpreter.spotted_finding("kettle"), pipe.interpreter.spotted_finding("window sill")) == (None, None)


def test_off_a_spotted_phrase_changes_nothing(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 0.0)
    assert _outcome(pipe, ("chest",)) == ("fallback", None, None)


def test_at_1_any_spotted_phrase_of_a_concept_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    assert _outcome(pipe, ("chest",)) == ("confirm_emergency", "chest_pain", "emergency")
    assert _outcome(pipe, ("kettle", "want to die")) == ("confirm_emergency", "crisis", "crisis")
    assert _outcome(pipe, ("kettle",)) == ("fallback", None, None)


def test_at_2_only_a_phrase_another_reading_agrees_with_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 2.0)
    assert _outcome(pipe, ("chest",)) == ("fallback", None, None)
    assert _outcome(pipe, ("chest",), SAFETY_BLEEDING) == ("fallback", None, None)
    assert _outcome(pipe, ("blood", "chest"), SAFETY_CHEST) == ("confirm_emergency", "chest_pain", "emergency")


def test_a_concept_the_main_decode_heard_cancelled_is_not_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    negated = "he is not choking on anything at the moment"
    assert pipe.interpret(negated, 0.3).intent == "fallback"
    assert _outcome(pipe, ("choking",), text=negated) == ("fallback", None, None)


def test_a_passage_in_a_noisy_room_is_asked_about_only_with_its_own_setting(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED_PASSAGES", 0.0)
    assert _outcome(pipe, ("chest",), text=QUESTION_SPOTTED) == ("passage", None, None)
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED_PASSAGES", 1.0)
    assert _outcome(pipe, ("chest",), text=QUESTION_SPOTTED) == ("confirm_emergency", "chest_pain", "emergency")
    assert _outcome(pipe, ("stroke",), text=STROKE_QUESTION) == ("passage", None, None)  # heard cancelled: a question
