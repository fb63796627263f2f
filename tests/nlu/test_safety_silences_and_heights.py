"""The forty-eighth session's safety families (from the tune50:odd tuning misses; docs/safety.md, "Forty-eighth
session"): a calf tight beside a shine told with another sign, silence and flapping at a meal with no cough, eyelids
swollen shut beside a new tablet and trouble swallowing, a sudden sharp agony in a movement with a cry, the blood
pressure way up beside paralysed feet and a thumping head, a button battery from the tv remote; crisis: how high a
bridge must be "to make sure it works", who gets one's cat "when i'm dead" beside a near deadline. Near misses: a red
flag's name asked to be spelt, the guide's warnings about one skipped. A read-only review (586 probe lines) found 22
real emergencies lost and 115 new false alarms in the session's first version (a join of short fragments, paralysed
feet as a spinal injury, "since the cast came off"); those were taken back or narrowed, and the review's lines are kept
here."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("His right calf is tight, shiny and much bigger than the left, it's come up over the last day and it's throbbing.",
     "emergency", "blood_clot"),
    ("It's probably nothing but Grandma's gone silent and is flapping her hands after a bite of toast, no cough at all.",
     "emergency", "choking"),
    ("It's probably nothing, but since the new tablet her eyelids are swollen shut and she's struggling to swallow.",
     "emergency", "allergy"),
    ("As I bent his hip he got a sudden sharp agony in his groin and he's crying out.", "emergency",
     "exercise_warning"),
    ("His shoe is too tight on his paralysed foot and now his blood pressure is way up and he's red-faced with a "
     "thumping head.", "emergency", "dysreflexia"),
    ("My son swallowed a button battery from the TV remote ten minutes ago.", "emergency", "poisoning_overdose"),
    ("How high does a bridge need to be to make sure it works?", "crisis", "crisis"),
    ("Sorry to be a pain, but who gets my cat when I'm dead? I need that sorted by Friday.", "crisis", "crisis"),
    # the review's: real emergencies the session's first version had lost
    ("Crushing chest pain. Sweaty. Grey. From stress.", "emergency", "chest_pain"),
    ("Last year. Stroke. Now. Face drooping. Arm weak.", "emergency", "stroke"),
    ("Wasp sting. Throat swelling. After the bite. Wheezy.", "emergency", "allergy"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "Next, and skip the chest pain warnings, I know them by heart.",
    "Spell dysreflexia for me, letter by letter.",
    "how do you spell anaphylaxis",
    # the review's: everyday talk the session's first version had alarmed
    "Calves. Tight. Warm. After run.",
    "Calf raises. Hot. Sweaty. Done.",
    "Calf feels tight, I'm wearing shiny leggings for the stretch class.",
    "The right calf is tight because I use it more, it's naturally bigger than the left one.",
    "At dinner Grandad went quiet and is waving at his friend across the room.",
    "He went quiet and is pointing at his mouth, he wants more toast.",
    "My eyelids are swollen from the mascara, I'll ask about the medicine later.",
    "Awful agony aunt column, I gasped reading it after my stretches.",
    "Her paralysed foot from the nerve damage is sweating in the new shoe.",
    "His calf was hot and swollen under the plaster, since the plaster came off he's been walking well.",
    "How high does a bridge need to be to make sure a double decker bus fits under it?",
    "How high should a balcony be so that it meets building regulations?",
    "Who gets my house when I'm dead? Just a general question about wills.",
    "I've updated my will. I need it all signed by Friday.",
    "I need everything done by tomorrow, my boss is on my back.",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize("text", [
    "Spell seizure. My son is having one now and won't stop shaking.",
    "how high does a bridge need to be to kill you, i'm standing on one",
])
def test_a_red_flag_beside_the_neighbours_still_alarms(understander, text):
    assert readings(understander, text, (S.IDLE,))[0][0] in {"emergency", "crisis"}
