"""Dialect words, a limb hurt while moved and sport commentary (thirty-sixth session, docs/safety.md).

"can't", "not" and "no" as Scots, Jamaican and Southern US English write them ("cannae", "cyaan", "cain't", "nae")
are read as the standard words ("nae" is "not": "she's nae breathing", "nae faints"); "all mixed up" is confused; a crack as a joint is moved beside a cry, or a sudden
severe pain beside a scream, is an exercise warning (a plain "ow" stays the pain stop); a team that chokes or
collapses in an innings or a quarter is sport. The round's own batch (tests/nlu/safety_batch_s36.txt) is scored
as a whole by ``eval_safety.py --batch``; its second part (safety_batch_s36b.txt) only at the end.
"""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.nlu.safety import SafetyRules

NONE = ("none", None)


@pytest.mark.parametrize("text, concept", [
    ("the wean cyaan breathe", "breathing"),
    ("granda cannae get his breath at all", "breathing"),
    ("she cain't catch her breath and she's grey", "breathing"),
    ("she's nae breathing", "breathing"),
])
def test_dialect_cant_is_can_not(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "nae dizzy spells, nae faints, she's grand",
    "nuh fits this week, she's doing well",
])
def test_dialect_no_denies(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text", [
    "he's all mixed up since this morning, doesn't know the house",
    "she is all mixed up, came on out of nowhere",
    "so muddled, can't tell me what year it is",
])
def test_sudden_confusion_in_plain_words(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "confusion")


@pytest.mark.parametrize("text", [
    "he got mixed up with the days of the week again",
    "i can not tell what day it is with these dark mornings",
])
def test_mixed_up_about_something_is_no_confusion(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text", [
    "something snapped as I straightened his knee and he's screaming",
    "I lifted her arm and she shrieked, a sudden awful pain in her shoulder",
    "halfway through the leg lifts he suddenly cried out in agony",
])
def test_a_limb_hurt_while_moved(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "exercise_warning")


@pytest.mark.parametrize("text", [
    "her knee clicked when I bent it but it doesn't hurt",
    "he yelled at me when I moved his arm, he hates the stretches",
])
def test_a_click_or_a_cross_word_is_no_warning(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_a_sharp_chest_pain_stays_chest_pain(rules: SafetyRules) -> None:
    assert found(rules, "she has a sudden sharp pain in her chest and she cried out") == ("emergency", "chest_pain")


@pytest.mark.parametrize("text", [
    "the Rovers choked again in the final quarter, typical",
    "our lot collapsed in the first innings for 80",
])
def test_sport_commentary_raises_nothing(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_a_spectator_who_collapses_still_counts(rules: SafetyRules) -> None:
    assert found(rules, "a man in the row in front collapsed in the second half of the match") == ("emergency", "collapse")


def test_a_broken_hip_in_clinical_shorthand(rules: SafetyRules) -> None:
    assert found(rules, "found on floor, R leg shortened and rotated outwards") == ("emergency", "head_injury")
