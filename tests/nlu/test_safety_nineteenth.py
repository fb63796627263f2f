"""Nineteenth session: text as a transcript comes (lower case, no punctuation) and the rules of tune20:odd, each
tried both ways in phrases written for these tests (not from any set): a question run into a report of now with no
full stop between, "now" starting a new statement mid-clause, making sense stopped, blood that keeps running,
patches, diagnoses that "turned out", episodes in rehab, staff who sorted it, breath between the guide's
instructions, a floppy wrist; and the session's own batch (tests/nlu/safety_batches_19.txt)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety_clauses import now_statements, report_after_question
from voice_guide.nlu.safety_text import clauses, normalise

ROOT = Path(__file__).resolve().parent.parent.parent
BATCH = ROOT / "tests" / "nlu" / "safety_batches_19.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


@pytest.mark.parametrize("text, expected", [
    ("is it normal shes breathing weird", ["is it normal", "she is breathing weird"]),
    ("is it dangerous he just ate a dishwasher tablet", ["is it dangerous", "he just ate a dishwasher tablet"]),
    ("how long should i wait hes passed out", ["how long should i wait", "he has passed out"]),
    ("why is she acting so oddly now nothing she says makes sense",
     ["why is she acting so oddly", "now nothing she says makes sense"]),
    ("why is she acting like that now", ["why is she acting like that now"]),
    ("is it normal that he is breathing fast", ["is it normal that he is breathing fast"]),
    ("how do i know im having a heart attack", ["how do i know i am having a heart attack"]),
    ("is it normal he gets out of breath on hills", ["is it normal he gets out of breath on hills"]),
    ("is it normal she has had fits before", ["is it normal she has had fits before"]),
    ("how can i tell if my mum is having a fit", ["how can i tell if my mum is having a fit"]),
    ("when she was in hospital she could not breathe", ["when she was in hospital she could not breathe"]),
])
def test_a_question_run_into_a_report_of_now_is_cut_there(text, expected):
    assert clauses(normalise(text)) == expected


def test_no_report_after_a_statement():
    assert report_after_question("she is breathing weird") == 0


@pytest.mark.parametrize("clause, expected", [
    ("last winter he was really ill now he walks every day", ["last winter he was really ill", "now he walks every day"]),
    ("she gets dizzy now and then", ["she gets dizzy now and then"]),
    ("he is fine right now he is asleep", ["he is fine right now he is asleep"]),
    ("she wants to be with him now he is gone", ["she wants to be with him now he is gone"]),
])
def test_now_and_a_new_subject_start_a_statement(clause, expected):
    assert now_statements(clause) == expected


@pytest.mark.parametrize("text, expected", [
    ("is it normal hes gasping and his lips look grey", ("emergency", "breathing")),
    ("is it ok she just went down in the kitchen and shes not answering", ("emergency", "collapse")),
    ("should i stop he says his chest is hurting", ("emergency", "chest_pain")),
    ("my gran has stopped making sense in the past hour", ("emergency", "confusion")),
    ("he stopped knowing who i am since this afternoon", ("emergency", "confusion")),
    ("the blood keeps coming through the tea towel", ("emergency", "bleeding")),
    ("i am pressing on it and the blood runs between my fingers", ("emergency", "bleeding")),
    ("she has stuck four pain patches on at once and is really sleepy", ("emergency", "poisoning_overdose")),
])
def test_reports_of_the_round(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "is it normal that his breathing is harder after the stairs",
    "how do i know im having a heart attack and not heartburn",
    "last spring he had a chest infection and couldnt breathe well now he just tires easily",
    "she had a fit as a girl now she teaches swimming",
    "she stopped making sense of the bus timetable years ago",
    "nothing he says makes sense to me these days",
    "he wears two patches on his back for his pain",
    "it turned out to be a mini stroke and she recovered well",
    "he had low blood pressure a few times in rehab, the nurses sorted it",
    "you are going too fast, i cant breathe between the instructions",
    "his wrist is floppy so i hold it while we bend it",
    "her hand is floppy since the nerve damage so we support it",
])
def test_their_near_misses_are_no_alarm(rules, text):
    assert not rules.assess(text).is_red_flag


# --- the session's own batch ---------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (142, 24)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # the confirmation question: a stroke said with a cry in front
    "what do we do mums speech has gone all garbled and her hand wont grip",
    # a state without a word of change ("so noisy and fast"), a wound burst open, doses told one by one
    "is it normal her breathing is so noisy and fast she can barely talk",
    "is it supposed to bleed this much the wound from her op has burst open",
    "my mum took her blood thinners twice this morning and then another lot at lunch",
    # crisis talk the rules and the net both miss
    "is it wrong that i want to hurt myself when the pain gets bad",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS


def test_eval_reads_a_line_as_a_transcript():
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_safety import as_transcript

    assert as_transcript("She's gagging, can’t breathe!") == "she's gagging can't breathe"
    assert as_transcript("She's gagging, can’t breathe!", "drop") == "shes gagging cant breathe"
