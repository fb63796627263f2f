"""The cache-folder pruning of core.files (the atomic writer and bounded readers: tests/hardening)."""

from __future__ import annotations

import os

from voice_guide.core.files import prune_cache_files


def test_prune_cache_files_keeps_the_newest_of_the_pattern_only(tmp_path):
    for age_s, name in enumerate(["a-4.json", "a-3.json", "a-2.json", "a-1.json", "b-1.json"]):
        path = tmp_path / name
        path.write_text("x")
        os.utime(path, ns=(1_000_000_000 * (100 - age_s),) * 2)
    prune_cache_files(tmp_path, "a-*.json", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-3.json", "a-4.json", "b-1.json"]
    prune_cache_files(tmp_path / "missing", "a-*.json", 1)  # no folder: nothing to do, no error
