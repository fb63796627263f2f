"""Seventeenth round: how long a treatment or a device lasts is declined, and four narrowed decline patterns.

New decline families in ``intents.yaml``: ``not_covered`` for the durations and schedules of casts, braces,
slings and physiotherapy (the article gives none), ``medical_advice`` for how long a course of tablets or
injections lasts. Narrowed ``not_covered`` patterns: "how long does it take" no longer takes how fast muscle goes
in a cast (the article: very quickly when a limb is immobilized) or the return after a short break; "to a 14 year
old" is the listener, not the patient; "I keep hearing" is not the sense of hearing. Every sentence here was
written for these tests (none from the dev set or the paraphrase sets).
"""

from __future__ import annotations

import pytest
from understanding_support import declined


@pytest.mark.parametrize("text, intent", [
    ("how long will my son's plaster cast stay on", "not_covered"),
    ("how long does a knee brace have to stay on", "not_covered"),
    ("how long does physiotherapy usually last", "not_covered"),
    ("how long do you have to wear a sling for a broken collarbone", "not_covered"),
    ("how long will she need rehab", "not_covered"),
    ("when will the splint come off", "not_covered"),
    ("how many physio sessions does it take", "not_covered"),
    ("how long does a course of steroid tablets last", "medical_advice"),
    ("how long should he keep taking the pills", "medical_advice"),
])
def test_durations_of_treatments_and_devices_are_declined(understander_no_vectors, text, intent):
    assert declined(understander_no_vectors, text) == intent


@pytest.mark.parametrize("text", [
    "how long does it take for muscles to waste in a plaster cast",
    "how long does it take to get strength back after a short break from walking",
    "could you explain wasting to a 10 year old",
    "i keep hearing the word wasting, is it the same thing",
    "why did his arm get so thin in the cast",
    "how long does muscle atrophy take to set in after a cast",
])
def test_questions_about_the_article_are_not_declined(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) is None


@pytest.mark.parametrize("text", [
    "how long does it take to build the muscle back once the cast is off",
    "can muscle wasting make you lose your hearing",
    "is it normal for a 45 year old to lose muscle",
])
def test_the_narrowed_patterns_still_decline_what_they_did(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) == "not_covered"
