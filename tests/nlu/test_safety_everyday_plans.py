"""Everyday plans said as "i want to ..." (found at the end of the twenty-fourth session, present since before it).

Known gaps, kept as strict expected failures so that the round that fixes them sees it: the learned net reads a plain
wish as crisis talk (0.85-0.98), and with "tonight" the rules' crisis warning sign of a timed plan is there as well.
Written for these tests (no data line)."""

import pytest

from voice_guide.nlu.safety_types import FindingKind

PLANS_READ_AS_CRISIS = [
    "i want to go out tonight",
    "i want to do his arms tonight",
    "i want to go home",
    "i want to see my grandson tonight",
]
PLANS_LEFT_ALONE = [
    "i want to do his arms",
    "i want to get her exercises done tonight",
    "i want to ask the doctor tomorrow",
]
WISHES_OF_HARM = ["i want to die tonight", "i want to end it tonight", "i want to go to sleep forever"]


@pytest.mark.xfail(strict=True, reason="twenty-fourth session: a known false crisis on an everyday plan (closing note)")
@pytest.mark.parametrize("text", PLANS_READ_AS_CRISIS)
def test_an_everyday_plan_is_no_crisis(pipe, text):
    assert pipe.understander.safety.assess(text).kind is FindingKind.NONE


def test_plans_the_net_leaves_alone_and_wishes_of_harm(pipe):
    rules = pipe.understander.safety  # the rules with the learned net under them
    assert [rules.assess(t).kind for t in PLANS_LEFT_ALONE] == [FindingKind.NONE] * len(PLANS_LEFT_ALONE)
    assert [rules.assess(t).kind for t in WISHES_OF_HARM] == [FindingKind.CRISIS] * len(WISHES_OF_HARM)
