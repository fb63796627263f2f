"""Review fixes of the thirty-sixth session's safety rules (docs/safety.md, "Thirty-sixth round, review fixes").

Each fault both ways: the false reading fixed, and the case its rule was written for still read. "ain't got no X" is
"has no X"; sport periods only for a team (a person who collapses or chokes is a report); "all mixed up" only of a
person; a limb turned outwards is the guide's own hip roll unless the leg is also shorter or there was a fall; a cry
is no "yellow" and a sudden pain beside it needs a limb being moved; a person who "snapped" lost their temper; the
Scots spellings understanding reads (``DIALECT_FORMS`` in voice_guide/lang/en.py) are read here too; "nae" before a
noun is "no".
"""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.state import DialogueState

NONE = ("none", None)
COUNTING = DialogueState.ROUTINE_COUNTING


@pytest.mark.parametrize("text, expected", [
    ("honestly i aint got no reason left to keep on living", ("crisis", "crisis")),
    ("he ain't got no pulse, i checked his neck twice", ("emergency", "collapse")),
    ("she ain't breathing right, she's gasping", ("emergency", "breathing")),
    ("grandpa ain't got a pulse that i can feel", ("emergency", "collapse")),
])
def test_aint_got_no_is_has_no(rules: SafetyRules, text: str, expected: tuple[str, str]) -> None:
    assert found(rules, text) == expected


def test_aint_got_no_still_denies_nothing_that_was_never_there(rules: SafetyRules) -> None:
    assert found(rules, "she ain't got no complaints about the stretches today") == NONE


@pytest.mark.parametrize("text, expected", [
    ("my grandson collapsed during the third period of his ice hockey match", ("emergency", "collapse")),
    ("she collapsed in the final set and she's not responding", ("emergency", "collapse")),
    ("my dad choked during the last frame at his darts night", ("emergency", "choking")),
])
def test_a_person_in_a_period_of_play_is_a_report(rules: SafetyRules, text: str, expected: tuple[str, str]) -> None:
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "the Tigers choked once again in the fourth quarter",
    "Australia collapsed in the second innings, what a match",
])
def test_a_team_in_a_period_of_play_is_sport(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_a_spectator_collapsing_alone_is_a_report(rules: SafetyRules) -> None:
    assert found(rules, "a lady behind us collapsed during the second half of the game") == ("emergency", "collapse")


@pytest.mark.parametrize("text", [
    "the post is all mixed up this week",
    "my appetite is all mixed up since the operation",
    "the pages got mixed up when I printed them",
    "her nephew got mixed up in a bad crowd",
])
def test_mixed_up_of_no_person_is_no_confusion(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_a_head_mixed_up_beside_crisis_talk_is_crisis(rules: SafetyRules) -> None:
    assert found(rules, "my brain is all mixed up and i just want to end my life") == ("crisis", "crisis")


def test_a_person_all_mixed_up_is_confusion(rules: SafetyRules) -> None:
    assert found(rules, "grandma is all mixed up since lunch, she keeps calling me by my mum's name") == \
        ("emergency", "confusion")


@pytest.mark.parametrize("text", [
    "his leg is rotated outwards like the picture, do I hold it there",
    "her arm is turned outwards now, is that the right position",
])
def test_a_limb_turned_out_in_the_hip_roll_is_no_emergency(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) != ("emergency", "head_injury")
    assert rules.assess(text, COUNTING).kind.value != "emergency"


@pytest.mark.parametrize("text", [
    "she slipped in the bathroom and her leg is turned outwards",
    "after the fall, left leg shorter and externally rotated",
    "his hip looks shorter on that side and it's rotated outwards",
])
def test_a_broken_hip_with_a_fall_or_both_signs(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "head_injury")


@pytest.mark.parametrize("text", [
    "a sharp pain in his ankle, the yellow mark from the blood test has faded",
    "sudden pain in my wrist opening the yellow jar",
    "a sharp pain in her elbow and she screamed at the cat",
])
def test_a_sharp_pain_without_a_moved_limb_is_no_exercise_warning(rules: SafetyRules, text: str) -> None:
    assert found(rules, text)[1] != "exercise_warning"


@pytest.mark.parametrize("text", [
    "I was bending his knee and he yelled, a sudden sharp pain",
    "during the arm raises she screamed, a terrible pain in her shoulder",
])
def test_a_sharp_pain_and_a_cry_while_moved_is_a_warning(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "exercise_warning")


@pytest.mark.parametrize("text", [
    "she snapped as I was moving her arm and screamed at me to leave her alone",
    "I just snapped when we were doing the leg lifts and yelled at her, I hate myself for it",
])
def test_a_person_who_snapped_lost_their_temper(rules: SafetyRules, text: str) -> None:
    assert found(rules, text)[1] != "exercise_warning"


def test_a_joint_that_snapped_while_moved_is_a_warning(rules: SafetyRules) -> None:
    assert found(rules, "her ankle snapped as I turned it and she's howling") == ("emergency", "exercise_warning")


@pytest.mark.parametrize("text, concept", [
    ("grandad wisnae breathing when we came in", "breathing"),
    ("the wean widnae wake up fae his nap", "collapse"),
    ("he hasnae woken up since he took all those pills", "collapse"),
])
def test_scots_forms_of_en_py_are_read(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text)[0] == "emergency"


def test_dat_hurts_while_counting_is_the_pain_stop(rules: SafetyRules) -> None:
    assert rules.assess("ah dat hurts a lot", COUNTING).kind.value == "pain"


@pytest.mark.parametrize("text", [
    "there's nae pulse at his wrist or his neck",
    "she's got nae heartbeat, I can't feel anything",
])
def test_nae_before_a_noun_is_no(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "collapse")


@pytest.mark.parametrize("text, expected", [
    ("he's nae breathing at all", ("emergency", "breathing")),
    ("nae fits and nae blackouts this week, he's doing grand", NONE),
])
def test_nae_as_not_and_as_a_denial_still_read(rules: SafetyRules, text: str, expected: tuple[str, str]) -> None:
    assert found(rules, text) == expected


def test_no_heartbeat_on_a_scan_is_no_collapse(rules: SafetyRules) -> None:
    assert found(rules, "my sister was told there was no heartbeat on the scan last year")[1] != "collapse"


# --- the third review (the lead's fixes checked again) ------------------------------------------------------------


@pytest.mark.parametrize("text, concept", [
    # Scots "nae" before a dropped-g verb or a state word is "not"
    ("she's nae breathin", "breathing"),
    ("he's nae responsive at all", "collapse"),
    # a person who collapses or chokes in a part of a game is a report, whoever it is
    ("my nephew is choking in the second quarter of the match", "choking"),
    ("my grandson collapsed during the third quarter of his game", "collapse"),
    ("the coach collapsed during the second innings", "collapse"),
    # "all mixed up" said of a relative named by a family word
    ("granda has gone all mixed up", "confusion"),
    ("my father in law is all mixed up suddenly", "confusion"),
])
def test_the_third_review_reports(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "the midwife found no heartbeat at the twelve week scan",
    "there was no heartbeat on the eight week scan",
    "my fitness watch says no heartbeat detected",
    "the rovers choked in the fourth quarter again",
    "she's got nae chin on her",
])
def test_the_third_review_near_misses(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("none", None)
