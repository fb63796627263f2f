"""The derived-data cache (ready time): files checked before use, rebuilt when damaged, and
an engine or pack from the cache that behaves exactly as one built from the files."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import voice_guide.engine as engine_module
from voice_guide.content.pack import load_pack
from voice_guide.core import cache
from voice_guide.engine import Engine
from voice_guide.nlu.state import DialogueState


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for the test."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "derived"))
    return tmp_path / "derived"


def _kept(folder: Path, key: str = "k1") -> Path:
    path = cache.cache_path("thing", key)
    assert path is not None and path.parent == folder
    assert cache.write_pickle(path, key, {"words": ("a", "b"), "pattern": re.compile("ab+")})
    return path


def test_a_kept_object_is_read_back_with_the_same_key_only(folder: Path):
    path = _kept(folder)
    assert cache.read_pickle(path, "k1") == {"words": ("a", "b"), "pattern": re.compile("ab+")}
    assert cache.read_pickle(path, "k2") is None
    assert cache.read_pickle(folder / "missing.pickle", "k1") is None


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data[:-3] + b"xyz",  # body changed: checksum differs
    lambda data: b"not json\n" + data.partition(b"\n")[2],  # header unreadable
    lambda data: b"",  # empty
    lambda data: b'{"format": "vg-derived-v1"}\n' + b"\x80\x05junk",  # header of another shape
])
def test_a_damaged_file_is_not_used(folder: Path, damage):
    path = _kept(folder)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.read_pickle(path, "k1") is None


def test_a_failure_while_unpickling_gives_none(folder: Path):
    path = cache.cache_path("thing", "k1")
    assert path is not None
    assert cache.write_pickle(path, "k1", ["shared"], persistent_id=lambda obj: "x" if obj == "shared" else None)

    def refuse(pid: object) -> object:
        raise ValueError(f"unknown {pid!r}")

    assert cache.read_pickle(path, "k1", persistent_load=refuse) is None
    assert cache.read_pickle(path, "k1", persistent_load=lambda pid: "given") == ["given"]


def test_what_cannot_be_pickled_is_not_written(folder: Path):
    path = cache.cache_path("thing", "k1")
    assert path is not None
    assert cache.write_pickle(path, "k1", lambda: 1) is False
    assert not path.exists()


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    assert cache.cache_folder() is None
    assert cache.cache_path("thing", "k1") is None


def test_only_the_newest_files_of_a_name_are_kept(folder: Path):
    for i in range(cache.KEEP_FILES + 3):
        _kept(folder, f"key{i}")
    other = cache.cache_path("other", "k")
    assert other is not None and cache.write_pickle(other, "k", 1)
    assert len(list(folder.glob("thing-*.pickle"))) == cache.KEEP_FILES
    assert cache.read_pickle(cache.cache_path("thing", f"key{cache.KEEP_FILES + 2}"), f"key{cache.KEEP_FILES + 2}") is not None
    assert cache.read_pickle(other, "k") == 1


def test_files_digest_follows_file_contents(tmp_path: Path):
    (tmp_path / "a.txt").write_text("one")
    first = cache.files_digest([tmp_path], ("x",))
    assert cache.files_digest([tmp_path], ("x",)) == first
    assert cache.files_digest([tmp_path], ("y",)) != first
    (tmp_path / "a.txt").write_text("two")
    assert cache.files_digest([tmp_path], ("x",)) != first
    assert cache.files_digest([tmp_path / "a.txt"]) != cache.files_digest([tmp_path / "a.txt"], ("x",))


# --- the pack ---------------------------------------------------------------------------------

_ARTICLE = "title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['First sentence. Then this:', 'x.']\n"


def test_a_pack_from_the_cache_equals_the_pack_from_its_files(folder: Path, tmp_path: Path, caplog):
    root = tmp_path / "pack"
    root.mkdir()
    (root / "article.yaml").write_text(_ARTICLE)
    with caplog.at_level(logging.WARNING, logger="voice_guide.content.pack"):
        built = load_pack(root)
    built_warnings = [r.getMessage() for r in caplog.records]
    assert len(built_warnings) == 1 and "ends in a colon" in built_warnings[0]
    assert len(list(folder.glob("pack-*.pickle"))) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="voice_guide.content.pack"):
        cached = load_pack(root)
    assert cached == built and cached is not built
    assert [r.getMessage() for r in caplog.records] == built_warnings  # said again
    (root / "article.yaml").write_text(_ARTICLE.replace("x.", "y."))
    assert load_pack(root).sections != built.sections  # a changed file is read again


def test_a_damaged_pack_file_in_the_cache_is_rebuilt(folder: Path):
    built = load_pack()
    [path] = folder.glob("pack-*.pickle")
    path.write_bytes(path.read_bytes()[:100])
    assert load_pack() == built
    assert path.stat().st_size > 100  # written again


# --- the engine -------------------------------------------------------------------------------

_INPUTS = [
    ("she collapsed and is not breathing", DialogueState.IDLE),
    ("what causes muscles to waste away", DialogueState.IDLE),
    ("can steroids make my legs weaker", DialogueState.IDLE),
    ("is it contagious", DialogueState.IDLE),
    ("set a timer for ten minutes", DialogueState.IDLE),
    ("start the arm routine please", DialogueState.IDLE),
    ("slow down", DialogueState.ROUTINE_COUNTING),
    ("it hurts when you bend it", DialogueState.ROUTINE_COUNTING),
    ("set", DialogueState.ROUTINE_WAITING),
    ("musle wastng after a strok", DialogueState.IDLE),
    ("blorf quandle zib", DialogueState.IDLE),
]


def _answers(engine: Engine) -> list[object]:
    return [engine.understand(text, state) for text, state in _INPUTS]


def test_an_engine_from_the_cache_understands_exactly_as_a_built_one(folder: Path, monkeypatch: pytest.MonkeyPatch):
    pack = load_pack()
    built = Engine(pack)
    assert len(list(folder.glob("engine-*.pickle"))) == 1
    expected = _answers(built)

    def not_built(*args: object, **kwargs: object) -> None:
        pytest.fail("the understanding was built, not read from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(engine_module, "Understander", not_built)
        cached = Engine(load_pack())
    assert cached.understander is not built.understander
    assert cached.understander.pack is cached.pack  # shared, not a copy
    for engine in (built, cached):  # the pack's objects too, as in a built engine
        assert engine.understander.controls._lists is engine.pack.intents["lists"]
    assert _answers(cached) == expected
    assert cached.routine_names == built.routine_names
    assert cached.derived_key() == built.derived_key()


def test_a_damaged_engine_file_in_the_cache_is_rebuilt(folder: Path):
    pack = load_pack()
    expected = _answers(Engine(pack))
    [path] = folder.glob("engine-*.pickle")
    path.write_bytes(path.read_bytes()[:5000])
    rebuilt = Engine(pack)
    assert _answers(rebuilt) == expected
    key = rebuilt.derived_key()
    assert key is not None and cache.read_pickle(path, key, persistent_load=lambda pid: None) is not None


def test_the_engine_key_follows_the_safety_region(monkeypatch: pytest.MonkeyPatch):
    engine = Engine(load_pack())
    key = engine.derived_key()
    monkeypatch.setenv("VOICE_GUIDE_REGION", "GB")
    assert Engine(engine.pack).derived_key() != key
    monkeypatch.setenv("VOICE_GUIDE_DATA_DIR", "/somewhere/else")  # folders do not matter
    monkeypatch.delenv("VOICE_GUIDE_REGION")
    assert Engine(engine.pack).derived_key() == key


def test_pack_parts_are_the_same_for_the_same_data(folder: Path):
    from voice_guide.engine_cache import pack_parts

    first, second = load_pack(), load_pack()  # built, then from the cache
    a, b = pack_parts(first), pack_parts(second)
    assert a[0] is first and b[0] is second
    assert [type(x) for x in a] == [type(x) for x in b] and a == b
