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
never lines of an evaluation set; ``training_sets.yaml``: the questions of independent authors'
tuning parts, built by ``scripts/build_training_sets.py``) and the out-of-domain samples, when the
pack is loaded, in the
background thread that loads the embeddings; the weights are cached in the user cache under a
fingerprint of the model, the texts, the labels and the settings, so a later start only reads
them (about 1 MB).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zlib
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

    words: bool = True
    """Use the word features (stems and neighbouring stem pairs); False: the sentence vector alone."""

    char_buckets: int = 0
    """Hashed character n-grams of the question's words (typos, recognizer-style text): this many
    buckets (0: not used)."""

    char_weight: float = 1.0
    """Length of the character n-gram part of a row (the word part has length 1)."""

    min_count: int = 1
    """A word feature is kept when at least this many training questions hold it."""

    topic_words_only: bool = False
    """Keep only the word features at least one topic's question holds: a word only the out-of-domain
    questions use ("knee", "night") is not a feature (the out-of-domain class keeps its sentence
    vector and its bias)."""

    ood_weight: float = 1.0
    """Weight of each out-of-domain question in the loss (a topic's question weighs 1; the pack's
    classifier uses 0.5, :data:`SETTINGS`)."""


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


CHAR_GRAMS = (3, 4)
"""Lengths of the character n-grams (of each word with a boundary mark either side)."""


def char_features(text: str, buckets: int, skip: frozenset[str] = frozenset()) -> list[int]:
    """The hashed character n-grams of ``text``'s words not in ``skip`` (the stopwords): "#mus",
    "musc"..., each bucket once (a stable hash: the same buckets in every process)."""
    if buckets <= 0:
        return []
    out: set[int] = set()
    for word in text.split():
        if word in skip:
            continue
        marked = f"#{word}#"
        for n in CHAR_GRAMS:
            for i in range(len(marked) - n + 1):
                out.add(zlib.crc32(marked[i:i + n].encode("utf-8")) % buckets)
    return sorted(out)


@dataclass(frozen=True)
class SparseRow:
    """The non-vector part of one question's features: column (after the vector) and value."""

    columns: np.ndarray
    """Column indices into the word and character blocks."""

    values: np.ndarray
    """One value per column."""


class TopicClassifier:
    """Class probabilities of a question: one per topic, then one for out-of-domain.

    Weight rows: the sentence vector's, then one per word feature of the vocabulary, then one per
    character n-gram bucket, then the bias."""

    def __init__(self, weights: Vectors, vocabulary: Sequence[str], settings: TrainingSettings,
                 stopwords: frozenset[str] = frozenset()) -> None:
        self._weights = weights
        self._stopwords = stopwords
        self._index = {w: i for i, w in enumerate(vocabulary)}
        self._settings = settings
        self._dim = weights.shape[0] - len(self._index) - settings.char_buckets - 1
        self.classes = int(weights.shape[1])
        """Number of classes (the pack's topics and, last, out-of-domain)."""

    def sparse(self, tokens: Sequence[str], text: str = "") -> SparseRow:
        """The word and character-n-gram part of a question's features (each part of length 1)."""
        columns: list[int] = []
        values: list[float] = []
        if self._settings.words:
            hits = [self._index[f] for f in word_features(tokens) if f in self._index]
            if hits:
                columns += hits
                values += [1.0 / np.sqrt(len(hits))] * len(hits)
        grams = char_features(text, self._settings.char_buckets, self._stopwords)
        if grams:
            columns += [len(self._index) + g for g in grams]
            values += [self._settings.char_weight / np.sqrt(len(grams))] * len(grams)
        return SparseRow(np.asarray(columns, dtype=np.int64), np.asarray(values, dtype=np.float32))

    def features(self, vector: Vectors, tokens: Sequence[str], text: str = "") -> Vectors:
        """The whole feature row of one question (sentence vector, words, character n-grams, bias)."""
        row = np.zeros(self._weights.shape[0], dtype=np.float32)
        row[: self._dim] = vector * self._settings.embedding_weight
        part = self.sparse(tokens, text)
        row[self._dim + part.columns] = part.values
        row[-1] = 1.0
        return row

    def probabilities(self, vector: Vectors, tokens: Sequence[str], text: str = "") -> Vectors:
        """One probability per class (they sum to 1); ``text`` (cleaned) gives the character n-grams."""
        part = self.sparse(tokens, text)
        z = (vector * self._settings.embedding_weight) @ self._weights[: self._dim] + self._weights[-1]
        if len(part.columns):
            z = z + part.values @ self._weights[self._dim + part.columns]
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

    stopwords: frozenset[str] = frozenset()
    """Words whose letters are not features (the language's stopwords)."""


FEATURES_VERSION = 2
"""Part of the cache fingerprint: raise it when the features change."""


