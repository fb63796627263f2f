"""Declined speech heard in a noisy room that the learned safety net suspects of a red flag gets the question.

Kitchen noise can take the one word that made a report a red flag (a time, a body part) and leave the rest: the main
decode's best hypothesis then reads as nothing to the rules, while the learned net still leans to a red flag. During
a routine ``ROUTINE_SUSPECTED_AT`` already asks about such speech; idle it was declined (thirty-fourth round,
``interpret_rescue.NOISY_NET_SUSPECTED_AT``). The hypotheses and hearings are built here; the recognizer is not
involved (they are what it would return)."""

from __future__ import annotations

import pytest

from voice_guide.nlu import interpret_rescue
from voice_guide.nlu.interpret_verify import SecondHearing
from voice_guide.nlu.state import DialogueState

IDLE = DialogueState.IDLE
NOISY_FLOOR = -33.0
QUIET_FLOOR = -41.0

# a crisis report with its telling words lost in noise: the rules read nothing, the net leans to crisis talk
LOST_WORDS = "my son message says he is signing off the empty and sorry"
# ordinary talk heard as badly
ORDINARY = "the weather's nice so we did the arm circles outside"


def hearing(general: str, noisy: bool) -> SecondHearing:
    """A second hearing that adds nothing (garbled unbiased reading, no safety phrase), in a noisy room or not."""
    return SecondHearing((general,), "", -0.05, noisy, NOISY_FLOOR if noisy else QUIET_FLOOR)


def declined(interpreter, text: str):
    match = interpreter.interpret(text, 0.62, (), IDLE)
    assert match.intent == "fallback"
    return match


def test_declined_speech_the_net_suspects_is_asked_about_in_a_noisy_room(pipe):
    interpreter = pipe.engine.interpreter
    match = declined(interpreter, LOST_WORDS)
    assert interpreter.wants_second_opinion(match, 0.62, NOISY_FLOOR)
    asked = interpreter.second_opinion(match, hearing("my son is that the sign in of the empty sorry", True), 0.62, IDLE)
    # on the base: fallback (nothing the second hearing read was a red flag)
    assert (asked.intent, asked.slots, asked.section_id) == (
        "confirm_emergency", {"concept": "crisis", "kind": "crisis", "heard": LOST_WORDS}, None)


def test_in_a_quiet_room_the_same_hearing_stays_declined(pipe):
    interpreter = pipe.engine.interpreter
    match = declined(interpreter, LOST_WORDS)
    kept = interpreter.second_opinion(match, hearing("my son is that the sign in of the empty sorry", False), 0.62, IDLE)
    assert (kept.intent, kept.slots) == ("fallback", {})


def test_ordinary_talk_heard_in_a_noisy_room_stays_declined(pipe):
    interpreter = pipe.engine.interpreter
    match = declined(interpreter, ORDINARY)
    kept = interpreter.second_opinion(match, hearing("the weather is nice so we did the arm circles out side", True),
                                      0.62, IDLE)
    assert (kept.intent, kept.slots) == ("fallback", {})


def test_the_switch_off_keeps_the_old_behaviour(pipe, monkeypatch: pytest.MonkeyPatch):
    interpreter = pipe.engine.interpreter
    monkeypatch.setattr(interpret_rescue, "NOISY_NET_SUSPECTED_AT", 1.01)
    match = declined(interpreter, LOST_WORDS)
    kept = interpreter.second_opinion(match, hearing("my son is that the sign in of the empty sorry", True), 0.62, IDLE)
    assert kept.intent == "fallback"
