"""Twenty-sixth session: a worry about what might happen one day (``context.feared``), other people in the news
(``context.news``, never for crisis talk), "if she has another stroke", a sign's history named after it, an accident's
"and hurt himself", history carried to a past-tense clause of the same concept, a bare "when i'm not here" that never
counts alone (``absent``), a collapse told in fragments after a comma, eyes open with nobody there, a migraine that
came on in a second, the same pain as a heart attack, the speaker's own near faint; and the session's own batch
(tests/nlu/safety_batches_26.txt). Each rule is tried both ways in phrases written for these tests (not from any set,
and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.content.pack import load_pack
from voice_guide.nlu.safety_context import FEARED_GAP_WORDS

BATCH = Path(__file__).resolve().parent / "safety_batches_26.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


# --- a worry about what might happen one day -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("i'm frightened she'll have a fit on the bus one day", ("none", None)),
    ("my greatest worry is that he could choke when he eats alone", ("none", None)),
    ("i'm nervous of her getting a clot after the operation", ("none", None)),
    ("we dread her falling on the ice this winter", ("none", None)),
    ("i'm worried he might be having a heart attack right now", ("emergency", "chest_pain")),
    ("i'm frightened he is choking, he can't get a breath", ("emergency", "choking")),
    ("his face has dropped on one side and i'm scared it's a stroke", ("emergency", "stroke")),
    ("she's turning blue and i'm frightened she'll stop breathing", ("emergency", "breathing")),
    ("i'm worried he'll swallow all his tablets at once", ("crisis", "crisis")),
    ("i'm scared i will hurt myself tonight", ("crisis", "crisis")),
])
def test_a_worry_about_one_day_is_no_report_of_now(rules, text, expected):
    assert found(rules, text) == expected


def test_the_worry_reaches_only_a_few_words_and_not_past_a_new_statement(rules):
    far = "i'm scared he will one day be out in the garden on his own and have a stroke"
    assert (FEARED_GAP_WORDS, found(rules, far)) == (4, ("emergency", "stroke"))
    assert found(rules, "i'm scared he'll fall and now he is not breathing") == ("emergency", "breathing")


def test_the_words_of_a_worry_are_pack_data():
    fields = load_pack().safety["fields"]
    assert ("dread" in fields["fear_word"], "might" in fields["fear_will"], "{" in fields["fear_who"]) == (
        True, True, False)


# --- other people in the news; "if she has another stroke"; a sign's history -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("it was in the paper that a cyclist had a heart attack on the hill", ("none", None)),
    ("we heard on the radio about a child who swallowed a battery", ("none", None)),
    ("i read a story about a man who stopped breathing in his sleep", ("none", None)),
    ("on the news a singer collapsed on stage and now my wife has collapsed too", ("emergency", "collapse")),
    ("he fell against the tv stand and he's bleeding heavily", ("emergency", "head_injury")),
    ("she saw on the telly that a man hanged himself and she says she'd do the same", ("crisis", "crisis")),
])
def test_other_people_in_the_news(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("if he has another heart attack will he need a stent", ("none", None)),
    ("if mum gets a clot on the plane what would it feel like", ("none", None)),
    ("she has a bleeding history so we watch her gums", ("none", None)),
    ("if he has a fit now should i move the chair, he's fitting", ("emergency", "seizure")),
    ("is it a stroke if her mouth has gone droopy just now", ("emergency", "stroke")),
])
def test_an_event_that_might_come_after_if_and_a_history_named_after_the_sign(rules, text, expected):
    assert found(rules, text) == expected


# --- an accident's hurt; "when i'm not here" -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("grandad tripped over the cat and hurt himself", ("none", None)),
    ("she overdoes it in the garden and hurts herself every spring", ("none", None)),
    ("he keeps saying he wants to hurt himself", ("crisis", "crisis")),
    ("he fell out with his dad and hurt himself on purpose", ("crisis", "crisis")),
    ("she fell and hurt herself and now she is out cold", ("emergency", "collapse")),
])
def test_hurt_in_an_accident_is_no_self_harm(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("he watches the racing when i'm not here", ("none", None)),
    ("the dog barks when i'm not around", ("none", None)),
    ("he says they'll all be happier when he's not here any more", ("crisis", "crisis")),
    ("she keeps telling me what to do with her jewellery when she's not here", ("crisis", "crisis")),
])
def test_a_bare_when_im_not_here_never_counts_alone(rules, text, expected):
    assert found(rules, text) == expected


# --- history carried to a past-tense clause of the same concept ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("she had an allergic reaction to nuts as a little girl, her tongue swelled up", ("none", None)),
    ("he had a stroke back in 2012, his mouth drooped for months", ("none", None)),
    ("he had a stroke back in 2012, his mouth has drooped this morning", ("emergency", "stroke")),
    ("she had a stroke years ago, her mouth has drooped", ("emergency", "stroke")),
    ("he had a stroke in 2012, he collapsed in the hall", ("emergency", "collapse")),
])
def test_a_past_tense_clause_after_a_history_of_the_same_concept(rules, text, expected):
    assert found(rules, text) == expected


# --- a collapse in fragments; eyes open with nobody there; a migraine in a second; the same pain ---------------------

@pytest.mark.parametrize("text, expected", [
    ("grandma is lying at the bottom of the stairs, not moving", ("emergency", "collapse")),
    ("he's slumped over the table, not answering", ("emergency", "collapse")),
    ("her eyes are wide open but there's no one there", ("emergency", "collapse")),
    ("she's resting in bed, not talking much today", ("none", None)),
    ("he's lying on the sofa, not moving much, watching the snooker", ("none", None)),
])
def test_a_collapse_told_in_fragments(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("could it be a migraine, it came on within seconds", ("emergency", "headache")),
    ("do migraines come on in seconds", ("none", None)),
    ("he had a heart attack last year and now he has the same heavy feeling", ("emergency", "chest_pain")),
    ("she had a heart attack in 2018 and has the same pain as usual in her hip", ("none", None)),
])
def test_a_migraine_in_a_second_and_the_same_pain_again(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("she stood up by herself, i almost passed out with shock", ("none", None)),
    ("i nearly fainted and my chest is still pounding", ("emergency", "collapse")),
])
def test_the_speakers_own_near_faint(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("if any tightness in her chest comes on while she walks, sit her down", ("none", None)),
    ("if the numbness in his hand starts again, what then", ("none", None)),
    ("if the tightness in his chest gets worse should i ring someone", ("emergency", "chest_pain")),
    ("grandad is out cold in his chair after his dinner, snoring", ("none", None)),
    ("he's out cold at the bottom of the stairs", ("emergency", "collapse")),
])
def test_an_instruction_for_a_sign_that_may_come_and_out_cold_asleep(rules, text, expected):
    assert found(rules, text) == expected


# --- the session's own batch ---------------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (170, 42)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # another patient in a ward, in the past ("kept having"): no frame for it (a ward is also where one reports now)
    "the lady in the next bed kept having seizures",
    # a breathing exercise read by the net (0.91); other wordings of it are not
    "breathe in through the nose and out through the mouth",
    # a sign of weakness told as a habit with its reason in the next clause
    "he keeps dropping things, that's why we're doing the grip exercises",
    # flagged, but as an emergency (a goodbye text and no answer since: collapse, as in the twenty-fifth batch)
    "she texted me that she's sorry for everything and loves us all, and now she won't answer",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS
