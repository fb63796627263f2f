"""Twenty-seventh round: question frames of the lexicon map onto their word only beside the article's subject.

* ``lexicon.yaml``: a phrase written ``~...`` is a question frame ("~what should i do", "~see someone" for the
  see-a-doctor passage's "healthcare provider"). ``nlu/normalize.py`` maps it only in a text that holds another phrase
  or canonical word of the lexicon: "my legs are getting weaker, what should i do" is the see-a-doctor passage, "what
  should i do about my noisy neighbours" and "should i see someone about my broken washing machine" name nothing of
  the article and get no passage (they got it on the start code: the frame alone was two known words).
* ``nlu/understanding_sentences.py``: a frame stands alone among the recognizer's sentences, never in the place of
  its canonical word in another sentence ("talk to your what should i do").

``understanding_batch_27.jsonl`` (120 knowledge questions: polite and indirect wrappers, requests, fillers, text speak,
carers' questions, the article's named conditions; 60 out-of-domain lines: "what should i do about my <everyday
thing>", "should i see someone about my <broken appliance>", other illnesses' own treatments, one article word in an
unrelated frame) was written for this round by its developer before any change, from the article alone; none is a
line of an evaluation set. Scored on the start code (79f3eb4): knowledge 119/120 (section 119), out-of-domain answered
6/60. docs/understanding.md, "Twenty-seventh round".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.understanding import Understander

BATCH = Path(__file__).with_name("understanding_batch_27.jsonl")


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


# --- the recognizer's sentences -------------------------------------------------------------------------------------

def test_a_frame_stands_alone_among_the_recognizer_sentences(understander):
    sentences = understander.synonym_sentences(["ask your healthcare provider"])
    assert ("what should i do" in sentences, "ask your what should i do" in sentences,
            "ask your doctor" in sentences) == (True, False, True)


# --- the round's own batch ---------------------------------------------------------------------------------------

def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    assert (n_knowledge, n_ood, right >= 119, answered) == (120, 60, True, [
        "how do i cast a fishing line further", "my business is stuck in a vicious cycle of debt",
        "what causes the tides"])
