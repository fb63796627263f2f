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

from collections import Counter
from pathlib import Path

import pytest
from safety_support import alarmed_states, misread, read_batch, readings

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
    ("she's stopped taking her insulin so that the end comes sooner", "crisis", "crisis"),
    ("ah'm done, ah'm endin it the night, ah've had enough", "crisis", "crisis"),
    ("mid sentence she lost the thread, now she's holding the spoon like she doesn't know what it's for",
     "emergency", "confusion"),
    ("suddenly he's looking at me like he doesn't know me", "emergency", "confusion"),
    # neighbours that stand
    # the review's: real emergencies a first version of the session's rules had missed
    ("the baby spat her dummy out she is not breathing", "emergency", "breathing"),
    ("found her in the cot with the dummy not breathing", "emergency", "breathing"),
    ("the phone rang and dad won't wake up", "emergency", "collapse"),
    ("I'm on the phone and he won't wake up", "emergency", "collapse"),
    ("dad fell asleep on the laptop and wont wake up", "emergency", "collapse"),
    ("she took a sleeping tablet and she won't wake up", "emergency", "collapse"),
    ("the laptop won't wake up and neither will my husband", "emergency", "collapse"),
    ("since twenty minutes ago she has had chest pain", "emergency", "chest_pain"),
    ("he's been fitting since twenty one thirty", "emergency", "seizure"),
    ("she's been fitting since twenty two hundred hours", "emergency", "seizure"),
    ("so when is it an emergency he's not breathing", "emergency", "breathing"),
    ("she suddenly can't speak properly and her face has dropped, she's got a sore on her heel, the nurse had a look "
     "and it's fine", "emergency", "stroke"),
    ("dad's lying on the floor not breathing, the kids woke up screaming, it was just a bad dream", "emergency",
     "breathing"),
    ("he's taken all his tablets, five minutes later he is fine", "emergency", "poisoning_overdose"),
    ("she's been fitting for ten minutes, she needs her rescue meds, she has none of them", "emergency", "seizure"),
    ("not breathing, blue lips, no pulse, tried 999 the gp and 111, none of them", "emergency", "breathing"),
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
    "in the drill the resus annie is not breathing, is it thirty compressions then two breaths",
    "on my first aid course tomorrow they're doing choking, is it back blows first or the tummy thrusts",
    "chest pain, dizziness, getting breathless, a sharp pain, all the things on your list, she's got none of them",
    "Breathless, sweaty, faint: none of those, she just wants to stop for today.",
    "order it online so it comes quicker",
    "the kids have eaten most of the packet of biscuits",
    # the review's: everyday talk a first version of the session's rules had alarmed
    "he has a cough blood pressure was fine at the gp",
    "I heard a pop when I turned the kettle on and the baby started crying",
    "we stopped getting his tablets from boots and use the online pharmacy so it comes quicker",
    "we stopped his tablets being delivered by post and collect them so it comes quicker",
    "the way he rushes he's going to throw himself down the stairs one day",
    "the kids want to throw themselves down the stairs on a sleeping bag",
    "she looked at the new coffee machine this morning like she doesn't know what it is",
    "his eyes roll up when he's falling asleep in his chair, he's shaking his head to stay awake",
    "her leg is pale, she never goes in the sun, she suddenly said her knee is very painful",
    "she's eaten most of the packet already, can she still have her paracetamol later",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


# ----------------------------------------------------------------------------------------------------
# The session's own batch (tests/nlu/safety_batches_46.txt, written by a helper who never saw the guide): near misses in
# eight groups (worries and what-ifs, signs that passed or were checked, other people's stories, things, strong words
# for mild complaints, sadness without a wish to die, denials, talk during the exercises), emergencies in everyday
# words, crisis talk; voices of night carers, spouses, grandchildren, home-care workers, people who apologise.

BATCH = Path(__file__).parent / "safety_batches_46.txt"

KNOWN_FALSE_ALARMS_BATCH = {
    # recoveries told with talking, a colour back, a nurse's look, a bad dream (tried as resolved clauses this session,
    # taken back after the review: each cancelled real emergencies in the two clauses before it)
    "He felt faint in the shower ten minutes ago, he's sitting down now with his colour back and talking normally.",
    "earlier his face looked droopy but it was just from sleeping on that side, the nurse had a look and it's fine",
    "had a scare at 3am, he was gasping, but it was just a bad dream, he settled and is snoring peacefully now",
    "he went pale and sweaty for a moment during the leg lifts, we stopped, five minutes later he's pink and smiling",
    "sorry to bother, she was short of breath on the stairs a few minutes ago, now she is breathing normal and chatting",
    # a choke coughed up in the next clause (dropped in the forty-fifth session's review)
    "he choked on a bit of toast earlier, coughed it up straight away and he's eating fine now",
    # a checklist of denials said after the sign ("chest pain no"), a fish, a cup dropped from a tired hand
    "chest pain no, shortness of breath no, palpitations no, the nurse asked and we went down the list",
    "the fish in the tank looks like it is having a fit, swimming in circles",
    "wasn't a fit, wasn't a faint, he just dropped his cup because his hand was tired",
}
"""The batch's near misses the rules still flag (the rules alone: 14 before the session's rules, 9 after)."""

KNOWN_OTHER_KIND_BATCH = {
    # crisis plans the rules do not read (the learned net reads them: an alarm of the whole guide)
    "I have the rope in the garage, I just need the house to be empty.",
    "If he goes I'll go too, I've already decided how.",
    "he keeps banging his head against the wall on purpose and saying he wants it all to end",
    "my friend who cares for her mum texted me she is going to take an overdose tonight",
    # a tongue swelling fast after a new tablet
    "his tongue is getting big fast and he can't swallow since the new tablet",
}
"""The batch's red flags the rules alone misread (the whole guide: see docs/safety.md, "Forty-sixth session")."""


def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, "#!")
    assert (len(first), later) == (300, [])
    assert Counter(k for k, _, _ in first) == {"near_miss": 200, "emergency": 70, "crisis": 30}


def test_the_batch_near_misses_with_the_rules(rules):
    first, _ = read_batch(BATCH, "#!")
    assert misread(rules, [row for row in first if row[0] == "near_miss"]) == KNOWN_FALSE_ALARMS_BATCH


def test_the_batch_red_flags_with_the_rules(rules):
    first, _ = read_batch(BATCH, "#!")
    assert misread(rules, [row for row in first if row[0] != "near_miss"]) == KNOWN_OTHER_KIND_BATCH
