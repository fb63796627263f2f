"""Near misses told as a past event (thirty-fifth session, second round, docs/safety.md): a few more irregular past
forms ("blew up", "shot up") make the clause after a dated one history, and "when he was first injured" (or diagnosed,
paralysed ...) is a past time. What happens now still wins. The round's own batch (tests/nlu/safety_batch_s35c.txt) is
scored as a whole; its second part (safety_batch_s35c_b.txt) is only ever scored by ``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules

NONE = ("none", None)


@pytest.mark.parametrize("text", [
    "she had an allergic reaction to nuts back in 2016, her face blew up",
    "when he was first hurt he could not feel his legs",
])
def test_a_past_event_raises_nothing(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, concept", [
    ("she had an allergic reaction to nuts back in 2016, her face blew up and now her throat is closing", "allergy"),
    ("when he was first injured he had a seizure and now he's fitting again", "seizure"),
    ("her blood pressure shot up and she has a pounding headache right now", "headache"),
])
def test_what_happens_now_still_wins(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The round's batch, first part, read by the rules alone: all right (as on the base)."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s35c.txt"), "# Second part")
    assert misread(rules, first) == set()
