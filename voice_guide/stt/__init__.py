"""Speech recognition constrained to a content pack's phrases (re-exports only)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from voice_guide.stt.base import DomainVocabulary, Recognizer, RecognizerBase, Transcript, normalize_words
from voice_guide.stt.registry import BACKENDS, find_vosk_model, is_vosk_model_dir, load_recognizer

if TYPE_CHECKING:
    from voice_guide.stt.pocketsphinx.pronounce import Pronunciations


def pronunciations_for(words: Iterable[str], lexicon: Path | None = None, *, guess: bool = True) -> Pronunciations:
    """How the recognizer would pronounce ``words``: ``lexicon`` (a pack's pronunciations.dict), the
    stock dictionary, then espeak-ng guesses (``guess``). Raises RecognizerError (no PocketSphinx, a bad lexicon)."""
    from voice_guide.core.errors import RecognizerError
    from voice_guide.stt.pocketsphinx.backend import model_paths
    from voice_guide.stt.pocketsphinx.pronounce import build_pronunciations

    stock = model_paths()[1]
    if not stock.is_file():
        raise RecognizerError(f"the PocketSphinx dictionary is missing ({stock}); reinstall pocketsphinx")
    return build_pronunciations(words, stock, [lexicon] if lexicon else [], use_espeak=guess)


__all__ = [
    "BACKENDS",
    "DomainVocabulary",
    "Recognizer",
    "RecognizerBase",
    "Transcript",
    "find_vosk_model",
    "is_vosk_model_dir",
    "load_recognizer",
    "normalize_words",
    "pronunciations_for",
]
