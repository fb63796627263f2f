"""The article's words said of another thing (nlu/elsewhere.py): question frames of the lexicon, the
article's question words about another thing, a word of the subject's state said of a named thing; and the
rounds' batches scored whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu.elsewhere import about_another_thing, state_of_another_thing
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.understanding import Understander

# ----------------------------------------------------------------------------------------------------
# Twenty-seventh round: question frames of the lexicon, the article's question words about another thing, and
# the
# round's own batch.
#
# * ``lexicon.yaml``: a phrase written ``~...`` is no drop-in word for its canonical word ("~what should i do",
# "~see
#   someone" for the see-a-doctor passage's "healthcare provider"; "~reverses" for "rebuild").
# ``nlu/normalize.py`` maps it
#   only in a text that holds another phrase or canonical word of the lexicon: "my legs are getting weaker, what
# should i
#   do" is the see-a-doctor passage, "what should i do about my noisy neighbours" and "should i see someone
# about my
#   broken washing machine" name nothing of the article and get no passage (they got it on the start code).
# * ``nlu/elsewhere.py``: a question whose only words of the pack are words most topics share ("cause", "type"),
# none of
#   the subject's, with a word the pack does not know that is no everyday word, asks about that other thing:
# "what
#   causes the tides" was the causes FAQ.
# * ``nlu/understanding_sentences.py``: a frame, and a phrase of function words only ("do about"), stands alone
# among the
#   recognizer's sentences, never in the place of its canonical word ("talk to your what should i do").
#
# ``understanding_batch_27.jsonl`` (120 knowledge questions: polite and indirect wrappers, requests, fillers,
# text speak,
# carers' questions; 60 out-of-domain lines: "what should i do about my <everyday thing>", "should i see someone
# about my
# <broken appliance>", other illnesses' own treatments, one article word in an unrelated frame) was written for
# this round
# by its developer before any change, from the article alone; none is a line of an evaluation set. Start code
# (79f3eb4):
# knowledge 119/120, out-of-domain answered 6/60; final: 120/120, 2/60. ``understanding_batch_27b.jsonl`` (25
# knowledge,
# 15 out-of-domain) was written after the first changes and scored once: 23/25 and 5/15 on the start code, 23/25
# and
# 2/15 on the final code. docs/understanding.md, "Twenty-seventh round".
# ----------------------------------------------------------------------------------------------------


BATCH = Path(__file__).with_name("understanding_batch_27.jsonl")
SECOND_PART = Path(__file__).with_name("understanding_batch_27b.jsonl")


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


# --- question frames map only beside the subject ---------------------------------------------------------------------

def test_a_frame_maps_only_beside_another_word_of_the_lexicon():
    normalizer = TextNormalizer({"healthcare provider": ("doctor", "~what should i do"), "atrophy": ("weaker",),
                                 "muscle": ("muscles",)}, ())
    assert [normalizer.canonical_text(t) for t in (
        "my legs are getting weaker, what should i do",  # another phrase of the lexicon
        "what should i do about my muscle",  # a canonical word
        "what should i do about my noisy neighbours",  # nothing else of the lexicon
        "what should i do, see a doctor?",  # the frame's own word is no subject
    )] == ["my legs are getting atrophy healthcare provider",
           "healthcare provider about my muscle",
           "what should i do about my noisy neighbours",
           "what should i do see a healthcare provider"]


@pytest.mark.parametrize("text", [
    "what should i do about my noisy neighbours",
    "should i see someone about my broken washing machine",
    "do i need to see someone about my cracked phone screen",
    "what should i do about my leaking roof",
])
def test_a_frame_about_an_everyday_thing_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


@pytest.mark.parametrize("text", [
    "my legs are getting weaker what should i do",
    "should i see someone about my arms getting weaker",
    "what should i do if my muscles are getting smaller",
    "do i need to get checked out if my legs are wasting",
])
def test_a_frame_beside_the_subject_is_the_see_a_doctor_passage(understander, text):
    match = understander.understand(text)
    assert (match.section_id, "healthcare provider" in " ".join(u.text for u in match.units)) == ("pathologic", True)


def test_a_verb_for_a_noun_maps_only_beside_the_subject(understander):
    normalize = understander.normalizer.canonical_text
    assert (normalize("is there anything that reverses muscle loss"), normalize("the judge reverses the ruling")) == (
        "is there anything that rebuild atrophy", "the judge reverses the ruling")


# --- the article's question words about another thing ------------------------------------------------------------

def _pairs(text: str) -> list[tuple[str, str]]:
    return [(w, w) if w not in {"what", "the", "of", "is", "how", "it", "do", "you"} else ("~" + w, w) for w in text.split()]


@pytest.mark.parametrize("text, asked", [
    ("what cause the tides", True),  # only a shared question word of the pack, and a word of another thing
    ("what cause the atrophy of tides", False),  # the subject
    ("what cause nerve", False),  # a word of one topic
    ("what cause the day", False),  # no word of another thing: "day" is an everyday word
    ("how do you cause it tides", False),  # "it" may stand for the subject
])
def test_the_articles_question_words_about_another_thing(text, asked):
    weights = {"cause": 0.2, "nerve": 1.0, "atrophy": 0.1}
    assert about_another_thing(_pairs(text), set(weights), lambda t: weights.get(t, 1.0), {"atrophy"},
                               get_language("en")) is asked


@pytest.mark.parametrize("text", ["what causes the tides", "what causes the northern lights",
                                  "what types of kayak are there"])
def test_a_question_about_another_thing_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_without_the_rule_the_tides_were_the_causes_faq(understander):
    understander.knowledge.other_things = False
    try:
        assert understander.understand("what causes the tides").section_id == "faq_causes"
    finally:
        understander.knowledge.other_things = True


@pytest.mark.parametrize("text, section", [
    ("what causes muscle atrophy in cyclists", "faq_causes"),
    ("what are the types of muscle wasting", "muscle_wasting"),
])
def test_the_subject_with_another_thing_is_still_answered(understander, text, section):
    assert understander.understand(text).section_id == section


# --- the recognizer's sentences -------------------------------------------------------------------------------------

def test_a_frame_stands_alone_among_the_recognizer_sentences(understander):
    sentences = understander.synonym_sentences(["ask your healthcare provider", "what is the treatment for it"])
    assert ("what should i do" in sentences, "ask your what should i do" in sentences, "ask your doctor" in sentences,
            "do about" in sentences, "what is the do about for it" in sentences,
            "what is the remedy for it" in sentences) == (True, False, True, True, False, True)


# --- the round's own batch ---------------------------------------------------------------------------------------

def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    # "the machine at work keeps breaking down" (the passive exercises' "machine", the article's "breakdown") is
    # answered since the tune28 rebuild (ea2da72, measured on that commit, before the twenty-eighth round's changes)
    # "how do i cast a fishing line further", the immobilization passage's "cast", got no passage from the tune42 refit
    # (c0466bb) until the tune44 refit (52c7b99): the immobilization passage again (ask_immobilization, 0.70), a known miss
    # (no passage again since the tune48 refit (7f9837c); the tune52 refit (d785c4b): the immobilization passage again, a known
    # miss; the tune53/tune54 refit (a1b328d): no passage again, right)
    assert (n_knowledge, n_ood, right >= 120, answered) == (120, 60, True, [
        "my business is stuck in a vicious cycle of debt",
        "the machine at work keeps breaking down"])


def test_the_second_part_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, SECOND_PART)
    # the flickering lights get no passage since the twenty-eighth round (nlu/elsewhere.py, a state of another thing)
    assert (n_knowledge, n_ood, right >= 23, answered) == (25, 15, True, ["what are the different types of clouds"])


# ----------------------------------------------------------------------------------------------------
# Twenty-eighth round: a word of the subject's state said of another thing, a few lexicon words, and the round's
# own
# batch.
#
# * ``nlu/elsewhere.py``, :func:`state_of_another_thing`: the lexicon's everyday words for the subject's state
#   ("wasting", "withering", "shrinking") said of a named thing the pack does not know ("my savings are
# shrinking", "my
#   phone battery is wasting away": a determiner, words the pack, the lexicon and the language's body words do
# not know,
#   a linking word), in a text that says nothing else of the pack but frames and shared question words, give no
# topic.
#   "my savings are shrinking, what should i do" was the see-a-doctor passage on the start code.
# * ``nlu/spelling.py``: the knowledge matcher's spelling correction, moved out of ``nlu/knowledge.py``
# unchanged.
# * ``lexicon.yaml``: "melting away", "melted away" for the subject, "~book an appointment" ... as frames of the
#   see-a-doctor passage.
#
# ``understanding_batch_28.jsonl`` (123 knowledge questions: second-language English, fragments, unpunctuated,
# rambling
# questions with the question in the middle, questions without the article's word for their topic; 60 out-of-
# domain
# lines: other illnesses, diets, medicines, doses, lexicon words in other senses beside a frame) was written for
# this
# round by its developer before any change, from the article alone; none is a line of an evaluation set.
# docs/understanding.md, "Twenty-eighth round".
# ----------------------------------------------------------------------------------------------------


BATCH_STATE_OF = Path(__file__).with_name("understanding_batch_28.jsonl")
SECOND_PART_STATE_OF = Path(__file__).with_name("understanding_batch_28b.jsonl")


# --- a word of the subject's state said of another thing -----------------------------------------------------------

_NORMALIZER = TextNormalizer({"atrophy": ("wasting", "shrinking", "wasting away"), "muscle": ("muscles",),
                              "healthcare provider": ("doctor", "~what should i do")}, ("my", "dad"))
_VOCABULARY = {"atrophi", "muscl", "healthcar", "provid", "leg", "caus"}


@pytest.mark.parametrize("text, another", [
    ("my savings are shrinking what should i do", True),  # a thing the pack does not know, and a frame
    ("my phone battery is wasting away", True),
    ("the fence is wasting away what causes it", True),  # a shared question word ("cause" weighs 0.2)
    ("my legs are wasting what should i do", False),  # a word of the pack
    ("my dad is wasting away", False),  # a person (filler)
    ("my shoulders are shrinking", False),  # a body word of the language
    ("my savings are shrinking and my muscles hurt", False),  # the subject elsewhere in the text
    ("my savings are shrinking see a doctor", False),  # another word of the pack that is no frame
    ("my savings shrinking", False),  # no linking word
    ("do i need to see a doctor about my shrinking savings", False),  # "doctor" is no frame
    ("what should i do about my shrinking savings", True),  # a participle before the thing
    ("what should i do about my shrinking muscles", False),
    ("wasting savings", False),  # nothing named before the state
])
def test_a_state_said_of_another_thing(text, another):
    weights = {"caus": 0.2}
    assert state_of_another_thing(text, _NORMALIZER, _VOCABULARY, lambda t: weights.get(t, 1.0),
                                  {"atrophi", "muscl"}) is another


@pytest.mark.parametrize("text", [
    "my savings are shrinking what should i do",
    "my tomato plants are withering what should i do",
    "my laptop battery is wasting, should i get it checked",
    "my phone battery is wasting away, how do i fix it",
    "do i need to see someone about my flickering lights",
])
def test_a_state_of_another_thing_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_without_the_rule_the_savings_were_the_see_a_doctor_passage(understander):
    understander.knowledge.other_things = False
    try:
        assert understander.understand("my laptop battery is wasting, should i get it checked").section_id == "pathologic"
    finally:
        understander.knowledge.other_things = True


@pytest.mark.parametrize("text", [
    "my legs are wasting what should i do",
    "my dad is wasting away what should i do",
    "my shoulders are getting thinner what should i do",
    "my calves have shrunk lately, is it worth booking an appointment",
])
def test_a_state_of_the_body_or_a_person_is_still_the_see_a_doctor_passage(understander, text):
    match = understander.understand(text)
    assert (match.section_id, "healthcare provider" in " ".join(u.text for u in match.units)) == ("pathologic", True)


# --- lexicon words -------------------------------------------------------------------------------------------------

def test_the_rounds_lexicon_words(understander):
    normalize = understander.normalizer.canonical_text
    assert (normalize("what helps when your muscles are melting away"),
            normalize("should i book an appointment about my thin legs"),
            normalize("should i book an appointment for my car")) == (
        "treatment when your muscle are atrophy", "should i healthcare provider about my atrophy legs",
        "should i book an appointment for my car")


def test_the_rounds_lexicon_words_in_the_recognizer_sentences(understander):
    sentences = understander.synonym_sentences(["ask your healthcare provider", "what can i ask you about atrophy"])
    assert ("book an appointment" in sentences, "ask your book an appointment" in sentences,
            "what can i ask you about melting away" in sentences) == (True, False, True)


# --- the round's own batch -----------------------------------------------------------------------------------------

def test_the_fresh_batch_keeps_its_figures_state_of(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH_STATE_OF)
    assert (n_knowledge, n_ood, right >= 118, answered) == (123, 60, True, [
        "what different kinds of rock are there", "how do i treat a leather sofa",
        # answered with the neurogenic complications (twitching) since the tune36 refit, db22924
        "my screen keeps twitching who should i see about it"])


def test_the_second_part_keeps_its_figures_state_of(understander):
    # written after the first changes, scored once: start code (ea2da72) 23/25 and 3/15 answered, final 24/25 and 0/15
    n_knowledge, n_ood, right, answered = batch_figures(understander, SECOND_PART_STATE_OF)
    assert (n_knowledge, n_ood, right >= 24, answered) == (25, 15, True, [])
