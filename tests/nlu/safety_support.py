"""Reading a session's own safety batch (tests/nlu/safety_batches_NN.txt) for its tests.

A batch file holds ``kind|group|text`` lines and ``#`` comments; a comment line starting with a mark
(such as ``# Second part``) ends the part written and scored before any change of that session.
"""

from __future__ import annotations

from pathlib import Path

BatchRow = tuple[str, str, str]
"""``(kind, group, text)``: kind is crisis, near_miss, emergency...; group the concept or reason."""


def read_batch(path: Path, mark: str) -> tuple[list[BatchRow], list[BatchRow]]:
    """The rows before the first line starting with ``mark``, and the rows after it."""
    first: list[BatchRow] = []
    later: list[BatchRow] = []
    rows = first
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(mark):
            rows = later
        if raw.strip() and not raw.startswith("#"):
            kind, group, text = raw.split("|", 2)
            rows.append((kind, group, text))
    return first, later
