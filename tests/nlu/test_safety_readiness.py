"""Readiness and answer-length talk is no alarm (found by the controls round of the thirteenth session):
"I'm ready now" is what a caregiver says to start the next exercise, and "too much detail" is about an
answer, not a limb. Crisis talk that uses the same words keeps its reply."""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState as S

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


# Written for this test (not from any evaluation set).
READY = ["i'm ready now", "okay i'm ready now", "right, i'm ready now", "ok ready now"]
ANSWER_LENGTH = ["too much detail", "that is too much information for me", "a bit too much detail please"]
CRISIS = ["she keeps saying she's had a good innings and she's ready now", "he says he is ready to go now and has said goodbye"]
PAIN = ["that's too much", "stop, it's too much for her knee", "that's too far"]


@pytest.mark.parametrize("text", READY + ANSWER_LENGTH)
def test_readiness_and_answer_length_are_no_finding(rules, text):
    assert rules.assess(text).kind is FindingKind.NONE


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_with_the_same_words_stays_crisis(rules, text):
    assert rules.assess(text).kind is FindingKind.CRISIS


@pytest.mark.parametrize("text", PAIN)
def test_too_much_for_a_limb_stays_pain(rules, text):
    assert rules.assess(text).kind is FindingKind.PAIN


@needs_model
def test_ready_now_is_no_alarm_in_any_state():
    understander = Engine().understander
    found = {(text, state.value): understander.understand(text, state).intent for text in READY for state in S}
    assert {key: intent for key, intent in found.items() if intent in ("crisis", "emergency", "confirm_emergency", "pain")} == {}
