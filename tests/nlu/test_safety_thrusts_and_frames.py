"""The forty-ninth session's safety families (from the tune51:odd tuning misses and the tuning false alarms left from
earlier authors; docs/safety.md, "Forty-ninth session"): a step in front of "the next fast train", what swallowing
all of them would do; abdominal thrusts given and the food not out; "un responsive" split by a recogniser; the name
called as a response check and no response; swollen all over and coughing beside a known trigger. Near misses: what a
first aid course was "all" or is "doing", a game character's poisoning, laughter that nearly knocked one out, an
overdose of soap operas, a side that collapsed in the second half, a laptop that will not wake, a question "only
wondering whether" a condition damages the muscles. Two read-only reviews (399 and 395 probe lines) found 6 and 5 real
emergencies lost in the session's versions (an "and" before a verb after the news, a device reaching across "and
dad", "just wondering" before a person's state); those were narrowed, and the reviews' lines are kept here. Last,
drowning now (St John Ambulance, RLSS), from the first review's list of lines wrong before and after."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("im on the platform and im going to step in front of the next fast train", "crisis", "crisis"),
    ("he wants to step in front of an express train", "crisis", "crisis"),
    ("if i swallow all of these will it hurt", "crisis", "crisis"),
    ("if she takes all of her pills will she wake up", "crisis", "crisis"),
    ("im doing the abdominal thrusts on him and the food still hasnt come out", "emergency", "choking"),
    ("done the heimlich maneuver three times, still stuck", "emergency", "choking"),
    ("heimlich twice now, still not out, what do i do", "emergency", "choking"),
    ("he is un responsive", "emergency", "collapse"),
    ("i squeezed her shoulder and said her name loud like they taught us and theres nothing no response at all",
     "emergency", "collapse"),
    ("my little girl had prawns and now shes all swollen and coughing and floppy", "emergency", "allergy"),
    # the reviews' real emergencies and crisis beside the session's frames and idioms
    ("grandad was watching the news on tv and collapsed", "emergency", "collapse"),
    ("she was on youtube and passed out", "emergency", "collapse"),
    ("the tv is on and dad will not wake up", "emergency", "collapse"),
    ("i got home from the office and he's unresponsive", "emergency", "collapse"),
    ("my son has locked himself in and he will not come out, he said he wants to die", "crisis", "crisis"),
    # drowning now (the first review's wrong-in-both list)
    ("my son is drowning in the pool", "emergency", "breathing"),
    ("the little lad went under the water in the canal and has not come back up", "emergency", "breathing"),
    ("someone's drowning in the river", "emergency", "breathing"),
    ("we fished him out of the river, he is blue and limp", "emergency", "breathing"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "my first aid course today was all strokes and seizures, we did role plays all afternoon",
    "in the game my character got poisoned and bled out took ages to respawn",
    "on my first aid course tomorrow they're doing choking, is it back blows first or the tummy thrusts",
    "in the drill the dummy's not breathing, is it thirty compressions then two breaths",
    "I laughed so hard at the vicar's joke I nearly passed out.",
    "She's overdosed on soap operas this week, watched about ten back to back.",
    "and the keeper's collapsed in the second half, three goals conceded, shocking",
    "my grandson keeps yelling that his squad is bleeding out behind the crates, it's some shooting game",
    "the laptop's frozen solid and it won't wake up no matter what i press",
    "sorry to bother you, dear, I was only wondering whether seizures can damage the muscles over time",
    # the reviews' everyday talk the session's versions had alarmed
    "i thought the bus had stopped so i stepped in front of the next bus, scary",
    "he will walk in front of the next car to check the road is clear for the wheelchair",
    "the heimlich scene in the film where the food still won't come out",
    "my son did the heimlich on his teddy and the stuffing still won't come out",
    "on casualty last night they did the heimlich and the food still wouldn't come out",
    "would abdominal thrusts hurt him if the food still didn't come up",
    "the un conscious mind is fascinating",
    "my laptop went un responsive",
    "the dog is lying in his bed, i called his name and nothing, just lazy",
    "the sesame seed bread rolls are all puffed up and limp",
    "if i take all of these vitamins will it upset my stomach",
    # drowning's neighbours
    "i am drowning in paperwork",
    "my mum is drowning in bills since dad died",
    "he is drowning his sorrows at the pub",
    "the baby is drowning in her big jumper, so cute",
    "the boat went under the water in the film",
    "on eastenders the baby is drowning in the bath, it's so dramatic",
    "my team is drowning this week",
    "the music is drowning out the telly",
    "she went under the water to pick up a brick at her swimming lesson",
    "i pulled the dog out of the pond, he is fine",
    "he nearly drowned as a kid, that is why he hates the bath",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize("text", [
    "i was just wondering if it's normal that he's not breathing properly right now",
    "i was just wondering if it's normal for him to be this cold and floppy and not answering me",
])
def test_a_question_shaped_report_of_now_still_alarms(understander, text):
    assert readings(understander, text, (S.IDLE,))[0][0] == "emergency"
