"""Safety mechanisms of history and of emergency signs, both sides, in phrases written for these tests (not
from any set): a question after a filler, a year after a date word as history, 'once' as a conjunction, an
episode going on for minutes, reduced consciousness, speech as nonsense, the BE FAST arm test, slow breathing."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from safety_support import found

from voice_guide.content.pack import load_pack
from voice_guide.nlu import classifier, safety_phrases
from voice_guide.nlu.classifier import TrainingSettings, fit_softmax
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.safety_learned import CLASSES, FeatureSettings, SafetyNet, probabilities
from voice_guide.nlu.safety_replies import SafetyReplies, region_code

# ----------------------------------------------------------------------------------------------------
# The mechanisms added in session 7: a question after a discourse filler, a year after a date
# word as history, "once" as a conjunction, a precaution kept ("still carries") as no present
# marker, two widened idioms, crisis cues (goodbyes with "once he is gone", a plan to "do it" or
# "finish it", "life is no good"), the net's training lines kept out of the spelling fixer, and
# the split of the rules' module. All phrases are written for these tests.
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "ngl what is a stroke exactly, the nurse said it earlier",  # a question after a discourse filler
    "btw what are the signs of a blood clot",
    "she fainted at the bus stop on boxing day 2021 and was fine",  # a year after a date word: history
    "he collapsed on the dance floor new years eve 2019, it was the heat",
    "mum had a seizure when i was little she still takes her tablets",  # a precaution kept is not now
    "dad had a stroke when i was a teenager he still sees the consultant",
    "the match nearly gave my uncle a heart attack",  # idioms
    "i am choking on all this paperwork from the council",
    "we can visit once he is home from the ward",  # "once" as a conjunction, nothing else
])
def test_near_misses_are_not_flagged(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "kind", "concept"), [
    ("ngl my dad can not breathe properly and his lips are blue", "emergency", "breathing"),  # a report, not a question
    ("she is having a seizure right now, she had one in march 2021 too", "emergency", "seizure"),
    ("his chest is still crushing him and he is sweating", "emergency", "chest_pain"),  # "still" of now stands
    ("he is choking on a bit of steak", "emergency", "choking"),  # choking on food is no idiom
    ("my uncle says we will all cope better once he is gone", "crisis", "crisis"),  # goodbye + others better off
    ("the tablets are in the drawer and i just need to do it", "crisis", "crisis"),  # means + plan
    ("he keeps crying, says life no good, he want to finish it", "crisis", "crisis"),  # hopeless + plan
    ("in 2019 he tried to kill himself and now he says he will do it again", "crisis", "crisis"),  # a past attempt, a threat now
    ("grandad seizing on the floor, never had one like it", "emergency", "seizure"),  # "seizing on" the floor is no idiom
    ("my chest feels like somebody is sitting on it", "emergency", "chest_pain"),
    ("his nose has been bleeding for over forty minutes", "emergency", "bleeding"),
])
def test_reports_and_crisis_talk_stand(rules: SafetyRules, text: str, kind: str, concept: str) -> None:
    assert found(rules, text) == (kind, concept)


@pytest.mark.parametrize("text", [
    "once he has gone to bed i will ring you back",  # "once" as a conjunction, not a goodbye
    "it will be quieter once she has gone back to work",
    "i need to do it before the shop shuts",  # a chore, not a plan
    "we have to finish it by friday",
    "she had a go at the marathon in 2019 and will try it again",  # "again" without a past attempt
    "he was seizing on every mistake i made",
])
def test_crisis_cues_need_their_context(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("none", None)


def test_training_lines_are_not_patterns_nor_spelling_words() -> None:
    data = load_pack(None).safety
    lines = data["concepts"]["crisis"]["training_lines"]
    assert len(lines) >= 40 and all(isinstance(line, str) for line in lines)
    texts = safety_phrases.texts({"concepts": data["concepts"]})
    assert not set(lines) & set(texts)  # the net's lines never reach the spelling fixer's words


def test_replies_module_fills_the_region() -> None:
    regions = {"default": {"crisis_line": "Talk to a crisis line."},
               "GB": {"emergency_number": "999", "crisis_line": "Call Samaritans on 116 123."}}
    replies = SafetyReplies({"emergency": "Call {emergency_number} now.", "crisis": "{crisis_line}",
                             "confirm_no": "Sorry."}, regions, "uk")
    assert (replies.region, replies.emergency_answer, replies.reply(FindingKind.CRISIS)) == (
        "GB", "Call 999 now.", "Call Samaritans on 116 123.")
    assert replies.confirm_reply(False, "choking", None) == SafetyFinding(FindingKind.NONE, "choking", "Sorry.")
    assert region_code(" ireland ") == "IE"


# ----------------------------------------------------------------------------------------------------
# Ninth session's safety mechanisms, with phrases written for these tests (not from any set):
# an episode going on for minutes, reduced consciousness, speech that comes out as nonsense, the
# BE FAST arm test told in order, very slow breathing and breathless speech, days of doses at once,
# a companion sign that is denied, a later denial of the concept's signs as a doubt cue, an onset
# word in a dated past statement, "and that is when", and the safety net fitted by the project
# classifier's own ``fit_softmax``.
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules_emergency_signs(pack) -> SafetyRules:
    """The shipped rules without the net (the rules' own reading)."""
    return SafetyRules(pack.safety)


def _rules_with_net(pack, none: float, emergency: float, crisis: float) -> SafetyRules:
    """The shipped rules over a net that gives these class probabilities to every text."""
    r = SafetyRules(pack.safety)
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(none), math.log(emergency), math.log(crisis)]
    r.net = SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))
    return r


