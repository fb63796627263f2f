"""Shared by the controls tests of this folder: reading a session's own controls batch
(tests/nlu/controls_batch_NN*.txt) and the lines of it the understander reads wrongly; a table of parts as the
whole-command recognizer of the joined-commands reading.

A batch file holds ``state<TAB>intent<TAB>text`` lines and ``#`` comments; the intent ``-`` marks a line that
is no command (missed when it is taken as one).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState

HERE = Path(__file__).resolve().parent

BatchRow = tuple[str, str, str]
"""``(state, intent, text)``: the dialogue state's value, the intent meant (``-``: no command), the words."""


class _Understands(Protocol):
    def understand(self, text: str, state: DialogueState = ...) -> object: ...


def read_batch(name: str) -> list[BatchRow]:
    """The rows of the batch file ``name`` in this folder."""
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            state, want, text = line.split("\t")
            rows.append((state, want, text))
    return rows


def batch_shape(name: str) -> dict[str, object]:
    """What a batch file holds: its states, any intent that is no control intent, how many commands and
    non-commands, and how many lines repeat a text (a well-formed batch: every state but ``confirming``,
    no unknown intent, no repeat)."""
    rows = read_batch(name)
    return {
        "states": {state for state, _, _ in rows},
        "unknown intents": {want for _, want, _ in rows} - {*CONTROL_INTENTS, "-"},
        "commands": sum(want != "-" for _, want, _ in rows),
        "non-commands": sum(want == "-" for _, want, _ in rows),
        "repeated texts": len(rows) - len({text for _, _, text in rows}),
    }


def well_formed(commands: int, non_commands: int) -> dict[str, object]:
    """The :func:`batch_shape` of a well-formed batch of this many commands and non-commands."""
    return {"states": {s.value for s in DialogueState} - {"confirming"}, "unknown intents": set(),
            "commands": commands, "non-commands": non_commands, "repeated texts": 0}


def batch_misses(understander: _Understands, name: str) -> dict[str, str]:
    """Text -> intent understood, for every line of the batch not understood as its label (a line
    labelled "-" is missed when it is taken as a command)."""
    out = {}
    for state, want, text in read_batch(name):
        got = understander.understand(text, DialogueState(state)).intent
        if (got in CONTROL_INTENTS) if want == "-" else got != want:
            out[text] = got
    return out


def part_recognizer(table: dict[str, str]) -> Callable[[str], tuple[str, str] | None]:
    """A recognizer of whole commands for :mod:`voice_guide.nlu.control_joined`: ``(intent, intent)`` for a part of
    ``table``, None for any other part."""
    return lambda part: (table[part], table[part]) if part in table else None


def intent_and_slots(understander: _Understands, text: str, state: DialogueState) -> tuple[str, dict[str, str]]:
    """The intent and slots ``understander`` gives ``text`` in ``state``."""
    result = understander.understand(text, state)
    return result.intent, dict(result.slots)
