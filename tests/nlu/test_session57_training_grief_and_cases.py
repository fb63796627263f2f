"""The fifty-seventh session's safety readings (docs/safety.md, "Fifty-seventh session"), from the false alarms and
misses of the own probe r57 and tune61:odd: a training, a quiz or a role play; an event over in the words of sport, the
gym and home; a fall or a faint that nearly happened; a question about a case put; grief told with what keeps one
going (no alarm); fits one after another, a limb out of shape, pressure in the chest building, a deep cut showing bone,
a wound burst open, a child and someone's tablets, a medicine given or had twice over (emergencies); a cord round the neck, a
plan with a gun, a pillow over one's face, nature left to finish one off, a ghost who might make it permanent (crisis).
Understanding: led through the exercises with none named or only their kind, and "okay guide me through ..." (the
verb, not the wake word). All lines are written for these tests."""

from __future__ import annotations

import pytest
from controls_support import intent_and_slots as got
from safety_support import found

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize("text", [
    # a training, a quiz, a role play, an instructor's pretend
    "practice question for my NVQ: an elderly man suddenly can't lift his arm and his face droops, what is it? I said stroke, is that right?",
    "role play at college today, I was the casualty choking on a sweet, my partner did the back blows",
    "our instructor told us to pretend the dummy had collapsed and wasn't breathing, I forgot to check for danger first lol",
    "quiz me on the signs of sepsis please, my exam is on Friday",
    # over in the words of sport, the gym and home
    "my nephew nearly fainted at the bus stop, had a bottle of water and was right as rain after",
    "the keeper got knocked out cold for a second, got up and carried on playing",
    "grandad choked on a crisp watching the cricket, coughed a bit and carried on eating",
    "I nearly fell down the last two stairs with the washing basket but caught the rail",
    "thought I was going to die at the top of the hill on my bike, worst climb ever",
    "she thought he'd stopped breathing in his sleep but he was only holding his breath to tease her",
    # a question about a case put
    "if she ever has a fit in the bath, do I pull her out first or call 999?",
    "if he ever went grey and sweaty during the arm exercises, would that be a heart attack?",
    # grief told with what keeps one going
    "my wife's been gone three years and I still set a place for her at Christmas",
    "I miss my brother every single day but my grandchildren keep me going",
])
def test_training_an_event_over_a_case_asked_and_grief_are_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "expected"), [
    ("he's had one fit after another, three now, and he hasn't come round between them", ("emergency", "seizure")),
    ("the old lady she shaking all over, the eyes roll back, she not answer me", ("emergency", "seizure")),
    ("her wrist looks bent the wrong way after the hoist and she's crying in pain", ("emergency", "exercise_warning")),
    ("the pressure in his chest keeps building and he's gone clammy", ("emergency", "chest_pain")),
    ("he's gashed his hand on the saw, I can see the bone and it won't stop bleeding", ("emergency", "bleeding")),
    ("the cut on her arm has burst open again and blood is pouring out, the dressing is soaked", ("emergency", "bleeding")),
    ("the wound from her hip op has split open and blood is streaming down her leg", ("emergency", "bleeding")),
    ("my granddaughter swallowed a few of grandad's heart tablets, she's two", ("emergency", "poisoning_overdose")),
    ("I give the pills at eight and after my brother also give, two times, now mum very sleepy",
     ("emergency", "poisoning_overdose")),
    ("gran's had her codeine twice this morning, no, three times, and she's really drowsy", ("emergency", "poisoning_overdose")),
])
def test_emergencies_in_everyday_words(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "she keeps wrapping the phone cable round her neck and says she's had enough",
    "he's got a plan with his rifle if the results come back bad",
    "some nights I think about holding a pillow over my face and just stopping",
    "he says he'll let nature finish him off, he's stopped all his tablets",
    "I'm like a ghost in this house, might as well make it permanent",
])
def test_crisis_told_indirectly(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize(("text", "expected"), [
    ("I give her the tablets twice a day, she's a bit sleepy after", ("none", None)),
    ("she has her morphine twice a day and is really sleepy after", ("none", None)),
    ("if he falls, do I call an ambulance? he just fell and hit his head", ("emergency", "head_injury")),
])
def test_the_new_readings_keep_their_bounds(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "state", "expected"), [
    # led through the exercises, none named or only their kind: the guide asks which
    ("could you walk me through the stretches", S.IDLE, ("start_routine", {})),
    ("talk us through the passive range of motion routine", S.ANSWERED, ("start_routine", {})),
    # "guide" as the verb after "okay", not the wake word
    ("ok guide me through the exercises now", S.IDLE, ("start_routine", {})),
    ("okay guide us through her arm exercises", S.IDLE, ("start_routine", {"routine": "arms"})),
    # the wake word with a comma still goes
    ("okay guide, stop", S.READING, ("stop", {})),
])
def test_led_through_the_exercises(understander, text, state, expected):
    assert got(understander, text, state) == expected


