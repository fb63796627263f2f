"""Content packs: an article (sections, FAQ, sources), its topics, lexicon and safety rules.

A pack is a folder of YAML files; loading one is one call, :meth:`ContentPack.from_path`.
The loaders are layered: pure ``from_dict``, ``from_yaml(stream)``, ``from_path(folder)``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from voice_guide.core.errors import ContentError

_LOGGER = logging.getLogger(__name__)

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Safe loading only (no object construction); the C loader when PyYAML has it."""

DEFAULT_PACK_DIR = Path(__file__).resolve().parents[1] / "packs" / "muscle_atrophy"
"""The pack shipped with voice-guide: "Muscle Atrophy Types and Causes"."""

_SHORT_ITEM_WORDS = 6
_ABBREVIATIONS = ("U.S.", "e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "etc.", "St.")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“(0-9])")
_DANGLING = re.compile(r":\s*$")


@dataclass(frozen=True)
class Unit:
    """The smallest piece of the article that is read aloud: a sentence, a list item,
    or a list intro joined with its short items."""

    text: str
    """The article's own words."""

    section_id: str
    """Id of the section it belongs to."""

    index: int
    """Position within its section, from 0."""

    block: int
    """Index of the paragraph or list it came from, within the section."""

    list_intro: bool = False
    """True for a list's introductory line ("There are three main types…:")."""

    item: int = -1
    """For the sentences of one list item: the index of the item's first unit (they are read together); -1 otherwise."""


@dataclass(frozen=True)
class Section:
    """A part of the article that can be read on its own."""

    id: str
    """Stable identifier, e.g. ``disuse`` or ``faq_causes``."""

    title: str
    """Heading as a listener hears it; for an FAQ entry, its question."""

    units: tuple[Unit, ...]
    """What is read, in order."""

    kind: str = "section"
    """``section``, ``faq``, ``sources`` or ``about``."""

    def text(self) -> str:
        """The whole section as one string, units joined with spaces."""
        return " ".join(u.text for u in self.units)


@dataclass(frozen=True)
class Topic:
    """A knowledge intent: one thing the article answers, and where."""

    name: str
    """Intent name, e.g. ``ask_causes``."""

    section_id: str
    """The section that answers it."""

    keywords: str = ""
    """Words that steer which sentences of the section are read."""

    samples: tuple[str, ...] = ()
    """Everyday questions for this topic, used for matching and for the recognizer's language model."""


