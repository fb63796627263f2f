"""A long transcript's passage pulled by one or two ordinary words needs its runner-ups to agree
(:data:`~voice_guide.nlu.interpret.PULL_EVIDENCE_BELOW`; docs/spoken-rejection.md, "Thirty-second round").

The round's own batch (``interpret_batch_garbled.txt``, worked on; ``interpret_batch_garbled_b.txt``, scored only at
the end) holds garbled hearings of coffee orders (no passage) and article questions as the recognizer writes them
(a passage), each with two runner-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from interpret_support import hypothesis_batch

from voice_guide.nlu import interpret
from voice_guide.nlu.interpret import Interpreter

HERE = Path(__file__).parent


def batch(name: str) -> list[tuple[str, float, str, tuple[tuple[str, float], ...]]]:
    return hypothesis_batch(HERE / name)


def passages(interpreter: Interpreter, name: str) -> dict[str, list[str]]:
    """The lines of each kind that got an article passage."""
    out: dict[str, list[str]] = {"garbled": [], "question": []}
    for kind, asr, text, alts in batch(name):
        if interpreter.interpret(text, asr, alts).is_knowledge:
            out[kind].append(text)
    return out


@pytest.fixture(scope="module")
def interpreter(engine) -> Interpreter:  # type: ignore[no-untyped-def]
    return engine.interpreter


def test_part_one_garbled_hearings_get_no_passage_and_questions_keep_theirs(interpreter: Interpreter) -> None:
    got = passages(interpreter, "interpret_batch_garbled.txt")
    questions = [t for k, _a, t, _r in batch("interpret_batch_garbled.txt") if k == "question"]
    assert got == {"garbled": ["why don't we move on with it to a little in there", "give me the wasting of what so and then",
                               "the old one was in bed with a little of the"],
                   "question": questions}


def test_part_two_scored_at_the_end(interpreter: Interpreter) -> None:
    got = passages(interpreter, "interpret_batch_garbled_b.txt")
    questions = [t for k, _a, t, _r in batch("interpret_batch_garbled_b.txt") if k == "question"]
    questions.remove("how often should we do the stretches")  # not_covered typed too: not this rule's
    assert got == {"garbled": ["could you do me the weak one and the other"], "question": questions}


def test_one_word_pull_needs_agreeing_runner_ups(interpreter: Interpreter) -> None:
    text = "i would like to moving it so what you in"
    disagree = (("i would like to the milk it so what you in", 0.5),)
    assert interpreter.interpret(text, 0.8, disagree).intent == "fallback"
    assert interpreter.garbled_pull(interpreter.understander.understand(text), text, list(disagree))
    assert interpreter.interpret(text, 0.8, ()).is_knowledge  # no runner-up: no way to tell, as before


def test_short_or_firm_questions_are_not_looked_at(interpreter: Interpreter) -> None:
    short = "how do i move his arm"
    match = interpreter.understander.understand(short)
    assert match.is_knowledge
    assert not interpreter.garbled_pull(match, short, [("how do i have his arm", 0.5)])
    firm = "can steroids cause muscle wasting in older people with arthritis"
    match = interpreter.understander.understand(firm)
    assert not interpreter.garbled_pull(match, firm, [("can steroids cause a muscle with older", 0.5)])


def test_switch_off(interpreter: Interpreter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interpret, "PULL_EVIDENCE_BELOW", 0.0)
    text = "i would like to moving it so what you in"
    assert interpreter.interpret(text, 0.8, (("i would like to the milk it so what you in", 0.5),)).is_knowledge
