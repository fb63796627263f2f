"""A question inside talk around it (nlu/preamble.py): after a preamble of no word of the pack, inside
openers, closers and a closing ramble; 'firm' only as a muscle's firmness; and the rounds' batches scored
whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

# ----------------------------------------------------------------------------------------------------
# Twenty-sixth round: a question after a preamble, "firm" only as a muscle's firmness, and the round's own
# batch.
#
# * ``nlu/preamble.py``: a text nothing else answered is tried again from its first question clause on when
# every
#   clause before it holds no word of the pack ("morning, i'm a retired teacher, what is muscle atrophy") and
# the
#   question holds no word pointing back at the preamble ("my aunt's elbows are swollen, is that gout" stays
# unanswered).
# * ``lexicon.yaml``: "firm" maps onto the introduction's muscle tone only where it says how a muscle is ("less
# firm",
#   "not firm any more"): "the firm I work for is closing down" got the introduction after the tune26 rebuild.
#
# ``understanding_batch_26.jsonl`` (120 knowledge questions: stories, two questions in one, wrong premises, one-
# word
# questions, a section's example without its term; 60 near-domain out-of-domain lines) was written for this
# round by its
# developer before any change, from the article alone; none is a line of an evaluation set. Scored on the start
# code
# (b525668): knowledge 114/120 (section 107), out-of-domain answered 1/60 ("the council let the old park waste
# away").
# docs/understanding.md, "Twenty-sixth round".
# ----------------------------------------------------------------------------------------------------


BATCH = Path(__file__).with_name("understanding_batch_26.jsonl")


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


# --- a question after a preamble ------------------------------------------------------------------------------

AFTER_A_PREAMBLE = [
    ("morning, i'm a retired teacher, what is muscle atrophy", "faq_what_is"),
    ("i'm a volunteer at a care home, what is neurogenic atrophy", "neurogenic"),
    ("I'm a student, what is muscle wasting?", "faq_what_is"),
]


@pytest.mark.parametrize("text, section", AFTER_A_PREAMBLE)
def test_a_question_after_a_preamble_is_answered(understander, text, section):
    match = understander.understand(text)
    assert (match.intent != "fallback", match.section_id) == (True, section)


@pytest.mark.parametrize("text, section", AFTER_A_PREAMBLE)
def test_without_the_preamble_reading_they_are_not_answered(understander, text, section):
    reading, understander.preamble = understander.preamble, None
    try:
        assert understander.understand(text).section_id is None
    finally:
        understander.preamble = reading


PREAMBLE_NEAR_MISSES = [
    "hi, i'm a student, what is the capital of peru",
    "i'm a plumber, how do i fix a dripping tap",
    "my aunt's elbows are swollen, is that gout",
    "i'm a student, what does it do to muscles",
    "our boiler broke, what is the best way to keep warm",
]


@pytest.mark.parametrize("text", PREAMBLE_NEAR_MISSES)
def test_a_preamble_does_not_make_another_question_the_articles(understander, text):
    assert understander.understand(text).section_id is None


@pytest.mark.parametrize("text, question", [
    ("Hi, I'm a student. What is muscle atrophy?", "what is muscle atrophy"),
    ("what is muscle atrophy", None),  # one clause: nothing before the question
    ("my son's legs got thin, why is that", None),  # the story names the article's words: no preamble
    ("my nan's knuckles are swollen, is that arthritis", None),  # "that" points back at the preamble
    ("i'm a student, what does it do", None),  # "it" points back
    # forty-sixth session (tune48:odd): "it" after the question has named its own subject points at that subject
    ("i am doing a school project, what is muscle atrophy and what does it do to you",
     "what is muscle atrophy and what does it do to you"),
    ("i am doing a school project, what does it do to muscle atrophy", None),  # "it" before the subject points back
    ("i'm a student, what is the capital of peru", "what is the capital of peru"),  # read alone; the decision declines
    # moved in the twenty-ninth round: "i am a student" is a role opener (nlu/preamble.py), left out wherever it is;
    # the twenty-sixth round's "no question clause after the preamble" held for a preamble of other words:
    ("i'm a student, tell me about atrophy", "tell me about atrophy"),
    ("we moved house last week, tell me about atrophy", None),  # no question clause after the preamble
])
def test_the_question_after_a_preamble(understander, text, question):
    assert understander.preamble.question(text) == question


# --- "firm" only as a muscle's firmness --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["the firm I work for is closing down", "my brother's firm has gone bust",
                                  "is a firm mattress better for a bad back"])
def test_a_firm_that_is_a_business_or_a_mattress_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_firm_as_how_a_muscle_is_stays_the_articles_muscle_tone(understander):
    normalize = understander.normalizer.canonical_text
    assert (normalize("his legs are less firm"), normalize("the firm i work for")) == (
        "his legs are muscle tone", "the firm i work for")


# --- the round's own batch ---------------------------------------------------------------------------------------

def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    # 114 until the tune29/tune30 rebuild (57e6217), 113 on it before any change of the twenty-ninth round (the
    # rebuilt classifier and decision; the rule here is that the batch keeps its figures from one code to the next)
    # thirtieth round: "the council let the old park waste away" is no longer answered (fallback, the joint decision)
    # thirty-first session: 114 -> 112: "can a disease cause atrophy even if you stay active" goes to the fallback since
    # the lay-wording lexicon (understand31: the joint decision's veto), "... after her stomach surgery can't keep food
    # in and is losing muscle, why" since the refit after the merges (c89e56a); the held-out halves gained 4 knowledge
    assert (n_knowledge, n_ood, right >= 112, answered) == (120, 60, True, [])


# --- the article's own words for a cause ----------------------------------------------------------------------------

def test_the_articles_words_for_a_cause_are_the_cause_concept(understander):
    normalize = understander.normalizer.canonical_text
    assert (normalize("this can occur as a result of a stroke"), normalize("it can also result from spine disease"),
            normalize("it can no longer trigger muscle contraction")) == (
        "this can occur cause a stroke", "it can also cause spine disease", "it can no longer trigger muscle contraction")


# --- "what can be done about it" asks for a treatment ---------------------------------------------------------------

@pytest.mark.parametrize("text, section", [
    ("what can you do about wasted muscles", "introduction"),
    ("what do you do about disuse atrophy", "disuse"),
])
def test_what_can_be_done_about_it_is_the_treatment(understander, text, section):
    match = understander.understand(text)
    assert (match.section_id, "treatment" in " ".join(u.text for u in match.units).lower()) == (section, True)


def test_done_about_is_the_treatment_concept(understander):
    assert understander.normalizer.canonical_text("what can be done about it") == "what can be treatment it"


# ----------------------------------------------------------------------------------------------------
# Twenty-ninth round: the wrapper around a question (openers, closers, a closing ramble), and the round's own
# batch.
#
# * ``nlu/preamble.py``: the second reading of a question nothing else answered leaves out, besides a preamble
# of no
#   word of the pack, the language's openers at the start ("hello sorry my english is bad", "hey quick
# question",
#   "i am a physio assistant"), its closers at the end ("thank you", "ta", "cheers", "if you know") and a
# closing ramble
#   that names nothing of the pack ("anyway thanks for your help"); in one unpunctuated clause the question may
# begin at
#   an asking word after a preamble of no pack word. The English lists are ``lang/en.py``'s
# (``WRAPPER_OPENERS``,
#   ``WRAPPER_CLOSERS``, ``RAMBLE_STARTS``, ``ASKING_WORDS``).
#
# ``understanding_batch_29.jsonl`` (131 knowledge questions in the thirtieth authors' kinds: openers and
# closers,
# fragments, typos, second-language English, rambles; 60 out-of-domain lines, some in the same wrappers) was
# written for
# this round by its developer before any change, from the article alone; none is a line of an evaluation set.
# Scored on
# the start code (57e6217): knowledge 119/131 (section 114), out-of-domain answered 2/60.
# docs/understanding.md, "Twenty-ninth round".
# ----------------------------------------------------------------------------------------------------


BATCH_WRAPPER = Path(__file__).with_name("understanding_batch_29.jsonl")


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


# the tune32 refit (91a6029) answers "hey quick question what's muscle atrophy cheers" without the wrapper reading
NEEDS_THE_WRAPPER = [case for case in WRAPPED if not case[0].startswith("hey quick question")]


@pytest.mark.parametrize("text, section", NEEDS_THE_WRAPPER)
def test_without_the_wrapper_reading_it_was_not(understander, text, section):
    # the thirty-fifth round's sign-off reading (``Understander.unaddressed``) also leaves out a closing "ta": off here
    understander.preamble.wrappers = False
    understander.unaddressed = False
    try:
        assert understander.understand(text).intent == "fallback"
    finally:
        understander.preamble.wrappers = True
        understander.unaddressed = True


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


def test_the_fresh_batch_keeps_its_figures_wrapper(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH_WRAPPER)
    # thirtieth round: "arthritis meaning" is declined as "what is arthritis" is (test_understanding_fragments.py)
    assert (n_knowledge, n_ood, right >= 124, answered) == (131, 60, True, ["what types of cancer are there"])


def test_the_second_part_keeps_its_figures(understander):
    # written after the first changes, scored once: start code (57e6217) 25/28 and 0/12 answered, final 28/28 and 0/12
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH_WRAPPER.with_name("understanding_batch_29b.jsonl"))
    assert (n_knowledge, n_ood, right >= 28, answered) == (28, 12, True, [])
