"""Twenty-eighth round: a word of the subject's state said of another thing, a few lexicon words, and the round's own
batch.

* ``nlu/elsewhere.py``, :func:`state_of_another_thing`: the lexicon's everyday words for the subject's state
  ("wasting", "withering", "shrinking") said of a named thing the pack does not know ("my savings are shrinking", "my
  phone battery is wasting away": a determiner, words the pack, the lexicon and the language's body words do not know,
  a linking word), in a text that says nothing else of the pack but frames and shared question words, give no topic.
  "my savings are shrinking, what should i do" was the see-a-doctor passage on the start code.
* ``nlu/spelling.py``: the knowledge matcher's spelling correction, moved out of ``nlu/knowledge.py`` unchanged.
* ``lexicon.yaml``: "melting away", "melted away" for the subject, "~book an appointment" ... as frames of the
  see-a-doctor passage.

``understanding_batch_28.jsonl`` (123 knowledge questions: second-language English, fragments, unpunctuated, rambling
questions with the question in the middle, questions without the article's word for their topic; 60 out-of-domain
lines: other illnesses, diets, medicines, doses, lexicon words in other senses beside a frame) was written for this
round by its developer before any change, from the article alone; none is a line of an evaluation set.
docs/understanding.md, "Twenty-eighth round".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.elsewhere import state_of_another_thing
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.understanding import Understander

BATCH = Path(__file__).with_name("understanding_batch_28.jsonl")
SECOND_PART = Path(__file__).with_name("understanding_batch_28b.jsonl")


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


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

def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    assert (n_knowledge, n_ood, right >= 118, answered) == (123, 60, True, [
        "what different kinds of rock are there", "how do i treat a leather sofa"])


def test_the_second_part_keeps_its_figures(understander):
    # written after the first changes, scored once: start code (ea2da72) 23/25 and 3/15 answered, final 24/25 and 0/15
    n_knowledge, n_ood, right, answered = batch_figures(understander, SECOND_PART)
    assert (n_knowledge, n_ood, right >= 24, answered) == (25, 15, True, [])
