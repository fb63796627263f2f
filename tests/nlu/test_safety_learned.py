"""The learned safety net under the rules (voice_guide/nlu/safety_learned.py): what it catches
that the rules miss, what it leaves alone, its weights file, and both paths (typed and spoken)."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from voice_guide.content.pack import DEFAULTS_DIR, load_pack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.embedding import load_embedder, model_files
from voice_guide.nlu.interpret import CONFIRM_EMERGENCY, Interpreter
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.safety_learned import (
    CLASSES,
    EmbedderVectors,
    FeatureSettings,
    NetSettings,
    SafetyNet,
    read_weights,
    safety_folder,
    save_weights,
)
from voice_guide.nlu.understanding import Understander

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")

# Written for this test (not from any evaluation set): the rules as they stand find nothing in these.
CRISIS_THE_RULES_MISS = [
    "there is no point in any of it anymore, i am done",
    "i keep thinking my kids would be better without their useless dad",
]
EMERGENCY_THE_RULES_MISS = ["my wife has gone a funny grey colour and is all clammy"]
ASKED_ABOUT = "dad is grey and quiet and says he feels rough"  # since the tune23 rebuild (the old line is left alone by the net)
NEAR_MISSES = [
    "what is the best way to stretch my wife's shoulder",
    "my dad had a heart attack ten years ago, can he still do these exercises",
    "i am dying to try the next routine",
    "she choked on her words when she saw the grandkids",
    "he is not short of breath at all today",
    "can muscle wasting make breathing harder",
    "i am so tired of this routine lol",
    "the blood test results came back normal",
    "how am i meant to use this thing",
]


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def rules(pack):
    """The shipped rules alone."""
    return SafetyRules(pack.safety)


@pytest.fixture(scope="module")
def netted(pack):
    """The shipped rules with the shipped net under them."""
    embedder = load_embedder()
    assert embedder is not None
    r = SafetyRules(pack.safety)
    assert r.use_net(safety_folder(pack), EmbedderVectors(embedder)) is not None
    return r


# --- what it catches, what it leaves alone -------------------------------------------------------

@needs_model
@pytest.mark.parametrize("text", CRISIS_THE_RULES_MISS)
def test_indirect_crisis_talk_the_rules_miss_gets_the_crisis_reply(rules, netted, text):
    assert rules.assess(text).kind is FindingKind.NONE
    finding = netted.assess(text)
    assert (finding.kind, finding.concept, finding.reply) == (FindingKind.CRISIS, "crisis", netted.reply(FindingKind.CRISIS))
    assert finding.phrase.startswith("learned:")


@needs_model
@pytest.mark.parametrize("text", EMERGENCY_THE_RULES_MISS)
def test_an_emergency_the_rules_miss_gets_the_emergency_reply(rules, netted, text):
    assert rules.assess(text).kind is FindingKind.NONE
    finding = netted.assess(text)
    assert (finding.kind, finding.reply) == (FindingKind.EMERGENCY, netted.reply(FindingKind.EMERGENCY))


@needs_model
def test_a_report_the_net_only_suspects_gets_the_confirmation_question(rules, netted):
    assert rules.assess(ASKED_ABOUT).kind is FindingKind.NONE
    finding = netted.assess(ASKED_ABOUT)
    assert (finding.kind, finding.intent, finding.is_red_flag) == (FindingKind.CONFIRM, CONFIRM_EMERGENCY, False)
    assert finding.reply == netted.confirm_question(None)
    assert "emergency number" in finding.reply


@needs_model
@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_left_alone(netted, text):
    assert netted.assess(text).kind is FindingKind.NONE


@needs_model
def test_the_rules_decide_first(netted):
    finding = netted.assess("he has collapsed and is not breathing")
    assert finding.kind is FindingKind.EMERGENCY and not finding.phrase.startswith("learned:")
    assert netted.assess("it hurts, stop").kind is FindingKind.PAIN


@needs_model
def test_the_routine_checks_use_the_net_too(rules, netted):
    """The routine player asks ``is_emergency`` / ``is_crisis`` (voice_guide/routines/player.py)."""
    assert not rules.is_crisis(CRISIS_THE_RULES_MISS[0]) and netted.is_crisis(CRISIS_THE_RULES_MISS[0])
    assert not rules.is_emergency(EMERGENCY_THE_RULES_MISS[0]) and netted.is_emergency(EMERGENCY_THE_RULES_MISS[0])
    assert not netted.is_emergency(ASKED_ABOUT) and not netted.is_emergency(NEAR_MISSES[1])
    assert not netted.is_emergency(CRISIS_THE_RULES_MISS[0])


def test_in_a_context_cue_an_emergency_the_net_doubts_is_asked_about(pack):
    """``doubt_in_context_at``: only where a history, question or idiom cue stands in the text."""
    r = SafetyRules(pack.safety)
    assert r.net_settings is not None and (r.net_settings.doubt_at, r.net_settings.doubt_in_context_at) == (None, 0.75)
    r.net = _constant_net(CLASSES.index("none"))
    history = "he had a fit in 2019 and again last spring, is the routine safe for him"
    assert r.context_cue(history) and not r.context_cue("she can't breathe")
    assert r.assess(history) == SafetyFinding(FindingKind.CONFIRM, "seizure", r.confirm_question("seizure"), "had a fit")
    assert r.assess("she can't breathe").kind is FindingKind.EMERGENCY  # no cue: the rules' alarm stands
    # a cue in another clause than the alarm's does not count: the net wrongly gives this none 0.98
    assert r.assess("what causes muscle loss, and she can't breathe").kind is FindingKind.EMERGENCY
    assert r.assess("in 2019 he tried to kill himself and now he says he will do it again").kind is FindingKind.CRISIS


@needs_model
def test_the_shipped_net_asks_about_a_history_the_rules_flag(rules, netted):
    history = "he had a fit in 2019 and again last spring, is the routine safe for him"
    assert rules.assess(history).kind is FindingKind.EMERGENCY
    assert netted.assess(history).kind is FindingKind.CONFIRM


def test_an_emergency_the_net_is_all_but_sure_is_none_is_asked_about_never_silenced(pack):
    r = SafetyRules({**pack.safety, "learned": {**pack.safety["learned"], "doubt_at": 0.95}})
    assert r.net_settings is not None and r.net_settings.doubt_at == 0.95
    r.net = _constant_net(CLASSES.index("none"))
    finding = r.assess("she can't breathe")
    assert (finding.kind, finding.concept, finding.reply) == (FindingKind.CONFIRM, "breathing", r.confirm_question("breathing"))
    assert "emergency number" in finding.reply
    assert r.is_emergency("she can't breathe")  # the routine's check still stops the routine
    assert r.assess("I want to end my life").kind is FindingKind.CRISIS  # crisis talk is never doubted
    r.net = _constant_net(CLASSES.index("emergency"))
    assert r.assess("she can't breathe").kind is FindingKind.EMERGENCY


def test_the_spoken_path_keeps_a_poorly_heard_emergency_as_a_question(pack):
    """With the shipped settings a net sure of none changes nothing on the spoken path."""
    u = Understander(pack, embeddings=False)
    u.safety.net = _constant_net(CLASSES.index("none"))
    interpreter = Interpreter(u)
    assert interpreter.interpret("she can't breathe", 0.9).intent == "emergency"
    low = interpreter.interpret("she can't breathe", 0.2)
    assert (low.intent, low.slots["concept"]) == (CONFIRM_EMERGENCY, "breathing")


def _constant_net(column: int, buckets: int = 8, dim: int = 4) -> SafetyNet:
    """A net whose bias makes one class certain, whatever the text."""
    weights = np.zeros((dim + buckets + 1, len(CLASSES)), dtype=np.float32)
    weights[-1, column] = 20.0
    return SafetyNet(weights, FeatureSettings(buckets=buckets), lambda text: np.full(dim, 0.5, dtype=np.float32))


def test_the_net_never_vetoes_an_alarm_the_rules_raise(pack):
    r = SafetyRules(pack.safety)
    r.net = _constant_net(CLASSES.index("none"))
    assert r.assess("she can't breathe").kind is FindingKind.EMERGENCY  # the shipped settings never doubt
    assert r.is_emergency("she can't breathe") and r.is_red_flag("she can't breathe")
    assert r.assess("I want to end my life").kind is FindingKind.CRISIS
    r.net = _constant_net(CLASSES.index("crisis"))
    assert r.assess("no chest pain today").kind is FindingKind.CRISIS  # cancelled by the rules: the net reads it
    assert r.assess("").kind is FindingKind.NONE  # nothing to read


def test_a_sentence_vector_of_another_length_turns_the_net_off(pack, caplog):
    r = SafetyRules(pack.safety)
    net = _constant_net(CLASSES.index("emergency"))
    net._vectors = lambda text: np.zeros(7, dtype=np.float32)
    r.net = net
    with caplog.at_level(logging.WARNING):
        assert r.assess("hello there").kind is FindingKind.NONE
    assert not net.usable and "learned safety net off" in caplog.text


# --- the weights file -------------------------------------------------------------------------

def test_the_weights_file_round_trips(tmp_path):
    weights = np.arange(3 * (4 + 8 + 1), dtype=np.float32).reshape(13, 3) / 10
    features = FeatureSettings(buckets=8, char_sizes=(2, 5), embedding_weight=0.5)
    path = tmp_path / "net.npz"
    path.write_bytes(save_weights(weights, features, "fitted for a test", dim=4))
    got_weights, got_features, dim = read_weights(path)
    assert (got_weights.tolist(), got_features, dim) == (weights.tolist(), features, 4)


def test_the_shipped_weights_file_is_read(pack):
    weights, features, dim = read_weights(DEFAULTS_DIR / "safety_model.npz")
    assert weights.shape == (dim + features.buckets + 1, len(CLASSES)) and np.isfinite(weights).all()
    assert SafetyRules(pack.safety).net_settings == NetSettings("safety_model.npz", 0.8, 0.9, 0.8, None, 0.75, 0.7, 7, 0.95, 0.4, 0.96, 0.95, 0.99, 0.95, 0.99)


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("weights", "dim", "message"), [
    (np.zeros((10, 3), dtype=np.float32), 4, "shape"),
    (np.zeros((13, 2), dtype=np.float32), 4, "shape"),
    (np.full((13, 3), np.nan, dtype=np.float32), 4, "not finite"),
])
def test_a_weights_file_of_the_wrong_shape_or_values_is_refused(tmp_path, weights, dim, message):
    path = _bad(tmp_path, "net.npz", save_weights(weights, FeatureSettings(buckets=8), "bad", dim))
    with pytest.raises(ContentError, match=message):
        read_weights(path)


def test_a_file_that_is_not_a_weights_file_is_refused(tmp_path):
    with pytest.raises(ContentError, match="not a safety model file"):
        read_weights(_bad(tmp_path, "net.npz", b"PK\x03\x04 not really a zip"))
    with pytest.raises(ContentError, match="safety model file"):
        read_weights(tmp_path / "missing.npz")


def test_a_missing_or_broken_file_turns_the_net_off_with_a_warning(pack, tmp_path, caplog):
    r = SafetyRules(pack.safety)
    _bad(tmp_path, "safety_model.npz", b"garbage")
    with caplog.at_level(logging.WARNING):
        assert r.use_net(tmp_path, lambda text: None) is None
        assert r.use_net(tmp_path / "nowhere", lambda text: None) is None
    assert caplog.text.count("learned safety net off, the rules alone decide") == 2
    assert r.net is None and r.assess("she can't breathe").kind is FindingKind.EMERGENCY


@pytest.mark.parametrize(("learned", "message"), [
    ({"model": "safety_model.npz", "crisis_at": 1.5, "emergency_at": 0.9, "confirm_at": 0.8}, "learned.crisis_at"),
    ({"model": "safety_model.npz", "crisis_at": 0.8, "emergency_at": "high", "confirm_at": 0.8}, "learned.emergency_at"),
    ({"model": "safety_model.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": True}, "learned.confirm_at"),
    ({"model": "../elsewhere.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8}, "learned.model"),
    ({"model": "safety_model.npz", "crisis_at": 0.8, "emergency_at": 0.7, "confirm_at": 0.8}, "confirm_at must not be above"),
    (["safety_model.npz"], "learned: expected a mapping"),
    ({"model": "safety_model.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8, "doubt_at": 0.3}, "learned.doubt_at"),
])
def test_bad_net_settings_are_one_content_error(pack, learned, message):
    with pytest.raises(ContentError, match=message):
        SafetyRules({**pack.safety, "learned": learned})


def test_without_a_learned_section_there_is_no_net(pack, tmp_path):
    r = SafetyRules({k: v for k, v in pack.safety.items() if k != "learned"})
    assert r.net_settings is None and r.use_net(DEFAULTS_DIR, lambda text: None) is None


# --- both paths -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def understander(pack):
    return Understander(pack)


@needs_model
def test_the_typed_path_uses_the_net(understander):
    assert understander.safety.net is not None
    assert understander.understand(CRISIS_THE_RULES_MISS[0]).intent == "crisis"
    assert understander.understand(EMERGENCY_THE_RULES_MISS[0]).intent == "emergency"
    assert understander.understand(ASKED_ABOUT).intent == CONFIRM_EMERGENCY
    assert understander.understand(NEAR_MISSES[0]).intent != "emergency"


@needs_model
def test_the_spoken_path_uses_the_net(understander):
    interpreter = Interpreter(understander)
    best = interpreter.interpret(EMERGENCY_THE_RULES_MISS[0], 0.9)
    assert (best.intent, best.confidence) == ("emergency", 1.0)
    assert interpreter.interpret(CRISIS_THE_RULES_MISS[1], 0.9).intent == "crisis"
    runner_up = interpreter.interpret("my wife has gone to the shops", 0.9, alternatives=((EMERGENCY_THE_RULES_MISS[0], 0.6),))
    assert (runner_up.intent, runner_up.slots["heard"]) == (CONFIRM_EMERGENCY, EMERGENCY_THE_RULES_MISS[0])


def test_without_embeddings_the_rules_alone_decide(pack):
    plain = Understander(pack, embeddings=False)
    assert plain.safety.net is None
    assert plain.understand(EMERGENCY_THE_RULES_MISS[0]).intent != "emergency"


def test_a_pickled_net_reads_its_weights_file_again(tmp_path, caplog):
    """The engine's derived-data cache pickles the understander: the net keeps only its file's
    path, so new weights are never shadowed by a cached copy, and a broken file turns it off."""
    import pickle

    path = tmp_path / "safety_model.npz"
    net = _constant_net(CLASSES.index("crisis"))
    path.write_bytes(save_weights(net.weights, net.features, "test", dim=4))
    loaded = SafetyNet(*read_weights(path)[:2], EmbedderVectors(None), path)  # type: ignore[arg-type]
    data = pickle.dumps(loaded)
    assert len(data) < 1000  # no weights inside
    path.write_bytes(save_weights(net.weights * 2, net.features, "test", dim=4))
    assert pickle.loads(data).weights.tolist() == (net.weights * 2).tolist()
    path.write_bytes(b"broken")
    with caplog.at_level(logging.WARNING):
        assert not pickle.loads(data).usable
    assert "learned safety net off" in caplog.text


@needs_model
def test_spoken_a_best_hypothesis_the_net_only_suspects_is_asked_about_at_any_confidence(understander):
    """The net's question does not wait for the recognizer confidence a question about the article needs."""
    interpreter = Interpreter(understander)
    for confidence in (0.9, 0.05):
        asked = interpreter.interpret(ASKED_ABOUT, confidence)
        assert (asked.intent, asked.slots["heard"], asked.confidence) == (CONFIRM_EMERGENCY, ASKED_ABOUT, round(confidence, 3))


def test_the_lower_crisis_bar_applies_only_to_long_utterances():
    settings = NetSettings.from_data({"model": "m.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8,
                                      "crisis_long_at": 0.7, "long_words": 7})
    assert settings is not None
    assert settings.crisis_bar("keep going") == 0.8
    assert settings.crisis_bar("um is there more keep going") == 0.8
    assert settings.crisis_bar("she keeps saying there is no point to any of it") == 0.7
    plain = NetSettings.from_data({"model": "m.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8})
    assert plain is not None and plain.crisis_bar("she keeps saying there is no point to any of it") == 0.8


@pytest.mark.parametrize(("extra", "message"), [
    ({"crisis_long_at": 1.5}, "crisis_long_at"),
    ({"crisis_long_at": True}, "crisis_long_at"),
    ({"crisis_long_at": 0.7, "long_words": 0}, "long_words"),
    ({"crisis_long_at": 0.7, "long_words": "seven"}, "long_words"),
])
def test_bad_lower_crisis_bar_settings_are_one_clear_content_error(extra, message):
    with pytest.raises(ContentError, match=message):
        NetSettings.from_data({"model": "m.npz", "crisis_at": 0.8, "emergency_at": 0.9, "confirm_at": 0.8, **extra})
