"""Content packs from other articles: :func:`build_pack` makes one, :func:`check_pack` finds problems.

:func:`build_pack` reads an article saved as plain text, Markdown or an HTML page and writes a
pack folder that :func:`~voice_guide.content.pack.load_pack` reads:

* ``article.yaml``: title, byline, licence line, sections (from Markdown ``#`` headings, HTML
  ``h1``-``h3``, or, in plain text, short lines without final punctuation that are followed by
  a paragraph), bulleted lists with their introductory line, the FAQ (a "Frequently Asked
  Questions" heading followed by questions ending in "?"), the sources (a "Sources" or
  "References" heading), and ``omitted``: every piece of text left out, with the reason.
  From an HTML page, scripts, styles, navigation, page header and footer, asides, forms,
  hidden elements and common boilerplate (share, subscribe, cookie, advert blocks) are dropped.
* ``topics.yaml``: one topic per section, with at least :data:`MIN_SAMPLES_PER_SECTION` sample
  questions made from the section's own words ("what is <heading>", "tell me about <key
  phrase>"), plus topics for the sources and the author. Samples are lower case words only,
  so they serve as the recognizer's domain vocabulary as they are.
* ``lexicon.yaml``: the everyday filler and common words of the shipped pack (they are about
  how people ask, not about the article) and a few generic synonyms.
* ``intents.yaml`` and ``safety.yaml``: copied from the shipped pack (control commands and the
  emergency and pain rules, which every pack needs).
* ``pronunciations.dict``: words missing from the PocketSphinx dictionary, with pronunciations
  guessed by espeak-ng through :mod:`voice_guide.stt.pocketsphinx.pronounce`. Every guess is marked
  ``# unchecked``: a person should listen to it, fix it if needed, and delete the mark.
* ``source.<ext>``: a copy of the input, for the record.

Limits: inputs over :data:`MAX_INPUT_BYTES` are refused (a book chapter is too long for a
spoken guide: split it into articles); at most :data:`MAX_SECTIONS` sections are kept, and
the report says which were dropped. Encodings: a byte-order mark, then UTF-8, then an HTML
``<meta charset>``, then Windows-1252 when it reads as mostly English text, then
``charset_normalizer`` when installed, then Latin-1.
"""

from __future__ import annotations

import html
import logging
import math
import os
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from voice_guide.content.pack import DEFAULT_PACK_DIR, ContentPack, load_pack, split_sentences
from voice_guide.core.errors import ContentError, VoiceGuideError

_LOGGER = logging.getLogger(__name__)

MAX_INPUT_BYTES = 2_000_000
"""Largest article accepted, in bytes (about 300,000 words: far more than one article)."""

MAX_SECTIONS = 60
"""Most sections a pack gets; later ones are dropped and listed in the report."""

MIN_SAMPLES_PER_SECTION = 3
"""Fewest sample questions written for each section."""

MAX_SAMPLES_PER_SECTION = 12
"""Most sample questions written for each section."""

UNCHECKED_MARK = "# unchecked"
"""Ends a ``pronunciations.dict`` entry that was guessed and not yet checked by a person."""

FORMATS = ("text", "markdown", "html")
"""Input formats :func:`build_pack` understands."""


class PackBuildError(ContentError):
    """An article cannot be turned into a pack (missing, empty, too big, unreadable)."""


@dataclass(frozen=True)
class PackReport:
    """What :func:`build_pack` made, and what a person should check."""

    out_dir: Path
    """The pack folder."""

    title: str
    """The article's title."""

    byline: str
    """Who wrote it, as found ("" when none)."""

    input_format: str
    """``text``, ``markdown`` or ``html``."""

    encoding: str
    """The character encoding the input was read with."""

    section_titles: tuple[str, ...]
    """Headings of the article sections, in order."""

    faq_questions: tuple[str, ...]
    """The FAQ's questions, in order (empty when the article has no FAQ)."""

    sources: tuple[str, ...]
    """The article's sources."""

    topic_count: int
    """Topics written to ``topics.yaml``."""

    sample_count: int
    """Sample questions written to ``topics.yaml``."""

    guessed_pronunciations: dict[str, str]
    """Words the PocketSphinx dictionary lacks -> the ARPAbet pronunciation guessed for them
    (written to ``pronunciations.dict``, marked unchecked)."""

    missing_pronunciations: tuple[str, ...]
    """Words nothing could pronounce (the recognizer cannot hear them)."""

    omitted: tuple[str, ...]
    """Text left out of the pack, each with the reason."""

    warnings: tuple[str, ...]
    """Anything else a person should know (e.g. sections dropped over the limit)."""

    files: tuple[Path, ...]
    """Files written."""

    def summary_lines(self) -> list[str]:
        """The report as plain-text lines, for a person and a screen reader."""
        lines = [
            f"Pack written to {self.out_dir}: {self.title}" + (f", {self.byline}" if self.byline else "") + ".",
            f"Read as {self.input_format} ({self.encoding}). {len(self.section_titles)} sections, "
            f"{len(self.faq_questions)} FAQ questions, {len(self.sources)} sources, "
            f"{self.topic_count} topics with {self.sample_count} sample questions.",
        ]
        lines += [f"Section: {t}" for t in self.section_titles]
        lines += [f"FAQ: {q}" for q in self.faq_questions]
        if self.guessed_pronunciations:
            lines.append(
                f"{len(self.guessed_pronunciations)} words are not in the speech recognizer's dictionary. "
                "Their pronunciations were guessed and written to pronunciations.dict; please check them:"
            )
            lines += [f"  {w}: {p}" for w, p in sorted(self.guessed_pronunciations.items())]
        if self.missing_pronunciations:
            lines.append("No pronunciation at all (the recognizer cannot hear these): " + ", ".join(self.missing_pronunciations))
        lines += [f"Left out: {o}" for o in self.omitted]
        lines += [f"Note: {w}" for w in self.warnings]
        return lines


# --- the document model shared by the three readers -----------------------------------------


@dataclass
class _Block:
    kind: str
    """``heading``, ``para`` or ``list``."""
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)


@dataclass
class _Doc:
    blocks: list[_Block] = field(default_factory=list)
    title: str = ""
    byline: str = ""
    license: str = ""
    omitted: list[str] = field(default_factory=list)


# --- build -----------------------------------------------------------------------------------

_SUBJECT_SPECIFIC_MARK = "# ---- subject-specific below"
"""In the shipped ``intents.yaml``, what follows this line (declines and their replies) is not copied into a new pack."""


