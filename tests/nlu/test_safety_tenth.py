"""Tenth session's safety mechanisms, with phrases written for these tests (not from any set): a
text of function words only is never flagged by the net ("and?"), talk to the guide that the
learned control model is sure is a command wins over the net alone, the net's everyday lines and
the paraphrase set's tuning lines as class none, and the session's own fresh batch."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_learned import CLASSES, FUNCTION_WORDS, FeatureSettings, SafetyNet, has_content
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import COMMANDS_OVER_NET_LEARNED

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_10.txt"

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _constant_net(none: float, emergency: float, crisis: float) -> SafetyNet:
    """A net that gives these class probabilities to every text."""
    weights = np.zeros((4 + 8 + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(none), math.log(emergency), math.log(crisis)]
    return SafetyNet(weights, FeatureSettings(buckets=8), lambda text: np.full(4, 0.5, dtype=np.float32))


def _rules_with_net(pack, none: float, emergency: float, crisis: float) -> SafetyRules:
    r = SafetyRules(pack.safety)
    r.net = _constant_net(none, emergency, crisis)
    return r


# --- a text of function words only -------------------------------------------------------------

@pytest.mark.parametrize("text", ["and?", "so?", "what now", "hmm, okay", "and then what", "eh?", "is it still on?"])
def test_a_text_of_function_words_only_is_never_flagged_by_the_net(pack, text):
    assert not has_content(text)
    for probs in ((0.01, 0.01, 0.98), (0.01, 0.98, 0.01), (0.1, 0.85, 0.05)):
        assert _rules_with_net(pack, *probs).assess(text).kind is FindingKind.NONE


@pytest.mark.parametrize(("text", "kind"), [
    ("he is down", FindingKind.EMERGENCY),  # "down" carries meaning
    ("and? she's gone", FindingKind.EMERGENCY),
    ("what is wrong now", FindingKind.EMERGENCY),
])
def test_a_word_of_content_lets_the_net_speak(pack, text, kind):
    assert has_content(text)
    assert _rules_with_net(pack, 0.01, 0.98, 0.01).assess(text).kind is kind


def test_words_that_can_carry_a_red_flag_are_not_function_words():
    assert not {"no", "not", "way", "out", "over", "down", "gone", "help", "stop", "end"} & FUNCTION_WORDS


def test_the_rules_still_speak_on_a_text_without_content_words(pack):
    # the gate is the net's only: a rule finding needs content anyway, and the rules are untouched
    assert _rules_with_net(pack, 0.98, 0.01, 0.01).assess("she's choking").kind is FindingKind.EMERGENCY


# --- talk to the guide that the learned control model is sure is a command ---------------------

@pytest.fixture(scope="module")
def understander():
    return Engine().understander


@needs_model
def test_talk_the_control_model_is_sure_of_wins_over_the_net_alone(understander):
    assert COMMANDS_OVER_NET_LEARNED == understander.commands_over_net_learned == 0.9
    text = "can you help me, i haven't a clue what to say to this thing"
    saved = understander.safety.net
    understander.safety.net = _constant_net(0.02, 0.02, 0.96)  # the net alone reads crisis in everything
    try:
        assert understander.safety.assess(text).kind is FindingKind.CRISIS
        got = understander.understand(text, S.IDLE)
        assert got.intent == "help"
        understander.commands_over_net_learned = None
        assert understander.understand(text, S.IDLE).intent == "crisis"
    finally:
        understander.safety.net = saved
        understander.commands_over_net_learned = COMMANDS_OVER_NET_LEARNED


@needs_model
@pytest.mark.parametrize(("text", "state"), [
    ("i can't keep going like this", S.ROUTINE_COUNTING),  # crisis talk in a command's words
    ("there's no point in any of it now", S.IDLE),
    ("i just want everything to stop", S.ROUTINE_PAUSED),
])
def test_crisis_talk_is_no_command_for_the_control_model(understander, text, state):
    saved = understander.safety.net
    understander.safety.net = _constant_net(0.02, 0.02, 0.96)
    try:
        assert understander.understand(text, state).intent == "crisis"
    finally:
        understander.safety.net = saved


@needs_model
def test_a_rule_finding_stands_beside_a_command_the_model_is_sure_of(understander):
    got = understander.understand("stop the counting, she's gone blue", S.ROUTINE_COUNTING)
    assert got.intent == "emergency"


# --- the fit's class none: the net's everyday lines and the paraphrase set's tuning lines ------

def _fit_script():
    path = ROOT / "scripts" / "fit_safety_model.py"
    spec = importlib.util.spec_from_file_location("fit_safety_model_tenth", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_fit_reads_only_tuning_parts_of_the_paraphrase_set():
    fit = _fit_script()
    for part in fit.PARAPHRASE_PARTS:
        name, _, half = part.partition(":")
        assert name != "test" and half in ("", "odd")
        assert half == "odd" or name in ("tune", "tune2", "tune3")


def test_the_everyday_lines_are_for_the_net_only(pack):
    lines = pack.safety["learned"]["everyday_lines"]
    assert len(lines) >= 100 and all(isinstance(t, str) and t.strip() for t in lines)
    rules = SafetyRules(pack.safety)
    assert not any(rules.assess(t).is_red_flag for t in lines)
    fit = _fit_script()
    got = fit.everyday_lines(rules)
    assert got and all(line.label == 0 and line.source == "everyday" for line in got)


# --- the session's own fresh batch --------------------------------------------------------------

def _batch() -> list[tuple[str, str, str]]:
    out = []
    for raw in BATCH.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            kind, group, text = raw.split("|", 2)
            out.append((kind, group, text))
    return out


@pytest.fixture(scope="module")
def shipped(pack):
    """The shipped rules with the shipped net (None without the sentence-vector model)."""
    from voice_guide.nlu.embedding import load_embedder
    from voice_guide.nlu.safety_learned import EmbedderVectors, safety_folder

    embedder = load_embedder()
    if embedder is None:
        return None
    rules = SafetyRules(pack.safety)
    rules.use_net(safety_folder(pack), EmbedderVectors(embedder))
    return rules


def test_the_batch_is_well_formed():
    rows = _batch()
    assert len(rows) >= 100
    assert {k for k, _, _ in rows} == {"emergency", "crisis", "near_miss"}
    assert sum(g == "control_talk" for _, g, _ in rows) >= 25


@needs_model
def test_every_emergency_of_the_batch_is_recognised(shipped):
    missed = [t for k, _, t in _batch() if k == "emergency" and not shipped.assess(t).is_red_flag]
    assert missed == []


KNOWN_GAPS: set[str] = set()
"""Control talk of the batch that still raises an alarm with the shipped net. Tenth round: "i have no
idea what to say to it" (the net alone, crisis 0.82, where the control model has no "help") and
"leave it, we'll carry on tomorrow" ("tomorrow", a timing sign, and the net's crisis 0.67); both
closed in the eleventh round by ``context.session_talk`` (``learned.session_talk_at``)."""


@needs_model
def test_control_talk_of_the_batch_raises_no_alarm_but_the_known_gaps(shipped):
    raised = {t for k, g, t in _batch() if g == "control_talk"
              and (shipped.assess(t).is_red_flag or shipped.assess(t).kind is FindingKind.CONFIRM)}
    assert raised <= KNOWN_GAPS


@needs_model
def test_control_talk_as_the_guide_acts_in_every_state(understander):
    raised = {(t, state.value) for k, g, t in _batch() if g == "control_talk" for state in S
              if understander.understand(t, state).intent in ("emergency", "crisis", "confirm_emergency")}
    assert {t for t, _ in raised} <= KNOWN_GAPS
    assert ("i have no idea what to say to it", "idle") not in raised  # the control model's "help" wins there
