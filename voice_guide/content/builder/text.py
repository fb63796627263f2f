"""Reading plain text and Markdown articles into :class:`~voice_guide.content.builder.doc.Doc` blocks."""

from __future__ import annotations

import html
import re

import yaml

from voice_guide.content.builder.doc import BULLET, BYLINE_LINE, LICENSE_LINE, Block, Doc

_FINAL_PUNCT = tuple(".!?,;:\u2026\"'”’)")
_WEAK_END = frozenset("a an the and or of to in on for with at by from as but that this your their".split())


def parse_text(text: str) -> Doc:
    """Plain text: paragraphs split by blank lines; short lines without final punctuation are headings."""
    doc = Doc()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    for _p_index, para in enumerate(paragraphs):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if len(lines) >= 2 and re.fullmatch(r"[=\-~]{3,}", lines[1]):  # underlined heading
            doc.blocks.append(Block("heading", lines[0], 1 if lines[1][0] == "=" else 2))
            lines = lines[2:]
            if not lines:
                continue
        if len(lines) == 1 and not BULLET.match(lines[0]) and _heading_like(lines[0], alone=True):
            doc.blocks.append(Block("heading", lines[0].rstrip(), 2))
            continue
        if (
            len(lines) >= 2
            and not BULLET.match(lines[0])
            and _heading_like(lines[0], alone=False)
            and (BULLET.match(lines[1]) or lines[1][:1].isupper())
        ):
            doc.blocks.append(Block("heading", lines[0], 2))
            lines = lines[1:]
        _text_lines_to_blocks(lines, doc)
    return doc


def _heading_like(line: str, alone: bool) -> bool:
    words = line.split()
    if not words or not line[:1].isalnum() or not (line[:1].isupper() or line[:1].isdigit()):
        return False
    if BYLINE_LINE.match(line) or LICENSE_LINE.search(line):
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


def _text_lines_to_blocks(lines: list[str], doc: Doc) -> None:
    para: list[str] = []
    items: list[str] = []

    def flush_para() -> None:
        if para:
            doc.blocks.append(Block("para", " ".join(para)))
            para.clear()

    def flush_items() -> None:
        if items:
            doc.blocks.append(Block("list", items=list(items)))
            items.clear()

    for line in lines:
        bullet = BULLET.match(line)
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


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def parse_markdown(text: str) -> Doc:
    """Markdown: front matter, ``#`` and underlined headings, lists; code blocks, tables and comments left out."""
    doc = Doc()
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
            doc.blocks.append(Block("heading", md_inline(heading.group(2)), len(heading.group(1))))
        elif stripped and buf == [] and re.fullmatch(r"=+|-+", nxt) and len(nxt) >= 3 and not BULLET.match(stripped):
            doc.blocks.append(Block("heading", md_inline(stripped), 1 if nxt[0] == "=" else 2))
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


def _md_flush(buf: list[str], doc: Doc) -> None:
    if buf:
        lines = [md_inline(b) if not BULLET.match(b) else b for b in buf]
        before = len(doc.blocks)
        _text_lines_to_blocks(lines, doc)
        for block in doc.blocks[before:]:
            block.items = [md_inline(item) for item in block.items]
        buf.clear()


def md_inline(text: str) -> str:
    """Markdown inline markup (links, emphasis, code, images, footnote marks) to plain text."""
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

