"""Content pack loading: the shipped article and bad packs."""

import io
from pathlib import Path

import pytest

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.content.sentences import split_sentences
from voice_guide.core.errors import ContentError


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def test_shipped_pack_keeps_the_article_structure(pack):
    assert pack.title == "Muscle Atrophy Types and Causes"
    assert pack.byline == "By Carol Eustice, Verywell Health"
    assert [s.id for s in pack.sections if s.kind == "section"] == [
        "introduction", "muscle_wasting", "disuse", "neurogenic", "pathologic"]
    assert [s.title for s in pack.sections if s.kind == "faq"] == [
        "What is muscle atrophy?", "What causes muscle atrophy?", "Can you rebuild muscles that have atrophied?"]
    assert len(pack.sources) == 2
    assert pack.sources[0].startswith("U.S. National Library of Medicine: MedlinePlus")


def test_article_wording_is_kept(pack):
    text = pack.section("neurogenic").text()
    assert "a therapist, a family member, or a machine will move the muscle" in text
    assert pack.section("muscle_wasting").units[0].text == "Muscle atrophy is the loss or decrease of muscle mass."


def test_nothing_spoken_is_boilerplate_caption_or_dangling(pack):
    spoken = " ".join(s.text() for s in pack.sections)
    for banned in ("Getty Images", "Examples include", "Additional Reading"):
        assert banned not in spoken
    for s in pack.sections:
        for u in s.units:
            assert not u.text.rstrip().endswith(":") or u.list_intro, u.text


def test_the_publishers_note_on_its_sources_comes_after_the_list_as_an_aside(pack):
    units = pack.section("sources").units
    assert [(u.text[:30], u.index, u.block, u.aside) for u in units] == [
        ("This article cites 2 sources.", 0, 0, False),
        ("1. U.S. National Library of Me", 1, 1, False),
        ("2. Adams V. Electromyostimulat", 2, 2, False),
        ("Verywell Health uses only high", 3, 3, True),
        ("Read our editorial process to ", 4, 3, True),
    ]
    assert "peer" in pack.note_cues and "reliable" in pack.note_cues


def test_a_pack_without_a_sources_note_has_no_aside():
    article = {"title": "T", "sections": [{"id": "a", "title": "A", "blocks": ["One sentence here."]}],
               "sources": ["A source."]}
    pack = ContentPack.from_dict(article)
    assert [(u.text, u.aside) for u in pack.section("sources").units] == [
        ("This article cites one source.", False), ("1. A source.", False)]
    assert pack.note_cues == ()


def test_short_list_items_are_read_with_their_intro(pack):
    assert pack.section("faq_what_is").units[1].text == (
        "Other terms for muscle atrophy include: muscle catabolism, muscle loss, muscle wasting, and muscle withering.")


def test_faq_questions_become_topic_samples(pack):
    samples = [s for t in pack.topics for s in t.samples]
    assert "What causes muscle atrophy?" in samples


def test_split_sentences_keeps_abbreviations_and_quotes():
    assert split_sentences('A principle of "use it or lose it." If you stop, U.S. data say so. Yes!') == [
        'A principle of "use it or lose it."', "If you stop, U.S. data say so.", "Yes!"]


def test_from_yaml_builds_a_pack_from_one_document():
    pack = ContentPack.from_yaml(io.StringIO(
        "title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['One. Two.']\n"))
    assert [u.text for u in pack.section("a").units] == ["One.", "Two."]


@pytest.mark.parametrize("text, message", [
    ("title: T\n", "missing field 'sections'"),
    ("title: T\nsections:\n  - title: A\n    blocks: ['x']\n", "missing field 'id'"),
    ("title: T\nsections:\n  - id: a\n    title: A\n    blocks: []\n", "the section is empty"),
    ("title: [unclosed\n", "malformed YAML"),
    ("", "the file is empty"),
    ("- a\n- b\n", "expected a mapping"),
    ("title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['x']\n  - id: a\n    title: B\n    blocks: ['y']\n", "used twice"),
])
def test_bad_article_yaml_gives_one_line_errors(text, message):
    with pytest.raises(ContentError) as err:
        ContentPack.from_yaml(io.StringIO(text))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_yaml_is_loaded_safely():
    with pytest.raises(ContentError):
        ContentPack.from_yaml(io.StringIO("title: !!python/object/apply:os.system ['echo hi']\nsections: []\n"))


def test_topic_pointing_at_a_missing_section_is_named(tmp_path: Path):
    (tmp_path / "article.yaml").write_text("title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['x.']\n")
    (tmp_path / "topics.yaml").write_text("topics:\n  - name: ask_b\n    section: b\n")
    with pytest.raises(ContentError, match="ask_b.*section 'b'"):
        load_pack(tmp_path)


def test_missing_pack_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ContentError, match="not a content pack folder"):
        load_pack(tmp_path / "nope")
    with pytest.raises(ContentError, match="no article.yaml"):
        load_pack(tmp_path)


def test_content_hash_changes_with_content(tmp_path: Path):
    (tmp_path / "article.yaml").write_text("title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['x.']\n")
    h1 = load_pack(tmp_path).content_hash
    (tmp_path / "article.yaml").write_text("title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['y.']\n")
    assert load_pack(tmp_path).content_hash != h1
