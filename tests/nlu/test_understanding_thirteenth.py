"""Thirteenth round: the word matcher's confidence counts the question's words that any topic of the chosen
topic's section knows (``KnowledgeMatcher.section_own``): the section is what is read, and its topics share
out its vocabulary ("infection" is a sample word of the pathologic-type topic, not of the compounding one).

The rule is tested on a small pack built here with a stand-in classifier (fixed probabilities); the end-to-end
cases use the shipped pack. Every question was written for these tests (none from the dev set or the
paraphrase sets).
"""

from __future__ import annotations

import numpy as np
import pytest

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.nlu import knowledge as knowledge_module
from voice_guide.nlu.knowledge import KnowledgeMatcher
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.understanding import Understander

ARTICLE = {
    "title": "Wasting",
    "sections": [
        {"id": "kinds", "title": "Kinds of wasting", "blocks": [
            "One kind of wasting comes from a severe infection or from hunger.",
            "Several causes can add up and make each other worse.",
        ]},
        {"id": "care", "title": "Care", "blocks": ["Gentle exercise and good food help rebuild strength."]},
    ],
    "faq": [],
    "sources": [],
}
TOPICS = {"topics": [
    {"name": "ask_mix", "section": "kinds", "keywords": "causes add up worse",
     "samples": ["do the causes add up", "can one cause make another worse"]},
    {"name": "ask_kind", "section": "kinds", "keywords": "severe infection hunger",
     "samples": ["which kind comes from an infection", "is hunger a cause"]},
    {"name": "ask_care", "section": "care", "keywords": "exercise food rebuild strength",
     "samples": ["how do you rebuild strength", "does exercise help"]},
]}


class FixedClasses:
    """Stand-in for the trained classifier: the same probabilities (topics, then out-of-domain) for every text."""

    def __init__(self, probabilities: list[float]) -> None:
        self.values = np.asarray(probabilities, dtype=np.float32)

    def classify(self, text: str, tokens: list[str]) -> np.ndarray:
        return self.values


def _matcher(section_own: bool, probabilities: list[float]) -> KnowledgeMatcher:
    pack = ContentPack.from_dict(ARTICLE, TOPICS)
    matcher = KnowledgeMatcher(pack, TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler),
                               classifier=FixedClasses(probabilities))
    matcher.section_own = section_own
    return matcher


def test_section_own_is_on_by_default():
    assert knowledge_module.SECTION_OWN is True
    pack = ContentPack.from_dict(ARTICLE, TOPICS)
    assert KnowledgeMatcher(pack, TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)).section_own is True


def test_words_a_sibling_topic_knows_count_for_the_confidence():
    text = "does hunger or a severe infection add up"  # the classifier picks ask_mix; "hunger", "infection" are ask_kind's words
    probabilities = [0.45, 0.1, 0.05, 0.4]
    before = _matcher(False, probabilities).match(text)
    after = _matcher(True, probabilities).match(text)
    assert before is not None and after is not None
    assert (before.intent, before.section_id) == (after.intent, after.section_id) == ("ask_mix", "kinds")
    assert before.confidence < 0.5 < after.confidence


def test_words_of_another_section_do_not_count():
    text = "does exercise or food add up"  # "exercise", "food" are words of the care section only
    probabilities = [0.45, 0.1, 0.05, 0.4]
    before = _matcher(False, probabilities).match(text)
    after = _matcher(True, probabilities).match(text)
    assert before is not None and after is not None
    assert (after.intent, after.confidence) == (before.intent, before.confidence)


@pytest.fixture(scope="module")
def understander():
    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("can a really bad chest infection make his muscles waste away", "ask_compounding", "muscle_wasting"),
    ("can a serious infection make muscles waste", "ask_compounding", "muscle_wasting"),
])
def test_questions_whose_words_the_section_knows_are_answered(understander, text, intent, section):
    # Until the eighteenth session's split both were declined without the section's own words (SECTION_OWN off);
    # with tune19:odd in the classifier's training they are answered either way, so only the shipped behaviour is
    # asserted here (the rule itself: the tests above, on fixed probabilities).
    after = understander.understand(text)
    assert (after.intent, after.section_id) == (intent, section)


@pytest.mark.parametrize("text, intent", [
    # declined by the decision until the seventeenth session's split; since then by the not_covered family of
    # treatment and device durations (intents.yaml, seventeenth round): not answered either way
    ("how long does a cast stay on", "not_covered"),
    ("what is a good pasta sauce for a cold evening", "fallback"),
    ("can a cold make you sneeze all day", "fallback"),
    ("do nerve problems make muscles waste", "ask_neurogenic"),
])
def test_other_questions_are_unchanged(understander, text, intent):
    assert understander.understand(text).intent == intent
