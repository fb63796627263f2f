""":func:`build_pack`: an article file in, a content pack folder out (see the package docstring)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from voice_guide.content.builder.doc import Doc, PackBuildError, PackReport
from voice_guide.content.builder.htmlpage import parse_html
from voice_guide.content.builder.read import decode_text, detect_format, read_article_bytes, title_from_name
from voice_guide.content.builder.structure import structure
from voice_guide.content.builder.text import parse_markdown, parse_text
from voice_guide.content.builder.topics import blocks_text, make_topics
from voice_guide.content.builder.vocab import dict_text, pack_vocabulary_words, previous_pronunciations, vocabulary
from voice_guide.content.pack import DEFAULT_PACK_DIR, load_pack
from voice_guide.core.errors import ContentError
from voice_guide.core.files import remove_quietly, write_atomic_text, write_atomic_with

_LOGGER = logging.getLogger(__name__)

COPIED_FROM_SHIPPED_PACK = ("intents.yaml",)
"""Files every pack needs as they are: control commands. (The emergency and pain rules are not
copied: a pack without its own ``safety.yaml`` uses the shared ``packs/defaults/safety.yaml``.)"""

_GENERIC_SYNONYMS = {
    "healthcare provider": ["doctor", "doctors", "physician", "gp", "nurse", "clinician", "medical professional", "provider"],
    "family member": ["relative", "caregiver", "carer"],
    "sources": ["information come from", "info come from", "references", "reference", "citations", "cite", "evidence"],
    "author": ["wrote", "writer", "written"],
}

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


SUBJECT_SPECIFIC_MARK = "# ---- subject-specific below"
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
    for a missing, empty, binary, too large or unusable article, or an output folder that cannot
    be written. A build that fails leaves no new folder and no partial pack behind.
    """
    src = Path(article_path)
    out = Path(out_dir)
    raw = read_article_bytes(src)
    text, encoding = decode_text(raw, html_hint=src.suffix.lower() in (".html", ".htm", ".xhtml"))
    fmt = detect_format(src, text)
    parsers = {"text": parse_text, "markdown": parse_markdown, "html": parse_html}
    doc: Doc = parsers[fmt](text)
    warnings: list[str] = []
    article = structure(doc, title, warnings, fallback_title=title_from_name(src))
    if not article["sections"] and not article.get("faq"):
        raise PackBuildError(f"{src}: no readable text found in the article")
    topics = make_topics(article)
    if out.exists() and not out.is_dir():
        raise PackBuildError(f"{out}: exists and is not a folder")
    if (out / "article.yaml").exists() and not overwrite:
        raise PackBuildError(f"{out}: already holds a content pack (article.yaml); choose another folder or use --force to rebuild it")
    lexicon = _lexicon(_previous_synonyms(out) if overwrite else {})
    guessed: dict[str, str] = {}
    missing: list[str] = []
    if check_pronunciations:
        guessed, missing, note = vocabulary(_pack_words(article, topics))
        if note:
            warnings.append(note)
    checked = previous_pronunciations(out) if overwrite else []
    checked_words = {re.sub(r"\(\d+\)$", "", ln.split()[0].lower()) for ln in checked}
    guessed = {w: p for w, p in guessed.items() if w not in checked_words}

    header = f"# Made by voice-guide from {src.name} ({fmt}, {encoding}).\n"
    files: dict[str, str | bytes] = {
        "article.yaml": header + _ARTICLE_HEADER + dump_yaml(article),
        "topics.yaml": header + _TOPICS_HEADER + dump_yaml(topics),
        "lexicon.yaml": _LEXICON_HEADER + dump_yaml(lexicon, flow_leaves=True),
    }
    for name in COPIED_FROM_SHIPPED_PACK:
        shipped = DEFAULT_PACK_DIR / name
        if shipped.exists():
            text = shipped.read_text(encoding="utf-8").split(SUBJECT_SPECIFIC_MARK)[0]  # declines are about that subject
            files[name] = f"# Copied from the shipped pack ({DEFAULT_PACK_DIR.name}/{name}).\n" + text
    files["pronunciations.dict"] = dict_text(guessed, checked)
    if keep_source:
        source_name = "source" + (src.suffix.lower() if src.suffix else ".txt")
        if (out / source_name).resolve() != src.resolve():
            files[source_name] = raw
    written = _write_pack(out, files)

    report = _report(out, article, topics, (fmt, encoding), (guessed, missing), warnings, written)
    _LOGGER.info("built pack %s: %d sections, %d topics", out, len(report.section_titles), report.topic_count)
    return report


