"""Twenty-fifth session: a bare time at a clause's end is a timed plan only beside a word of harm, death, leaving life or
a means (crisis_signs timing, ``with: {harm_word}``); a household poison being chewed or sucked now; a headache named
before as "this one" that hit like a hammer; everyday plans, visits and moods as class none for the learned net, with
their minimal pairs of wishes of harm as crisis; and the session's own batch (tests/nlu/safety_batches_25.txt).
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


# --- the learned net: everyday kinds and their minimal pairs ----------------------------------------------------------

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
    assert (len(first), len(later)) == (152, 0)
    assert {kind for kind, _, _ in first} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS: set[str] = set()
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS
