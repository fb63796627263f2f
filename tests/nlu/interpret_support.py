"""Values shared by the interpreter's tests (tests/nlu/test_interpret*.py)."""

from __future__ import annotations

KITCHEN_FLOOR_DBFS = -34.0
"""The noise floor of an utterance heard in the real kitchen noise at 10 dB: a noisy room for the interpreter."""

QUIET_FLOOR_DBFS = -80.0
"""The noise floor of a quiet room."""
