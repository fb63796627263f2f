"""Speech recognition constrained to a content pack's phrases (re-exports only)."""

from voice_guide.stt.base import DomainVocabulary, Recognizer, RecognizerBase, Transcript, normalize_words
from voice_guide.stt.registry import BACKENDS, find_vosk_model, is_vosk_model_dir, load_recognizer

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
]
