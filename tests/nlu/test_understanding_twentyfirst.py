"""Twenty-first round: lay words for the article's terms (``lexicon.yaml``).

Every question here was written for these tests (none from the dev set or the paraphrase sets): the
common misspelling "loose/loosing muscle" for losing it, "mussel" typed for muscle, limbs that have
"gone tiny" and legs that feel "like jelly" (weakness). Near misses with the same words and no muscle
question stay unanswered. Measured and not kept (docs/understanding.md, "Twenty-first round"): appetite
words for starvation, a limb moving "on its own" for twitching, "on their feet" for walking, "stiff"
for spasticity and "eighties/pensioner" for ageing; their questions are not asserted here.
"""

from __future__ import annotations

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

STARVATION = ("In addition, aging, starvation, long-term use of corticosteroids, and many medical conditions "
              "can lead to muscle atrophy.")
USE_IT = 'With muscles, there is definitely a principle of "use it or lose it."'
FLU = ("Sometimes, resuming normal physical activity can be enough to rebuild muscle if you've only been less "
       "active than usual for a short time.")
DEFINITION = "Muscle atrophy is a loss of muscle tissue."
BEDRIDDEN = "Prolonged immobilization when bedridden due to disease can lead to severe muscle atrophy that affects many muscles."

ANSWERED = [
    ("am I loosing muscle because I am getting older", "faq_causes", STARVATION),
    ("why is my mum loosing muscles in her arms", "faq_causes", STARVATION),
    ("do people loose muscle when they stay in bed", "disuse", BEDRIDDEN),
    ("what is mussel atrophy", "faq_what_is", DEFINITION),
    ("why do mussels waste away in old age", "faq_causes", STARVATION),
    ("my legs are like jelly since i stopped walking, is that atrophy", "disuse", USE_IT),
    ("after the virus my legs feel like jelly, will the strength come back", "disuse", FLU),
]

NOT_ANSWERED = [
    "my shoes are loose, what size should i get",
    "how do i stop loosing my keys",
    "is it ok to loose weight quickly on a diet",
    "how do you cook mussels",
    "are mussels safe to eat when pregnant",
    "the baby is tiny, is that normal",
]

CANONICAL = [
    ("is she loosing muscle", "is she atrophy"),
    ("his calves have gone tiny", "his calves have atrophy"),
    ("my legs feel like jelly", "my legs feel weakness"),
    ("what is mussel wasting", "what is muscle atrophy"),
]


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, canonical", CANONICAL)
def test_a_lay_phrase_becomes_the_article_word(understander, text, canonical):
    assert understander.normalizer.canonical_text(text) == canonical


@pytest.mark.parametrize("text, section, key", ANSWERED)
def test_a_lay_question_reads_its_passage(understander, text, section, key):
    match = understander.understand(text)
    assert (match.section_id, key in [u.text for u in match.units]) == (section, True)


@pytest.mark.parametrize("text", NOT_ANSWERED)
def test_a_near_miss_with_the_same_words_is_not_answered(understander, text):
    match = understander.understand(text)
    assert (match.section_id, match.units) == (None, ())
