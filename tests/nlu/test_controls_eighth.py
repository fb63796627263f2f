"""Eighth round of the controls (voice_guide/nlu/controls_learned.py, controls.py, understanding.py):
the learned model chooses among several intents a text's cue words name, a cue the model agrees
with replaces a knowledge answer with little evidence, and the model file's format 2 adds the
character trigrams of each word (format 1 files still read; others refused in one line)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.controls import ControlHit, ControlMatcher
from voice_guide.nlu.controls_learned import (
    MODEL_FILE,
    NONE,
    READABLE_VERSIONS,
    STATES,
    ControlModelData,
    LearnedControls,
    read_model,
    save_model,
    sparse_row,
    word_buckets,
)
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _model(pack, probabilities: tuple[float, float, float], version: int = 2) -> LearnedControls:
    """A tiny model over (brief, full, none) giving these probabilities to every text."""
    classes = ("brief", "full", NONE)
    weights = np.zeros((1 + 8 + 1, 3), dtype=np.float32)
    weights[0] = np.log(np.asarray(probabilities, dtype=np.float32))
    data = ControlModelData(weights, classes, np.ones((len(STATES), 3), dtype=bool), 8, 0.5, "test", version)
    model = LearnedControls(data, lambda text: np.asarray([1.0], dtype=np.float32), ControlMatcher(pack.intents))
    model.overrule, model.veto, model.choose = {}, {}, 0.3
    return model


def test_cue_words_say_every_intent_they_name(pack):
    hit = ControlMatcher(pack.intents).cue("i want the complete answer not the short one", S.ANSWERED)
    assert hit == ControlHit("brief", {}, 0.8, "cue")  # the rules' order: brief before full
    assert hit is not None and hit.others == {"full": {}}


def test_the_model_chooses_among_the_named_intents(pack):
    hit = ControlHit("brief", {}, 0.8, "cue", {"full": {}})
    got = _model(pack, (0.2, 0.7, 0.1)).second_opinion(hit, "the complete answer not the short one", S.ANSWERED)
    assert got == ControlHit("full", {}, 0.8, "cue") and got.others == {"brief": {}}


def test_the_choice_keeps_the_rules_order_below_its_bar_or_off(pack):
    hit = ControlHit("brief", {}, 0.8, "cue", {"full": {}})
    assert _model(pack, (0.1, 0.25, 0.65)).second_opinion(hit, "short or full", S.ANSWERED) is hit
    model = _model(pack, (0.2, 0.7, 0.1))
    model.choose = None
    assert model.second_opinion(hit, "short or full", S.ANSWERED) is hit
    alone = ControlHit("brief", {}, 0.8, "cue")
    assert _model(pack, (0.2, 0.7, 0.1)).second_opinion(alone, "short", S.ANSWERED) is alone


def test_a_cue_is_confirmed_only_when_the_model_gives_the_same_intent(pack):
    cue = ControlHit("full", {}, 0.8, "cue")
    assert _model(pack, (0.2, 0.7, 0.1)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is cue
    assert _model(pack, (0.2, 0.45, 0.35)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model(pack, (0.7, 0.2, 0.1)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model(pack, (0.1, 0.2, 0.7)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model(pack, (0.2, 0.7, 0.1)).confirmed(None, "the whole answer", S.ANSWERED, 0.5) is None


def test_format_two_adds_the_character_trigrams_of_each_word():
    words = word_buckets("go on", 1 << 20, 1)
    both = word_buckets("go on", 1 << 20, 2)
    assert len(words) == 3  # "go", "on", "go on"
    assert set(words) < set(both) and len(both) == 3 + 4  # "#go", "go#", "#on", "on#"
    assert word_buckets("slowr", 1 << 20, 2) != word_buckets("slower", 1 << 20, 2)
    shared = set(word_buckets("slowr", 1 << 20, 2)) & set(word_buckets("slower", 1 << 20, 2))
    assert len(shared) == 3  # "#sl", "slo", "low": a misspelling still shares most of a word
    row = sparse_row("go on", 64, 2)
    assert float(np.linalg.norm(row.values)) == pytest.approx(1.0)


def _write(tmp_path: Path, version: int) -> Path:
    weights = np.zeros((4 + 8 + 1, 2), dtype=np.float32)
    data = ControlModelData(weights, ("stop", NONE), np.ones((len(STATES), 2), dtype=bool), 8, 0.5, "test", version)
    path = tmp_path / MODEL_FILE
    path.write_bytes(save_model(data))
    return path


@pytest.mark.parametrize("version", READABLE_VERSIONS)
def test_files_of_both_formats_read_back_with_their_features(tmp_path, version):
    assert read_model(_write(tmp_path, version)).version == version


def test_a_file_of_an_unknown_format_is_refused_in_one_line(tmp_path):
    with pytest.raises(ContentError, match="control model format 3, this code reads format 1 or 2") as err:
        read_model(_write(tmp_path, 3))
    assert "\n" not in str(err.value)