def build_pack(
    article_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    title: str | None = None,
    overwrite: bool = False,
    keep_source: bool = True,
    check_pronunciations: bool = True,
) -> PackReport:
    """Turn the article at ``article_path`` into a content pack folder ``out_dir``.

    ``title`` replaces the title found in the article. ``overwrite`` allows writing into a
    folder that already holds a pack (its generated files are replaced). ``keep_source`` copies
    the input into the pack as ``source.<ext>``. ``check_pronunciations`` looks words up in the
    PocketSphinx dictionary and guesses the missing ones with espeak-ng.

    Raises :class:`PackBuildError` (a :class:`~voice_guide.core.errors.ContentError`) with one line
    for a missing, empty, too large or unusable article, or an output folder that cannot be written.
    """
    src = Path(article_path)
    raw = _read_bytes(src)
    text, encoding = decode_text(raw, html_hint=src.suffix.lower() in (".html", ".htm", ".xhtml"))
    fmt = detect_format(src, text)
    doc = {"text": _parse_text, "markdown": _parse_markdown, "html": _parse_html}[fmt](text)
    warnings: list[str] = []
    article = _structure(doc, title, warnings, fallback_title=_title_from_name(src))
    if not article["sections"] and not article.get("faq"):
        raise PackBuildError(f"{src}: no readable text found in the article")
    topics = _topics(article)
    lexicon = _lexicon(_previous_synonyms(Path(out_dir)) if overwrite else {})

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise PackBuildError(f"{out}: exists and is not a folder")
    if (out / "article.yaml").exists() and not overwrite:
        raise PackBuildError(f"{out}: already holds a content pack (article.yaml); choose another folder or overwrite it")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PackBuildError(f"{out}: cannot create the pack folder: {err.strerror or err}") from None

    guessed: dict[str, str] = {}
    missing: list[str] = []
    if check_pronunciations:
        guessed, missing, note = _vocabulary(_pack_words(article, topics))
        if note:
            warnings.append(note)

    files: list[Path] = []
    header = f"# Made by voice-guide from {src.name} ({fmt}, {encoding}).\n"
    files.append(_write(out / "article.yaml", header + _ARTICLE_HEADER + _dump(article)))
    files.append(_write(out / "topics.yaml", header + _TOPICS_HEADER + _dump(topics)))
    files.append(_write(out / "lexicon.yaml", _LEXICON_HEADER + _dump(lexicon, flow_leaves=True)))
    for name in ("intents.yaml", "safety.yaml"):
        shipped = DEFAULT_PACK_DIR / name
        if shipped.exists():
            text = shipped.read_text(encoding="utf-8").split(_SUBJECT_SPECIFIC_MARK)[0]  # declines are about that subject
            files.append(_write(out / name, f"# Copied from the shipped pack ({DEFAULT_PACK_DIR.name}/{name}).\n" + text))
    checked = _previous_pronunciations(out) if overwrite else []
    checked_words = {re.sub(r"\(\d+\)$", "", ln.split()[0].lower()) for ln in checked}
    guessed = {w: p for w, p in guessed.items() if w not in checked_words}
    files.append(_write(out / "pronunciations.dict", _dict_text(guessed, checked)))
    if keep_source:
        dest = out / ("source" + (src.suffix.lower() if src.suffix else ".txt"))
        if dest.resolve() != src.resolve():
            try:
                shutil.copyfile(src, dest)
            except OSError as err:
                raise PackBuildError(f"{dest}: cannot copy the source: {err.strerror or err}") from None
        files.append(dest)
    try:
        load_pack(out)  # what was written must load
    except ContentError as err:
        raise PackBuildError(f"the pack written to {out} does not load: {err}") from None

    report = PackReport(
        out_dir=out,
        title=article["title"],
        byline=article.get("byline", ""),
        input_format=fmt,
        encoding=encoding,
        section_titles=tuple(s["title"] for s in article["sections"]),
        faq_questions=tuple(f["question"] for f in article.get("faq") or []),
        sources=tuple(article.get("sources") or []),
        topic_count=len(topics["topics"]),
        sample_count=sum(len(t["samples"]) for t in topics["topics"]),
        guessed_pronunciations=guessed,
        missing_pronunciations=tuple(missing),
        omitted=tuple(f"{o['text']!r} ({o['why']})" for o in article.get("omitted") or []),
        warnings=tuple(warnings),
        files=tuple(files),
    )
    _LOGGER.info("built pack %s: %d sections, %d topics", out, len(report.section_titles), report.topic_count)
    return report


# --- reading ---------------------------------------------------------------------------------


def _title_from_name(path: Path) -> str:
    words = re.split(r"[\s_\-]+", path.stem.strip())
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else "Untitled article"


def _read_bytes(src: Path) -> bytes:
    if not src.exists():
        raise PackBuildError(f"{src}: no such file")
    if src.is_dir():
        raise PackBuildError(f"{src}: is a folder, not an article file")
    size = src.stat().st_size
    if size == 0:
        raise PackBuildError(f"{src}: the file is empty")
    if size > MAX_INPUT_BYTES:
        raise PackBuildError(
            f"{src}: {size / 1e6:.1f} MB is over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit for one article; "
            "split it into shorter articles"
        )
    try:
        return src.read_bytes()
    except OSError as err:
        raise PackBuildError(f"{src}: cannot read: {err.strerror or err}") from None


