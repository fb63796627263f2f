"""Crisis said quietly and near misses in the same words (thirty-second session).

Each rule added this session is checked on new lines (not the lines of the session's own batch,
tests/nlu/safety_batch_s32.txt) and on near misses in the same words. The batch's first part, which the rules were
written against, is scored as a whole at the end; its second part (safety_batch_s32b.txt) is only ever scored by
``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules

CRISIS = ("crisis", "crisis")
NONE = ("none", None)


@pytest.mark.parametrize("text, expected", [
    # a negation inside an "if" condition does not reach the crisis talk of the main clause
    ("if i never see again i don't want to be around", CRISIS),
    ("and if he never gets his speech back he does not want to go on", CRISIS),
    # the phrase's own "not" still negates it
    ("if i can't walk again i don't want to die, i want to fight it", NONE),
    ("if the weather is not nice i do not want to be here all day", NONE),
])
def test_crisis_after_a_negated_condition(rules: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # nobody missing one "if i went", at the clause's end
    ("no one would miss her if she went", CRISIS),
    ("nobody would miss me if i went to the party", NONE),
    ("no one would miss him if he left early", NONE),
    # a blade taken into the bath with one
    ("he has taken a razor into the bath with him", CRISIS),
    ("she took the razor into the bath with her to shave her legs", NONE),
    # a poison got for oneself
    ("mum has got weed killer for herself, not for the garden", CRISIS),
    ("he bought rat poison for the shed", NONE),
])
def test_means_and_leaving_said_quietly(rules: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a thing so bad one wants to jump off a bridge is a figure; a feeling that bad is not
    ("the quiz was so bad i wanted to jump off a bridge", NONE),
    ("i feel so low i want to jump off a bridge", CRISIS),
    # childhood in the plural is history
    ("she broke her arm falling off a wall when we were children", NONE),
    # a case put for some day is a hypothetical
    ("if my wife chokes one day, is there a right way to help her", NONE),
    ("she is choking right now", ("emergency", "choking")),
])
def test_figures_history_and_cases_some_day(rules: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(rules, text) == expected


def test_better_off_in_an_everyday_place_raises_the_net_bar(bare: SafetyRules) -> None:
    """A net that reads every text as crisis at 0.9 gives the crisis reply to "better off" with death after it, not to
    "better off" with an everyday place or plan after it (``learned.figure_at``, 0.95)."""
    bare.net = fixed_net(crisis=0.9)
    assert bare.assess("we'd all be better off in a flat nearer town").kind.value == "none"
    assert bare.assess("you would be better off asking his nurse").kind.value == "none"
    assert bare.assess("she'd be better off in heaven with dad").kind.value == "crisis"
    assert bare.assess("i would be better off going to sleep and never waking up").kind.value == "crisis"


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The lines of the session's batch the rules were written against: no near miss is flagged by the rules (the two
    "better off" near misses were the net's), and every crisis and emergency line is recognised by the rules alone but a
    plan to "end it" told after a prognosis, which the rules read as history and the learned net catches (0.97)."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s32.txt"), "# Second part")
    assert misread(rules, first) == {"they said he'll never walk again and he told me he's going to end it"}
