"""A topic classifier trained on the pack's own questions: one more signal of what a question is about.

Multinomial logistic regression (numpy only) over two kinds of features of a question:

- its sentence vector (:mod:`voice_guide.nlu.embedding`, 256 numbers, length 1): meaning
  without shared words ("lying around on the sofa all day" is near "a sedentary lifestyle");
- its words: the content-word stems after the lexicon mapped everyday words onto the article's
  (:class:`~voice_guide.nlu.normalize.TextNormalizer`), and each pair of neighbouring stems,
  one feature each, the row scaled to length 1.

The classes are the pack's topics, in order, and one last class for the pack's out-of-domain
questions (``out_of_domain_samples`` in ``intents.yaml``). It is trained on the topics' samples,
the pack's extra training questions (``training.yaml``: lay words, stories, indirect questions,
never lines of an evaluation set) and the out-of-domain samples, when the pack is loaded, in the
background thread that loads the embeddings; the weights are cached in the user cache under a
fingerprint of the model, the texts, the labels and the settings, so a later start only reads
them (about 1 MB).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice_guide.content.pack import ContentPack
from voice_guide.core.errors import ContentError, VoiceGuideError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, load_yaml_file, prune_cache_files, write_atomic
from voice_guide.nlu.embedding import KEEP_TOPIC_FILES, Embedder, Vectors
from voice_guide.nlu.normalize import TextNormalizer

_LOGGER = logging.getLogger(__name__)

Tokenizer = Callable[[str], list[str]]
"""Content-word stems of a text, in order (``TextNormalizer.tokens``)."""


@dataclass(frozen=True)
class TrainingSettings:
    """How the classifier is trained (part of the cache fingerprint)."""

    iterations: int = 100
    """Full-batch Adam steps."""

    learning_rate: float = 0.1
    """Adam's step size."""

    l2: float = 3e-5
    """Weight decay (L2 penalty per weight)."""

    embedding_weight: float = 1.0
    """Scale of the sentence-vector features against the word features (both of length 1)."""


@dataclass(frozen=True)
class LabelledTexts:
    """Training questions and their class (topic index; the number of topics is out-of-domain)."""

    texts: tuple[str, ...]
    """Question texts (as written; cleaned by :class:`TextRules` when trained on)."""

    labels: tuple[int, ...]
    """One class index per text."""

    classes: int
    """Number of classes (topics + 1)."""


def word_features(tokens: Sequence[str]) -> list[str]:
    """The word features of one question: its stems and its neighbouring stem pairs."""
    return list(dict.fromkeys([*tokens, *(f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))]))


class TopicClassifier:
    """Class probabilities of a question: one per topic, then one for out-of-domain."""

    def __init__(self, weights: Vectors, vocabulary: Sequence[str], settings: TrainingSettings) -> None:
        self._weights = weights
        self._index = {w: i for i, w in enumerate(vocabulary)}
        self._settings = settings
        self._dim = weights.shape[0] - len(self._index) - 1
        self.classes = int(weights.shape[1])
        """Number of classes (the pack's topics and, last, out-of-domain)."""

    def features(self, vector: Vectors, tokens: Sequence[str]) -> Vectors:
        """The feature row of one question (sentence vector, word features, bias)."""
        row = np.zeros(self._weights.shape[0], dtype=np.float32)
        row[: self._dim] = vector * self._settings.embedding_weight
        hits = [self._index[f] for f in word_features(tokens) if f in self._index]
        if hits:
            row[self._dim + np.asarray(hits)] = 1.0 / np.sqrt(len(hits))
        row[-1] = 1.0
        return row

    def probabilities(self, vector: Vectors, tokens: Sequence[str]) -> Vectors:
        """One probability per class (they sum to 1)."""
        z = self.features(vector, tokens) @ self._weights
        z = np.exp(z - z.max())
        return (z / z.sum()).astype(np.float32)


@dataclass(frozen=True)
class TextRules:
    """How training texts and questions become features."""

    clean: Callable[[str], str]
    """Text as the embedder sees it (``Language.normalize``)."""

    tokenize: Tokenizer
    """Content-word stems (``TextNormalizer.tokens``)."""

    signature: str = ""
    """Changes whenever ``clean`` or ``tokenize`` would give other results (the lexicon, the language)."""


FEATURES_VERSION = 1
"""Part of the cache fingerprint: raise it when the features change."""


def train_classifier(embedder: Embedder, rules: TextRules, data: LabelledTexts,
                     settings: TrainingSettings | None = None, cache_dir: Path | None = None) -> TopicClassifier:
    """A classifier trained on ``data``, or read from the cache when the same model, texts, labels,
    text rules and settings were trained on before (then nothing is tokenized or embedded)."""
    settings = settings or TrainingSettings()
    path = cache_dir / f"topic-classifier-{_fingerprint(embedder, data, rules, settings)}.npz" if cache_dir else None
    if path is not None:
        cached = _read_cache(path, embedder.dim, data.classes)
        if cached is not None:
            return TopicClassifier(cached[0], cached[1], settings)
    texts = [rules.clean(t) for t in data.texts]
    token_lists = [rules.tokenize(t) for t in texts]
    vocabulary = sorted({f for tokens in token_lists for f in word_features(tokens)})
    rows = embedder.dim + len(vocabulary) + 1
    blank = TopicClassifier(np.zeros((rows, data.classes), dtype=np.float32), vocabulary, settings)
    vectors = embedder.embed(texts)
    features = np.empty((len(texts), rows), dtype=np.float32)  # filled in place: one copy in memory
    for i, (vector, tokens) in enumerate(zip(vectors, token_lists, strict=True)):
        features[i] = blank.features(vector, tokens)
    weights = _fit(features, np.asarray(data.labels), data.classes, settings)
    if path is not None:
        buffer = io.BytesIO()
        np.savez(buffer, weights=weights, vocabulary=np.asarray(vocabulary, dtype=str))
        try:
            write_atomic(path, buffer.getvalue())
            prune_cache_files(path.parent, "topic-classifier-*.npz", KEEP_TOPIC_FILES)
        except OSError as exc:
            _LOGGER.info("topic classifier not cached (%s)", exc)
    return TopicClassifier(weights, vocabulary, settings)


