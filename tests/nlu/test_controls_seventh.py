"""The learned control model's second opinion (voice_guide/nlu/controls_learned.py): it replaces a
weak template, cue or fuzzy intent when it is sure of another, drops a cue it is sure is not a
command, and leaves strong template matches, questions and out-of-domain lines alone."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from data_parts import HELD_OUT_HALVES, PARAPHRASE_TUNING  # noqa: E402

from voice_guide.content.pack import load_pack
from voice_guide.nlu.controls import ControlHit, ControlMatcher
from voice_guide.nlu.controls_learned import (
    CHOOSE_BAR,
    MODEL_FILE,
    NONE,
    OVERRULE_BARS,
    STATES,
    VETO_BARS,
    ControlModelData,
    LearnedControls,
    read_model,
)
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import Understander

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def understander(pack):
    return Understander(pack)


def _model(pack, column: int, overrule: dict[str, float], veto: dict[str, float]) -> LearnedControls:
    """A tiny model whose sentence vector points to class ``column`` of (stop, pause, none) with p = 0.91."""
    classes = ("stop", "pause", NONE)
    weights = np.zeros((4 + 8 + 1, 3), dtype=np.float32)
    weights[:4, column] = 1.5
    data = ControlModelData(weights, classes, np.ones((len(STATES), 3), dtype=bool), 8, 0.5, "test")
    model = LearnedControls(data, lambda text: np.asarray([0.5, 0.5, 0.5, 0.5], dtype=np.float32),
                            ControlMatcher(pack.intents))
    model.overrule, model.veto = overrule, veto
    return model


def test_a_sure_model_replaces_a_weak_hit_with_its_own_intent(pack):
    cue = ControlHit("stop", {}, 0.8, "cue")
    got = _model(pack, 1, {"cue": 0.8}, {}).second_opinion(cue, "hold it there", S.ROUTINE_COUNTING)
    assert got == ControlHit("pause", {}, 0.909, "learned")


def test_a_hit_stays_below_the_bar_for_its_kind_or_without_one(pack):
    cue = ControlHit("stop", {}, 0.8, "cue")
    assert _model(pack, 1, {"cue": 0.95}, {}).second_opinion(cue, "hold it there", S.ROUTINE_COUNTING) is cue
    said = ControlHit("stop", {}, 1.0, "said")
    assert _model(pack, 1, {"cue": 0.8}, {}).second_opinion(said, "hold it there", S.ROUTINE_COUNTING) is said
    same = ControlHit("pause", {}, 0.8, "cue")
    assert _model(pack, 1, {"cue": 0.8}, {}).second_opinion(same, "hold it there", S.ROUTINE_COUNTING) is same


def test_a_model_sure_it_is_no_command_drops_a_cue_only_with_a_veto_bar(pack):
    cue = ControlHit("stop", {}, 0.8, "cue")
    assert _model(pack, 2, {"cue": 0.8}, {"cue": 0.85}).second_opinion(cue, "a week enough", S.IDLE) is None
    assert _model(pack, 2, {"cue": 0.8}, {"cue": 0.95}).second_opinion(cue, "a week enough", S.IDLE) is cue
    assert _model(pack, 2, {"cue": 0.8}, {}).second_opinion(cue, "a week enough", S.IDLE) is cue


def test_a_hit_says_how_it_was_found(pack):
    controls = ControlMatcher(pack.intents)
    assert controls.exact("pause", S.READING) == ControlHit("pause", {}, 1.0, "said")
    assert controls.exact("um pause please", S.READING) == ControlHit("pause", {}, 1.0, "stripped")
    cue = controls.cue("hang on her arm slipped", S.ROUTINE_COUNTING)
    assert cue == ControlHit("pause", {}, 0.8, "cue")
    # fourteenth round: a short text's slip is corrected with the templates, found as fuzzy
    assert controls.exact("slow downn", S.READING) == ControlHit("slower", {}, 0.86, "fuzzy")
    assert controls.exact("slow downn the reading", S.READING) is None
    assert controls.fuzzy("slow downn", S.READING) == ControlHit("slower", {}, 0.947, "fuzzy")


def test_the_shipped_bars_and_file(pack):
    assert OVERRULE_BARS == {"clause": 0.8, "cue": 0.8, "fuzzy": 0.8}
    assert VETO_BARS == {"cue": 0.95}
    about = read_model(pack.root / MODEL_FILE).about
    # fitted on the newest tuning half, never its held-out half (scripts/data_parts.py)
    assert PARAPHRASE_TUNING[-1] in about and f"{HELD_OUT_HALVES[-1]} or the dev set" in about


# Written for this test (not from any evaluation set).
NOW_UNDERSTOOD = [  # a clause or cue took another intent; the model is sure of this one
    ("right, the one before again", S.ROUTINE_WAITING, "previous", "repeat"),
]
LEFT_ALONE = [
    # (thirtieth round: a template's now, "go back to the one before"; was the model's over the pause)
    ("wait, go back to the one before", S.ROUTINE_WAITING, "previous"),
    ("hang on, go back one", S.ROUTINE_WAITING, "previous"),
    ("no stop, slower please", S.ROUTINE_COUNTING, "slower"),
    ("wait, louder please", S.READING, "louder"),
    ("okay, next exercise", S.ROUTINE_WAITING, "next"),
    ("pause", S.READING, "pause"),
    ("is a fortnight in bed enough?", S.IDLE, "ask_bedridden"),
    ("how quick is too quick to lose muscle", S.IDLE, "ask_immobilization"),
    ("who won the football last night", S.ANSWERED, "fallback"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "before"), NOW_UNDERSTOOD)
def test_the_model_overrules_a_weak_wrong_intent(understander, text, state, intent, before):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, {})
    model = understander.learned_controls
    assert model is not None
    model.overrule, model.veto, model.choose = {}, {}, None  # the choice among named intents is one too (ninth round)
    try:
        assert understander.understand(text, state).intent == before  # without the second opinion
    finally:
        model.overrule, model.veto, model.choose = dict(OVERRULE_BARS), dict(VETO_BARS), CHOOSE_BAR


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), LEFT_ALONE)
def test_strong_commands_questions_and_other_lines_are_left_alone(understander, text, state, intent):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, {})


@needs_model
def test_the_safety_check_stays_first(understander):
    assert understander.understand("wait, go back, he can't breathe", S.ROUTINE_WAITING).intent == "emergency"
