"""The forty-fifth session's safety families (from the tune47:odd tuning misses; docs/safety.md, "Forty-fifth
session"): pupils of different sizes after a knock to the head; an inhaler or its puffs that have done nothing beside a
breathing word; "grey sweaty" said without "and" in a hurried message; more tablets than the dose "instead of one"
beside "by mistake" or deep drowsiness; "is it normal to feel this drowsy after taking ..." as a report of now. After
the session's read-only review, the neighbours it found stay without an alarm in every state (a pet's pupils, an
inhaler that did nothing for a cough, grey sweaty clothes or weather, a dose raised by the doctor, drowsiness after a
seizure or an anaesthetic asked about). Controls: one limb asked for instead of another."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("my son took a knock at rugby and his pupils look different sizes", "emergency", "head_injury"),
    ("she had a bump to the head and now her pupils are uneven", "emergency", "head_injury"),
    ("the asthma's come on bad and ten puffs of the blue inhaler have done nothing", "emergency", "breathing"),
    ("he's wheezing and his reliever is doing nothing", "emergency", "breathing"),
    ("dad grey sweaty on the floor", "emergency", "chest_pain"),
    ("mum looks ashen sweaty and sick", "emergency", "chest_pain"),
    ("is it normal to feel this drowsy and sick after taking three of my sleeping tablets instead of one", "emergency",
     "poisoning_overdose"),
    ("she's taken two of her blood pressure tablets instead of one by mistake", "emergency", "poisoning_overdose"),
    ("i feel so drowsy after taking two of my tramadol instead of one", "emergency", "poisoning_overdose"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "the cat's pupils are different sizes after it got a knock from the door",
    "my pupils are bigger in the dark, i whacked my knee today",
    "the preventer inhaler did nothing so they switched him to fostair",
    "the new inhaler has done nothing for her cough",
    "if the inhaler does nothing what should i do",
    "her grey sweaty joggers need a wash",
    "it's a grey sweaty day in london",
    "the pillow case is grey sweaty",
    "the consultant upped it so he's taking two of his gabapentin instead of one and it makes him dizzy",
    "i gave him two paracetamol instead of one because his pain is bad, is that ok, he's a bit sleepy",
    "is it normal to feel this drowsy after having a seizure",
    "is it normal to feel so faint after having blood taken",
    "i won't be around next week anyway, we're off to spain",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize("text", [
    "she's swelling up and the epipen is kept in the drawer, get it",
    "the epipen lives in the drawer, she needs it now",
])
def test_where_the_epipen_is_kept_never_hides_a_reaction(understander, text):
    """The review: an idiom for where the pen is kept (tried this session, dropped) had hidden these."""
    assert readings(understander, text, (S.IDLE,)) == [("emergency", {"concept": "allergy"})]


@pytest.mark.parametrize(("text", "state", "routine"), [
    ("can we do her arms instead of the legs", S.ROUTINE_SAFETY_CHECK, "arms"),
    ("let's do his hands instead of his arms", S.IDLE, "hands"),
    ("should we do her legs instead of her arms", S.ROUTINE_PAUSED, "legs"),
])
def test_one_limb_asked_for_instead_of_another_starts_it(understander, text, state, routine):
    assert readings(understander, text, (state,)) == [("start_routine", {"routine": routine})]
