"""Twenty-fourth session: a negation stops at the start of a new run-on statement, a calm frame beside crisis talk,
text-speak and possessives typed without the apostrophe, a way out planned and how one is going to go, gone by a time
to come, a clause that starts "can not" is no question, whether something gives one a condition, bleeding "heavy"
that nothing stops, a span's tablets taken at once, and the session's own batch (tests/nlu/safety_batches_24.txt).
Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_text import normalise

BATCH = Path(__file__).resolve().parent / "safety_batches_24.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


def test_the_context_rules_moved_to_their_own_module():
    import voice_guide.nlu.safety_text as text_module

    assert ContextRules.__module__ == "voice_guide.nlu.safety_context"
    assert not hasattr(text_module, "ContextRules")
    assert normalise("she's not breathing!") == "she is not breathing |"


# --- a negation stops at a new run-on statement ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("she is not awake i can not wake her up", ("emergency", "collapse")),
    ("he wasnt talking right he cant breathe", ("emergency", "breathing")),
    ("i do not think he is choking", ("none", None)),
    ("she is not choking she is just coughing", ("none", None)),
    ("he did not bang his head he only sat down hard", ("none", None)),
])
def test_a_negation_stops_at_a_new_statement(rules, text, expected):
    assert found(rules, text) == expected


# --- a calm frame beside crisis talk ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("she's comfy now but she told me she wants to be gone", ("crisis", "crisis")),
    ("he is in a lovely mood though he keeps saying he wants to not be here any more", ("crisis", "crisis")),
    ("she's comfy now but she told me she wants a cup of tea", ("none", None)),
    ("he is in a lovely mood and he wants to be gone by ten so we can start", ("none", None)),
    ("she's happy, she says she's ready to go", ("none", None)),  # a frame of a comma: a carer's word, as before
    ("he is settled, he says he has had enough", ("none", None)),
])
def test_a_calm_frame_does_not_hide_crisis_talk(rules, text, expected):
    assert found(rules, text) == expected


# --- text-speak and possessives without the apostrophe -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("going to end it 2night", ("crisis", "crisis")),
    ("i might unalive myself", ("crisis", "crisis")),
    ("i cant cope no more", ("crisis", "crisis")),
    ("see you 2moro for the leg lifts", ("none", None)),
    ("can not find the remote any1 seen it", ("none", None)),
])
def test_text_speak(rules, text, expected):
    assert found(rules, text) == expected


# --- a way out, how one is going to go, gone by a time to come ----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("my dad has his way out all planned", ("crisis", "crisis")),
    ("she says she has chosen how she is going to go", ("crisis", "crisis")),
    ("he is weirdly cheerful and says he will be gone before easter", ("crisis", "crisis")),
    ("he says he will put a bullet in his head if they take his legs", ("crisis", "crisis")),
    ("she is suddenly really content and has been giving people her jewellery", ("crisis", "crisis")),
    ("we found a way out of the shopping centre at last", ("none", None)),
    ("he knows how he is going to get to the clinic", ("none", None)),
    ("the swelling will be gone by the weekend", ("none", None)),
    ("she is happy for the first time in years since she moved", ("none", None)),
])
def test_plans_and_departures(rules, text, expected):
    assert found(rules, text) == expected


# --- a clause that starts "can not" is a statement; whether something gives one a condition ----------------------

@pytest.mark.parametrize("text, expected", [
    ("cant take it no more im going to end it tonight", ("crisis", "crisis")),
    ("does not chest pain mean a heart attack", ("none", None)),
    ("can lying in bed for weeks give you a clot", ("none", None)),
    ("can a long flight give someone a dvt", ("none", None)),
])
def test_questions_and_statements(rules, text, expected):
    assert found(rules, text) == expected


# --- bleeding that nothing stops, a span's tablets at once --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("his shin is bleeding heavy", ("emergency", "bleeding")),
    ("the cut keeps bleeding and nothing we try is helping", ("emergency", "bleeding")),
    ("she swallowed her whole fortnights tablets", ("emergency", "poisoning_overdose")),
    ("he took two weeks worth of his pills at once", ("emergency", "poisoning_overdose")),
    ("he took this weeks tablets round to his sister", ("none", None)),
    ("the blood test came back fine but nothing helps her aching legs", ("none", None)),
])
def test_bleeding_and_overdose(rules, text, expected):
    assert found(rules, text) == expected


# --- the session's own batch ---------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (164, 37)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # single crisis signs the rules leave to the net (a contingency, a fault none of anyone's, bank details handed over
    # "just in case"; the hose in the garage is read since the twenty-eighth session's sign of a hose bought for the car)
    "if anything happens to me tonight the dog needs feeding at seven",
    "i want you to know it isnt anyones fault when im gone",
    "hes giving me his bank details and passwords just in case he says",
    # the net's crisis 0.75 on a long sentence (learned.crisis_long_at 0.7; no refit this round)
    "i wrote a letter to my sister about mums care plan",
    # as on the start code (second part): a hose on an exhaust is a crisis phrase; "bleeding ... through" the plaster
    # has no softener; "not moving" before "i can not get her to respond" is not cut (a word in -ing)
    "the mechanic said the hose on the exhaust was loose",
    "her wound is bleeding a tiny bit through the plaster",
    "shes not moving i cant get her to respond",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS
