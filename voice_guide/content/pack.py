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

from voice_guide.content.sentences import split_sentences
from voice_guide.core.cache import cached_build, files_digest
from voice_guide.core.errors import ContentError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, decode_text, load_yaml_text, read_bytes_bounded
from voice_guide.core.validate import BOOLEAN, NUMBER, ListOf, MapOf, OneOf, Record, Schema, Text, check, describe

_LOGGER = logging.getLogger(__name__)

_HASH_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""Serialises the pack's data for :attr:`ContentPack.content_hash` (the C dumper is 7 times faster)."""

PACKS_DIR = Path(__file__).resolve().parents[1] / "packs"
"""Where the shipped packs live."""

DEFAULT_PACK_DIR = PACKS_DIR / (PACKS_DIR / "default.txt").read_text(encoding="utf-8").strip()
"""The pack used when none is named: the one ``packs/default.txt`` names."""

DEFAULTS_DIR = PACKS_DIR / "defaults"
"""Pack files every pack inherits unless it ships its own (:data:`INHERITED_PARTS`)."""

INHERITED_PARTS = ("safety",)
"""Parts a pack folder may leave out to use the shared default (the red-flag rules)."""

_SHORT_ITEM_WORDS = 6
_DANGLING = re.compile(r":\s*$")

# --- the shapes of the pack's files (checked at load time, so nothing later sees a wrong type)
_TEXTS = ListOf(Text())
_NAME = Text(non_empty=True)
_BLOCKS = ListOf(OneOf((Text(), Record({"intro": Text(), "items": _TEXTS})), "text or a list with intro and items"))
_RULES = Record({"patterns": _TEXTS, "samples": _TEXTS, "answer": Text()})
_SLOT_VALUE = OneOf((Text(), Record({"in": _NAME, "out": Text()}, frozenset({"in", "out"}))), "text or a mapping of in and out")

PACK_SCHEMAS: dict[str, Schema] = {
    "article": Record({
        "title": _NAME, "byline": Text(), "author_bio": Text(), "sources": _TEXTS,
        "sources_note": Record({"text": Text(), "asked_with": _TEXTS}, frozenset({"text"})),
        "sections": ListOf(Record({"id": _NAME, "title": _NAME, "blocks": _BLOCKS}, frozenset({"id", "title"})), min_items=1),
        "faq": ListOf(Record({"id": _NAME, "question": _NAME, "blocks": _BLOCKS}, frozenset({"id", "question"}))),
    }, frozenset({"title", "sections"})),
    "topics": Record({"topics": ListOf(Record(
        {"name": _NAME, "section": _NAME, "keywords": Text(), "samples": _TEXTS}, frozenset({"name", "section"})))}),
    "lexicon": Record({"synonyms": MapOf(_TEXTS), "filler": _TEXTS, "common_words": _TEXTS}),
    "intents": Record({
        "language": Text(), "skip_words": _TEXTS, "polite_prefixes": _TEXTS, "polite_suffixes": _TEXTS, "polite_verbs": MapOf(Text()), "live_phrases": _TEXTS,
        "state_preferences": MapOf(Record({"prefer": _TEXTS, "means": MapOf(Text()), "templates": MapOf(_TEXTS)})),
        "cues": Record({"max_words": NUMBER, "intents": MapOf(_TEXTS)}),
        "declines": MapOf(_TEXTS), "replies": MapOf(Text()),
        "expansion_rules": MapOf(Text()), "intents": MapOf(ListOf(Text(), min_items=1)),
        "lists": MapOf(Record({"values": ListOf(_SLOT_VALUE), "wildcard": BOOLEAN,
                               "range": Record({"from": NUMBER, "to": NUMBER, "step": NUMBER}, frozenset({"from", "to"}))},
                              fill_empty=False)),
    }),
    "safety": Record({
        "sources": ListOf(Record({"key": _NAME, "title": Text(), "url": Text()}, frozenset({"key"}))),
        "clinician_notice": Text(),
        "regions": MapOf(Record({"emergency_number": Text(), "crisis_line": Text()})),
        "replies": MapOf(Text()),
        "spelling": MapOf(Text()),
        "fields": MapOf(Text()),
        "concepts": MapOf(Record({"label": Text(), "question": Text(), "kind": Text(), "samples": _TEXTS,
                                  "patterns": ListOf(OneOf((Text(), Record({})), "a pattern, or a mapping of pattern options"))})),
        "spoken_keywords": MapOf(_TEXTS),
        "spoken_weak_words": MapOf(_TEXTS),
        "context": Record({"negation_window_words": NUMBER}),
        "emergency": _RULES, "pain": _RULES, "medical_advice": _RULES, "about_me": _RULES,
    }),
}
"""The shape of each pack file (by part name: ``article`` is ``article.yaml``)."""

