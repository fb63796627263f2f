"""The learned control model's second opinion (voice_guide/nlu/controls_learned.py, controls.py,
understanding.py): it replaces a weak hit when sure of another intent, chooses among the intents a text's
cue words name, confirms a cue only when it agrees, and reads model files of both formats."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from voice_guide.core.errors import ContentError
from voice_guide.nlu.controls import ControlHit, ControlMatcher
from voice_guide.nlu.controls_learned import (
    CHOOSE_BAR,
    MODEL_FILE,
    NONE,
    OVERRULE_BARS,
    READABLE_VERSIONS,
    STATES,
    VETO_BARS,
    ControlModelData,
    LearnedControls,
    read_model,
    save_model,
    sparse_row,
    word_buckets,
)
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import CUE_OVER_KNOWLEDGE, Understander

# ----------------------------------------------------------------------------------------------------
# The learned control model's second opinion (voice_guide/nlu/controls_learned.py): it replaces a
# weak template, cue or fuzzy intent when it is sure of another, drops a cue it is sure is not a
# command, and leaves strong template matches, questions and out-of-domain lines alone.
# ----------------------------------------------------------------------------------------------------


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from data_parts import HELD_OUT_HALVES, PARAPHRASE_TUNING  # noqa: E402

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


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


# ----------------------------------------------------------------------------------------------------
# Eighth round of the controls (voice_guide/nlu/controls_learned.py, controls.py, understanding.py):
# the learned model chooses among several intents a text's cue words name, a cue the model agrees
# with replaces a knowledge answer with little evidence, and the model file's format 2 adds the
# character trigrams of each word (format 1 files still read; others refused in one line).
# ----------------------------------------------------------------------------------------------------


def _model_cue_choice(pack, probabilities: tuple[float, float, float], version: int = 2,
           classes: tuple[str, str, str] = ("brief", "full", NONE)) -> LearnedControls:
    """A tiny model over ``classes`` (brief, full, none) giving these probabilities to every text."""
    weights = np.zeros((1 + 8 + 1, 3), dtype=np.float32)
    weights[0] = np.log(np.asarray(probabilities, dtype=np.float32))
    data = ControlModelData(weights, classes, np.ones((len(STATES), 3), dtype=bool), 8, 0.5, "test", version)
    model = LearnedControls(data, lambda text: np.asarray([1.0], dtype=np.float32), ControlMatcher(pack.intents))
    model.overrule, model.veto, model.choose = {}, {}, 0.3
    return model


def test_cue_words_say_every_intent_they_name(pack):
    # (twenty-fifth round: "i want the complete answer not the short one" names full alone: the brief cue is never
    # where the short one is refused; a text that names both without refusing either keeps the rules' order)
    hit = ControlMatcher(pack.intents).cue("the short answer or the complete answer", S.ANSWERED)
    assert hit == ControlHit("brief", {}, 0.8, "cue")  # the rules' order: brief before full
    assert hit is not None and hit.others == {"full": {}}
    refused = ControlMatcher(pack.intents).cue("i want the complete answer not the short one", S.ANSWERED)
    assert (refused, refused.others if refused else None) == (ControlHit("full", {}, 0.8, "cue"), {})


def test_the_model_chooses_among_the_named_intents(pack):
    hit = ControlHit("brief", {}, 0.8, "cue", {"full": {}})
    got = _model_cue_choice(pack, (0.2, 0.7, 0.1)).second_opinion(hit, "the complete answer not the short one", S.ANSWERED)
    assert got == ControlHit("full", {}, 0.8, "cue") and got.others == {"brief": {}}


def test_the_choice_keeps_the_rules_order_below_its_bar_or_off(pack):
    hit = ControlHit("brief", {}, 0.8, "cue", {"full": {}})
    assert _model_cue_choice(pack, (0.1, 0.25, 0.65)).second_opinion(hit, "short or full", S.ANSWERED) is hit
    model = _model_cue_choice(pack, (0.2, 0.7, 0.1))
    model.choose = None
    assert model.second_opinion(hit, "short or full", S.ANSWERED) is hit
    alone = ControlHit("brief", {}, 0.8, "cue")
    assert _model_cue_choice(pack, (0.2, 0.7, 0.1)).second_opinion(alone, "short", S.ANSWERED) is alone


def test_the_choice_never_takes_a_leading_yeah_over_a_command(pack):
    hit = ControlHit("more", {}, 0.8, "cue", {"yes": {}})
    model = _model_cue_choice(pack, (0.6, 0.3, 0.1), classes=("yes", "more", NONE))
    assert model.second_opinion(hit, "yeah yeah continue", S.ANSWERED) is hit
    model.never_chosen = set()
    assert model.second_opinion(hit, "yeah yeah continue", S.ANSWERED) == ControlHit("yes", {}, 0.8, "cue")


def test_a_cue_is_confirmed_only_when_the_model_gives_the_same_intent(pack):
    cue = ControlHit("full", {}, 0.8, "cue")
    assert _model_cue_choice(pack, (0.2, 0.7, 0.1)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is cue
    assert _model_cue_choice(pack, (0.2, 0.45, 0.35)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model_cue_choice(pack, (0.7, 0.2, 0.1)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model_cue_choice(pack, (0.1, 0.2, 0.7)).confirmed(cue, "the whole answer", S.ANSWERED, 0.5) is None
    assert _model_cue_choice(pack, (0.2, 0.7, 0.1)).confirmed(None, "the whole answer", S.ANSWERED, 0.5) is None


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


# Written for this test (not from any evaluation set): (text, state, intent, slots, intent without the change).
NOW_UNDERSTOOD_CUE_CHOICE = [  # the cue words name brief first, the model chooses full
    # (twenty-sixth round: the brief cue is never where the short one is set aside, "instead of the short one": the cue
    # words name full alone, so full without the model's choice too)
    ("please always the whole answer instead of the short one", S.ANSWERED, "full", {}, "full"),
    pytest.param("no more short versions, the full thing from now on", S.ANSWERED, "full", {}, "brief",
                 marks=pytest.mark.xfail(strict=True, reason="the tune48 refit (7f9837c): brief (the cue's other intent), a known miss")),
]
NOW_COMMANDS = [  # a passage picked by one word before; the cue and the model agree on the command
    # (thirty-sixth round: "let's move on to his legs" left this list: a start_routine template now takes "move on to" a
    # limb whole, so the cue's second opinion is no longer what gives it; the same result, in
    # test_controls_asked_numbered_and_dictated.py)
    ("time to do his arms now", S.ANSWERED, "start_routine", {"routine": "arms"}, "ask_see_doctor"),
    ("right let's get her hands moving", S.ANSWERED, "start_routine", {"routine": "hands"}, "ask_passive_exercise"),
]
NEW_TEMPLATES = [  # intents.yaml: "what else is covered" (list_topics), "sound like a man" (change_voice)
    ("what else is covered in there", S.ANSWERED, "list_topics"),
    ("so what does it cover", S.ANSWERED, "list_topics"),
    ("what else does the article cover", S.IDLE, "list_topics"),
    ("could you sound like a woman", S.IDLE, "change_voice"),
    ("can you sound more like a bloke", S.READING, "change_voice"),
]
LEFT_ALONE_CUE_CHOICE = [
    ("is physio covered by insurance", S.IDLE, "not_covered"),
    # a knowledge miss from tune8:odd's joining the classifier's training (4b15f0d) until the tune27 rebuild (79f3eb4):
    # answered again; no control takes it (the tune28 rebuild, ea2da72, moved its topic to ask_sedentary; the tune29/tune30
    # rebuild, 57e6217, to ask_recovery_after_illness: still answered, still no command)
    ("is a week of rest enough to lose muscle", S.IDLE, "ask_recovery_after_illness"),
    ("how fast do muscles waste when you stop moving", S.IDLE, "ask_disuse"),
    ("can you give me a short answer on what causes it", S.IDLE, "ask_causes"),
    ("what is the short version of the causes", S.IDLE, "ask_causes"),
    ("i want the complete answers, not the short ones", S.ANSWERED, "full"),
    ("could you talk slower, i can't keep up with you", S.ANSWERED, "slower"),
    ("can we do his hands after this", S.ANSWERED, "start_routine"),
    ("who won the football last night", S.ANSWERED, "fallback"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "slots", "before"), NOW_UNDERSTOOD_CUE_CHOICE)
def test_the_model_chooses_among_the_intents_cue_words_name(understander, text, state, intent, slots, before):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)
    model = understander.learned_controls
    assert model is not None and model.choose == CHOOSE_BAR == 0.3
    model.choose = None
    try:
        assert understander.understand(text, state).intent == before
    finally:
        model.choose = CHOOSE_BAR


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "slots", "before"), NOW_COMMANDS)
def test_a_cue_the_model_agrees_with_wins_over_a_weak_knowledge_answer(understander, text, state, intent, slots, before):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)
    assert understander.cue_over_knowledge == CUE_OVER_KNOWLEDGE == 0.5
    understander.cue_over_knowledge = None
    try:
        assert understander.understand(text, state).intent == before
    finally:
        understander.cue_over_knowledge = CUE_OVER_KNOWLEDGE


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), NEW_TEMPLATES)
def test_everyday_topic_and_voice_requests(understander, text, state, intent):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, {})


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), LEFT_ALONE_CUE_CHOICE)
def test_questions_strong_commands_and_other_lines_are_left_alone(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@needs_model
def test_the_safety_check_stays_first_cue_choice(understander):
    assert understander.understand("let's move on to his legs, he's not breathing", S.ANSWERED).intent == "emergency"
    assert understander.understand("the whole answer not the short one, she collapsed", S.ANSWERED).intent == "emergency"
