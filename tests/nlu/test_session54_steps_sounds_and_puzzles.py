"""The fifty-fourth session's readings (docs/controls.md and docs/safety.md, "Fifty-fourth session"): a step said done
(ready) beside the exercises said done (stop); the sounds cut or killed; the kind of exercises named without a limb; a
leading "right" that is a filler, not "the right time"; and on the safety side a body that changed "and I don't know
why" (no crisis sign), a message that ends by switching the device off (talk to the guide), and a cast already off
beside a limb that looks small. All lines are written for these tests."""

from __future__ import annotations

import pytest
from controls_support import intent_and_slots as got
from safety_support import fixed_net, found

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "state", "expected"), [
    # a step said done: ready, in the routine's states
    ("done with this one", S.ROUTINE_COUNTING, "ready"),
    ("okay, finished that stretch", S.ROUTINE_WAITING, "ready"),
    ("we're done with that side now", S.ROUTINE_WAITING, "ready"),
    # the exercises or the session said done: a stop, never the passive-exercise passage
    ("done with the exercises", S.ROUTINE_COUNTING, "stop"),
    ("right, we're all finished with her stretches for today", S.ROUTINE_PAUSED, "stop"),
])
def test_a_step_done_is_ready_and_the_exercises_done_a_stop(understander, text, state, expected):
    assert got(understander, text, state) == (expected, {})


@pytest.mark.parametrize(("text", "state"), [
    ("cut the beeps", S.ROUTINE_WAITING),
    ("kill the sound effects please", S.ROUTINE_COUNTING),
    ("ditch those chimes", S.IDLE),
])
def test_sounds_cut_or_killed_are_sounds_off(understander, text, state):
    assert got(understander, text, state) == ("sounds_off", {})


@pytest.mark.parametrize(("text", "state", "expected"), [
    # the kind of exercises named without a limb: the guide asks which routine
    ("let's do the range of motion exercises", S.IDLE, ("start_routine", {})),
    ("start the passive stretches now", S.ANSWERED, ("start_routine", {})),
    ("let's make a start on the exercises", S.ANSWERED, ("start_routine", {})),
    # a limb named: its routine at once
    ("right, time to start his leg routine", S.ANSWERED, ("start_routine", {"routine": "legs"})),
])
def test_the_exercises_asked_for_by_their_kind(understander, text, state, expected):
    assert got(understander, text, state) == expected


@pytest.mark.parametrize("text", [
    "what are passive range of motion exercises",
    "when is the right time to do the stretches",
    "best time of day for her exercises?",
])
def test_questions_about_the_exercises_stay_questions(understander, text):
    intent, _ = got(understander, text, S.IDLE)
    assert intent != "start_routine"


@pytest.mark.parametrize(("text", "expected"), [
    # a body that changed and the speaker does not know why: a puzzle, no crisis sign
    ("his thighs have got so much thinner and i don't know why", ("none", None)),
    # not knowing why beside a means or a plan: still a sign that counts
    ("she's been hiding her tablets in a drawer and I don't know why", ("crisis", "crisis")),
])
def test_not_knowing_why_beside_a_changed_body_is_no_crisis_sign(bare, text, expected):
    bare.net = fixed_net(crisis=0.5)  # the net's doubt under its usual bar, over the lowered bar of a crisis sign
    assert found(bare, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("we'll have to stop there, the carer's at the door. turn it off", ("none", None)),
    # wanting to switch off is no command to the device
    ("some days i just want to switch off", ("crisis", "crisis")),
])
def test_a_message_ending_by_switching_the_device_off_is_talk_to_the_guide(bare, text, expected):
    bare.net = fixed_net(crisis=0.93)  # over the crisis bar, under learned.session_talk_at (0.96)
    assert found(bare, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She broke her ankle in the spring and the plaster came off today, her calf is half the size of the other.",
     ("none", None)),
    # a new fall with the cast off: the break told now stands
    ("His cast came off this morning but he fell in the garden just now and his wrist looks broken.",
     ("emergency", "head_injury")),
])
def test_a_cast_already_off_beside_a_small_limb(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "state"), [
    # a whole message of praise said to the person: no command
    ("well done you, nearly done", S.ROUTINE_COUNTING),
    ("good girl, almost there", S.ROUTINE_COUNTING),
    ("there we go, nice and steady", S.ROUTINE_WAITING),
])
def test_praise_to_the_person_is_no_command(understander, text, state):
    intent, _ = got(understander, text, state)
    assert intent == "fallback"


