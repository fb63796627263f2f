"""Speech recognition constrained to a content pack's phrases (re-exports only).

This is the stage's public API: nothing outside ``voice_guide/stt`` imports from
``voice_guide.stt.pocketsphinx`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from voice_guide.stt.base import DomainVocabulary, Recognizer, RecognizerBase, Transcript, normalize_words
from voice_guide.stt.pocketsphinx.keywords import KeywordHit, KeywordSpotter
from voice_guide.stt.pocketsphinx.keywords import shared_spotter as keyword_spotter
from voice_guide.stt.pocketsphinx.pronounce import Pronunciations, pronunciations
from voice_guide.stt.pocketsphinx.pronounce import read_cmu_lexicon as read_lexicon
from voice_guide.stt.registry import BACKENDS, find_vosk_model, is_vosk_model_dir, load_recognizer


def pronunciations_for(words: Iterable[str], lexicon: Path | None = None, *, guess: bool = True) -> Pronunciations:
    """How the recognizer would pronounce ``words``: ``lexicon`` (a pack's pronunciations.dict), the
    stock dictionary, then espeak-ng guesses (``guess``). Raises RecognizerError (no PocketSphinx, a bad lexicon)."""
    return pronunciations(words, [lexicon] if lexicon else [], use_espeak=guess)


__all__ = [
    "BACKENDS",
    "DomainVocabulary",
    "KeywordHit",
    "KeywordSpotter",
    "Pronunciations",
    "Recognizer",
    "RecognizerBase",
    "Transcript",
    "find_vosk_model",
    "is_vosk_model_dir",
    "keyword_spotter",
    "load_recognizer",
    "normalize_words",
    "pronunciations",
    "pronunciations_for",
    "read_lexicon",
]
