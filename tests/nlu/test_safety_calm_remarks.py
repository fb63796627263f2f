"""Calm remarks beside a command, or in answer to the guide's check, are no crisis or emergency (twenty-third
session, second part: ``safety.yaml`` ``calm_remarks:``, :mod:`voice_guide.nlu.safety_remarks`,
``learned.calm_remark_at`` and ``understanding.COMMANDS_WITH_REMARKS``).

The net alone read "keep going with that, i'm really interested" as crisis talk (0.82) and "he's wide awake and comfy"
at the safety check as a possible emergency (0.82). Crisis and emergency talk in the same words stays an alarm.
Every sentence here was written for these tests (none is a line of the data sets).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net

from voice_guide.content.pack import load_pack
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_remarks import CalmRemarks
from voice_guide.nlu.safety_text import PatternCompiler
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import COMMANDS_WITH_REMARKS

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")

ALARMS = {"crisis", "emergency", "confirm_emergency"}
BATCH = Path(__file__).with_name("falsealarm_batch_23.txt")



@pytest.mark.parametrize("text", [
    "he's wide awake and comfy",
    "i'm really interested",
    "she's keen to keep going",
    "yeah she's alert and smiling",
    "this bit is fascinating",
    "he finds it interesting",
])
def test_a_calm_remark_is_one(rules, text):
    assert rules.calm_remark(text) is True


@pytest.mark.parametrize("text", [
    "i'm not interested in going on living",  # negated: no remark
    "she's comfy but she wants to die",  # a crisis phrase beside it
    "he's comfy but his lips are blue",  # an emergency phrase beside it
    "he's awake but not making sense",  # a clause that is no remark
    "he was fine this morning",  # the past: a sudden change, no remark
    "she's calm and peaceful now",  # a sudden calm is a warning sign: not in the list
    "he seems happy since he gave his things away",  # a crisis warning sign
    "keep going",  # a command, no remark
])
def test_other_talk_is_no_calm_remark(rules, text):
    assert rules.calm_remark(text) is False


def test_remarks_need_every_clause_and_a_pattern():
    remarks = CalmRemarks.from_data({"words": {"mood": "happy|comfy"}, "patterns": ["(?:he|she) is {mood}"]},
                                    PatternCompiler({}))
    assert (remarks.remarks(["he is comfy"]), remarks.remarks(["he is comfy", "keep going"]), remarks.remarks([]),
            CalmRemarks().remarks(["he is comfy"])) == (True, False, False, False)


def test_calm_remarks_raise_the_nets_bars(bare):
    text = "he's wide awake and comfy"
    bare.net = fixed_net(emergency=0.95)
    assert bare.assess(text).kind is FindingKind.NONE  # below learned.calm_remark_at (0.99)
    bare.net = fixed_net(emergency=0.995)
    assert bare.assess(text).kind is FindingKind.CONFIRM  # the question at most, never the emergency reply
    bare.net = fixed_net(crisis=0.995)
    assert bare.assess(text).kind is FindingKind.CRISIS
    bare.net = fixed_net(emergency=0.95)
    assert bare.assess("he's wide awake and restless").kind is FindingKind.EMERGENCY  # no remark: the usual bars


def test_without_the_setting_the_usual_bars():
    data = dict(load_pack(None).safety)
    data["learned"] = {k: v for k, v in data["learned"].items() if k != "calm_remark_at"}
    rules = SafetyRules(data, region="")
    rules.net = fixed_net(emergency=0.95)
    assert rules.assess("he's wide awake and comfy").kind is FindingKind.EMERGENCY


@needs_model
@pytest.mark.parametrize(("state", "text", "intent"), [
    (S.ANSWERED, "keep going with that one, I'm interested", "more"),
    (S.ANSWERED, "carry on, i'm really curious", "more"),
    (S.READING, "keep going, i'm taking it all in", "resume"),
    (S.ROUTINE_PAUSED, "go on, she's keen to keep going", "resume"),
])
def test_a_command_with_a_remark_is_the_command(understander, state, text, intent):
    assert COMMANDS_WITH_REMARKS is True
    saved = understander.safety.net
    understander.safety.net = fixed_net(crisis=0.96)  # the net alone reads crisis (the shipped net did, 0.82 to 0.95)
    try:
        assert understander.understand(text, state).intent == intent
        understander.commands_with_remarks = False
        assert understander.understand(text, state).intent == "crisis"
    finally:
        understander.commands_with_remarks = True
        understander.safety.net = saved


@needs_model
@pytest.mark.parametrize(("state", "text", "intent"), [
    (S.ANSWERED, "i can't keep going anymore", "crisis"),
    (S.ANSWERED, "she doesn't want to carry on", "crisis"),
    (S.ANSWERED, "keep going, i'm not interested in living", "crisis"),
    (S.ROUTINE_SAFETY_CHECK, "he's comfy but he says he wants to die", "crisis"),
    (S.ROUTINE_SAFETY_CHECK, "she's awake but she can't lift her arm", "emergency"),
    (S.ROUTINE_COUNTING, "keep going, he's comfy, oh no he's choking", "emergency"),
])
def test_alarms_in_the_same_words_stand(understander, state, text, intent):
    saved = understander.safety.net
    understander.safety.net = fixed_net(crisis=0.96)
    try:
        assert understander.understand(text, state).intent == intent
    finally:
        understander.safety.net = saved


@needs_model
def test_the_own_batch(understander):
    wrong = []
    for line in BATCH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            state, kind, text = line.split("|", 2)
            intent = understander.understand(text, S(state)).intent
            if (intent in ALARMS) != (kind != "control"):
                wrong.append(text)
    assert wrong == []