def decode_text(raw: bytes, html_hint: bool = False) -> tuple[str, str]:
    """Decode an article's bytes; returns ``(text, encoding name)``. See the module docstring for the order."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _tidy(raw.decode(name)), name
            except UnicodeDecodeError:
                break
    try:
        return _tidy(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if html_hint or b"<meta" in raw[:4096].lower():
        match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.IGNORECASE)
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                return _tidy(raw.decode(name)), name.lower()
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        text = raw.decode("cp1252")
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii <= max(3, len(text) // 20):
            return _tidy(text), "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return _tidy(str(best)), str(best.encoding)
    except ImportError:
        pass
    return _tidy(raw.decode("latin-1")), "latin-1"


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in ("\u00a0", "\u2007", "\u202f", "\u2009", "\u200a"):
        text = text.replace(ch, " ")
    for ch in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        text = text.replace(ch, "")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")


def detect_format(path: str | os.PathLike[str], text: str) -> str:
    """``html``, ``markdown`` or ``text``: from the file name, else from the content."""
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown", ".mdown", ".mkd"):
        return "markdown"
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or (len(re.findall(r"</?(p|div|h[1-6]|body|li)\b", head)) >= 3):
        return "html"
    if suffix in (".txt", ".text"):
        return "text"
    if re.search(r"^#{1,6} \S", text, re.MULTILINE) or re.search(r"^\S.*\n(=+|-+)\s*$", text, re.MULTILINE):
        return "markdown"
    return "text"


# --- plain text ------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25e6\u2013\u2014]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
_FINAL_PUNCT = tuple(".!?,;:\u2026\"'”’)")
_WEAK_END = frozenset("a an the and or of to in on for with at by from as but that this your their".split())


def _parse_text(text: str) -> _Doc:
    doc = _Doc()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    for _p_index, para in enumerate(paragraphs):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if len(lines) >= 2 and re.fullmatch(r"[=\-~]{3,}", lines[1]):  # underlined heading
            doc.blocks.append(_Block("heading", lines[0], 1 if lines[1][0] == "=" else 2))
            lines = lines[2:]
            if not lines:
                continue
        if len(lines) == 1 and not _BULLET.match(lines[0]) and _heading_like(lines[0], alone=True):
            doc.blocks.append(_Block("heading", lines[0].rstrip(), 2))
            continue
        if (
            len(lines) >= 2
            and not _BULLET.match(lines[0])
            and _heading_like(lines[0], alone=False)
            and (_BULLET.match(lines[1]) or lines[1][:1].isupper())
        ):
            doc.blocks.append(_Block("heading", lines[0], 2))
            lines = lines[1:]
        _text_lines_to_blocks(lines, doc)
    return doc


def _heading_like(line: str, alone: bool) -> bool:
    words = line.split()
    if not words or not line[:1].isalnum() or not (line[:1].isupper() or line[:1].isdigit()):
        return False
    if _BYLINE_LINE.match(line) or _LICENSE_LINE.search(line):
        return False
    if alone:
        if len(words) > 14 or len(line) > 100:
            return False
    elif len(words) > 10 or len(line) > 70:
        return False
    if line.endswith("?"):
        return len(words) <= 14
    if line.endswith(_FINAL_PUNCT):
        return False
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)
    if words[-1].lower() in _WEAK_END and not (title_case and len(words) > 1):
        return False  # most likely a wrapped line of a paragraph ("...with a few")
    return True


def _text_lines_to_blocks(lines: list[str], doc: _Doc) -> None:
    para: list[str] = []
    items: list[str] = []

    def flush_para() -> None:
        if para:
            doc.blocks.append(_Block("para", " ".join(para)))
            para.clear()

    def flush_items() -> None:
        if items:
            doc.blocks.append(_Block("list", items=list(items)))
            items.clear()

    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            flush_para()
            items.append(bullet.group("text").strip())
        elif items and not line[:1].isupper() and not para:
            items[-1] += " " + line  # a wrapped list item
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()


# --- Markdown --------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def _parse_markdown(text: str) -> _Doc:
    doc = _Doc()
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        for end in range(1, min(len(lines), 200)):
            if lines[end].strip() in ("---", "..."):
                try:
                    front = yaml.safe_load("\n".join(lines[1:end])) or {}
                except yaml.YAMLError:
                    front = {}
                if isinstance(front, dict):
                    doc.title = str(front.get("title") or "")
                    author = front.get("author") or front.get("authors")
                    if author:
                        doc.byline = "By " + (", ".join(map(str, author)) if isinstance(author, list) else str(author))
                    doc.license = str(front.get("license") or front.get("licence") or "")
                lines = lines[end + 1 :]
                break
    buf: list[str] = []
    in_code = False
    table_noted = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            if in_code:
                doc.omitted.append("a code block (not spoken)")
            i += 1
            continue
        if in_code:
            i += 1
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
        heading = _MD_HEADING.match(stripped)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if heading:
            _md_flush(buf, doc)
            doc.blocks.append(_Block("heading", _md_inline(heading.group(2)), len(heading.group(1))))
        elif stripped and buf == [] and re.fullmatch(r"=+|-+", nxt) and len(nxt) >= 3 and not _BULLET.match(stripped):
            doc.blocks.append(_Block("heading", _md_inline(stripped), 1 if nxt[0] == "=" else 2))
            i += 1
        elif _MD_RULE.match(stripped) or not stripped:
            _md_flush(buf, doc)
        elif stripped.startswith("|"):
            _md_flush(buf, doc)
            if not table_noted:
                doc.omitted.append("a table (tables are not spoken; write them as sentences)")
                table_noted = True
        elif stripped.startswith("<!--"):
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
        else:
            buf.append(stripped)
        i += 1
    _md_flush(buf, doc)
    return doc


def _md_flush(buf: list[str], doc: _Doc) -> None:
    if buf:
        lines = [_md_inline(b) if not _BULLET.match(b) else b for b in buf]
        before = len(doc.blocks)
        _text_lines_to_blocks(lines, doc)
        for block in doc.blocks[before:]:
            block.items = [_md_inline(item) for item in block.items]
        buf.clear()


def _md_inline(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote marks
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)  # inline HTML
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    return " ".join(html.unescape(text).split())


# --- HTML ------------------------------------------------------------------------------------

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset(
    "script style noscript template svg nav aside form button iframe select textarea canvas object "
    "embed video audio figure figcaption dialog menu picture map head math".split()
)
_INLINE = frozenset(
    "a abbr b strong i em span small sup sub code mark u s time cite q label font big del ins kbd var "
    "dfn bdi bdo data tt".split()
)
_SKIP_ROLES = frozenset("navigation banner contentinfo complementary search dialog alertdialog menu menubar toolbar".split())
_SKIP_CLASS_TOKENS = frozenset(
    """nav navbar navigation menu breadcrumb breadcrumbs cookie cookies consent gdpr advert advertisement
    ad ads adslot promo newsletter subscribe subscription social share sharing related recommended
    recommendations comments comment sidebar popup modal skip sponsored sponsor footer masthead signup
    toc print byline author authors date dateline published updated timestamp caption credit
    disclaimer tags""".split()
)
_BYLINE_TOKENS = frozenset("byline author authors".split())
_BOILERPLATE = re.compile(
    r"^(advertisement|sponsored( content)?|share( this( article| page)?)?|print|email|subscribe\b.*|sign up\b.*|"
    r"read more|related( articles| stories)?|see also|click here\b.*|accept( all)? cookies\b.*|.*\bcookies?\b.*policy.*|"
    r"table of contents|skip to (main )?content|back to top|follow us\b.*|(©|copyright)\b.*|all rights reserved\.?|"
    r"(medically |fact[- ]checked |reviewed )?(reviewed|checked) by\b.*|(updated|published)( on)?\b.{0,40})$",
    re.IGNORECASE,
)


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "_Node | None") -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent

    def text(self) -> str:
        parts: list[str] = []
        for c in self.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag == "br":
                parts.append("\n")
            elif c.tag not in _SKIP:
                parts.append(c.text())
        return "".join(parts)

    def iter(self) -> Iterable["_Node"]:
        for c in self.children:
            if isinstance(c, _Node):
                yield c
                yield from c.iter()


class _TreeBuilder(HTMLParser):
    """A forgiving HTML tree: void elements, unclosed ``p`` and ``li``, stray end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, None)
        if tag in ("p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "div", "table"):
            self._close_implied(tag)
        node.parent = self.stack[-1]
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        # An open <p> ends at any block; an open <li>/<dt>/<dd> ends at the next item of its list.
        top = self.stack[-1]
        if top.tag == "p":
            self.stack.pop()
        elif tag in ("li",) and top.tag == "li":
            self.stack.pop()
        elif tag in ("dt", "dd") and top.tag in ("dt", "dd"):
            self.stack.pop()


def _parse_html(text: str) -> _Doc:
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except Exception as err:  # HTMLParser is forgiving; this is for the odd assertion
        raise PackBuildError(f"the HTML page cannot be read: {err}") from None
    root = builder.root
    doc = _Doc()
    nodes = list(root.iter())
    meta = {n.attrs.get("name", n.attrs.get("property", "")).lower(): n.attrs.get("content", "") for n in nodes if n.tag == "meta"}
    page_title = next((" ".join(n.text().split()) for n in nodes if n.tag == "title"), "")
    for n in nodes:
        tokens = _class_tokens(n)
        if (tokens & _BYLINE_TOKENS or n.attrs.get("rel") == "author" or n.attrs.get("itemprop") == "author") and not doc.byline:
            byline = " ".join(n.text().split())
            if 0 < len(byline.split()) <= 20:
                doc.byline = byline if byline.lower().startswith("by ") else f"By {byline}"
    if not doc.byline and meta.get("author"):
        doc.byline = f"By {meta['author'].strip()}"
    content = _main_content(root)
    _html_blocks(content, doc, inside_article=content.tag in ("main", "article") or content.attrs.get("role") == "main")
    first_h1 = next((b for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    if first_h1 is None:
        h1 = next((n for n in nodes if n.tag == "h1"), None)
        doc.title = " ".join(h1.text().split()) if h1 is not None else ""
    if not doc.title and first_h1 is None:
        doc.title = meta.get("og:title", "").strip() or re.split(r"\s+[|\-\u2013\u2014:]\s+", page_title)[0].strip()
    return doc


def _class_tokens(node: _Node) -> set[str]:
    raw = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".lower()
    return set(re.split(r"[^a-z0-9]+", raw)) - {""}


def _skipped(node: _Node, inside_article: bool) -> bool:
    if node.tag in _SKIP:
        return True
    if node.tag in ("header", "footer") and not (inside_article and node.tag == "header"):
        return True
    a = node.attrs
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", a.get("style", ""), re.IGNORECASE):
        return True
    if a.get("role", "").lower() in _SKIP_ROLES:
        return True
    return bool(_class_tokens(node) & _SKIP_CLASS_TOKENS) and node.tag not in ("main", "article", "body", "html")


def _main_content(root: _Node) -> _Node:
    nodes = list(root.iter())
    for n in nodes:
        if n.tag == "main" or n.attrs.get("role", "").lower() == "main":
            return n
    articles = [n for n in nodes if n.tag == "article"]
    if articles:
        return max(articles, key=lambda n: len(n.text()))
    return next((n for n in nodes if n.tag == "body"), root)


def _html_blocks(node: _Node, doc: _Doc, inside_article: bool) -> None:
    inline: list[str] = []

    def flush() -> None:
        joined = "".join(inline)
        inline.clear()
        for line in joined.split("\n"):
            line = " ".join(line.split())
            if line:
                doc.blocks.append(_Block("para", line))

    for child in node.children:
        if isinstance(child, str):
            inline.append(child)
            continue
        tag = child.tag
        if tag == "br":
            inline.append("\n")
            continue
        if _skipped(child, inside_article):
            continue
        if tag in _INLINE:
            if tag == "sup" and re.fullmatch(r"\s*\[?\d+\]?\s*", child.text()):
                continue  # a footnote mark
            inline.append(_inline_text(child, inside_article))
            continue
        if tag == "img":
            continue
        flush()
        if re.fullmatch(r"h[1-6]", tag):
            text = " ".join(_inline_text(child, inside_article).split())
            if text:
                doc.blocks.append(_Block("heading", text, int(tag[1])))
        elif tag in ("ul", "ol"):
            items = _list_items(child, inside_article)
            if items:
                doc.blocks.append(_Block("list", items=items))
        elif tag == "dl":
            for item in child.children:
                if isinstance(item, _Node) and item.tag in ("dt", "dd"):
                    text = " ".join(_inline_text(item, inside_article).split())
                    if text:
                        doc.blocks.append(_Block("para", text))
        elif tag == "table":
            doc.omitted.append("a table (tables are not spoken; write them as sentences)")
        elif tag == "pre":
            doc.omitted.append("preformatted text or code (not spoken)")
        else:
            _html_blocks(child, doc, inside_article or tag in ("article", "main"))
    flush()


def _inline_text(node: _Node, inside_article: bool) -> str:
    parts: list[str] = []
    for c in node.children:
        if isinstance(c, str):
            parts.append(c)
        elif c.tag == "br":
            parts.append("\n")
        elif c.tag == "sup" and re.fullmatch(r"\s*\[?\d+\]?\s*", c.text()):
            continue
        elif not _skipped(c, inside_article) and c.tag not in ("ul", "ol", "img"):
            parts.append(_inline_text(c, inside_article))
    return "".join(parts)


def _list_items(node: _Node, inside_article: bool) -> list[str]:
    items: list[str] = []
    for li in node.children:
        if not isinstance(li, _Node) or li.tag != "li" or _skipped(li, inside_article):
            continue
        text = " ".join(_inline_text(li, inside_article).split())
        if text:
            items.append(text)
        for sub in li.iter():
            if sub.tag in ("ul", "ol"):
                items.extend(_list_items(sub, inside_article))
                break
    return items


# --- from blocks to an article ---------------------------------------------------------------

_FAQ_HEADING = re.compile(r"^(frequently asked questions|faqs?|common questions|questions and answers|q\s*&\s*a)\b", re.IGNORECASE)
_SOURCES_HEADING = re.compile(
    r"^(sources?|references?|bibliography|citations?|works cited|further reading|additional reading|reading list)$", re.IGNORECASE
)
_BYLINE_LINE = re.compile(r"^(by|written by|written for|author:|authors:)\s+(?=\S)", re.IGNORECASE)
_LICENSE_LINE = re.compile(
    r"\b(cc0|cc[ -]by(-[a-z]{2})*|creative commons|public domain|no rights reserved|released under|licen[cs]ed under|licen[cs]e:)",
    re.IGNORECASE,
)
_QUESTION_PREFIX = re.compile(r"^(q|question)\s*[:.)\-]\s*", re.IGNORECASE)
_ANSWER_PREFIX = re.compile(r"^(a|answer)\s*[:.)\-]\s*", re.IGNORECASE)


def _structure(doc: _Doc, title: str | None, warnings: list[str], fallback_title: str = "") -> dict[str, Any]:
    blocks = [b for b in doc.blocks if b.text.strip() or b.items]
    omitted: list[dict[str, str]] = [{"text": o, "why": "not spoken"} for o in doc.omitted]
    found_title = doc.title
    # The title: a level-1 heading near the top (short lines before it are page furniture),
    # or, with no title known yet, the first heading (the first heading-like line of plain text).
    top = next((i for i, b in enumerate(blocks[:4]) if b.kind == "heading"), None)
    if top is not None and (blocks[top].level == 1 or not found_title) and all(
        b.kind == "para" and len(b.text.split()) < 15 for b in blocks[:top]
    ):
        for b in blocks[:top]:
            omitted.append({"text": b.text, "why": "text above the title"})
        found_title = doc.title or blocks[top].text
        blocks = blocks[top + 1 :]
    final_title = " ".join((title or found_title or "").split()).strip()
    if not final_title:
        final_title = fallback_title
        warnings.append(f"no title found in the article; using {final_title!r} (give one with title=)")
    byline, license_line = doc.byline, doc.license
    # Byline and licence lines at the top (before the first heading) are metadata, not text.
    head = 0
    while head < len(blocks) and head < 4 and blocks[head].kind == "para":
        text = blocks[head].text
        if not byline and _BYLINE_LINE.match(text) and len(text.split()) <= 25:
            byline = text.rstrip(".")
            blocks.pop(head)
            continue
        if not license_line and _LICENSE_LINE.search(text) and len(text.split()) <= 40:
            license_line = text
            blocks.pop(head)
            continue
        head += 1
    for i, b in enumerate(blocks):  # a licence line at the very end, too
        if i >= len(blocks) - 2 and b.kind == "para" and not license_line and _LICENSE_LINE.search(b.text) and len(b.text.split()) <= 40:
            license_line = b.text
            blocks.pop(i)
            break

    sections: list[dict[str, Any]] = []
    faq: list[dict[str, Any]] = []
    sources: list[str] = []
    mode = "section"
    faq_level = 0
    current: dict[str, Any] | None = None
    question: dict[str, Any] | None = None
    source_headings: list[tuple[str, int]] = []

    def new_section(heading: str) -> dict[str, Any]:
        section = {"title": heading, "blocks": []}
        sections.append(section)
        return section

    for block in blocks:
        if block.kind == "para" and _BOILERPLATE.match(block.text):
            omitted.append({"text": block.text, "why": "site boilerplate"})
            continue
        if block.kind == "heading" and block.level <= 3:
            heading = block.text.strip().rstrip(":")
            if _FAQ_HEADING.match(heading):
                mode, faq_level, question = "faq", block.level, None
                continue
            if _SOURCES_HEADING.match(heading):
                mode = "sources"
                source_headings.append((heading, len(sources)))
                continue
            if mode == "faq" and (heading.endswith("?") or block.level > faq_level):
                if heading.endswith("?"):
                    question = {"question": _QUESTION_PREFIX.sub("", heading), "blocks": []}
                    faq.append(question)
                    continue
            mode, question = "section", None
            current = new_section(heading)
            continue
        if block.kind == "heading":  # h4-h6: a sub-heading read as a line of its own
            if mode == "faq" and block.text.endswith("?"):
                question = {"question": _QUESTION_PREFIX.sub("", block.text), "blocks": []}
                faq.append(question)
                continue
            block = _Block("para", block.text if block.text.endswith(tuple(".?!:")) else block.text + ".")
        if mode == "sources":
            if block.kind == "para" and block.text.rstrip().endswith(":"):
                omitted.append({"text": block.text, "why": "the line that introduces the sources"})
                continue
            entries = block.items if block.kind == "list" else [block.text]
            sources.extend(s for s in (_BULLET.sub(r"\g<text>", e).strip() for e in entries) if s)
            continue
        if mode == "faq":
            if block.kind == "para":
                asked, answer = _split_question(block.text)
                if asked:
                    question = {"question": asked, "blocks": []}
                    faq.append(question)
                    if answer:
                        question["blocks"].append(answer)
                    continue
            if question is None:
                omitted.append({"text": block.text or "; ".join(block.items), "why": "text in the FAQ before its first question"})
                continue
            _add_block(question["blocks"], block)
            continue
        if current is None:
            current = new_section("Introduction")
        _add_block(current["blocks"], block)

    for i, (heading, start) in enumerate(source_headings):
        end = source_headings[i + 1][1] if i + 1 < len(source_headings) else len(sources)
        if end == start:
            omitted.append({"text": heading, "why": "a heading with no text under it"})
    for entry in sections + faq:  # dangling "Examples include:" lines
        entry["blocks"] = _drop_dangling(entry["blocks"], omitted)
    kept_sections = []
    for section in sections:
        if section["blocks"]:
            kept_sections.append(section)
        else:
            omitted.append({"text": section["title"], "why": "a heading with no text under it"})
    kept_faq = []
    for entry in faq:
        if entry["blocks"]:
            kept_faq.append(entry)
        else:
            omitted.append({"text": entry["question"], "why": "an FAQ question with no answer"})
    if len(kept_sections) > MAX_SECTIONS:
        dropped = kept_sections[MAX_SECTIONS:]
        kept_sections = kept_sections[:MAX_SECTIONS]
        warnings.append(
            f"the article has {len(dropped) + MAX_SECTIONS} sections; only the first {MAX_SECTIONS} were kept "
            f"(dropped from {dropped[0]['title']!r} on). A spoken guide works best with one article at a time."
        )
    ids: set[str] = {"sources", "about"}
    for section in kept_sections:
        section["id"] = _unique_id(_slug(section["title"]) or "section", ids)
    for entry in kept_faq:
        entry["id"] = _unique_id("faq_" + (_slug(entry["question"], drop=_QUESTION_WORDS) or "question"), ids)

    article: dict[str, Any] = {"title": final_title}
    if byline:
        article["byline"] = byline
    if license_line:
        article["license"] = license_line
    article["language"] = "en"
    article["sections"] = [{"id": s["id"], "title": s["title"], "blocks": s["blocks"]} for s in kept_sections]
    if kept_faq:
        article["faq"] = [{"id": f["id"], "question": f["question"], "blocks": f["blocks"]} for f in kept_faq]
    if sources:
        article["sources"] = list(dict.fromkeys(sources))
    if omitted:
        article["omitted"] = omitted
    return article


def _split_question(text: str) -> tuple[str, str]:
    """``"How much? About two litres."`` -> (question, answer); ("", "") when the text is no question."""
    text = _QUESTION_PREFIX.sub("", text.strip())
    sentences = split_sentences(text)
    if not sentences or not sentences[0].endswith("?") or len(sentences[0].split()) > 25:
        return "", ""
    rest = " ".join(sentences[1:])
    return sentences[0], _ANSWER_PREFIX.sub("", rest)


def _add_block(blocks: list[Any], block: _Block) -> None:
    if block.kind == "list":
        items = [" ".join(i.split()) for i in block.items if i.strip()]
        if not items:
            return
        if blocks and isinstance(blocks[-1], str) and blocks[-1].rstrip().endswith(":"):
            blocks[-1] = {"intro": blocks[-1].strip(), "items": items}
        else:
            blocks.append({"items": items})
    else:
        text = _ANSWER_PREFIX.sub("", block.text.strip())
        if text:
            blocks.append(text)


def _drop_dangling(blocks: list[Any], omitted: list[dict[str, str]]) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, str) and block.rstrip().endswith(":"):
            sentences = split_sentences(block)
            omitted.append({"text": sentences[-1], "why": "a line ending in a colon with nothing after it"})
            rest = " ".join(sentences[:-1]).strip()
            if rest:
                out.append(rest)
            continue
        out.append(block)
    return out


_QUESTION_WORDS = frozenset("what how why when where who which whom whose can could should would is are do does did will".split())
_SLUG_STOP = frozenset("a an the of and or to for in on at by with your you my our their its is are i we".split())


def _slug(text: str, drop: Iterable[str] = ()) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    skip = _SLUG_STOP | frozenset(drop)
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text) if w not in skip]
    return "_".join(words[:4])


