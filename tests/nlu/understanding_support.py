"""Shared by the understanding tests of this folder (the ``understander_no_vectors`` fixture is in conftest.py)."""

from __future__ import annotations

from voice_guide.nlu.understanding import Understander


def declined(understander: Understander, text: str) -> str | None:
    """The decline intent the pack's decline rules give ``text`` (cleaned as understanding cleans it), or None."""
    return understander.declines.match(understander._clean(text))