PACK_PARTS = tuple(PACK_SCHEMAS)
"""The pack's YAML files, without ``.yaml``, in loading order."""


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

    aside: bool = False
    """True for a note beside a section's own content, read only when asked about (the publisher's words on how
    the sources are chosen, after the source list: ``sources_note`` in ``article.yaml``)."""


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

    note_cues: tuple[str, ...] = ()
    """Words that ask about the note beside the sources (``sources_note.asked_with``: "peer reviewed", "fact
    check"); a question about the sources without one gets the source list."""

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
        """Build a pack from already-parsed data. Pure: reads no files.

        Every part is checked against :data:`PACK_SCHEMAS` first: a wrong type anywhere is a
        :class:`ContentError` naming the file and the field, never a TypeError later.
        """
        if grammar is not None and not isinstance(grammar, dict):
            raise ContentError(f"grammar.yaml: expected a mapping, found {describe(grammar)}")
        raw = {"article": article, "topics": topics, "lexicon": lexicon, "intents": intents, "safety": safety}
        grammar_only = article is None and bool(grammar)  # a pack of grammar intents with slots (issue 12)
        parts = {part: check({} if data is None else data, PACK_SCHEMAS[part], f"{part}.yaml", ContentError)
                 for part, data in raw.items() if not (part == "article" and grammar_only)}
        if grammar_only:
            parts["article"] = {"title": str((grammar or {}).get("title") or "Grammar"), "sections": [], "faq": [], "sources": []}
        art = parts["article"]
        title = art["title"].strip()
        sections: list[Section] = []
        for i, sec in enumerate(art["sections"]):
            where = f"article.yaml: sections[{i}]"
            sections.append(_section(sec["id"].strip(), sec["title"].strip(), sec["blocks"], "section", where))
        for i, faq in enumerate(art["faq"]):
            where = f"article.yaml: faq[{i}]"
            sections.append(_section(faq["id"].strip(), faq["question"].strip(), faq["blocks"], "faq", where))
        sources = tuple(s.strip() for s in art["sources"] if s.strip())
        if sources:
            count = "one source" if len(sources) == 1 else f"{len(sources)} sources"
            units = [Unit(f"This article cites {count}.", "sources", 0, 0)]
            units += [Unit(f"{n}. {s}", "sources", n, n) for n, s in enumerate(sources, start=1)]
            note = " ".join(str((art.get("sources_note") or {}).get("text") or "").split())
            units += [Unit(sentence, "sources", len(units) + i, len(sources) + 1, aside=True)
                      for i, sentence in enumerate(split_sentences(note))]
            sections.append(Section("sources", "Sources", tuple(units), "sources"))
        byline = str(art.get("byline") or "").strip()
        about = [t for t in (f"{title}. {byline}." if byline else "", str(art.get("author_bio") or "").strip()) if t]
        if about:
            sections.append(_section("about", "About this article", about, "about", "article.yaml: about"))
        ids = [s.id for s in sections]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ContentError(f"article.yaml: section ids used twice: {', '.join(dupes)}")
        _check_template_references(parts["intents"])
        topic_list = _topics(parts["topics"]["topics"], sections)
        lex = parts["lexicon"]
        synonyms = {k.lower(): tuple(v.lower() for v in vals) for k, vals in lex["synonyms"].items()}
        filler = tuple(w.lower() for w in lex["filler"])
        common = tuple(w.lower() for w in lex["common_words"])
        digest = hashlib.sha256(
            yaml.dump([article, topics, lexicon, intents, safety] + ([grammar] if grammar else []), Dumper=_HASH_DUMPER, sort_keys=True).encode()
        ).hexdigest()
        return cls(
            title=title,
            byline=byline,
            sections=tuple(sections),
            topics=tuple(topic_list),
            lexicon=Lexicon(synonyms, filler, common),
            intents=parts["intents"] if intents else {},
            safety=parts["safety"] if safety else {},
            sources=sources,
            note_cues=tuple(str(w).lower() for w in (art.get("sources_note") or {}).get("asked_with") or ()),
            root=root,
            content_hash=digest,
            grammar=dict(grammar or {}),
        )

    @classmethod
    def from_yaml(cls, stream: TextIO | str, name: str = "article.yaml") -> "ContentPack":
        """Build a pack from one article YAML document (no topics, lexicon or intents)."""
        text = stream if isinstance(stream, str) else stream.read()
        return cls.from_dict(_load_yaml(text, name))

    @classmethod
    def from_path(cls, folder: str | Path | None = None) -> "ContentPack":
        """Load a pack folder: ``article.yaml`` (required unless there is a ``grammar.yaml``),
        and ``topics.yaml``, ``lexicon.yaml``, ``intents.yaml``, ``safety.yaml``, ``grammar.yaml``
        when present (without its own ``safety.yaml`` a pack uses ``packs/defaults/safety.yaml``).

        Each file is read bounded (:data:`~voice_guide.core.files.PACK_FILE_LIMIT_BYTES`,
        regular files only, UTF-8) and parsed with aliases limited. The loaded pack is kept in
        the derived-data cache (:mod:`voice_guide.core.cache`), keyed by the files' bytes."""
        root = Path(folder) if folder is not None else DEFAULT_PACK_DIR
        if not root.is_dir():
            raise ContentError(f"{root}: not a content pack folder (give the folder that holds article.yaml, "
                               "or make one with 'voice-guide pack new')")
        article_path = root / "article.yaml"
        if not article_path.exists() and not (root / "grammar.yaml").exists():
            raise ContentError(f"{root}: no article.yaml (or grammar.yaml) in this folder (make a pack with 'voice-guide pack new')")
        paths = []
        for part in (*PACK_PARTS, "grammar"):
            p = root / f"{part}.yaml"
            if part in INHERITED_PARTS and not (p.exists() or p.is_symlink()):
                p = DEFAULTS_DIR / f"{part}.yaml"  # the shared default, unless the pack ships its own
            if p.exists() or p.is_symlink():
                paths.append(p)
        raw = {p: read_bytes_bounded(p, PACK_FILE_LIMIT_BYTES, "pack file", ContentError) for p in paths}

        def build() -> ContentPack:
            parts: dict[str, Any] = {"article": None}
            for p, data in raw.items():
                text = decode_text(data, str(p), "pack file", ContentError)
                parts[p.stem] = _top_mapping(load_yaml_text(text, str(p), ContentError), str(p))
            try:
                return cls.from_dict(root=root, **parts)
            except ContentError as err:
                raise ContentError(f"{root}: {err}") from None

        return cached_build("pack", _pack_key(root, raw), build, ContentPack, _LOGGER)


