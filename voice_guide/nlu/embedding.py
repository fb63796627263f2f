"""Sentence embeddings from a package that ships its model: ``wordllama`` (MIT).

The ``wordllama`` wheel holds a 32,000 x 256 token-embedding table (fp16, 16 MB) and the
tokenizer of its vocabulary (a ``tokenizers`` JSON file; only its vocabulary is used, by
:class:`PieceTokenizer`). A sentence's vector is the average of its tokens' vectors
(as ``WordLlamaInference.embed`` pools them), normalised to length 1, so that the cosine
similarity of two sentences is one dot product.

The two files are read directly: ``WordLlama.load()`` is never called, since it looks for the
tokenizer in another folder and then tries to download it, and nothing may download at run
time. Rows of the table are read from the file when first used, so loading costs little time
and memory. When the package is missing, :func:`load_embedder` returns None
and understanding works without embeddings.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import logging
import os
import re
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from voice_guide.core.files import prune_cache_files, write_atomic

_LOGGER = logging.getLogger(__name__)

KEEP_TOPIC_FILES = 8
"""Topic-vector (and topic-classifier) files kept in the cache folder: one per pack and version."""

PACKAGE = "wordllama"
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"

_DTYPES: dict[str, Any] = {"F16": np.float16, "F32": np.float32}

Vectors = npt.NDArray[np.float32]


class TopicMeaning(Protocol):
    """How close a text is in meaning to each topic of the pack."""

    def scores(self, text: str) -> Vectors | None:
        """One similarity (-1..1) per topic in the pack's order, or None when unknown."""


class VectorClassifier(Protocol):
    """A classifier of questions by their sentence vector and content-word stems."""

    def probabilities(self, vector: Vectors, tokens: list[str], text: str = "") -> Vectors:
        """One probability per class (``text``: the cleaned question, for features of its letters)."""


@dataclass(frozen=True)
class ModelFiles:
    """Where the model's two files are."""

    weights: Path
    """The safetensors file with the token-embedding table."""

    tokenizer: Path
    """The tokenizers JSON of the table's vocabulary."""


def model_files() -> ModelFiles | None:
    """The files inside the installed ``wordllama`` package (found without importing it), or None."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    files = ModelFiles(root / WEIGHTS, root / TOKENIZER)
    if not files.weights.is_file() or not files.tokenizer.is_file():
        return None
    return files


@dataclass(frozen=True)
class TensorInfo:
    """Where a 2-D tensor's rows are in a safetensors file."""

    offset_bytes: int
    """Position of the first row in the file."""

    rows: int
    """Number of rows (the vocabulary size)."""

    dim: int
    """Length of a row."""

    dtype: np.dtype[Any]
    """Element type of the stored values."""


