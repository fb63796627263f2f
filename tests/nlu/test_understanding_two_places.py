"""Session 8: a question the article answers in two places is answered from both.

The article says many things twice (the definition in the introduction and the FAQ, each type in
the list of types and in its own section, the causes in the FAQ and in each type's section). When
the classifier gives a second section a fair share (``passage.ALSO_SHARE``), its best sentence is
read after the chosen section's passage (``IntentMatch.also``), the whole within the answer budget.

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.engine import Engine
from voice_guide.nlu.knowledge import MAX_ANSWER_WORDS
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


def _places(units):
    return tuple(f"{u.section_id}:{u.index}" for u in units)


@pytest.mark.parametrize("text, intent, units, also", [
    ("so what exactly is neurogenic atrophy then", "ask_type_neurogenic",
     ("muscle_wasting:5", "muscle_wasting:6"), ("neurogenic:0", "neurogenic:1")),
    # thirtieth round: with the processes sentence (ask_pathologic's keywords name it)
    ("explain pathologic atrophy to me simply", "ask_pathologic", ("pathologic:0", "pathologic:2", "pathologic:4"),
     ("muscle_wasting:4",)),
    ("do muscles you never use get thinner", "ask_disuse", ("disuse:0", "disuse:1"), ("faq_causes:2", "faq_causes:4")),
    pytest.param("could being very ill for months make your muscles shrink", "ask_disuse",
                 ("disuse:0", "disuse:8"), ("introduction:0", "introduction:1"),
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "a known miss since the twelfth session's data split (b810111, tune13:odd in the classifier's "
                     "training): the second place is the pathologic section's 'talk to your healthcare provider' "
                     "sentences, not the introduction's definition (fails on main's code and pack too)"))),
])
def test_a_question_answered_in_two_places_reads_both(und, text, intent, units, also):
    match = und.understand(text)
    assert (match.intent, _places(match.units), _places(match.also)) == (intent, units, also)
    words = sum(len(u.text.split()) for u in (*match.units, *match.also))
    assert words <= MAX_ANSWER_WORDS


@pytest.mark.parametrize("text, intent, section", [
    ("what kinds of muscle atrophy are there", "ask_types", "muscle_wasting"),
    ("can you build the muscle back up after it wastes", "ask_rebuild", "faq_rebuild"),
    ("if the nerve to a muscle is damaged what happens to the muscle", "ask_neurogenic", "neurogenic"),
])
def test_a_question_one_section_answers_reads_one(und, text, intent, section):
    match = und.understand(text)
    assert (match.intent, match.section_id, match.also) == (intent, section, ())


def test_off_when_the_share_is_none(und):
    und.knowledge.also_share = None
    try:
        match = und.understand("so what exactly is neurogenic atrophy then")
    finally:
        und.knowledge.also_share = 0.05
    assert (match.intent, match.also) == ("ask_type_neurogenic", ())


def test_the_spoken_answer_reads_the_second_place_after_the_first():
    engine = Engine()
    match = engine.understander.understand("so what exactly is neurogenic atrophy then")
    answer = engine.new_conversation().handle(match)
    assert answer.text == (
        "Neurogenic atrophy is when there is a disruption of the nerve signals to the muscles. "
        "Several of these issues can cause each other and may compound the effects. "
        "When a nerve that normally stimulates a muscle is damaged, it can no longer trigger muscle contraction "
        "that produces muscle activity. Over time, the unstimulated muscles may atrophy. Say more to hear the rest.")
    assert answer.section_id == "muscle_wasting"


def test_the_sentence_embedding_option_scores_every_sentence_of_the_section_only_when_on(und):
    knowledge = und.knowledge
    assert knowledge._sentence_cosines("disuse", "does sitting on the sofa all day weaken you") is None
    knowledge.sentence_weight = 0.5
    try:
        cosines = knowledge._sentence_cosines("disuse", "does sitting on the sofa all day weaken you")
    finally:
        knowledge.sentence_weight = 0.0
    assert cosines is not None
    assert len(cosines) == len(load_pack().section("disuse").units)
    assert all(-1.0 <= float(c) <= 1.0 for c in cosines)