def train_classifier(embedder: Embedder, rules: TextRules, data: LabelledTexts,
                     settings: TrainingSettings | None = None, cache_dir: Path | None = None) -> TopicClassifier:
    """A classifier trained on ``data``, or read from the cache when the same model, texts, labels,
    text rules and settings were trained on before (then nothing is tokenized or embedded)."""
    settings = settings or TrainingSettings()
    path = cache_dir / f"topic-classifier-{_fingerprint(embedder, data, rules, settings)}.npz" if cache_dir else None
    if path is not None:
        cached = _read_cache(path, embedder.dim + settings.char_buckets, data.classes)
        if cached is not None:
            return TopicClassifier(cached[0], cached[1], settings, rules.stopwords)
    texts = [rules.clean(t) for t in data.texts]
    token_lists = [rules.tokenize(t) for t in texts]
    vocabulary = _vocabulary(token_lists, data.labels, data.classes - 1, settings) if settings.words else []
    blank = TopicClassifier(np.zeros((embedder.dim + len(vocabulary) + settings.char_buckets + 1, data.classes),
                                     dtype=np.float32), vocabulary, settings, rules.stopwords)
    vectors = embedder.embed(texts) * settings.embedding_weight
    rows = [blank.sparse(tokens, text) for tokens, text in zip(token_lists, texts, strict=True)]
    labels = np.asarray(data.labels)
    sample_weights = np.where(labels == data.classes - 1, settings.ood_weight, 1.0) if settings.ood_weight != 1.0 else None
    weights = fit_softmax(vectors, rows, len(vocabulary) + settings.char_buckets, labels, data.classes, settings,
                          sample_weights)
    if path is not None:
        buffer = io.BytesIO()
        np.savez(buffer, weights=weights, vocabulary=np.asarray(vocabulary, dtype=str))
        try:
            write_atomic(path, buffer.getvalue())
            prune_cache_files(path.parent, "topic-classifier-*.npz", KEEP_TOPIC_FILES)
        except OSError as exc:
            _LOGGER.info("topic classifier not cached (%s)", exc)
    return TopicClassifier(weights, vocabulary, settings, rules.stopwords)


def _vocabulary(token_lists: Sequence[Sequence[str]], labels: Sequence[int], ood: int,
                settings: TrainingSettings) -> list[str]:
    """The word features of the training questions that ``settings`` keep (see
    :attr:`TrainingSettings.min_count` and :attr:`TrainingSettings.topic_words_only`), sorted."""
    counts: dict[str, int] = {}
    on_topic: set[str] = set()
    for tokens, label in zip(token_lists, labels, strict=True):
        features = word_features(tokens)
        for f in features:
            counts[f] = counts.get(f, 0) + 1
        if label != ood:
            on_topic.update(features)
    return sorted(f for f, n in counts.items()
                  if n >= settings.min_count and (not settings.topic_words_only or f in on_topic))


def _read_cache(path: Path, dim: int, classes: int) -> tuple[Vectors, list[str]] | None:
    """The cached weights and vocabulary, or None when missing or not of this shape
    (``dim``: the rows besides the vocabulary's and the bias)."""
    try:
        with np.load(path, allow_pickle=False) as cached:
            weights = np.asarray(cached["weights"], dtype=np.float32)
            vocabulary = [str(w) for w in cached["vocabulary"]]
    except (OSError, ValueError, KeyError):
        return None
    if weights.shape != (dim + len(vocabulary) + 1, classes):
        return None
    return weights, vocabulary


class _SparseBlock:
    """The word and character columns of all training rows, kept sparse (a dense matrix of a few
    thousand questions by tens of thousands of features would not fit the memory budget), and
    worked on in chunks of rows so that no temporary array grows with the whole training set."""

    CHUNK_ROWS = 512

    def __init__(self, rows: Sequence[SparseRow], width: int) -> None:
        self.width = width
        self.rows = len(rows)
        self._chunks = [self._chunk(rows[at:at + self.CHUNK_ROWS], at) for at in range(0, len(rows), self.CHUNK_ROWS)]

    @staticmethod
    def _chunk(rows: Sequence[SparseRow], first_row: int) -> dict[str, np.ndarray]:
        lengths = np.asarray([len(r.columns) for r in rows], dtype=np.int64)
        columns = np.concatenate([r.columns for r in rows])
        values = np.concatenate([r.values for r in rows])
        row_of = np.repeat(np.arange(len(rows)), lengths)
        filled = np.flatnonzero(lengths)
        order = np.argsort(columns, kind="stable")
        used, column_starts = np.unique(columns[order], return_index=True)
        return {"columns": columns, "values": values, "filled": filled + first_row,
                "starts": np.concatenate([[0], np.cumsum(lengths)[:-1]])[filled],
                "row_sorted": row_of[order] + first_row, "values_sorted": values[order],
                "used": used, "column_starts": column_starts}

    def times(self, weights: Vectors) -> Vectors:
        """``X @ weights`` for the block's rows."""
        out = np.zeros((self.rows, weights.shape[1]), dtype=np.float32)
        for c in self._chunks:
            if len(c["columns"]):
                out[c["filled"]] = np.add.reduceat(weights[c["columns"]] * c["values"][:, None], c["starts"], axis=0)
        return out

    def transposed_times(self, residual: Vectors) -> Vectors:
        """``X.T @ residual`` (one row per column of the block)."""
        out = np.zeros((self.width, residual.shape[1]), dtype=np.float32)
        for c in self._chunks:
            if len(c["row_sorted"]):
                terms = residual[c["row_sorted"]] * c["values_sorted"][:, None]
                out[c["used"]] += np.add.reduceat(terms, c["column_starts"], axis=0)
        return out


def fit_softmax(vectors: Vectors, rows: Sequence[SparseRow], width: int, labels: np.ndarray, classes: int,
                settings: TrainingSettings, sample_weights: np.ndarray | None = None) -> Vectors:
    """Softmax regression by full-batch Adam (deterministic: starts from zeros) over the dense
    sentence vectors, the sparse word and character columns (``width`` of them) and a bias;
    ``sample_weights`` (one per row, None: all 1) weigh the rows in the loss."""
    n, dim = vectors.shape
    block = _SparseBlock(rows, width)
    weights = np.zeros((dim + width + 1, classes), dtype=np.float32)
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    target = np.eye(classes, dtype=np.float32)[labels]
    b1, b2 = 0.9, 0.999
    share = None if sample_weights is None else (np.asarray(sample_weights, dtype=np.float32)
                                                 / float(np.sum(sample_weights)))[:, None]
    for step in range(1, settings.iterations + 1):
        z = vectors @ weights[:dim] + block.times(weights[dim:-1]) + weights[-1]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        residual = (p - target) / n if share is None else (p - target) * share
        grad = np.concatenate([vectors.T @ residual, block.transposed_times(residual), residual.sum(axis=0, keepdims=True)])
        grad += settings.l2 * weights
        first = b1 * first + (1 - b1) * grad
        second = b2 * second + (1 - b2) * grad * grad
        weights -= (settings.learning_rate * (first / (1 - b1 ** step))
                    / (np.sqrt(second / (1 - b2 ** step)) + 1e-8)).astype(np.float32)
    return weights


_fit = fit_softmax
"""The old private name (scripts/cv_classifier.py, scripts/fit_control_model.py and a test still use it)."""


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

TRAINING_SETS_FILE = "training_sets.yaml"
"""More training questions of the same form, taken from the tuning parts of the paraphrase sets
(independent authors) by ``scripts/build_training_sets.py``; used only to train the classifier."""

TRAINING_FILES = (TRAINING_FILE, TRAINING_SETS_FILE)
"""The pack files the classifier trains on besides the topics' samples, in this order."""


def training_data(pack: ContentPack, files: Sequence[str] = TRAINING_FILES) -> LabelledTexts | None:
    """The classifier's training questions of ``pack``: every topic's samples and its extra
    questions of ``training.yaml``, then the out-of-domain samples of ``intents.yaml`` and of
    ``training.yaml`` (the last class); None for a pack without topics or without out-of-domain samples."""
    extras = [_read_training_file(pack.root / name) for name in files] if pack.root is not None else []
    texts: list[str] = []
    labels: list[int] = []
    for index, topic in enumerate(pack.topics):
        more = [q for extra in extras for q in _questions((extra.get("topics") or {}).get(topic.name))]
        for sample in (*topic.samples, *more):
            texts.append(str(sample))
            labels.append(index)
    negatives = [*(pack.intents.get("out_of_domain_samples") or []),
                 *(q for extra in extras for q in _questions(extra.get("out_of_domain")))]
    if not pack.topics or not negatives:
        return None
    for sample in negatives:
        texts.append(str(sample))
        labels.append(len(pack.topics))
    keep = [i for i, t in enumerate(texts) if t.strip()]
    return LabelledTexts(tuple(texts[i] for i in keep), tuple(labels[i] for i in keep), len(pack.topics) + 1)


def _questions(value: object) -> list[str]:
    """The questions of one list of a training file ([] for anything that is not a list of texts)."""
    if not isinstance(value, list):
        return []
    return [str(q) for q in value if isinstance(q, str | int | float)]


