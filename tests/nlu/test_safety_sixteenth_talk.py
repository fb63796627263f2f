"""Sixteenth session, second part: talk to the guide is no alarm, while red flags still win in every state.
Phrases written for these tests (not from any set): a carer saying the person is ready ("she says she's
ready") is no going-away sign, while "keeps saying he's ready", "told me she's ready" and "ready to go" stay
signs; "too much" said of an answer ("this is too much, make it shorter") is no pain, while "too much" beside
a hurt stays pain; asking for the whole answer ("give me everything") is talk to the guide (the net needs
``learned.session_talk_at``); a bare "she doesn't want to carry on" stays crisis talk on purpose."""

from __future__ import annotations

import pytest
from safety_support import fixed_net

from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.safety_signs import CrisisSigns, SignHit
from voice_guide.nlu.safety_text import PatternCompiler
from voice_guide.nlu.state import DialogueState as S

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")

ALARMS = ("emergency", "crisis", "confirm_emergency", "pain")
"""The intents that raise an alarm: the emergency and crisis replies, the confirmation question, a pain stop."""


# --- "ready": a carer's word, and the going-away sign ---------------------------------------------

@pytest.mark.parametrize("text", ["she says she's ready", "he says he is ready now", "mum said she's ready"])
def test_saying_someone_is_ready_is_no_crisis_sign(rules, text):
    assert not rules.crisis_sign_found(text)


@pytest.mark.parametrize("text", [
    "he keeps saying he's ready", "she told me she's ready", "my dad says he's ready to go",
])
def test_ready_said_again_or_told_or_to_go_stays_a_sign(rules, text):
    assert rules.crisis_sign_found(text)


def test_a_cue_beside_only_counts_beside_another_family_never_alone(rules):
    signs = CrisisSigns.from_data({"threshold": 2, "families": {
        "a": {"weight": 1, "patterns": ["alpha", {"pattern": "alef", "beside_only": True}]},
        "b": {"weight": 1, "patterns": ["beta"]},
    }}, PatternCompiler({}))
    assert signs.crisis(["i said alef"], rules.context) is None
    assert signs.crisis(["i said alpha"], rules.context) == SignHit("a", 1, "alpha", "i said alpha", True)
    assert signs.crisis(["the alef", "a beta"], rules.context) == SignHit("a", 1, "alef", "the alef", False, True)


@pytest.mark.parametrize("text", [
    "he sorted out his affairs and said he's ready",
    "she said her goodbyes to all of us and says she's ready",
    "my grandad says he's ready to go and he has been asking where the rope is",
    "she has written to each of us and told me she is ready to go, she has the pills out",
])
def test_ready_beside_another_sign_or_a_means_is_crisis(rules, text):
    assert rules.assess(text).kind is FindingKind.CRISIS


# --- "too much": of an answer, or of a limb ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "this is too much just summarise it",
    "that's too much, make it shorter",
    "too much, just give me the short version",
    "it's too much, can you sum it up",
    "that is too hard, just the gist please",
])
def test_too_much_of_an_answer_is_no_pain(rules, text):
    assert rules.assess(text).kind is FindingKind.NONE


@pytest.mark.parametrize("text", [
    "that's too much", "too far, stop", "it's too much, it hurts, make it shorter", "too much, she's wincing",
])
def test_too_much_of_a_limb_or_beside_a_hurt_stays_pain(rules, text):
    assert rules.assess(text).kind is FindingKind.PAIN


def test_answer_talk_cancels_only_the_phrases_of_amount(rules):
    hits = rules.hits("ow that hurts, too much, shorter answers please", (FindingKind.PAIN,))
    assert sorted((h.phrase, h.cancelled_by) for h in hits) == [
        ("ow", None), ("that hurts", None), ("too much", "answer_talk")]


# --- "give me everything": asking for the whole answer ---------------------------------------------

@pytest.mark.parametrize("text", ["give me everything", "just give me everything please", "tell me the whole thing"])
def test_asking_for_everything_is_session_talk_with_the_higher_bar(bare, text):
    assert bare.session_cue(text)
    bare.net = fixed_net(crisis=0.9)
    assert bare.assess(text).kind is FindingKind.NONE
    bare.net = fixed_net(crisis=0.97)
    assert bare.assess(text).kind is FindingKind.CRISIS  # a bar, not a silence


@pytest.mark.parametrize("text", ["i want to give everything away", "give me everything to end it", "i give up on everything"])
def test_everything_in_other_talk_is_no_session_talk(bare, text):
    assert not bare.session_cue(text)


# --- through the guide, in every state ----------------------------------------------------------------

@pytest.fixture(scope="module")
def understander():
    return Engine().understander


@needs_model
@pytest.mark.parametrize("state", list(S))
def test_talk_to_the_guide_raises_no_alarm_in_any_state(understander, state):
    for text in ("she says she's ready", "give me everything", "this is too much just summarise it",
                 "that's too much, just the short version"):
        assert understander.understand(text, state).intent not in ALARMS, text


@needs_model
@pytest.mark.parametrize("state", list(S))
def test_red_flags_still_win_in_every_state(understander, state):
    expected = {
        "she doesn't want to carry on": "crisis",  # kept on purpose: a refusal of the exercise or crisis talk
        "he keeps saying he's ready to go and he's put his affairs in order": "crisis",
        "give me everything, i can't go on any more": "crisis",
        "this is too much, he's not breathing": "emergency",
        "too much just summarise it, she's collapsed": "emergency",
    }
    assert {text: understander.understand(text, state).intent for text in expected} == expected
