"""The forty-second session's second own batch (tests/nlu/safety_batches_42b.txt, written by a helper who never saw the
guide): a negation cut off by an aside ("he isn't complaining of, and i asked him straight out, any pain in the
chest"), a time told before its event in a clause of its own ("a while ago, maybe three weeks, he got a bee sting ...";
weeks ago or more only), a pain that is back revives the history before it, machines, devices and fish that die, choke,
bleed or can't breathe, a referee "having a stroke", a splinter one can't get out, asking God to take one tonight."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from safety_support import alarmed_states, batch_rows, misread, read_batch, readings

from voice_guide.nlu.safety_text import clauses, normalise
from voice_guide.nlu.state import DialogueState as S

BATCH = Path(__file__).parent / "safety_batches_42b.txt"


@pytest.mark.parametrize(("text", "parts"), [
    ("he is not complaining of, and i asked him straight out, any pain in the chest",
     ["he is not complaining of any pain in the chest"]),
    ("she did not, as far as i can tell, fall", ["she did not fall"]),
    ("a while ago, maybe three weeks, he got a bee sting", ["a while ago maybe three weeks he got a bee sting"]),
    ("yesterday, she took all her tablets", ["yesterday", "she took all her tablets"]),
    ("he is not, he is breathing", ["he is not", "he is breathing"]),
    # the third review's: never an aside before a statement of its own, never a time long past before a clause told now
    ("he did not, and i asked him, he has taken all his pills", ["he did not", "and i asked him", "he has taken all his pills"]),
    ("a couple of months back, my baby is choking", ["a couple of months back", "my baby is choking"]),
])
def test_asides_and_fronted_times_join(text, parts):
    assert clauses(normalise(text)) == parts


NO_ALARM = [
    "he isn't complaining of, and the nurse checked, any chest pain or tightness",
    "mum says there's not, apart from her usual aches, anything in her legs that's hot or swollen",
    "a few months ago, maybe four, she had a fit in the bath, the neurologist changed her tablets",
    "my phone's about to die, hang on",
    "the boiler is making a choking noise again",
    "the printer ink is bleeding all over the page",
    "the goldfish look like they can't breathe, does the tank need a pump",
    "the ref's having a stroke, he's given them another penalty",
    "i've got a splinter in my thumb and i can't get it out",
    # the third review's: a history is revived only by its own sign back
    "he had a heart attack last year, the nurse is back now",
    "she had a heart attack two years ago, the colour has come back in her cheeks",
]
"""The batch's families in other words: no alarm in any state."""

RED_FLAGS = [
    ("she's not, as far as i can tell, breathing", "emergency", "breathing"),
    ("last year he had chest pain, it's back now and crushing", "emergency", "chest_pain"),
    ("last night, he had chest pain, it's back now and crushing", "emergency", "chest_pain"),
    ("yesterday, she took all her tablets", "emergency", "poisoning_overdose"),
    ("my phone is about to die and my husband has collapsed", "emergency", "collapse"),
    ("the boiler's choking and so is my dad, he can't breathe", "emergency", "breathing"),
    ("he's got something stuck and he can't get it out, he's choking", "emergency", "choking"),
    ("nan says she has asked god to take her tonight", "crisis", "crisis"),
    # the third review's
    ("she is not, honestly, she wants to die", "crisis", "crisis"),
    ("he does not, thank god, he is not breathing", "emergency", "breathing"),
    ("we had fish and chips and now my son cannot breathe", "emergency", "breathing"),
    ("our goalie is having a fit on the pitch", "emergency", "seizure"),
    ("the manager is having a heart attack in the dugout", "emergency", "chest_pain"),
    ("a couple of months back, my baby is choking", "emergency", "choking"),
    ("he swallowed his tooth and i can not get it out", "emergency", "choking"),
    # the fourth review's: no song by a name, a report in the past after a case put, the baby named, a faded sign told
    # this morning
    ("carol goes she's not breathing", "emergency", "breathing"),
    ("my first aid course covered choking the baby is choking now", "emergency", "choking"),
    ("if the baby ever chokes what do i do the baby is choking", "emergency", "choking"),
    ("i wonder if anyone ever survives this he stopped breathing", "emergency", "breathing"),
    ("she had a fall last year, went blue and floppy", "emergency", "breathing"),
    ("mum had a stroke in march, this morning the droopy face has mostly gone now", "emergency", "stroke"),
]
"""Reports beside the families' words still stand, idle and while counting."""


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_reports_beside_them_stand(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


def test_the_batch_is_well_formed():
    rows, later = read_batch(BATCH, "#!")
    assert later == []
    assert Counter(k for k, _, _ in rows) == {"near_miss": 200, "emergency": 70, "crisis": 30}


KNOWN_FALSE_ALARMS = {
    # (fifty-fifth session: "er what does autonomic dysreflexia actually mean, ..." is a question again, "er" leading it)
    # a negation the window does not reach, and a fall beside a denied knock
    "she didn't, and I checked her over twice, bang her head when she slid off the chair onto the cushion",
    "not no more the shaking and the eyes rolling, doctor change the medicine and since then nothing",
    "there hasn't been any of that slurring or the droopy mouth, his speech is clear as a bell today",
    "no sign whatsoever of him choking again at lunch, I cut everything up small like the speech therapist said",
    "I don't think, and the nurse agreed, that there's any sign of the rash or the lip swelling she got with penicillin",
    # a recent funny turn (Monday counts as now)
    "on Monday he had a wee funny turn, went pale and sweaty in the chair, but the nurse did his sugars and it was just low, he had a biscuit and perked right up",
}
"""The batch's near misses the rules still flag (19 with the net before the session's second round; the learned net
reads three more as red flags: two carers at the end of their tether, a faint in the bath yesterday, asked)."""


def test_the_batch_near_misses_with_the_rules(rules):
    assert misread(rules, batch_rows(BATCH, near_misses=True)) == KNOWN_FALSE_ALARMS


def test_a_message_of_many_asides_is_read_in_linear_time(understander):
    """Hundreds of asides stay short clauses and the clause after a red flag is looked at lazily (the fourth review:
    300 asides had taken 17 s); checked by the reading, the time by scripts/eval_safety.py --check-time."""
    text = "he is not, and i asked him, " * 300 + "he is not breathing"
    assert understander.understand(text, S.IDLE).intent == "emergency"