def tensor_info(path: Path, name: str = TENSOR) -> TensorInfo:
    """Where tensor ``name`` is in a safetensors file (the format: an 8-byte little-endian
    header length, a JSON header of dtype, shape and byte offsets, then the data)."""
    with path.open("rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
    info = header[name]
    dtype = np.dtype(_DTYPES[info["dtype"]])
    start, end = info["data_offsets"]
    rows, dim = (int(n) for n in info["shape"])
    if rows * dim * dtype.itemsize != end - start:
        raise ValueError(f"{path.name}: tensor {name} has {end - start} bytes, not {rows} x {dim} {dtype}")
    return TensorInfo(8 + header_len + start, rows, dim, dtype)


class _Rows:
    """Rows of the table read from the file when first needed and kept: the whole table (16 MB)
    never has to be in memory, only the few thousand rows the pack and its listeners use."""

    def __init__(self, path: Path) -> None:
        self.info = tensor_info(path)
        self._file = path.open("rb", buffering=0)
        self._row_bytes = self.info.dim * self.info.dtype.itemsize
        self._cache: dict[int, Vectors] = {}

    def get(self, ids: list[int]) -> Vectors:
        """The rows of these token ids (clipped to the vocabulary) as float32."""
        out = np.empty((len(ids), self.info.dim), dtype=np.float32)
        for k, token in enumerate(ids):
            token = min(max(token, 0), self.info.rows - 1)
            row = self._cache.get(token)
            if row is None:
                raw = os.pread(self._file.fileno(), self._row_bytes, self.info.offset_bytes + token * self._row_bytes)
                row = np.frombuffer(raw, dtype=self.info.dtype).astype(np.float32)
                self._cache[token] = row
            out[k] = row
        return out


class PieceTokenizer:
    """The model's tokenizer (a SentencePiece-style BPE over a 32,000-piece vocabulary, with byte
    fallback), in Python: only the vocabulary is read, about 5 MB in memory where the full
    ``tokenizers`` object takes 20 MB. Pieces merge in the order of their ids, as the
    vocabulary's merge list was made; a word's pieces are cached."""

    _SPACE = "\u2581"
    _WORD = re.compile(f"{_SPACE}+[^{_SPACE}]*|[^{_SPACE}]+")
    _CACHE_WORDS = 20_000

    def __init__(self, path: Path) -> None:
        self._path = path
        self._ids: dict[str, int] = {}
        self._bytes: list[int] = []
        self._cache: dict[str, list[int]] = {}

    def _load(self) -> None:
        """Read the vocabulary (on the first use: 50 ms that need not delay the start-up)."""
        raw = self._path.read_bytes()
        start, end = raw.find(b'"vocab"'), raw.find(b'"merges"')
        if start < 0 or end < start:
            raise ValueError(f"{self._path.name}: no vocabulary before the merges")
        vocab = json.loads(b"{" + raw[start:end].rstrip().rstrip(b",") + b"}")["vocab"]
        self._ids = {str(k): int(v) for k, v in vocab.items()}
        self._bytes = [self._ids.get(f"<0x{b:02X}>", 0) for b in range(256)]

    def encode(self, text: str) -> list[int]:
        """Token ids of ``text`` (a space before it, as the model's normalizer adds)."""
        out: list[int] = []
        if not text:
            return out
        if not self._ids:
            self._load()
        for word in self._WORD.findall(self._SPACE + text.replace(" ", self._SPACE)):
            ids = self._cache.get(word)
            if ids is None:
                if len(self._cache) >= self._CACHE_WORDS:
                    self._cache.clear()
                ids = self._cache[word] = self._word(word)
            out.extend(ids)
        return out

    def _word(self, word: str) -> list[int]:
        parts = list(word)
        while len(parts) > 1:
            best, at = None, -1
            for k in range(len(parts) - 1):
                rank = self._ids.get(parts[k] + parts[k + 1])
                if rank is not None and (best is None or rank < best):
                    best, at = rank, k
            if best is None:
                break
            parts[at:at + 2] = [parts[at] + parts[at + 1]]
        ids: list[int] = []
        for piece in parts:
            known = self._ids.get(piece)
            ids.extend([known] if known is not None else [self._bytes[b] for b in piece.encode("utf-8")])
        return ids


class Embedder:
    """Sentence vectors: the average of the token vectors, length 1."""

    def __init__(self, files: ModelFiles) -> None:
        self.files = files
        self._tokenizer = PieceTokenizer(files.tokenizer)
        self._rows = _Rows(files.weights)
        self.dim = self._rows.info.dim
        self._last: tuple[str, Vectors] | None = None

    def embed(self, texts: list[str]) -> Vectors:
        """One unit-length row per text (zeros for a text without tokens)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self._tokenizer.encode(text)
            if ids:
                out[row] = self._rows.get(ids).mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out /= norms
        return out

    def embed_one(self, text: str) -> Vectors:
        """The unit-length vector of one text (the last one is kept: the topic similarity and
        the classifier ask for the same question's vector)."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        vector = self.embed([text])[0]
        self._last = (text, vector)
        return vector


def load_embedder() -> Embedder | None:
    """The embedder of the installed ``wordllama`` model, or None when it cannot be used."""
    files = model_files()
    if files is None:
        _LOGGER.info("%s is not installed: understanding without sentence embeddings", PACKAGE)
        return None
    try:
        return Embedder(files)
    except (OSError, ValueError, KeyError) as exc:
        _LOGGER.warning("sentence embeddings unavailable (%s): understanding without them", exc)
        return None


class TopicSimilarity:
    """How close a question is in meaning to each topic: the best cosine similarity of its
    vector to one of the topic's sample vectors (computed once, when the pack is loaded)."""

    def __init__(self, embedder: Embedder, topic_samples: list[list[str]], cache_dir: Path | None = None) -> None:
        self._embedder = embedder
        texts = [s for samples in topic_samples for s in samples]
        owner = [i for i, samples in enumerate(topic_samples) for _ in samples]
        self._vectors = _cached_vectors(embedder, texts, cache_dir)
        self._owner = np.asarray(owner, dtype=np.int64)
        self._topics = len(topic_samples)

    def scores(self, text: str) -> Vectors | None:
        """One similarity per topic, in the order the topics were given (-1 for a topic without samples)."""
        sims = self._vectors @ self._embedder.embed_one(text)
        best = np.full(self._topics, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owner, sims)
        return best


def _cached_vectors(embedder: Embedder, texts: list[str], cache_dir: Path | None) -> Vectors:
    """The vectors of ``texts``, from a cache file when the same model already embedded the
    same texts (saves about 0.1 s of start-up); written there otherwise (float16, 0.7 MB)."""
    if cache_dir is None:
        return embedder.embed(texts).astype(np.float16).astype(np.float32)  # as they would be cached
    stat = embedder.files.weights.stat()
    key = hashlib.sha256(f"{embedder.files.weights}|{stat.st_size}|{stat.st_mtime_ns}|".encode()
                         + "\n".join(texts).encode()).hexdigest()[:20]
    path = cache_dir / f"topic-vectors-{key}.npy"
    try:
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (len(texts), embedder.dim):
            return np.asarray(cached, dtype=np.float32)
    except (OSError, ValueError):
        pass
    vectors = embedder.embed(texts).astype(np.float16)
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    try:
        write_atomic(path, buffer.getvalue())
        prune_cache_files(cache_dir, "topic-vectors-*.npy", KEEP_TOPIC_FILES)
    except OSError as exc:
        _LOGGER.info("topic vectors not cached (%s)", exc)
    return vectors.astype(np.float32)


class BackgroundTopicSimilarity:
    """A :class:`TopicSimilarity` built in a background thread, so that the model's loading
    overlaps the rest of the start-up; :meth:`scores` waits for it the first time."""

    def __init__(self, topic_samples: list[list[str]], cache_dir: Path | None = None,
                 classifier: Callable[[Embedder, Path | None], VectorClassifier | None] | None = None) -> None:
        self._samples = topic_samples
        self._cache_dir = cache_dir
        self._make_classifier = classifier
        self._value: TopicSimilarity | None = None
        self._classifier: VectorClassifier | None = None
        self._embedder: Embedder | None = None
        self._done = threading.Event()
        threading.Thread(target=self._build, name="topic-embeddings", daemon=True).start()

    def _build(self) -> None:
        try:
            embedder = load_embedder()
            if embedder is not None:
                self._value = TopicSimilarity(embedder, self._samples, self._cache_dir)
                self._embedder = embedder
                if self._make_classifier is not None:  # trained (or read from the cache) here, off the start-up path
                    self._classifier = self._make_classifier(embedder, self._cache_dir)
        except Exception:  # noqa: BLE001 - a broken model must never break understanding
            _LOGGER.exception("sentence embeddings failed to load: understanding without them")
        finally:
            self._done.set()

    @property
    def available(self) -> bool:
        """True when the model is loaded and usable (waits for the loading to finish)."""
        self._done.wait()
        return self._value is not None

    def scores(self, text: str) -> Vectors | None:
        """As :meth:`TopicSimilarity.scores`, or None without the model."""
        self._done.wait()
        return self._value.scores(text) if self._value is not None else None

    def use_classifier(self, classifier: VectorClassifier | None) -> VectorClassifier | None:
        """Put ``classifier`` in place of the trained one (evaluation scripts: a classifier trained
        without the part being scored); returns the one it replaces."""
        self._done.wait()
        previous, self._classifier = self._classifier, classifier
        return previous

    @property
    def embedder(self) -> Embedder | None:
        """The loaded embedder (waits for the loading; None without the model)."""
        self._done.wait()
        return self._embedder

    def classify(self, text: str, tokens: list[str]) -> Vectors | None:
        """The trained classifier's probabilities (one per topic, then out-of-domain) for
        ``text`` and its content-word stems ``tokens``, or None without the model or training data."""
        self._done.wait()
        if self._classifier is None or self._embedder is None:
            return None
        return self._classifier.probabilities(self._embedder.embed_one(text), tokens, text)