def _unique_id(base: str, taken: set[str]) -> str:
    if base[:1].isdigit():
        base = "s_" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


# --- topics ----------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a an the is are was were be been being am do does did done doing have has had having i you he she it we
    they them him her me us this that these those what which who whom whose when where why how can could
    would should will shall may might must of to in on at by for with from about as into through during
    before after above below up down out off over under again then once here there all both each few more
    most other some such no nor not only own same so than too very just also any many much often even
    well get gets got make makes made use used using one two three four five six seven eight nine ten
    first second new like way ways if or and but because until while your my our their its his hers
    theirs yours mine ours it's don't can't isn't aren't doesn't won't let lets may maybe every
    something someone anything everything thing things lot lots around across along keep keeps need needs
    want wants try tries help helps good better best take takes give gives put puts say says said
    sure still yet already always never sometimes usually often able less least enough whether onto into
    whenever wherever however soon rather within without toward towards upon among also guide article
    share shares harder easier quicker faster slower safer next""".split()
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_GENERIC_HEADINGS = frozenset({"introduction", "overview", "summary", "background", "in brief", "at a glance", "the basics", "key points"})
"""Headings that say nothing about the subject: their samples are made from the article's title."""
_LY_NOUNS = frozenset("family daily elderly supply reply belly assembly jelly lily italy july ally rally".split())
_VERB_BASES = """add allow appear ask become begin build call cause change choose come consider contain continue
    create cut decide describe develop do drop explain feel find follow get give go grow happen help hold include
    increase involve keep know lead learn leave let live look lose make mean meet move need notice occur offer open
    pay place plan play provide put reach read reduce remain remember require result run say see seem send set show
    speak spend stand start stay stop suggest take talk tell tend think try turn understand use want watch work
    write wear bring carry check avoid prevent protect improve support install remove store clean fix replace
    ensure allow happen belong hurt""".split()