@dataclass(frozen=True)
class Lexicon:
    """Everyday words mapped to the article's words, and words to ignore."""

    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Canonical word -> phrases that mean it."""

    filler: tuple[str, ...] = ()
    """Words that carry no meaning for matching (people, possessives, fillers)."""

    common_words: tuple[str, ...] = ()
    """Everyday words that weigh little when the pack does not otherwise know them."""


@dataclass(frozen=True)
class ContentPack:
    """Everything voice-guide knows about one article."""

    title: str
    """The article's title."""

    byline: str
    """Who wrote it and where it appeared, as spoken."""

    sections: tuple[Section, ...]
    """Article sections, then FAQ entries, then sources and the about section, in reading order."""

    topics: tuple[Topic, ...] = ()
    """Knowledge intents."""

    lexicon: Lexicon = field(default_factory=Lexicon)
    """Synonyms and filler words."""

    intents: dict[str, Any] = field(default_factory=dict)
    """Control-intent templates (hassil format) and their options."""

    safety: dict[str, Any] = field(default_factory=dict)
    """Emergency and pain patterns, with their answers."""

    sources: tuple[str, ...] = ()
    """The article's cited sources."""

    root: Path | None = None
    """Folder the pack was loaded from (None when built from dicts)."""

    content_hash: str = ""
    """Hash of the pack's data: the key for caches built from it (language models)."""

    grammar: dict[str, Any] = field(default_factory=dict)
    """Grammar intents with slots (``grammar.yaml``: hassil templates, lists, replies; see
    :mod:`voice_guide.nlu.grammar`). A pack with a grammar may have no article."""

    # --- lookups -------------------------------------------------------------
    def section(self, section_id: str) -> Section:
        """The section with this id; :class:`ContentError` when there is none."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise ContentError(f"no section {section_id!r} in pack {self.title!r}")

    def topic(self, name: str) -> Topic:
        """The topic with this intent name."""
        for t in self.topics:
            if t.name == name:
                return t
        raise ContentError(f"no topic {name!r} in pack {self.title!r}")

    @property
    def reading_sections(self) -> tuple[Section, ...]:
        """The sections read by ``read_article``: article body and FAQ (not sources/about)."""
        return tuple(s for s in self.sections if s.kind in ("section", "faq"))

    @property
    def pronunciations_path(self) -> Path | None:
        """The pack's hand-checked pronunciation lexicon, if it has one."""
        if self.root is None:
            return None
        p = self.root / "pronunciations.dict"
        return p if p.exists() else None

    @property
    def routines_dir(self) -> Path | None:
        """The pack's folder of routine YAML files, if it has one."""
        if self.root is None:
            return None
        p = self.root / "routines"
        return p if p.is_dir() else None

    # --- loaders -------------------------------------------------------------
    @classmethod
    def from_dict(
        cls,
        article: dict[str, Any] | None,
        topics: dict[str, Any] | None = None,
        lexicon: dict[str, Any] | None = None,
        intents: dict[str, Any] | None = None,
        safety: dict[str, Any] | None = None,
        root: Path | None = None,
        grammar: dict[str, Any] | None = None,
    ) -> "ContentPack":
        """Build a pack from already-parsed data. Pure: reads no files. With a ``grammar``,
        ``article`` may be None (a grammar-only pack: its title comes from the grammar)."""
        if article is None and grammar:  # grammar-only pack (issue 12)
            article = {"title": str(grammar.get("title") or "Grammar"), "sections": []}
        if not isinstance(article, dict):
            raise ContentError("article: expected a mapping with title and sections")
        title = _req_str(article, "title", "article")
        sections: list[Section] = []
        raw_sections = (article.get("sections") or []) if grammar else _req_list(article, "sections", "article")
        for i, raw in enumerate(raw_sections):
            where = f"article: sections[{i}]"
            if not isinstance(raw, dict):
                raise ContentError(f"{where}: expected a mapping")
            sid = _req_str(raw, "id", where)
            sections.append(_section(sid, _req_str(raw, "title", where), raw.get("blocks") or [], "section", where))
        for i, raw in enumerate(article.get("faq") or []):
            where = f"article: faq[{i}]"
            if not isinstance(raw, dict):
                raise ContentError(f"{where}: expected a mapping")
            sid = _req_str(raw, "id", where)
            sections.append(_section(sid, _req_str(raw, "question", where), raw.get("blocks") or [], "faq", where))
        sources = tuple(str(s).strip() for s in article.get("sources") or [])
        if sources:
            count = "one source" if len(sources) == 1 else f"{len(sources)} sources"
            units = [Unit(f"This article cites {count}.", "sources", 0, 0)]
            units += [Unit(f"{n}. {s}", "sources", n, n) for n, s in enumerate(sources, start=1)]
            sections.append(Section("sources", "Sources", tuple(units), "sources"))
        byline = str(article.get("byline") or "").strip()
        about = [t for t in (f"{title}. {byline}." if byline else "", str(article.get("author_bio") or "").strip()) if t]
        if about:
            sections.append(_section("about", "About this article", about, "about", "article: about"))
        ids = [s.id for s in sections]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ContentError(f"article: section ids used twice: {', '.join(dupes)}")

        topic_list: list[Topic] = []
        faq_questions = {s.id: s.title for s in sections if s.kind == "faq"}
        for i, raw in enumerate((topics or {}).get("topics") or []):
            where = f"topics: topics[{i}]"
            if not isinstance(raw, dict):
                raise ContentError(f"{where}: expected a mapping")
            name = _req_str(raw, "name", where)
            sid = _req_str(raw, "section", where)
            if sid not in ids:
                raise ContentError(f"{where} ({name}): section {sid!r} is not in the article")
            samples = [str(s) for s in raw.get("samples") or []]
            topic_list.append(Topic(name, sid, str(raw.get("keywords") or ""), tuple(samples)))
        covered = {t.section_id for t in topic_list}
        for sid, question in faq_questions.items():
            for j, t in enumerate(topic_list):
                if t.section_id == sid:
                    topic_list[j] = Topic(t.name, t.section_id, t.keywords, t.samples + (question,))
                    break
            else:
                if sid not in covered:
                    topic_list.append(Topic(f"ask_{sid}", sid, "", (question,)))

        lex = lexicon or {}
        synonyms = {
            str(k).lower(): tuple(str(v).lower() for v in (vals or []))
            for k, vals in (lex.get("synonyms") or {}).items()
        }
        filler = tuple(str(w).lower() for w in lex.get("filler") or [])
        common = tuple(str(w).lower() for w in lex.get("common_words") or [])
        digest = hashlib.sha256(
            yaml.safe_dump([article, topics, lexicon, intents, safety] + ([grammar] if grammar else []), sort_keys=True).encode()
        ).hexdigest()
        return cls(
            title=title,
            byline=byline,
            sections=tuple(sections),
            topics=tuple(topic_list),
            lexicon=Lexicon(synonyms, filler, common),
            intents=dict(intents or {}),
            safety=dict(safety or {}),
            sources=sources,
            root=root,
            content_hash=digest,
            grammar=dict(grammar or {}),
        )

    @classmethod
    def from_yaml(cls, stream: TextIO | str, name: str = "article.yaml") -> "ContentPack":
        """Build a pack from one article YAML document (no topics, lexicon or intents)."""
        return cls.from_dict(_load_yaml(stream, name))

    @classmethod
    def from_path(cls, folder: str | Path | None = None) -> "ContentPack":
        """Load a pack folder: ``article.yaml`` (required unless there is a ``grammar.yaml``),
        and ``topics.yaml``, ``lexicon.yaml``, ``intents.yaml``, ``safety.yaml``,
        ``grammar.yaml`` when present."""
        root = Path(folder) if folder is not None else DEFAULT_PACK_DIR
        if not root.is_dir():
            raise ContentError(f"{root}: not a content pack folder")
        article_path = root / "article.yaml"
        if not article_path.exists() and not (root / "grammar.yaml").exists():
            raise ContentError(f"{root}: no article.yaml (or grammar.yaml) in this folder")
        parts: dict[str, Any] = {"article": None}
        for part in ("article", "topics", "lexicon", "intents", "safety", "grammar"):
            p = root / f"{part}.yaml"
            if p.exists():
                with p.open(encoding="utf-8") as f:
                    parts[part] = _load_yaml(f, str(p))
        try:
            return cls.from_dict(root=root, **parts)
        except ContentError as err:
            raise ContentError(f"{root}: {err}") from None


