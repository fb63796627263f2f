"""The engine's understanding, grammar and routines kept between runs (ready time).

Building them from a pack takes most of a second of the start-up (hassil parses the control
templates, the knowledge index stems every sentence of the article, hundreds of patterns are
compiled). They depend only on the pack's data, the code and a few settings, so a fresh
engine reads them from one file of the derived-data cache (:mod:`voice_guide.core.cache`)
when :func:`derived_key` is the same, and builds them (and writes the file) otherwise.

Kept out of the file, and joined again on reading:

* the pack and every object of it (sections, topics, the intents' and safety rules' data):
  the engine's own pack is used, so objects shared with it stay shared;
* the language rules (one shared object per language);
* the background sentence-embedding model (its thread is started again);
* compiled patterns: they are compiled again through a compiled-pattern cache
  (:class:`~voice_guide.nlu.safety_cache.PatternCache`), which skips Python's slow pattern parsing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_guide.content.pack import ContentPack
from voice_guide.core import cache
from voice_guide.lang import get_language
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.safety_cache import PatternCache
from voice_guide.nlu.understanding import Understander

if TYPE_CHECKING:
    from voice_guide.nlu.grammar import GrammarMatcher

LIBRARIES = ("hassil", "rank_bm25", "snowballstemmer", "yaml", "rapidfuzz")
"""Libraries whose objects or parsing are part of what is kept (their installed files are part of the key)."""


@dataclass
class Derived:
    """What the engine builds from its pack (and keeps in the derived-data cache)."""

    understander: Understander
    """Text to intent for the pack."""

    grammar: GrammarMatcher | None
    """The grammar intents with slots of a grammar pack (None for other packs)."""

    routines: dict[str, Any]
    """Routine id -> routine, from the pack's ``routines`` folder."""

    problems: list[str]
    """Why routine files were not loaded (logged again when read from the cache)."""


def derived_key(pack: ContentPack, source_fingerprint: str) -> str | None:
    """A digest of everything :class:`Derived` is made from: the pack's data (its content hash)
    and files and the code (``source_fingerprint``, see
    :meth:`voice_guide.engine.Engine.source_fingerprint`; ``core/`` and this module), the
    versions of :data:`LIBRARIES` (where they are installed, their size and time) and of
    Python, the ``VOICE_GUIDE_*`` settings other than folders and cache switches (the safety
    region), whether the embedding model is installed, the fitted decision and control model files, and the shape of :func:`pack_parts` (so
    that its objects are found again by their place in it). None for a pack without a content
    hash (built in memory): never cached."""
    if not pack.content_hash:
        return None
    from voice_guide.nlu.embedding import model_files

    versions = []
    for name in LIBRARIES:  # the installed files (reading the packages' metadata takes longer)
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stat = origin.stat() if origin is not None and origin.is_file() else None
        versions.append(f"{origin}|{stat.st_size}|{stat.st_mtime_ns}" if stat is not None else "?")
    settings = sorted((k, v) for k, v in os.environ.items()
                      if k.startswith("VOICE_GUIDE_") and not k.endswith(("_DIR", "_CACHE")))
    shape = [(type(obj).__name__, len(obj) if isinstance(obj, (dict, list, tuple)) else 0) for obj in pack_parts(pack)]
    extra = (cache.FORMAT, source_fingerprint, pack.content_hash, shape, versions, sys.version, settings,
             model_files() is not None, _decision_digest(pack), _control_model_digest(pack))
    here = Path(__file__).resolve()
    return cache.files_digest([here.parent / "core", here], extra)


def _decision_digest(pack: ContentPack) -> str:
    """A digest of the pack's fitted knowledge decision (``decision.yaml``, read into the
    understanding; not one of the pack's parts, so not in its content hash); "" when it has none."""
    from voice_guide.nlu.decision import DECISION_FILE

    path = pack.root / DECISION_FILE if pack.root is not None else None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None and path.is_file() else ""
    except OSError:
        return "?"


def _control_model_digest(pack: ContentPack) -> str:
    """A digest of the pack's learned control model (``controls_model.npz``, read into the
    understanding, not one of the pack's parts); "" when it has none."""
    from voice_guide.nlu.controls_learned import MODEL_FILE

    path = pack.root / MODEL_FILE if pack.root is not None else None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None and path.is_file() else ""
    except OSError:
        return "?"


