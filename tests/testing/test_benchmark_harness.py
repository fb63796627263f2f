"""The spoken benchmark's harness: every utterance is scored on its own (scripts/benchmark.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import benchmark  # noqa: E402

from voice_guide.engine import QAPipeline  # noqa: E402


@pytest.fixture(scope="module")
def pipeline() -> QAPipeline:
    return QAPipeline()


def test_a_setting_heard_in_one_utterance_does_not_shorten_the_next_answers(pipeline: QAPipeline) -> None:
    question = "what causes muscle atrophy"
    before = benchmark._answer_of(pipeline, question, 0.9, ((question, 0.9),))
    setting = benchmark._answer_of(pipeline, "shorter answers please", 0.9, (("shorter answers please", 0.9),))
    after = benchmark._answer_of(pipeline, question, 0.9, ((question, 0.9),))
    assert setting.intent == "brief"
    assert before.intent == "ask_causes"
    assert len(before.text.split(". ")) > 1
    assert after == before


def test_the_noise_seed_depends_on_voice_condition_and_case_only() -> None:
    seed = benchmark.case_seed("flite:slt", "pink10", "dev06")
    assert seed == benchmark.case_seed("flite:slt", "pink10", "dev06")
    others = {benchmark.case_seed(v, c, i) for v, c, i in [("espeak:en-us", "pink10", "dev06"),
                                                           ("flite:slt", "kitchen10", "dev06"),
                                                           ("flite:slt", "pink10", "dev07")]}
    assert seed not in others and len(others) == 3
