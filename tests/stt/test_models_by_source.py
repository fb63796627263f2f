"""Recognizer models found by a fingerprint of their source, without building the sentences."""

from __future__ import annotations

from pathlib import Path

from voice_guide.stt import DomainVocabulary, load_recognizer
from voice_guide.stt.pocketsphinx.models import build_domain_models, models_for_source, remember_source

VOCABULARIES = [
    DomainVocabulary("main", ("what is muscle wasting", "call an ambulance", "stop")),
    DomainVocabulary("routine", ("stop", "next", "call an ambulance")),
]


def test_models_are_found_by_source_only_after_they_were_remembered(tmp_path: Path) -> None:
    assert models_for_source("source-1", tmp_path) is None
    built = build_domain_models(VOCABULARIES, tmp_path)
    remember_source("source-1", built, tmp_path)
    found = models_for_source("source-1", tmp_path)
    assert found is not None and found.cache_hit
    assert (found.directory, found.lm_paths, found.domain_words) == (built.directory, built.lm_paths, built.domain_words)
    assert models_for_source("source-2", tmp_path) is None


def test_the_recognizer_builds_the_vocabularies_only_when_the_source_is_new(tmp_path: Path) -> None:
    calls: list[int] = []

    def source() -> list[DomainVocabulary]:
        calls.append(1)
        return VOCABULARIES

    first = load_recognizer("pocketsphinx", source, cache_dir=tmp_path, source_fingerprint="pack-v1")
    second = load_recognizer("pocketsphinx", source, cache_dir=tmp_path, source_fingerprint="pack-v1")
    assert len(calls) == 1
    assert second.vocabulary_names == first.vocabulary_names == ("main", "routine")
    load_recognizer("pocketsphinx", source, cache_dir=tmp_path, source_fingerprint="pack-v2")
    assert len(calls) == 2


def test_a_damaged_entry_behind_a_source_is_rebuilt(tmp_path: Path) -> None:
    built = build_domain_models(VOCABULARIES, tmp_path)
    remember_source("source-1", built, tmp_path)
    next(iter(built.lm_paths.values())).write_text("truncated", encoding="utf-8")
    assert models_for_source("source-1", tmp_path) is None
