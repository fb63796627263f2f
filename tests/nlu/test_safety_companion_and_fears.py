"""A "what's the point" asked of the carer's own routine for someone else, a carer's fear put as "my fear is that
... one day", and a hose got for the car beside tape or another sign (thirty-fifth session, docs/safety.md; the lead's
item 4). The session's own batch (tests/nlu/safety_batch_s35.txt) is scored as a whole; its second part
(safety_batch_s35b.txt) is only ever scored by ``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules

CRISIS = ("crisis", "crisis")
NONE = ("none", None)


@pytest.mark.parametrize("text", [
    "why straighten his fingers for him, what's the point",
    "why bother with her wrist exercises, what's the point",
    "my worry is that she'll collapse some day while i'm at work",
    "her fear is that dad might choke one day when she's not in the room",
    "i need a hose for the car, it's covered in mud",
])
def test_ordinary_talk_raises_nothing(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text", [
    "what's the point",
    "what's the point any more, i've had enough",
    "he says he won't be around next month, and that he's going to do something",
    "she's bought a hose for the car and a roll of duct tape",
    "my brother got some tubing for his car, he hasn't even got a garden",
])
def test_crisis_stays_or_is_found(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == CRISIS


RULES_MISS = {
    # ("skip the choking part of the article and read the next section": a false alarm until the forty-eighth session's
    # idiom of the guide's warnings skipped)
    "tell my grandchildren i loved them, i won't be seeing them again after this weekend",
    "there is no way out of this except going to sleep and not waking up, and i've got the pills",
    "what's the point of any of it, i've been putting my affairs in order and i'm done",
    "i've left the keys with the neighbour and written to the kids, tonight i'm going to the cliffs",
}
"""Lines of the batch the rules alone read wrongly (a command naming a section, stateless; a goodbye; "not waking up"
read as an emergency; two crisis lines the net catches); no rule was kept for them: none changed a tuning author's
line. The hose bought with tape for the car, missed on the base, is now caught."""


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The session's batch, first part, read by the rules alone: all right but :data:`RULES_MISS`."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s35.txt"), "# Second part")
    assert misread(rules, first) == RULES_MISS
