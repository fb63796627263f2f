"""The files a PocketSphinx decoder needs for a set of vocabularies, built once and cached.

* one pronunciation dictionary holding only the words of every vocabulary plus a small
  generic *background* vocabulary (the ``background_words`` most frequent words of the
  stock en-us language model), pronunciations from the pack lexicon, the stock CMUdict
  or, as a reported guess, espeak-ng (see :mod:`.pronounce`);
* one trigram per vocabulary (:mod:`.lm`) from its sentences, with the background
  words mixed into the unigrams at ``background_weight``, built as ARPA text and kept in
  PocketSphinx's binary format (the decoder loads it in a tenth of the time: ready time).

The cache entry (one folder per vocabularies + settings + pocketsphinx version) is
written atomically and synced, and checked against the sizes and checksums in its
manifest before each use.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voice_guide.core.errors import RecognizerError
from voice_guide.core.files import fsync_dir, user_cache_dir, write_atomic
from voice_guide.stt.base import DomainVocabulary, check_vocabularies
from voice_guide.stt.pocketsphinx.lm import arpa_to_binary, build_arpa
from voice_guide.stt.pocketsphinx.pronounce import Pronunciations, build_pronunciations, read_cmu_lexicon

_LOGGER = logging.getLogger(__name__)

CACHE_FORMAT = "ps-domain-v3"
"""Bumped whenever the files written by :func:`build_domain_models` change meaning."""

SOURCE_INDEX_DIR = "by-source"
"""Folder (in the cache) of the files that map a source fingerprint to a cache entry."""


@dataclass(frozen=True)
class ModelSettings:
    """The settings that change the built files (part of the cache key); see docs/tuning.md."""

    background_words: int = 3000
    """How many generic English words (most frequent in the stock LM) form the background."""

    background_weight: float = 0.2
    """Share of the unigram probability given to background words (0 disables them)."""

    lm_order: int = 3
    """n-gram order of the domain models."""

    def cache_fields(self) -> dict[str, object]:
        """The fields as a plain mapping, for the cache key."""
        return {
            "background_words": self.background_words,
            "background_weight": self.background_weight,
            "lm_order": self.lm_order,
        }


@dataclass(frozen=True)
class DomainModels:
    """The files built for a set of vocabularies, and what building them found."""

    directory: Path
    """Cache folder holding the files."""

    dict_path: Path
    """The pruned pronunciation dictionary (all vocabularies + background words)."""

    lm_paths: dict[str, Path]
    """Vocabulary name -> its language model (PocketSphinx's binary format, made from the ARPA text
    :func:`~voice_guide.stt.pocketsphinx.lm.build_arpa` writes: loaded about twenty times faster)."""

    domain_words: dict[str, frozenset[str]]
    """Vocabulary name -> its own words (anything else decoded is a background word)."""

    guessed_words: tuple[str, ...]
    """Words whose pronunciation was guessed from espeak-ng."""

    missing_words: tuple[str, ...]
    """Words nothing could pronounce (left out of the models)."""

    cache_hit: bool
    """True when the files were found in the cache, False when built now."""

    build_ms: float
    """Time spent finding or building the files, in milliseconds."""


def model_paths() -> tuple[Path, Path, Path]:
    """(acoustic model dir, stock dictionary, stock LM) of the installed pocketsphinx package."""
    try:
        import pocketsphinx
    except ImportError:
        raise RecognizerError("pocketsphinx is not installed (pip install pocketsphinx)") from None
    root = Path(pocketsphinx.get_model_path()) / "en-us"
    return root / "en-us", root / "cmudict-en-us.dict", root / "en-us.lm.bin"


def background_vocabulary(count: int, stock_dict: Path, stock_lm: Path) -> dict[str, float]:
    """The ``count`` most frequent plain words of the stock en-us LM -> unigram probability.

    Only lower-case alphabetic words (apostrophes allowed) that the stock dictionary can
    pronounce are taken.
    """
    if count <= 0:
        return {}
    import pocketsphinx

    words = []
    with open(stock_dict, encoding="utf-8") as handle:
        for line in handle:
            head = line.split(" ", 1)[0]
            if "(" in head:
                continue
            if head.replace("'", "").isalpha() and head.isascii() and not head.startswith("'"):
                words.append(head)
    config = pocketsphinx.Config(hmm=None, lm=None, dict=None, loglevel="FATAL")
    logmath = pocketsphinx.LogMath()
    try:
        lm = pocketsphinx.NGramModel(config, logmath, str(stock_lm))
    except (ValueError, RuntimeError) as err:
        raise RecognizerError(f"cannot read the stock language model {stock_lm}: {err}") from None
    scored = []
    floor = logmath.get_zero() // 2
    for word in words:
        score = lm.prob([word])
        if score > floor:
            scored.append((score, word))
    scored.sort(reverse=True)
    return {word: logmath.exp(score) for score, word in scored[:count]}


def _file_digest(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise RecognizerError(f"cannot read lexicon {path}: {err.strerror or err}") from None


def _environment(settings: ModelSettings, stock_dict: Path) -> dict[str, object]:
    """What besides the vocabularies changes the built files."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ps_version = version("pocketsphinx")
    except PackageNotFoundError:
        ps_version = "?"
    stat = stock_dict.stat()
    return {
        "format": CACHE_FORMAT,
        "pocketsphinx": ps_version,
        "stock_dict": [str(stock_dict), stat.st_size, int(stat.st_mtime)],
        "settings": settings.cache_fields(),
    }


