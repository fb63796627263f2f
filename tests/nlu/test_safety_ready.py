"""Readiness said at a routine's question of readiness is the answer, not crisis talk (twenty-second session).

"He says he's ready to go" is a crisis sign (going away); at the safety check, or while the guide waits for
"ready", "he says yes he's ready to go" answers the guide's question. Every sentence here was written for these
tests.
"""

from __future__ import annotations

import pytest

from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState as S

ASKED = (S.ROUTINE_SAFETY_CHECK, S.ROUTINE_WAITING, S.ROUTINE_PAUSED)


@pytest.mark.parametrize("text", [
    "he says yes he's ready to go",
    "she says she is ready to go now",
    "my husband says yes he is all ready to go",
])
def test_readiness_answers_the_question_where_it_was_asked(rules_with_net, text):
    kinds = [rules_with_net.assess(text, state).kind for state in (*ASKED, S.IDLE, None)]
    assert kinds == [FindingKind.NONE] * 3 + [FindingKind.CRISIS] * 2


@pytest.mark.parametrize("text", [
    "he says yes he's ready to go, he's got his pills out",
    "she says she is ready to go and wants it all to end",
    "he keeps saying he's ready to go and he's said goodbye to everyone",
])
def test_other_signs_beside_readiness_stay_crisis_talk(rules_with_net, text):
    kinds = [rules_with_net.assess(text, state).kind for state in (*ASKED, S.IDLE)]
    assert kinds == [FindingKind.CRISIS] * 4


def test_the_rules_drop_only_the_readiness_phrase(rules):
    text = "he says yes he's ready to go"
    assert (rules.assess(text, S.ROUTINE_SAFETY_CHECK).kind, rules.assess(text, S.ROUTINE_COUNTING).kind) == \
        (FindingKind.NONE, FindingKind.CRISIS)


@pytest.mark.parametrize("state, text, intent", [
    (S.ROUTINE_SAFETY_CHECK, "he says yes he's ready to go", "yes"),
    (S.ROUTINE_WAITING, "she says she is ready to go now", "ready"),
    (S.IDLE, "he says yes he's ready to go", "crisis"),
])
def test_the_guide_hears_the_answer(pipe, state, text, intent):
    assert pipe.understander.understand(text, state).intent == intent
