"""Reading a saved HTML page into :class:`~voice_guide.content.builder.doc.Doc` blocks.

A forgiving tree (void elements, unclosed ``p`` and ``li``, stray end tags); the main content
is ``<main>``, else the longest ``<article>``, else ``<body>``; navigation, scripts, styles,
page header and footer, asides, forms, hidden elements and common boilerplate blocks are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from voice_guide.content.builder.doc import Block, Doc, PackBuildError

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


def parse_html(text: str) -> Doc:
    """An HTML page's main content, without navigation, scripts, asides and boilerplate blocks."""
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except Exception as err:  # HTMLParser is forgiving; this is for the odd assertion
        raise PackBuildError(f"the HTML page cannot be read: {err}") from None
    root = builder.root
    doc = Doc()
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


def _html_blocks(node: _Node, doc: Doc, inside_article: bool) -> None:
    inline: list[str] = []

    def flush() -> None:
        joined = "".join(inline)
        inline.clear()
        for line in joined.split("\n"):
            line = " ".join(line.split())
            if line:
                doc.blocks.append(Block("para", line))

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
                doc.blocks.append(Block("heading", text, int(tag[1])))
        elif tag in ("ul", "ol"):
            items = _list_items(child, inside_article)
            if items:
                doc.blocks.append(Block("list", items=items))
        elif tag == "dl":
            for item in child.children:
                if isinstance(item, _Node) and item.tag in ("dt", "dd"):
                    text = " ".join(_inline_text(item, inside_article).split())
                    if text:
                        doc.blocks.append(Block("para", text))
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

