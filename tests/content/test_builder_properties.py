"""Property tests: the pack builder and ``pack check`` on arbitrary text and bytes raise nothing but
the project's own one-line errors, and a failed build leaves no folder behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice_guide.content.builder import build_pack, check_pack, decode_text, detect_format
from voice_guide.core.errors import VoiceGuideError

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that steer the readers: headings, bullets, markup, digits of every kind.
ARTICLE_CHARS = st.sampled_from(list("abcXYZ .,:;?!-*#>|`'\"\n\t<>/=&[]()0123456789\u00b9\u00b2\u2460\u0663\u00e9\u2019\u2022"))
ARTICLE_TEXT = st.one_of(
    st.text(ARTICLE_CHARS, max_size=400),
    st.text(max_size=300),
    st.lists(st.sampled_from(["# Title", "## Part", "Heading Line", "- item", "1. step", "<p>para</p>", "<h2>H</h2>",
                              "Frequently Asked Questions", "Why?", "Answer.", "Sources", "By Someone", "CC0", "",
                              "A plain sentence about health.", "---", "```", "| a | b |", "Examples include:"]),
             max_size=30).map("\n".join),
)


def _build(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        src = Path(work) / f"article{suffix}"
        src.write_bytes(data)
        out = Path(work) / "pack"
        try:
            report = build_pack(src, out, check_pronunciations=False)
        except VoiceGuideError as err:
            assert "\n" not in str(err)
            assert not out.exists()
            return
        assert report.section_titles or report.faq_questions
        assert check_pack(out, check_pronunciations=False) is not None


@SETTINGS
@given(text=ARTICLE_TEXT, suffix=st.sampled_from([".txt", ".md", ".html", ""]))
def test_any_text_builds_a_pack_or_gives_a_one_line_error(text: str, suffix: str) -> None:
    _build(text.encode("utf-8", "surrogatepass"), suffix)


@SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html"]))
def test_any_bytes_build_a_pack_or_give_a_one_line_error(data: bytes, suffix: str) -> None:
    _build(data, suffix)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_decoding_and_format_detection_never_fail(data: bytes) -> None:
    text, encoding = decode_text(data)
    assert isinstance(text, str) and encoding
    assert detect_format("article", text) in ("text", "markdown", "html")


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)
PACK_FIELDS = st.fixed_dictionaries({}, optional={
    "title": YAML_VALUES, "sections": YAML_VALUES, "faq": YAML_VALUES, "sources": YAML_VALUES, "byline": YAML_VALUES,
})


@SETTINGS
@given(
    article=st.one_of(PACK_FIELDS, YAML_VALUES),
    topics=st.one_of(st.fixed_dictionaries({"topics": YAML_VALUES}), YAML_VALUES),
    lexicon=st.fixed_dictionaries({}, optional={"synonyms": YAML_VALUES, "filler": YAML_VALUES, "common_words": YAML_VALUES}),
    safety=st.fixed_dictionaries({}, optional={"emergency": YAML_VALUES, "pain": YAML_VALUES}),
    intents=st.fixed_dictionaries({}, optional={"intents": YAML_VALUES, "lists": YAML_VALUES, "skip_words": YAML_VALUES}),
)
def test_pack_check_reports_any_shape_of_pack_files_without_raising(article, topics, lexicon, safety, intents) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for name, data in (("article", article), ("topics", topics), ("lexicon", lexicon), ("safety", safety), ("intents", intents)):
            (folder / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        problems = check_pack(folder, check_pronunciations=False)
        assert all(isinstance(p, str) and "\n" not in p for p in problems)


@SETTINGS
@given(text=st.text(max_size=300))
def test_pack_check_on_arbitrary_file_text_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "article.yaml").write_text("title: T\nsections:\n  - {id: a, title: A, blocks: [Text.]}\n", encoding="utf-8")
        (folder / "topics.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        assert isinstance(check_pack(folder, check_pronunciations=False), list)


@SETTINGS
@given(text=st.text(max_size=200))
def test_the_words_of_any_text_can_be_listed_for_the_recognizer(text: str) -> None:
    from voice_guide.content.builder.vocab import pack_vocabulary_words

    words = pack_vocabulary_words(text)
    assert all(w.isascii() and w == w.lower() for w in words)
