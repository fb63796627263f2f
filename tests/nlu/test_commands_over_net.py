"""A text of device commands only wins over the learned safety net alone (understanding.py,
``Understander._commands_over_net``): "and then? keep going" during the count is the command, not
crisis talk. The rules' findings always stand, and crisis talk that uses a command's words is still
crisis."""

from __future__ import annotations

import math

import numpy as np
import pytest

from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety_learned import CLASSES, FeatureSettings, SafetyNet
from voice_guide.nlu.safety_types import FindingKind, SafetyFinding
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import COMMANDS_OVER_NET

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")



def test_a_finding_of_the_net_says_so_and_one_of_the_rules_does_not():
    assert SafetyFinding(FindingKind.CRISIS, "crisis", "reply", "learned:0.91").by_net
    assert not SafetyFinding(FindingKind.CRISIS, "crisis", "reply", "want to die").by_net
    assert not SafetyFinding(FindingKind.NONE).by_net


@needs_model
def test_commands_only_win_over_the_net_alone(understander):
    assert COMMANDS_OVER_NET is True and understander.commands_over_net is True
    text = "and then? keep going"
    saved = understander.safety.net
    understander.safety.net = _crisis_net()  # the net alone reads crisis (the shipped net did, at 0.89)
    try:
        finding = understander.safety.assess(text)
        assert (finding.kind, finding.by_net) == (FindingKind.CRISIS, True)
        got = understander.understand(text, S.ROUTINE_COUNTING)
        assert (got.intent, got.slots) == ("next", {})
        understander.commands_over_net = False
        assert understander.understand(text, S.ROUTINE_COUNTING).intent == "crisis"
    finally:
        understander.commands_over_net = True
        understander.safety.net = saved


def _crisis_net() -> SafetyNet:
    """A net that reads crisis (0.96) in every text."""
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(0.02), math.log(0.02), math.log(0.96)]
    return SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), [
    ("i can't keep going", S.ROUTINE_COUNTING, "crisis"),  # not a command of the templates
    ("keep going, he's not breathing", S.ROUTINE_COUNTING, "emergency"),  # a rule's finding
    ("stop, i want to die", S.ROUTINE_COUNTING, "crisis"),
    ("pause, she's gone blue", S.READING, "emergency"),
])
def test_red_flags_beside_commands_still_come_first(understander, text, state, intent):
    got = understander.understand(text, state)
    assert got.intent == intent and set(got.slots) == {"concept"} and got.slots["concept"]