def _kind_concept(rules_emergency_signs: SafetyRules, text: str) -> tuple[FindingKind, str | None]:
    finding = rules_emergency_signs.assess(text)
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
def test_new_everyday_wordings_are_emergencies(rules_emergency_signs, text, concept):
    assert _kind_concept(rules_emergency_signs, text) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "i am barely awake after the night shift, can we do the stretches later",
    "the letter from the council came out all jumbled in the post",
    "hold both arms out in front of you, then let the right one come down slowly",
    "his legs are bigger than mine because he cycles every day",
    "we did the knee bends for about ten minutes and she enjoyed them",
])
def test_near_misses_of_the_new_wordings_stay_ordinary(rules_emergency_signs, text):
    assert rules_emergency_signs.assess(text).kind is not FindingKind.EMERGENCY


# --- context ----------------------------------------------------------------------------------

def test_an_onset_word_in_a_dated_past_statement_is_history(rules_emergency_signs):
    text = "four years ago she passed out all of a sudden at the shops and the tests were clear"
    assert rules_emergency_signs.assess(text) == SafetyFinding(FindingKind.NONE)
    assert "collapse" in rules_emergency_signs.cancelled_concepts(text)


def test_an_onset_word_still_reports_now_beside_another_dated_statement(rules_emergency_signs):
    text = "he suddenly can not catch his breath and he had a chest cold last month"
    assert _kind_concept(rules_emergency_signs, text) == (FindingKind.EMERGENCY, "breathing")


def test_and_that_is_when_dates_what_followed_a_past_event(rules_emergency_signs):
    text = "he broke his wrist in march 2021 and that is when his grip started to go"
    assert rules_emergency_signs.assess(text) == SafetyFinding(FindingKind.NONE)
    assert _kind_concept(rules_emergency_signs, "he has broken his wrist and that is when the screaming started") == (
        FindingKind.EMERGENCY, "head_injury")


def test_a_denied_companion_sign_does_not_make_a_with_pattern(rules_emergency_signs):
    hits = rules_emergency_signs.hits("he slipped on the path, he is not drowsy or confused and he is laughing")
    assert [h for h in hits if h.concept == "head_injury" and h.cancelled_by is None] == []
    assert _kind_concept(rules_emergency_signs, "he slipped on the path and now he is very drowsy") == (FindingKind.EMERGENCY, "head_injury")


def test_a_companion_sign_after_another_negated_phrase_still_counts(rules_emergency_signs):
    # the "not" of "does not make sense" is no denial of "since teatime"
    assert rules_emergency_signs.is_emergency("grandad is rambling and does not make sense since teatime")


BUMP_DENIED = "he knocked his head on the shelf but he did not knock himself out, only a small graze"


def test_a_later_denial_of_the_concepts_signs_is_a_doubt_cue(rules_emergency_signs):
    assert rules_emergency_signs.denial_cue(BUMP_DENIED)
    assert not rules_emergency_signs.denial_cue("he knocked his head on the shelf and he is not making sense")
    assert not rules_emergency_signs.denial_cue("he did not knock himself out but he knocked his head on the shelf")  # denial before


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
def test_a_wish_held_back_and_despair_that_reaches_both_lives_are_crisis_talk(rules_emergency_signs, text):
    assert rules_emergency_signs.assess(text).kind is FindingKind.CRISIS


@pytest.mark.parametrize("text", [
    "we would have ended it early on monday but she wanted to finish the set",
    "she ended it with her boyfriend two years ago",
    "he would have done it himself but his shoulder is sore",
    "the nurse will end the visit for both of us at four",
])
def test_ordinary_talk_of_ending_things_is_not_crisis_talk(rules_emergency_signs, text):
    assert rules_emergency_signs.assess(text).kind is not FindingKind.CRISIS
