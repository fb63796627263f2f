"""Kinds of question about muscle atrophy the article does not answer, declined by the pack's rules (``intents.yaml``,
``declines.not_covered``), in words of this round's own, not the evaluation sets':

* imaging besides the tests already named: an ultrasound, "imaging";
* research on it: "what research is going on", "are they researching it";
* a specialist near the listener;
* whether it comes back once the person recovers (present tense: "once he recovers");
* its history and its name: who discovered or first described it, where the word comes from.

Questions about the article's own research (its sources) and about muscles coming back are still answered.
"""

from __future__ import annotations

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text", [
    "can an ultrasound pick up muscle wasting",
    "would imaging show his thigh muscles wasting",
    "what research is going on into muscle wasting",
    "are scientists researching atrophy",
    "is there a physio near me who treats atrophy",
    "any atrophy experts close to us",
    "could the wasting come back once he recovers",
    "who first described muscle atrophy",
    "where does the word atrophy come from",
    "the origin of the term atrophy",
])
def test_a_kind_the_article_does_not_cover_is_declined(understander, text):
    match = understander.understand(text)
    assert (match.intent, match.section_id) == ("not_covered", None)


@pytest.mark.parametrize("text, section", [
    ("is the article based on research", "sources"),
    ("which research does the guide rely on", "sources"),
    ("what research paper do they cite", "sources"),
    ("what studies does the article use", "sources"),
    ("can muscles come back after wasting", "faq_rebuild"),
    ("can you see atrophy just by looking", "introduction"),
])
def test_the_articles_own_answers_stay(understander, text, section):
    match = understander.understand(text)
    assert (match.is_knowledge, match.section_id) == (True, section)