def _source_index(fingerprint: str, settings: ModelSettings, cache_dir: Path | None) -> Path:
    _, stock_dict, _ = model_paths()
    blob = json.dumps({"source": fingerprint, **_environment(settings, stock_dict)}, sort_keys=True).encode("utf-8")
    root = Path(cache_dir) if cache_dir is not None else user_cache_dir()
    return root / "pocketsphinx" / SOURCE_INDEX_DIR / f"{hashlib.sha256(blob).hexdigest()[:24]}.json"


def models_for_source(fingerprint: str, cache_dir: Path | None = None,
                      settings: ModelSettings | None = None) -> DomainModels | None:
    """The cached models recorded by :func:`remember_source` for ``fingerprint`` (a digest of
    everything the vocabularies are made from), checked like any cache entry, or None.

    Lets a start skip building the vocabularies' sentences (a few hundred ms) when nothing
    they come from has changed."""
    started = time.perf_counter()
    try:
        index = _source_index(fingerprint, settings or ModelSettings(), cache_dir)
        data = json.loads(index.read_text(encoding="utf-8"))
        target = index.parent.parent / str(data["entry"])
        domain_words = {str(k): frozenset(v) for k, v in data["domain_words"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecognizerError):
        return None
    if not (target / "manifest.json").is_file():
        return None
    return _read_cache_entry(target, domain_words, started)


def remember_source(fingerprint: str, models: DomainModels, cache_dir: Path | None = None,
                    settings: ModelSettings | None = None) -> None:
    """Record that ``models`` were built from the source with ``fingerprint`` (see
    :func:`models_for_source`); a cache that cannot be written is only logged."""
    try:
        index = _source_index(fingerprint, settings or ModelSettings(), cache_dir)
        index.parent.mkdir(parents=True, exist_ok=True)
        data = {"entry": models.directory.name, "domain_words": {k: sorted(v) for k, v in models.domain_words.items()}}
        write_atomic(index, json.dumps(data).encode("utf-8"))
    except (OSError, RecognizerError) as err:
        _LOGGER.info("recognizer source index not written: %s", err)


def _cache_key(vocabularies: Sequence[DomainVocabulary], settings: ModelSettings, stock_dict: Path) -> str:
    payload = {
        **_environment(settings, stock_dict),
        "vocabularies": [
            {"name": v.name, "sentences": list(v.sentences), "lexicon": _file_digest(v.lexicon_path)}
            for v in vocabularies
        ],
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def build_domain_models(
    vocabularies: Sequence[DomainVocabulary],
    cache_dir: Path | None = None,
    settings: ModelSettings | None = None,
) -> DomainModels:
    """Find (or build and cache) the dictionary and language models for ``vocabularies``.

    A cache entry is used only when every file matches the size and SHA-256 its manifest
    recorded; a damaged entry (a truncated LM would crash the decoder) is rebuilt, with a
    one-line notice."""
    started = time.perf_counter()
    settings = settings or ModelSettings()
    check_vocabularies(vocabularies)
    _, stock_dict, stock_lm = model_paths()
    cache_root = Path(cache_dir) if cache_dir is not None else user_cache_dir()
    key = _cache_key(vocabularies, settings, stock_dict)
    target = cache_root / "pocketsphinx" / key[:24]
    domain_words = {v.name: frozenset(v.words()) for v in vocabularies}
    cached = _read_cache_entry(target, domain_words, started)
    if cached is not None:
        return cached
    files, pron = _build_files(vocabularies, settings, stock_dict, stock_lm)
    _write_cache_entry(target, files)
    manifest = json.loads(files["manifest.json"])
    return DomainModels(
        directory=target,
        dict_path=target / manifest["dict"],
        lm_paths={name: target / file for name, file in manifest["lms"].items()},
        domain_words=domain_words,
        guessed_words=tuple(pron.guessed),
        missing_words=tuple(pron.missing),
        cache_hit=False,
        build_ms=1000.0 * (time.perf_counter() - started),
    )


def _read_cache_entry(target: Path, domain_words: dict[str, frozenset[str]], started: float) -> DomainModels | None:
    """The cached models in ``target`` when it holds a complete, undamaged entry, else None
    (a damaged entry is removed, with a one-line notice)."""
    manifest_path = target / "manifest.json"
    if not target.exists():
        return None
    problem = "no manifest"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        problem = _damage(target, manifest.get("files"))
        if not problem:
            _LOGGER.debug("domain models found in cache %s", target)
            return DomainModels(
                directory=target,
                dict_path=target / manifest["dict"],
                lm_paths={name: target / file for name, file in manifest["lms"].items()},
                domain_words=domain_words,
                guessed_words=tuple(manifest["guessed"]),
                missing_words=tuple(manifest["missing"]),
                cache_hit=True,
                build_ms=1000.0 * (time.perf_counter() - started),
            )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        problem = f"unreadable manifest ({err})"
    _LOGGER.warning("recognizer cache %s is damaged (%s): rebuilding it", target, problem)
    shutil.rmtree(target, ignore_errors=True)
    return None


def _damage(target: Path, files: object) -> str:
    """What is wrong with the files of a cache entry ("" when every one matches its record)."""
    if not isinstance(files, dict) or not files:
        return "no checksums"
    for name, record in files.items():
        path = target / name
        try:
            data = path.read_bytes()
        except OSError:
            return f"{name} missing"
        if len(data) != record["bytes"]:
            return f"{name} is {len(data)} bytes, expected {record['bytes']}"
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            return f"{name} does not match its checksum"
    return ""


def _build_files(
    vocabularies: Sequence[DomainVocabulary], settings: ModelSettings, stock_dict: Path, stock_lm: Path
) -> tuple[dict[str, bytes], Pronunciations]:
    """File name -> bytes of a cache entry (dictionary, one binary LM per vocabulary, manifest)."""
    all_words: dict[str, None] = {}
    for v in vocabularies:
        for word in v.words():
            all_words.setdefault(word, None)
    lexicons = list(dict.fromkeys(v.lexicon_path for v in vocabularies if v.lexicon_path is not None))
    pron = build_pronunciations(all_words, stock_dict, lexicons)
    background = background_vocabulary(settings.background_words, stock_dict, stock_lm)
    stock_bg = read_cmu_lexicon(stock_dict, set(background) - set(pron.entries))
    background = {w: p for w, p in background.items() if w in pron.entries or w in stock_bg}
    for word, prons in stock_bg.items():
        pron.entries[word] = prons
    pronounceable = set(pron.entries)
    files = {"domain.dict": pron.to_dict_text().encode("utf-8")}
    lm_files: dict[str, str] = {}
    for index, v in enumerate(vocabularies):
        sentences = [[w for w in s if w in pronounceable] for s in v.tokenized()]
        file = f"lm{index}.lm.bin"
        arpa = build_arpa(
            [s for s in sentences if s],
            order=settings.lm_order,
            background=background,
            background_weight=settings.background_weight,
        )
        try:
            files[file] = arpa_to_binary(arpa)
        except (RuntimeError, ValueError) as err:
            raise RecognizerError(f"PocketSphinx could not convert the {v.name!r} language model: {err}") from None
        lm_files[v.name] = file
    checksums = {}
    for name, data in files.items():
        checksums[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {
        "format": CACHE_FORMAT,
        "dict": "domain.dict",
        "lms": lm_files,
        "guessed": pron.guessed,
        "missing": pron.missing,
        "from_lexicon": pron.from_lexicon,
        "background_words": len(background),
        "files": checksums,
    }
    files["manifest.json"] = json.dumps(manifest, indent=1).encode("utf-8")
    return files, pron


def _write_cache_entry(target: Path, files: dict[str, bytes]) -> None:
    """Write the entry into a temporary folder (each file with :func:`write_atomic`, so
    synced), sync the folder, rename it into place and sync its parent."""
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        for name, data in files.items():
            if name != "manifest.json":
                write_atomic(tmp / name, data)
        write_atomic(tmp / "manifest.json", files["manifest.json"])  # last: marks it complete
        fsync_dir(tmp)
        try:
            os.replace(tmp, target)
        except OSError:
            # Another process built the same entry first (target exists and is not empty).
            if not (target / "manifest.json").is_file():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise



__all__ = ["CACHE_FORMAT", "DomainModels", "ModelSettings", "background_vocabulary", "build_domain_models",
           "model_paths", "models_for_source", "remember_source"]
