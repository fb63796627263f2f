"""Shared by the understanding tests of this folder (the ``understander_no_vectors`` fixture is in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.understanding import Understander


def declined(understander: Understander, text: str) -> str | None:
    """The decline intent the pack's decline rules give ``text`` (cleaned as understanding cleans it), or None."""
    return understander.declines.match(understander._clean(text))


def answers(match: IntentMatch, wanted: list[str]) -> bool:
    """Whether ``match`` is a passage holding one of the ``wanted`` phrases (as the paraphrase scorer counts)."""
    text = " ".join(u.text for u in (*match.units, *match.also)).lower()
    return bool(match.section_id) and any(w.lower() in text for w in wanted)


def batch_figures(understander: Understander, path: Path) -> tuple[int, int, int, list[str]]:
    """A round's own batch (JSON Lines of knowledge and ood rows): how many knowledge and ood rows, how many
    knowledge rows are answered (:func:`answers`), and the ood rows answered with a passage."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    knowledge = [r for r in records if r["kind"] == "knowledge"]
    ood = [r for r in records if r["kind"] == "ood"]
    right = sum(answers(understander.understand(r["text"]), r["answer_any"]) for r in knowledge)
    answered = [r["text"] for r in ood if understander.understand(r["text"]).section_id]
    return len(knowledge), len(ood), right, answered


def tab_batch_figures(understander: Understander, path: Path) -> tuple[int, int, int, list[str]]:
    """A round's own batch in tab-separated lines (``K`` or ``O``, the ``|``-separated answer phrases, the text; ``#``
    comments): how many knowledge and out-of-domain rows, how many knowledge rows are answered (:func:`answers`),
    and the out-of-domain rows answered with a passage."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    knowledge = [(phrases.split("|"), text) for kind, phrases, text in rows if kind == "K"]
    ood = [text for kind, _, text in rows if kind != "K"]
    right = sum(answers(understander.understand(text), phrases) for phrases, text in knowledge)
    answered = [text for text in ood if understander.understand(text).section_id]
    return len(knowledge), len(ood), right, answered
