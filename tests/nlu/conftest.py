"""Fixtures shared by the understanding tests."""

from __future__ import annotations

import pytest

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.engine import Engine, QAPipeline
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    """The shipped pack, one per test module."""
    return load_pack()


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The shipped guide's whole engine (typed text, no audio), one per test module."""
    return Engine()


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    """The shipped pack's safety rules, with no region (neutral crisis wording)."""
    return SafetyRules(load_pack(None).safety, region="")


@pytest.fixture()
def bare() -> SafetyRules:
    """A fresh copy of the shipped rules, for tests that set their own learned net (``rules.net = ...``)."""
    return SafetyRules(load_pack(None).safety, region="")


@pytest.fixture(scope="module")
def pipe() -> QAPipeline:
    """The shipped guide's question pipeline (real recognizer settings, no audio), one per test module."""
    return QAPipeline()


@pytest.fixture(scope="module")
def understander() -> Understander:
    """The shipped guide's understanding as the engine builds it, one per test module."""
    return Engine().understander


@pytest.fixture(scope="module")
def understander_no_vectors() -> Understander:
    """The shipped pack's understanding without sentence vectors (the declines come before them)."""
    return Understander(load_pack(), embeddings=False)


@pytest.fixture(scope="module")
def rules_with_net() -> SafetyRules:
    """The shipped rules with the learned net when the embedding model is there (else skipped)."""
    from voice_guide.nlu.embedding import load_embedder
    from voice_guide.nlu.safety_learned import EmbedderVectors, safety_folder

    embedder = load_embedder()
    if embedder is None:
        pytest.skip("no embedding model")
    pack = load_pack(None)
    with_net = SafetyRules(pack.safety, region="")
    with_net.use_net(safety_folder(pack), EmbedderVectors(embedder))
    return with_net
