"""A panicked "why won't he wake up?" is a report of something happening now, not a question about a
condition (thirteenth session: it got "I can only answer questions about muscle atrophy"). Sentences
written for this test (not from any evaluation set)."""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState as S

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


REPORTS = [
    ("why won't he wake up", "collapse"),
    ("why won't my husband wake up", "collapse"),
    ("why can't he breathe", "breathing"),
    ("why isn't she breathing properly", "breathing"),
]


@pytest.mark.parametrize("text, concept", REPORTS)
def test_why_with_a_person_and_a_red_flag_is_an_emergency(rules, text, concept):
    finding = rules.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "why can't muscles grow back", "why can't he lift his arm like before", "why doesn't she want to do her exercises",
    "why won't he eat his dinner", "why won't the app open",
])
def test_why_questions_without_a_red_flag_stay_questions(rules, text):
    assert rules.assess(text).kind is FindingKind.NONE


@needs_model
def test_the_guide_answers_them_with_the_emergency_reply_in_every_state():
    understander = Engine().understander
    found = {(text, state.value): understander.understand(text, state).intent for text, _ in REPORTS for state in S}
    assert {key: intent for key, intent in found.items() if intent != "emergency"} == {}
