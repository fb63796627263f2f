"""Values shared by the interpreter's tests (tests/nlu/test_interpret*.py)."""

from __future__ import annotations

from pathlib import Path

KITCHEN_FLOOR_DBFS = -34.0
"""The noise floor of an utterance heard in the real kitchen noise at 10 dB: a noisy room for the interpreter."""

QUIET_FLOOR_DBFS = -80.0
"""The noise floor of a quiet room."""


def hypothesis_batch(path: Path) -> list[tuple[str, float, str, tuple[tuple[str, float], ...]]]:
    """A round's batch of recognizer hypotheses: per line (tab-separated; ``#`` comments) its kind, the best
    hypothesis's confidence and text, and the runner-ups as ``text@confidence`` joined by `` | ``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, asr, text, runners = line.split("\t")
        alts = tuple((t, float(c)) for t, c in (r.rsplit("@", 1) for r in runners.split(" | ")))
        rows.append((kind, float(asr), text, alts))
    return rows
