"""Choosing and loading a recognizer: ``load_recognizer`` and ``find_vosk_model``."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path

from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary, Recognizer, check_vocabularies

_LOGGER = logging.getLogger(__name__)

BACKENDS = ("pocketsphinx", "vosk")
"""Names accepted by :func:`load_recognizer`."""

VOSK_MODEL_ENV = "VOICE_GUIDE_VOSK_MODEL"
"""Environment variable naming a Vosk model folder."""

REPO_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
"""``<repo>/models``: where ``scripts/download_model.py`` unpacks models."""


def is_vosk_model_dir(path: Path) -> bool:
    """True when ``path`` looks like a Vosk model: a folder with ``am/`` (or ``final.mdl``) and ``conf/``."""
    path = Path(path)
    if not path.is_dir():
        return False
    has_am = (path / "am").is_dir() or (path / "final.mdl").is_file()
    has_graph = (path / "graph").is_dir() or (path / "HCLG.fst").is_file() or (path / "HCLr.fst").is_file()
    return has_am and (path / "conf").is_dir() and has_graph


def find_vosk_model(explicit: Path | None = None, models_dir: Path | None = None) -> Path | None:
    """The Vosk model to use: ``explicit`` (``--vosk-model``), else ``$VOICE_GUIDE_VOSK_MODEL``,
    else the first model folder (sorted by name) under ``<repo>/models/``, else None.

    An explicit path or environment value is returned as given (checked later by the
    backend, so a wrong path gives a clear error instead of silently falling back).
    """
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(VOSK_MODEL_ENV, "").strip()
    if env:
        return Path(env)
    root = Path(models_dir) if models_dir is not None else REPO_MODELS_DIR
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if not child.name.startswith(".") and is_vosk_model_dir(child):
                return child
    return None


def load_recognizer(
    backend: str,
    vocabularies: Sequence[DomainVocabulary],
    *,
    cache_dir: Path | None = None,
    vosk_model: Path | None = None,
) -> Recognizer:
    """Load a recognizer for ``vocabularies`` (the first one active). The model is loaded
    here, once, and reused for every utterance.

    ``backend`` is ``"pocketsphinx"`` (stock English model, domain language models cached
    in ``cache_dir``) or ``"vosk"`` (the model folder ``vosk_model``, or the one
    :func:`find_vosk_model` finds). Raises :class:`RecognizerError` with a one-line
    message for an unknown backend, a missing model or an empty vocabulary.
    """
    vocabularies = list(vocabularies)
    started = time.perf_counter()
    name = (backend or "").strip().lower()
    if name == "pocketsphinx":
        from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, build_domain_models

        models = build_domain_models(vocabularies, cache_dir)
        recognizer: Recognizer = PocketSphinxRecognizer(models)
        _LOGGER.info(
            "pocketsphinx ready in %.0f ms (%s; %d vocabularies)",
            1000.0 * (time.perf_counter() - started),
            "models from cache" if models.cache_hit else f"models built in {models.build_ms:.0f} ms",
            len(vocabularies),
        )
        return recognizer
    if name == "vosk":
        from voice_guide.stt.vosk import VoskRecognizer, load_vosk_model

        model_dir = find_vosk_model(vosk_model)
        if model_dir is None:
            raise RecognizerError(
                "no Vosk model found: pass --vosk-model DIR, set "
                f"{VOSK_MODEL_ENV}, or run scripts/download_model.py"
            )
        check_vocabularies(vocabularies)
        model = load_vosk_model(model_dir)
        recognizer = VoskRecognizer(model, vocabularies, model_dir=model_dir)
        _LOGGER.info("vosk ready in %.0f ms (%s)", 1000.0 * (time.perf_counter() - started), model_dir)
        return recognizer
    raise RecognizerError(f"unknown recognizer backend {backend!r} (choose from: {', '.join(BACKENDS)})")
