"""Interpreter, twenty-first session: a hypothesis that is an exact command template of the dialogue state raises no
alarm of the learned safety net alone (:data:`SPOKEN_COMMANDS_OVER_NET`, as typed text does); docs/recognition.md,
"Twenty-first round". The hypotheses are built by hand (no recognizer is loaded); the sentences are written for these
tests, not copied from a data set."""

import pytest

from voice_guide.nlu import interpret as rules
from voice_guide.nlu.state import DialogueState

ANSWERED = DialogueState("answered")
PAUSED = DialogueState("routine_paused")

COMMAND_THE_NET_FLAGS = "go on keep going"
"""An exact command ("more" after an answer, "resume" in a paused routine) that the learned net alone reads as crisis."""

NOT_A_COMMAND = "keep going on and on"
"""Speech the net alone reads as crisis that is no command template: the alarm stands."""


def _heard(pipe, text, asr, alternatives=(), state=ANSWERED):
    return pipe.interpreter.interpret(text, asr, alternatives, state).intent


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    u = pipe.understander
    for text in (COMMAND_THE_NET_FLAGS, NOT_A_COMMAND):
        finding = u.safety.assess(text)
        assert (finding.kind.value, finding.by_net) == ("crisis", True)
    assert [u.control_exact(COMMAND_THE_NET_FLAGS, s).intent for s in (ANSWERED, PAUSED)] == ["more", "resume"]
    assert u.control_exact(NOT_A_COMMAND, ANSWERED) is None
    assert u.understand(COMMAND_THE_NET_FLAGS, ANSWERED).intent == "more"  # typed: the command


def test_an_exact_command_heard_is_the_command(pipe):
    assert _heard(pipe, COMMAND_THE_NET_FLAGS, 0.8) == "more"
    assert _heard(pipe, COMMAND_THE_NET_FLAGS, 0.8, state=PAUSED) == "resume"


def test_a_runner_up_command_raises_no_question(pipe):
    assert _heard(pipe, "okay keep going", 0.8, ((COMMAND_THE_NET_FLAGS, 0.7),)) == "more"


def test_speech_that_is_no_command_keeps_the_alarm(pipe):
    assert _heard(pipe, NOT_A_COMMAND, 0.8) == "crisis"
    assert _heard(pipe, "okay keep going", 0.8, ((NOT_A_COMMAND, 0.7),)) == "confirm_emergency"


def test_a_finding_of_the_rules_stands(pipe):
    assert _heard(pipe, "i can not keep going anymore", 0.8) == "crisis"
    assert _heard(pipe, "um keep going i cant do this", 0.8) == "crisis"


def test_off_the_net_decides_as_before(pipe, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(rules, "SPOKEN_COMMANDS_OVER_NET", 0.0)
    assert _heard(pipe, COMMAND_THE_NET_FLAGS, 0.8) == "crisis"
    assert _heard(pipe, "okay keep going", 0.8, ((COMMAND_THE_NET_FLAGS, 0.7),)) == "confirm_emergency"
