"""Content packs from other articles: plain text, Markdown and HTML in; a pack that loads out;
odd encodings and bad input (binary files, footnote marks) with one-line errors and nothing left behind."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from voice_guide.content.builder import UNCHECKED_MARK, PackBuildError, build_pack, check_pack
from voice_guide.content.builder import doc as builder_limits
from voice_guide.content.pack import load_pack
from voice_guide.engine import Engine

HAS_ESPEAK = shutil.which("espeak-ng") is not None

PLAIN = """Staying Cool in Hot Weather

By Pat Example

Hot weather is hard on the body, and older adults feel it more. This is general advice, not medical advice.

Why Heat Is Risky
The body cools itself by sweating. With age, the body sweats less and feels thirst later.

Keeping Your Home Cool
Close the curtains on sunny windows during the day. Open windows at night when the air is cooler.

Signs of Heat Illness
Get help if you notice:
- Headache or dizziness
- Feeling sick
- Fast breathing

Frequently Asked Questions

Is a fan enough?
A fan helps, but in very hot weather a cool shower or a cooler room helps more.

How much should I drink?
Drink often through the day, even if you do not feel thirsty.

Sources
- National Health Service, Heatwave: how to cope in hot weather
"""

MARKDOWN = """---
title: Sleeping Well
author: Robin Sample
---

Good sleep helps memory and mood.

## A Regular Routine

Go to bed and get up at the same time each day. **Keep** the bedroom *dark* and quiet.

