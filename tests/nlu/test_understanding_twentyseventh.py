"""Twenty-seventh round: question frames of the lexicon, the article's question words about another thing, and the
round's own batch.

* ``lexicon.yaml``: a phrase written ``~...`` is no drop-in word for its canonical word ("~what should i do", "~see
  someone" for the see-a-doctor passage's "healthcare provider"; "~reverses" for "rebuild"). ``nlu/normalize.py`` maps it
  only in a text that holds another phrase or canonical word of the lexicon: "my legs are getting weaker, what should i
  do" is the see-a-doctor passage, "what should i do about my noisy neighbours" and "should i see someone about my
  broken washing machine" name nothing of the article and get no passage (they got it on the start code).
* ``nlu/elsewhere.py``: a question whose only words of the pack are words most topics share ("cause", "type"), none of
  the subject's, with a word the pack does not know that is no everyday word, asks about that other thing: "what
  causes the tides" was the causes FAQ.
* ``nlu/understanding_sentences.py``: a frame, and a phrase of function words only ("do about"), stands alone among the
  recognizer's sentences, never in the place of its canonical word ("talk to your what should i do").

``understanding_batch_27.jsonl`` (120 knowledge questions: polite and indirect wrappers, requests, fillers, text speak,
carers' questions; 60 out-of-domain lines: "what should i do about my <everyday thing>", "should i see someone about my
<broken appliance>", other illnesses' own treatments, one article word in an unrelated frame) was written for this round
by its developer before any change, from the article alone; none is a line of an evaluation set. Start code (79f3eb4):
knowledge 119/120, out-of-domain answered 6/60; final: 120/120, 2/60. ``understanding_batch_27b.jsonl`` (25 knowledge,
15 out-of-domain) was written after the first changes and scored once: 23/25 and 5/15 on the start code, 23/25 and
2/15 on the final code. docs/understanding.md, "Twenty-seventh round".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu.elsewhere import about_another_thing
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.understanding import Understander

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
    assert (n_knowledge, n_ood, right >= 120, answered) == (120, 60, True, [
        "how do i cast a fishing line further", "my business is stuck in a vicious cycle of debt",
        "the machine at work keeps breaking down"])


def test_the_second_part_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, SECOND_PART)
    # the flickering lights get no passage since the twenty-eighth round (nlu/elsewhere.py, a state of another thing)
    assert (n_knowledge, n_ood, right >= 23, answered) == (25, 15, True, ["what are the different types of clouds"])
