"""The fiftieth session's safety families (from the tune52:odd, tune53 and tune54 tuning misses and false alarms;
docs/safety.md, "Fiftieth session"), on the lines of the session's read-only review (370 probe lines, written by a
helper who never saw the tuning sets; no line of the old reading lost, its new false alarms narrowed): crisis signs
said sideways (a message for whoever finds one, a lethal dose for one's weight, the highest bridge, a past attempt
and trying again, voices telling one to do it, finishing the job oneself); a pop, crack or clunk in a joint during
the exercises beside a cry; medicine mix-ups; formal and plain signs (a leg that will not take one's weight, bleeding
that continues unabated, no response to a squeeze, speech become unintelligible). Neighbours: seizures of goods, a
heart attack of a match, seizure free, an epipen never needed, overdoses of telly, and the review's everyday lines."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.safety_text import normalise
from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("Tell whoever finds me that the will is in the top drawer.", "crisis", "crisis"),
    ("What's a lethal dose of paracetamol for someone my weight?", "crisis", "crisis"),
    ("Which is the highest bridge around here, one that's high enough?", "crisis", "crisis"),
    ("What's the tallest building in town that would be high enough to not survive the fall?", "crisis", "crisis"),
    ("You won't have a patient to exercise much longer, I've made sure of that.", "crisis", "crisis"),
    ("I've taken everything in the medicine cupboard.", "crisis", "crisis"),
    ("Since my attempt last spring I think about trying again every day.", "crisis", "crisis"),
    ("I overdosed in March and I think about trying again every day.", "crisis", "crisis"),
    ("If these stretches don't kill me I'll finish the job myself.", "crisis", "crisis"),
    ("The voices are telling me to do it tonight.", "crisis", "crisis"),
    ("The voices keep telling me to do it, to jump.", "crisis", "crisis"),
    ("There was a loud crack in his hip when we turned him and he's yelling in agony.", "emergency", "exercise_warning"),
    ("Her arm made a clunk when I lifted it and now she's screaming.", "emergency", "exercise_warning"),
    ("Something cracked during the exercises and he's screaming in pain.", "emergency", "exercise_warning"),
    ("His shoulder made a snap and he's yelling, he says the pain is unbearable.", "emergency", "exercise_warning"),
    ("His ankle made a crack as he stepped off the kerb and the pain is unbearable.", "emergency", "exercise_warning"),
    ("Something cracked in his back during the physio and he's yelling.", "emergency", "exercise_warning"),
    ("The physio bent her leg, we heard a pop, and now she's in unbearable pain.", "emergency", "exercise_warning"),
    ("Eight tablets are missing after my toddler got into the blister pack.", "emergency", "poisoning_overdose"),
    ("My husband ingested a quantity of weedkiller in error.", "emergency", "poisoning_overdose"),
    ("The patient ingested a quantity of bleach in error.", "emergency", "poisoning_overdose"),
    ("He had a fall and now his leg won't take his weight.", "emergency", "head_injury"),
    ("He's been taken with a violent fit on the bathroom floor.", "emergency", "seizure"),
    ("Bleeding continues unabated from the cut on his leg.", "emergency", "bleeding"),
    ("She's had ten puffs of her inhaler and it does nothing, she's struggling.", "emergency", "breathing"),
    ("Her eyes are closed and there's no response when I squeeze her shoulder.", "emergency", "collapse"),
    ("His speech suddenly became unintelligible.", "emergency", "stroke"),
    ("We did the leg lifts, there was a snap in her thigh and she's yelling in pain.", "emergency", "exercise_warning"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "Customs seized the goods at the border.",
    "Police made a seizure of counterfeit cigarettes at the market.",
    "Customs made a big seizure of cocaine at Dover.",
    "The police seized his car after the crash.",
    "That was a heart attack of a match, it went to penalties!",
    "He's been seizure free since they changed his tablets.",
    "I don't think it was a seizure, just her legs twitching in her sleep.",
    "He carries an EpiPen but has never needed it.",
    "Overdose of soaps on the telly this weekend.",
    "I've had an overdose of telly today.",
    "Imagine the patient is fitting, what do you do first?",
    "For this exercise, imagine the patient is fitting on the floor.",
    "In the audiobook the man is having a heart attack on the train.",
    "In the audiobook the detective finds the body bleeding profusely.",
    "Sorry in advance for what I'm going to do to this song at karaoke.",
    "I'll sign the care home forms and be done with it.",
    "Just rip the plaster off and be done with it.",
    "Nobody will need to check on me after Friday, my daughter is moving in with me.",
    "I won't be getting up for it again, that alarm went off at five this morning.",
    "I can't wait for it all to be over, the building work has been so noisy.",
    "I'm done too, I've quit smoking for good.",
    "You've finished your dinner? I'm done too, let's clear up.",
    "The podcast was about someone who heard voices telling him to do it.",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


def test_a_decimal_reading_is_one_reading():
    assert normalise("Sugar's 2.1, temp 39.5. OK.") == "sugar 2 point 1 | temp 39 point 5 | ok |"
