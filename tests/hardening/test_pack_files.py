"""Bad pack files: wrong types, non-UTF-8 text, alias bombs, devices. Each gives one
ContentError line naming the file and the field, never a TypeError or an unbounded read."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice_guide.content.pack import DEFAULT_PACK_DIR, DEFAULTS_DIR, PACK_PARTS, ContentPack, load_pack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.understanding import ControlMatcher

SHIPPED = {part: yaml.safe_load(next(p for p in (DEFAULT_PACK_DIR / f"{part}.yaml", DEFAULTS_DIR / f"{part}.yaml")
                                     if p.exists()).read_text(encoding="utf-8")) for part in PACK_PARTS}


def _copy_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK_DIR, folder)
    if not (folder / "safety.yaml").exists():  # the pack's own copy of the shared default, to mutate
        shutil.copy(DEFAULTS_DIR / "safety.yaml", folder / "safety.yaml")
    return folder


def _set(data: Any, path: list[Any], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@pytest.mark.parametrize("part, path, message", [
    ("article", ["faq"], "article.yaml: faq: expected a list, found a number (5)"),
    ("article", ["sections"], "article.yaml: sections: expected a list, found a number (5)"),
    ("article", ["sections", 0, "blocks"], "article.yaml: sections[0].blocks: expected a list, found a number (5)"),
    ("article", ["sections", 1, "blocks", 1, "items"], "article.yaml: sections[1].blocks[1].items: expected a list, found a number (5)"),
    ("article", ["faq", 0], "article.yaml: faq[0]: expected a mapping, found a number (5)"),
    ("topics", ["topics"], "topics.yaml: topics: expected a list, found a number (5)"),
    ("topics", ["topics", 0, "samples"], "topics.yaml: topics[0].samples: expected a list, found a number (5)"),
    ("lexicon", ["synonyms"], "lexicon.yaml: synonyms: expected a mapping, found a number (5)"),
    ("lexicon", ["synonyms", "muscle"], "lexicon.yaml: synonyms.muscle: expected a list, found a number (5)"),
    ("lexicon", ["filler"], "lexicon.yaml: filler: expected a list, found a number (5)"),
    ("safety", ["concepts"], "safety.yaml: concepts: expected a mapping, found a number (5)"),
    ("safety", ["pain", "patterns"], "safety.yaml: pain.patterns: expected a list, found a number (5)"),
    ("intents", ["intents"], "intents.yaml: intents: expected a mapping, found a number (5)"),
    ("intents", ["intents", "help"], "intents.yaml: intents.help: expected a list, found a number (5)"),
    ("intents", ["lists", "routine", "values"], "intents.yaml: lists.routine.values: expected a list, found a number (5)"),
])
def test_a_number_where_a_list_or_mapping_belongs_names_file_and_field(tmp_path: Path, part, path, message):
    folder = _copy_pack(tmp_path)
    data = yaml.safe_load((folder / f"{part}.yaml").read_text(encoding="utf-8"))
    _set(data, path, 5)
    (folder / f"{part}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_pack(folder)
    assert str(err.value) == f"{folder}: {message}"


def test_latin1_article_is_a_clear_error(tmp_path: Path):
    folder = _copy_pack(tmp_path)
    text = (folder / "article.yaml").read_text(encoding="utf-8").replace("Introduction", "Introducción")
    (folder / "article.yaml").write_bytes(text.encode("latin-1", errors="replace"))
    with pytest.raises(ContentError) as err:
        load_pack(folder)
    assert str(err.value).startswith(f"{folder / 'article.yaml'}: the pack file is not UTF-8 text (byte 0x")
    assert str(err.value).endswith("; save it as UTF-8")


def test_alias_bomb_in_list_items_is_refused_before_it_expands(tmp_path: Path):
    folder = _copy_pack(tmp_path)
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\ntitle: T\nsections:\n  - id: s\n    title: S\n    blocks:\n      - intro: 'Items:'\n        items: *a9\n"
    (folder / "article.yaml").write_text(bomb, encoding="utf-8")
    with pytest.raises(ContentError, match=r"article.yaml: too many values once aliases are expanded \(more than 200000\)"):
        load_pack(folder)


def test_a_few_aliases_are_still_fine(tmp_path: Path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "article.yaml").write_text(
        "title: T\nsections:\n  - id: s\n    title: S\n    blocks: &b ['One sentence.']\n  - id: t\n    title: U\n    blocks: *b\n")
    assert [s.text() for s in load_pack(folder).sections] == ["One sentence.", "One sentence."]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_pack_file_that_is_a_symlink_to_a_device_is_refused(tmp_path: Path, target):
    folder = _copy_pack(tmp_path)
    (folder / "lexicon.yaml").unlink()
    (folder / "lexicon.yaml").symlink_to(target)
    with pytest.raises(ContentError) as err:
        load_pack(folder)
    assert str(err.value) == f"{folder / 'lexicon.yaml'}: the pack file is a device or pipe, not a regular file"


def test_pack_file_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path):
    folder = _copy_pack(tmp_path)
    (folder / "topics.yaml").unlink()
    os.mkfifo(folder / "topics.yaml")
    with pytest.raises(ContentError, match="topics.yaml: the pack file is a device or pipe, not a regular file"):
        load_pack(folder)


def test_unquoted_yes_and_no_stay_words(tmp_path: Path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "article.yaml").write_text("title: T\nsections:\n  - id: s\n    title: S\n    blocks: ['One.']\n")
    (folder / "lexicon.yaml").write_text("filler: [no, yes, on, off, true]\n")
    assert load_pack(folder).lexicon.filler == ("no", "yes", "on", "off", "true")


def test_missing_folder_error_names_the_fix(tmp_path: Path):
    with pytest.raises(ContentError, match="give the folder that holds article.yaml, or make one with 'voice-guide pack new'"):
        load_pack(tmp_path / "none")


# --- property-based: any value at any known field -------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the shipped data (the first few items of each list)."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in list(data.items())[:6]:
            out += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data[:2]):
            out += _paths(value, prefix + (i,))
    return out


PATHS = {part: _paths(SHIPPED[part]) for part in PACK_PARTS}


def _mutated(part: str, path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    parts = copy.deepcopy(SHIPPED)
    _set(parts[part], list(path), value)
    return parts


@pytest.mark.parametrize("part", PACK_PARTS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=JSON_VALUES)
def test_any_value_at_any_field_loads_or_is_one_content_error(part, data, value):
    path = data.draw(st.sampled_from(PATHS[part]))
    parts = _mutated(part, path, value)
    try:
        pack = ContentPack.from_dict(**parts)
    except ContentError as err:
        assert "\n" not in str(err) and any(f"{p}.yaml: " in str(err) for p in PACK_PARTS)
        return
    assert all(isinstance(s, str) for t in pack.topics for s in t.samples)
    assert all(isinstance(w, str) for w in pack.lexicon.filler + pack.lexicon.common_words)
    if part == "safety":
        try:
            SafetyRules(pack.safety)
        except ContentError:
            pass
    if part == "intents":
        try:
            ControlMatcher(pack.intents, max_samples_per_intent=3)
        except ContentError:
            pass


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=300))
def test_any_article_text_gives_a_pack_or_one_content_error(text):
    try:
        ContentPack.from_yaml(text)
    except ContentError as err:
        assert "\n" not in str(err)


@pytest.mark.parametrize("rules, template, message", [
    ({}, "say <the> thing", "intents.yaml: intents.help[0]: uses <the>, which expansion_rules does not define"),
    ({"the": "the"}, "start {routine}", "intents.yaml: intents.help[0]: uses {routine}, which lists does not define"),
    ({"a": "<b>", "b": "x <a>"}, "help", "intents.yaml: expansion_rules: <a> uses itself (a -> b -> a)"),
])
def test_intent_templates_refer_only_to_what_is_defined(rules, template, message):
    intents = {"expansion_rules": rules, "intents": {"help": [template]}}
    with pytest.raises(ContentError) as err:
        ContentPack.from_dict(SHIPPED["article"], intents=intents)
    assert str(err.value) == message


def test_a_long_chain_of_expansion_rules_is_refused():
    rules = {f"r{i:04d}": f"<r{i + 1:04d}>" for i in range(2000)}
    rules["r2000"] = "word"
    with pytest.raises(ContentError, match="intents.yaml: expansion_rules: <r0000> nests rules more than 32 deep"):
        ContentPack.from_dict(SHIPPED["article"], intents={"expansion_rules": rules, "intents": {"help": ["<r0000>"]}})
