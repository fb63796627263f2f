"""Requests to sum up the article's subject, the clear-article rescue, three decline kinds, and lay words
for the article's terms (lexicon.yaml). Every sentence here was written for these tests (none from the dev
set or the paraphrase sets)."""

from __future__ import annotations

import pytest
from understanding_support import declined

from voice_guide.content.pack import load_pack
from voice_guide.nlu.decision import Decision, KnowledgeSignals
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import CLEAR_ARTICLE, Understander

# ----------------------------------------------------------------------------------------------------
# Twentieth round: requests to sum up the article's subject, the clear-article rescue, three decline kinds.
#
# Every sentence here was written for these tests (none from the dev set or the paraphrase sets).
#
# - ``lexicon.yaml``: "overview", "summary", "sum up", "rundown", "gist", "in a nutshell", "outline" read as
# "what
#   is": "give me a quick overview of atrophy" is the definition question, not unknown words the decision
# vetoes;
#   the same words about another subject stay declined, and "sum it up" after an answer stays the ``brief``
# command.
# - ``understanding.CLEAR_ARTICLE`` (built, measured, off by default; the twenty-second round measured it on at
# (0.02, 0.6) and it stayed off): a match the joint decision leaves unanswered
#   is answered when the classifier puts it inside the article (out-of-domain at most 0.05) and the decision is
# at
#   least 0.6 sure.
# - ``lexicon.yaml``: "the same way", "in different ways", "mechanism" -> "processes" (the pathologic section).
# - ``intents.yaml`` ``declines.not_covered``: a sport or therapy the article does not name, exercise overdone
# as
#   a cause, a size asked in units.
# ----------------------------------------------------------------------------------------------------


DEFINITION = "Muscle atrophy is a loss of muscle tissue."


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text", [
    "can you give me a quick overview of atrophy",
    "whats the gist of muscle atrophy",
    "outline what muscle atrophy is",
])
def test_a_request_to_sum_up_the_subject_reads_the_definition(understander, text):
    match = understander.understand(text)
    assert (match.intent, match.section_id) == ("ask_definition", "faq_what_is")
    assert DEFINITION in [u.text for u in match.units]


def test_a_summary_of_muscle_wasting_reads_the_introduction(understander):
    """The definition until the tune50 refit (7d9af51); the introduction since, a summary of the subject too (the
    tune50 author filed "quick summary of muscle atrophy" under the introduction)."""
    match = understander.understand("summarise muscle wasting for me")
    assert (match.intent, match.section_id) == ("ask_symptoms", "introduction")


@pytest.mark.parametrize("text", [
    "give me a quick overview of diabetes",
    "give me an overview of heart disease",
    "whats the gist of the new football rules",
    "sum up the plot of hamlet",
])
def test_summing_up_another_subject_is_not_answered(understander, text):
    match = understander.understand(text)
    assert (match.is_knowledge, match.section_id) == (False, None)


@pytest.mark.parametrize("text", ["sum it up for me", "just the gist please", "in a nutshell please", "can you give me a summary"])
def test_asking_for_a_shorter_answer_stays_a_command(understander, text):
    assert [understander.understand(text, state).intent for state in (DialogueState.IDLE, DialogueState.ANSWERED)] == ["brief", "brief"]


MEASURED = (0.05, 0.6)
"""The setting measured this round (off by default: one more held-out out-of-domain question answered)."""


def _signals(p_ood: float) -> KnowledgeSignals:
    return KnowledgeSignals(confidence=0.1, p_best=0.9, p_ood=p_ood, p_section=0.9, sim_topic=0.7, sim_ood=0.4,
                            sim_margin=0.3, known_share=1.0, evidence=1.0, agree=1.0)


def _decision(bias: float) -> Decision:
    """A decision whose probability is the logistic of ``bias`` whatever the signals."""
    n = len(_signals(0.0).row())
    return Decision((0.0,) * n, (1.0,) * n, (0.0,) * n + (bias,), 0.7)


def test_clear_article_is_off_by_default(understander):
    # the twenty-second round turned it on at (0.02, 0.6) on tuning evidence; held out it answered one more
    # out-of-domain question (39 -> 40 of 2,100), so the merge left it off
    assert (CLEAR_ARTICLE, understander.clear_article) == (None, None)


