"""The trained topic classifier: features, training, its cache, the pack's training data, its use.

Every sentence here is written for these tests (none from the dev set or the paraphrase sets).
"""

import dataclasses

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu.classifier import (
    LabelledTexts,
    TextRules,
    TopicClassifier,
    TrainingSettings,
    train_classifier,
    training_data,
    word_features,
)
from voice_guide.nlu.embedding import load_embedder, model_files
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import Understander

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama is not installed")

_TINY = LabelledTexts(
    texts=("how do i bake bread", "what flour makes a good loaf", "how long does dough rise",
           "how do i fix a flat tyre", "my bike chain keeps slipping", "how do i pump up a bicycle wheel",
           "what is the weather tomorrow", "will it rain this weekend"),
    labels=(0, 0, 0, 1, 1, 1, 2, 2),
    classes=3,
)


def _tokens(text: str) -> list[str]:
    return TextNormalizer({}, ()).tokens(text)


_RULES = TextRules(get_language("en").normalize, _tokens, "tests")


def test_word_features_are_the_stems_and_their_neighbour_pairs_once_each():
    assert word_features(["muscl", "wast", "muscl"]) == ["muscl", "wast", "muscl_wast", "wast_muscl"]
    assert word_features([]) == []


def test_a_blank_classifier_gives_every_class_the_same_probability():
    blank = TopicClassifier(np.zeros((2 + 2 + 1, 4), dtype=np.float32), ["a", "b"], TrainingSettings())
    probs = blank.probabilities(np.array([0.6, 0.8], dtype=np.float32), ["a", "z"])
    assert probs.tolist() == [0.25, 0.25, 0.25, 0.25]
    features = blank.features(np.array([0.6, 0.8], dtype=np.float32), ["a", "b"])
    assert features.tolist() == pytest.approx([0.6, 0.8, 0.7071, 0.7071, 1.0], abs=1e-4)


@needs_model
def test_training_learns_the_classes_and_is_cached(tmp_path):
    embedder = load_embedder()
    first = train_classifier(embedder, _RULES, _TINY, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("topic-classifier-*.npz"))) == 1
    probs = first.probabilities(embedder.embed_one("my tyre went flat on the way home"), _tokens("my tyre went flat on the way home"))
    assert int(probs.argmax()) == 1
    assert abs(float(probs.sum()) - 1.0) < 1e-5
    again = train_classifier(embedder, _RULES, _TINY, cache_dir=tmp_path)  # read back from the cache
    text = "is sourdough hard to bake"
    assert np.allclose(again.probabilities(embedder.embed_one(text), _tokens(text)),
                       first.probabilities(embedder.embed_one(text), _tokens(text)))
    assert int(again.probabilities(embedder.embed_one(text), _tokens(text)).argmax()) == 0


@needs_model
def test_other_training_texts_are_not_read_from_the_cache_of_the_first(tmp_path):
    embedder = load_embedder()
    train_classifier(embedder, _RULES, _TINY, cache_dir=tmp_path)
    swapped = LabelledTexts(_TINY.texts, tuple(2 - label for label in _TINY.labels), 3)
    clf = train_classifier(embedder, _RULES, swapped, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("topic-classifier-*.npz"))) == 2
    text = "how do i fix a puncture"
    assert int(clf.probabilities(embedder.embed_one(text), _tokens(text)).argmax()) == 1  # bikes are still class 1
    text = "what flour is best for pizza dough"
    assert int(clf.probabilities(embedder.embed_one(text), _tokens(text)).argmax()) == 2  # baking is now class 2


def test_the_packs_training_data_holds_samples_extra_questions_and_out_of_domain_last():
    pack = load_pack()
    data = training_data(pack)
    assert data is not None
    assert data.classes == len(pack.topics) + 1
    samples = sum(len(t.samples) for t in pack.topics)
    negatives = len(pack.intents["out_of_domain_samples"])
    assert len(data.texts) > samples + negatives  # training.yaml adds to both
    assert data.labels[0] == 0 and data.labels[-1] == len(pack.topics)
    assert data.texts[0] == pack.topics[0].samples[0]
    assert "my dad watches telly all day will his legs waste" in data.texts
    assert data.labels[data.texts.index("my dad watches telly all day will his legs waste")] == \
        [t.name for t in pack.topics].index("ask_sedentary")


def test_a_pack_without_out_of_domain_samples_trains_no_classifier():
    pack = load_pack()
    bare = dataclasses.replace(pack, root=None, intents={k: v for k, v in pack.intents.items() if k != "out_of_domain_samples"})
    assert training_data(bare) is None


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@needs_model
@pytest.mark.parametrize("text, sections", [
    # Two passages answer this one: disuse, and the FAQ's "A lack of physical activity is one cause".
    ("when granny stopped going out her legs went thin, is that why", {"disuse", "faq_causes"}),
    ("his calf shrank while the plaster was on", {"disuse"}),
    ("what can a family member do to keep a paralysed arm from wasting", {"neurogenic"}),
    ("are there books or studies this is based on", {"sources"}),
])
def test_questions_in_other_words_reach_their_passage(und, text, sections):
    match = und.understand(text, S.IDLE)
    assert (match.section_id in sections, match.confidence >= und.threshold) == (True, True)


@needs_model
@pytest.mark.parametrize("text", [
    "how many press ups should a beginner do",
    "what is the best cough medicine for a child",
    "¿Qué es la atrofia muscular?",
])
def test_the_classifier_does_not_answer_out_of_domain_questions(und, text):
    assert not und.understand(text, S.IDLE).is_knowledge


def test_a_broken_training_file_is_skipped_with_the_samples_still_used(tmp_path):
    pack = load_pack()
    (tmp_path / "training.yaml").write_text("topics: [unclosed\n", encoding="utf-8")
    data = training_data(dataclasses.replace(pack, root=tmp_path))
    assert data is not None
    assert len(data.texts) == sum(len(t.samples) for t in pack.topics) + len(pack.intents["out_of_domain_samples"])
