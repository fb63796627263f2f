"""The forty-first session's safety families (from the tune43:odd tuning misses): a worried question about a named
person's state in the infinitive ("is it normal for his calf to be hot and hard") or about a sign that followed an
event told first ("is it normal that after she hit her head she is having trouble staying awake"; the clause cut that
had split "hit | her head" is gone); the choking sign of hands at the throat seen while eating; too much paracetamol
last night or yesterday; South Asian English "is paining"; a leg lying at a strange angle; affairs put in order with
"won't be long now"; a carer's "i've got her pills ready" no crisis talk. Each table holds the family's lines and its neighbours (docs/safety.md, "Forty-first
session")."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.safety_text import clauses
from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("is it normal for his calf to be hot and hard and bigger than the other one", "emergency", "blood_clot"),
    ("is it normal for grandma to be so confused and drowsy all of a sudden", "emergency", "confusion"),
    ("is it normal that after she hit her head she's having trouble staying awake", "emergency", "head_injury"),
    ("should i be worried that after he banged his head he is being sick", "confirm_emergency", "head_injury"),
    ("he was eating his dinner and went quiet, hands on his neck, eyes bulging", "emergency", "choking"),
    ("she's grabbing at her throat and her eyes are bulging", "emergency", "choking"),
    ("my friend took a load of paracetamol last night and now she's being sick", "emergency", "poisoning_overdose"),
    ("she swallowed a whole packet of paracetamol last night", "emergency", "poisoning_overdose"),
    ("my mother her heart is paining since one hour and she is sweating too much", "emergency", "chest_pain"),
    ("my heart hurts and my left arm is numb", "emergency", "chest_pain"),
    ("my heart has been hurting since my husband left for work", "emergency", "chest_pain"),
    ("my heart hurts after my son left, it feels tight and heavy", "emergency", "chest_pain"),
    ("i have his tablets right here", "crisis", "crisis"),
    ("she screamed when i moved it and now her leg is lying at a strange angle", "emergency", "head_injury"),
    ("if anything happens to me the passwords are in the blue folder. won't be long now", "crisis", "crisis"),
    # the review's: an event told first with "had" or "was" is still a report
    ("is it normal that after he had his tablets he is not breathing properly", "emergency", "breathing"),
    ("is it normal that after he had his lunch he is choking and can not speak", "emergency", "choking"),
    ("what do i do if after he ate the peanut his tongue is swelling", "emergency", "allergy"),
    ("is it normal that after she was stung her lips are swelling up and she can not breathe", "emergency", "allergy"),
    ("i put two fingers to his neck and he is not breathing", "emergency", "breathing"),
    ("i've got all my pills ready", "crisis", "crisis"),
]
"""The families' red flags, idle and while counting (a bone out of shape is the head-injury-and-falls concept)."""

NO_ALARM = [
    "is it normal for me to be breathless after the stairs",
    "is it normal for a baby to be blue after birth",
    "is it normal for people to be confused after an operation",
    "is it normal for him to choke on thin drinks",
    "is it normal for his leg to be swollen after a long flight",
    "is it normal for her to be confused in the evenings",
    "is it normal for old people to be confused when they have a water infection",
    "is it normal for his chest to be tight when he does the exercises",
    "is it normal that after she fell she was fine",
    "is it normal that after he hit his head last year he gets headaches",
    "put your hands on her neck and gently turn her head",
    "i put my hands round his neck to support his head while he ate",
    "she held her hands to her throat and laughed",
    "hands on her neck, gently tilt the head to each side",
    "he took too many paracetamol two years ago and was in hospital for a week",
    "she took a couple of paracetamol last night for her headache",
    "what happens if you take a load of paracetamol",
    "my knee is paining after the walk",
    "won't be long now",
    "the taxi won't be long now",
    "the kettle's on. won't be long now",
    "we're nearly at the last exercise, won't be long now",
    "i'm going in for my hip operation tomorrow, if anything happens to me the will is in the drawer",
    # the review's
    "after dinner she does her neck stretches with her hands on her neck",
    "she put her hands round his neck to support his head while he was eating",
    "put two fingers on her throat while she swallows to feel it move",
    "the nurse placed her fingers on his neck after lunch to check his pulse",
    "after lunch he rubs his hands on his neck because of the eczema",
    "my heart is paining for her",
    "it hurts my heart to see him like this",
    "my heart hurts since she left me",
    "my heart has been aching since the divorce",
    "she sits with her leg at a strange angle when she watches tv",
    "keep your knee from bending at an unnatural angle",
    "i take 28 paracetamol a week for my back",
    "can i take 12 paracetamol a day",
    "is it normal for my dad to be so confused and drowsy on morphine",
    "is it normal that after he fell last month he is still confused sometimes",
    # a carer's round of medicines (crisis talk before this session) and ropes of everyday use
    "i've got her pills ready",
    "i have his meds ready",
    "i have got her pills ready for the morning",
    "the skipping rope is ready",
    "tow rope ready",
    "the rope for my exercises is ready",
    "get the rope ready",
    # the third review: the clause after an event must name a sign of illness; a silence only at a meal
    "is it normal that after she hit her head she is having her lunch",
    "is it normal that after she hit her head she is crying",
    "she did the neck stretch with her hands on her neck and went quiet afterwards",
    "is it normal for me to be breathless on the stairs",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize(("text", "parts"), [
    ("is it normal that after she hit her head she is having trouble staying awake",
     ["is it normal that after she hit her head", "she is having trouble staying awake"]),
    ("is it normal that he cut his hand he is bleeding a lot", ["is it normal that he cut his hand", "he is bleeding a lot"]),
    ("is it normal she is breathing like that", ["is it normal", "she is breathing like that"]),
])
def test_a_verbs_object_starts_no_report(text, parts):
    assert clauses(text) == parts


@pytest.mark.parametrize(("text", "intent"), [
    ("not really, he's grumpy", "no"),
    ("no, he's in a bit of a mood", "no"),
    ("no, he's not feeling himself today", "no"),
    ("no, he's grumpy and he says he wants to die", "crisis"),
    ("no, she's not feeling herself, her face has gone droopy", "emergency"),
])
def test_a_mood_beside_the_answer_at_the_safety_check(understander, text, intent):
    """A sulk or an off day is a calm remark of mood (safety.yaml calm_remarks): the answer beside it wins over the
    learned net alone; a red flag of the rules or a word of harm beside it still stands."""
    assert understander.understand(text, S.ROUTINE_SAFETY_CHECK).intent == intent