@pytest.mark.parametrize(("text", "state", "expected"), [
    # a past habit told is no command
    ("my dad used to read to us every night", S.IDLE, False),
    ("she used to count her steps out loud", S.ROUTINE_COUNTING, False),
    # a request beside it stays a command
    ("he used to love these, next one please", S.ROUTINE_WAITING, True),
    ("nearly done, next one", S.ROUTINE_COUNTING, True),
])
def test_a_past_habit_told_is_no_command(understander, text, state, expected):
    intent, _ = got(understander, text, state)
    assert (intent in {"read_article", "repeat", "next", "ready", "resume", "slower"}) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a past event long ago told as the background of a question about the care, in more words of time and of care
    ("The summer before last Grandad choked on a fish bone at the seaside and a lifeguard got it out. Any tips for "
     "doing his wrist stretches without tiring him?", ("none", None)),
    ("When Aisha was nine she fell off a trampoline and split her head open. Which knee movements are safe with her "
     "cerebral palsy now?", ("none", None)),
    ("Around the time we moved to Swansea Bill had a mild heart attack, a stent fixed it. How long should each session "
     "of his arm moves be?", ("none", None)),
    # the same event told now, or a question about first aid: it stands
    ("Grandad is choking on a fish bone. Any tips?", ("emergency", "choking")),
    ("The summer before last Grandad choked on a fish bone, should I do back slaps if it happens again?",
     ("none", None)),
])
def test_a_past_event_as_background_in_more_words(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the other alternative of a general question is part of the question
    ("Does a stroke cause muscle wasting, or is it the other way round, that weak muscles bring on strokes?",
     ("none", None)),
    # a person's state told after "or" stands
    ("can a clot cause wasting, or is it, his calf is hot and swollen and he is breathless", ("emergency", None)),
])
def test_the_other_alternative_of_a_question(rules, text, expected):
    kind, concept = found(rules, text)
    assert (kind, concept if expected[1] is not None else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("my head's about to burst with all the forms from the council, can we do his legs now", ("none", None)),
    ("my son reckons I'm having a stroke because I spelled physio wrong twice", ("none", None)),
    ("I feel like I'm dying, I've been up with him every night this week and I'm shattered", ("none", None)),
    ("I'm out cold by ten most nights, can we do her arms in the afternoon", ("none", None)),
    # the same words as a report now
    ("he's having a stroke, his face has dropped and he can't lift his arm", ("emergency", "stroke")),
])
def test_figures_of_speech_and_habits_of_a_tired_carer(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He's just coughed up a cupful of dark red blood.", ("emergency", "bleeding")),
    ("She said she didn't bang her head, but there's a huge lump on the side and she's been sick twice.",
     ("emergency", "head_injury")),
    ("He says the headache hit him like a baseball bat, he's never had anything like it.",
     ("emergency", "headache")),
    # neighbours: blood pressure tablets brought up, a lump on the side of a cupboard
    ("she threw up her blood pressure tablets this morning", ("none", None)),
    ("there's a huge lump on the side of the new wardrobe, can we do the exercises in the lounge", ("none", None)),
])
def test_red_flags_in_the_probes_words(rules, text, expected):
    assert found(rules, text)[0] == expected[0]


@pytest.mark.parametrize(("text", "expected"), [
    # a diagnosis named after a past event goes on telling it
    ("Two summers ago Dad's speech went funny for half an hour. A TIA, the hospital said. How long should his leg "
     "session be?", ("none", None)),
    ("when we still lived in Hull she had a seizure at work, it never came back. can her exercises be done lying down",
     ("none", None)),
    # a case put one day, or about someone in general; a question someone asked, told
    ("If Grandad got chest pain during his arm exercises one day, should we stop straight away?", ("none", None)),
    ("The leaflet says give aspirin if you think someone is having a heart attack, is that right?", ("none", None)),
    ("My sister asked what the warning signs of a stroke are. Can you tell me so I can write them down?",
     ("none", None)),
    # reports now beside the same words stand
    ("A TIA, the hospital said last year, but now his face is drooping again and his speech is slurred.",
     ("emergency", "stroke")),
    ("Grandad got chest pain during his arm exercises just now and he's gone grey.", ("emergency", "exercise_warning")),
])
def test_cases_put_questions_told_and_diagnoses_named(rules, text, expected):
    assert found(rules, text) == expected