_IRREGULAR_VERBS = """builds built made took taken gave given went gone got gotten felt found kept knew known led left
    lost meant met paid ran said saw seen sent shown spoke spent stood told thought understood wore worn brought
    came began begun became grew grown held does doing done""".split()
_GENERIC_ADJECTIVES = """important common easy hard simple small large big little high low great possible likely certain
    different general whole real right wrong sure ready free full long short early late young main major key
    special best better worse worst good bad""".split()


def _verb_forms(base: str) -> set[str]:
    forms = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing", base + "d"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", base):
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


_NOT_TOPICAL = frozenset().union(*(_verb_forms(b) for b in _VERB_BASES)) | frozenset(_IRREGULAR_VERBS) | frozenset(_GENERIC_ADJECTIVES)
_IMPERATIVES = frozenset(
    """keep make use check get take wear light remove add install stay drink eat know talk ask plan prevent
    avoid choose learn watch move stand sit call tell find build clear put turn look have fix set store
    clean limit review protect reduce improve start stop give try let mind follow see""".split()
)


def _topics(article: dict[str, Any]) -> dict[str, Any]:
    entries: list[tuple[dict[str, Any], str, str, str]] = []  # (entry, id, heading, text)
    for s in article["sections"]:
        entries.append((s, s["id"], s["title"], _blocks_text(s["blocks"])))
    for f in article.get("faq") or []:
        entries.append((f, f["id"], f["question"], _blocks_text(f["blocks"])))
    df: Counter[str] = Counter()
    words_of: dict[str, list[list[str]]] = {}
    for _, sid, heading, text in entries:
        runs = _content_runs(text if _sample_words(heading) in _GENERIC_HEADINGS else heading + ". " + text)
        words_of[sid] = runs
        df.update({w for run in runs for w in run})
    n = max(1, len(entries))
    taken: set[str] = set()
    topics: list[dict[str, Any]] = []
    for entry, sid, heading, _text in entries:
        is_faq = "question" in entry
        phrases = _key_phrases(words_of[sid], df, n, heading, limit=4)
        samples: list[str] = []
        clean_heading = _sample_words(heading)
        first = clean_heading.split()[0] if clean_heading else ""
        if not is_faq and clean_heading in _GENERIC_HEADINGS:
            subject = _sample_words(article["title"])
            samples += [f"what is {subject} about", f"tell me about {subject}", f"give me an overview of {subject}"]
        elif is_faq or _is_question(heading):
            samples.append(clean_heading)
        elif first in _IMPERATIVES:
            samples += [f"how do i {clean_heading}", f"how can i {clean_heading}", f"tell me how to {clean_heading}"]
        elif first in ("if", "when", "after", "before", "while"):
            mine = _first_person(clean_heading)
            samples += [f"what should i do {mine}", f"what to do {clean_heading}", f"tell me what to do {mine}"]
        elif " and " in f" {clean_heading} " or clean_heading.endswith("s"):
            samples += [f"tell me about {clean_heading}", f"what about {clean_heading}",
                        f"what should i know about {clean_heading}"]
        else:
            samples += [f"what is {clean_heading}", f"tell me about {clean_heading}",
                        f"what should i know about {clean_heading}"]
        for i, phrase in enumerate(phrases):
            samples.append(f"tell me about {phrase}")
            if i == 0:
                samples.append(f"what does it say about {phrase}")
        for head in _item_heads(entry["blocks"])[:4]:
            samples.append(f"tell me about {head}")
        unique: list[str] = []
        for sample in samples:
            sample = " ".join(sample.split())
            if sample and sample not in taken and sample not in unique:
                unique.append(sample)
            if len(unique) >= MAX_SAMPLES_PER_SECTION:
                break
        filler = iter([f"read the part about {clean_heading}", f"what can you tell me about {clean_heading}",
                       f"i have a question about {clean_heading}"])
        while len(unique) < MIN_SAMPLES_PER_SECTION:
            unique.append(next(filler))
        taken.update(unique)
        keywords = " ".join(dict.fromkeys([w for p in phrases for w in p.split()] + _key_words(words_of[sid], df, n)))
        topic = {"name": f"ask_{sid}", "section": sid}
        if keywords:
            topic["keywords"] = keywords
        topic["samples"] = unique
        topics.append(topic)
    if article.get("sources"):
        topics.append({
            "name": "ask_sources",
            "section": "sources",
            "samples": ["where does this information come from", "what sources does the article use",
                        "which references are cited"],
        })
    if article.get("byline"):
        topics.append({
            "name": "ask_author",
            "section": "about",
            "keywords": _sample_words(_BYLINE_LINE.sub("", article["byline"] + " ").strip() or article["byline"]),
            "samples": ["who wrote this article", "who is the author", "where is this article from"],
        })
    return {"topics": topics}