def _read_training_file(path: Path) -> dict[str, Any]:
    """One of the pack's training files (bounded and safely parsed like the pack's other files), or {}."""
    if not path.is_file():
        return {}
    try:
        data = load_yaml_file(path, PACK_FILE_LIMIT_BYTES, "pack file", ContentError)
    except VoiceGuideError as exc:
        _LOGGER.warning("%s not read (%s): the classifier trains on the topics' samples only", path, exc)
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("topics") or {}, dict):
        _LOGGER.warning("%s not read (not topics and out_of_domain lists): the classifier trains without it", path)
        return {}
    return data


class SectionBlend:
    """Per-topic probabilities whose section totals come from a second classifier trained with one
    class per section (and out-of-domain): a section's probability is shared among its topics as the
    topic classifier shares it. A section of eight topics no longer spreads its mass over eight
    classes against one out-of-domain class."""

    def __init__(self, topics: TopicClassifier, sections: TopicClassifier, section_of: Sequence[int]) -> None:
        self._topics = topics
        self._sections = sections
        self._of = np.asarray(section_of, dtype=np.int64)
        self.classes = topics.classes
        """Number of classes (the pack's topics and, last, out-of-domain)."""

    def probabilities(self, vector: Vectors, tokens: Sequence[str], text: str = "") -> Vectors:
        """One probability per topic, then out-of-domain (they sum to 1)."""
        p_topic = self._topics.probabilities(vector, tokens, text)[:-1]
        p_section = self._sections.probabilities(vector, tokens, text)
        within = np.bincount(self._of, weights=p_topic, minlength=len(p_section) - 1)
        out = np.empty(len(p_topic) + 1, dtype=np.float32)
        out[:-1] = p_section[self._of] * p_topic / np.maximum(within[self._of], 1e-12)
        out[-1] = p_section[-1]
        return out


def by_section(data: LabelledTexts, section_of: Sequence[int]) -> LabelledTexts:
    """``data`` relabelled with one class per section (``section_of``: each topic's section index;
    out-of-domain stays last)."""
    sections = max(section_of) + 1
    labels = tuple(section_of[c] if c < data.classes - 1 else sections for c in data.labels)
    return LabelledTexts(data.texts, labels, sections + 1)


def section_indices(pack: ContentPack) -> list[int]:
    """Each topic's section as an index (sections in order of first appearance)."""
    order = list(dict.fromkeys(t.section_id for t in pack.topics))
    return [order.index(t.section_id) for t in pack.topics]


def train_pack_model(embedder: Embedder, rules: TextRules, data: LabelledTexts, section_of: Sequence[int],
                     settings: TrainingSettings, cache_dir: Path | None,
                     section_blend: bool | None = None) -> TopicClassifier | SectionBlend:
    """The pack's classifier on ``data``: the topic classifier, blended with a classifier of sections
    when ``section_blend`` (None: :data:`SECTION_BLEND`)."""
    topics = train_classifier(embedder, rules, data, settings, cache_dir=cache_dir)
    if not (SECTION_BLEND if section_blend is None else section_blend):
        return topics
    sections = train_classifier(embedder, rules, by_section(data, section_of), settings, cache_dir=cache_dir)
    return SectionBlend(topics, sections, section_of)


SECTION_BLEND = False
"""Blend in the classifier of sections (:class:`SectionBlend`)."""


SETTINGS = TrainingSettings(ood_weight=0.5)
"""How the pack's classifier is trained (chosen by cross-validation by author: docs/understanding.md).
The out-of-domain class holds about a fifth of the training questions and each topic 1-4 %: weighed
fully, its prior made any question at the border lean out of domain and the joint decision veto it
("how fast do muscles shrink when you rest" p_ood 0.44). Each out-of-domain question weighs 0.5 since
the tenth round: tuning parts (cross-fitted) +10 knowledge answers with no more out-of-domain ones
answered (0.7: +7, 0.3: +19 but held-out out-of-domain answers 12 -> 16 of 725)."""


def text_rules(pack: ContentPack, normalizer: TextNormalizer) -> TextRules:
    """How ``pack``'s training texts and questions become features (the lexicon, the language)."""
    lexicon = json.dumps([sorted((k, list(v)) for k, v in pack.lexicon.synonyms.items()), sorted(pack.lexicon.filler),
                          normalizer.language.code])
    return TextRules(normalizer.language.normalize, normalizer.tokens, hashlib.sha256(lexicon.encode()).hexdigest(),
                     normalizer.language.stopwords)


def pack_classifier(pack: ContentPack, normalizer: TextNormalizer, embedder: Embedder,
                    cache_dir: Path | None) -> TopicClassifier | SectionBlend | None:
    """The classifier of ``pack``'s topics (trained, or read from ``cache_dir``); None when the
    pack has no training data. Meant for the background thread that loads the embeddings."""
    data = training_data(pack)
    if data is None:
        return None
    return train_pack_model(embedder, text_rules(pack, normalizer), data, section_indices(pack), SETTINGS, cache_dir)
