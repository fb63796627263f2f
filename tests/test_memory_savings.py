"""Twenty-seventh session, memory: each saving keeps the same results (docs/recognition.md, "Twenty-seventh round").

* the compiled-pattern cache lets go of the file's translations once the patterns are compiled;
* the word-frequency table file is read block by block (``os.pread``) instead of mapped;
* a dialogue state's own control templates share the base templates' parsed lists and rules;
* the decoders' fixed noise sequences come from the derived-data cache (no ``numpy.random`` import).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_guide.lang import zipf_table
from voice_guide.nlu import safety_cache
from voice_guide.nlu.controls import ControlMatcher
from voice_guide.nlu.safety_cache import PatternCache
from voice_guide.nlu.state import DialogueState as S
from voice_guide.stt.pocketsphinx import dither

SOURCES = [r"(?<![a-z0-9])(?:he is choking)(?![a-z0-9])", r"(?P<who>he|she) (?:is )?fainting", r"blue lips?"]


def _entries(folder: Path) -> dict[str, object]:
    (path,) = folder.glob("patterns-*.json")
    return json.loads(path.read_bytes().partition(b"\n")[2])


def test_the_pattern_cache_lets_go_of_the_file_and_still_writes_the_whole_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety_cache, "_PROCESS", {})
    first = PatternCache(tmp_path)
    for source in SOURCES[:2]:
        first.compile(source)
    first.save()
    written = _entries(tmp_path)
    monkeypatch.setattr(safety_cache, "_PROCESS", {})
    cache = PatternCache(tmp_path)
    patterns = [cache.compile(s) for s in SOURCES[:2]]
    cache.save()  # nothing new: nothing written, the translations let go
    assert (cache._entries, cache._used) == ({}, dict.fromkeys(SOURCES[:2]))
    assert cache.compile(SOURCES[2]).search("his blue lip") is not None  # a later miss
    cache.save()  # writes this build's three patterns: the two let go read from the file again
    assert _entries(tmp_path) == {**written, SOURCES[2]: _entries(tmp_path)[SOURCES[2]]}
    assert sorted(_entries(tmp_path)) == sorted(SOURCES)
    assert [p.search("yes she fainting").group("who") if p.groups else bool(p.search("he is choking"))
            for p in patterns] == [True, "she"]


WORDS = {f"{a}{b}{c}": round(1 + (i % 700) / 100, 2)
         for i, (a, b, c) in enumerate((a, b, c) for a in "bdfkmt" for b in "aeiou" for c in "glnrsx")}
"""180 made-up plain words (three blocks of 64 records, the last one partial) and their Zipf values."""


def test_the_table_file_read_by_blocks_answers_as_the_whole_table(tmp_path: Path) -> None:
    data = zipf_table._encode(WORDS, "9.9")
    path = tmp_path / "zipf.bin"
    path.write_bytes(data)
    table = zipf_table._read(path, "9.9")
    whole = zipf_table._decode(data, "9.9")
    assert isinstance(table, zipf_table._FileRecords) and whole is not None
    asked = [*WORDS, "a", "ba", "bag", "bagz", "bzz", "kuq", "tux", "tuxa", "tuz", "zzz", "a" * 24, "z" * 24]
    assert [table.get(w) for w in asked] == [whole.get(w) for w in asked]
    assert [table.get(w) for w in WORDS] == list(WORDS.values())
    maps = Path("/proc/self/maps")
    if maps.is_file():
        assert str(path) not in maps.read_text()  # read, not mapped: no pages of it in the process


def test_the_table_file_damaged_after_its_blocks_is_not_used(tmp_path: Path) -> None:
    data = zipf_table._encode(WORDS, "9.9")
    path = tmp_path / "zipf.bin"
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert zipf_table._read(path, "9.9") is None


def test_a_states_own_templates_share_the_lists_and_rules_and_match_as_before() -> None:
    raw = {"language": "en", "lists": {"part": {"values": ["arms", "legs"]}}, "expansion_rules": {"go": "(go|move) on"},
           "intents": {"resume": ["<go>"], "start_routine": ["start [the] {part}"]},
           "state_preferences": {"routine_paused": {"templates": {"resume": ["<go> with [the] {part}"]}},
                                 "answered": {"templates": {"start_routine": ["and now [the] {part}"]}}}}
    matcher = ControlMatcher(raw)
    base = matcher._intents
    assert [(i.slot_lists is base.slot_lists, i.expansion_rules is base.expansion_rules)
            for i in matcher._by_state.values()] == [(True, True), (True, True)]
    got = {(text, state.value): (lambda h: h and (h.intent, h.slots))(matcher.exact(text, state)) for text, state in (
        ("move on with the legs", S.ROUTINE_PAUSED), ("and now arms", S.ANSWERED), ("start the legs", S.ANSWERED),
        ("go on", S.ROUTINE_PAUSED), ("and now arms", S.ROUTINE_PAUSED))}
    assert got == {("move on with the legs", "routine_paused"): ("resume", {"part": "legs"}),
                   ("and now arms", "answered"): ("start_routine", {"part": "arms"}),
                   ("start the legs", "answered"): ("start_routine", {"part": "legs"}),
                   ("go on", "routine_paused"): ("resume", {}),
                   ("and now arms", "routine_paused"): None}


def test_the_noise_sequences_are_numpys_and_come_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_GUIDE_DERIVED_CACHE", str(tmp_path))
    monkeypatch.setattr(dither, "_TABLES", {})
    first = dither.standard_normal(5, 1000)
    assert np.array_equal(first, np.random.default_rng(5).standard_normal(1000)) and not first.flags.writeable
    monkeypatch.setattr(dither, "_TABLES", {})

    def no_generating(seed: int, size: int) -> np.ndarray:
        raise AssertionError("the sequence should come from the cache")

    monkeypatch.setattr(dither, "_generate", no_generating)
    again = dither.standard_normal(5, 1000)
    assert again is not first and again.tobytes() == first.tobytes()
    assert dither.standard_normal(5, 1000) is again  # one copy per process


def test_the_decoders_modules_do_not_import_numpy_random() -> None:
    import subprocess

    code = ("import sys; import voice_guide.stt.pocketsphinx.backend, voice_guide.stt.pocketsphinx.keywords; "
            "print('numpy.random' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "False"
