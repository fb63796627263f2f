"""The fifty-sixth session's readings (docs/safety.md and docs/controls.md, "Fifty-sixth session"), from the misses of
tune60:odd: tablets saved up instead of taken, poison to be drunk on purpose, a car to be driven into water (crisis);
blood through a dressing again and again, a gassy smell with headaches (emergencies); a sign thought seen and then put
down to an ordinary cause, a fall onto something soft, "does that mean she is dying" asked (no alarm); a wish for a good
night's sleep (no crisis talk). Understanding: a topic named alone before a question pointing at it, a polite "sir" and
"kindly explain", "when it's at home"; controls: ready for the exercises before a routine runs, the count said
complete, the things one can say. All lines are written for these tests."""

from __future__ import annotations

import pytest
from controls_support import intent_and_slots as got
from safety_support import found
from understanding_support import answers

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize("text", [
    # tablets saved up instead of taken, found or told
    "mum's been saving them up instead of taking them, there's a whole tin of her pills under the bed",
    "I think he's hiding them instead of swallowing them, his tablets keep turning up in a tissue",
    # poison to be drunk on purpose, told or relayed
    "my friend just texted that she's going to drink bleach tonight",
    "he says he's going to drink the weedkiller in the shed",
    # a car to be driven into water or a wall
    "some days I feel like driving the car into the river and being done",
    "she said she may as well crash the car into a wall",
])
def test_crisis_by_savings_poison_and_a_car(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize(("text", "expected"), [
    # blood through a dressing again and again, or with faintness
    ("the cut on his shin has bled through two dressings already and it won't stop", ("emergency", "bleeding")),
    ("blood's soaking through the tea towel again and she's gone pale", ("emergency", "bleeding")),
    # a gassy smell with headaches and drowsiness in the house
    ("gassy smell in the kitchen and mum and dad both have headaches and feel sleepy", ("emergency", "poisoning_overdose")),
])
def test_bleeding_through_a_dressing_and_a_gassy_smell(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    # a sign thought seen, then put down to an ordinary cause
    "I thought his speech was slurred but no, he's just got his dentures out",
    "thought she'd stopped responding, but nope she's just half asleep",
    # a fall onto something soft
    "she slid out of her chair, I checked her over, she landed on the beanbag",
    # asked, not told
    "if his muscles waste away does that mean he is dying",
    # a wish for a good night's sleep
    "honestly I just want to sleep properly tonight for a change",
    # ordinary words beside a dressing and the poison cupboard
    "the cream has gone right through the dressing, should I change it",
    "we keep the weedkiller locked in the shed so the kids won't drink it",
])
def test_an_ordinary_cause_a_soft_landing_a_question_and_a_wish(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text", [
    "I just want to sleep and never wake up",
    "I want to sleep forever",
])
def test_sleep_wished_for_ever_stays_crisis_talk(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


DEFINITION = ["loss of muscle tissue", "muscles shrink"]


@pytest.mark.parametrize("text", [
    # a topic named alone before a question pointing at it, after a preamble
    "Good evening, sorry for my English. Muscle wasting, what is it?",
    "hi there, my english not good. atrophy, what does it mean?",
    # a polite address and a request to explain at the end
    "Madam, what is muscle atrophy, kindly explain",
    # a British way of asking what a thing is
    "what's atrophy when it's at home?",
])
def test_a_topic_named_first_and_courtesies(understander, text):
    assert answers(understander.understand(text), DEFINITION)


@pytest.mark.parametrize("text", [
    # a preamble whose pointing word is still its own: no passage
    "my brother's knee has been clicking for weeks, what could be causing it",
    "hello, I'm a student. what does it do?",
])
def test_a_pointing_word_without_a_topic_named_first(understander, text):
    assert understander.understand(text).section_id is None


@pytest.mark.parametrize(("text", "state", "expected"), [
    # ready for the exercises before any routine runs: the guide asks which, or starts the one named
    ("okay we're ready to do her stretches", S.IDLE, ("start_routine", {})),
    ("we're all ready for grandad's arm exercises now", S.IDLE, ("start_routine", {"routine": "arms"})),
    ("i am ready for the leg exercises", S.ANSWERED, ("start_routine", {"routine": "legs"})),
    # the count said complete
    ("that's all ten done", S.ROUTINE_COUNTING, ("ready", {})),
    ("five reps done", S.ROUTINE_COUNTING, ("ready", {})),
    # the things one can say
    ("what are the commands we can say", S.IDLE, ("help", {})),
    ("so what are the words i should say to you", S.READING, ("help", {})),
    # "that's us done" while counting is still a stop, not the count complete
    ("that's us done for today", S.ROUTINE_COUNTING, ("stop", {})),
])
def test_ready_before_a_routine_the_count_complete_and_what_to_say(understander, text, state, expected):
    assert got(understander, text, state) == expected


@pytest.mark.parametrize("text", [
    # an own probe's near misses (r56): one would be dead without the carer, a threat to haunt, breathing stopped out of
    # spite, a bad day's wish to lie on the floor and scream
    "she'd be dead without me and she never says thank you",
    "dad says if I make him do another stretch he'll haunt me for the rest of my life",
    "he says he'll hold his breath out of spite if I put the telly off",
    "after that phone queue I could have lain down on the floor and screamed",
    # a case put in the past subjunctive with a question of what to do
    "if my husband fainted in the shower what should I do first",
    # a clip watched, a memoir read, a game with zombies that bleed
    "we watched a documentary about a man who tried to kill himself and then ran marathons",
    "the game has zombies that bleed everywhere, is it ok for him",
    # drinking plenty after being dehydrated
    "the nurse said he was dehydrated, he's drinking plenty now",
    # crisis talk told as over, with the help got and a time long past
    "when I was at college I thought about ending it, I got counselling and I'm in a good place now",
])
def test_near_misses_of_a_bad_day_a_case_put_a_story_and_crisis_over(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text", [
    # crisis told as over, then come back
    "years ago I tried to end it, I got help, but lately the thoughts are back",
    # over, but told now
    "I tried to kill myself last night, I got help",
    # the case put, with a report told now after it
    "if she fell, what do I do, she's on the floor now not moving",
])
def test_what_still_stands(rules, text):
    assert found(rules, text)[0] in ("crisis", "emergency")
