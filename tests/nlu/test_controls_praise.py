"""Praise said to the person after "that's it" is encouragement, not the stop command (twenty-second session).

While counting, a caregiver says "that's it, nice and gentle" to the person whose limb they move; the clause
"that's it" had stopped the exercise. ``intents.yaml``'s ``elsewhere`` list holds the praise, and a text that
is about something other than the guide as a whole gives no clause its command. Every sentence here was
written for these tests.
"""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def understander():
    return Engine().understander


@pytest.mark.parametrize(("state", "text"), [
    (S.ROUTINE_COUNTING, "that's it, nice and gentle"),
    (S.ROUTINE_COUNTING, "that's it, good girl"),
    (S.ROUTINE_COUNTING, "that's it, well done"),
    (S.ROUTINE_COUNTING, "yes that's right, clever boy"),
    (S.ROUTINE_PAUSED, "that's it, good lad"),
    (S.ROUTINE_COUNTING, "pause the tv, she can't hear you"),
])
def test_praise_to_the_person_is_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "want"), [
    (S.ROUTINE_COUNTING, "that's it, stop there", "stop"),
    (S.ROUTINE_COUNTING, "that's it", "stop"),
    (S.ROUTINE_COUNTING, "that's it, well done, that's enough for today", "stop"),
    (S.ANSWERED, "that's it, lovely", "stop"),
    (S.READING, "that's it, thanks", "stop"),
])
def test_a_stop_beside_praise_or_thanks_stays_stop(understander, state, text, want):
    assert understander.understand(text, state).intent == want
