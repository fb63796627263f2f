"""``pack check``: every problem of a pack, in plain sentences, and never a traceback on wrong types."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from voice_guide.content.builder import check_pack
from voice_guide.content.builder.check import PACK_FILES_HELP

GOOD_ARTICLE = {"title": "Checks", "sections": [{"id": "one", "title": "One", "blocks": ["Some text."]}]}


def write_pack(folder: Path, article: dict, **extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.yaml").write_text(yaml.safe_dump(article), encoding="utf-8")
    for name, text in extra.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_check_pack_finds_an_empty_section_and_a_dangling_line(tmp_path: Path) -> None:
    article = {
        "title": "Checks",
        "sections": [
            {"id": "causes", "title": "Causes", "blocks": ["Many things cause it. Examples include:"]},
            {"id": "empty", "title": "Additional Reading", "blocks": []},
            {"id": "lists", "title": "Lists", "blocks": ["Watch for these.", {"intro": "Symptoms are:", "items": []}]},
        ],
    }
    problems = check_pack(write_pack(tmp_path / "p", article), check_pronunciations=False)
    assert "section 'Additional Reading' is empty: it has no text to read" in problems
    assert "section 'Causes' has a dangling line ending in a colon with nothing after it: 'Examples include:'" in problems
    assert "section 'Lists' has a list with no items: 'Symptoms are:'" in problems


def test_check_pack_reports_yaml_errors_topics_and_routines(tmp_path: Path) -> None:
    article = {"title": "Checks", "sections": [{"id": "one", "title": "One", "blocks": ["Some text."]},
                                               {"id": "two", "title": "Two", "blocks": ["More text."]}]}
    routine = "id: arms\ntitle: arm exercises\nbody_region: arms\nsteps:\n  - name: lift\n    movement: Lift the arm.\n    sources: [T]\n"
    sources = "sources:\n  - {key: T, title: Test, url: https://example.org}\n"
    folder = write_pack(
        tmp_path / "p", article,
        **{"topics.yaml": "topics:\n  - name: ask_one\n    section: one\n    samples: [what is one]\n",
           "lexicon.yaml": "synonyms: {a: [b, c]\n", "routines__arms.yaml": routine, "routines__sources.yaml": sources},
    )
    problems = check_pack(folder, check_pronunciations=False)
    assert any(p.startswith("lexicon.yaml has a YAML error at line") for p in problems), problems
    assert "routines/arms.yaml: steps[0].hand_placement: missing" in problems
    (folder / "lexicon.yaml").write_text("synonyms: {}\n", encoding="utf-8")
    problems = check_pack(folder, check_pronunciations=False)
    assert "section 'Two' has no topic in topics.yaml, so questions rarely reach it" in problems
    assert not any("safety" in p for p in problems)  # no safety.yaml of its own: the shared default is used
    assert check_pack(tmp_path / "nothing") == [f"{tmp_path / 'nothing'} is not a folder: {PACK_FILES_HELP}"]


@pytest.mark.parametrize("name, text, expected", [
    ("article.yaml", "title: T\nsections: 5\n", "article.yaml: sections should be a list of sections, not a number"),
    ("article.yaml", "title: T\nsections:\n  - {id: a, title: A, blocks: 7}\n",
     "article.yaml: sections[0].blocks should be a list of paragraphs and lists, not a number"),
    ("article.yaml", "title: T\nsections:\n  - {id: a, title: A, blocks: [{intro: 'x:', items: 3}]}\n",
     "article.yaml: sections[0].blocks[0].items should be a list of text, not a number"),
    ("article.yaml", "title: T\nsections:\n  - {id: a, title: A, blocks: [x.]}\nfaq: 4\n",
     "article.yaml: faq should be a list of questions, not a number"),
    ("topics.yaml", "topics: 3\n", "topics.yaml: topics should be a list of topics, not a number"),
    ("topics.yaml", "topics:\n  - {name: t, section: one, samples: 9}\n", "topics.yaml: topics[0].samples should be a list of text, not a number"),
    ("lexicon.yaml", "synonyms: 1\n", "lexicon.yaml: synonyms should be a mapping of words to lists of words, not a number"),
    ("lexicon.yaml", "synonyms: {doctor: 2}\n", "lexicon.yaml: synonyms.doctor should be a list of text, not a number"),
    ("lexicon.yaml", "filler: 2\n", "lexicon.yaml: filler should be a list of text, not a number"),
    ("safety.yaml", "emergency: 1\n", "safety.yaml: emergency should be a mapping with patterns, samples and answer, not a number"),
    ("safety.yaml", "emergency: {patterns: 3}\n", "safety.yaml: emergency.patterns should be a list of text, not a number"),
    ("intents.yaml", "intents: 2\n", "intents.yaml: intents should be a mapping of intent names to templates, not a number"),
    ("intents.yaml", "intents: {help: 2}\n", "intents.yaml: intents.help should be a list of text, not a number"),
])
def test_a_number_where_a_list_or_mapping_belongs_is_named(tmp_path: Path, name: str, text: str, expected: str) -> None:
    folder = write_pack(tmp_path / "p", GOOD_ARTICLE)
    (folder / name).write_text(text, encoding="utf-8")
    problems = check_pack(folder, check_pronunciations=False)
    assert expected in problems, problems


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", {"title": 3, "sections": [{"id": "a", "title": "A", "blocks": 1}, "oops"], "faq": 2})
    (folder / "topics.yaml").write_text("topics: 3\n", encoding="utf-8")
    (folder / "lexicon.yaml").write_text("synonyms: {a: [b, c]\n", encoding="utf-8")
    (folder / "safety.yaml").write_bytes("emergency: caf\u00e9\n".encode("latin-1"))
    problems = check_pack(folder, check_pronunciations=False)
    assert problems[0].startswith("lexicon.yaml has a YAML error at line 2: ")
    assert problems[1:] == [
        "safety.yaml is not UTF-8 text (save it as UTF-8)",
        "article.yaml: title should be text, not a number",
        "article.yaml: faq should be a list of questions, not a number",
        "article.yaml: sections[0].blocks should be a list of paragraphs and lists, not a number",
        "article.yaml: sections[1] should be a mapping with id, title and blocks, not text",
        "topics.yaml: topics should be a list of topics, not a number",
    ]


def test_files_that_are_too_big_nested_or_alias_bombs_are_problems(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD_ARTICLE)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(12))
    (folder / "lexicon.yaml").write_text(bomb + "filler: *m\n", encoding="utf-8")
    (folder / "topics.yaml").write_text("topics: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (folder / "intents.yaml").symlink_to("/dev/zero")
    problems = check_pack(folder, check_pronunciations=False)
    assert "lexicon.yaml uses more than 100 YAML aliases (*name): write the values out" in problems
    assert "intents.yaml is not a regular file" in problems
    assert len(problems) == 3
    # libyaml reads deep nesting; then the wrong shape is named (without libyaml: "nested too deeply")
    assert set(problems) & {"topics.yaml is nested too deeply", "topics.yaml: topics[0] should be a mapping with name, section and samples, not a list"}


def test_a_folder_that_is_no_pack_names_what_a_pack_needs(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert check_pack(tmp_path / "empty") == [f"there is no article.yaml in {tmp_path / 'empty'}: {PACK_FILES_HELP}"]
