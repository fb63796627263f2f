"""From read blocks to an article: title, byline and licence, sections, the FAQ, the sources.

:func:`structure` returns the ``article.yaml`` mapping; every piece of text left out is listed
under ``omitted`` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from voice_guide.content.builder import doc as _limits
from voice_guide.content.builder.doc import BULLET, BYLINE_LINE, LICENSE_LINE, Block, Doc
from voice_guide.content.sentences import split_sentences

_FAQ_HEADING = re.compile(r"^(frequently asked questions|faqs?|common questions|questions and answers|q\s*&\s*a)\b", re.IGNORECASE)
_SOURCES_HEADING = re.compile(
    r"^(sources?|references?|bibliography|citations?|works cited|further reading|additional reading|reading list)$", re.IGNORECASE
)
_QUESTION_PREFIX = re.compile(r"^(q|question)\s*[:.)\-]\s*", re.IGNORECASE)
_ANSWER_PREFIX = re.compile(r"^(a|answer)\s*[:.)\-]\s*", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(advertisement|sponsored( content)?|share( this( article| page)?)?|print|email|subscribe\b.*|sign up\b.*|"
    r"read more|related( articles| stories)?|see also|click here\b.*|accept( all)? cookies\b.*|.*\bcookies?\b.*policy.*|"
    r"table of contents|skip to (main )?content|back to top|follow us\b.*|(©|copyright)\b.*|all rights reserved\.?|"
    r"(medically |fact[- ]checked |reviewed )?(reviewed|checked) by\b.*|(updated|published)( on)?\b.{0,40})$",
    re.IGNORECASE,
)
QUESTION_WORDS = frozenset("what how why when where who which whom whose can could should would is are do does did will".split())
"""Words a question starts with."""
_SLUG_STOP = frozenset("a an the of and or to for in on at by with your you my our their its is are i we".split())

Omitted = list[dict[str, str]]
"""Text left out: ``{"text": ..., "why": ...}`` entries."""


def structure(doc: Doc, title: str | None, warnings: list[str], fallback_title: str = "") -> dict[str, Any]:
    """The ``article.yaml`` mapping for ``doc``; ``title`` replaces the one found; notes go to ``warnings``."""
    blocks = [b for b in doc.blocks if b.text.strip() or b.items]
    omitted: Omitted = [{"text": o, "why": "not spoken"} for o in doc.omitted]
    found_title, blocks = _take_title(doc, blocks, omitted)
    final_title = " ".join((title or found_title or "").split()).strip()
    if not final_title:
        final_title = fallback_title
        warnings.append(f"no title found in the article; using {final_title!r} (give one with title=)")
    byline, license_line = _take_metadata(doc, blocks)
    sorter = _Sorter(omitted)
    for block in blocks:
        sorter.add(block)
    sections, faq = sorter.finish()
    if len(sections) > _limits.MAX_SECTIONS:
        dropped = sections[_limits.MAX_SECTIONS :]
        sections = sections[: _limits.MAX_SECTIONS]
        warnings.append(
            f"the article has {len(dropped) + _limits.MAX_SECTIONS} sections; only the first {_limits.MAX_SECTIONS} were kept "
            f"(dropped from {dropped[0]['title']!r} on). A spoken guide works best with one article at a time."
        )
    ids: set[str] = {"sources", "about"}
    for section in sections:
        section["id"] = _unique_id(_slug(section["title"]) or "section", ids)
    for entry in faq:
        entry["id"] = _unique_id("faq_" + (_slug(entry["question"], drop=QUESTION_WORDS) or "question"), ids)
    article: dict[str, Any] = {"title": final_title}
    if byline:
        article["byline"] = byline
    if license_line:
        article["license"] = license_line
    article["language"] = "en"
    article["sections"] = [{"id": s["id"], "title": s["title"], "blocks": s["blocks"]} for s in sections]
    if faq:
        article["faq"] = [{"id": f["id"], "question": f["question"], "blocks": f["blocks"]} for f in faq]
    if sorter.sources:
        article["sources"] = list(dict.fromkeys(sorter.sources))
    if omitted:
        article["omitted"] = omitted
    return article


def _take_title(doc: Doc, blocks: list[Block], omitted: Omitted) -> tuple[str, list[Block]]:
    """The title: a level-1 heading near the top (short lines before it are page furniture),
    or, with no title known yet, the first heading (the first heading-like line of plain text)."""
    found_title = doc.title
    top = next((i for i, b in enumerate(blocks[:4]) if b.kind == "heading"), None)
    if top is not None and (blocks[top].level == 1 or not found_title) and all(
        b.kind == "para" and len(b.text.split()) < 15 for b in blocks[:top]
    ):
        for b in blocks[:top]:
            omitted.append({"text": b.text, "why": "text above the title"})
        found_title = doc.title or blocks[top].text
        blocks = blocks[top + 1 :]
    return found_title, blocks


def _take_metadata(doc: Doc, blocks: list[Block]) -> tuple[str, str]:
    """Byline and licence lines at the top (before the first heading) or a licence line at the
    very end are metadata, not text: they are taken out of ``blocks``."""
    byline, license_line = doc.byline, doc.license
    head = 0
    while head < len(blocks) and head < 4 and blocks[head].kind == "para":
        text = blocks[head].text
        if not byline and BYLINE_LINE.match(text) and len(text.split()) <= 25:
            byline = text.rstrip(".")
            blocks.pop(head)
            continue
        if not license_line and LICENSE_LINE.search(text) and len(text.split()) <= 40:
            license_line = text
            blocks.pop(head)
            continue
        head += 1
    for i, b in enumerate(blocks):
        if i >= len(blocks) - 2 and b.kind == "para" and not license_line and LICENSE_LINE.search(b.text) and len(b.text.split()) <= 40:
            license_line = b.text
            blocks.pop(i)
            break
    return byline, license_line


@dataclass
class _Sorter:
    """Sorts blocks, in order, into sections, FAQ entries and sources."""

    omitted: Omitted
    sections: list[dict[str, Any]] = field(default_factory=list)
    faq: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    mode: str = "section"
    faq_level: int = 0
    current: dict[str, Any] | None = None
    question: dict[str, Any] | None = None
    source_headings: list[tuple[str, int]] = field(default_factory=list)

    def add(self, block: Block) -> None:
        if block.kind == "para" and _BOILERPLATE.match(block.text):
            self.omitted.append({"text": block.text, "why": "site boilerplate"})
            return
        if block.kind == "heading" and block.level <= 3:
            self._heading(block)
            return
        if block.kind == "heading":  # h4-h6: a sub-heading read as a line of its own
            if self.mode == "faq" and block.text.endswith("?"):
                self._ask(_QUESTION_PREFIX.sub("", block.text))
                return
            block = Block("para", block.text if block.text.endswith(tuple(".?!:")) else block.text + ".")
        if self.mode == "sources":
            self._source(block)
        elif self.mode == "faq":
            self._faq_block(block)
        else:
            if self.current is None:
                self.current = self._new_section("Introduction")
            _add_block(self.current["blocks"], block)

    def _heading(self, block: Block) -> None:
        heading = block.text.strip().rstrip(":")
        if _FAQ_HEADING.match(heading):
            self.mode, self.faq_level, self.question = "faq", block.level, None
            return
        if _SOURCES_HEADING.match(heading):
            self.mode = "sources"
            self.source_headings.append((heading, len(self.sources)))
            return
        if self.mode == "faq" and heading.endswith("?"):
            self._ask(_QUESTION_PREFIX.sub("", heading))
            return
        self.mode, self.question = "section", None
        self.current = self._new_section(heading)

    def _source(self, block: Block) -> None:
        if block.kind == "para" and block.text.rstrip().endswith(":"):
            self.omitted.append({"text": block.text, "why": "the line that introduces the sources"})
            return
        entries = block.items if block.kind == "list" else [block.text]
        self.sources.extend(s for s in (BULLET.sub(r"\g<text>", e).strip() for e in entries) if s)

    def _faq_block(self, block: Block) -> None:
        if block.kind == "para":
            asked, answer = _split_question(block.text)
            if asked:
                self._ask(asked)
                if answer and self.question is not None:
                    self.question["blocks"].append(answer)
                return
        if self.question is None:
            self.omitted.append({"text": block.text or "; ".join(block.items), "why": "text in the FAQ before its first question"})
            return
        _add_block(self.question["blocks"], block)

    def _ask(self, question: str) -> None:
        self.question = {"question": question, "blocks": []}
        self.faq.append(self.question)

    def _new_section(self, heading: str) -> dict[str, Any]:
        section: dict[str, Any] = {"title": heading, "blocks": []}
        self.sections.append(section)
        return section

    def finish(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Sections and FAQ entries that have text (the rest is listed as omitted)."""
        for i, (heading, start) in enumerate(self.source_headings):
            end = self.source_headings[i + 1][1] if i + 1 < len(self.source_headings) else len(self.sources)
            if end == start:
                self.omitted.append({"text": heading, "why": "a heading with no text under it"})
        for entry in self.sections + self.faq:  # dangling "Examples include:" lines
            entry["blocks"] = _drop_dangling(entry["blocks"], self.omitted)
        sections = [s for s in self.sections if s["blocks"]]
        self.omitted += [{"text": s["title"], "why": "a heading with no text under it"} for s in self.sections if not s["blocks"]]
        faq = [f for f in self.faq if f["blocks"]]
        self.omitted += [{"text": f["question"], "why": "an FAQ question with no answer"} for f in self.faq if not f["blocks"]]
        return sections, faq


def _split_question(text: str) -> tuple[str, str]:
    """``"How much? About two litres."`` -> (question, answer); ("", "") when the text is no question."""
    text = _QUESTION_PREFIX.sub("", text.strip())
    sentences = split_sentences(text)
    if not sentences or not sentences[0].endswith("?") or len(sentences[0].split()) > 25:
        return "", ""
    rest = " ".join(sentences[1:])
    return sentences[0], _ANSWER_PREFIX.sub("", rest)


def _add_block(blocks: list[Any], block: Block) -> None:
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

