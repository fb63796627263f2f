"""Declined speech heard in a noisy room that the learned safety net suspects of a red flag gets the question.

Kitchen noise can take the one word that made a report a red flag (a time, a body part) and leave the rest: the main
decode's best hypothesis then reads as nothing to the rules, while the learned net still leans to a red flag. During
a routine ``ROUTINE_SUSPECTED_AT`` already asks about such speech; idle it was declined (thirty-fourth round,
``interpret_rescue.NOISY_NET_SUSPECTED_AT``). The hypotheses and hearings are built here; the recognizer is not
involved (they are what it would return)."""

from __future__ import annotations

import json
import re
from pathlib import Path

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


BATCH = Path(__file__).resolve().parent.parent / "stt" / "spoken_stoic_batch.jsonl"
"""The round's own spoken batch (stoic emergencies in few words, crisis said in euphemism, near misses): part ``fix``
worked on, part ``score`` scored only at the end; spoken by ``scripts/eval_safety_spoken.py --file``."""


def heard_word_for_word(text: str) -> str:
    """What the recognizer writes when it hears every word: lower case, no punctuation but the apostrophe."""
    return " ".join(re.sub(r"[^a-z' ]", " ", text.lower()).split())


@pytest.mark.parametrize("part", ["fix", "score"])
def test_the_spoken_batch_heard_word_for_word(pipe, part: str):
    rows = [json.loads(line) for line in BATCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["part"] == part]
    got = {r["id"]: pipe.engine.interpreter.interpret(heard_word_for_word(r["text"]), 0.95, (), IDLE).intent
           for r in rows}
    want = {r["id"]: r["kind"] if r["kind"] != "near_miss" else "not flagged" for r in rows}
    seen = {i: ("not flagged" if g not in ("emergency", "crisis", "confirm_emergency") else g) for i, g in got.items()}
    assert seen == want
    assert sorted({r["kind"] for r in rows}) == ["crisis", "emergency", "near_miss"] and len(rows) == 16
