"""A carer's worried question about a sign happening now (thirty-sixth session, second round, docs/safety.md): "is it
normal that", "should i be worried that", "does it matter that", "am i overreacting" with a named person's sign told now
(present tense, present perfect, a time word of now) is a report, not a question about a condition; a general subject, a
case that may come or a past told in the past tense stays a question. The round's own batch
(tests/nlu/safety_batch_s36w.txt) is scored as a whole; its second part (safety_batch_s36w_b.txt) is only ever scored by
``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, read_batch

from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_asked import worried_report

NONE = ("none", None)


@pytest.mark.parametrize("text, concept", [
    ("is it normal that my nan is still wheezing and gasping for air after ten minutes", "breathing"),
    ("should i be worried that his nose has been pouring blood for half an hour", "bleeding"),
    ("does it matter that her calf has been hot and swollen since the weekend", "blood_clot"),
    ("is it ok that grandad keeps jerking and is not answering me", "collapse"),
    ("am i overreacting that my wife's face has been drooping since tea time", "stroke"),
    ("is it normal that mum has had a nosebleed for forty minutes", "bleeding"),
])
def test_a_worried_question_about_a_sign_now_is_a_report(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "is it normal that people with a spinal injury get sweaty",
    "should i be worried that he might have a seizure one day",
    "does it matter if she is choking a little on her drinks",
    "is it normal that she choked on her toast at breakfast, it came straight up",
    "am i overreacting about the risk of him overdosing on his tablets",
    "is it normal for someone to be short of breath after a week in bed",
])
def test_a_worried_question_about_a_condition_stays_a_question(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_the_frame_needs_a_person_and_a_sign_now(rules: SafetyRules) -> None:
    frames = rules.context.worried_report
    clause = "is it normal that his lips are going blue"
    assert worried_report(clause, len(clause), frames)
    assert not worried_report("is it normal that his lips went blue", len("is it normal that his lips went blue"), frames)
    assert not worried_report("is it normal that you go blue", len("is it normal that you go blue"), frames)
    assert not worried_report("is it normal that", len("is it normal that"), frames)


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The round's batch, first part, read by the rules alone: what the rules still miss or raise (concept lists or a
    past told in the past tense, not the question frame)."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s36w.txt"), "# Second part")
    missed = {text for kind, _, text in first if kind == "emergency" and found(rules, text)[0] != "emergency"}
    raised = {text for kind, _, text in first if kind == "near_miss" and found(rules, text)[0] == "emergency"}
    assert len(missed) <= 4
    assert raised == {"does it matter that she's a bit breathless after climbing the stairs, she gets her breath back quickly"}
