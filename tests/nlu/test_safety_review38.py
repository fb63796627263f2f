"""The thirty-eighth session's reviews: a call for an ambulance asked or told with the person it is for, and a rescue
the speaker must give now, are the emergency reply in every state, while a question about when to call in general stays
no alarm; pills taken by the ton are an overdose like pills taken by the load."""

from __future__ import annotations

import pytest

from voice_guide.nlu.state import DialogueState as S

CALLS = [
    "should i call an ambulance",
    "should i call an ambulance?",
    "do i need to call an ambulance",
    "wait i need to get her an ambulance",
    "wait, get him an ambulance",
    "um shall we phone the paramedics now",
    # a rescue the speaker must give now and cannot (the help control in a routine before)
    "we don't know how to do cpr",
    "i don't know how to do the heimlich",
    "i need to do chest compressions",
    # The learned net doubted these two and the guide asked its one short question; since the forty-eighth session a
    # firm rule's call (only a negation cancels it) is out of the net's doubt in context (the tune50 refit's net had
    # come to doubt "should i call an ambulance" itself).
    "do we need an ambulance",
    "should i ring 999 for my dad",
]

GENERAL = [
    "when should i call an ambulance",
    "should i call an ambulance if he falls",
    "when should you call 999 for a fall",
    "how do i know when i should call 999",
    "do i need an ambulance for a sprained ankle",
    "i did cpr on a dummy in class",
    "i need to do compressions on her leg with the stocking",
    "my daughter doesn't know how to do cpr, should she learn",
    "they'll get her an ambulance to take her to dialysis next week",
    "i don't know how to do cpr in case it ever happens",
]


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("text", CALLS)
def test_a_call_for_an_ambulance_is_the_emergency_in_every_state(understander, text, state):
    match = understander.understand(text, state)
    assert (match.intent, match.slots) == ("emergency", {"concept": "call_for_help"})


@pytest.mark.parametrize("text", GENERAL)
def test_when_to_call_in_general_is_no_alarm(understander, text):
    assert understander.understand(text, S.IDLE).intent not in {"emergency", "crisis", "confirm_emergency"}


@pytest.mark.parametrize("text", ["she's taken tons of pills", "he took a ton of pills", "she's taken heaps of her tablets"])
def test_pills_taken_by_the_ton_are_an_overdose(understander, text):
    match = understander.understand(text, S.IDLE)
    assert (match.intent, match.slots) == ("emergency", {"concept": "poisoning_overdose"})


@pytest.mark.parametrize("text", ["he eats tons of protein", "we took tons of photos", "she had heaps of fun with them",
                                  "mum took a ton of photos of them"])
def test_tons_of_other_things_are_no_alarm(understander, text):
    assert understander.understand(text, S.IDLE).intent not in {"emergency", "crisis", "confirm_emergency"}


def test_a_very_long_message_is_read_by_its_head_and_tail():
    from voice_guide.nlu.safety import MAX_HEAD_CHARS, MAX_TAIL_CHARS, bounded

    short = "muscle " * 10
    long = "aaaa " * (MAX_HEAD_CHARS // 5 + 10) + "bbbb " * (MAX_TAIL_CHARS // 5 + 10)
    head, tail = bounded(long).split(". ")
    assert (bounded(short), bounded(bounded(long))) == (short, bounded(long))  # a bounded text is not cut again
    # whole words only, at most the bounds: a cut never leaves a piece of a word ("o chest pain" of "no chest pain")
    assert (set(head.split()), set(tail.split()), len(head) <= MAX_HEAD_CHARS, len(tail) <= MAX_TAIL_CHARS) == (
        {"aaaa"}, {"bbbb"}, True, True)


@pytest.mark.parametrize("text", ["he is not breathing. " + "muscle " * 5000, "muscle " * 5000 + ". he is not breathing"])
def test_a_red_flag_at_either_end_of_a_pasted_page_is_read(understander, text):
    match = understander.understand(text, S.IDLE)
    assert (match.intent, match.slots) == ("emergency", {"concept": "breathing"})
