"""The forty-sixth session's safety families (from the tune48:odd tuning misses; docs/safety.md, "Forty-sixth
session"): a pop heard or felt while a limb was moved, beside a scream; blood coughed with the bare verb ("cough plenty
blood"); eyes that "roll back" in Jamaican Creole beside shaking ("him eye dem roll back", "pon di ground"); a child who
has eaten most of a strip with a medicine named; medicines stopped "so it comes quicker"; Scots "ah'm" and "the night"
("ah'm endin it the night"); an everyday thing no longer known beside a sudden change. Near misses: a year said in
words ("in twenty nineteen"); a device that will not wake; a training dummy that is not breathing; what a course is
doing; a list of signs denied as a whole at its end. Their neighbours keep their alarm (a baby's dummy, a phone beside
a person who will not wake, a sign told after the denial, "we have none of them", counts and clock times after
"twenty")."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("i was bending his knee and heard a pop and now he's screaming in pain", "emergency", "exercise_warning"),
    ("felt something snap as i straightened her elbow, she's crying out in agony", "emergency", "exercise_warning"),
    ("we was at the table and my uncle just start to cough plenty blood", "emergency", "bleeding"),
    ("he coughed up blood just now", "emergency", "bleeding"),
    ("mi son a shake up shake up pon di ground and him eye dem roll back", "emergency", "seizure"),
    ("my three year old got the paracetamol open and she's eaten most of the strip", "emergency", "poisoning_overdose"),
    ("he's chewed half the blister pack of his nan's tablets", "emergency", "poisoning_overdose"),
    ("i'm ninety two and i've stopped taking my heart tablets on purpose so it comes quicker", "crisis", "crisis"),
    ("she's stopped her insulin so that the end comes sooner", "crisis", "crisis"),
    ("ah'm done, ah'm endin it the night, ah've had enough", "crisis", "crisis"),
    ("mid sentence she lost the thread, now she's holding the spoon like she doesn't know what it's for",
     "emergency", "confusion"),
    ("suddenly he's looking at me like he doesn't know me", "emergency", "confusion"),
    # neighbours that stand
    ("the baby spat her dummy out she is not breathing", "emergency", "breathing"),
    ("the phone rang and dad won't wake up", "emergency", "collapse"),
    ("since twenty minutes ago she has had chest pain", "emergency", "chest_pain"),
    ("choking, bleeding, breathless: none of those, she is choking on a sweet now", "emergency", "choking"),
    ("she is not breathing, lips blue, no pulse, we have none of them", "emergency", "breathing"),
    ("she is breathless, her chest hurts, she is grey, she has none of them", "emergency", "breathing"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "after his spinal cord injury in twenty nineteen he had dysreflexia a few times on the ward, nothing since he came "
    "home",
    "back in nineteen ninety eight she had a fit at work",
    "the laptop's frozen solid and it won't wake up no matter what i press",
    "my phone won't turn on",
    "in the drill the dummy's not breathing, is it thirty compressions then two breaths",
    "on my first aid course tomorrow they're doing choking, is it back blows first or the tummy thrusts",
    "chest pain, dizziness, getting breathless, a sharp pain, all the things on your list, she's got none of them",
    "Breathless, sweaty, faint: none of those, she just wants to stop for today.",
    "order it online so it comes quicker",
    "the kids have eaten most of the packet of biscuits",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []
