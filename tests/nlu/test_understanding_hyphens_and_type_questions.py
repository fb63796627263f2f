"""Thirty-fourth round (docs/understanding.md): a new author's words before the models learned them.

A word typed in parts with hyphens is the pack's word the parts make ("at-trophy", "physio-logical"), and a
half-remembered word ended by "-something" is the one pack word that begins so ("polymyo-something")
(``SpellingCorrector.hyphens_joined``); ordinary hyphenated words stay as typed.

Decline patterns of ``intents.yaml`` that took knowledge questions: an illness named while asking whether it is the
article's nerve or metabolic kind, a misspelled neuropathy, "affects the brain" beside the nerve kind, a pet's case
compared with a kind in people, food asked beside exercise to rebuild the muscle. A recurrence "after it has been
treated" is declined like "after treatment".

The opening of the article asked for by name ("read me the introduction", ``Language.opening_asked``) is read from its
first sentence; a command to read the article from its start stays a command. A preamble may hold the pack's everyday
words ("I keep ...", ``preamble.EVERYDAY_PREAMBLE``); a question passed on that the listener could not answer ("... asked
me what ... and I couldn't answer her") is read without its closing clause. Lexicon: "gone for good", "lost for good"
(rebuild).

``knowledge_batch_s34.txt`` (part 1, worked on) and ``knowledge_batch_s34b.txt`` (part 2, written at the same time,
scored once at the end): 40 knowledge questions and 16 near-domain out-of-domain lines each, own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, tab_batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, joined", [
    ("what is muscle at-trophy", "what is muscle atrophy"),
    ("neuro-genic or not", "neurogenic or not"),
    ("spas-ticity in his arm", "spasticity in his arm"),
    ("is polymyo-something in it", "is polymyositis in it"),
    ("the dermato-my-something one", "the dermatomyositis one"),
    ("long-term steroids and nerve-related wasting", "long-term steroids and nerve-related wasting"),
    ("mm-hm, a 70-year-old, fact-check it", "mm-hm, a 70-year-old, fact-check it"),
    ("a no-something answer", "a no-something answer"),
])
def test_hyphenated_parts_become_the_pack_word_they_make(understander, text, joined):
    assert understander.knowledge.spelling.hyphens_joined(text) == joined


@pytest.mark.parametrize("text, wanted", [
    ("muscle at-trophy, what does it mean exactly", ["loss of muscle tissue", "loss or decrease of muscle mass"]),
    ("polymyo-something, what does it do to the muscle", ["polymyositis"]),
    ("explain physio-logical atrophy", ["physiologic atrophy occurs"]),
])
def test_a_hyphenated_or_half_remembered_word_is_answered(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


def test_the_hyphen_joins_can_be_switched_off(understander):
    understander.hyphen_joins = False
    try:
        assert understander.understand("polymyo-something, what does it do to the muscle").text == \
            "polymyo something what does it do to the muscle"
    finally:
        understander.hyphen_joins = True


@pytest.mark.parametrize("text, section", [
    ("with his thyroid problem, could his muscle loss be the metabolic cause the article mentions", "pathologic"),
    ("his kidneys failing, is that the metabolic problems kind of muscle breakdown", "pathologic"),
    ("diabetic nerapathy in her feet, can it thin the leg muscles", "neurogenic"),
    ("the illness affects the brain, so is his wasting the nerve kind", "neurogenic"),
    ("a disease that affects the brain, would that give neurogenic atrophy", "neurogenic"),
    ("our old dog's hips went thin after a spinal problem, is it the same as nerve atrophy in people",
     "neurogenic"),
    ("what food and exercise help build the muscle back up", "faq_rebuild"),
])
def test_a_decline_no_longer_takes_a_question_of_the_articles_kinds(understander, text, section):
    assert understander.understand(text).section_id == section


@pytest.mark.parametrize("text, intent", [
    ("does parkinsons cause muscle wasting", "not_covered"),
    ("can cats get muscle wasting", "not_covered"),
    ("which foods build muscle", "not_covered"),
    ("does a stroke affect the brain", "not_covered"),
    ("will the wasting come back after it has been treated", "not_covered"),
])
def test_near_domain_questions_stay_declined(understander, text, intent):
    assert understander.understand(text).intent == intent


@pytest.mark.parametrize("text", [
    "read me the introduction, please",
    "what's the opening paragraph of the article about",
    "Summarise the start of the article.",
    "what does the article say first about wasting",
])
def test_the_opening_asked_by_name_is_read_from_its_first_sentence(understander, text):
    found = understander.understand(text)
    assert (found.section_id, found.units[0].text) == (
        "introduction", "Muscle atrophy is a condition in which muscles shrink.")


@pytest.mark.parametrize("text, intent", [
    ("go back to the start of the article", "previous"),
    ("read the whole article from the top", "read_article"),
    ("um read it all out from the beginning", "read_article"),
])
def test_a_command_to_read_from_the_start_stays_a_command(understander, text, intent):
    assert understander.understand(text).intent == intent


@pytest.mark.parametrize("text, wanted", [
    ("I keep getting it wrong. what is atrophy again?", ["loss of muscle tissue", "loss or decrease of muscle mass"]),
    ("my daughter asked me what causes wasting and I couldn't answer her", ["a few different causes",
                                                                            "lack of physical activity is one cause"]),
    ("gone for good? his calf muscle", ["rebuild muscles that have atrophied"]),
    ("is her thigh muscle lost for good now", ["rebuild muscles that have atrophied"]),
])
def test_everyday_preambles_passed_on_questions_and_lay_words_are_answered(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


def test_the_rounds_own_batch_part_one(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s34.txt")
    assert (total, n_ood, answered) == (40, 16, [])
    assert right >= 39  # 36 on the round's base, 40 at its end


def test_the_rounds_own_batch_part_two(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s34b.txt")
    assert (total, n_ood, answered) == (40, 16, [])
    assert right >= 38  # scored once at the end: 37 on the base, 38 after


@pytest.mark.parametrize("text", [
    "how long after the introduction of a cast does wasting start",
    "what does the intro say about exercise",
    "the start of the article said something about nerves",
])
def test_the_introduction_of_something_else_or_a_topic_in_the_opening_is_not_the_opening_asked(text):
    # the merge review's cases: the opening is not read for them (the knowledge match places them)
    from voice_guide.lang.en import OPENING_ASKED
    assert OPENING_ASKED.search(text) is None
