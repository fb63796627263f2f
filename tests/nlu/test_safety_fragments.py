"""Telegraphic fragments joined to be asked about (voice_guide/nlu/safety_fragments.py)."""

from __future__ import annotations

import pytest
from safety_support import readings

from voice_guide.nlu.safety_fragments import counts, fragments_joined
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "joined"), [
    ("My leg. Swollen. Red. Hot. Since the cast came off.", "My leg Swollen Red Hot. Since the cast came off."),
    ("Fell. Hit head. Sleepy. Sick twice.", "Fell Hit head Sleepy Sick twice."),
    ("Shaking. Whole body. Won't stop.", "Shaking Whole body Won't stop."),
    ("She is fine. Stop. Next. Louder.", "She is fine. Stop Next Louder."),
])
def test_a_run_of_three_short_fragments_is_joined(text, joined):
    assert fragments_joined(text) == joined


@pytest.mark.parametrize("text", [
    "Chest pain, crushing, since an hour ago.",          # two fragments only
    "Not dizzy. Chest pain. Bad.",                       # a denial in the run
    "Face fine. Arms fine. Speech fine.",
    "he fell over in the garden. he hit his head on the step. now he is sleepy.",  # longer pieces
    "",
])
def test_no_run_no_join(text):
    assert fragments_joined(text) is None


def test_a_clot_counts_only_with_its_swelling():
    assert (counts("blood_clot", "leg swollen red hot"), counts("blood_clot", "legs red hot"),
            counts("head_injury", "fell hit head")) == (True, False, True)


def test_an_emergency_in_fragments_is_asked_about(understander):
    text = "Fell. Hit head. Sleepy. Sick twice."
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [("confirm_emergency", {"concept": "head_injury"})] * 2


@pytest.mark.parametrize("text", [
    "Calves. Tight. Warm. Good session.",
    "Leg. Red. Hot. Sunburn.",
    "Stop. Next one. Louder.",
    "Shopping. Milk. Bread. Plasters.",
])
def test_harmless_fragments_raise_nothing(understander, text):
    assert readings(understander, text, (S.IDLE,))[0][0] not in {"emergency", "crisis", "confirm_emergency"}
