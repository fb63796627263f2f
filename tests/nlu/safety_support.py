"""Shared by the safety tests of this folder (the ``rules`` fixture is in conftest.py): what the rules find,
a learned net of fixed probabilities, reading a session's own safety batch (tests/nlu/safety_batches_NN.txt), and how
the whole guide reads a line in the dialogue states (:func:`readings`, :func:`alarmed_states`).

A batch file holds ``kind|group|text`` lines and ``#`` comments; a comment line starting with a mark
(such as ``# Second part``) ends the part written and scored before any change of that session.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_learned import CLASSES, FeatureSettings, SafetyNet
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander

RED = frozenset({"emergency", "crisis", "confirm_emergency"})
"""The guide's intents of an alarm: the emergency or crisis reply, or the confirmation question."""

BatchRow = tuple[str, str, str]
"""``(kind, group, text)``: kind is crisis, near_miss, emergency...; group the concept or reason."""


def found(rules: SafetyRules, text: str) -> tuple[str, str | None]:
    """What ``rules`` make of ``text``: the finding's kind and concept."""
    finding = rules.assess(text)
    return finding.kind.value, finding.concept


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


def fixed_net(crisis: float = 0.0, emergency: float = 0.0) -> SafetyNet:
    """A net that reads every text with these probabilities of crisis and emergency (none: the rest)."""
    probs = np.array([1.0 - crisis - emergency, emergency, crisis], dtype=np.float64)
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = np.log(np.maximum(probs, 1e-9))
    return SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))


def batch_rows(path: Path, near_misses: bool) -> list[BatchRow]:
    """A session's own batch (the rows before a ``#!`` line): its near misses, or (``near_misses=False``) its
    emergencies and crisis talk."""
    first, _ = read_batch(path, "#!")
    return [row for row in first if (row[0] == "near_miss") == near_misses]


def misread(rules: SafetyRules, rows: list[BatchRow]) -> set[str]:
    """The texts of ``rows`` the rules read wrongly: a red flag missed or raised, or of the other kind."""
    wrong = set()
    for kind, _, text in rows:
        finding = rules.assess(text)
        if finding.is_red_flag != (kind != "near_miss") or (finding.is_red_flag and finding.kind.value != kind):
            wrong.add(text)
    return wrong


def readings(understander: Understander, text: str, states: tuple[DialogueState, ...]) -> list[tuple[str, dict[str, str]]]:
    """The intent and slots the guide gives ``text`` in each of ``states``, in order."""
    return [(m.intent, m.slots) for m in (understander.understand(text, state) for state in states)]


def alarmed_states(understander: Understander, text: str) -> list[DialogueState]:
    """The dialogue states in which the guide answers ``text`` with an alarm (:data:`RED`)."""
    return [state for state in DialogueState if understander.understand(text, state).intent in RED]