def load_pack(folder: str | Path | None = None) -> ContentPack:
    """Load a content pack folder (the default pack when ``folder`` is None)."""
    return ContentPack.from_path(folder)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "U.S." whole."""
    text = " ".join(text.split())
    if not text:
        return []
    protected = text
    for i, abbr in enumerate(_ABBREVIATIONS):
        protected = protected.replace(abbr, f"\x00{i}\x00")
    parts = _SENTENCE_END.split(protected)
    out = []
    for part in parts:
        for i, abbr in enumerate(_ABBREVIATIONS):
            part = part.replace(f"\x00{i}\x00", abbr)
        part = part.strip()
        if part:
            out.append(part)
    return out


def _section(sid: str, title: str, blocks: list[Any], kind: str, where: str) -> Section:
    units: list[Unit] = []
    if not isinstance(blocks, list):
        raise ContentError(f"{where} ({sid}): blocks must be a list")
    for b, block in enumerate(blocks):
        if isinstance(block, str):
            for sentence in split_sentences(block):
                if _DANGLING.search(sentence):
                    _LOGGER.warning("%s (%s): dropped a line that ends in a colon with nothing after it: %r", where, sid, sentence)
                    continue
                units.append(Unit(sentence, sid, len(units), b))
        elif isinstance(block, dict):
            intro = " ".join(str(block.get("intro") or "").split())
            items = [" ".join(str(i).split()) for i in block.get("items") or [] if str(i).strip()]
            if not items:
                if intro:
                    _LOGGER.warning("%s (%s): list %r has no items; not read", where, sid, intro)
                continue
            intro_sentences = split_sentences(intro)
            for sentence in intro_sentences[:-1]:
                units.append(Unit(sentence, sid, len(units), b))
            lead = intro_sentences[-1] if intro_sentences else ""
            if all(len(i.split()) <= _SHORT_ITEM_WORDS and not i.endswith(".") for i in items):
                if lead:
                    items = [_lower_first(i) for i in items]
                joined = items[0] if len(items) == 1 else ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]
                units.append(Unit(f"{lead} {joined}.".strip(), sid, len(units), b, list_intro=bool(lead)))
            else:
                if lead:
                    units.append(Unit(lead, sid, len(units), b, list_intro=True))
                for item in items:
                    first = len(units)
                    for sentence in split_sentences(item):
                        units.append(Unit(sentence, sid, len(units), b, item=first))
        else:
            raise ContentError(f"{where} ({sid}): block {b} must be text or a list with intro and items")
    if not units:
        raise ContentError(f"{where} ({sid}): the section is empty")
    return Section(sid, title, tuple(units), kind)


def _lower_first(item: str) -> str:
    """"Muscle loss" -> "muscle loss" inside a sentence; acronyms ("HIV") stay."""
    first = item.split()[0] if item.split() else ""
    if first[:1].isupper() and not first.isupper():
        return item[0].lower() + item[1:]
    return item


def _load_yaml(stream: TextIO | str, name: str) -> Any:
    try:
        data = yaml.load(stream, Loader=_SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise ContentError(f"{name}: malformed YAML{at}: {getattr(err, 'problem', None) or err}") from None
    if data is None:
        raise ContentError(f"{name}: the file is empty")
    if not isinstance(data, dict):
        raise ContentError(f"{name}: expected a mapping at the top level")
    return data


def _req_str(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: missing field {key!r}")
    return value.strip()


def _req_list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: missing field {key!r} (a non-empty list)")
    return value
