"""Shared by the understanding tests of this folder (the ``understander_no_vectors`` fixture is in conftest.py)."""

from __future__ import annotations

from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.understanding import Understander


def declined(understander: Understander, text: str) -> str | None:
    """The decline intent the pack's decline rules give ``text`` (cleaned as understanding cleans it), or None."""
    return understander.declines.match(understander._clean(text))


def answers(match: IntentMatch, wanted: list[str]) -> bool:
    """Whether ``match`` is a passage holding one of the ``wanted`` phrases (as the paraphrase scorer counts)."""
    text = " ".join(u.text for u in (*match.units, *match.also)).lower()
    return bool(match.section_id) and any(w in text for w in wanted)