_LEAVES = frozenset((str, int, float, bool, type(None)))


def _is_record(obj: object) -> bool:
    return hasattr(type(obj), "__dataclass_fields__")


_PARTS: list[tuple[ContentPack, list[object]]] = []
"""The last pack walked by :func:`pack_parts` and its parts (a key and a load walk it twice)."""


def pack_parts(pack: ContentPack) -> list[object]:
    """The pack and every container and record in it, in a fixed order (strings, numbers, paths
    and sets are left out: they need no sharing). The same data gives the same list."""
    if _PARTS and _PARTS[0][0] is pack:
        return _PARTS[0][1]
    out: list[object] = []
    seen: set[int] = set()
    stack: list[object] = [pack]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        out.append(obj)
        if isinstance(obj, dict):
            children = list(obj.values())
        elif isinstance(obj, (list, tuple)):
            children = list(obj)
        else:  # a record (dataclass)
            children = [getattr(obj, name) for name in type(obj).__dataclass_fields__]  # type: ignore[attr-defined]
        stack.extend(c for c in reversed(children) if type(c) not in _LEAVES and (isinstance(c, (dict, list, tuple)) or _is_record(c)))
    _PARTS[:] = [(pack, out)]
    return out


def save_derived(pack: ContentPack, key: str, derived: Derived) -> None:
    """Keep ``derived`` for :func:`load_derived` (best effort: a failure is only logged)."""
    path = cache.cache_path("engine", key)
    if path is None:
        return
    parts = {id(obj): i for i, obj in enumerate(pack_parts(pack))}
    language = derived.understander.language
    normalizer = derived.understander.normalizer
    semantic = derived.understander.knowledge.semantic

    def persistent_id(obj: object) -> tuple[str, ...] | None:
        index = parts.get(id(obj))
        if index is not None:
            return ("pack", str(index), type(obj).__name__)
        if obj is language:
            return ("language",)
        if obj is normalizer:  # rebuilt on loading: the background classifier needs the same one
            return ("normalizer",)
        if semantic is not None and obj is semantic:
            return ("semantic",)
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            return ("re", obj.pattern, str(obj.flags))
        if isinstance(obj, PatternCache):
            return ("patterns",)
        return None

    cache.write_pickle(path, key, derived, persistent_id)


def load_derived(pack: ContentPack, key: str) -> Derived | None:
    """What :func:`save_derived` kept under ``key``, joined to ``pack`` and warmed up as
    :class:`Understander` warms up after building; None when there is nothing usable."""
    path = cache.cache_path("engine", key)
    if path is None:
        return None
    patterns = PatternCache(key="engine-" + pack.content_hash)  # one file per pack, not per code version
    parts = pack_parts(pack)
    language = get_language(str(pack.intents.get("language", "en")))
    normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler, language)
    loaded: dict[str, object] = {}

    def persistent_load(pid: tuple[str, ...]) -> object:
        kind = pid[0]
        if kind == "pack":
            obj = parts[int(pid[1])]
            if type(obj).__name__ != pid[2]:
                raise ValueError("the pack differs from the one the file was made with")
            return obj
        if kind == "language":
            return language
        if kind == "normalizer":
            return normalizer
        if kind == "semantic":  # one object, however often it is referred to (the matcher's meaning and classifier)
            if "semantic" not in loaded:
                from voice_guide.nlu.understanding import _topic_similarity

                loaded["semantic"] = _topic_similarity(pack, normalizer)
            return loaded["semantic"]
        if kind == "re":
            compiled = patterns.compile(pid[1])
            return compiled if compiled.flags == int(pid[2]) else re.compile(pid[1], int(pid[2]))
        if kind == "patterns":
            return patterns
        raise ValueError(f"unknown object {kind!r} in the derived-data cache")

    found = cache.read_pickle(path, key, persistent_load)
    if not isinstance(found, Derived):
        return None
    patterns.save()
    # the warm-up of Understander.__init__: the word-frequency table, the fuzzy matcher, hassil's recognizer
    found.understander.knowledge.correct_spelling("voiceguidewarmup")
    found.understander.controls.exact("voice guide warm up")
    return found
