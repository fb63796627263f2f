"""Thirty-third round (docs/understanding.md): questions typed as a shift note, decline patterns that took knowledge
questions, and the round's own batch.

A new author of the tuning parts typed questions as care staff's notes ("Handover: ...", "Night staff note: ..."):
the heading's words weighed against the question in every signal of the joint decision. A text that opens with a
note's heading (``Language.unlabelled``) is read as what the note says, after the safety check of the whole text.

Decline patterns of ``intents.yaml`` (which read the text before spelling correction) took twelve knowledge
questions of the tuning parts: a study of electrical stimulation among the sources, "our youngest" (a child, not an
age), what to eat to get the muscles back, a steroid named as the reason, a medicine asked for as a cause, the
wasting as a side effect of steroids, exercise or pills, active people's bigger muscles, everyday activity or a gym,
a misspelt "atrophy" outside the out_of_scope guard. Each pattern is narrowed by a guard; the out-of-domain lines of
the tuning parts declined stay the same (2,810). A new not_covered pattern: whether it is permanent after a stated time
or injury, or for one named person (a prognosis; "is it permanent" stays the rebuild answer): +3 out-of-domain.

The declines read the spelling-corrected text too ("is sarcopinia the same as ..."), and only ever add a decline so.
A question of two choices nothing else answered ("is atrophy losing muscle or losing fat") is tried once more as its
first choice, through the joint decision (``understanding.first_choice``).

``knowledge_batch_s33.txt`` (part 1, worked on) and ``knowledge_batch_s33b.txt`` (part 2, written at the same time,
scored once at the end): 40 knowledge questions and 16 near-domain out-of-domain lines each, own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import tab_batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu.understanding import Understander, first_choice

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, body", [
    ("Handover: Mrs Lee has been in bed since Monday.", "Mrs Lee has been in bed since Monday."),
    ("Night staff note: he slept well.", "he slept well."),
    ("Handover - bay 2, leg in plaster", "bay 2, leg in plaster"),
    ("Handover, room 7: arm in a sling", "arm in a sling"),
    ("Carer's log: she ate her lunch", "she ate her lunch"),
    ("Report for the nurse: knees stiff today", "knees stiff today"),
    ("Muscle atrophy: what is it?", None),
    ("Polymyositis: is it in there?", None),
    ("what is it - the nerve kind", None),
    ("note to self buy milk", None),
])
def test_a_note_heading_is_found_only_before_a_colon_or_a_dash(text, body):
    assert get_language("en").unlabelled(text) == body


@pytest.mark.parametrize("text, section", [
    # the tune47 refit (399ece5): a title and a surname ("Mr Evans") pull the question under the joint decision's bar
    # (fallback, 0.24); "he has not left his bed for ten days, could his legs be wasting" is still the bedridden answer
    pytest.param("Day shift note: Mr Evans has not left his bed for ten days. Could his legs be wasting?", "disuse",
                 marks=pytest.mark.xfail(strict=True, reason="a known miss since the tune47 refit (399ece5)")),
    ("Handover: client keen to get her arm strength back after the sling comes off. How is lost muscle rebuilt?",
     "faq_rebuild"),
    ("Note for the physio: Mrs Khan has been bedbound for a month. Will her legs have wasted?", "disuse"),
])
def test_a_question_typed_as_a_note_is_answered(understander, text, section):
    assert understander.understand(text).section_id == section


@pytest.mark.parametrize("text", [
    "Handover: room 9 has a temperature and a cough since tea time. What could it be?",
    "Night staff note: resident asked about her hearing aid batteries. Where are they kept?",
])
def test_a_note_about_something_else_stays_unanswered(understander, text):
    assert understander.understand(text).section_id is None


def test_the_safety_check_reads_the_whole_note(understander):
    assert understander.understand("Handover: he says he has crushing chest pain and can't breathe").intent == "emergency"


def test_note_headings_can_be_switched_off(understander):
    # (the tune47 refit: the note used here before, "... Could his legs be wasting?", is unanswered even with its
    # heading read; the same note asked "Are his legs wasting?" is answered only when the heading is read; the tune63 refit (53162fd):
    # "... has not left his bed for ten days. Are his legs wasting?" is unanswered with its heading too, a known miss; a
    # note of the same kind that the heading still decides)
    text = "Day shift note: Mr Evans has not walked for ten days. Are his legs wasting?"
    assert understander.understand(text).section_id == "disuse"
    understander.note_labels = False
    try:
        assert understander.understand(text).section_id is None
    finally:
        understander.note_labels = True


@pytest.mark.parametrize("text, section", [
    ("is there a study on electrical stimulation among the references", "sources"),
    ("my oldest had his wrist in plaster for a month, will the arm have got thinner", "disuse"),
    ("what should she eat to rebuild her muscles", "faq_rebuild"),
    ("could prednisone tablets be the cause", "faq_causes"),
])
def test_knowledge_questions_the_declines_took_are_answered(understander, text, section):
    assert understander.understand(text).section_id == section


@pytest.mark.parametrize("text, declined", [
    ("which medicines can cause muscle wasting", None),
    ("is muscle wasting a side effect of taking steroids for years", None),
    ("can going back to everyday activity rebuild the muscle or is a gym needed", None),
    ("does exercise help with atrophy or does she need tablets", None),
    ("do active people have bigger muscles", None),
    ("can a slipped disc cause atropy", None),
    ("who is the oldest man alive", "not_covered"),
    ("how old do you have to be to get it", "not_covered"),
    ("what should he eat for breakfast", "not_covered"),
    ("what are the side effects of prednisone", "medical_advice"),
    ("which medicine is best for arthritis", "medical_advice"),
    ("can I take pills for it", "medical_advice"),
    ("does electrical stimulation help a bad back", "not_covered"),
    ("how do I get bigger biceps", "out_of_scope"),
    ("how many reps at the gym should I do", "not_covered"),
    ("can a slipped disc cause back pain", "out_of_scope"),
    ("is the wasting permanent after a year in bed", "not_covered"),
    ("will my mum's weakness be permanent", "not_covered"),
    ("is muscle atrophy permanent", None),
    ("is it permanent once the muscle has gone", None),
])
def test_the_narrowed_declines_still_take_their_own_questions(understander, text, declined):
    cleaned = understander._clean(text)
    assert understander.declines.match_asked(cleaned, understander.language) == declined


@pytest.mark.parametrize("cleaned, first", [
    ("is atrophy the muscle getting smaller or the fat going", "is atrophy the muscle getting smaller"),
    ("does it come on quickly or is it always slow", "does it come on quickly"),
    ("after a week or so of walking", None),
    ("is it permanent or not", None),
    ("fast or slow", None),
])
def test_the_first_of_two_choices(cleaned, first):
    assert first_choice(cleaned) == first


def test_a_question_of_two_choices_is_read_as_its_first_choice(understander):
    text = "Does atrophy mean the muscle shrinks, or that it gets replaced by fat?"
    assert understander.understand(text).section_id in ("muscle_wasting", "faq_what_is", "introduction")
    understander.first_choice = False
    try:
        assert understander.understand(text).section_id is None
    finally:
        understander.first_choice = True


@pytest.mark.parametrize("text", [
    "Is it better to stretch her legs in the morning or the evening?",
    "Is rheumatoid arthritis an autoimmune disease or wear and tear?",
    "Does creatine build muscle or is it a myth?",
])
def test_two_choices_outside_the_article_stay_unanswered(understander, text):
    assert understander.understand(text).section_id is None


@pytest.mark.parametrize("text, intent", [
    ("is sarcopinia the same as wasting", "not_covered"),
    ("is protien powder good for old people", "not_covered"),
    ("what stretches help sciatica", "out_of_scope"),
])
def test_the_declines_read_the_corrected_spelling_too(understander, text, intent):
    assert understander.understand(text).intent == intent


def test_the_corrected_reading_of_the_declines_can_be_switched_off(understander):
    understander.declines_corrected = False
    try:
        assert understander.understand("is sarcopinia the same as wasting").intent != "not_covered"
    finally:
        understander.declines_corrected = True


def test_the_rounds_own_batch_part_one(understander):
    total, _, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s33.txt")
    assert (total, len(answered)) == (40, 0)
    assert right >= 36  # 32 on the round's base


def test_the_rounds_own_batch_part_two(understander):
    total, _, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s33b.txt")
    assert total == 40
    assert (right >= 35, len(answered) <= 2) == (True, True)  # scored once at the end: 34 and 2 on the base, 35 and 2 after
