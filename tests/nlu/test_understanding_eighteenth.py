"""Eighteenth round: how long it takes to rebuild muscle after an illness is the article's question.

Three ``not_covered`` duration patterns of ``intents.yaml`` ("how long will it take", "how many days", "how long
does it take to") no longer take a question that asks about rebuilding or regaining muscle or strength after an
illness (flu, a bug, a cold, being ill or sick): the article answers it ("after recovering from a bout of the flu,
most otherwise healthy people will regain lost weight and rebuild muscle strength after a week or so of regular
activity"). How long the illness itself lasts, or a recovery after an operation, stays declined. Every sentence
here was written for these tests (none from the dev set or the paraphrase sets).
"""

from __future__ import annotations

import pytest
from understanding_support import declined


@pytest.mark.parametrize("text", [
    "how long would it take to regain muscle after a nasty bug",
    "how many weeks before he builds his strength back up after being sick",
    "how long will it take her to get her muscles back after the virus",
    "after a heavy cold how long does it take to rebuild the muscle",
    "how many days of walking until i regain my strength after being ill",
])
def test_rebuilding_after_an_illness_is_left_to_the_article(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) is None


@pytest.mark.parametrize("text, intent", [
    ("how long will it take to get over a cold", "not_covered"),
    ("how long will it take to get over the flu", "not_covered"),
    ("how long will it take to rebuild muscle after a hip operation", "not_covered"),
    ("how long would it take to walk again after knee surgery", "not_covered"),
])
def test_other_durations_stay_declined(understander_no_vectors, text, intent):
    assert declined(understander_no_vectors, text) == intent
