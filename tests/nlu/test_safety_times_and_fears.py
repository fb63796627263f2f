"""A bare time as a timed plan only beside a word of harm, a household poison taken now, a worry about what
might happen one day, other people in the news, a sign's history named after it; each both ways in phrases
written for these tests (not from any set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.content.pack import load_pack
from voice_guide.nlu.safety_context import FEARED_GAP_WORDS
from voice_guide.nlu.safety_text import clauses, normalise

# ----------------------------------------------------------------------------------------------------
# Twenty-fifth session: a bare time at a clause's end is a timed plan only beside a word of harm, death, leaving
# life or
# a means (crisis_signs timing, ``with: {harm_word}``); a household poison being chewed or sucked now; a
# headache named
# before as "this one" that hit like a hammer; "tonight's the night"; an everyday plan or wish as a calm remark
# (the
# learned net needs learned.calm_remark_at there); the everyday kinds for the net's fit (measured, off as
# shipped); and
# the session's own batch (tests/nlu/safety_batches_25.txt).
# Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines).
# ----------------------------------------------------------------------------------------------------


BATCH = Path(__file__).resolve().parent / "safety_batches_25.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


def timing_phrases(rules, text: str) -> list[str]:
    """The cues of the timing family the rules find in ``text``."""
    parts = clauses(rules.context.strip_idioms(normalise(text)), run_on=True)
    return [h.phrase for h in rules.crisis_signs.hits(parts, rules.context) if h.family == "timing"]


# --- a bare time is a timed plan only beside a word of harm ----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("we want to take her to the garden centre tomorrow", []),
    ("he is off to his brother's tonight", []),
    ("she wants to try the new recipe this weekend", []),
    ("i have got the tablets ready for tonight", ["tonight"]),
    ("she told me she will be gone tomorrow", ["tomorrow"]),
    ("she wants to hurt herself tonight", ["tonight"]),
])
def test_a_bare_time_needs_a_word_of_harm_beside_it(rules, text, expected):
    assert timing_phrases(rules, text) == expected


def test_the_harm_words_are_pack_data_and_name_no_everyday_plan():
    fields = load_pack().safety["fields"]
    harm = fields["harm_word"]
    assert ("hosepipe" in harm, "go home" in harm, "{" in harm) == (True, False, False)


@pytest.mark.parametrize("text, expected", [
    ("tonight is the night i am going to do it", ("crisis", "crisis")),
    ("she wants to see her old school friends tonight", ("none", None)),
    ("my son is taking me out for a curry tomorrow", ("none", None)),
])
def test_plans_with_a_time_by_the_rules_alone(rules, text, expected):
    assert found(rules, text) == expected


# --- tune25:odd: a household poison chewed now, a headache that hit like a hammer -------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("my granddaughter is sucking a washing capsule", ("emergency", "poisoning_overdose")),
    ("the baby is chewing on a button battery", ("emergency", "poisoning_overdose")),
    ("the puppy is chewing his slipper", ("none", None)),
    ("she is chewing her food very slowly", ("none", None)),
    ("he keeps licking his lips", ("none", None)),
])
def test_a_household_poison_chewed_now(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("she gets migraines but this one came on in a second, like a bomb", ("emergency", "headache")),
    ("his usual headaches build slowly, this one struck him like lightning", ("emergency", "headache")),
    ("this one hit me like a hammer, what a goal", ("none", None)),
    ("her headaches are bad but this one came on slowly over the day", ("none", None)),
])
def test_a_headache_named_as_this_one(rules, text, expected):
    assert found(rules, text) == expected


# --- tonight's the night; an everyday plan as a calm remark ----------------------------------------------------------

def test_tonights_the_night_is_tonight_is_the_night():
    assert [normalise(t) for t in ("tonights the night", "today's the day he goes", "tonight's tea is fish")] == [
        "tonight is the night", "today is the day he goes", "tonight tea is fish"]


@pytest.mark.parametrize("text, expected", [
    ("we would like to take her to the coast at the weekend", True),
    ("he said he wants to visit his old workmates next week", True),
    ("i am going to do her hand stretches after lunch", True),
    ("she wants to go to the canal on her own", False),
    ("he wants to visit his wife's grave and join her", False),
    ("i want to go home because i can not breathe", False),
    ("i want to take all my tablets tonight", False),
])
def test_an_everyday_plan_is_a_calm_remark(rules, text, expected):
    assert rules.calm_remark(text) is expected


# --- the learned net: everyday kinds (measured, off as shipped) ------------------------------------------------------

def test_the_everyday_kinds_are_built_from_pack_data():
    learned = load_pack().safety["learned"]
    kinds, contrast = learned["everyday_kinds"], learned["contrast_kinds"]
    assert (sorted(kinds), sorted(contrast)) == (["moods", "plans", "visits"], ["wishes_of_harm"])
    assert all({"openers", "what", "when"} <= set(kind) for kind in (*kinds.values(), *contrast.values()))
    harmless = {w for kind in kinds.values() for w in kind["what"]}
    assert {"go to sleep", "go away", "do it", "die"} & harmless == set()


@pytest.mark.parametrize("text, expected", [
    ("my sister wants to take dad to the bowls club on saturday", ("none", None)),
    ("we're hoping to get her into the garden after lunch", ("none", None)),
    ("he's fed up with the rain and the telly", ("none", None)),
    ("my husband says he wants to die this weekend", ("crisis", "crisis")),
    ("she just wants to never wake up tomorrow", ("crisis", "crisis")),
])
def test_the_net_reads_plans_as_plans_and_wishes_of_harm_as_crisis(rules_with_net, text, expected):
    assert found(rules_with_net, text) == expected


# --- the session's own batch ---------------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (152, 17)
    assert {kind for kind, _, _ in first} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # near misses the net still reads as crisis: sleep is left out of the plans on purpose, a second clause beyond reach
    "i just want to sleep tonight, it's been a long day",
    "i want to ring my son tonight and tell him how she is",
    "my plan for tonight is a takeaway and a film",  # second part: a plan said as a noun, no wish
    "he's going out with his mates tonight",  # the net's crisis since the tune57 refit (a0c1a3b), 0.71
    # (thirty-second session: "i've put the rope in the shed for later", a means put away for later, is crisis since the
    # tune33 refit, 2e7b616: the net with the means sign)
    # flagged, but as an emergency (an overdose planned: the emergency reply with the crisis line, as designed since
    # the thirteenth session; a goodbye text and no answer since: collapse)
    "he told me quite calmly that he's going to take all his pills tonight",
    "my brother texted me saying sorry and that he loves us and now he won't answer",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS


@pytest.mark.parametrize("text, kind", [
    ("she is sitting on the edge of the bed", "NONE"),
    ("he's sat on the edge of his chair for the arm exercises", "NONE"),
    ("sitting on the edge of the bath now", "NONE"),
    ("my son is standing on the edge of the bridge", "CRISIS"),
    ("she's sat on the edge of the roof", "CRISIS"),
])
def test_the_edge_of_a_bed_or_chair_is_no_crisis_sign_the_edge_of_a_bridge_is(rules, text, kind):
    assert rules.assess(text).kind.name == kind


@pytest.mark.parametrize("text, kind", [
    ("hang on, mum's saying something", "NONE"),
    ("hold on, mum wants to say something", "NONE"),
    ("wait a sec dad is asking me something", "NONE"),
    ("hang on, he says he wants to die", "CRISIS"),
    ("hang on, she is saying goodbye to everyone", "CRISIS"),
    ("hold on she is not breathing", "EMERGENCY"),
])
def test_a_pause_to_listen_to_someone_in_the_room_is_a_calm_remark(rules_with_net, text, kind):
    assert rules_with_net.assess(text).kind.name == kind


# ----------------------------------------------------------------------------------------------------
# Twenty-sixth session: a worry about what might happen one day (``context.feared``), other people in the news
# (``context.news``, never for crisis talk), "if she has another stroke", a sign's history named after it, an
# accident's
# "and hurt himself", history carried to a past-tense clause of the same concept, a bare "when i'm not here"
# that never
# counts alone (``absent``), a collapse told in fragments after a comma, eyes open with nobody there, a migraine
# that
# came on in a second, the same pain as a heart attack, the speaker's own near faint; and the session's own
# batch
# (tests/nlu/safety_batches_26.txt). Each rule is tried both ways in phrases written for these tests (not from
# any set,
# and not the batch's lines).
# ----------------------------------------------------------------------------------------------------


BATCH_FEARED = Path(__file__).resolve().parent / "safety_batches_26.txt"


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

def test_the_batch_is_well_formed_feared():
    first, later = read_batch(BATCH_FEARED, PART_MARK)
    assert (len(first), len(later)) == (170, 42)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS_FEARED = {
    # another patient in a ward, in the past ("kept having"): no frame for it (a ward is also where one reports now)
    "the lady in the next bed kept having seizures",
    # a breathing exercise read by the net (0.91); other wordings of it are not
    "breathe in through the nose and out through the mouth",
    # a sign of weakness told as a habit with its reason in the next clause
    "he keeps dropping things, that's why we're doing the grip exercises",
    # flagged, but as an emergency (a goodbye text and no answer since: collapse, as in the twenty-fifth batch)
    "she texted me that she's sorry for everything and loves us all, and now she won't answer",
    # thirty-fourth session: the tune35 refit (1ae778e) gives a carer's fear that she will collapse one day when no one
    # is there the net's crisis 0.71 (learned.crisis_long_at 0.7; 0.75 costs 5 held-out crisis lines: kept)
    "i'm so scared that one day she'll just collapse and i won't be there",
    # thirty-fifth session, the merge review: a worry's lookahead now sees the phrase, so an overdose feared is no worry
    # ("my fear is that i will overdose" is an emergency again); this crisis line gets the emergency reply (overdose)
    # instead of the crisis reply: flagged, the kind wrong
    "he's worried he'll take all his tablets one night, he says the thought won't go away",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch_feared(rules_with_net):
    first, later = read_batch(BATCH_FEARED, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS_FEARED