def _blocks_text(blocks: list[Any]) -> str:
    parts = []
    for b in blocks:
        if isinstance(b, str):
            parts.append(b)
        else:
            parts.append(str(b.get("intro") or ""))
            parts.extend(f"{i}." for i in b.get("items") or [])
    return " ".join(parts)


def _content_runs(text: str) -> list[list[str]]:
    """Runs of consecutive content words (no stopwords, no punctuation in between)."""
    runs: list[list[str]] = []
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower().replace("’", "'"))  # "non-slip" -> "non slip"
    for piece in re.split(r"[.,;:!?()\[\]\"“”‘/\u2013\u2014]+|\s-\s", text):
        run: list[str] = []
        for token in piece.split():
            word = _WORD.fullmatch(token.strip("'"))
            bare = token.strip("'")
            if word and bare not in _STOPWORDS and bare not in _NOT_TOPICAL and len(bare) > 2 and not (
                bare.endswith("ly") and bare not in _LY_NOUNS
            ):
                run.append(token.strip("'"))
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _key_phrases(runs: list[list[str]], df: Counter[str], n: int, heading: str, limit: int = 3) -> list[str]:
    """The section's most telling phrases of one to three words: frequent here, rare elsewhere, rare in English."""
    counts: Counter[str] = Counter()
    for run in runs:
        for size in (1, 2, 3):
            for i in range(len(run) - size + 1):
                counts[" ".join(run[i : i + size])] += 1
    heading_words = set(_sample_words(heading).split())

    def score(phrase: str) -> float:
        words = phrase.split()
        idf = sum(math.log((n + 1) / (df[w] + 0.5)) + 0.2 for w in words) / len(words)
        rarity = sum(_rarity(w) for w in words) / len(words)
        bonus = {1: 1.0, 2: 1.6, 3: 1.3}[len(words)]
        novelty = 0.5 if set(words) <= heading_words else 1.0
        return counts[phrase] ** 0.7 * idf * rarity * bonus * novelty

    chosen: list[str] = []
    for phrase in sorted(counts, key=lambda p: (-score(p), p)):
        if any(set(phrase.split()) & set(c.split()) for c in chosen):
            continue
        if " " not in phrase and counts[phrase] < 2 and _rarity(phrase) < 0.8:
            continue  # one everyday word, said once, is not what a section is about
        chosen.append(phrase)
        if len(chosen) >= limit:
            break
    return chosen


