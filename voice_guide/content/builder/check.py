""":func:`check_pack`: every problem of a pack folder, in plain sentences, never a traceback.

It is the diagnosis tool, so it reads each file on its own terms: a file that is too big, not
UTF-8, not YAML, or full of aliases is one problem and the other files are still checked;
every field of the wrong type is reported (a number where a list or a mapping is expected),
then the pack is loaded only when its files have the right shape.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import yaml

from voice_guide.content.builder.doc import UNCHECKED_MARK
from voice_guide.content.builder.shapes import (
    article_problems,
    intents_problems,
    lexicon_problems,
    safety_problems,
    topics_problems,
)
from voice_guide.content.builder.vocab import lexicon_problem, pack_vocabulary_words, vocabulary
from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.core.errors import ContentError

_LOGGER = logging.getLogger(__name__)

PACK_FILES_HELP = (
    "a content pack is a folder with article.yaml (title, and sections with id, title and blocks), and optionally "
    "topics.yaml, lexicon.yaml, intents.yaml, safety.yaml, pronunciations.dict and a routines folder; "
    "make one from an article with: pack new ARTICLE"
)
"""What a pack needs, named in the problems about a folder that is not one."""

PARTS = ("article", "topics", "lexicon", "intents", "safety")
"""The pack's YAML files, without ``.yaml``."""

MAX_PACK_FILE_BYTES = 5_000_000
"""Largest pack file read (the shipped pack's biggest file is under 100 kB)."""

MAX_YAML_ALIASES = 100
"""Most YAML aliases (``*name``) a pack file may use (a few are handy; thousands are an attack)."""

_PROBLEM_TYPES = (TypeError, AttributeError, ValueError, KeyError, IndexError, RecursionError)
"""What a loader may still raise on a shape this check did not foresee: reported, not raised."""


def check_pack(folder: str | os.PathLike[str], *, check_pronunciations: bool = True) -> list[str]:
    """Problems with the pack in ``folder``, each one plain sentence; ``[]`` when none were found.

    Looks for: unreadable files, YAML errors, fields of the wrong type, missing fields, empty
    sections, dangling lines ("Examples include:" with nothing after them), topics that point
    nowhere, sections no topic reaches, routine files that do not load, bad control templates or
    safety patterns, and (when the recognition package and the PocketSphinx dictionary are
    available) words with no pronunciation or with a guessed one not yet checked by a person.
    """
    root = Path(folder)
    if not root.is_dir():
        return [f"{root} is not a folder: {PACK_FILES_HELP}"]
    problems: list[str] = []
    raw: dict[str, Any] = {}
    for part in PARTS:
        path = root / f"{part}.yaml"
        if not path.exists():
            if part == "article":
                problems.append(f"there is no article.yaml in {root}: {PACK_FILES_HELP}")
            continue
        data, problem = _load_part(path)
        if problem:
            problems.append(problem)
        elif data is not None:
            raw[part] = data
    problems += _shape_problems(raw)
    pack: ContentPack | None = None
    if "article" in raw and not any(p.startswith(tuple(f"{part}.yaml" for part in PARTS)) for p in problems):
        pack = _load(root, problems)
    if pack is not None:
        problems += _pack_problems(pack)
    problems += _routine_problems(root)
    if check_pronunciations and pack is not None:
        problems += _pronunciation_problems(pack, root)
    return [_one_line_problem(p) for p in problems]


def _load_part(path: Path) -> tuple[Any, str]:
    """(the YAML's data, "") or (None, the problem)."""
    try:
        if not path.is_file():
            return None, f"{path.name} is not a regular file"
        if path.stat().st_size > MAX_PACK_FILE_BYTES:
            return None, f"{path.name} is over {MAX_PACK_FILE_BYTES // 1_000_000} MB, too big for a pack file"
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None, f"{path.name} is not UTF-8 text (save it as UTF-8)"
    except OSError as err:
        return None, f"{path.name} cannot be read: {err.strerror or err}"
    # Fewer "*" than the limit: no alias bomb is possible, and libyaml reads it fast.
    fast = text.count("*") <= MAX_YAML_ALIASES and hasattr(yaml, "CSafeLoader")
    loader = yaml.CSafeLoader(text) if fast else _AliasCountingLoader(text)
    try:
        data = loader.get_single_data()
    except _TooManyAliases:
        return None, f"{path.name} uses more than {MAX_YAML_ALIASES} YAML aliases (*name): write the values out"
    except yaml.YAMLError as err:
        if "nesting depth" in str(err):  # PyYAML 6.0.4+ limits the depth itself
            return None, f"{path.name} is nested too deeply"
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        return None, f"{path.name} has a YAML error{at}: {getattr(err, 'problem', None) or err}"
    except RecursionError:
        return None, f"{path.name} is nested too deeply"
    finally:
        loader.dispose()
    if data is not None and not isinstance(data, dict):
        return None, f"{path.name} should hold a mapping (key: value lines) at the top"
    return data, ""


