"""A red flag only the learned safety net finds in a poorly heard best hypothesis gets the confirmation question, not
the reply itself (:data:`~voice_guide.nlu.interpret_verify.NET_ALONE_MIN_ASR`; docs/spoken-rejection.md,
"Thirty-third round").

The round's own batch (``interpret_batch_net_alone.txt``, worked on; ``interpret_batch_net_alone_b.txt``, scored only
at the end) holds coffee orders misheard into words the net alone reads as crisis talk, and red flags the rules miss
said clearly and poorly, each with its runner-ups. Written for these tests (no data line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from interpret_support import hypothesis_batch

from voice_guide.nlu import interpret_verify
from voice_guide.nlu.interpret import Interpreter

HERE = Path(__file__).parent


def batch(name: str) -> list[tuple[str, float, str, tuple[tuple[str, float], ...]]]:
    return hypothesis_batch(HERE / name)


def replies(interpreter: Interpreter, name: str) -> dict[str, list[str]]:
    """The intent each line of a batch gets, by kind of line."""
    out: dict[str, list[str]] = {"garbled": [], "alarm": []}
    for kind, asr, text, alts in batch(name):
        out[kind].append(interpreter.interpret(text, asr, alts).intent)
    return out


@pytest.fixture(scope="module")
def interpreter(engine) -> Interpreter:  # type: ignore[no-untyped-def]
    return engine.interpreter


def test_every_line_is_the_net_alone(interpreter: Interpreter) -> None:
    safety = interpreter.understander.safety
    texts = [t for name in ("interpret_batch_net_alone.txt", "interpret_batch_net_alone_b.txt") for _k, _a, t, _r in batch(name)]
    assert [t for t in texts if not (safety.assess(t).is_red_flag and safety.assess(t).by_net)] == []


def test_part_one_misheard_orders_are_asked_about_and_clear_alarms_answered(interpreter: Interpreter) -> None:
    # the fourth order was heard at 0.71, over the bar: the crisis reply here until the tune61 refit (0148a4c) (in the guide, under
    # VERIFY_DIRECT_BELOW, the second hearing must back it); since that refit the net asks about it as about the others
    assert replies(interpreter, "interpret_batch_net_alone.txt") == {
        "garbled": ["confirm_emergency"] * 5,
        "alarm": ["emergency", "crisis", "confirm_emergency"]}


def test_part_two_scored_at_the_end(interpreter: Interpreter) -> None:
    assert replies(interpreter, "interpret_batch_net_alone_b.txt") == {
        "garbled": ["confirm_emergency"] * 4,
        "alarm": ["emergency", "crisis", "confirm_emergency"]}


def test_the_bar_is_the_recognizer_confidence_and_a_rule_is_not_held_back(
        interpreter: Interpreter, monkeypatch: pytest.MonkeyPatch) -> None:
    net_only = "i want a tall lot and then be gone off"
    bar = interpret_verify.NET_ALONE_MIN_ASR
    assert [interpreter.interpret(net_only, c).intent for c in (bar - 0.01, bar)] == ["confirm_emergency", "crisis"]
    assert interpreter.interpret("he can't breathe", bar - 0.1).intent == "emergency"  # a rule's finding: as before
    monkeypatch.setattr(interpret_verify, "NET_ALONE_MIN_ASR", 0.0)
    assert interpreter.interpret(net_only, bar - 0.01).intent == "crisis"
