"""Choosing and loading a recognizer: the backend registry, ``load_recognizer`` and ``find_vosk_model``.

A backend is added in one place: a loader function and one line in :data:`BACKENDS`.
Every recognizer :func:`load_recognizer` returns sits behind the noise-suppression front
end (:class:`voice_guide.audio.frontend.FrontEndRecognizer`), so each backend gets clean PCM.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary, Recognizer, check_vocabularies

if TYPE_CHECKING:
    from voice_guide.audio.frontend import DenoiseSettings

_LOGGER = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class BackendOptions:
    """What a backend loader may need besides the vocabularies."""

    cache_dir: Path | None = None
    """Where built models are cached (PocketSphinx)."""

    vosk_model: Path | None = None
    """The Vosk model folder (else :func:`find_vosk_model`)."""

    source_fingerprint: str | None = None
    """A digest of everything the vocabularies are made from: a backend with a cache may then
    load its models without building the vocabularies (PocketSphinx)."""


VocabularySource = Callable[[], list[DomainVocabulary]]
"""Builds the vocabularies (the first one active) when a backend needs them."""

BackendLoader = Callable[[VocabularySource, BackendOptions], Recognizer]
"""Loads one backend's recognizer for the vocabularies."""


def _load_pocketsphinx(vocabularies: VocabularySource, options: BackendOptions) -> Recognizer:
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
    from voice_guide.stt.pocketsphinx.models import build_domain_models, models_for_source, remember_source

    settings = PocketSphinxSettings()
    fingerprint = options.source_fingerprint
    cached = models_for_source(fingerprint, options.cache_dir, settings.model_settings()) if fingerprint else None
    if cached is not None:
        _LOGGER.info("pocketsphinx models from cache, by source")
        return PocketSphinxRecognizer(cached, settings)
    models = build_domain_models(vocabularies(), options.cache_dir, settings.model_settings())
    if fingerprint:
        remember_source(fingerprint, models, options.cache_dir, settings.model_settings())
    _LOGGER.info(
        "pocketsphinx models %s",
        "from cache" if models.cache_hit else f"built in {models.build_ms:.0f} ms",
    )
    return PocketSphinxRecognizer(models, settings)


def _load_vosk(source: VocabularySource, options: BackendOptions) -> Recognizer:
    from voice_guide.stt.vosk import VoskRecognizer, load_vosk_model

    model_dir = find_vosk_model(options.vosk_model)
    if model_dir is None:
        raise RecognizerError(
            f"no Vosk model found: pass --vosk-model DIR, set {VOSK_MODEL_ENV}, or run scripts/download_model.py"
        )
    vocabularies = source()
    check_vocabularies(vocabularies)
    return VoskRecognizer(load_vosk_model(model_dir), vocabularies, model_dir=model_dir)


BACKENDS: dict[str, BackendLoader] = {
    "pocketsphinx": _load_pocketsphinx,
    "vosk": _load_vosk,
}
"""Backend name -> loader; the names are the ``--backend`` choices."""


def load_recognizer(
    backend: str,
    vocabularies: Sequence[DomainVocabulary] | VocabularySource,
    *,
    cache_dir: Path | None = None,
    vosk_model: Path | None = None,
    denoise: DenoiseSettings | None = None,
    source_fingerprint: str | None = None,
) -> Recognizer:
    """Load a recognizer for ``vocabularies`` (the first one active; a list, or a function
    that builds it, called only when needed), behind the noise front end (``denoise``,
    default :class:`DenoiseSettings`). The model is loaded here, once, and reused for every
    utterance. ``source_fingerprint``: see :class:`BackendOptions`.

    ``backend`` is a name in :data:`BACKENDS`. Raises :class:`RecognizerError` with a
    one-line message for an unknown backend, a missing model or an empty vocabulary.
    """
    from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser

    started = time.perf_counter()
    name = (backend or "").strip().lower()
    loader = BACKENDS.get(name)
    if loader is None:
        raise RecognizerError(f"unknown recognizer backend {backend!r} (choose from: {', '.join(BACKENDS)})")
    denoiser = make_denoiser(denoise or DenoiseSettings())
    source: VocabularySource = vocabularies if callable(vocabularies) else (lambda: list(vocabularies))
    options = BackendOptions(cache_dir=cache_dir, vosk_model=vosk_model, source_fingerprint=source_fingerprint)
    inner = loader(source, options)
    _LOGGER.info("%s ready in %.0f ms", name, 1000.0 * (time.perf_counter() - started))
    return FrontEndRecognizer(inner, denoiser)