class _TooManyAliases(Exception):
    """A YAML file uses more aliases than :data:`MAX_YAML_ALIASES`."""


class _AliasCountingLoader(yaml.SafeLoader):
    """The safe loader, counting aliases as it reads (an alias bomb is refused before it is expanded)."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise _TooManyAliases
        return super().compose_node(parent, index)


def _shape_problems(raw: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    article = raw.get("article")
    ids: set[str] = set()
    if isinstance(article, dict):
        article_found, ids = article_problems(article)
        problems += article_found
    if "topics" in raw:
        problems += topics_problems(raw["topics"], ids if isinstance(article, dict) else None)
    if "lexicon" in raw:
        problems += lexicon_problems(raw["lexicon"])
    if "intents" in raw:
        problems += intents_problems(raw["intents"])
    if "safety" in raw:
        problems += safety_problems(raw["safety"])
    return problems


def _load(root: Path, problems: list[str]) -> ContentPack | None:
    try:
        return load_pack(root)
    except ContentError as err:
        message = str(err).replace(f"{root}: ", "")
        if "the section is empty" not in message:
            problems.append(f"the pack does not load: {message}")
    except _PROBLEM_TYPES as err:
        _LOGGER.debug("loading %s failed", root, exc_info=True)
        problems.append(f"the pack does not load: {type(err).__name__}: {str(err)[:200]}")
    return None


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
        from voice_guide.nlu.safety import SafetyRules

        SafetyRules(pack.safety)
    except ContentError as err:
        problems.append(str(err))
    except _PROBLEM_TYPES as err:
        problems.append(f"safety.yaml cannot be used: {type(err).__name__}: {str(err)[:200]}")
    try:
        from voice_guide.nlu.understanding import ControlMatcher

        if pack.intents:
            ControlMatcher(pack.intents, max_samples_per_intent=20)
    except ContentError as err:
        problems.append(str(err))
    except _PROBLEM_TYPES as err:
        problems.append(f"intents.yaml cannot be used: {type(err).__name__}: {str(err)[:200]}")
    if not pack.safety:
        problems.append("there is no safety.yaml: emergencies would not be recognized (copy the shipped one)")
    return problems


def _routine_problems(root: Path) -> list[str]:
    routines = root / "routines"
    if not routines.is_dir():
        return []
    from voice_guide.routines.loader import load_routines

    try:
        _, routine_problems = load_routines(routines)
    except ContentError as err:
        return [f"routines: {err}"]
    except _PROBLEM_TYPES as err:
        return [f"routines: cannot be read: {type(err).__name__}: {str(err)[:200]}"]
    return [f"routines/{p}" for p in routine_problems]


def _pronunciation_problems(pack: ContentPack, root: Path) -> list[str]:
    problems: list[str] = []
    lexicon = root / "pronunciations.dict"
    has_lexicon = lexicon.is_file()
    if has_lexicon:
        problem = lexicon_problem(lexicon)
        if problem:
            return [f"pronunciations.dict: {problem}"]
        try:
            lines = lexicon.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return ["pronunciations.dict is not readable UTF-8 text"]
        unchecked = [ln.split()[0] for ln in lines if ln.rstrip().endswith(UNCHECKED_MARK) and ln.split()]
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
    guessed, missing, note = vocabulary(pack_vocabulary_words(" ".join(texts)), lexicon if has_lexicon else None)
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


def _one_line_problem(problem: str) -> str:
    """A problem as one printable line: control characters from a file's keys are shown escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in problem)
