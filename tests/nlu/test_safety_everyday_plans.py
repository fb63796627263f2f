"""Everyday plans said as "i want to ..." (found at the end of the twenty-fourth session, present since before it).

Found as known gaps (strict expected failures): the learned net read a plain wish as crisis talk (0.85-0.98), and with
"tonight" the rules' crisis warning sign of a timed plan was there as well. Fixed in the twenty-fifth session: a bare
time is a timed plan only beside a word of harm, death, leaving life or a means (fields.harm_word), and an everyday
plan or wish is a calm remark (calm_remarks: plan_who, plan_wish, plan_act), where the net needs
learned.calm_remark_at. Written for these tests (no data line)."""

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


@pytest.mark.parametrize("text", PLANS_READ_AS_CRISIS)
def test_an_everyday_plan_is_no_crisis(pipe, text):
    assert pipe.understander.safety.assess(text).kind is FindingKind.NONE


def test_plans_the_net_leaves_alone_and_wishes_of_harm(pipe):
    rules = pipe.understander.safety  # the rules with the learned net under them
    assert [rules.assess(t).kind for t in PLANS_LEFT_ALONE] == [FindingKind.NONE] * len(PLANS_LEFT_ALONE)
    assert [rules.assess(t).kind for t in WISHES_OF_HARM] == [FindingKind.CRISIS] * len(WISHES_OF_HARM)


# --- twenty-fifth session: the same KIND in other words, first and third person, with or without a time ----------

OTHER_PLANS = [
    "my brother wants to take dad to the bowls club on saturday",
    "we are hoping to have a picnic in the park tomorrow",
    "she told me she wants to go back home after tea",
    "mum would love to see the grandkids at the weekend",
    "he is going to watch the rugby with his mates tonight",
    "i need to pick up her prescription this afternoon",
]
PLANS_WITH_HARM = [
    "she wants to go to the bridge on her own tonight",
    "i want to go home to be with my late wife tonight",
    "he wants to go out tonight and never come back",
]


@pytest.mark.parametrize("text", OTHER_PLANS)
def test_other_everyday_plans_are_no_crisis(pipe, text):
    assert pipe.understander.safety.assess(text).kind is FindingKind.NONE


def test_plans_beside_harm_are_no_calm_remark(pipe):
    rules = pipe.understander.safety
    assert [rules.calm_remark(t) for t in PLANS_WITH_HARM] == [False] * len(PLANS_WITH_HARM)
    assert [rules.calm_remark(t) for t in OTHER_PLANS] == [True] * len(OTHER_PLANS)
