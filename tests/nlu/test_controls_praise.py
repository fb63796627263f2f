"""Praise said to the person after "that's it" is encouragement, not the stop command (twenty-second session).

While counting, a caregiver praises the person whose limb they move ("that's it, nice and gentle" in the
controls round's batch); the clause "that's it" had stopped the exercise. ``intents.yaml``'s ``elsewhere`` list holds the praise, and a text that
is about something other than the guide as a whole gives no clause its command. Every sentence here was
written for these tests.
"""

from __future__ import annotations

import pytest

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("state", "text"), [
    (S.ROUTINE_COUNTING, "that's it, nice and slow"),
    (S.ROUTINE_COUNTING, "okay that's it, good boy"),
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


def test_the_to_the_person_list_is_checked_like_elsewhere():
    from voice_guide.core.errors import ContentError
    from voice_guide.nlu.control_negation import Elsewhere

    with pytest.raises(ContentError, match="to_the_person: a list"):
        Elsewhere.from_data("that is it", "to_the_person")
    both = Elsewhere.from_data(["tv"]).joined(Elsewhere.from_data(["^good girl$"], "to_the_person"))
    assert [both.holds(t) for t in ("pause the tv", "good girl", "a good girl said stop")] == [True, True, False]
    assert Elsewhere().joined(Elsewhere()).pattern is None
