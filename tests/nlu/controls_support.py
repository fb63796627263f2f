"""Shared by the controls tests of this folder: reading a session's own controls batch
(tests/nlu/controls_batch_NN*.txt) and the lines of it the understander reads wrongly.

A batch file holds ``state<TAB>intent<TAB>text`` lines and ``#`` comments; the intent ``-`` marks a line that
is no command (missed when it is taken as one).
"""

from __future__ import annotations

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


def batch_misses(understander: _Understands, name: str) -> dict[str, str]:
    """Text -> intent understood, for every line of the batch not understood as its label (a line
    labelled "-" is missed when it is taken as a command)."""
    out = {}
    for state, want, text in read_batch(name):
        got = understander.understand(text, DialogueState(state)).intent
        if (got in CONTROL_INTENTS) if want == "-" else got != want:
            out[text] = got
    return out
