"""Twenty-first session: crisis signs of everyday words (the means laid out or held, self-harm back again, no fight
left, letting go, hoping to be hit, a car inside a garage, a note on who takes the pet, a drop one would step off),
emergencies read in a transcript (stiff and shaking, a weekly drug taken daily, "since he got up", a pulse, gulps now
and then, immobility for weeks), the two known false alarms of control talk, and the session's own batch
(tests/nlu/safety_batches_21.txt). Each rule is tried both ways in phrases written for these tests (not from any
set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety_clauses import run_on_statements
from voice_guide.nlu.safety_text import normalise

ROOT = Path(__file__).resolve().parent.parent.parent
BATCH = ROOT / "tests" / "nlu" / "safety_batches_21.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


@pytest.mark.parametrize("text, expected", [
    ("slow down, i'm trying to take notes", ("none", None)),
    ("hang on, i am trying to take a photo of the sheet", ("none", None)),
    ("i think he's had enough, end it", ("none", None)),
    # the same words about oneself, or of a life, stay crisis talk
    ("i've had enough, end it", ("crisis", "crisis")),
    ("she tried to take her own life in the spring and she is talking like that again", ("crisis", "crisis")),
])
def test_the_known_false_alarms_of_control_talk(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("slow down, i'm writing it all down", True),
    ("i think mum has had enough now, stop there", True),
    ("i want to write my will and then end it", False),
])
def test_notes_and_a_tired_person_are_session_talk(rules, text, expected):
    """Talk about the session: the net then needs ``learned.session_talk_at`` (its crisis 0.86 and 0.85 before)."""
    assert rules.session_cue(text) is expected


@pytest.mark.parametrize("text, family", [
    ("he has his sleeping tablets all laid out on the duvet", "means"),
    ("she's been sitting with the razor for ages", "means"),
    ("he said he would jump off the viaduct if it came to it", "means"),
    ("my niece has started cutting again", "self_harm_traces"),
    ("she says there's no fight left in her", "tired_of_life"),
    ("he says he's ready to let go", "resolve"),
    ("i keep cycling through red lights hoping something happens", "passive_wish"),
    ("some nights i hope a lorry hits me", "passive_wish_strong"),
    ("she sits in her car in the garage most evenings", "place"),
    ("he wrote a note saying who should look after the dog", "handover"),
])
def test_crisis_signs_of_the_round(rules, text, family):
    parts = [normalise(text)]
    assert family in {h.family for h in rules.crisis_signs.hits(parts, rules.context)}


@pytest.mark.parametrize("text", [
    "the nurse set out her tablets in the dosette box for the week",
    "hold the rope for her while she pulls",
    "he's started cutting the grass again",
    "i'm done fighting with the washing machine",
    "we are all hoping something happens with the housing list soon",
    "i hope she doesn't crash on the sofa before the stretches",
    "the car is in the garage for the winter",
    "she left a note saying who should take the kids to school on friday",
    "we used to jump off the harbour wall in summer",
    "i'm going to let go of her ankle now",
])
def test_their_near_misses_are_no_crisis(rules, text):
    assert found(rules, text)[0] != "crisis"


@pytest.mark.parametrize("text, needs", [
    ("he has his sleeping tablets all laid out on the duvet", 0.4),
    ("i keep cycling through red lights hoping something happens", 0.4),
    ("i'm through fighting", None),
    ("some nights i hope a lorry hits me", None),
])
def test_a_weak_sign_needs_the_net_a_strong_one_does_not(bare, text, needs):
    """A weak sign: crisis beside the net's doubt (``learned.crisis_sign_at``, 0.4); a strong one or a lone one said by
    the speaker: crisis with a net that reads nothing."""
    bare.net = fixed_net(crisis=0.0)
    alone = found(bare, text)[0]
    bare.net = fixed_net(crisis=0.45)
    beside = found(bare, text)[0]
    assert (alone, beside) == (("none" if needs else "crisis"), "crisis")


@pytest.mark.parametrize("text, expected", [
    ("he's never had a seizure before and now he's stiff and shaking on the kitchen floor", ("emergency", "seizure")),
    ("my mum is lying shaking on the floor and won't answer", ("emergency", "seizure")),
    ("he's been on his weekly methotrexate every day since monday instead of once a week",
     ("emergency", "poisoning_overdose")),
    # (gibberish is a stroke sign too, and the stroke concept comes first: the same emergency reply)
    ("she's been talking gibberish since she got up and she's burning up", ("emergency", "stroke")),
    ("the gash on his arm spurts every time his heart beats and it's everywhere", ("emergency", "bleeding")),
    ("shes not breathing right just gulps every now and then", ("emergency", "breathing")),
    ("her thigh is swollen red and hot and she has been laid up for weeks", ("emergency", "blood_clot")),
    ("quick her smiles gone crooked and she cant lift her arm", ("emergency", "stroke")),
])
def test_emergencies_of_the_round(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "he has a seizure every time he forgets his tablets, the neurologist knows",
    "she takes her methotrexate once a week on a sunday",
    "he had a stroke in 2019 and his leg has been swollen for weeks",
    "um what is a pulmonary embolism exactly",
    "im dying to hear how the story ends",
    "i just want the ache in my hip to go away",
])
def test_their_near_misses_are_no_alarm(rules, text):
    assert rules.assess(text).is_red_flag is False


def test_an_emergency_told_as_history_beside_well_now_raises_the_nets_bars(bare):
    bare.net = fixed_net(emergency=0.85)
    assert (found(bare, "he had a fit years ago and he's been really well ever since"),
            found(bare, "he had a fit years ago and he is grey now")) == (("none", None), ("confirm_emergency", None))


@pytest.mark.parametrize("text, expected", [
    ("shes never seen me before", "she has never seen me before"),
    ("hes just been sick", "he has just been sick"),
    ("shes not breathing", "she is not breathing"),
])
def test_a_bare_contraction_before_an_adverb_and_a_participle(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("clause, expected", [
    ("what is the use nothing is ever going to get better and i am so tired",
     ["what is the use", "nothing is ever going to get better and i am so tired"]),
    # not after a word that takes an object or a clause
    ("he told me nothing is wrong with him", ["he told me nothing is wrong with him"]),
])
def test_run_on_statements_before_an_indefinite_subject(clause, expected):
    assert run_on_statements(clause) == expected


# --- the session's own batch ---------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (158, 30)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # a weak sign of the means (set out in rows) said of someone else; the net reads none (0.70)
    "he's got all his tablets set out in rows on the bedside table",
    # flagged as an emergency with the crisis line (no answer: collapse; in a car in a garage it may be fumes)
    "she's sat in the car in the garage and she won't answer me",
    # (the tune28 rebuild of the net, ea2da72, read an exercise's "let go" as crisis, 0.71 on a long message; the tune30
    # rebuild, 57e6217, reads it right again: 0.698 under learned.crisis_long_at 0.7, moved before any rule of session 29)
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS
