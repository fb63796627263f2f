"""Talk to the guide is no alarm while red flags still win in every state, in phrases written for these
tests (not from any set): talk about using the guide or its session raising the net's crisis bar, crisis and
emergency phrasings by mechanism, a carer saying the person is ready."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from safety_support import fixed_net

from voice_guide.core.errors import ContentError
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_learned import CLASSES, FeatureSettings, NetSettings, SafetyNet
from voice_guide.nlu.safety_signs import CrisisSigns, SignHit
from voice_guide.nlu.safety_text import PatternCompiler, normalise
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Eleventh session's safety mechanisms, with phrases written for these tests (not from any set):
# talk about using the guide or its session raises the net's crisis bar, crisis and emergency
# phrasings by mechanism (both sides), context rules for a treated break, a fright, "nothing like"
# and a usual state, the "X's on the floor" reading, and the session's own fresh batch in every
# dialogue state.
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_11.txt"

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def rules_session_talk(pack):
    """The shipped rules alone (no net)."""
    return SafetyRules(pack.safety)


def _constant_net(none: float, emergency: float, crisis: float) -> SafetyNet:
    """A net that gives these class probabilities to every text."""
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(none), math.log(emergency), math.log(crisis)]
    return SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))


def _with_net(pack, none: float, emergency: float, crisis: float) -> SafetyRules:
    r = SafetyRules(pack.safety)
    r.net = _constant_net(none, emergency, crisis)
    return r


# --- talk about using the guide or its session -------------------------------------------------

def test_the_session_talk_bar_is_read_and_checked(pack):
    assert SafetyRules(pack.safety).net_settings.session_talk_at == 0.96  # (0.9 until the sixteenth session, 0.95 until the thirty-third)
    base = {"model": "m.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8}
    assert NetSettings.from_data(base).session_talk_at is None
    for bad in (0, 1.5, "high", True):
        with pytest.raises(ContentError):
            NetSettings.from_data({**base, "session_talk_at": bad})


@pytest.mark.parametrize("text", [
    "honestly no clue what i'm supposed to ask it",
    "what do i say to you to get the leg ones",
    "that'll do, let's carry on after lunch",
    "we can pick this back up tomorrow morning",
])
def test_session_talk_needs_the_higher_bar(pack, text):
    assert pack and SafetyRules(pack.safety).session_cue(text)
    assert _with_net(pack, 0.06, 0.02, 0.92).assess(text).kind is FindingKind.NONE  # (bar 0.95 from the sixteenth session)
    assert _with_net(pack, 0.01, 0.02, 0.97).assess(text).kind is FindingKind.CRISIS  # a bar, not a silence


@pytest.mark.parametrize("text", [
    "i can't see the point of anything any more",  # no session talk: the usual bar
    "i will finish it tomorrow",  # one person's plan, and "finish it": not session talk
    "we can not carry on tomorrow like this",
])
def test_other_talk_keeps_the_usual_crisis_bar(pack, text):
    assert not SafetyRules(pack.safety).session_cue(text)
    assert _with_net(pack, 0.13, 0.02, 0.85).assess(text).kind is FindingKind.CRISIS


def test_a_weak_sign_does_not_lower_the_bar_in_session_talk(pack):
    # "tomorrow" is a timing sign (never alone); with the net at 0.5 it gives crisis outside session talk (twenty-fifth
    # session: only beside a word of harm, death, leaving life or a means, so "i will see you all tomorrow" no longer)
    assert _with_net(pack, 0.48, 0.02, 0.5).assess("i will have the tablets ready tomorrow").kind is FindingKind.CRISIS
    assert _with_net(pack, 0.48, 0.02, 0.5).assess("i will see you all tomorrow").kind is FindingKind.NONE
    assert _with_net(pack, 0.48, 0.02, 0.5).assess("fine, we will carry on tomorrow").kind is FindingKind.NONE


def test_a_rule_finding_stands_in_session_talk(pack):
    got = _with_net(pack, 0.98, 0.01, 0.01).assess("i don't know what to say to you any more, i want to die")
    assert got.kind is FindingKind.CRISIS


# --- crisis phrasings, both sides ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the night staff wrote that he voiced thoughts of ending his life",
    "resident expressed a wish to die during the evening round",
    "she keeps saying she wishes the cancer had just taken her",
    "he wishes he had died in the crash",
    "i stood on the bridge and thought how easy it would be to just lean over",
    "she's going to take the lot tonight while he's at work",
    "i've been working out who should have my things",
    "he says he won't be around next week and it's frightening me",
    "part of me wants to wade into the ocean and never come back",
    "i'm so tired of waking up every morning",
    "he's made his mind up and says it'll all be over by friday",
])
def test_crisis_phrasings(rules_session_talk, text):
    assert rules_session_talk.assess(text).kind is FindingKind.CRISIS


@pytest.mark.parametrize("text", [
    "she expressed a wish to die at home rather than in hospital",
    "he mentioned plans to end it with his girlfriend",
    "i wish the bus had taken me home",
    "i wish the operation had fixed her knee",
    "at the station she showed me how easy it would be to step onto the train from the platform",
    "we'll take them all tonight when we go to the tip",
    "we sorted out who gets grandad's tools after the funeral last year",
    "i'm tired of waking up at six for the carers",
    "she's made her mind up about the move and the builders say it'll be over by the weekend",
])
def test_crisis_near_misses(rules_session_talk, text):
    assert not rules_session_talk.assess(text).is_red_flag


def test_means_in_the_hand_is_a_weak_sign_for_the_net(pack):
    text = "most evenings i sit with a packet of tablets in my hand and wonder"
    assert SafetyRules(pack.safety).crisis_sign_found(text)
    assert _with_net(pack, 0.5, 0.05, 0.45).assess(text).kind is FindingKind.CRISIS


# --- emergency phrasings, both sides ------------------------------------------------------------

@pytest.mark.parametrize(("text", "concept"), [
    ("only a small nosebleed, but it's been going for over an hour", "bleeding"),
    ("i've a horrid headache, out of nowhere, worse than anything i've ever had", "headache"),
    ("her head just went bang and now she can't see properly", "headache"),
    ("the pain hit like a thunderclap, right at the back of his head", "headache"),
    ("it's only the one calf, and it's hot and swollen", "blood_clot"),
    ("he's pushing his fist into his chest and says it's crushing", "chest_pain"),
    ("she had a heart attack last year and says this feels exactly the same", "chest_pain"),
    ("mum's on the floor and can't get herself up", "head_injury"),
    ("he's gone silent with his hands at his throat", "choking"),
    ("his poo is black and tarry and he's gone pale and dizzy", "bleeding"),
    ("is it normal for dad to suddenly not know where he is? he was fine this morning", "confusion"),
])
def test_emergency_phrasings(rules_session_talk, text, concept):
    got = rules_session_talk.assess(text)
    assert (got.kind, got.concept) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "she had a nosebleed last week, it stopped after ten minutes",
    "only one leg is stiff after the exercises",
    "he had a heart attack in 2019 and the walking feels the same as before",
    "she can't get herself up the stairs without help these days",
    "the news hit me like a bolt of lightning",
    "his poo is black since he started the iron tablets",
    "is it normal for older people to forget names",
])
def test_emergency_near_misses(rules_session_talk, text):
    assert not rules_session_talk.assess(text).is_red_flag


# --- context rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the film was so scary i thought i'd have a heart attack",
    "nothing like a heart attack, it's just indigestion from laughing",
    "her hand feels cold and floppy but that's how it always is",
    "he broke his wrist and since the cast came off it's so thin, why",
    "broke my ankle, and after the plaster came off the calf was tiny",
])
def test_context_near_misses(rules_session_talk, text):
    assert not rules_session_talk.assess(text).is_red_flag


@pytest.mark.parametrize("text", [
    "i thought i was having a heart attack and my chest is still crushing",
    "he fell and broke his wrist just now",
])
def test_context_leaves_reports_of_now(rules_session_talk, text):
    assert rules_session_talk.assess(text).kind is FindingKind.EMERGENCY


def test_a_name_with_s_before_a_state_is_is():
    assert normalise("dad's on the floor") == "dad is on the floor"
    assert normalise("mum's not breathing") == "mum is not breathing"
    assert normalise("dad's car is blue") == "dad car is blue"  # a possessive stays as it was


# --- the session's own fresh batch --------------------------------------------------------------

def _batch() -> list[tuple[str, str, str]]:
    out = []
    for raw in BATCH.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            kind, group, text = raw.split("|", 2)
            out.append((kind, group, text))
    return out


def test_the_batch_is_well_formed():
    rows = _batch()
    assert len(rows) >= 100
    assert {k for k, _, _ in rows} == {"emergency", "crisis", "near_miss"}
    assert sum(k == "crisis" for k, _, _ in rows) >= 25
    assert sum(g == "control_talk" for _, g, _ in rows) >= 15



@needs_model
def test_the_batch_as_the_guide_acts_in_every_state(understander):
    wrong = []
    for kind, _, text in _batch():
        for state in S:
            intent = understander.understand(text, state).intent
            flagged = intent in ("emergency", "crisis")
            if (kind == "near_miss") == (flagged or intent == "confirm_emergency"):
                wrong.append((kind, state.value, text, intent))
    # the tune62 refit (37c3c80): the net reads crisis talk (0.70) in a week one wishes over, in every state: a known
    # false alarm (no rule phrase is in it, so no figure of speech can raise the net's bar)
    assert wrong == [("near_miss", state.value, "i just want this week to be over", "crisis") for state in S]


# ----------------------------------------------------------------------------------------------------
# Sixteenth session, second part: talk to the guide is no alarm, while red flags still win in every state.
# Phrases written for these tests (not from any set): a carer saying the person is ready ("she says she's
# ready") is no going-away sign, while "keeps saying he's ready", "told me she's ready" and "ready to go" stay
# signs; "too much" said of an answer ("this is too much, make it shorter") is no pain, while "too much" beside
# a hurt stays pain; asking for the whole answer ("give me everything") is talk to the guide (the net needs
# ``learned.session_talk_at``); a bare "she doesn't want to carry on" stays crisis talk on purpose.
# ----------------------------------------------------------------------------------------------------


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
