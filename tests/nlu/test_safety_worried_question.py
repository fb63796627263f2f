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
    # (the merge review: "am i overreacting about the risk of him overdosing" is a false alarm again, as on the code
    # before the round: "am i overreacting" is no question start, it had cancelled reports told in the past)
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
    assert missed == {
        # words the concept lists lack ("bluish", "has not responded")
        "is it normal that mum's lips have been bluish since lunch",
        "does it matter that she hasn't responded to me for five minutes",
        # (the history rule's "has had ... for twenty minutes" is now since the thirty-seventh session)
        # ("the worst headache she's ever had, it started an hour ago" is found since the third review's qualifier)
        # "when he lies down" reads as a habit (the merge review's habits), though "today" tells now
        "does it matter that his lips keep going blue when he lies down today",
    }
    assert raised == {
        "does it matter that she's a bit breathless after climbing the stairs, she gets her breath back quickly",
        # ("am i overreacting about the chance of him overdosing ..." is a case that may come since the thirty-seventh
        # session's "the risk / chance of someone ...", context.feared)
    }


@pytest.mark.parametrize("text, concept", [
    # the merge review: "am i overreacting / being paranoid" before a report told in the past never cancels it
    ("am i being paranoid, his mouth dropped on one side ten minutes ago", "stroke"),
    ("am i overreacting, she swallowed all her sleeping tablets at once", "poisoning_overdose"),
    ("am i worrying too much, grandad collapsed on the patio", "collapse"),
    # a sign now said with "can not" or "just"
    ("is it normal that he can't breathe properly", "breathing"),
    ("should i be worried that my mum just collapsed", "collapse"),
])
def test_the_review_reports_stand(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    # the merge review: a condition the person has, a habit or a case that may come, anywhere after the person
    "is it normal that my husband has a seizure disorder",
    "is it normal that gran has a fit every couple of months",
    "should i worry that my dad is having a heart attack one day",
    "should i be worried that he keeps choking on tea when he drinks",
    "is it normal that she keeps getting chest pains when she walks up hills",
    "is it normal that my mum has copd and is short of breath walking",
    "should i be worried that my husband has been choking on his food lately",
])
def test_the_review_questions_stay_questions(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, concept", [
    # the third review: a question or habit word in a later clause never turns a sign now back into a question (speech
    # has no commas)
    ("is it normal that my husband has collapsed and is not breathing could it be his heart", "breathing"),
    ("should i be worried that she has just collapsed and may have banged her head", "collapse"),
    ("is it normal that dad is not breathing i think it might be his heart", "breathing"),
    ("is it normal that she is not breathing if so what should i do", "breathing"),
    ("is it normal that his lips are blue and he has asthma", "breathing"),
    ("is it normal that he has collapsed while walking the dog", "collapse"),
    ("is it normal that she can not breathe and whenever i ask she shakes her head", "breathing"),
])
def test_a_sign_now_stands_before_a_later_clause(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)
