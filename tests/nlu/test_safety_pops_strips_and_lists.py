"""The forty-sixth session's safety families (from the tune48:odd tuning misses and the own batch 46; docs/safety.md,
"Forty-sixth session"): a pop heard or felt while a limb was moved, beside a scream; blood coughed with the bare verb
("cough plenty blood"); eyes that "roll back" in Jamaican Creole beside shaking ("him eye dem roll back", "pon di
ground"); a child who has eaten most of a strip with a medicine named; medicines stopped on purpose "so it comes
quicker"; Scots "ah'm" and "the night" ("ah'm endin it the night"); an everyday thing no longer known beside speech lost
mid sentence; a leg suddenly cold and white beside numbness; a threat told of throwing oneself down the stairs. Near
misses: a phone battery "at 2 percent, it's about to die"; a fear of "one night" at the clause's end. Two read-only
reviews found real emergencies lost to the session's first cancelling rules (years in words, devices that will not
wake, training dummies, "when is X an emergency", what a course is doing, lists denied as a whole, recoveries told with
talking, a nurse's look, a bad dream): they were taken out, and the reviews' lines are kept here."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from safety_support import alarmed_states, batch_rows, misread, read_batch, readings

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
    ("ah'm done, ah'm endin it the night, ah've had enough", "crisis", "crisis"),
    ("mid sentence she lost the thread, now she's holding the spoon like she doesn't know what it's for",
     "emergency", "confusion"),
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
    # the second review's: the cancelling rules of years in words, devices, mannequins, "when is X an emergency", course
    # frames and lists denied as a whole were taken out; "one night" fears only at the clause's end
    ("the lady in twenty two has collapsed", "emergency", "collapse"),
    ("my laptop won't wake up and same with my husband", "emergency", "collapse"),
    ("the resus annie is not breathing and nor is grandad", "emergency", "breathing"),
    ("when is breathlessness an emergency, he can barely talk", "emergency", "breathing"),
    ("at the class we're doing the recovery position on a man who isn't breathing", "emergency", "breathing"),
    ("Nan's choking, back slaps, abdominal thrusts, none of them", "emergency", "choking"),
    ("my worst nightmare was that he collapses one night and it's just happened", "emergency", "collapse"),
    ("choking, bleeding, breathless: none of those, she is choking on a sweet now", "emergency", "choking"),
    ("she is not breathing, lips blue, no pulse, we have none of them", "emergency", "breathing"),
    ("she is breathless, her chest hurts, she is grey, she has none of them", "emergency", "breathing"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "my phone won't turn on",
    "order it online so it comes quicker",
    "the phone battery is at 2 percent, it's about to die, quick tell me the next step",
    "my biggest fear is that she stops breathing in her sleep one night",
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
    # the second review's
    "she had the whole sheet wrapped round her legs, i gave her paracetamol for the pain",
    "the nurse came about his cough blood was taken and we're waiting",
    "moving her arm i felt her shoulder, it's always in pain with her arthritis",
    "bending his leg i felt a pop in my own back, i'm in agony now",
    "the baby looks at the broccoli like she doesn't know what it is, then suddenly she loves it",
    "her calf suddenly cold after the ice pack, she's in pain from the cramp",
    "my son said he is going to throw himself down the stairs like batman",
    "my toddler wants to throw himself down the stairs all the time, how do I stop him",
    "i stopped taking the pill on purpose so it happens quicker, we're trying for a baby",
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
    # "when is chest pain emergency?" asked in general, a fear of "one night" with "and" after it (both tried this
    # session, taken back after the second review: they cancelled reports after them)
    "In my country we call doctor for everything, here I don't know, when is chest pain emergency?",
    "My biggest fear is that she stops breathing in her sleep one night and I'm not there.",
    # a choke coughed up in the next clause (dropped in the forty-fifth session's review)
    "he choked on a bit of toast earlier, coughed it up straight away and he's eating fine now",
    # a checklist of denials said after the sign ("chest pain no"), a fish, a cup dropped from a tired hand
    "chest pain no, shortness of breath no, palpitations no, the nurse asked and we went down the list",
    "the fish in the tank looks like it is having a fit, swimming in circles",
    "wasn't a fit, wasn't a faint, he just dropped his cup because his hand was tired",
}
"""The batch's near misses the rules still flag (the rules alone: 14 before the session's rules, 11 after)."""

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
    assert misread(rules, batch_rows(BATCH, near_misses=True)) == KNOWN_FALSE_ALARMS_BATCH


def test_the_batch_red_flags_with_the_rules(rules):
    assert misread(rules, batch_rows(BATCH, near_misses=False)) == KNOWN_OTHER_KIND_BATCH