def _pack_key(root: Path, raw: dict[Path, bytes]) -> str:
    """The derived-data cache key of a pack folder (parsing and checking it take 0.1-0.3 s):
    its files, the code that reads them and the YAML library's version."""
    package = Path(__file__).resolve().parents[1]
    files = hashlib.sha256(b"".join(p.name.encode() + b"\0" + hashlib.sha256(d).digest() for p, d in raw.items()))
    return files_digest([package / "content" / "pack.py", package / "core"], (str(root), files.hexdigest(), yaml.__version__))


def load_pack(folder: str | Path | None = None) -> ContentPack:
    """Load a content pack folder (the default pack when ``folder`` is None)."""
    return ContentPack.from_path(folder)


_RULE_REF = re.compile(r"<([^<>]+)>")
_MAX_RULE_NESTING = 32
"""Deepest chain of expansion rules using one another."""
_LIST_REF = re.compile(r"\{([^{}:]+)(?::[^{}]*)?\}")


def _check_template_references(intents: dict[str, Any]) -> None:
    """Every ``<rule>`` and ``{list}`` an intent template or expansion rule uses is defined
    in ``intents.yaml`` (hassil would otherwise fail later, while building the recognizer)."""
    rules, lists = intents.get("expansion_rules") or {}, intents.get("lists") or {}
    templates = [(f"expansion_rules.{name}", text) for name, text in rules.items()]
    templates += [(f"intents.{name}[{i}]", text) for name, texts in (intents.get("intents") or {}).items() for i, text in enumerate(texts)]
    for where, text in templates:
        for rule in _RULE_REF.findall(text):
            if rule not in rules:
                raise ContentError(f"intents.yaml: {where}: uses <{rule}>, which expansion_rules does not define")
        for name in _LIST_REF.findall(text):
            if name not in lists:
                raise ContentError(f"intents.yaml: {where}: uses {{{name}}}, which lists does not define")
    uses = {name: set(_RULE_REF.findall(text)) for name, text in rules.items()}
    depths: dict[str, int] = {}

    def depth(name: str, trail: tuple[str, ...]) -> int:
        if name in trail:
            raise ContentError(f"intents.yaml: expansion_rules: <{name}> uses itself ({' -> '.join(trail + (name,))})")
        if len(trail) > _MAX_RULE_NESTING:
            raise ContentError(f"intents.yaml: expansion_rules: <{trail[0]}> nests rules more than {_MAX_RULE_NESTING} deep")
        if name not in depths:
            depths[name] = 1 + max((depth(used, trail + (name,)) for used in sorted(uses[name])), default=0)
        if depths[name] + len(trail) > _MAX_RULE_NESTING + 1:
            raise ContentError(f"intents.yaml: expansion_rules: <{trail[0] if trail else name}> nests rules more than {_MAX_RULE_NESTING} deep")
        return depths[name]

    for name in sorted(uses):
        depth(name, ())