@pytest.mark.parametrize("text", [
    # a sign one thought one saw, then its ordinary cause (own probe r57b's denied near misses)
    "I thought I saw blood on his pillow but it was the jam from his toast",
    "we thought she'd fainted in the garden but she'd just lain down to look at the bees",
    "I was worried he was choking, he was only pulling faces at the baby",
    "I thought her calf was swollen, I measured both and they're the same",
    "he went red holding his breath, I thought he was choking, he was just being daft for the grandkids",
    # over in the words of sport and home, a quiz's answer, a mix-up that nearly happened, a form's hyperbole
    "cut my finger chopping onions, bled a lot but a plaster sorted it",
    "my brother got winded at rugby, couldn't breathe for a second, he was up and laughing straight after",
    "practice paper question: a man's lips are blue and he is not breathing, what do you do first? the answer is CPR right?",
    "she nearly took her evening pills twice, I noticed in time",
    "if I have to fill in one more benefits form I'm going to jump out the window haha",
])
def test_a_sign_explained_and_more_near_misses_of_sport_home_and_quizzes(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "expected"), [
    # "seizure on" is no "seize on": the fit on a pitch or a beach is read
    ("my daughter's having a seizure on the beach and she's never had one before", ("emergency", "seizure")),
    # the ordinary cause is no alarm of its own: "it was worse" and a report after it stand
    ("I thought he was choking but it was worse, he's gone blue and isn't breathing", ("emergency", "breathing")),
    # paralysed from the chest down tells the level of the injury, no lasting state that ends the signs
    ("she is paralysed from the chest down, her face is flushed and her head is pounding", ("emergency", "dysreflexia")),
    # burning or cutting one's skin, kept up
    ("he's been cutting his arms with a blade again", ("crisis", "crisis")),
    ("I keep burning my wrist with a lighter when the panic comes", ("crisis", "crisis")),
])
def test_a_seizure_on_a_pitch_a_worse_cause_the_level_of_an_injury_and_self_harm(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "state", "expected"), [
    # "i didn't catch it" is a listener's pardon, not whether the illness can be caught
    ("could you say that last sentence again? I didn't catch it", S.READING, ("repeat", {})),
    ("can I catch it off my husband", S.IDLE, ("not_covered", {})),
    # a hearing aid that plays up is the reason for the request, not a health question
    ("turn the volume up, her hearing aid is on the blink", S.IDLE, ("louder", {})),
    # the noise around written without its apostrophe
    ("stop there a sec pet, phones ringing", S.READING, ("pause", {})),
    # the repetitions named with the pace
    ("take the reps more slowly", S.ROUTINE_COUNTING, ("slower", {})),
    ("quicker reps now", S.ROUTINE_COUNTING, ("faster", {})),
])
def test_a_pardon_a_hearing_aid_a_phone_and_the_pace_of_the_reps(understander, text, state, expected):
    assert got(understander, text, state) == expected
