"""Reading an article file: bounded, refused when binary, decoded, tidied, and its format detected."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from voice_guide.content.builder import doc as _limits
from voice_guide.content.builder.doc import PackBuildError


def title_from_name(path: Path) -> str:
    """A title made from a file name ("falls-at-home.txt" -> "Falls at home")."""
    words = re.split(r"[\s_\-]+", path.stem.strip())
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else "Untitled article"


def read_article_bytes(src: Path) -> bytes:
    """The article's bytes: a regular, non-empty file of at most :data:`MAX_INPUT_BYTES` (read bounded)."""
    if not src.exists():
        raise PackBuildError(f"{src}: no such file")
    if src.is_dir():
        raise PackBuildError(f"{src}: is a folder, not an article file")
    if not src.is_file():
        raise PackBuildError(f"{src}: is not a regular file; save the article as a text, Markdown or HTML file")
    max_bytes = _limits.MAX_INPUT_BYTES
    size = src.stat().st_size
    if size == 0:
        raise PackBuildError(f"{src}: the file is empty")
    too_big = PackBuildError(
        f"{src}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit for one article; "
        "split it into shorter articles"
    )
    if size > max_bytes:
        raise too_big
    try:
        with open(src, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as err:
        raise PackBuildError(f"{src}: cannot read: {err.strerror or err}") from None
    if len(raw) > max_bytes:  # the file grew while being read
        raise too_big
    if looks_binary(raw):
        raise PackBuildError(f"{src}: is not text (it holds binary data); give an article saved as text, Markdown or HTML")
    return raw


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are no text in any encoding the builder reads (NUL bytes, many control bytes)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 has NUL bytes
    head = raw[:65536]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if (b < 0x20 and b not in b"\t\n\r\x0c\x0b") or b == 0x7F)
    return control > max(2, len(head) // 50)


def decode_text(raw: bytes, html_hint: bool = False) -> tuple[str, str]:
    """Decode an article's bytes; returns ``(text, encoding name)``. See the module docstring for the order."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return tidy(raw.decode(name)), name
            except UnicodeDecodeError:
                break
    try:
        return tidy(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if html_hint or b"<meta" in raw[:4096].lower():
        match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.IGNORECASE)
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                return tidy(raw.decode(name)), name.lower()
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        text = raw.decode("cp1252")
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii <= max(3, len(text) // 20):
            return tidy(text), "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return tidy(str(best)), str(best.encoding)
    except ImportError:
        pass
    return tidy(raw.decode("latin-1")), "latin-1"


def tidy(text: str) -> str:
    """Normal form, plain line ends and spaces, no invisible or control characters, no footnote marks."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in ("\u00a0", "\u2007", "\u202f", "\u2009", "\u200a"):
        text = text.replace(ch, " ")
    for ch in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        text = text.replace(ch, "")
    text = _FOOTNOTE_AFTER_WORD.sub("", text)
    text = _FOOTNOTE_AT_LINE_START.sub("", text)
    # Other digits that are not plain decimal digits (superscripts in units, circled numbers) become plain ones.
    text = "".join(unicodedata.normalize("NFKC", c) if c.isdigit() and not c.isdecimal() else c for c in text)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")


_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079"
_FOOTNOTE_AFTER_WORD = re.compile(rf"(?<=[^\W\d_]{{3}})[{_SUPERSCRIPT_DIGITS}]+|(?<=[.,;:!?)\]\"'\u2019\u201d])[{_SUPERSCRIPT_DIGITS}]+")
"""A footnote mark after a word of three letters or more, or after punctuation ("body¹", "well.²")."""
_FOOTNOTE_AT_LINE_START = re.compile(rf"^([ \t]*)[{_SUPERSCRIPT_DIGITS}]+[ \t]*", re.MULTILINE)
"""A footnote's number at the start of its line ("¹ A source.")."""


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