def _topics(raw_topics: list[dict[str, Any]], sections: list[Section]) -> list[Topic]:
    """The topics of ``topics.yaml`` (already shape-checked), with each FAQ question added as a sample."""
    ids = {s.id for s in sections}
    topic_list: list[Topic] = []
    for i, raw in enumerate(raw_topics):
        name, sid = raw["name"].strip(), raw["section"].strip()
        if sid not in ids:
            raise ContentError(f"topics.yaml: topics[{i}] ({name}): section {sid!r} is not in the article")
        topic_list.append(Topic(name, sid, raw.get("keywords") or "", tuple(raw["samples"])))
    covered = {t.section_id for t in topic_list}
    for section in sections:
        if section.kind != "faq":
            continue
        for j, t in enumerate(topic_list):
            if t.section_id == section.id:
                topic_list[j] = Topic(t.name, t.section_id, t.keywords, t.samples + (section.title,))
                break
        else:
            if section.id not in covered:
                topic_list.append(Topic(f"ask_{section.id}", section.id, "", (section.title,)))
    return topic_list


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


def _load_yaml(text: str, name: str) -> Any:
    return _top_mapping(load_yaml_text(text, name, ContentError), name)


def _top_mapping(data: Any, name: str) -> dict[str, Any]:
    if data is None:
        raise ContentError(f"{name}: the file is empty")
    if not isinstance(data, dict):
        raise ContentError(f"{name}: expected a mapping at the top level")
    return data
