"""Tenth round: the classifier's training recipe, the passage inside a section, and a few declines.

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu import classifier as clf
from voice_guide.nlu.declines import DeclineRules

_EN = get_language("en")


@pytest.fixture(scope="module")
def rules():
    return DeclineRules(load_pack().intents)


@pytest.mark.parametrize("text, intent", [
    ("does not drinking enough water make your muscles waste", "not_covered"),
    ("could being dehydrated shrink his leg muscles", "not_covered"),
    ("what are the signs of dehydration in the elderly", "out_of_scope"),
    ("can vegetarians keep their muscles as they age", "out_of_scope"),
    ("is a plant based diet ok for grandad", "out_of_scope"),
    ("should i give him his tablets before the exercises", "medical_advice"),
    ("how many tablets can she take a day", "medical_advice"),
])
def test_fluids_and_diets_are_declined(rules, text, intent):
    assert rules.match(_EN.normalize(text)) == intent


@pytest.mark.parametrize("text", [
    "does lying in bed all week make the leg muscles waste",
    "why do muscles shrink after a stroke",
    "my dad drinks a lot of tea and sits all day, will his muscles go",
    "can steroid tablets taken for years cause muscle wasting",
])
def test_the_new_declines_leave_questions_about_the_article(rules, text):
    assert rules.match(_EN.normalize(text)) is None


def _tokens(text):
    return text.split()


def test_topic_words_only_drops_words_only_the_out_of_domain_lines_use():
    lists = [["muscl", "shrink"], ["muscl", "bed"], ["knee", "click"], ["muscl", "knee"]]
    labels = [0, 0, 1, 1]
    kept = clf._vocabulary(lists, labels, 1, clf.TrainingSettings(topic_words_only=True))
    assert "knee" not in kept and "click" not in kept and "knee_click" not in kept
    assert "muscl" in kept and "bed" in kept
    everything = clf._vocabulary(lists, labels, 1, clf.TrainingSettings())
    assert {"knee", "click", "knee_click"} <= set(everything)


def test_min_count_drops_words_of_one_question():
    lists = [["muscl", "shrink"], ["muscl", "bed"]]
    assert clf._vocabulary(lists, [0, 0], 1, clf.TrainingSettings(min_count=2)) == ["muscl"]


def test_sample_weights_move_the_fit_towards_the_heavier_rows():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 3)).astype(np.float32)
    vectors[3:] = vectors[:3]  # the same questions, labelled both ways
    rows = [clf.SparseRow(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)) for _ in range(6)]
    labels = np.asarray([0, 0, 0, 1, 1, 1])
    settings = clf.TrainingSettings(iterations=200)
    plain = clf.fit_softmax(vectors, rows, 0, labels, 2, settings)
    heavy = clf.fit_softmax(vectors, rows, 0, labels, 2, settings, np.asarray([1.0, 1.0, 1.0, 0.2, 0.2, 0.2]))
    assert abs(float(plain[-1, 0] - plain[-1, 1])) < 0.05  # balanced: no class preferred
    assert float(heavy[-1, 0] - heavy[-1, 1]) > 0.1  # the lighter out-of-domain rows pull less


@pytest.fixture(scope="module")
def und():
    from voice_guide.nlu.understanding import Understander

    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("what does muscle wasting do to a person", "ask_symptoms", "introduction"),
    ("can a serious infection make muscles waste", "ask_compounding", "muscle_wasting"),
    ("i move dad's arms each morning, is it doing his muscles any good", "ask_passive_exercise", "neurogenic"),
    ("why is she so much weaker after three weeks stuck in bed with pneumonia", "ask_bedridden", "disuse"),
])
def test_questions_with_everyday_words_are_answered(und, text, intent, section):
    match = und.understand(text)
    assert (match.intent, match.section_id) == (intent, section)
