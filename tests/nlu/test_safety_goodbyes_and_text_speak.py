"""Goodbyes passed on, not being a problem to anyone, session talk for the net, a negation stopping at a new
run-on statement, a calm frame beside crisis talk, text-speak and possessives without the apostrophe, a way
out planned; each both ways in phrases written for these tests (not from any set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_text import normalise

# ----------------------------------------------------------------------------------------------------
# Twenty-third session: goodbyes passed on and not being a problem to anyone (crisis signs), wanting to finish
# and
# exercise sets or the app named (session talk for the net), a question whose case is one person's body changing
# now,
# another person's medicines given, the lot swallowed "and be done with it", a "no" inside a phrase, a run-on
# "she is
# fine", breathless at rest, a clause that is only a comparison, and the session's own batch
# (tests/nlu/safety_batches_23.txt). Each rule is tried both ways in phrases written for these tests (not from
# any
# set, and not the batch's lines).
# ----------------------------------------------------------------------------------------------------


BATCH = Path(__file__).resolve().parent / "safety_batches_23.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


# --- crisis signs: a goodbye passed on, none of it their fault, no problem to anyone -------------------------

@pytest.mark.parametrize("text", [
    "tell the kids their dad loved them very much and none of this is their fault",
    "please tell my sister i love her, none of it was her fault",
    "i will not be a burden to anyone any more",
    "she says she won't be a problem for the family any more",
])
def test_a_goodbye_passed_on_and_no_burden_to_come_are_crisis(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "tell my wife i love her",
    "can you tell my grandson i love him when he rings",
    "it is not your fault the app keeps crashing",
    "don't worry i won't be a problem for anyone, i'll sit quietly in the corner",
])
def test_their_near_misses_are_no_crisis(rules, text):
    assert found(rules, text) == ("none", None)


# --- session talk: the net needs learned.session_talk_at -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("i want to finish now", "none"),
    ("ok we would like to stop here for today", "none"),
    ("he went all out on the final set", "none"),
    ("so fed up with this stupid app", "none"),
    ("the speaker keeps cutting out", "none"),
    ("i want it all to finish now", "crisis"),  # no session talk: the net's 0.9 stands
])
def test_session_talk_raises_the_nets_crisis_bar(bare, text, expected):
    bare.net = fixed_net(crisis=0.9)
    assert found(bare, text)[0] == expected


# --- a question whose case is one person's body changing now ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("is it a stroke if his arm has just gone floppy", ("emergency", "stroke")),
    ("could it be a stroke if his mouth has suddenly drooped", ("emergency", "stroke")),
    ("could it be a heart attack if his chest is hurting and he is sweating", ("emergency", "chest_pain")),
    ("is it normal that she is gasping like that", ("emergency", "breathing")),
    # no one in the case, a simple present, a past case: questions
    ("is it a stroke if someone's arm goes floppy", ("none", None)),
    ("would it be a stroke if his arm went floppy", ("none", None)),
    ("would it be a heart attack if her chest hurt after a big meal", ("none", None)),
    ("is it normal that she is sleeping more since the stroke", ("none", None)),
])
def test_a_question_about_a_change_now_is_a_report(rules, text, expected):
    assert found(rules, text) == expected


# --- another person's medicines; the lot "and be done with it" ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the night nurse gave mum another resident's tablets", ("emergency", "poisoning_overdose")),
    ("the chemist gave us the wrong box", ("none", None)),
    ("i gave my dad someone else's reading glasses", ("none", None)),
    ("he keeps saying he'll down the lot and be done with it", ("crisis", "crisis")),
    ("i'll take the lot to the tip and be done with it", ("none", None)),
    ("i will take them all back to the pharmacy, i have had enough of these tablets", ("none", None)),
])
def test_medicines_given_and_the_lot_swallowed(rules, text, expected):
    assert found(rules, text) == expected


# --- "no" inside a phrase, a run-on "she is fine", breathless at rest, a comparison ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("a small rash on her wrist from the plaster no swelling", ("none", None)),
    ("hives where the strap was no swelling elsewhere", ("none", None)),
    ("he has a rash and his lips are swelling", ("emergency", "allergy")),
    ("he slipped off the bed he is fine", ("none", None)),
    ("she slid off her chair she is okay now", ("none", None)),
    ("mum is short of breath just sitting in her chair", ("emergency", "breathing")),
    ("grandad is out of breath just lying there", ("emergency", "breathing")),
    ("i was a bit out of breath lying down after the walk", ("none", None)),
    ("is it normal to be short of breath lying down", ("none", None)),
    ("does smoking weaken your muscles, like a slow poisoning", ("none", None)),
    ("his face has gone funny, like a stroke", ("emergency", "stroke")),
])
def test_context_of_now(rules, text, expected):
    assert found(rules, text) == expected


# --- a time after an everyday evening word; thinking about it beside another sign -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("we are having friends round for dinner tonight", "none"),
    ("i am off to bed early tonight", "none"),
    ("i have sorted everything out for tonight", "crisis"),  # a bare time told stays a sign beside the net
])
def test_a_time_after_an_evening_word_is_no_sign(bare, text, expected):
    bare.net = fixed_net(crisis=0.5)
    assert found(bare, text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("he keeps staring at the railway line and thinking about it", ("crisis", "crisis")),
    ("i keep thinking about it, the new kitchen would be lovely", ("none", None)),  # never alone
])
def test_thinking_about_it_beside_another_sign(rules, text, expected):
    assert found(rules, text) == expected


# --- the session's own batch ---------------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (157, 88)  # second part 40, third part 48
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS = {
    # crisis talk with an overdose phrase: the emergency reply with the crisis line, as designed since the thirteenth
    # session (scored as crisis recognised by eval_safety.py, a kind apart here); a plan's intent yielding the
    # overdose phrase to crisis was measured and not kept (tests/data/safety/README.md, Twenty-third round)
    "im going to take all my tablets at once when everyone is asleep",
    "i am planning to overdose this weekend",
    # a run-on denial the net reads as crisis at 0.96, above the bar of a negated phrase (0.95; no refit this round)
    "he has never wanted to die he loves life",
    # a denial with a reassurance after it: the tune45 refit's net reads crisis at 0.95, the bar of a negated phrase
    # (learned.negated_at); a known false alarm since the tune45 refit, 36f0e4e; the tune47 refit (399ece5): under the bar, no longer read
    # a message home said in a farewell's words ("tell my wife i love her") with an ordinary plan (home for tea): read
    # as crisis by the net since the tune37/tune38 refit, c6a9397; a known false alarm
    "tell my wife i love her and i will be home for tea",
    # a denial of self-harm with a reassurance: the tune51 refit's net (59f17f3) reads crisis at 0.95, the bar of a
    # negated phrase; read as no alarm before it
    "i am not going to hurt myself dont worry",
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch(rules_with_net):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS


# ----------------------------------------------------------------------------------------------------
# Twenty-fourth session: a negation stops at the start of a new run-on statement, a calm frame beside crisis
# talk,
# text-speak and possessives typed without the apostrophe, a way out planned and how one is going to go, gone by
# a time
# to come, a clause that starts "can not" is no question, whether something gives one a condition, bleeding
# "heavy"
# that nothing stops, a span's tablets taken at once, and the session's own batch
# (tests/nlu/safety_batches_24.txt).
# Each rule is tried both ways in phrases written for these tests (not from any set, and not the batch's lines).
# ----------------------------------------------------------------------------------------------------


BATCH_TEXT_SPEAK = Path(__file__).resolve().parent / "safety_batches_24.txt"


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

def test_the_batch_is_well_formed_text_speak():
    first, later = read_batch(BATCH_TEXT_SPEAK, PART_MARK)
    assert (len(first), len(later)) == (164, 37)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS_TEXT_SPEAK = {
    # single crisis signs the rules leave to the net (a contingency, a fault none of anyone's, bank details handed over
    # "just in case"; the hose in the garage is read since the twenty-eighth session's sign of a hose bought for the car;
    # the bank details read since the tune61 refit (0148a4c), the net)
    "if anything happens to me tonight the dog needs feeding at seven",
    "i want you to know it isnt anyones fault when im gone",
    # the net's crisis 0.75 on a long sentence (learned.crisis_long_at 0.7; no refit this round)
    "i wrote a letter to my sister about mums care plan",
    # as on the start code (second part): a hose on an exhaust is a crisis phrase; "bleeding ... through" the plaster
    # has no softener; "not moving" before "i can not get her to respond" is not cut (a word in -ing)
    "the mechanic said the hose on the exhaust was loose",
    "her wound is bleeding a tiny bit through the plaster",
    "shes not moving i cant get her to respond",
    # (thirty-fourth session: the tune35 refit (1ae778e) took the net under the crisis-sign bar on the hosepipe bought
    # for the car, "hes bought a hosepipe and keeps sitting in the garage with the car"; read again since the tune49
    # refit, c8f524f: the net)
}
"""The batch lines read wrongly at the end of the session (the net on)."""


def test_the_batch_text_speak(rules_with_net):
    first, later = read_batch(BATCH_TEXT_SPEAK, PART_MARK)
    assert misread(rules_with_net, first + later) == KNOWN_GAPS_TEXT_SPEAK
