"""Ninth session's safety mechanisms, with phrases written for these tests (not from any set):
an episode going on for minutes, reduced consciousness, speech that comes out as nonsense, the
BE FAST arm test told in order, very slow breathing and breathless speech, days of doses at once,
a companion sign that is denied, a later denial of the concept's signs as a doubt cue, an onset
word in a dated past statement, "and that is when", and the safety net fitted by the project
classifier's own ``fit_softmax``."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu import classifier
from voice_guide.nlu.classifier import TrainingSettings, fit_softmax
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.safety_learned import CLASSES, FeatureSettings, SafetyNet, probabilities

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def rules(pack) -> SafetyRules:
    """The shipped rules without the net (the rules' own reading)."""
    return SafetyRules(pack.safety)


def _rules_with_net(pack, none: float, emergency: float, crisis: float) -> SafetyRules:
    """The shipped rules over a net that gives these class probabilities to every text."""
    r = SafetyRules(pack.safety)
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(none), math.log(emergency), math.log(crisis)]
    r.net = SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))
    return r


def _kind_concept(rules: SafetyRules, text: str) -> tuple[FindingKind, str | None]:
    finding = rules.assess(text)
    return finding.kind, finding.concept


# --- new everyday wordings of emergencies (NHS when to call 999, AHA BE FAST) --------------------

@pytest.mark.parametrize(("text", "concept"), [
    ("he has been fitting on and off for seven minutes now", "seizure"),
    ("the resident is convulsing on the lounge floor", "seizure"),
    ("my wife is barely conscious and very pale", "collapse"),
    ("i can hardly keep grandad awake, his head keeps nodding", "collapse"),
    ("she tried to answer me and what came out was gibberish", "stroke"),
    ("i asked him to lift both arms and the right one sank straight back down", "stroke"),
    ("he only takes a breath about every twenty seconds", "breathing"),
    ("she can only manage a couple of words before she runs out of air", "breathing"),
    ("mum took three days worth of her heart tablets this afternoon", "poisoning_overdose"),
    ("blood is dripping onto the floor from the cut on his hand", "bleeding"),
])
def test_new_everyday_wordings_are_emergencies(rules, text, concept):
    assert _kind_concept(rules, text) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "i am barely awake after the night shift, can we do the stretches later",
    "the letter from the council came out all jumbled in the post",
    "hold both arms out in front of you, then let the right one come down slowly",
    "his legs are bigger than mine because he cycles every day",
    "we did the knee bends for about ten minutes and she enjoyed them",
])
def test_near_misses_of_the_new_wordings_stay_ordinary(rules, text):
    assert rules.assess(text).kind is not FindingKind.EMERGENCY


# --- context ----------------------------------------------------------------------------------

def test_an_onset_word_in_a_dated_past_statement_is_history(rules):
    text = "four years ago she passed out all of a sudden at the shops and the tests were clear"
    assert rules.assess(text) == SafetyFinding(FindingKind.NONE)
    assert "collapse" in rules.cancelled_concepts(text)


def test_an_onset_word_still_reports_now_beside_another_dated_statement(rules):
    text = "he suddenly can not catch his breath and he had a chest cold last month"
    assert _kind_concept(rules, text) == (FindingKind.EMERGENCY, "breathing")


def test_and_that_is_when_dates_what_followed_a_past_event(rules):
    text = "he broke his wrist in march 2021 and that is when his grip started to go"
    assert rules.assess(text) == SafetyFinding(FindingKind.NONE)
    assert _kind_concept(rules, "he has broken his wrist and that is when the screaming started") == (
        FindingKind.EMERGENCY, "head_injury")


def test_a_denied_companion_sign_does_not_make_a_with_pattern(rules):
    hits = rules.hits("he slipped on the path, he is not drowsy or confused and he is laughing")
    assert [h for h in hits if h.concept == "head_injury" and h.cancelled_by is None] == []
    assert _kind_concept(rules, "he slipped on the path and now he is very drowsy") == (FindingKind.EMERGENCY, "head_injury")


def test_a_companion_sign_after_another_negated_phrase_still_counts(rules):
    # the "not" of "does not make sense" is no denial of "since teatime"
    assert rules.is_emergency("grandad is rambling and does not make sense since teatime")


BUMP_DENIED = "he knocked his head on the shelf but he did not knock himself out, only a small graze"


def test_a_later_denial_of_the_concepts_signs_is_a_doubt_cue(rules):
    assert rules.denial_cue(BUMP_DENIED)
    assert not rules.denial_cue("he knocked his head on the shelf and he is not making sense")
    assert not rules.denial_cue("he did not knock himself out but he knocked his head on the shelf")  # denial before


def test_an_alarm_with_a_later_denial_is_asked_about_when_the_net_doubts_it(pack):
    finding = _rules_with_net(pack, 0.8, 0.18, 0.02).assess(BUMP_DENIED)
    assert (finding.kind, finding.concept) == (FindingKind.CONFIRM, "head_injury")
    assert _rules_with_net(pack, 0.7, 0.28, 0.02).assess(BUMP_DENIED).kind is FindingKind.EMERGENCY
    assert _rules_with_net(pack, 0.8, 0.18, 0.02).assess("he knocked his head on the shelf").kind is FindingKind.EMERGENCY


# --- the fit ------------------------------------------------------------------------------------

def test_the_old_private_name_of_the_fit_is_the_public_one():
    assert classifier._fit is fit_softmax


def test_the_safety_net_is_fitted_by_fit_softmax_in_its_own_layout():
    spec = importlib.util.spec_from_file_location("fit_safety_model", ROOT / "scripts" / "fit_safety_model.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fit_safety_model", script)
    spec.loader.exec_module(script)
    rng = np.random.default_rng(9)
    labels = np.asarray([0, 1, 2] * 20)
    rows = np.zeros((60, 3 + 5 + 1), dtype=np.float32)
    rows[:, :3] = rng.standard_normal((60, 3)) * 0.1
    rows[np.arange(60), 3 + labels] = 1.0  # one lexical column per class
    rows[:, -1] = 1.0
    settings = TrainingSettings(iterations=200)
    weights = script.fit(rows, labels, settings, 1.0, 5)
    assert weights.shape == (9, 3)
    assert probabilities(weights, rows).argmax(axis=1).tolist() == labels.tolist()
    sparse = [classifier.SparseRow(np.asarray([label], dtype=np.int64), np.ones(1, dtype=np.float32)) for label in labels]
    assert np.allclose(weights, fit_softmax(rows[:, :3].copy(), sparse, 5, labels, 3, settings), atol=1e-6)


# --- indirect crisis talk -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "if it was not for my daughter i would have ended it last spring",
    "i lie awake thinking about ending our lives together, me and my husband, we can not go on",
    "he said he might take the two of us out with him one day",
])
def test_a_wish_held_back_and_despair_that_reaches_both_lives_are_crisis_talk(rules, text):
    assert rules.assess(text).kind is FindingKind.CRISIS


@pytest.mark.parametrize("text", [
    "we would have ended it early on monday but she wanted to finish the set",
    "she ended it with her boyfriend two years ago",
    "he would have done it himself but his shoulder is sore",
    "the nurse will end the visit for both of us at four",
])
def test_ordinary_talk_of_ending_things_is_not_crisis_talk(rules, text):
    assert rules.assess(text).kind is not FindingKind.CRISIS
