"""Twenty-eighth session: recall on phrasings nobody tuned on. The learned net beside a pain phrase when the rules read no
red-flag phrase at all; crisis signs of a place's rehearsal and pull, a hose bought for the car, not being here in the
morning, no difference to anyone, what is left for someone, how to do it so that nobody is hurt, the means kept for when
it gets too much, someone entrusted "for me", nothing out there for someone, "can't keep doing this", the top of a multi
storey; one fit after another, bleeding from the head, driving into water; near-miss figures ("i'd kill for a ...",
"shot" after no sleep), a carer staying, an everyday end and a carer's tablets as calm plans; and the session's own batch
(tests/nlu/safety_batches_28.txt, second part safety_batches_28b.txt).
Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

HERE = Path(__file__).resolve().parent
BATCH = HERE / "safety_batches_28.txt"
SECOND = HERE / "safety_batches_28b.txt"


# --- the net beside a pain phrase -------------------------------------------------------------------------------------

def test_the_net_is_read_beside_a_pain_phrase_with_no_red_flag_phrase(bare):
    bare.net = fixed_net(crisis=0.95)
    assert [found(bare, t) for t in (
        "it all costs too much, they'd be kinder to let me slip off",
        "i would never hurt myself, this stretch is just too much")] == [("crisis", "crisis"), ("pain", "pain")]


def test_a_pain_phrase_stays_pain_when_the_net_reads_none(bare):
    bare.net = fixed_net()
    assert found(bare, "stop, that's too much for his knee") == ("pain", "pain")


# --- emergencies ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("he keeps having fit after fit", ("emergency", "seizure")),
    ("she's had one seizure after another and she's still not awake", ("emergency", "seizure")),
    ("those trousers were a bad fit after all", ("none", None)),
    ("he's bleeding from his head and he's not making sense", ("emergency", "bleeding")),
    ("she isn't bleeding from her head, it's only a graze on her knee", ("none", None)),
    ("she said she's going to drive into the reservoir", ("crisis", "crisis")),
    ("we're going to drive past the reservoir on the way home", ("none", None)),
])
def test_emergencies_of_the_round(rules, text, expected):
    assert found(rules, text) == expected


# --- crisis signs -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "she drove up to the cliffs and sat at the edge for ages",
    "i keep looking at the train tracks and it keeps calling me",
    "i won't be here in the morning",
    "it wouldn't make any difference to anyone if i was gone",
    "he says he's figured out how to do it without anyone knowing",
    "she keeps tablets hidden in her room for when it all gets too much",
    "i feel there's nothing in this world for me any more",
    "i can't keep doing this any more",
    "he's been going to the top of the multi storey at night and says he's had enough",
    "she asked me to look after her cat for her and said she's sorry for everything",
    "i can't see myself still being here by christmas",
])
def test_crisis_signs_of_the_round(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "we sat at the edge of the pool for an hour",
    "the dentist keeps calling me about my appointment",
    "i won't be here in the morning, the agency carer comes at eight",
    "it wouldn't make a difference if i was there or not, she sleeps all afternoon",
    "what's left for me to do on the form",
    "i've worked out how to do it so it won't hurt her shoulder",
    "i can't keep doing this stretch, my arm is tired",
    "my sister asked me to look after the kids for her",
    "we went up to the top of the tower to see the view",
])
def test_the_same_words_in_everyday_talk(rules, text):
    assert found(rules, text)[0] not in ("crisis", "emergency")


@pytest.mark.parametrize("text", [
    "i bought a new hosepipe to wash the car",
    "what's left for me now he's gone",
])
def test_one_sign_counts_only_beside_another_or_the_nets_doubt(rules, text):
    """(``learned.crisis_sign_at``: "he's bought a hosepipe and keeps talking about the car in the garage" is crisis
    with the net's 0.67 beside the sign.)"""
    assert (found(rules, text), rules.crisis_sign_found(text)) == (("none", None), True)


# --- near misses ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure", [
    ("honestly i could kill for a cold beer", True),
    ("she's shot, she's had no sleep with the twins", True),
    ("he's shot", False),
])
def test_figures_of_the_round(rules, text, figure):
    assert (rules.figure_cue(text), found(rules, text)[0] == "emergency") == (figure, not figure)


def test_a_carer_staying_an_everyday_end_and_a_carers_tablets_are_calm_remarks(rules):
    assert [rules.calm_remarks.is_remark(t) for t in (  # normalised clauses
        "i am not going anywhere i will be here all day with him",
        "we want to cancel the paper delivery",
        "i need to give her her tablets and then sit down",
        "i need to take her tablets and then go to sleep",
        "i am not going to be here much longer")] == [True, True, True, False, False]


# --- the session's own batch ------------------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, _ = read_batch(BATCH, "# Second part")
    _, second = read_batch(SECOND, "# Second part")
    assert (len(first), len(second)) == (223, 52)
    assert {kind for kind, _, _ in first + second} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # a despair idiom ("at the end of my rope") beside a crisis sign: the figure raises the net's bar (0.82 < 0.95)
    "i really cant keep doing this, im at the end of my rope",
    # "if you don't hear from me after today" is read as a hypothetical; the apology beside it is one sign, the net 0.02
    "if you don't hear from me after today, i'm sorry",
    # "they don't answer" of a surgery's phone read as someone not answering (collapse)
    "there's no point calling the surgery before eight, they don't answer",
    # a crisis with a means said as a thought: the overdose's emergency reply with the crisis line, not crisis alone
    "i am thinking to take all the pills of my mother and sleep forever",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, _ = read_batch(BATCH, "# Second part")
    _, second = read_batch(SECOND, "# Second part")
    assert misread(rules_with_net, first + second) == KNOWN_GAPS

