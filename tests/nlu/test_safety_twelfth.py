"""Twelfth session's safety mechanisms, with phrases written for these tests (not from any set):
figures of speech and usual causes that share words with red flags (a grip on a thing, a pet, a story
or a film, drink, snoring, a limb gone dead from holding something, everyday crisis words), a clause
that ends saying it is over, "me" for "my", a severe headache since a knock to the head, and the
session's own fresh batch (the first part in every dialogue state, the probes with the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import BatchRow, read_batch

from voice_guide.content.pack import load_pack
from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_text import normalise
from voice_guide.nlu.state import DialogueState as S

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_12.txt"
PROBES_MARK = "# Probes written after the first scoring"

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def rules():
    """The shipped rules alone (no net)."""
    return SafetyRules(load_pack().safety)


# --- near misses by mechanism, both sides -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "she is squeezing the life out of that tennis ball",
    "he chokes the handlebars when he rides downhill",
    "the puppy keeps choking on his chew toy",
    "our old cat had a fit at the vet's this morning",
    "in the novel the captain bleeds out on the deck",
    "the documentary was about a diver who could not breathe at depth",
    "my uncle collapsed at the station, but he's home from hospital now",
    "she fainted at the concert and she was fine after",
    "he talks a bit slurred after a few beers",
    "my wife snores and stops breathing for a moment in her sleep",
    "my hand's gone numb from gripping the steering wheel",
    "i can't do this anymore, this is far too confusing",
    "he's killing himself with all that overtime",
    "she said goodbye to all of them because she is moving to canada",
    "i'm so shattered i could sleep for a week",
    "ok end it there, we are done for today",
    "he took all his tablets at breakfast like the gp told him",
    "his eyes are swollen from all that crying",
    "could sepsis make it hard to breathe",
    "is tiredness a normal part of muscle wasting",
    "would it be a heart attack if his arm went numb, or just a trapped nerve",
    "grandad fell off a horse decades ago and never rode again",
    "her leg is floppy because she is letting me move it",
    "the anaesthetic numbed half his mouth and he can't feel his lip",
    "she fell off the swing this morning, only a graze, she's out playing again",
])
def test_near_misses(rules, text):
    assert not rules.assess(text).is_red_flag


@pytest.mark.parametrize(("text", "concept"), [
    ("the toddler is choking, a marble is stuck", "choking"),
    ("the dog tripped him and now he's bleeding heavily from his head", "bleeding"),
    ("we were watching a film and suddenly she can't breathe", "breathing"),
    ("he collapsed and is grey and he is fine", "collapse"),
    ("my husband is choking and she is fine", "choking"),
    ("he fell over and can't get up without help, he's been on the floor for an hour", "head_injury"),
    ("he had a few drinks and now he's collapsed and won't wake", "collapse"),
    ("she's snoring strangely and not breathing", "breathing"),
    ("her arm has gone dead and her face is drooping", "stroke"),
    ("would it be a stroke if her face is drooping right now", "stroke"),
    ("she has fallen down the stairs and can't get up, she may never walk again", "head_injury"),
    ("he fell off the wall and hit his head, he was fine after but now he is drowsy and being sick", "head_injury"),
    ("she came off her bike and banged her head, she's out playing again but now she keeps being sick", "head_injury"),
])
def test_reports_of_now_stand(rules, text, concept):
    got = rules.assess(text)
    assert (got.kind, got.concept) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "i'm so tired i could sleep forever and never wake up",
    "i've said goodbye to everyone, i won't be here by friday",
    "end it, i am done with everything",
    "he's killing himself, he has the pills in his hand",
    "i can't do this anymore, i just want to die",
])
def test_crisis_talk_stands(rules, text):
    assert rules.assess(text).kind is FindingKind.CRISIS


# --- "me" for "my", a severe headache since a knock ---------------------------------------------

def test_me_before_a_body_part_is_my():
    assert normalise("awful pain in me chest") == "awful pain in my chest"
    assert normalise("show me arm exercises") == "show me arm exercises"  # "me" as an object stays
    assert normalise("give me head room") == "give me head room"


@pytest.mark.parametrize(("text", "kind"), [
    ("agonising pain in me head, it came on all at once", FindingKind.EMERGENCY),
    ("she's got a splitting headache since she banged her head on monday and she keeps being sick", FindingKind.EMERGENCY),
    ("he's got a headache that's 10 out of 10 since he bumped his head yesterday", FindingKind.EMERGENCY),
    ("he's got a mild headache since he bumped his head yesterday", FindingKind.NONE),
    ("she's had headaches since she hit her head in 2015", FindingKind.NONE),
])
def test_a_severe_headache_since_a_knock(rules, text, kind):
    assert rules.assess(text).kind is kind


# --- the session's own fresh batch --------------------------------------------------------------

def _batch() -> tuple[list[BatchRow], list[BatchRow]]:
    """The batch written first, and the probes written after its scoring."""
    return read_batch(BATCH, PROBES_MARK)


def test_the_batch_is_well_formed():
    first, probes = _batch()
    assert (len(first), len(probes)) == (113, 309)
    assert {k for k, _, _ in first} == {"emergency", "crisis", "near_miss"}
    assert {k for k, _, _ in probes} == {"near_miss"}
    texts = [t.lower() for _, _, t in first + probes]
    assert len(set(texts)) == len(texts)


KNOWN_GAPS_RULES = {
    # the rules still flag these probes (left: a fall, crisis words and a post-operative leg matter more)
    "i'm a nurse and we had three overdoses on the ward today",
    "my dad can't get up off the sofa without help, so i lift him",
    "i feel like a burden asking my son for lifts, but he says he doesn't mind",
    "what should i say if my dad says he wants to die",
    "mum's leg is swollen after her knee operation, the nurse is keeping an eye on it",
}


def test_the_probes_with_the_rules(rules):
    _, probes = _batch()
    flagged = {text for _, _, text in probes if rules.assess(text).is_red_flag}
    assert flagged == KNOWN_GAPS_RULES


@pytest.fixture(scope="module")
def understander():
    return Engine().understander


KNOWN_ASKED = {"he has a cold and his nose is blocked"}  # the net's question (emergency 0.83), every state


@needs_model
def test_the_batch_as_the_guide_acts_in_every_state(understander):
    first, _ = _batch()
    wrong = []
    for kind, _, text in first:
        for state in S:
            intent = understander.understand(text, state).intent
            flagged = intent in ("emergency", "crisis")
            if kind == "near_miss" and intent == "confirm_emergency" and text in KNOWN_ASKED:
                continue
            if (kind == "near_miss") == (flagged or intent == "confirm_emergency"):
                wrong.append((kind, state.value, text, intent))
    assert wrong == []
