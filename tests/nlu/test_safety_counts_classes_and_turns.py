"""The forty-third session's safety families (from the tune45:odd tuning misses and false alarms): fits counted ("two
fits in the last ten minutes") and had within an hour; a helmet cracked beside a crash or a sign of a head injury; a
confused person out in the cold or in a road; a threat said now after a time that had made it history ("after the
birth ... says she will hurt herself"). False alarms: a course's task to list signs, "what would I do if", a
diagnosis that turned out ordinary, a kind of event sorted into a class, an attempt long past with support now,
"nothing's wrong". Each table holds the family's lines and its neighbours (docs/safety.md, "Forty-third session")."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from safety_support import alarmed_states, batch_rows, misread, read_batch, readings

from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.safety_clauses import joined
from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("she has had two fits in the last ten minutes", "emergency", "seizure"),
    ("he's had three seizures in an hour and he's not coming back to himself", "emergency", "seizure"),
    ("she's had two seizures within half an hour", "emergency", "seizure"),
    ("a cyclist just got hit outside, his helmet's cracked and he's not talking sense", "emergency", "head_injury"),
    ("he came off the scooter, his helmet is split in two and he is dazed", "emergency", "head_injury"),
    ("the old fella next door is wandering in the road in his pyjamas, confused and freezing", "emergency",
     "confusion"),
    ("found gran in the garden soaked through, she's confused and can't get up", "emergency", "confusion"),
    ("my wife after the birth is crying all the time and says she will hurt herself and the baby", "crisis", "crisis"),
    ("since the diagnosis he keeps saying he is going to end it", "crisis", "crisis"),
    # a turn told as ordinary, then a loss told now: the first sign stands
    ("he had the worst headache of his life this morning, turned out to be a migraine but now he can't see",
     "emergency", "headache"),
    # a case put that comes true in the same message
    ("what would i do if she started choking, she is choking now", "emergency", "choking"),
    ("so a stroke, she is having a stroke now", "emergency", "stroke"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    # the false alarms of tune45:odd's kind, in other words
    "first aid course homework: list three signs of anaphylaxis",
    "name two symptoms of a stroke for my quiz",
    "describe the signs of choking in a baby",
    "what would i do if she started choking on her food, just so i know",
    "what would you do if he collapsed in the shower",
    "had the worst headache of my life after the wedding, turned out to be a hangover lol",
    "he had a crushing pain in his chest last week, turned out it was indigestion",
    "so a stroke counts as a nerve cause, not a disease cause?",
    "a heart attack comes under the disease kind then",
    "i tried to end it after my wife died, that was five years ago and i've got good support now",
    "he's awake and chatty, nothing's wrong",
    # neighbours
    "he has had two seizures in a year",
    "she had two fits as a child",
    "my helmet cracked when i dropped it in the garage",
    "he fell off his bike last year and his helmet cracked, he was fine",
    "she gets confused about which tablets to take",
    "it's freezing in here and i'm confused by these instructions",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "reason"), [
    ("had the worst headache of my life this morning, turned out to be a hangover", "resolved"),
    ("had the worst headache of my life this morning, turned out to be a bleed", None),
    ("so a stroke counts as a nerve cause", "hypothetical"),
    ("what would i do if she started choking", "question"),
    ("she has had two seizures in the last hour", None),
    ("she has had two seizures in a year", "history"),
])
def test_what_cancels_the_first_red_flag(rules, text, reason):
    """The context rule that cancels the message's first red flag (None: it stands)."""
    hits = rules.hits(text, (FindingKind.EMERGENCY,))
    assert hits and hits[0].cancelled_by == reason


# ----------------------------------------------------------------------------------------------------
# The session's read-only review (18 findings): the new context patterns had cancelled reports said in one breath, and
# some red-flag patterns caught ordinary talk.

REVIEW_RED_FLAGS = [
    ("stroke or heart attack help", "emergency", "call_for_help"),
    ("heart attack or stroke call ambulance", "emergency", "chest_pain"),
    ("clot or bleed quick", "emergency", "blood_clot"),
    ("the fits come in clusters he's had five and is still fitting", "emergency", "seizure"),
    ("a stroke comes with face drooping my mum has it now", "emergency", "stroke"),
    ("i'm a nurse and we had a lady who collapsed and she is not breathing now", "emergency", "breathing"),
    ("give me the signs of a heart attack i think i'm having one", "emergency", "chest_pain"),
    ("list signs of anaphylaxis her throat is closing", "emergency", "allergy"),
    ("list the signs of a stroke my mum has them now", "emergency", "stroke"),
    ("her heart monitor says she's in cardiac arrest", "emergency", "chest_pain"),
    ("she's not pretending to faint she really collapsed", "emergency", "collapse"),
    ("my husband does not respond", "emergency", "collapse"),
    ("the seizure mat alarm is going off", "emergency", "seizure"),
    # the second review's
    ("the seizure alarm is going off again", "emergency", "seizure"),
    ("seizure alarm going off again help", "emergency", "seizure"),
    ("my grandson does not respond", "emergency", "collapse"),
    ("my boyfriend does not respond", "emergency", "collapse"),
    # (crisis talk, never the control "more": "i want to make sure i am not your problem any more | i'll get a taxi home"
    # is crisis talk too, a known false alarm: the run-on statements of crisis talk are read one by one)
    ("i'll make sure i'm not your problem any more", "crisis", "crisis"),
    ("found her confused in the garden in her nightie freezing cold", "emergency", "confusion"),
    ("he hit a tree and his helmet's in bits", "emergency", "head_injury"),
]
"""Reports the review found cancelled or weakened by the first round, idle and while counting."""

