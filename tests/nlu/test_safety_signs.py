"""Session 5: indirect crisis talk as warning-sign families that count together
(voice_guide/nlu/safety_signs.py), weak signs that count alone only as a whole message, and
the context mechanisms found with tune5's odd ids. All phrases are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.content.pack import load_pack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_signs import CrisisSigns, SignHit
from voice_guide.nlu.safety_text import PatternCompiler, normalise


@pytest.mark.parametrize("text", [
    # two different families in one message
    "she is handing out her rings to the grandchildren and phoning people to say goodbye",  # affairs + goodbye
    "grandad keeps saying he's a nuisance and we'd cope better without him",  # burden + others better off
    "she's been really low and she was reading up on overdoses",  # low mood + means
    "my uncle says he's worthless and hates himself",  # worthless, twice: one family, but alone and reported
    "he wrote out his will last night at 35 and keeps saying sorry",  # affairs + apology
    # one weak sign that is the whole message, in the speaker's or reported words
    "i can't see how things will ever get any better",
    "nobody would miss me",
    "my nan keeps saying she has lived too long",
    "i don't care what happens to me any more",
    # strong signs
    "he's been stockpiling his tramadol",
    "she's been buying paracetamol in different chemists",
    "this is goodbye",
    "i can't be bothered living anymore",
])
def test_indirect_crisis_talk(rules: SafetyRules, text: str) -> None:
    assert rules.is_crisis(text)
    assert rules.assess(text).is_red_flag


@pytest.mark.parametrize("text", [
    # one sign in ordinary talk stays ordinary
    "what's the point of the wrist stretches",
    "i'm tired of all these appointments",
    "she keeps saying sorry for being slow with the stretches",
    "he gave his tools away to the men's shed when he moved",
    "he sold his car because his eyes are bad, he's really low about it",
    "dad keeps saying sorry for being a nuisance when i help him dress",
    "we'd manage fine without the hoist, she can stand now",
    "she's ready to go to the day centre",
    "i'm useless at remembering the order of the stretches",
    "i bought a mattress and it's useless",
    "goodbye everyone, see you next week at the group",
    "how much ibuprofen is too much for a bad back",
    "she's calm and peaceful after the exercises",
    "i have a rope for the resistance exercises, is that okay",
    "she says she's going to do the exercises tonight",
    "i want the pain to stop",  # a pain report, never crisis alone
])
def test_one_sign_in_ordinary_talk(rules: SafetyRules, text: str) -> None:
    assert not rules.assess(text).is_red_flag


@pytest.mark.parametrize("text", [
    # the phrasings left unflagged in session 4, with the rule chosen: ask rather than miss
    "i have a rope",
    "i have the pills in my hand",
    "goodbye everyone, this is the end",
    "he says he's going to do it tonight",
    "is it normal to want to drive into a wall",  # a question that discloses a feeling
])
def test_ambiguous_means_and_plans_said_alone(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize(("text", "concept"), [
    ("is it a heart attack if my chest is crushing", "chest_pain"),  # "if" names a body now
    ("my mum's shaking all over and her eyes have gone back in her head", "seizure"),  # not "back in 1990"
    ("she never gets headaches and this one came on in seconds", "headache"),  # a usual state denied
    ("he's been bedbound since the stroke and his calf is swollen and purple", "blood_clot"),  # "since": a lasting state
    ("my wife is on the floor and she's too heavy for me to lift", "head_injury"),
    ("grandad just asked me who i was", "confusion"),
])
def test_context_mechanisms_that_keep_a_report(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "my head is splitting from all this form filling",  # an ordinary cause named
    "i've had a splitting headache all week from my sinuses",
    "this heat is unbearable, i can't take it anymore",  # a nuisance complained about
    "he had chest pains a fortnight ago and they did an ecg",
    "she had a stroke back in 2015 and is doing the arm exercises",
])
def test_complaints_and_histories_are_not_alarms(rules: SafetyRules, text: str) -> None:
    assert not rules.assess(text).is_red_flag


def test_a_negation_does_not_reach_past_because(rules: SafetyRules) -> None:
    assert found(rules, "he told me not to worry because soon it will all be over") == ("crisis", "crisis")
    assert normalise("theyd be fine") == "they would be fine"


def test_families_count_once_and_weights_add_up() -> None:
    compiler = PatternCompiler({})
    signs = CrisisSigns.from_data({"threshold": 2, "families": {
        "a": {"weight": 1, "patterns": ["alpha", "alef"]},
        "b": {"weight": 1, "alone": False, "patterns": ["beta"]},
        "c": {"weight": 2, "patterns": ["gamma"]},
    }}, compiler)
    context = SafetyRules(load_pack(None).safety, region="").context
    assert signs.crisis(["the alpha and the alef", "and so on"], context) is None  # one family, not alone
    assert signs.crisis(["the alpha", "a beta"], context) == SignHit("a", 1, "alpha", "the alpha", False)
    assert signs.crisis(["a beta", "then"], context) is None
    assert signs.crisis(["i said beta"], context) is None  # "b" never counts alone
    assert signs.crisis(["i said alpha"], context) == SignHit("a", 1, "alpha", "i said alpha", True)
    assert signs.crisis(["gamma"], context) == SignHit("c", 2, "gamma", "gamma", False)
    assert signs.crisis(["no gamma"], context) is None  # negated


@pytest.mark.parametrize(("text", "crisis"), [
    ("my niece keeps talking about jumping", True),
    ("she keeps talking about jumping the queue at the surgery", False),
    ("he told me this will be the last time we speak", True),
    ("this will be the last time we do the hip stretches before his op", False),
    ("i've been working out how to do it", True),
    ("i'm working out how to do it with one hand", False),
    ("my aunt keeps asking the lord to take her", True),
    ("she does not want to be a nuisance any more and has stopped eating", True),
    ("i don't want to be a nuisance but can you say that again", False),
])
def test_plans_and_their_ordinary_twins(rules: SafetyRules, text: str, crisis: bool) -> None:
    assert rules.is_crisis(text) is crisis


def test_a_field_may_name_another_field():
    # fiftieth session: {pop_cry} named {exercise_cry}, which stayed literal text, so a scream never counted beside it
    compiler = PatternCompiler({"cry": "scream\\w*|{pain}", "pain": "agony"})
    assert compiler.expand("{cry}") == "(?:scream\\w*|(?:agony))"
    assert compiler.compile("{cry}", "test").search("she is in agony")


def test_fields_that_name_each_other_in_a_loop_are_a_content_error():
    with pytest.raises(ContentError, match="loop"):
        PatternCompiler({"a": "x|{b}", "b": "y|{a}"})
