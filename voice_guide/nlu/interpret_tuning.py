"""Where the spoken interpreter's tuned constants stand: one list for every script that sets them at run time
(``scripts/tune_interpret.py``, ``scripts/calibrate_rejection.py``, ``scripts/tune_asr.py``).

Each constant stands in exactly one of these modules and the code reads it from there, so setting it on
:func:`module_of` its name takes effect (``tests/nlu/test_interpret_tuned_constants.py`` checks both)."""

from __future__ import annotations

from types import ModuleType

from voice_guide.nlu import (
    interpret,
    interpret_commands,
    interpret_rescue,
    interpret_rescue_readings,
    interpret_safety,
    interpret_verify,
)

CONSTANT_MODULES: tuple[ModuleType, ...] = (
    interpret, interpret_commands, interpret_rescue, interpret_rescue_readings, interpret_safety, interpret_verify
)
"""The modules whose upper-case module constants are the interpreter's tuned settings."""


def module_of(name: str) -> ModuleType | None:
    """The module that holds the constant ``name``, or None when none does."""
    return next((m for m in CONSTANT_MODULES if hasattr(m, name)), None)