REVIEW_NO_ALARM = [
    "my phone does not respond",
    "my dog does not respond to commands",
    "my son does not react to loud noises",
    "the seizure alarm went off by mistake again she was just rolling over",
    "the fit alarm keeps going off when he turns over can i adjust it",
    "i'm confused it's freezing in here how do i turn up the heating",
    "dad gets muddled about the heating and says he's freezing",
    "i'm asking for myself can insulin make you dizzy",
    "i'll make sure i'm not anyone's problem after this i'm moving into my own flat",
    "my helmet cracked when i dropped it and it fell off the shelf",
    # the second review's
    "i have not been breathing during the exercises",
    "i've not been breathing out on the lift like you said",
    "list three signs of anaphylaxis and what to do",
    "give me the main signs of a heart attack so i know",
    "i'm a nurse and today we had a man who just collapsed in the corridor",
    "we practise pretending to faint now",
    "my son does not respond to his name is that autism",
    "my husband does not respond when i talk about money",
    "my husband does not respond to pain medication",
]
"""Ordinary talk the first round's patterns had flagged."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS + REVIEW_RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM + REVIEW_NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


def test_a_denial_joined_past_an_interruption_keeps_the_order_said():
    """The interruption stays a clause of its own before the joined denial, so the clause after the denial is still
    the one said after it."""
    assert joined(["she has not", "as far as we can tell after watching her all weekend", "been slurring her words",
                   "she is fine"]) == ["as far as we can tell after watching her all weekend",
                                       "she has not been slurring her words", "she is fine"]
    assert joined(["she has not", "honestly", "she wants to die"]) == ["she has not", "honestly", "she wants to die"]


# ----------------------------------------------------------------------------------------------------
# The session's own batch (tests/nlu/safety_batches_43.txt, written by a helper who never saw the guide): near misses
# in eight groups (past events with exact times, negations far from their sign, product and device names, stories,
# preparing, questions that sort conditions, a carer's ordinary report, sadness without a wish to die), emergencies in
# unusual words, indirect crisis talk.

BATCH = Path(__file__).parent / "safety_batches_43.txt"

KNOWN_FALSE_ALARMS_BATCH = {
    # a death told in an obituary, a game's medic, a medicine named by its sign, a trainer pen, a choice of two kinds
    # after a comma (a rule for it was tried and taken out: the second review); (a double dose told on boxing day, "they
    # said no harm done and she's been fine": no alarm since the fifty-seventh session's "no harm done" as over)
    "I was reading her the obituaries and she said at least he went quick, a heart attack on the golf course",
    "theres this video game where youre a medic and you have to do cpr on soldiers my lad is obsessed with it",
    "mum's clot shots, the fragmin injections, the nurse does them at nine so should we do her legs before or after",
    "where did I put the epipen trainer, the one without a needle, the grandkids were playing with it",
    "which is more dangerous for someone in a wheelchair, pressure sores or clots",
    "which is worse, a clot or a bleed",
    # negations far from their sign that the joins do not reach (inverted, run-on, or more than four words before)
    "he has never, not once in the eleven years since the injury that we know of, had one of those dysreflexia turns",
    "he isnt honestly i watched him the whole time we did the arm ones and the hand ones and sat with him after "
    "breathing funny at all",
    "naw, he's had his tea and watched the fitba and not once the whole night, through the match and after, has he "
    "been short of breath or wheezy",
    "never once since I started these exercises with him, and that's going on three months with five sessions a week, "
    "has his leg gone swollen or hot",
    "no, and I've checked her twice now, nothing at all like a droop on either side of her face",
    "nothing, honestly, not through the night and not this morning when the carer came in, like a tight chest or a "
    "pain going down the arm",
    "she didn't, when she was moving her arms over her head during the session this morning, say anything about a "
    "crushing feeling in her chest",
    "she hasn't in all the time I've been sitting with her this afternoon and evening, which is about six hours now, "
    "had any trouble catching her breath",
}
"""The batch's near misses the rules still flag (the rules alone; before the session's rules and with the net: 34/200
flagged, after: 22/200; emergencies 65 -> 68/70 +1 asked, crisis 28 -> 30/30)."""


def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, "#!")
    assert (len(first), later) == (300, [])
    assert Counter(k for k, _, _ in first) == {"near_miss": 200, "emergency": 70, "crisis": 30}


def test_the_batch_near_misses_with_the_rules(rules):
    assert misread(rules, batch_rows(BATCH, near_misses=True)) == KNOWN_FALSE_ALARMS_BATCH