def _key_words(runs: list[list[str]], df: Counter[str], n: int, limit: int = 10) -> list[str]:
    """The section's most telling single words (for ``keywords``: they steer which sentences are read)."""
    counts = Counter(w for run in runs for w in run)

    def score(word: str) -> float:
        return counts[word] ** 0.7 * (math.log((n + 1) / (df[word] + 0.5)) + 0.2) * _rarity(word)

    ranked = [w for w in sorted(counts, key=lambda w: (-score(w), w)) if counts[w] >= 2 or _rarity(w) >= 0.6]
    return ranked[:limit]


def _item_heads(blocks: list[Any]) -> list[str]:
    """The first content words of each list item ("Grab bars next to the toilet" -> "grab bars")."""
    heads: list[str] = []
    for block in blocks:
        if isinstance(block, dict):
            for item in block.get("items") or []:
                runs = _content_runs(str(item))
                if runs:
                    heads.append(" ".join(runs[0][:3]))
    return list(dict.fromkeys(heads))


def _rarity(word: str) -> float:
    try:
        from wordfreq import zipf_frequency

        zipf = zipf_frequency(word, "en")
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        zipf = 4.0
    return min(1.6, max(0.4, (7.5 - zipf) / 3.0))


def _sample_words(text: str) -> str:
    """Lower-case words only, as a recognizer would hear them ("Why Falls Happen?" -> "why falls happen")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"&", " and ", text)
    return " ".join(_WORD.findall(text))


def _first_person(words: str) -> str:
    """"if you fall" -> "if i fall": a listener asks about themselves."""
    swap = {"you": "i", "your": "my", "yours": "mine", "yourself": "myself"}
    return " ".join(swap.get(w, w) for w in words.split())


def _is_question(text: str) -> bool:
    first = text.strip().split()[0].lower() if text.strip() else ""
    return text.strip().endswith("?") or first in _QUESTION_WORDS


# --- lexicon, vocabulary and writing ---------------------------------------------------------

_GENERIC_SYNONYMS = {
    "healthcare provider": ["doctor", "doctors", "physician", "gp", "nurse", "clinician", "medical professional", "provider"],
    "family member": ["relative", "caregiver", "carer"],
    "sources": ["information come from", "info come from", "references", "reference", "citations", "cite", "evidence"],
    "author": ["wrote", "writer", "written"],
}


def _previous_synonyms(out: Path) -> dict[str, list[str]]:
    """Synonyms of the pack being overwritten: a person's additions survive a rebuild."""
    try:
        old = yaml.safe_load((out / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    synonyms = old.get("synonyms") if isinstance(old, dict) else None
    if not isinstance(synonyms, dict):
        return {}
    return {str(k): [str(v) for v in (vals or [])] for k, vals in synonyms.items()}


def _previous_pronunciations(out: Path) -> list[str]:
    """Entry lines of the pack's pronunciations.dict that a person checked (no unchecked mark)."""
    try:
        lines = (out / "pronunciations.dict").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [ln for ln in lines if ln.strip() and not ln.startswith((";", "#")) and not ln.rstrip().endswith(UNCHECKED_MARK)]


def _lexicon(previous_synonyms: dict[str, list[str]] | None = None) -> dict[str, Any]:
    shipped: dict[str, Any] = {}
    try:
        shipped = yaml.safe_load((DEFAULT_PACK_DIR / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        _LOGGER.warning("cannot read the shipped lexicon (%s); the new one has no filler words", err)
    synonyms = {k: list(v) for k, v in _GENERIC_SYNONYMS.items()}
    for key, values in (previous_synonyms or {}).items():
        merged = synonyms.setdefault(key, [])
        merged.extend(v for v in values if v not in merged)
    return {
        "synonyms": synonyms,
        "common_words": list(shipped.get("common_words") or []),
        "filler": list(shipped.get("filler") or []),
    }


def _pack_words(article: dict[str, Any], topics: dict[str, Any]) -> list[str]:
    texts = [article["title"], article.get("byline", "")]
    for s in article["sections"]:
        texts += [s["title"], _blocks_text(s["blocks"])]
    for f in article.get("faq") or []:
        texts += [f["question"], _blocks_text(f["blocks"])]
    for t in topics["topics"]:
        texts += t["samples"]
    return _words(" ".join(texts))


def _words(text: str) -> list[str]:
    try:
        from voice_guide.stt.base import normalize_words
    except ImportError:
        return list(dict.fromkeys(_WORD.findall(text.lower().replace("’", "'"))))
    return list(dict.fromkeys(w for w in normalize_words(text) if w.isascii()))


def _stock_dictionary() -> Path | None:
    try:
        from voice_guide.stt.pocketsphinx.backend import model_paths

        return model_paths()[1]
    except Exception as err:
        _LOGGER.debug("no stock dictionary through the recognition package: %s", err)
    try:
        import pocketsphinx

        path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
        return path if path.exists() else None
    except Exception:
        return None


def _vocabulary(words: list[str], lexicon: Path | None = None) -> tuple[dict[str, str], list[str], str]:
    """(guessed word -> phones, words with no pronunciation, a note when the check could not be done)."""
    try:
        from voice_guide.stt.pocketsphinx.pronounce import build_pronunciations
    except ImportError as err:
        return {}, [], f"pronunciations were not checked: the recognition package is not available ({err})"
    stock = _stock_dictionary()
    if stock is None:
        return {}, [], "pronunciations were not checked: the PocketSphinx dictionary was not found (pip install pocketsphinx)"
    try:
        result = build_pronunciations(words, stock, [lexicon] if lexicon else [], use_espeak=True)
    except VoiceGuideError as err:
        return {}, [], f"pronunciations were not checked: {err}"
    guessed = {w: result.entries[w][0] for w in result.guessed}
    note = "" if shutil.which("espeak-ng") else "espeak-ng is not installed, so missing pronunciations could not be guessed"
    return guessed, list(result.missing), note


def _dict_text(guessed: dict[str, str], checked: Iterable[str] = ()) -> str:
    lines = [
        ";;; Pronunciations for words the PocketSphinx dictionary does not have (CMU format, ARPAbet,",
        ";;; no stress marks). An entry here replaces every stock pronunciation of the word.",
        f";;; Entries ending in '{UNCHECKED_MARK}' were guessed by espeak-ng: listen, fix the phones",
        ";;; if needed, and delete the mark. voice-guide pack check lists the ones still unchecked.",
    ]
    lines += list(checked)
    lines += [f"{word} {phones}  {UNCHECKED_MARK}" for word, phones in sorted(guessed.items())]
    return "\n".join(lines) + "\n"


_ARTICLE_HEADER = """# Blocks: a plain string is a paragraph; {intro, items} is a bulleted list (its intro is
# read, then each item). "omitted" lists text that was left out, and why; it is never spoken.
"""
_TOPICS_HEADER = """# One topic per section: the questions it answers. Samples were made from the section's own
# words; replace or add everyday questions a listener would ask (lower case, words only).
"""
_LEXICON_HEADER = """# Everyday words -> the article's words ("synonyms"), everyday words that weigh little
# ("common_words") and words that carry no meaning for matching ("filler"). Filler and common
# words come from the shipped pack; add synonyms for this article's own terms: they are kept
# when the pack is built again over this folder (checked pronunciations are kept too).
"""


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if len(data) > 80 and "\n" not in data and not data.startswith((" ", "'", '"')) and data == data.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def _dump(data: Any, flow_leaves: bool = False) -> str:
    """YAML for people: block style, long text folded; ``flow_leaves`` writes lists of words as ``[a, b]``."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=None if flow_leaves else False)


def _write(path: Path, text: str) -> Path:
    from voice_guide.core.files import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"))
        os.chmod(path, 0o644)
    except OSError as err:
        raise PackBuildError(f"{path}: cannot write: {err.strerror or err}") from None
    return path


# --- check -----------------------------------------------------------------------------------


def check_pack(folder: str | os.PathLike[str], *, check_pronunciations: bool = True) -> list[str]:
    """Problems with the pack in ``folder``, each one plain sentence; ``[]`` when none were found.

    Looks for: YAML errors, missing fields, empty sections, dangling lines ("Examples
    include:" with nothing after them), topics that point nowhere, sections no topic reaches,
    routine files that do not load, bad control templates or safety patterns, and (when the
    recognition package and the PocketSphinx dictionary are available) words with no
    pronunciation or with a guessed one not yet checked by a person.
    """
    root = Path(folder)
    if not root.is_dir():
        return [f"{root} is not a folder"]
    problems: list[str] = []
    raw: dict[str, Any] = {}
    for part in ("article", "topics", "lexicon", "intents", "safety"):
        path = root / f"{part}.yaml"
        if not path.exists():
            if part == "article":
                problems.append("there is no article.yaml: every pack needs one")
            continue
        try:
            raw[part] = yaml.safe_load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(f"{path.name} is not UTF-8 text")
            continue
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            at = f" at line {mark.line + 1}" if mark is not None else ""
            problems.append(f"{path.name} has a YAML error{at}: {getattr(err, 'problem', None) or err}")
            continue
        if raw[part] is not None and not isinstance(raw[part], dict):
            problems.append(f"{path.name} should hold a mapping (key: value lines) at the top")
            raw.pop(part)
    article = raw.get("article")
    if isinstance(article, dict):
        problems += _article_problems(article)
    pack: ContentPack | None = None
    if "article" in raw and not any(p.startswith(("article.yaml", "topics.yaml", "lexicon.yaml", "intents.yaml", "safety.yaml")) for p in problems):
        try:
            pack = load_pack(root)
        except ContentError as err:
            message = str(err).replace(f"{root}: ", "")
            if "the section is empty" not in message:
                problems.append(f"the pack does not load: {message}")
    if pack is not None:
        problems += _pack_problems(pack)
    routines = root / "routines"
    if routines.is_dir():
        from voice_guide.routines.model import load_routines

        try:
            _, routine_problems = load_routines(routines)
            problems += [f"routines/{p}" for p in routine_problems]
        except ContentError as err:
            problems.append(f"routines: {err}")
    if check_pronunciations and pack is not None:
        problems += _pronunciation_problems(pack, root)
    return problems


def _article_problems(article: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if not str(article.get("title") or "").strip():
        problems.append("article.yaml has no title")
    entries = [("section", s) for s in article.get("sections") or []] + [("FAQ question", f) for f in article.get("faq") or []]
    if not article.get("sections"):
        problems.append("article.yaml has no sections")
    seen: set[str] = set()
    for kind, entry in entries:
        if not isinstance(entry, dict):
            problems.append(f"article.yaml: a {kind} is not a mapping with id, title and blocks")
            continue
        sid = str(entry.get("id") or "")
        name = str(entry.get("title") or entry.get("question") or sid or "?")
        if not sid:
            problems.append(f"{kind} {name!r} has no id")
        elif sid in seen:
            problems.append(f"the id {sid!r} is used by two sections")
        seen.add(sid)
        blocks = entry.get("blocks")
        texts = _raw_texts(blocks)
        if not any(t.strip() for t in texts):
            problems.append(f"{kind} {name!r} is empty: it has no text to read")
            continue
        for block in blocks if isinstance(blocks, list) else []:
            if isinstance(block, str):
                sentences = split_sentences(block)
                if sentences and sentences[-1].rstrip().endswith(":"):
                    problems.append(f"{kind} {name!r} has a dangling line ending in a colon with nothing after it: {sentences[-1]!r}")
            elif isinstance(block, dict):
                items = [i for i in block.get("items") or [] if str(i).strip()]
                if not items:
                    intro = str(block.get("intro") or "").strip()
                    problems.append(f"{kind} {name!r} has a list with no items" + (f": {intro!r}" if intro else ""))
            else:
                problems.append(f"{kind} {name!r} has a block that is neither text nor a list")
    return problems


def _raw_texts(blocks: Any) -> list[str]:
    if not isinstance(blocks, list):
        return []
    out: list[str] = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b)
        elif isinstance(b, dict):
            out += [str(i) for i in b.get("items") or []]
    return out


def _pack_problems(pack: ContentPack) -> list[str]:
    problems: list[str] = []
    reached = {t.section_id for t in pack.topics}
    for s in pack.sections:
        if s.kind == "section" and s.id not in reached:
            problems.append(f"section {s.title!r} has no topic in topics.yaml, so questions rarely reach it")
    for t in pack.topics:
        if not t.samples:
            problems.append(f"topic {t.name} has no sample questions")
    try:
        from voice_guide.nlu.understanding import ControlMatcher, SafetyRules

        SafetyRules(pack.safety)
        if pack.intents:
            ControlMatcher(pack.intents, max_samples_per_intent=20)
    except ContentError as err:
        problems.append(str(err))
    if not pack.safety:
        problems.append("there is no safety.yaml: emergencies would not be recognized (copy the shipped one)")
    return problems


def _pronunciation_problems(pack: ContentPack, root: Path) -> list[str]:
    problems: list[str] = []
    lexicon = root / "pronunciations.dict"
    if lexicon.exists():
        try:
            from voice_guide.stt.pocketsphinx.pronounce import read_cmu_lexicon

            read_cmu_lexicon(lexicon)
        except ImportError:
            return problems
        except VoiceGuideError as err:
            return [f"pronunciations.dict: {err}"]
        unchecked = [ln.split()[0] for ln in lexicon.read_text(encoding="utf-8").splitlines() if ln.rstrip().endswith(UNCHECKED_MARK)]
        if unchecked:
            problems.append(
                f"{len(unchecked)} pronunciations in pronunciations.dict are guesses not yet checked by a person: "
                + ", ".join(unchecked)
            )
    texts = [pack.title, pack.byline]
    for s in pack.sections:
        if s.kind in ("section", "faq"):
            texts += [s.title, s.text()]
    for t in pack.topics:
        texts += list(t.samples)
    guessed, missing, note = _vocabulary(_words(" ".join(texts)), lexicon if lexicon.exists() else None)
    if note and not guessed and not missing and "espeak" not in note:
        return problems
    if guessed:
        problems.append(
            f"{len(guessed)} words are in neither the PocketSphinx dictionary nor pronunciations.dict "
            "(the recognizer guesses them): " + ", ".join(f"{w} [{p}]" for w, p in sorted(guessed.items()))
        )
    if missing:
        problems.append("words with no pronunciation at all (the recognizer cannot hear them): " + ", ".join(missing))
    return problems


__all__ = [
    "FORMATS",
    "MAX_INPUT_BYTES",
    "MAX_SAMPLES_PER_SECTION",
    "MAX_SECTIONS",
    "MIN_SAMPLES_PER_SECTION",
    "PackBuildError",
    "PackReport",
    "UNCHECKED_MARK",
    "build_pack",
    "check_pack",
    "decode_text",
    "detect_format",
]
