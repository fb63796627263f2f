"""Twenty-third session: goodbyes passed on and not being a problem to anyone (crisis signs), wanting to finish and
exercise sets or the app named (session talk for the net), a question whose case is one person's body changing now,
another person's medicines given, the lot swallowed "and be done with it", a "no" inside a phrase, a run-on "she is
fine", breathless at rest, a clause that is only a comparison, and the session's own batch
(tests/nlu/safety_batches_23.txt). Each rule is tried both ways in phrases written for these tests (not from any
set, and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

BATCH = Path(__file__).resolve().parent / "safety_batches_23.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


# --- crisis signs: a goodbye passed on, none of it their fault, no problem to anyone -------------------------

@pytest.mark.parametrize("text", [
    "tell the kids their dad loved them very much and none of this is their fault",
    "please tell my sister i love her, none of it was her fault",
    "i will not be a burden to anyone any more",
    "she says she won't be a problem for the family any more",
])
def test_a_goodbye_passed_on_and_no_burden_to_come_are_crisis(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "tell my wife i love her",
    "can you tell my grandson i love him when he rings",
    "it is not your fault the app keeps crashing",
    "don't worry i won't be a problem for anyone, i'll sit quietly in the corner",
])
def test_their_near_misses_are_no_crisis(rules, text):
    assert found(rules, text) == ("none", None)


# --- session talk: the net needs learned.session_talk_at -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("i want to finish now", "none"),
    ("ok we would like to stop here for today", "none"),
    ("he went all out on the final set", "none"),
    ("so fed up with this stupid app", "none"),
    ("the speaker keeps cutting out", "none"),
    ("i want it all to finish now", "crisis"),  # no session talk: the net's 0.9 stands
])
def test_session_talk_raises_the_nets_crisis_bar(bare, text, expected):
    bare.net = fixed_net(crisis=0.9)
    assert found(bare, text)[0] == expected


# --- a question whose case is one person's body changing now ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("is it a stroke if his arm has just gone floppy", ("emergency", "stroke")),
    ("could it be a stroke if his mouth has suddenly drooped", ("emergency", "stroke")),
    ("could it be a heart attack if his chest is hurting and he is sweating", ("emergency", "chest_pain")),
    ("is it normal that she is gasping like that", ("emergency", "breathing")),
    # no one in the case, a simple present, a past case: questions
    ("is it a stroke if someone's arm goes floppy", ("none", None)),
    ("would it be a stroke if his arm went floppy", ("none", None)),
    ("would it be a heart attack if her chest hurt after a big meal", ("none", None)),
    ("is it normal that she is sleeping more since the stroke", ("none", None)),
])
def test_a_question_about_a_change_now_is_a_report(rules, text, expected):
    assert found(rules, text) == expected


# --- another person's medicines; the lot "and be done with it" ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the night nurse gave mum another resident's tablets", ("emergency", "poisoning_overdose")),
    ("the chemist gave us the wrong box", ("none", None)),
    ("i gave my dad someone else's reading glasses", ("none", None)),
    ("he keeps saying he'll down the lot and be done with it", ("crisis", "crisis")),
    ("i'll take the lot to the tip and be done with it", ("none", None)),
    ("i will take them all back to the pharmacy, i have had enough of these tablets", ("none", None)),
])
def test_medicines_given_and_the_lot_swallowed(rules, text, expected):
    assert found(rules, text) == expected


# --- "no" inside a phrase, a run-on "she is fine", breathless at rest, a comparison ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("a small rash on her wrist from the plaster no swelling", ("none", None)),
    ("hives where the strap was no swelling elsewhere", ("none", None)),
    ("he has a rash and his lips are swelling", ("emergency", "allergy")),
    ("he slipped off the bed he is fine", ("none", None)),
    ("she slid off her chair she is okay now", ("none", None)),
    ("mum is short of breath just sitting in her chair", ("emergency", "breathing")),
    ("grandad is out of breath just lying there", ("emergency", "breathing")),
    ("i was a bit out of breath lying down after the walk", ("none", None)),
    ("is it normal to be short of breath lying down", ("none", None)),
    ("does smoking weaken your muscles, like a slow poisoning", ("none", None)),
    ("his face has gone funny, like a stroke", ("emergency", "stroke")),
])
def test_context_of_now(rules, text, expected):
    assert found(rules, text) == expected


# --- a time after an everyday evening word; thinking about it beside another sign -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("we are having friends round for dinner tonight", "none"),
    ("i am off to bed early tonight", "none"),
    ("i have sorted everything out for tonight", "crisis"),  # a bare time told stays a sign beside the net
])
def test_a_time_after_an_evening_word_is_no_sign(bare, text, expected):
    bare.net = fixed_net(crisis=0.5)
    assert found(bare, text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("he keeps staring at the railway line and thinking about it", ("crisis", "crisis")),
    ("i keep thinking about it, the new kitchen would be lovely", ("none", None)),  # never alone
])
def test_thinking_about_it_beside_another_sign(rules, text, expected):
    assert found(rules, text) == expected


# --- the session's own batch ---------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (157, 88)  # second part 40, third part 48
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # crisis talk with an overdose phrase: the emergency reply with the crisis line, as designed since the thirteenth
    # session (scored as crisis recognised by eval_safety.py, a kind apart here); a plan's intent yielding the
    # overdose phrase to crisis was measured and not kept (tests/data/safety/README.md, Twenty-third round)
    "im going to take all my tablets at once when everyone is asleep",
    "i am planning to overdose this weekend",
    # a run-on denial the net reads as crisis at 0.96, above the bar of a negated phrase (0.95; no refit this round)
    "he has never wanted to die he loves life",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS
