"""A person not answering, said with an acute time after it, is a collapse (safety.yaml, concept collapse; the
twenty-third session's lead found "... not answering since lunch" left alone by the rules and the refitted net).
Sentences written for this test, not from any evaluation set."""

from __future__ import annotations

import pytest

from voice_guide.nlu.safety import FindingKind


@pytest.mark.parametrize("text", [
    "grandma is sitting there staring and not answering since breakfast",
    "my husband has not been responding for five minutes",
    "he is not reacting at all in the last few minutes",
    "she is not answering me right now",
])
def test_not_answering_since_a_short_time_is_a_collapse(rules, text):
    finding = rules.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, "collapse")


@pytest.mark.parametrize("text", [
    "he has not been answering my texts since lunch",
    "why is the article not answering my question",
    "my brother has not been answering for weeks",
])
def test_other_things_not_answering_are_no_collapse(rules, text):
    assert rules.assess(text).kind is not FindingKind.EMERGENCY
