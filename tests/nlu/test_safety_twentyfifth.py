"""Twenty-fifth session: a bare time at a clause's end is a timed plan only beside a word of harm, death, leaving life or
a means (crisis_signs timing, ``with: {harm_word}``); a household poison being chewed or sucked now; a headache named
before as "this one" that hit like a hammer; "tonight's the night"; an everyday plan or wish as a calm remark (the
learned net needs learned.calm_remark_at there); the everyday kinds for the net's fit (measured, off as shipped); and
the session's own batch (tests/nlu/safety_batches_25.txt).
Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.content.pack import load_pack
from voice_guide.nlu.safety_text import clauses, normalise

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
    # a means put away "for later": one sign (a carer puts tablets out for later every day)
    "i've put the rope in the shed for later",
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
