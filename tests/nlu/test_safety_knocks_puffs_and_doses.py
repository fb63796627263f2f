"""The forty-fifth session's safety families (from the tune47:odd tuning misses; docs/safety.md, "Forty-fifth
session"): pupils of different sizes after a knock to the head; an inhaler or its puffs that have done nothing beside a
breathing word; "grey sweaty" said without "and" in a hurried message; more tablets than the dose "instead of one"
beside "by mistake" or deep drowsiness; "is it normal to feel this drowsy after taking ..." as a report of now. After
the session's read-only review, the neighbours it found stay without an alarm in every state (a pet's pupils, an
inhaler that did nothing for a cough, grey sweaty clothes or weather, a dose raised by the doctor, drowsiness after a
seizure or an anaesthetic asked about). Controls: one limb asked for instead of another.

From the session's own batch (tests/nlu/safety_batches_45.txt, written by a helper who never saw the guide): a worry
said with "a lot", or "my fear is ... one day"; others' word that someone is recovering; a sign asked about and
answered "nothing like that"; "there was a documentary on ..."; a verb of speech is no report told now ("on the radio
they talked about people who stop breathing"); weeds choked out, money haemorrhaging, boiler pressure collapsing, a
machine shaking "like it's having a fit"; all of us sweating buckets. A story's frame stops at a next event with one's
own family named ("there was a documentary on tv and then grandad collapsed": cancelled before the session). The
second review's finds stay red flags (a worry's "will" inside the phrase, "coughed it up" after something swallowed,
"nothing like that before", heavy sweating beside an aching arm, "and so is dad")."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from safety_support import alarmed_states, batch_rows, misread, read_batch, readings

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
    # the own batch's families' neighbours that stand
    ("there was a documentary on tv and then grandad collapsed", "emergency", "collapse"),
    ("there was a programme about strokes and then grandad collapsed", "emergency", "collapse"),
    ("she was choking, coughed it up but still can't breathe", "emergency", "breathing"),
    ("he's sweating buckets and clutching his chest", "emergency", "chest_pain"),
    ("on the radio they said a man collapsed, and my husband has just collapsed too", "emergency", "collapse"),
    ("the boiler pressure collapsed and so did mum, she's on the floor", "emergency", "collapse"),
    ("the washing machine is shaking like it's having a fit and dad is having a fit too", "emergency", "seizure"),
    ("I keep imagining him choking and now he actually is choking", "emergency", "choking"),
    ("chest pain? yes, crushing, going down his arm", "emergency", "chest_pain"),
    ("he has chest pain, nothing like that before", "emergency", "chest_pain"),
    # the second review's: real emergencies a first version of the session's rules had missed
    ("i'm worried he won't wake up", "emergency", "collapse"),
    ("i'm terrified the bleeding won't stop", "emergency", "bleeding"),
    ("he can't breathe, no nothing like that before", "emergency", "breathing"),
    ("she's bleeding heavily, none of these plasters work", "emergency", "bleeding"),
    ("my toddler swallowed a button battery, coughed it up", "emergency", "poisoning_overdose"),
    ("he's sweating buckets and his arm hurts", "emergency", "chest_pain"),
    ("the washing machine is shaking like it's having a fit and so is dad", "emergency", "seizure"),
    ("the boiler pressure has collapsed, and so has mum, she's on the floor", "emergency", "collapse"),
    ("his blood pressure collapsed", "emergency", "collapse"),
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
    # the own batch's families
    "i worry a lot that she will collapse",
    "my fear is she take too many tablets by mistake one day, how to prevent this",
    "On the radio they talked about people who stop breathing at night, sleep apnoea they call it.",
    "A footballer collapsed on the pitch in the match on TV; they said he's recovering well.",
    "I'm choking the weeds out with mulch this year.",
    "The budget at work is haemorrhaging money.",
    "The washing machine is shaking like it's having a fit.",
    "the heat is unbearable today, we're all sweating buckets",
    "Chest pain? No, nothing like that, he just wants his tea.",
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


# ----------------------------------------------------------------------------------------------------
# The session's own batch (tests/nlu/safety_batches_45.txt): near misses in eight groups (worries and what-ifs, signs
# that passed, other people's stories, things, strong words for mild complaints, sadness without a wish to die,
# denials, talk during the exercises), emergencies in everyday words, crisis talk.

BATCH = Path(__file__).parent / "safety_batches_45.txt"

KNOWN_FALSE_ALARMS_BATCH = {
    # a worry whose "will" starts the phrase, "keep imagining", a choke coughed up in the next clause (tried, dropped
    # after the second review: each had hidden real emergencies)
    "I worry a lot that my mother will become confused and wander off one day.",
    "I keep imagining him choking on his pills. How can we make them easier to swallow?",
    "He choked on a bit of toast at lunch, coughed it up straight away and is chatting happily now.",
    # a list of signs denied after it ("none of those" three clauses on), a question asked and answered by a gesture
    "Breathless, sweaty, faint: none of those, she just wants to stop for today.",
    "I asked if her chest hurt and she shook her head and smiled.",
    # a friend's father's stroke years ago (the rules' confirmation question), a documentary's frame in the clause before
    "My friend's dad had a stroke years ago and had to learn to walk again.",
    "There was a documentary on allergies, a girl had anaphylaxis from peanuts and the EpiPen saved her.",
}
"""The batch's near misses the rules still flag (the rules alone: 16/200 before the session's rules; the whole guide
with the net: 18/200 flagged (+1 asked) before, 9/200 after)."""

KNOWN_OTHER_KIND_BATCH = {
    # crisis talk the rules read as an overdose or a collapse (an alarm still; the net reads crisis)
    "I'm going to take all my tablets tonight so I don't wake up.",
    "I'm thinking of overdosing on my insulin.",
    "If I had the chance I'd just not wake up, and I'm thinking about making that happen.",
    "Mum said she'd be better off dead and tried to swallow the whole bottle of pills before I took it off her.",
    "my friend texted me saying goodbye forever and that she's taken something",
}
"""The batch's crisis lines the rules alone read as an emergency (the whole guide: emergencies 70/70, crisis 30/30)."""


def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, "#!")
    assert (len(first), later) == (300, [])
    assert Counter(k for k, _, _ in first) == {"near_miss": 200, "emergency": 70, "crisis": 30}


def test_the_batch_near_misses_with_the_rules(rules):
    assert misread(rules, batch_rows(BATCH, near_misses=True)) == KNOWN_FALSE_ALARMS_BATCH


def test_the_batch_red_flags_with_the_rules(rules):
    assert misread(rules, batch_rows(BATCH, near_misses=False)) == KNOWN_OTHER_KIND_BATCH


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("start this one over", S.ROUTINE_PAUSED, "repeat"),
    ("start this exercise over", S.ROUTINE_COUNTING, "repeat"),
    ("un pause", S.ROUTINE_PAUSED, "resume"),
    ("un-pause please", S.ROUTINE_PAUSED, "resume"),
    ("haud on, his foot slipped", S.ROUTINE_COUNTING, "pause"),
])
def test_the_sessions_control_words(understander, text, state, intent):
    """Tuning misses of tune41/46:odd and tune45:odd: this exercise started over, "un pause" as dictation splits it, and
    Scots "haud" (hold; lang/en.py DIALECT_FORMS)."""
    assert understander.understand(text, state).intent == intent
