"""The shape of each pack file, checked field by field for ``pack check``.

Every function returns every problem it finds (never only the first) and never raises on a
value of the wrong type. Problems that stop the pack from loading start with the file's name
("topics.yaml: topics[2].samples should be a list of text, not a number"); problems with the
content itself ("section 'Causes' is empty") name the section.
"""

from __future__ import annotations

from typing import Any

from voice_guide.content.sentences import split_sentences

SAFETY_RULES = ("emergency", "pain", "crisis")
"""Rules of ``safety.yaml`` that are checked before anything else (each: patterns, samples, answer)."""


def kind_of(value: Any) -> str:
    """A plain name for a YAML value's type: "a number", "text", "a list"..."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _expect(problems: list[str], file: str, where: str, value: Any, wanted: type | tuple[type, ...], name: str) -> bool:
    if isinstance(value, wanted) and not isinstance(value, bool):
        return True
    problems.append(f"{file}: {where} should be {name}, not {kind_of(value)}")
    return False


def _text_list(problems: list[str], file: str, where: str, value: Any, optional: bool = True) -> list[str]:
    """The text items of a list field; problems for the field or items of other types."""
    if value is None and optional:
        return []
    if not _expect(problems, file, where, value, list, "a list of text"):
        return []
    # Scalars are read as text by the loader (an unquoted "true" is the word "true").
    bad = [i for i, v in enumerate(value) if not isinstance(v, (str, int, float))]
    for i in bad[:5]:
        problems.append(f"{file}: {where}[{i}] should be text, not {kind_of(value[i])}")
    if len(bad) > 5:
        problems.append(f"{file}: {where} has {len(bad) - 5} more items that are not text")
    return [str(v) for v in value if isinstance(v, (str, int, float))]


# --- article.yaml ---------------------------------------------------------------------------


def article_problems(article: dict[str, Any]) -> tuple[list[str], set[str]]:
    """Problems of ``article.yaml`` and the ids of its sections and FAQ entries."""
    problems: list[str] = []
    title = article.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("article.yaml has no title" if title is None else f"article.yaml: title should be text, not {kind_of(title)}")
    for key in ("byline", "license", "language", "author", "publisher", "author_bio"):
        if key in article and article[key] is not None and not isinstance(article[key], str):
            problems.append(f"article.yaml: {key} should be text, not {kind_of(article[key])}")
    sections, faq = article.get("sections"), article.get("faq")
    if not sections:
        problems.append("article.yaml has no sections")
    entries: list[tuple[str, str, Any]] = []
    if sections and _expect(problems, "article.yaml", "sections", sections, list, "a list of sections"):
        entries += [("section", f"sections[{i}]", s) for i, s in enumerate(sections)]
    if faq is not None and _expect(problems, "article.yaml", "faq", faq, list, "a list of questions"):
        entries += [("FAQ question", f"faq[{i}]", f) for i, f in enumerate(faq)]
    _text_list(problems, "article.yaml", "sources", article.get("sources"))
    seen: set[str] = set()
    for kind, where, entry in entries:
        problems += _entry_problems(kind, where, entry, seen)
    return problems, seen


def _entry_problems(kind: str, where: str, entry: Any, seen: set[str]) -> list[str]:
    problems: list[str] = []
    if not isinstance(entry, dict):
        return [f"article.yaml: {where} should be a mapping with id, title and blocks, not {kind_of(entry)}"]
    heading_key = "question" if kind == "FAQ question" else "title"
    for key in ("id", heading_key):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"article.yaml: {where}.{key} should be text, not {kind_of(value)}")
    raw_id = entry.get("id")
    sid = raw_id if isinstance(raw_id, str) else ""
    heading = entry.get(heading_key)
    name = heading if isinstance(heading, str) and heading.strip() else sid or where
    if not sid:
        problems.append(f"article.yaml: {kind} {name!r} has no id")
    elif sid in seen:
        problems.append(f"article.yaml: the id {sid!r} is used by two sections")
    seen.add(sid)
    if not isinstance(heading, str) or not heading.strip():
        problems.append(f"article.yaml: {kind} {name!r} has no {heading_key}")
    blocks = entry.get("blocks")
    if blocks is not None and not isinstance(blocks, list):
        problems.append(f"article.yaml: {where}.blocks should be a list of paragraphs and lists, not {kind_of(blocks)}")
        return problems
    texts: list[str] = []
    for b, block in enumerate(blocks or []):
        texts += _block_problems(problems, kind, name, f"{where}.blocks[{b}]", block)
    if not any(t.strip() for t in texts):
        problems.append(f"{kind} {name!r} is empty: it has no text to read")
    return problems


def _block_problems(problems: list[str], kind: str, name: str, where: str, block: Any) -> list[str]:
    """The block's texts; its problems added to ``problems``."""
    if isinstance(block, str):
        sentences = split_sentences(block)
        if sentences and sentences[-1].rstrip().endswith(":"):
            problems.append(f"{kind} {name!r} has a dangling line ending in a colon with nothing after it: {sentences[-1]!r}")
        return [block]
    if not isinstance(block, dict):
        problems.append(f"article.yaml: {where} should be text or a list (intro and items), not {kind_of(block)}")
        return []
    intro = block.get("intro")
    if intro is not None and not isinstance(intro, str):
        problems.append(f"article.yaml: {where}.intro should be text, not {kind_of(intro)}")
    items = _text_list(problems, "article.yaml", f"{where}.items", block.get("items"))
    items = [i for i in items if i.strip()]
    if not items:
        shown = intro.strip() if isinstance(intro, str) else ""
        problems.append(f"{kind} {name!r} has a list with no items" + (f": {shown!r}" if shown else ""))
    return items


