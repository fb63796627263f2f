"""Thirtieth session: emergencies written in clinical shorthand (a vital-sign reading far outside normal, clinical
terms: stridor, cyanosis, a low Glasgow coma score, pinpoint pupils with slow breathing, "od on"), their near misses in
the same words (normal readings, questions, histories, negations). Phrases written for these tests, not the lines of
the session's own batch (tests/nlu/safety_batch_indirect.txt)."""

from __future__ import annotations

import pytest
from safety_support import found

# --- readings far outside normal -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, concept", [
    ("spo2 84% and he's struggling", "breathing"),
    ("her oxygen sats are down to 81", "breathing"),
    ("resp rate 5, very shallow", "breathing"),
    ("rr 44 at rest", "breathing"),
    ("breathing 50 breaths a minute", "breathing"),
    ("gcs 7 now", "collapse"),
    ("gcs dropped to 9", "collapse"),
    ("bp 68/40 and cold hands", "collapse"),
])
def test_a_reading_far_outside_normal_is_an_emergency(rules, text, concept):
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "spo2 96% after the stretches",
    "her oxygen sats are 93, which is her normal",
    "resp rate 18",
    "rr 14 and relaxed",
    "gcs 15, chatting away",
    "bp 132/84 at the surgery",
    "what should his sats be",
    "is an rr of 12 too slow",
    "his sats were 80 when he had covid in 2021, he's fine now",
    "sats 80 percent of the time fine, 20 percent a bit low",
    "he's on oxygen 2 litres and comfortable",
])
def test_normal_readings_questions_and_histories_stay_quiet(rules, text):
    assert found(rules, text) == ("none", None)


# --- clinical terms ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, concept", [
    ("loud stridor and can't swallow his spit", "breathing"),
    ("lips cyanosed, working hard to breathe", "breathing"),
    ("agonal breathing", "breathing"),
    ("cannot rouse her at all", "collapse"),
    ("pupils pinpoint and very drowsy after his oxycodone", "poisoning_overdose"),
    ("od on her sleeping tablets an hour ago", "poisoning_overdose"),
    ("he took 25 of his co codamol", "poisoning_overdose"),
    ("acutely confused and pulling at her drip", "confusion"),
    ("mottled knees and a high fever, hard to wake", "collapse"),
])
def test_clinical_terms_for_a_red_flag_are_an_emergency(rules, text, concept):
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "what is stridor",
    "no stridor today, breathing easy",
    "he took 20 mg of his amitriptyline at bedtime",
    "she had tiny pupils on the morphine in hospital last year",
    "his knees look mottled when he's cold",
    "can a low gcs cause muscle wasting",
    "my camera is on the tripod for the exercise video",
])
def test_the_same_terms_in_everyday_talk_stay_quiet(rules, text):
    assert found(rules, text) == ("none", None)
