"""The fifty-first session's safety families (from the paraphrase tuning talk of tune53:odd and tune54:odd and the
talk of earlier tuning parts; docs/safety.md, "Fifty-first session"): what a stroke or an illness of the nerves took
or left, told in the past; a paralysed person whose limbs a carer asks about moving for them; a limb that cannot move
beside a lasting condition of the nerves or the spine, asked about exercise or the muscles; the speaker's own missing
of an explanation; paralysis after a crash or a fall, a red flag new to the rules. Their red flags (a fall, "suddenly", "this morning", "has left" of a stroke now, another sign
beside) stay alarms. All lines are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("I think a stroke just took her speech.", "emergency", "stroke"),
    ("The stroke has left her face drooping and she can't talk.", "emergency", "stroke"),
    ("Suddenly the stroke took her speech, she's slurring.", "emergency", "stroke"),
    ("He can't move his legs, should I move them for him?", "emergency", "head_injury"),
    ("He fell down the stairs and can't move his legs, should I move them for him?", "emergency", "head_injury"),
    ("My husband has MS and suddenly can't move his legs at all.", "emergency", "stroke"),
    ("She has nerve damage and since this morning can't move her arm, is that the atrophy?", "emergency", "stroke"),
    ("My dad has MS and can't move his legs, he is gasping for breath.", "emergency", "breathing"),
    ("Her arm is useless and her face has dropped, should I exercise it for her?", "emergency", "stroke"),
    ("He's paralysed after the crash, should I move his legs for him?", "emergency", "head_injury"),
    ("She suddenly can't follow what I'm saying and her words are slurred.", "emergency", "stroke"),
    ("She can't feel her legs after the fall.", "emergency", "head_injury"),
    # the review's lines (r51, written by a helper who never saw the tuning sets)
    ("She's suddenly paralysed, should I move her arms for her", "emergency", "stroke"),
    ("He has neuropathy and just now his leg stopped working, should I move it for him", "emergency", "stroke"),
    ("He dived off the rocks and now he's not moving his legs", "emergency", "head_injury"),
    ("Nerve damage ruined my hands and I just want to die", "crisis", "crisis"),
]
"""Red flags beside the new frames: read in idle and while counting."""

NO_ALARM = [
    "The stroke left her weak on one side, can exercises help?",
    "A stroke took my wife's left side, will the muscles there shrink?",
    "Mum's stroke left her arm useless, will it waste?",
    "My wife can't move her legs after the nerve damage, is there a way I can exercise them for her?",
    "My wife has MS and can't move her legs much now. Should I be moving them for her?",
    "Me man's paralysed down one side. Is it alright for family to be working his arm and leg for him?",
    "Since his spinal operation he can't move his legs at all. Am I allowed to move his legs for him?",
    "My husband's got nerve damage in his leg and the muscle just doesn't work, is that the nerve wasting?",
    "His physio explained it today and I didn't follow it, what happens to muscles in bed?",
    "He's been paralysed since the crash in 2010, how do I keep his legs from wasting?",
    # the review's lines
    "He was nearly paralysed after the crash but made a full recovery",
    "Dad's stroke left him slurring his words, is speech therapy worth it",
    "The stroke had left her weak on one side, so we joined a seated exercise class",
    "Bell's palsy left her with a slightly droopy eyelid",
    "She can't feel her legs since the accident years ago, how do I check her skin for sores",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []
