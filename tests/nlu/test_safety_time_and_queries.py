"""Thirtieth session, from the tuning misses: what someone has had for the last minutes or hour goes on now, a query
typed as into a search box ("signs of ...") is a question, "it was in" a place does not end a report, and an epipen
carried "now" is a habit. Phrases written for these tests, not the tuning lines."""

from __future__ import annotations

import pytest
from safety_support import found


@pytest.mark.parametrize("text, concept", [
    ("i've had a tight crushing feeling in my chest for the past half hour", "chest_pain"),
    ("he's had two seizures in the past half hour, he's very sleepy", "seizure"),
    ("she swallowed some of the drain cleaner. it was in the cupboard under the stairs", "poisoning_overdose"),
])
def test_a_report_of_now_stands(rules, text, concept):
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "signs of a stroke in older people",
    "early symptoms of a blood clot in the leg",
    "she had a seizure when she was six, it was in the summer holidays",
    "he carries an epipen now since the wasp sting last year",
    "my granddaughter carries an epi pen now",
    "he has had two strokes in the last ten years",
])
def test_questions_histories_and_habits_stay_quiet(rules, text):
    assert found(rules, text) == ("none", None)
