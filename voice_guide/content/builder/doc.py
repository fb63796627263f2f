"""The pack builder's shared pieces: limits, the error, the report, the document model, common patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from voice_guide.core.errors import ContentError

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


@dataclass
class Block:
    """A piece of the article as read: a heading, a paragraph or a list."""

    kind: str
    """``heading``, ``para`` or ``list``."""

    text: str = ""
    """The heading's or paragraph's text."""

    level: int = 0
    """A heading's level, 1 to 6."""

    items: list[str] = field(default_factory=list)
    """A list's items."""


@dataclass
class Doc:
    """What a reader (text, Markdown, HTML) found in the article."""

    blocks: list[Block] = field(default_factory=list)
    """Headings, paragraphs and lists, in order."""

    title: str = ""
    """The title given by the file's metadata (front matter, ``<h1>``), or ""."""

    byline: str = ""
    """The byline given by the file's metadata, or ""."""

    license: str = ""
    """The licence given by the file's metadata, or ""."""

    omitted: list[str] = field(default_factory=list)
    """Text left out while reading (code, tables), described."""


# --- patterns shared by the readers and the structure -----------------------------------------

BULLET = re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25e6\u2013\u2014]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
"""A list item line: a bullet or a number, then the item's text."""

BYLINE_LINE = re.compile(r"^(by|written by|written for|author:|authors:)\s+(?=\S)", re.IGNORECASE)
"""A byline ("By Jane Doe")."""

LICENSE_LINE = re.compile(
    r"\b(cc0|cc[ -]by(-[a-z]{2})*|creative commons|public domain|no rights reserved|released under|licen[cs]ed under|licen[cs]e:)",
    re.IGNORECASE,
)
"""A licence line."""

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
"""A lower-case word, with an inner apostrophe."""
