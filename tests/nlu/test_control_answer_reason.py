"""Forty-fourth session: at the safety check an answer word and then what it rests on ("no she had a fall yesterday",
"yes the doctor said it's okay") is the answer, not a health question outside the article or the byline; a question
or another command after the answer word, and an emergency or pain, keep their own reading (the tune44:odd and
tune46:odd tuning misses; ``intents.yaml`` ``answer_reasons``, :mod:`voice_guide.nlu.control_answer_reason`)."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_answer_reason import AnswerReason
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "want"), [
    ("no she had a fall yesterday", "no"),
    ("no wait he had a fall yesterday", "no"),
    ("no he's got a fever", "no"),
    ("nah she's got a bad cold", "no"),
    ("no the physio told us to rest it this week", "no"),
    ("yes the doctor said it's okay", "yes"),
    ("yeah the nurse checked her this morning", "yes"),
    # the neighbours: another command, a question, "no problems", an emergency, pain
    ("no beeps during this please", "sounds_off"),
    ("no stop", "stop"),
    ("no problems, go ahead", "yes"),
    ("no, his leg's swollen", "emergency"),
    ("no she's in pain today", "no"),
    # the review's: crisis talk and signs only the learned net finds stay alarms; a question after the reason stays one
    ("no i want to die", "crisis"),
    ("no i don't see the point of anything anymore", "crisis"),
    # (the tune56 refit, 0cb7f50: the net no longer asked, a known regression; the tune59 refit (3ee46b6): it asks again;
    # the tune60 refit (bf42ac5): the answer no again, which does not start the routine)
    ("no she feels sick and dizzy", "no"),
    ("no she had a fall yesterday so should we still do it", "out_of_scope"),
    ("no she had a hip replacement last month is that ok", "out_of_scope"),
])
def test_the_answer_before_its_reason_at_the_safety_check(understander, text, want):
    assert understander.understand(text, S.ROUTINE_SAFETY_CHECK).intent == want


@pytest.mark.parametrize("text", ["no she had a fall yesterday", "yes the doctor said it's okay"])
def test_only_where_yes_or_no_was_asked(understander, text):
    """Idle, the same words are no answer (nothing was asked)."""
    assert understander.understand(text, S.IDLE).intent not in ("yes", "no")


def test_the_rule_splits_the_answer_from_its_reason():
    rule = AnswerReason.from_data({"answers": {"no": "^no\\s+", "yes": "^yes\\s+(?!but\\b)"},
                                   "states": ["routine_safety_check"], "not_rest": "^(?:what|tell)\\b",
                                   "not_in": "\\bis that ok\\b", "min_rest_words": 2}, ("yes", "no"))
    assert [rule.split(t, s) for t, s in [
        ("no she fell yesterday", "routine_safety_check"),
        ("yes the nurse said so", "routine_safety_check"),
        ("yes but she is tired", "routine_safety_check"),
        ("no what causes it", "routine_safety_check"),
        ("no she fell yesterday is that ok", "routine_safety_check"),
        ("no thanks", "routine_safety_check"),
        ("no she fell yesterday", "idle"),
    ]] == [("no", "she fell yesterday"), ("yes", "the nurse said so"), None, None, None, None, None]
    assert AnswerReason.from_data(None, ("yes", "no")).split("no she fell", "routine_safety_check") is None


@pytest.mark.parametrize("raw", [
    {"answers": "no"},
    {"answers": {"maybe": "^maybe\\s+"}},
    {"answers": {"no": "^(no"}},
    {"answers": {"no": "^no\\s+"}, "not_in": "(is"},
    {"answers": {"no": "^no\\s+"}, "min_rest_words": 0},
])
def test_a_bad_rule_is_a_content_error(raw):
    with pytest.raises(ContentError):
        AnswerReason.from_data(raw, ("yes", "no"))