@pytest.mark.parametrize("p_ood, bias, answered", [
    (0.05, 0.5, True),    # p = 0.62: inside the article and leaning to answer
    (0.06, 0.5, False),   # the classifier gives out-of-domain more than 0.05
    (0.01, 0.3, False),   # p = 0.57: under 0.6
])
def test_clear_article_needs_both_the_classifier_and_the_decision(understander, p_ood, bias, answered):
    saved = understander.decision, understander.clear_article
    understander.decision, understander.clear_article = _decision(bias), MEASURED
    try:
        assert understander._clear_article(_signals(p_ood)) is answered
    finally:
        understander.decision, understander.clear_article = saved


def test_clear_article_off_or_without_signals_answers_nothing(understander):
    saved = understander.clear_article
    try:
        understander.clear_article = None
        assert understander._clear_article(_signals(0.0)) is False
        understander.clear_article = MEASURED
        assert understander._clear_article(None) is False
    finally:
        understander.clear_article = saved


@pytest.mark.parametrize("text", [
    "would swimming help my dads thin legs",
    "is cycling good for rebuilding wasted thigh muscles",
    "do vibration plates stop muscle wasting",
    "can tai chi help her regain strength",
    "can overtraining cause muscles to waste",
    "is it possible to waste muscle by exercising too much",
    "how many centimetres does a calf lose in a cast",
    "how many kilos of muscle do you lose in hospital",
])
def test_what_the_article_does_not_cover_is_declined(understander, text):
    assert declined(understander, text) == "not_covered"


@pytest.mark.parametrize("text", [
    "does exercise help rebuild wasted muscles",
    "does walking help with muscle atrophy",
    "how quickly do muscles waste in a cast",
    "how much muscle do you lose in a week in bed",
    "my legs are too weak to exercise much",
])
def test_article_questions_near_them_are_not_declined(understander, text):
    assert declined(understander, text) is None
    assert understander.understand(text).is_knowledge


PROCESSES = "Each of these conditions causes atrophy due to different processes."


@pytest.mark.parametrize("text", [
    "do all diseases cause atrophy the same way",  # thirtieth round: ask_pathologic's keywords name the processes
    "do different illnesses waste muscle in different ways",
    # (thirty-second session: "is the mechanism of wasting the same in every illness" still reaches pathologic, but
    # since the tune33 refit, 2e7b616, not this sentence: left out)
])
def test_whether_illnesses_waste_muscle_the_same_way_reads_the_processes(understander, text):
    match = understander.understand(text)
    assert (match.section_id, PROCESSES in [u.text for u in match.units]) == ("pathologic", True)


def test_the_different_ways_of_something_else_are_still_answered(understander):
    """Only "in different ways" and "the same way" are the processes: "the different ways muscles can waste" is not."""
    match = understander.understand("what are the different ways muscles can waste")
    assert match.is_knowledge
    assert PROCESSES not in [u.text for u in match.units]


# ----------------------------------------------------------------------------------------------------
# Twenty-first round: lay words for the article's terms (``lexicon.yaml``).
#
# Every question here was written for these tests (none from the dev set or the paraphrase sets): the
# common misspelling "loose/loosing muscle" for losing it, "mussel" typed for muscle, limbs that have
# "gone tiny" and legs that feel "like jelly" (weakness). Near misses with the same words and no muscle
# question stay unanswered. Measured and not kept (docs/understanding.md, "Twenty-first round"): appetite
# words for starvation, a limb moving "on its own" for twitching, "on their feet" for walking, "stiff"
# for spasticity and "eighties/pensioner" for ageing; their questions are not asserted here.
# ----------------------------------------------------------------------------------------------------


STARVATION = ("In addition, aging, starvation, long-term use of corticosteroids, and many medical conditions "
              "can lead to muscle atrophy.")
SEDENTARY = "A sedentary lifestyle and lack of regular physical activity can cause disuse atrophy and weakness."
FLU = ("Sometimes, resuming normal physical activity can be enough to rebuild muscle if you've only been less "
       "active than usual for a short time.")
BEDRIDDEN = "Prolonged immobilization when bedridden due to disease can lead to severe muscle atrophy that affects many muscles."

ANSWERED = [
    ("am I loosing muscle because I am getting older", "faq_causes", STARVATION),
    ("why is my mum loosing muscles in her arms", "faq_causes", STARVATION),
    ("do people loose muscle when they stay in bed", "disuse", BEDRIDDEN),
    ("what is mussel atrophy", "faq_what_is", DEFINITION),
    ("why do mussels waste away in old age", "faq_causes", STARVATION),
    # (the sedentary sentence since the tune36 refit, db22924; was the use-it-or-lose-it sentence: both answer it)
    ("my legs are like jelly since i stopped walking, is that atrophy", "disuse", SEDENTARY),
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
