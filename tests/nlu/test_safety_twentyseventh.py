"""Twenty-seventh session: a sign named before or after "is not stopping" (a fit, bleeding), never had a headache or chest
pain like this, an empty container or an unknown amount taken beside a sign of harm, no pulse felt, no reaction to
shaking, a joint out of place told in its own clause, never like this until an hour ago, "not right / not ok / not mild"
before a new statement, calm denials ("not puffy", "nothing wrong with her breathing"), a sign that went off, a threat
of fainting at someone else's nuisance, a spoken keyword said to be fine; and the session's own batch
(tests/nlu/safety_batches_27.txt, second part safety_batches_27b.txt).
Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety import SafetyFinding, SafetyRules
from voice_guide.nlu.state import DialogueState

HERE = Path(__file__).resolve().parent
BATCH = HERE / "safety_batches_27.txt"
SECOND = HERE / "safety_batches_27b.txt"


# --- a sign that is not stopping, named in its own words or in another clause -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("his seizure still isn't stopping", ("emergency", "seizure")),
    ("the convulsions won't stop", ("emergency", "seizure")),
    ("it's still not stopping, the bleeding from her leg", ("emergency", "bleeding")),
    ("no, it won't stop, the blood is all down his arm", ("emergency", "bleeding")),
    ("his nose bled this morning but it hasn't stopped him going to the match", ("none", None)),
    ("the fit of her new shoes isn't right", ("none", None)),
])
def test_a_sign_that_is_not_stopping(rules, text, expected):
    assert found(rules, text) == expected


# --- never had one like this ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("she has never had a headache like this before", ("emergency", "headache")),
    ("i've never had a head pain as bad as this", ("emergency", "headache")),
    ("he's never had chest pain like this", ("emergency", "chest_pain")),
    ("he's never had a headache in his life, lucky him", ("none", None)),
    ("she has never had chest pain, her heart is strong", ("none", None)),
])
def test_never_had_one_like_this(rules, text, expected):
    assert found(rules, text) == expected


# --- an empty container, an unknown amount ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("no idea how many he's swallowed, the bottle is empty", ("emergency", "poisoning_overdose")),
    ("i'm not sure how many painkillers she took and she's really drowsy", ("emergency", "poisoning_overdose")),
    ("the box of his tablets is empty, i need to ring the chemist", ("none", None)),
    ("i don't know how many tablets he takes a day, the carers sort it", ("medical_advice", "medical_advice")),
])
def test_an_empty_container_or_an_unknown_amount(rules, text, expected):
    assert found(rules, text) == expected


# --- no pulse, no reaction; a joint out of place; never like this until an hour ago -----------------------------------

@pytest.mark.parametrize("text, expected", [
    ("i can't feel a pulse in his wrist", ("emergency", "collapse")),
    ("i've been shaking her and saying her name, no response at all", ("emergency", "collapse")),
    ("im pinching his hand and shouting at him and still no reaction", ("emergency", "collapse")),
    ("i rang her mobile twice, no response", ("none", None)),
    ("she fell off the step and grabbed her elbow, it looks out of place", ("emergency", "head_injury")),
    ("we moved the old clock into the hall, it looks out of place now", ("none", None)),
    ("dad keeps asking where he is, he was never like this until this morning", ("emergency", "confusion")),
    ("she was never like this until she retired, always on the go", ("none", None)),
])
def test_no_reaction_a_joint_out_of_place_and_a_change_since_an_hour_ago(rules, text, expected):
    assert found(rules, text) == expected


# --- "not right", "not ok", "not mild" before a new statement ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("she isnt right its slurred her speech", ("emergency", "stroke")),
    ("hes not ok the chest pain is crushing", ("emergency", "chest_pain")),
    ("no not mild the bleeding is pouring out", ("emergency", "bleeding")),
    ("she is not slurring her words", ("none", None)),
    ("his chest pain is not crushing, just a twinge", ("none", None)),
])
def test_not_right_before_a_new_statement_denies_nothing(rules, text, expected):
    assert found(rules, text) == expected


# --- calm denials, a sign that went off, a colour back ----------------------------------------------------------------

def test_calm_denials(rules):
    assert [rules.calm_negation(t) for t in (
        "her ankle isn't puffy now", "there's nothing wrong with his chest", "something is wrong with his breathing",
        "his face is puffy")] == [True, True, False, False]


@pytest.mark.parametrize("text, expected", [
    ("his chest felt tight walking up the hill but it wore off after a rest", ("none", None)),
    ("she felt a bit dizzy in the shower, the dizziness has gone off now", ("none", None)),
    ("his chest is crushing, the alarm went off", ("emergency", "chest_pain")),
    ("her lips went a bit blue when she was cold but they're back to normal now", ("none", None)),
    ("his lips are going blue, his cheeks are pink", ("emergency", "breathing")),
])
def test_a_sign_that_went_off_or_a_colour_back(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("i'll pass out if that salesman knocks one more time", ("none", None)),
    ("i'm going to faint, i feel awful", ("emergency", "collapse")),
])
def test_a_threat_of_fainting_at_a_nuisance(rules, text, expected):
    assert found(rules, text) == expected


# --- a caregiver telling the exercise; a spoken keyword said to be fine -----------------------------------------------

def test_telling_the_exercise_is_a_calm_remark(rules):
    assert [rules.calm_remark(t) for t in (
        "his foot is on the cushion and i'm bending his knee up towards him",
        "now i am gently lifting her right arm above her head",
        "i am lifting her leg and she has gone grey",
        "i am moving his arm and he says it's agony")] == [True, True, False, False]


@pytest.mark.parametrize("text, expected", [
    ("no dizziness and her breathing is fine during the leg routine", None),
    ("his breathing seems perfectly normal now", None),
    ("her breathing is not fine", "breathing"),
    ("is his breathing ok", "breathing"),
    ("his breathing looks ok but he has chest pain", "chest_pain"),
])
def test_a_spoken_keyword_said_to_be_fine(rules, text, expected):
    alarm = rules.spoken_alarm(text)
    assert (alarm.concept if alarm is not None else None) == expected


# --- the session's own batch ------------------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, _ = read_batch(BATCH, "# Second part")
    second, _ = read_batch(SECOND, "# Second part")
    assert (len(first), len(second)) == (170, 40)
    assert {kind for kind, _, _ in first + second} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # mild noisy breathing with its cause in the next clause: breathing has no mild softener on purpose, and a cold
    # given as the cause cannot cancel it ("she can't breathe, she's got a cold" must stand)
    "his breathing's a bit noisy, he's got a cold, otherwise good",
}
"""The batch lines read wrongly at the end of the session (the net on; the lines of group ``check`` as said at the
routine's safety check)."""


def test_the_batch(rules_with_net):
    first, _ = read_batch(BATCH, "# Second part")
    second, _ = read_batch(SECOND, "# Second part")
    rows = first + second
    at_check = [row for row in rows if row[1] == "check"]
    elsewhere = [row for row in rows if row[1] != "check"]
    wrong = misread(rules_with_net, elsewhere) | misread(CheckState(rules_with_net), at_check)
    assert wrong == KNOWN_GAPS


def test_a_check_line_outside_the_check_is_read_as_before(rules_with_net):
    text = "he says his chest is fine and he's ready to go"
    assert (found(rules_with_net, text), found(CheckState(rules_with_net), text)) == (("crisis", "crisis"), ("none", None))


class CheckState:
    """``rules`` as they assess a text said at the routine's safety check (``DialogueState.ROUTINE_SAFETY_CHECK``)."""

    def __init__(self, rules: SafetyRules) -> None:
        self.rules = rules

    def assess(self, text: str) -> SafetyFinding:
        return self.rules.assess(text, DialogueState.ROUTINE_SAFETY_CHECK)