def _read_cache(path: Path, dim: int, classes: int) -> tuple[Vectors, list[str]] | None:
    """The cached weights and vocabulary, or None when missing or not of this shape."""
    try:
        with np.load(path, allow_pickle=False) as cached:
            weights = np.asarray(cached["weights"], dtype=np.float32)
            vocabulary = [str(w) for w in cached["vocabulary"]]
    except (OSError, ValueError, KeyError):
        return None
    if weights.shape != (dim + len(vocabulary) + 1, classes):
        return None
    return weights, vocabulary


def _fit(features: Vectors, labels: np.ndarray, classes: int, settings: TrainingSettings) -> Vectors:
    """Softmax regression by full-batch Adam (deterministic: starts from zeros)."""
    weights = np.zeros((features.shape[1], classes), dtype=np.float32)
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    target = np.eye(classes, dtype=np.float32)[labels]
    b1, b2 = 0.9, 0.999
    for step in range(1, settings.iterations + 1):
        z = features @ weights
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = features.T @ (p - target) / len(features) + settings.l2 * weights
        first = b1 * first + (1 - b1) * grad
        second = b2 * second + (1 - b2) * grad * grad
        weights -= (settings.learning_rate * (first / (1 - b1 ** step))
                    / (np.sqrt(second / (1 - b2 ** step)) + 1e-8)).astype(np.float32)
    return weights


def _fingerprint(embedder: Embedder, data: LabelledTexts, rules: TextRules, settings: TrainingSettings) -> str:
    """Changes with the model file, the texts and their labels, the text rules and the settings."""
    stat = embedder.files.weights.stat()
    h = hashlib.sha256(f"{FEATURES_VERSION}|{embedder.files.weights}|{stat.st_size}|{stat.st_mtime_ns}|"
                       f"{settings}|{data.classes}|{rules.signature}|".encode())
    for text, label in zip(data.texts, data.labels, strict=True):
        h.update(f"{label}\t{text}\n".encode())
    return h.hexdigest()[:20]


TRAINING_FILE = "training.yaml"
"""The pack's extra training questions: ``topics: {topic name: [questions]}`` and
``out_of_domain: [questions]``, used only to train the classifier."""


def training_data(pack: ContentPack) -> LabelledTexts | None:
    """The classifier's training questions of ``pack``: every topic's samples and its extra
    questions of ``training.yaml``, then the out-of-domain samples of ``intents.yaml`` and of
    ``training.yaml`` (the last class); None for a pack without topics or without out-of-domain samples."""
    extra = _read_training_file(pack.root / TRAINING_FILE) if pack.root is not None else {}
    extra_topics = extra.get("topics") or {}
    texts: list[str] = []
    labels: list[int] = []
    for index, topic in enumerate(pack.topics):
        for sample in (*topic.samples, *(extra_topics.get(topic.name) or [])):
            texts.append(str(sample))
            labels.append(index)
    negatives = [*(pack.intents.get("out_of_domain_samples") or []), *(extra.get("out_of_domain") or [])]
    if not pack.topics or not negatives:
        return None
    for sample in negatives:
        texts.append(str(sample))
        labels.append(len(pack.topics))
    keep = [i for i, t in enumerate(texts) if t.strip()]
    return LabelledTexts(tuple(texts[i] for i in keep), tuple(labels[i] for i in keep), len(pack.topics) + 1)


def _read_training_file(path: Path) -> dict[str, Any]:
    """The pack's ``training.yaml`` (bounded and safely parsed like the pack's other files), or {}."""
    if not path.is_file():
        return {}
    try:
        data = load_yaml_file(path, PACK_FILE_LIMIT_BYTES, "pack file", ContentError)
    except VoiceGuideError as exc:
        _LOGGER.warning("%s not read (%s): the classifier trains on the topics' samples only", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def pack_classifier(pack: ContentPack, normalizer: TextNormalizer, embedder: Embedder,
                    cache_dir: Path | None) -> TopicClassifier | None:
    """The classifier of ``pack``'s topics (trained, or read from ``cache_dir``); None when the
    pack has no training data. Meant for the background thread that loads the embeddings."""
    data = training_data(pack)
    if data is None:
        return None
    lexicon = json.dumps([sorted((k, list(v)) for k, v in pack.lexicon.synonyms.items()), sorted(pack.lexicon.filler),
                          normalizer.language.code])
    rules = TextRules(normalizer.language.normalize, normalizer.tokens, hashlib.sha256(lexicon.encode()).hexdigest())
    return train_classifier(embedder, rules, data, cache_dir=cache_dir)
