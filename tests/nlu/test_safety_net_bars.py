"""The learned safety net's bars, both sides, in phrases written for these tests (not from any set): raised
bars under a phrase the rules negated, a lower doubt bar in a context cue, a text of function words never
flagged, talk the learned control model is sure is a command winning over the net alone."""

from __future__ import annotations

import importlib.util
import io
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_guide.core.errors import ContentError
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.safety_learned import (
    CLASSES,
    FUNCTION_WORDS,
    FeatureSettings,
    NetSettings,
    SafetyNet,
    has_content,
    lexical_features,
    read_weights,
    save_weights,
)
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import COMMANDS_OVER_NET_LEARNED

# ----------------------------------------------------------------------------------------------------
# Eighth session's safety mechanisms, with phrases written for these tests (not from any set):
# the net's raised bars under a phrase the rules negated (``learned.negated_at``), the lower doubt
# bar for an alarm in a context cue (``learned.doubt_in_context_at``) and gapped word pairs as
# optional features of the net (``FeatureSettings.gap_words``).
# ----------------------------------------------------------------------------------------------------


NEGATED_STROKE = "his face is not drooping and he is chatting away, he is only sleepy"
NEGATED_CRISIS = "i am not thinking of harming myself, i am only fed up with the forms"
PLAIN = "we finished the shoulder rolls and she is having a cup of tea now"


def _net(none: float, emergency: float, crisis: float, buckets: int = 8, dim: int = 4) -> SafetyNet:
    """A net that gives these class probabilities to every text (a bias of their logarithms)."""
    weights = np.zeros((dim + buckets + 1, len(CLASSES)), dtype=np.float32)
    weights[-1] = [math.log(none), math.log(emergency), math.log(crisis)]
    return SafetyNet(weights, FeatureSettings(buckets=buckets), lambda text: np.full(dim, 0.5, dtype=np.float32))


def _rules(pack, none: float, emergency: float, crisis: float) -> SafetyRules:
    r = SafetyRules(pack.safety)
    r.net = _net(none, emergency, crisis)
    return r


# --- the net under a phrase the rules negated ------------------------------------------------

def test_the_shipped_settings_raise_the_nets_bars_under_a_negated_phrase(pack):
    settings = SafetyRules(pack.safety).net_settings
    assert settings is not None and settings.negated_at == 0.95
    assert settings.bars(PLAIN, negated=False) == (0.7, 0.9, 0.8)
    assert settings.bars(PLAIN, negated=True) == (0.95, 2.0, 0.95)


def test_under_a_negated_phrase_the_net_asks_at_most(pack):
    r = _rules(pack, 0.01, 0.98, 0.01)
    assert r.cancelled_concepts(NEGATED_STROKE) == {"stroke"}
    finding = r.assess(NEGATED_STROKE)
    assert (finding.kind, finding.reply) == (FindingKind.CONFIRM, r.confirm_question(finding.concept))
    assert "emergency number" in finding.reply  # the question still says to call
    assert r.assess(PLAIN).kind is FindingKind.EMERGENCY  # no negated phrase: the usual bars


def test_under_a_negated_phrase_a_weak_suspicion_is_left_alone(pack):
    r = _rules(pack, 0.07, 0.92, 0.01)
    assert r.assess(NEGATED_STROKE) == SafetyFinding(FindingKind.NONE)
    assert r.assess(PLAIN).kind is FindingKind.EMERGENCY
    assert not r.is_emergency(NEGATED_STROKE)


def test_under_a_negated_crisis_phrase_the_crisis_bar_is_raised(pack):
    r = _rules(pack, 0.06, 0.01, 0.93)
    assert r.cancelled_concepts(NEGATED_CRISIS) == {"crisis"}
    assert r.assess(NEGATED_CRISIS) == SafetyFinding(FindingKind.NONE)
    assert not r.is_crisis(NEGATED_CRISIS)
    assert r.assess("there is nothing left for me now").kind is FindingKind.CRISIS  # no negation: 0.8
    sure = _rules(pack, 0.02, 0.01, 0.97)
    finding = sure.assess(NEGATED_CRISIS)
    assert (finding.kind, finding.concept, finding.phrase) == (FindingKind.CRISIS, "crisis", "learned:0.97")


def test_a_negated_phrase_never_silences_another_live_alarm(pack):
    r = _rules(pack, 0.98, 0.01, 0.01)
    text = "no chest pain, but his lips have gone blue and he can't breathe"
    assert r.assess(text).kind is FindingKind.EMERGENCY


@pytest.mark.parametrize("value", [0, 1.5, True, "high"])
def test_a_bad_negated_bar_is_one_content_error(pack, value):
    with pytest.raises(ContentError, match="learned.negated_at"):
        NetSettings.from_data({**pack.safety["learned"], "negated_at": value})


def test_without_a_negated_bar_the_usual_bars_apply(pack):
    learned = {k: v for k, v in pack.safety["learned"].items() if k != "negated_at"}
    r = SafetyRules({**pack.safety, "learned": learned})
    r.net = _net(0.01, 0.98, 0.01)
    assert r.net_settings is not None and r.net_settings.negated_at is None
    assert r.assess(NEGATED_STROKE).kind is FindingKind.EMERGENCY


# --- the doubt of an alarm in a context cue ---------------------------------------------------

HISTORY_ALARM = "he collapsed at the bowls club in 2021 and again at easter, can he do the arm circles"
WELL_NOW = "he collapsed at the bowls club in 2021 and today he is grand, can he do the arm circles"


