"""The joint answer-or-not decision of knowledge questions (voice_guide/nlu/decision.py).

The questions are written for these tests; none comes from the dev set or the paraphrase sets.
"""

import logging

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.decision import FEATURES, Decision, KnowledgeSignals, decision_yaml, fit_decision, load_decision, signals
from voice_guide.nlu.understanding import Understander


def _sig(confidence: float, p_ood: float, known: float) -> KnowledgeSignals:
    return KnowledgeSignals(confidence=confidence, p_best=1 - p_ood, p_ood=p_ood, p_section=1 - p_ood, sim_topic=0.7,
                            sim_ood=0.5, sim_margin=0.2, known_share=known, evidence=0.7, agree=1.0)


def test_signals_are_read_from_the_matchers_scores():
    s = signals(0.8, [0.1, 0.6, 0.3], [0.7, 0.5, 0.55], topic=0, known_share=0.5, evidence=1.0)
    assert s == KnowledgeSignals(confidence=0.8, p_best=0.6, p_ood=0.3, p_section=0.1, sim_topic=0.7, sim_ood=0.55,
                                 sim_margin=pytest.approx(0.15), known_share=0.5, evidence=pytest.approx(0.6931, abs=1e-4),
                                 agree=0.0)
    assert signals(0.8, None, [0.7, 0.5], 0, 1.0, 1.0) is None
    assert signals(0.8, [0.5, 0.5], [0.7], 0, 1.0, 1.0) is None  # no out-of-domain similarity


def test_the_classifier_signals_are_per_section():
    # three topics, the first two of one section: the classifier spreads 0.6 over them
    s = signals(1.0, [0.3, 0.3, 0.25, 0.15], [0.8, 0.7, 0.6, 0.5], topic=1, known_share=1.0, evidence=2.0,
                sections=["causes", "causes", "disuse"])
    assert s is not None
    assert (s.p_best, s.p_section, s.p_ood, s.agree) == (pytest.approx(0.6), pytest.approx(0.6), pytest.approx(0.15), 1.0)
    other = signals(1.0, [0.3, 0.3, 0.25, 0.15], [0.8, 0.7, 0.6, 0.5], topic=2, known_share=1.0, evidence=2.0,
                    sections=["causes", "causes", "disuse"])
    assert other is not None and (other.p_section, other.agree) == (pytest.approx(0.25), 0.0)
    alone = signals(1.0, [0.3, 0.3, 0.25, 0.15], [0.8, 0.7, 0.6, 0.5], topic=1, known_share=1.0, evidence=2.0)
    assert alone is not None and (alone.p_best, alone.p_section) == (pytest.approx(0.3), pytest.approx(0.3))


def test_a_fitted_decision_answers_the_article_and_declines_the_rest():
    rows = [_sig(0.9, 0.05, 1.0), _sig(0.8, 0.1, 0.9), _sig(0.7, 0.2, 1.0), _sig(0.85, 0.1, 0.8),
            _sig(0.4, 0.9, 0.3), _sig(0.5, 0.8, 0.5), _sig(0.3, 0.7, 0.4)]
    decision = fit_decision(rows, [True, True, True, True, False, False, False])
    assert decision.answers(_sig(0.8, 0.1, 0.9))
    assert not decision.answers(_sig(0.4, 0.85, 0.4))
    assert decision.probability(_sig(0.6, 0.2, 0.8)) > decision.probability(_sig(0.6, 0.6, 0.8))
    with pytest.raises(ValueError):
        fit_decision(rows[:2], [True, True])


def test_decision_file_round_trip_and_refusals(tmp_path, caplog):
    decision = Decision(tuple(0.1 * i for i in range(len(FEATURES))), (1.0,) * len(FEATURES),
                        tuple(float(i) for i in range(len(FEATURES) + 1)), 0.4)
    (tmp_path / "decision.yaml").write_text(decision_yaml(decision, "a note"), encoding="utf-8")
    assert load_decision(tmp_path) == decision
    assert load_decision(tmp_path / "nowhere") is None
    assert load_decision(None) is None
    (tmp_path / "decision.yaml").write_text("features: [confidence]\nmean: [0]\nscale: [1]\nweights: [1, 0]\n")
    with caplog.at_level(logging.WARNING):
        assert load_decision(tmp_path) is None
    assert "not used" in caplog.text


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


def test_the_shipped_pack_has_a_decision(und):
    assert und.decision is not None and 0.0 < und.decision.threshold < 1.0


@pytest.mark.parametrize("text", [
    "how do I become a physiotherapist",
])
def test_near_domain_questions_the_words_would_answer_are_vetoed(und, text):
    found, sig = und.knowledge.match_signals(und._clean(text))
    assert found is not None and found.confidence >= und.threshold  # the words alone would answer it
    assert und.understand(text).intent == "fallback"


@pytest.mark.parametrize("text, section", [
    ("what's muscle atrophy", "faq_what_is"),
    ("can you rebuild muscle after being in bed for months", "faq_rebuild"),
    ("why do muscles waste when nerves are damaged", "neurogenic"),
    ("how long does a plaster cast leave the leg thin", "disuse"),
])
def test_questions_on_the_article_pass_the_decision(und, text, section):
    assert und.understand(text).section_id == section


def test_the_cached_engine_is_keyed_by_the_decision_file(tmp_path):
    import shutil

    from voice_guide.content.pack import DEFAULT_PACK_DIR
    from voice_guide.engine_cache import derived_key

    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK_DIR, folder)
    before = derived_key(load_pack(folder), "code")
    path = folder / "decision.yaml"
    text = path.read_text(encoding="utf-8")
    threshold = next(line for line in text.splitlines() if line.startswith("threshold:"))
    other = "threshold: 0.55" if threshold.strip() != "threshold: 0.55" else "threshold: 0.45"
    path.write_text(text.replace(threshold, other), encoding="utf-8")
    after = derived_key(load_pack(folder), "code")
    assert before is not None and after is not None and before != after


@pytest.mark.parametrize("bad", ["nan", "inf"])
def test_a_decision_file_with_a_number_that_is_not_finite_is_not_used(tmp_path, caplog, bad):
    decision = Decision((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (1.0,) * (len(FEATURES) + 1), 0.5)
    text = decision_yaml(decision).replace("threshold: 0.5", f"threshold: .{bad}")
    assert f"threshold: .{bad}" in text
    (tmp_path / "decision.yaml").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_decision(tmp_path) is None
    assert "not a finite number" in caplog.text