See [the sleep page](https://example.org/sleep) for more:

* Avoid caffeine after lunch
* Keep screens out of the bedroom

```
print("code is not spoken")
```

| Hours | Age |
|-------|-----|
| 7-9   | adults |

## Empty Heading

## Frequently Asked Questions

### Are naps bad?

Short naps early in the afternoon are fine for most people.

## References

1. Sleep Foundation. Sleep hygiene.
"""

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Healthy Snacks | Example Health</title>
<script>var secret = "TRACKING_SCRIPT";</script><style>.x{color:red}</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">NAV_LINK_NEWS</a></nav></header>
<div id="cookie-consent">COOKIE_BANNER We use cookies.</div>
<main><article>
<h1>Healthy Snacks</h1>
<p class="byline">By Lee Writer</p>
<p>Snacks can give you energy between meals.<sup>1</sup></p>
<div class="social-share">SHARE_BUTTONS</div>
<h2>Good Choices</h2>
<p>Try these snacks:</p>
<ul><li>Fruit</li><li>Yogurt</li><li>Nuts</li></ul>
<aside>ASIDE_AD Buy snacks now</aside>
<h2>Reading Labels</h2>
<p>Check the label for sugar and salt.<br>Choose snacks with less of both.</p>
<script>document.write("INLINE_SCRIPT")</script>
</article></main>
<footer>FOOTER_TEXT Copyright Example Health</footer>
</body></html>
"""


def texts_of(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.yaml"))


def test_plain_text_becomes_a_pack_that_loads(tmp_path: Path) -> None:
    src = tmp_path / "heat.txt"
    src.write_text(PLAIN, encoding="utf-8")
    report = build_pack(src, tmp_path / "pack")
    assert report.title == "Staying Cool in Hot Weather"
    assert report.byline == "By Pat Example"
    assert report.input_format == "text" and report.encoding == "utf-8"
    assert report.section_titles == ("Introduction", "Why Heat Is Risky", "Keeping Your Home Cool", "Signs of Heat Illness")
    assert report.faq_questions == ("Is a fan enough?", "How much should I drink?")
    assert report.sources == ("National Health Service, Heatwave: how to cope in hot weather",)
    pack = load_pack(tmp_path / "pack")
    signs = pack.section("signs_heat_illness")
    assert signs.units[0].text == "Get help if you notice: headache or dizziness, feeling sick, and fast breathing."
    assert [s.kind for s in pack.sections].count("faq") == 2
    assert pack.safety and pack.intents  # the shipped safety rules and controls come along
    assert (tmp_path / "pack" / "source.txt").read_text(encoding="utf-8") == PLAIN
    assert check_pack(tmp_path / "pack") == []


def test_every_section_gets_sample_questions_in_its_own_words(tmp_path: Path) -> None:
    src = tmp_path / "heat.txt"
    src.write_text(PLAIN, encoding="utf-8")
    build_pack(src, tmp_path / "pack")
    topics = yaml.safe_load((tmp_path / "pack" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    by_section = {t["section"]: t for t in topics}
    pack = load_pack(tmp_path / "pack")
    for section in pack.sections:
        if section.kind in ("section", "faq"):
            samples = by_section[section.id]["samples"]
            assert len(samples) >= 3, section.id
            for sample in samples:
                assert re.fullmatch(r"[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?)*", sample), sample  # recognizer-ready
    assert "tell me about keeping your home cool" in by_section["keeping_home_cool"]["samples"]
    assert "is a fan enough" in by_section["faq_fan_enough"]["samples"]
    assert by_section["sources"]["name"] == "ask_sources" and by_section["about"]["name"] == "ask_author"
    guide = Engine(pack).new_conversation()
    assert guide.handle_text("should I close the curtains").section_id == "keeping_home_cool"
    guide.reset()
    assert guide.handle_text("why is heat risky for older people").section_id == "why_heat_risky"


def test_markdown_with_front_matter_lists_code_and_tables(tmp_path: Path) -> None:
    src = tmp_path / "sleep.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    report = build_pack(src, tmp_path / "pack")
    assert report.input_format == "markdown"
    assert report.title == "Sleeping Well" and report.byline == "By Robin Sample"
    assert report.section_titles == ("Introduction", "A Regular Routine")
    assert report.faq_questions == ("Are naps bad?",)
    assert report.sources == ("Sleep Foundation. Sleep hygiene.",)
    pack = load_pack(tmp_path / "pack")
    routine = pack.section("regular_routine").text()
    assert "Keep the bedroom dark and quiet." in routine  # emphasis marks removed
    assert "See the sleep page for more: avoid caffeine after lunch and keep screens out of the bedroom." in routine
    everything = texts_of(tmp_path / "pack")
    assert "code is not spoken" not in everything and "example.org" not in everything and "| Hours" not in everything
    assert any("Empty Heading" in o for o in report.omitted)
    assert any("table" in o for o in report.omitted)


def test_html_page_loses_scripts_navigation_and_boilerplate(tmp_path: Path) -> None:
    src = tmp_path / "snacks.html"
    src.write_text(HTML, encoding="utf-8")
    report = build_pack(src, tmp_path / "pack", keep_source=False)
    assert report.input_format == "html"
    assert report.title == "Healthy Snacks" and report.byline == "By Lee Writer"
    assert report.section_titles == ("Introduction", "Good Choices", "Reading Labels")
    everything = texts_of(tmp_path / "pack")
    for junk in ("TRACKING_SCRIPT", "INLINE_SCRIPT", "NAV_LINK_NEWS", "COOKIE_BANNER", "SHARE_BUTTONS", "ASIDE_AD",
                 "FOOTER_TEXT", "color:red"):
        assert junk not in everything, junk
    pack = load_pack(tmp_path / "pack")
    assert pack.section("introduction").text() == "Snacks can give you energy between meals."
    assert pack.section("good_choices").text() == "Try these snacks: fruit, yogurt, and nuts."
    assert [u.text for u in pack.section("reading_labels").units] == [
        "Check the label for sugar and salt.", "Choose snacks with less of both."
    ]
    assert not (tmp_path / "pack" / "source.html").exists()


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    text = "Caf\u00e9 Snacks\n\nDon\u2019t skip breakfast \u2013 it helps.\n\nMore Tips\nEat fruit every day.\n"
    src = tmp_path / "cp.txt"
    src.write_bytes(text.encode("cp1252"))
    report = build_pack(src, tmp_path / "pack")
    assert report.encoding == "cp1252" and report.title == "Caf\u00e9 Snacks"
    assert load_pack(tmp_path / "pack").section("introduction").text() == "Don\u2019t skip breakfast \u2013 it helps."


def test_byte_order_mark_and_explicit_title(tmp_path: Path) -> None:
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbfSome advice about rest and water for everyone.\n")
    report = build_pack(src, tmp_path / "pack", title="Rest and Water")
    assert report.encoding == "utf-8-sig" and report.title == "Rest and Water"
    assert report.section_titles == ("Introduction",)


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\n\n   \n\t\n", "no readable text"),
])
def test_empty_input_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(content)
    with pytest.raises(PackBuildError, match=message):
        build_pack(src, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()


def test_missing_huge_and_existing_output_are_clear_errors(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(PackBuildError, match="no such file"):
        build_pack(tmp_path / "nothing.txt", tmp_path / "pack")
    src = tmp_path / "chapter.txt"
    src.write_text("A sentence about health. " * 400, encoding="utf-8")
    monkeypatch.setattr(builder_limits, "MAX_INPUT_BYTES", 5000)
    with pytest.raises(PackBuildError, match="over the 0 MB limit|split it into shorter articles"):
        build_pack(src, tmp_path / "pack")
    monkeypatch.undo()
    build_pack(src, tmp_path / "pack", title="Chapter")
    with pytest.raises(PackBuildError, match="already holds a content pack"):
        build_pack(src, tmp_path / "pack", title="Chapter")


def test_too_many_sections_are_capped_with_a_note(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(builder_limits, "MAX_SECTIONS", 3)
    src = tmp_path / "long.md"
    src.write_text("# Long\n\n" + "".join(f"## Part {n}\n\nText of part {n}.\n\n" for n in range(1, 7)), encoding="utf-8")
    report = build_pack(src, tmp_path / "pack", check_pronunciations=False)
    assert report.section_titles == ("Part 1", "Part 2", "Part 3")
    assert any("only the first 3 were kept" in w and "'Part 4'" in w for w in report.warnings)


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng is not installed")
def test_words_the_recognizer_lacks_get_guessed_pronunciations_to_check(tmp_path: Path) -> None:
    src = tmp_path / "rare.txt"
    src.write_text("Zorblax Care\n\nThe zorblax method keeps joints moving.\n", encoding="utf-8")
    report = build_pack(src, tmp_path / "pack")
    assert "zorblax" in report.guessed_pronunciations
    assert any(line.startswith("  zorblax: ") for line in report.summary_lines())
    entry = [ln for ln in (tmp_path / "pack" / "pronunciations.dict").read_text().splitlines() if ln.startswith("zorblax ")]
    assert entry and entry[0].endswith(UNCHECKED_MARK)
    problems = check_pack(tmp_path / "pack")
    assert any("not yet checked by a person: zorblax" in p for p in problems)
    # a person checks it: the mark goes, and a rebuild keeps the checked entry
    dict_path = tmp_path / "pack" / "pronunciations.dict"
    dict_path.write_text(dict_path.read_text().replace(f"  {UNCHECKED_MARK}", ""))
    assert check_pack(tmp_path / "pack") == []
    again = build_pack(src, tmp_path / "pack", overwrite=True)
    assert "zorblax" not in again.guessed_pronunciations
    assert check_pack(tmp_path / "pack") == []


def test_footnote_marks_are_left_out_and_units_keep_their_digits(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("Drinking Water\n\nWater helps the body\u00b9 stay well.\u00b2 A room of 10 m\u00b2 is small.\n\n"
                   "Sources\n\n\u00b9 A first source.\n", encoding="utf-8")
    report = build_pack(src, tmp_path / "pack")
    pack = load_pack(tmp_path / "pack")
    assert pack.section("introduction").text() == "Water helps the body stay well. A room of 10 m2 is small."
    assert report.sources == ("A first source.",)
    assert not report.missing_pronunciations and "body1" not in report.guessed_pronunciations


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 4,                      # every byte value
    b"\x89PNG\r\n\x1a\n" + bytes(200),          # an image
    b"PK\x03\x04" + bytes(range(1, 200)),       # a zip archive
    b"\x7fELF\x02\x01\x01" + b"\x03\x9d\x05" * 300,  # a program, with no NUL byte at the start
])
def test_a_binary_file_is_a_one_line_error_and_leaves_no_folder(tmp_path: Path, content: bytes) -> None:
    src = tmp_path / "thing.txt"
    src.write_bytes(content)
    with pytest.raises(PackBuildError) as err:
        build_pack(src, tmp_path / "pack")
    assert str(err.value) == f"{src}: is not text (it holds binary data); give an article saved as text, Markdown or HTML"
    assert not (tmp_path / "pack").exists()


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(PackBuildError, match="is not a regular file"):
        build_pack(link, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()


def test_a_failed_write_removes_what_it_wrote_and_the_folder_it_made(tmp_path: Path, monkeypatch) -> None:
    import errno

    from voice_guide.content.builder import build

    src = tmp_path / "a.txt"
    src.write_text("Rest\n\nRest helps the body recover.\n", encoding="utf-8")
    real = build.write_atomic_text
    calls = {"n": 0}

    def fail_on_third(path, text, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, text, **kwargs)

    monkeypatch.setattr(build, "write_atomic_text", fail_on_third)
    with pytest.raises(PackBuildError) as err:
        build_pack(src, tmp_path / "out" / "pack", check_pronunciations=False)
    assert str(err.value) == f"{tmp_path / 'out' / 'pack'}: cannot write the pack: No space left on device"
    assert not (tmp_path / "out" / "pack").exists()
    # a folder that was there before is kept, with the person's own files
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    calls["n"] = 0
    with pytest.raises(PackBuildError):
        build_pack(src, tmp_path / "mine", check_pronunciations=False)
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["notes.txt"]


def test_pack_new_on_the_command_line_gives_one_line_errors(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "blob.bin"
    src.write_bytes(bytes(range(256)) * 8)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "run.py"), "pack", "new", str(src), "--out", str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"voice-guide: error: {src}: is not text (it holds binary data); give an article saved as text, Markdown or HTML"
    ]
    assert not (tmp_path / "p").exists()

