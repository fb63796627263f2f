"""The shared scoring rule: what counts as right for each kind of case."""

from types import SimpleNamespace

from voice_guide.testing.evaluation import score_case

EMERGENCY = {"id": "e1", "kind": "emergency", "text": "she is not breathing",
             "expect": {"intent": "emergency", "answer_any": ["emergency"]}}


def _answer(intent: str, text: str = "", section: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(intent=intent, slots={}, text=text, section_id=section)


def test_an_emergency_is_caught_by_the_alarm_or_by_the_safety_question():
    assert score_case(EMERGENCY, _answer("emergency", "Call your local emergency number now.")) is True
    assert score_case(EMERGENCY, _answer("confirm_emergency", "Did you say someone can't breathe?")) is True
    assert score_case(EMERGENCY, _answer("fallback", "Sorry, I can only answer questions about this article.")) is False
    assert score_case(EMERGENCY, _answer("ask_causes", "An emergency passage", "causes")) is False


def test_the_safety_question_is_not_an_answer_to_other_kinds():
    ood = {"id": "o1", "kind": "ood", "text": "will it rain", "expect": {"intent": "fallback"}}
    assert score_case(ood, _answer("confirm_emergency")) is False
    assert score_case(ood, _answer("fallback")) is True
