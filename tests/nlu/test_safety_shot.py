"""Someone shot or stabbed needs a person before the verb (thirteenth session): a coffee order's "shot",
misheard by the recognizer as "... ago was shot ...", raised the emergency reply on real speech. Sentences
written for this test (not from any evaluation set)."""

from __future__ import annotations

import pytest

from voice_guide.nlu.safety import FindingKind


@pytest.mark.parametrize("text", [
    "my son was shot", "he's been shot", "he has just been shot", "someone got stabbed outside the shop",
    "just been stabbed help", "i think she was shot in the arm", "the postman has been shot", "dad's been shot",
    "i've been stabbed", "a lad got glassed at the pub and is bleeding", "he has a gunshot wound",
])
def test_a_person_shot_or_stabbed_is_a_bleeding_emergency(rules, text):
    finding = rules.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, "bleeding")


@pytest.mark.parametrize("text", [
    "make me ago was shot why they would walk", "a large latte with an extra shot", "a single shot of espresso please",
])
def test_a_shot_without_a_person_is_no_finding(rules, text):
    assert rules.assess(text).kind is FindingKind.NONE