def test_an_alarm_in_a_history_clause_is_asked_about_from_none_075(pack):
    doubting = _rules(pack, 0.78, 0.2, 0.02)
    assert doubting.net_settings is not None and doubting.net_settings.doubt_in_context_at == 0.75
    finding = doubting.assess(HISTORY_ALARM)
    assert (finding.kind, finding.concept) == (FindingKind.CONFIRM, "collapse")
    assert _rules(pack, 0.72, 0.26, 0.02).assess(HISTORY_ALARM).kind is FindingKind.EMERGENCY
    assert doubting.assess("he collapsed and he is not waking up").kind is FindingKind.EMERGENCY  # no cue


# --- gapped word pairs --------------------------------------------------------------------

def test_gapped_word_pairs_are_features_only_when_asked_for():
    plain, gapped = FeatureSettings(buckets=4096), FeatureSettings(buckets=4096, gap_words=2)
    assert np.count_nonzero(lexical_features("take the lot", gapped)) > np.count_nonzero(
        lexical_features("take the lot", plain))
    assert np.array_equal(lexical_features("help", plain), lexical_features("help", gapped))  # one word: no pairs


def test_the_gap_setting_round_trips_and_an_older_file_reads_as_no_gap(tmp_path):
    weights = np.zeros((4 + 8 + 1, 3), dtype=np.float32)
    path = tmp_path / "net.npz"
    path.write_bytes(save_weights(weights, FeatureSettings(buckets=8, gap_words=2), "a test", dim=4))
    assert read_weights(path)[1] == FeatureSettings(buckets=8, gap_words=2)
    with np.load(path) as f:
        older = {k: f[k] for k in f.files if k != "gap_words"}
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **older)
    path.write_bytes(buffer.getvalue())
    assert read_weights(path)[1] == FeatureSettings(buckets=8, gap_words=0)


# --- a statement of being well now is no marker of now ----------------------------------------

@pytest.mark.parametrize("text", [
    WELL_NOW,
    "she had a seizure in 2020 and these days she is doing fine, are the leg lifts safe",
    "my husband blacked out on holiday in 2019 and he is back to normal now",
])
def test_a_past_event_beside_being_well_now_is_history(pack, text):
    r = SafetyRules(pack.safety)
    assert r.assess(text) == SafetyFinding(FindingKind.NONE)
    assert r.cancelled_concepts(text) & {"collapse", "seizure"}


@pytest.mark.parametrize(("text", "concept"), [
    ("she had a stroke in 2020 and today her face is drooping again", "stroke"),
    ("he was fine this morning and now he can not lift his arm", "stroke"),
    ("he had a fit in 2019, he is fine now but today he is fitting again", "seizure"),
])
def test_a_report_of_now_still_stands(pack, text, concept):
    finding = SafetyRules(pack.safety).assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, concept)


# --- a weak crisis sign of the rules and the net's doubt together -------------------------------

ONE_SIGN = "he has been giving his fishing rods away to the neighbours"


def test_one_crisis_sign_and_a_net_at_04_give_the_crisis_reply(pack):
    r = _rules(pack, 0.55, 0.01, 0.44)
    assert r.net_settings is not None and r.net_settings.crisis_sign_at == 0.4
    assert r.crisis_sign_found(ONE_SIGN) and not r.crisis_sign_found(PLAIN)
    finding = r.assess(ONE_SIGN)
    assert (finding.kind, finding.concept, finding.reply, finding.phrase) == (
        FindingKind.CRISIS, "crisis", r.reply(FindingKind.CRISIS), "learned:0.44")
    assert r.is_crisis(ONE_SIGN)
    assert r.assess(PLAIN) == SafetyFinding(FindingKind.NONE)  # no sign: the usual bar (0.7 for a long text)
    assert _rules(pack, 0.62, 0.01, 0.37).assess(ONE_SIGN) == SafetyFinding(FindingKind.NONE)


def test_without_a_net_one_crisis_sign_stays_ordinary_talk(pack):
    assert SafetyRules(pack.safety).assess(ONE_SIGN) == SafetyFinding(FindingKind.NONE)


def test_a_bad_crisis_sign_bar_is_one_content_error(pack):
    with pytest.raises(ContentError, match="learned.crisis_sign_at"):
        NetSettings.from_data({**pack.safety["learned"], "crisis_sign_at": 2})


# --- talk about what a source says is a cue for the doubt --------------------------------------

SOURCE_TALK = "the leaflet from the clinic says a blood clot in the leg is serious, what is one exactly"


def test_talk_about_a_source_is_a_cue_anywhere_in_the_message(pack):
    r = SafetyRules(pack.safety)
    assert r.reference_cue(SOURCE_TALK) and r.reference_cue("his physio mentioned it, is he having a stroke now")
    assert not r.reference_cue("she can't breathe and her lips are blue")
    assert not r.context_cue("she can not breathe")


def test_an_alarm_beside_talk_about_a_source_is_asked_about_when_the_net_doubts_it(pack):
    text = "the nurse warned us about clots, and now his calf is red and swollen"
    doubting = _rules(pack, 0.8, 0.18, 0.02)
    assert SafetyRules(pack.safety).assess(text).kind is FindingKind.EMERGENCY
    finding = doubting.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.CONFIRM, "blood_clot")
    assert "emergency number" in finding.reply
    assert _rules(pack, 0.3, 0.68, 0.02).assess(text).kind is FindingKind.EMERGENCY  # the net agrees: it stands


# ----------------------------------------------------------------------------------------------------
# Tenth session's safety mechanisms, with phrases written for these tests (not from any set): a
# text of function words only is never flagged by the net ("and?"), talk to the guide that the
# learned control model is sure is a command wins over the net alone, the net's everyday lines and
# the paraphrase set's tuning lines as class none, and the session's own fresh batch.
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_10.txt"

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


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
