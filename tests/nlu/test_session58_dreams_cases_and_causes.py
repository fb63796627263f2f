"""The fifty-eighth session's safety readings (docs/safety.md, "Fifty-eighth session"), from the false alarms and
misses of the own probe r58 and tune62:odd: a dream or a nightmare told; a case put with "if" or "let's say" and a
question of what to do about it; a sign with its harmless cause right after it; a scene of a show, a serial, a story
in the paper; an event of earlier today that is over; a saying ("one more leg raise and he'll have a heart attack");
and their limits: a report told now still stands. Emergencies: trying to talk with only sounds coming out, signs
that are themselves negations ("not moving now not answering me"), a stroke sign with the time she was last well.
Understanding: the passive exercises begun with "can we". All lines are written for these tests."""

from __future__ import annotations

import pytest
from controls_support import intent_and_slots as got
from safety_support import found

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize("text", [
    # dreams and nightmares, in the clause or as a frame alone before it
    "my husband dreamt his heart stopped on the operating table, he woke up laughing about it",
    "in my dream grandad fell down the stairs and hit his head, I checked on him and he's snoring",
    "had a horrible nightmare last night. she was choking on a boiled sweet and I couldn't reach her",
    "Gran says she dreamt she couldn't breathe under water. She, she's fine, eating her porridge",
    # a case put and a question of what to do about it
    "if he got dizzy and faint halfway through the leg stretches, what would you want me to do?",
    "if mum fell and couldn't get up but said she was fine, would you still tell me to ring someone",
    "let's say, god forbid, she stops breathing. can you talk me through what to do",
    "hypothetically if his lips turned blue during the arm routine, I stop and call 999, right?",
    # a harmless cause right after a sign
    "his tongue is blue but he's just had a blue raspberry slushie",
    "her lips look purple, oh it's the blackcurrant lolly she's been sucking",
    "dad's words are all slurred, he's got his dentures out for cleaning",
    # a scene of a show, a serial, a story in the paper
    "we're watching casualty and the bit where the builder falls off the scaffold",
    "in the telenovela from my country the husband is having a heart attack at the wedding",
    "article in the local paper: pensioner found collapsed in her kitchen, now recovering",
    # earlier today and over
    "she went a bit wobbly this morning after her bath, sat down for ten minutes, right as rain now",
    "gashed my finger on the grater earlier, plaster on and it's stopped, carry on with his wrists",
    # sayings and a rule of thumb
    "one more arm circle and I'll have a heart attack, honestly",
    "grandad choked on his tea when I told him the price of the new hoist",
    "at the induction they told us if in doubt call 999, which makes sense",
    "sweating buckets here, that was the longest leg routine yet, she's loving it",
    # a question about a nerve damaged as a case of the article
    "so if the spinal cord is damaged by an accident the muscles below it waste away?",
])
def test_dreams_cases_causes_stories_and_sayings_are_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "expected"), [
    # a report told now after the frame still stands
    ("I must be dreaming, he's stopped breathing", ("emergency", "breathing")),
    ("i had a bad dream and woke up and she is choking on her dummy", ("emergency", "choking")),
    ("nightmare, he's collapsed on the landing and won't wake up", ("emergency", "collapse")),
    ("if anyone can help, she fell and can't get up, what do I do", ("emergency", "head_injury")),
    ("if you can hear me, he's collapsed, what do I do", ("emergency", "collapse")),
    ("if he is not breathing what do I do", ("emergency", "breathing")),
    ("her face is drooping on one side, she had coffee this morning", ("emergency", "stroke")),
    ("his lips are blue and he's choking on a blueberry", ("emergency", "breathing")),
    ("in the soap the landlady fell, and now dad has collapsed in the hall", ("emergency", "collapse")),
    # misses of tune62:odd, in other words
    ("she's trying to speak but only noises come out and her arm has gone floppy", ("emergency", "stroke")),
    ("found him slumped by the bed not moving now not answering me", ("emergency", "collapse")),
    ("her mouth has dropped on one side and she can't lift her arm, the day carer says she was fine at lunch",
     ("emergency", "stroke")),
])
def test_a_report_now_stands_beside_the_frames(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    # crisis talk is never a dream, a cut only an accident when told as one
    "she cut herself badly on purpose again last night",
    "he's been cutting himself badly, I found the blades",
])
def test_crisis_talk_stands(rules, text):
    assert found(rules, text)[0] == "crisis"


def test_a_cut_in_the_kitchen_asked_about_is_no_crisis(rules):
    assert found(rules, "if my wife cut herself badly in the kitchen mid routine, who do I see to first") == ("none", None)


@pytest.mark.parametrize(("text", "state"), [
    ("can we begin the passive movements", S.IDLE),
    ("shall we start the range of motion moves now", S.ANSWERED),
])
def test_the_passive_exercises_begun_with_can_we(understander, text, state):
    assert got(understander, text, state) == ("start_routine", {})