# --- topics, lexicon, intents, safety ---------------------------------------------------------


def topics_problems(topics: dict[str, Any], section_ids: set[str] | None) -> list[str]:
    """Problems of ``topics.yaml``; ``section_ids`` (when known) are the article's sections."""
    problems: list[str] = []
    entries = topics.get("topics")
    if entries is None:
        return problems
    if not _expect(problems, "topics.yaml", "topics", entries, list, "a list of topics"):
        return problems
    known = (section_ids or set()) | {"sources", "about"}
    for i, topic in enumerate(entries):
        where = f"topics[{i}]"
        if not _expect(problems, "topics.yaml", where, topic, dict, "a mapping with name, section and samples"):
            continue
        for key in ("name", "section"):
            value = topic.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"topics.yaml: {where}.{key} should be text, not {kind_of(value)}")
        section = topic.get("section")
        if section_ids is not None and isinstance(section, str) and section.strip() and section.strip() not in known:
            problems.append(f"topics.yaml: {where} ({topic.get('name')}) points to section {section!r}, which is not in the article")
        keywords = topic.get("keywords")
        if keywords is not None and not isinstance(keywords, str):
            problems.append(f"topics.yaml: {where}.keywords should be text (words separated by spaces), not {kind_of(keywords)}")
        _text_list(problems, "topics.yaml", f"{where}.samples", topic.get("samples"))
    return problems


def lexicon_problems(lexicon: dict[str, Any]) -> list[str]:
    """Problems of ``lexicon.yaml``: synonyms map words to lists of words; filler and common words are lists."""
    problems: list[str] = []
    synonyms = lexicon.get("synonyms")
    if synonyms is not None and _expect(problems, "lexicon.yaml", "synonyms", synonyms, dict, "a mapping of words to lists of words"):
        for key, values in synonyms.items():
            _text_list(problems, "lexicon.yaml", f"synonyms.{key}", values)
    for key in ("filler", "common_words"):
        _text_list(problems, "lexicon.yaml", key, lexicon.get(key))
    return problems


def intents_problems(intents: dict[str, Any]) -> list[str]:
    """Problems of ``intents.yaml``'s shape (the templates themselves are checked by loading them)."""
    problems: list[str] = []
    for key in ("skip_words", "polite_prefixes", "live_phrases"):
        _text_list(problems, "intents.yaml", key, intents.get(key))
    language = intents.get("language")
    if language is not None and not isinstance(language, str):
        problems.append(f"intents.yaml: language should be text, not {kind_of(language)}")
    table = intents.get("intents")
    if table is not None and _expect(problems, "intents.yaml", "intents", table, dict, "a mapping of intent names to templates"):
        for name, templates in table.items():
            _text_list(problems, "intents.yaml", f"intents.{name}", templates, optional=False)
    rules = intents.get("expansion_rules")
    if rules is not None and _expect(problems, "intents.yaml", "expansion_rules", rules, dict, "a mapping of names to templates"):
        for name, rule in rules.items():
            if not isinstance(rule, str):
                problems.append(f"intents.yaml: expansion_rules.{name} should be text, not {kind_of(rule)}")
    lists = intents.get("lists")
    if lists is not None and _expect(problems, "intents.yaml", "lists", lists, dict, "a mapping of list names"):
        for name, spec in lists.items():
            if not _expect(problems, "intents.yaml", f"lists.{name}", spec, dict, "a mapping with values"):
                continue
            values = spec.get("values")
            if not _expect(problems, "intents.yaml", f"lists.{name}.values", values, list, "a list"):
                continue
            for i, value in enumerate(values):
                if not isinstance(value, (str, dict)):
                    problems.append(f"intents.yaml: lists.{name}.values[{i}] should be text or in/out, not {kind_of(value)}")
    return problems


def safety_problems(safety: dict[str, Any]) -> list[str]:
    """Problems of ``safety.yaml``: each rule (emergency, pain...) has patterns, samples and an answer.

    Other top-level keys (notices, replies) belong to the safety layer and are left to it."""
    problems: list[str] = []
    for name, rule in safety.items():
        if name not in SAFETY_RULES and not (isinstance(rule, dict) and "patterns" in rule):
            continue
        if not _expect(problems, "safety.yaml", str(name), rule, dict, "a mapping with patterns, samples and answer"):
            continue
        _text_list(problems, "safety.yaml", f"{name}.patterns", rule.get("patterns"))
        _text_list(problems, "safety.yaml", f"{name}.samples", rule.get("samples"))
        answer = rule.get("answer")
        if answer is not None and not isinstance(answer, str):
            problems.append(f"safety.yaml: {name}.answer should be text, not {kind_of(answer)}")
    return problems
