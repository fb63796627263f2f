"""Sixteenth round, second part: out-of-domain questions the article does not answer are declined.

New decline families in ``intents.yaml`` (``not_covered`` and ``unrelated``): near-domain illnesses the article
does not name (polio, Guillain-Barre, cerebral palsy), what happens in the cells, which muscles go first, one
side of the body (not after a stroke or nerve damage: the article's neurogenic section), whether it is life
threatening, the best exercises, "how long exactly does it take", and songs or films. Questions about the
article with nearby words stay questions. Every sentence here was written for these tests (none from the dev set
or the paraphrase sets).
"""

from __future__ import annotations

import pytest

from voice_guide.nlu.declines import DeclineRules


@pytest.mark.parametrize("text, intent", [
    ("could polio be the reason his calves are so thin", "not_covered"),
    ("tell me about guillain barre", "not_covered"),
    ("my nephew has cerebral palsy, will his legs waste", "not_covered"),
    ("what goes on in the cells when a muscle wastes", "not_covered"),
    ("explain atrophy at a molecular level", "not_covered"),
    ("which leg muscles go first when you are laid up", "not_covered"),
    ("why would wasting show on just one side of the body", "not_covered"),
    ("could muscle wasting be life threatening for my nan", "not_covered"),
    ("the best exercises for skinny arms after a cast", "not_covered"),
    ("how long roughly does it take to get the muscle back", "not_covered"),
])
def test_questions_the_article_does_not_answer_are_declined(understander_no_vectors, text, intent):
    assert understander_no_vectors.understand(text).intent == intent


def test_a_question_about_a_song_gets_the_fallback_reply(understander_no_vectors):
    match = understander_no_vectors.understand("who sang the song about muscles wasting")
    assert (match.intent, match.confidence) == ("fallback", 0.0)


@pytest.mark.parametrize("text", [
    "can myositis make muscles waste",
    "after a stroke, why is one side of him thinner",
    "what exercises help muscles that wasted from not moving",
    "is muscle wasting permanent",
    "how long till the muscle comes back after a short spell with flu",
    "what is muscle atrophy",
])
def test_questions_about_the_article_are_not_declined(understander_no_vectors, text):
    rules: DeclineRules = understander_no_vectors.declines
    assert rules.match(understander_no_vectors._clean(text)) is None
