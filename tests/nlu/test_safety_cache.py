"""The compiled-pattern cache: the same patterns from the file, and a safe fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from voice_guide.nlu import safety_cache
from voice_guide.nlu.safety_cache import PatternCache
from voice_guide.nlu.safety_text import PatternCompiler

SOURCES = [
    r"(?<![a-z0-9])(?:(?:his|her) (?:chest|heart)(?: [a-z0-9]+){0,4} (?:tight|heavy))(?![a-z0-9])",
    r"(?P<who>he|she) (?:is )?choking",
    r"breath\w* ~ \b(?:fast|shallow)$",
]


@pytest.fixture(autouse=True)
def _fresh_process_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety_cache, "_PROCESS", {})


def _compile_all(folder: Path) -> list[re.Pattern[str]]:
    cache = PatternCache(folder)
    out = [cache.compile(s) for s in SOURCES]
    cache.save()
    return out


def test_patterns_from_the_file_are_the_same_as_re_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _compile_all(tmp_path)
    assert [p.pattern for p in first] == SOURCES
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    monkeypatch.setattr(safety_cache, "_PROCESS", {})
    monkeypatch.setattr(re, "compile", None)  # a cache hit must not need re.compile
    cached = _compile_all(tmp_path)
    monkeypatch.undo()
    for pattern, source in zip(cached, SOURCES, strict=True):
        plain = re.compile(source)
        assert (pattern.pattern, pattern.groups, pattern.groupindex) == (plain.pattern, plain.groups, plain.groupindex)
    text = "um his chest is really really tight | she is choking | breathing very fast"
    assert [[m.span() for m in p.finditer(text)] for p in cached] == [[(3, 35)], [(38, 52)], []]
    assert cached[1].search("oh she choking").group("who") == "she"


def test_a_damaged_file_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _compile_all(tmp_path)
    path = next(tmp_path.iterdir())
    head, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(head + b"\n" + body.replace(b"[", b"[1,", 1))  # entries changed: checksum differs
    monkeypatch.setattr(safety_cache, "_PROCESS", {})
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda s, *a: calls.append(s) or real(s, *a))
    again = _compile_all(tmp_path)
    assert calls == SOURCES  # every pattern compiled afresh
    assert [p.pattern for p in again] == SOURCES


def test_invalid_cached_code_falls_back_to_re_compile(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path)
    cache._loaded = True
    cache._entries = {SOURCES[1]: [0, [999999, 1, 2], 1, {"who": 1}, [None, "who"]]}  # not valid engine code
    assert cache.compile(SOURCES[1]).search("she choking") is not None


def test_the_file_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(safety_cache.CACHE_ENV, "0")
    cache = PatternCache()
    assert cache.path is None
    cache.compile(SOURCES[0])
    cache.save()
    monkeypatch.setenv(safety_cache.CACHE_ENV, str(tmp_path))
    assert PatternCache().path is not None and PatternCache().path.parent == tmp_path


def test_a_bad_pattern_still_fails_when_the_pack_loads(tmp_path: Path) -> None:
    from voice_guide.core.errors import ContentError

    compiler = PatternCompiler({}, PatternCache(tmp_path))
    with pytest.raises(ContentError, match="bad pattern"):
        compiler.compile("(?:unclosed", "concepts.x.patterns[0]")


@pytest.mark.parametrize("reply", ["Call {emergency_number now.", "Call {emergency_number.x}.", "Call } now.",
                                   "Call {nope}."])
def test_a_bad_placeholder_in_a_reply_is_one_content_error(tmp_path: Path, reply: str) -> None:
    from voice_guide.core.errors import ContentError
    from voice_guide.nlu.safety import SafetyRules

    with pytest.raises(ContentError, match=r"^safety.yaml: replies.emergency: a bad placeholder in "):
        SafetyRules({"replies": {"emergency": reply}}, cache=PatternCache(tmp_path))