def _report(
    out: Path, article: dict[str, Any], topics: dict[str, Any], read_as: tuple[str, str],
    pronunciations: tuple[dict[str, str], list[str]], warnings: list[str], written: list[Path],
) -> PackReport:
    guessed, missing = pronunciations
    return PackReport(
        out_dir=out,
        title=article["title"],
        byline=article.get("byline", ""),
        input_format=read_as[0],
        encoding=read_as[1],
        section_titles=tuple(s["title"] for s in article["sections"]),
        faq_questions=tuple(f["question"] for f in article.get("faq") or []),
        sources=tuple(article.get("sources") or []),
        topic_count=len(topics["topics"]),
        sample_count=sum(len(t["samples"]) for t in topics["topics"]),
        guessed_pronunciations=guessed,
        missing_pronunciations=tuple(missing),
        omitted=tuple(f"{o['text']!r} ({o['why']})" for o in article.get("omitted") or []),
        warnings=tuple(warnings),
        files=tuple(written),
    )


@dataclass
class _Undo:
    """What a failed build must take back: the folder it made, the files it wrote."""

    folder: Path | None = None
    files: list[Path] | None = None

    def run(self) -> None:
        for path in self.files or []:
            remove_quietly(path)
        if self.folder is not None:
            try:
                self.folder.rmdir()  # only when empty: never a person's own files
            except OSError:
                pass


def _write_pack(out: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write every file atomically; the pack written must load. On failure nothing new is left."""
    undo = _Undo(files=[])
    try:
        if not out.exists():
            undo.folder = out
            out.mkdir(parents=True)
    except OSError as err:
        raise PackBuildError(f"{out}: cannot create the pack folder: {err.strerror or err}") from None
    written: list[Path] = []
    try:
        for name, data in files.items():
            path = out / name
            if not path.exists():
                undo.files = [*(undo.files or []), path]
            if isinstance(data, bytes):
                write_atomic_with(path, _bytes_writer(data))
            else:
                write_atomic_text(path, data)
            written.append(path)
        load_pack(out)  # what was written must load
    except OSError as err:
        undo.run()
        raise PackBuildError(f"{out}: cannot write the pack: {err.strerror or err}") from None
    except ContentError as err:
        undo.run()
        raise PackBuildError(f"the pack written to {out} does not load: {err}") from None
    except BaseException:
        undo.run()
        raise
    return written


def _bytes_writer(data: bytes) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write


def _previous_synonyms(out: Path) -> dict[str, list[str]]:
    """Synonyms of the pack being overwritten: a person's additions survive a rebuild."""
    try:
        old = yaml.safe_load((out / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}
    synonyms = old.get("synonyms") if isinstance(old, dict) else None
    if not isinstance(synonyms, dict):
        return {}
    out_map: dict[str, list[str]] = {}
    for key, values in synonyms.items():
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            out_map[str(key)] = [str(v) for v in values if isinstance(v, (str, int, float))]
    return out_map


def _lexicon(previous_synonyms: dict[str, list[str]] | None = None) -> dict[str, Any]:
    shipped: Any = {}
    try:
        shipped = yaml.safe_load((DEFAULT_PACK_DIR / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        _LOGGER.warning("cannot read the shipped lexicon (%s); the new one has no filler words", err)
    if not isinstance(shipped, dict):
        shipped = {}
    synonyms = {k: list(v) for k, v in _GENERIC_SYNONYMS.items()}
    for key, values in (previous_synonyms or {}).items():
        merged = synonyms.setdefault(key, [])
        merged.extend(v for v in values if v not in merged)
    return {
        "synonyms": synonyms,
        "common_words": _words_of(shipped.get("common_words")),
        "filler": _words_of(shipped.get("filler")),
    }


def _words_of(value: Any) -> list[Any]:
    """The scalar items of a list (an unquoted ``true`` stays as YAML read it, as the loader reads it)."""
    return [w for w in value if isinstance(w, (str, int, float))] if isinstance(value, list) else []


def _pack_words(article: dict[str, Any], topics: dict[str, Any]) -> list[str]:
    texts = [article["title"], article.get("byline", "")]
    for s in article["sections"]:
        texts += [s["title"], blocks_text(s["blocks"])]
    for f in article.get("faq") or []:
        texts += [f["question"], blocks_text(f["blocks"])]
    for t in topics["topics"]:
        texts += t["samples"]
    return pack_vocabulary_words(" ".join(texts))


class _Dumper(yaml.SafeDumper):
    """YAML for people (see :func:`dump_yaml`)."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if len(data) > 80 and "\n" not in data and not data.startswith((" ", "'", '"')) and data == data.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any, flow_leaves: bool = False) -> str:
    """YAML for people: block style, long text folded; ``flow_leaves`` writes lists of words as ``[a, b]``."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=None if flow_leaves else False)
