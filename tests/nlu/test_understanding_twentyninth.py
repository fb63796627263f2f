"""Twenty-ninth round: the wrapper around a question (openers, closers, a closing ramble), and the round's own batch.

* ``nlu/preamble.py``: the second reading of a question nothing else answered leaves out, besides a preamble of no
  word of the pack, the language's openers at the start ("hello sorry my english is bad", "hey quick question",
  "i am a physio assistant"), its closers at the end ("thank you", "ta", "cheers", "if you know") and a closing ramble
  that names nothing of the pack ("anyway thanks for your help"); in one unpunctuated clause the question may begin at
  an asking word after a preamble of no pack word. The English lists are ``lang/en.py``'s (``WRAPPER_OPENERS``,
  ``WRAPPER_CLOSERS``, ``RAMBLE_STARTS``, ``ASKING_WORDS``).

``understanding_batch_29.jsonl`` (131 knowledge questions in the thirtieth authors' kinds: openers and closers,
fragments, typos, second-language English, rambles; 60 out-of-domain lines, some in the same wrappers) was written for
this round by its developer before any change, from the article alone; none is a line of an evaluation set. Scored on
the start code (57e6217): knowledge 119/131 (section 114), out-of-domain answered 2/60.
docs/understanding.md, "Twenty-ninth round".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

BATCH = Path(__file__).with_name("understanding_batch_29.jsonl")


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, question", [
    ("hi there sorry my english is bad what is muscle atrophy thank you", "what is muscle atrophy"),
    ("hey quick question what's muscle atrophy cheers", "what is muscle atrophy"),
    ("I'm a physio assistant. what is neurogenic atrophy? ta", "what is neurogenic atrophy"),
    ("so sorry to bother you what is muscle atrophy if you know", "what is muscle atrophy"),
    ("hi, what causes muscle atrophy? many thanks", "what causes muscle atrophy"),
    ("I'm 70 so bear with me, can wasted muscle be built up again?", "can wasted muscle be built up again"),
    ("Quick one. What are passive exercises? anyway sorry I'm rambling, she's asleep upstairs now",
     "what are passive exercises"),  # the ramble names nothing of the pack
    ("how long until my legs are normal again, anyway sorry, she is still in bed", None),  # "bed" is the pack's
    ("i drive a taxi in town how do you get strong again", "how do you get strong again"),  # an asking word
    ("my legs got thin how do you get strong again", None),  # the story names the pack's words
    ("what is it and how do you treat it", None),  # a question from the start is not cut at its second asking word
    ("hi, i'm a student, what does it do", None),  # "it" points back at what was left out
    ("what is muscle atrophy", None),  # nothing around the question
    ("thank you", None),  # nothing but a closer
])
def test_the_question_inside_its_wrapper(understander, text, question):
    assert understander.preamble.question(text) == question


WRAPPED = [
    ("hi there sorry my english is bad what is muscle atrophy thank you", "faq_what_is"),
    ("hey quick question what's muscle atrophy cheers", "faq_what_is"),
    ("I'm a physio assistant. what is neurogenic atrophy? ta", "neurogenic"),
    ("hello sorry my english is not good what is the reason of muscle atrophy", "faq_causes"),
]


@pytest.mark.parametrize("text, section", WRAPPED)
def test_a_wrapped_question_is_answered(understander, text, section):
    assert understander.understand(text).section_id == section


@pytest.mark.parametrize("text, section", WRAPPED)
def test_without_the_wrapper_reading_it_was_not(understander, text, section):
    understander.preamble.wrappers = False
    try:
        assert understander.understand(text).intent == "fallback"
    finally:
        understander.preamble.wrappers = True


@pytest.mark.parametrize("text", [
    "hi sorry my english not good how much paracetamol can i give my mum thanks",
    "hello, what is the dose of ibuprofen for a child? thank you",
    "im a nurse what is sepsis",
    "good morning, what is the weather tomorrow? thanks",
    "anyway sorry I'm rambling, she's asleep upstairs now",
    "my car battery is dead what to do",
])
def test_a_wrapped_question_of_another_subject_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    # thirtieth round: "arthritis meaning" is declined as "what is arthritis" is (test_understanding_fragments.py)
    assert (n_knowledge, n_ood, right >= 124, answered) == (131, 60, True, ["what types of cancer are there"])


def test_the_second_part_keeps_its_figures(understander):
    # written after the first changes, scored once: start code (57e6217) 25/28 and 0/12 answered, final 28/28 and 0/12
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH.with_name("understanding_batch_29b.jsonl"))
    assert (n_knowledge, n_ood, right >= 28, answered) == (28, 12, True, [])
