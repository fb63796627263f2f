"""Sentence embeddings read from the wordllama package's own files, and understanding with and without them.

The questions here are written for these tests; none comes from the dev set or the paraphrase sets.
"""

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu import embedding
from voice_guide.nlu.embedding import BackgroundTopicSimilarity, Embedder, PieceTokenizer, model_files, tensor_info
from voice_guide.nlu.understanding import Understander

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama is not installed")


def _write_safetensors(path: Path, table: np.ndarray) -> None:
    data = table.astype(np.float16).tobytes()
    header = json.dumps({"embedding.weight": {"dtype": "F16", "shape": list(table.shape),
                                              "data_offsets": [0, len(data)]}}).encode()
    path.write_bytes(struct.pack("<Q", len(header)) + header + data)


def test_tensor_info_reads_the_safetensors_header(tmp_path):
    path = tmp_path / "t.safetensors"
    _write_safetensors(path, np.arange(12, dtype=np.float32).reshape(4, 3))
    info = tensor_info(path)
    assert (info.rows, info.dim, info.dtype, info.offset_bytes) == (4, 3, np.dtype(np.float16), path.stat().st_size - 24)


def test_a_truncated_table_is_refused(tmp_path):
    path = tmp_path / "t.safetensors"
    header = json.dumps({"embedding.weight": {"dtype": "F16", "shape": [4, 3], "data_offsets": [0, 10]}}).encode()
    path.write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 10)
    with pytest.raises(ValueError, match="not 4 x 3"):
        tensor_info(path)


def test_without_the_package_understanding_works_on_words_alone(monkeypatch):
    monkeypatch.setattr(embedding, "PACKAGE", "no_such_package_for_voice_guide")
    assert model_files() is None
    assert embedding.load_embedder() is None
    und = Understander(load_pack())
    assert und.knowledge.semantic is None
    m = und.understand("what causes muscle atrophy")
    assert (m.intent, m.section_id) == ("ask_causes", "faq_causes")


@needs_model
def test_the_python_tokenizer_gives_the_ids_of_the_packages_own_tokenizer():
    tokenizers = pytest.importorskip("tokenizers")
    files = model_files()
    assert files is not None
    reference = tokenizers.Tokenizer.from_file(str(files.tokenizer))
    mine = PieceTokenizer(files.tokenizer)
    for text in ("what causes muscle atrophy", "my dad's leg got skinny after the plaster came off",
                 "is spasticity the same as twitching", "dermatomyositis and polymyositis",
                 "café naïve 😀 — ok", "atrofy musle excercise", "x" * 30, ""):
        assert mine.encode(text) == reference.encode(text, add_special_tokens=False).ids, text


@needs_model
def test_sentence_vectors_have_unit_length_and_similar_sentences_are_close():
    files = model_files()
    assert files is not None
    emb = Embedder(files)
    vectors = emb.embed(["why do my muscles shrink", "what makes muscles get smaller", "what is the weather tomorrow", ""])
    assert vectors.shape == (4, 256)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # no tokens: a zero vector, not NaN
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@needs_model
def test_topic_similarity_gives_one_score_per_topic_and_waits_for_its_loading():
    meaning = BackgroundTopicSimilarity([["why do muscles shrink", "muscles getting smaller"],
                                         ["who wrote this article"], []])
    assert meaning.available
    scores = meaning.scores("what makes muscles get smaller")
    assert scores is not None
    assert scores.shape == (3,)
    assert scores[0] > scores[1]
    assert scores[2] == -1.0  # a topic without samples


@needs_model
@pytest.mark.parametrize("text, section", [
    ("do all these causes pile up on each other", "muscle_wasting"),
    ("can my husband use his good hand to move the weak one himself", "neurogenic"),
    ("can you tell by looking at someone that their muscles are wasting", "introduction"),
])
def test_questions_with_few_shared_words_reach_their_section(text, section):
    m = Understander(load_pack()).understand(text)
    assert (m.intent.startswith("ask_"), m.section_id) == (True, section), m.intent


@needs_model
def test_topic_vectors_are_cached_and_reused(tmp_path):
    samples = [["why do muscles shrink"], ["who wrote this article", "the author"]]
    first = BackgroundTopicSimilarity(samples, tmp_path)
    assert first.available
    cached = list(tmp_path.glob("topic-vectors-*.npy"))
    assert len(cached) == 1
    second = BackgroundTopicSimilarity(samples, tmp_path)
    a, b = first.scores("what makes muscles smaller"), second.scores("what makes muscles smaller")
    assert a is not None and b is not None and np.array_equal(a, b)
    assert BackgroundTopicSimilarity([["other samples"]], tmp_path).available  # other texts: another file
    assert len(list(tmp_path.glob("topic-vectors-*.npy"))) == 2
