"""The pack's recognizer sentences (how people ask) in the main vocabulary, and what they must never hold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from data_parts import SAFETY_WHOLE_LATE, SPLIT_STEMS, is_held_out_row  # noqa: E402

import voice_guide.engine as engine_module
from voice_guide.engine import RECOGNIZER_LINES_FILE, Engine

ROOT = Path(__file__).resolve().parents[2]
PACK_FILE = ROOT / "voice_guide" / "packs" / "muscle_atrophy" / RECOGNIZER_LINES_FILE
PARAPHRASE = ROOT / "tests" / "data" / "paraphrase"
SAFETY = ROOT / "tests" / "data" / "safety"
DEV_SET = Path("/work/shared/eval/dev_set.jsonl")


def _key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() or ch == "'" else " " for ch in text.lower()).split())


def _lines() -> dict[str, list[str]]:
    return yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))


def _held_out_texts() -> list[str]:
    """Lines of the test parts and the held-out halves (scripts/data_parts.py)."""
    out = []
    for path in sorted(PARAPHRASE.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            r = json.loads(raw)
            if is_held_out_row(path.stem, r["id"]):
                out.append(_key(r["text"]))
    return out


def test_the_pack_file_says_where_it_comes_from_and_holds_three_lists() -> None:
    text = PACK_FILE.read_text(encoding="utf-8")
    assert text.startswith("# Sentences for the recognizer's language model")
    assert "scripts/build_recognizer_sentences.py" in text.split("\n\n")[0]
    lines = _lines()
    assert list(lines) == ["knowledge", "control", "out_of_domain", "red_flag", "near_miss"]
    assert all(len(v) > 300 for v in lines.values())


def _held_out_safety_texts() -> list[str]:
    """Lines of the safety set's test part and held-out halves (even ids of every split set, tune4 included): compared only."""
    out = []
    for path in sorted(SAFETY.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            r = json.loads(raw)
            if is_held_out_row(path.stem, r["id"], SAFETY_SPLIT):
                out.append(_key(r["text"]))
    return out


SAFETY_SPLIT = tuple(stem for stem in SPLIT_STEMS if stem not in SAFETY_WHOLE_LATE)
"""The safety files split by id (tune4 included; the late whole sets are tuning data whole)."""


def test_no_red_flag_or_near_miss_line_is_near_a_held_out_safety_line() -> None:
    guarded = _held_out_safety_texts()
    assert len(guarded) > 500
    lines = _lines()
    near = [s for name in ("red_flag", "near_miss") for s in lines[name]
            if process.extractOne(_key(s), guarded, scorer=fuzz.ratio, score_cutoff=85.0) is not None]
    assert near == []


def test_no_line_is_near_a_held_out_or_dev_set_line() -> None:
    guarded = _held_out_texts()
    if DEV_SET.is_file():
        guarded += [_key(json.loads(raw)["text"]) for raw in DEV_SET.read_text(encoding="utf-8").splitlines() if raw.strip()]
    assert len(guarded) > 1000
    near = [s for v in _lines().values() for s in v
            if process.extractOne(_key(s), guarded, scorer=fuzz.ratio, score_cutoff=85.0) is not None]
    assert near == []


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_the_main_vocabulary_holds_each_line_as_often_as_its_weight(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines()
    monkeypatch.setattr(engine_module, "RECOGNIZER_LINE_WEIGHTS", {"knowledge": 2, "control": 1, "out_of_domain": 0})
    monkeypatch.setattr(engine_module, "RECOGNIZER_CONTROLS_IN_ROUTINE", 0)
    main, routine = engine.vocabularies()
    question, command, ood = lines["knowledge"][0], lines["control"][0], lines["out_of_domain"][0]
    own = set(engine.understander.language_sentences())
    assert (main.sentences.count(question), main.sentences.count(command), main.sentences.count(ood)) == (
        2 + (question in own), 1 + (command in own), int(ood in own))
    assert command not in routine.sentences or command in engine.understander.command_sentences(engine_module.ROUTINE_COMMANDS)
    monkeypatch.setattr(engine_module, "RECOGNIZER_CONTROLS_IN_ROUTINE", 1)
    assert engine.vocabularies()[1].sentences.count(command) >= 1


def test_the_safety_lines_count_in_the_main_vocabulary_at_the_engines_weights(engine: Engine) -> None:
    lines = _lines()
    assert (engine_module.RECOGNIZER_LINE_WEIGHTS["red_flag"], engine_module.RECOGNIZER_LINE_WEIGHTS["near_miss"]) == (2, 1)
    main, routine = engine.vocabularies()
    own = set(main.sentences) - set(lines["red_flag"]) - set(lines["near_miss"])
    red, near = next(s for s in lines["red_flag"] if s not in own), next(s for s in lines["near_miss"] if s not in own)
    assert (main.sentences.count(red), main.sentences.count(near), red in routine.sentences) == (2, 1, False)


def test_the_recognizer_cache_key_changes_with_the_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    before = Engine().source_fingerprint()
    monkeypatch.setattr(engine_module, "RECOGNIZER_LINE_WEIGHTS", {"knowledge": 0, "control": 0, "out_of_domain": 0})
    without = Engine().source_fingerprint()
    monkeypatch.setattr(engine_module, "RECOGNIZER_LINES_FILE", "other.yaml")
    other = Engine().source_fingerprint()
    assert len({before, without, other}) == 3
