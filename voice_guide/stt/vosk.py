"""Vosk (Kaldi) backend: a model folder, recognition restricted to the vocabulary's phrases.

Each vocabulary becomes a Vosk grammar: its sentences as phrases (normalised words),
plus ``[unk]`` when the model has it, so speech outside the phrases can come out as
``[unk]`` instead of a forced phrase. Words the model cannot recognise
(``vosk_model_find_word(w) == -1``) are dropped from the phrases, logged, and listed in
:attr:`VoskRecognizer.dropped_words`.

What ``confidence`` means here: the mean of Vosk's per-word confidences (``SetWords``;
Kaldi's MBR word posteriors), with every ``[unk]`` word counting as 0, so a phrase
heard cleanly scores near 1 and an utterance Vosk had to force or mark unknown scores
low. Vosk gives no N-best together with word confidences, so ``alternatives`` holds
only the best text.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary, RecognizerBase, Transcript, normalize_words

_LOGGER = logging.getLogger(__name__)

UNKNOWN_WORD = "[unk]"
"""Vosk's out-of-grammar word."""

INSTALL_HINT = "pip install 'voice-guide[vosk]'"


def _import_vosk() -> Any:
    try:
        import vosk
    except ImportError:
        raise RecognizerError(f"the Vosk backend needs the vosk package: {INSTALL_HINT}") from None
    vosk.SetLogLevel(-1)
    return vosk


def load_vosk_model(model_dir: Path) -> Any:
    """Load a Vosk model folder once (RecognizerError when it is missing or not a model)."""
    from voice_guide.stt.registry import is_vosk_model_dir

    model_dir = Path(model_dir)
    if not model_dir.exists():
        raise RecognizerError(f"Vosk model folder not found: {model_dir}")
    if not is_vosk_model_dir(model_dir):
        raise RecognizerError(
            f"{model_dir} is not a Vosk model (expected am/, conf/ and graph/ inside; "
            "run scripts/download_model.py)"
        )
    vosk = _import_vosk()
    try:
        return vosk.Model(str(model_dir))
    except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
        raise RecognizerError(f"Vosk could not load the model in {model_dir}: {err}") from None


def _model_has_word(model: Any, word: str) -> bool:
    find = getattr(model, "vosk_model_find_word", None) or model.find_word
    return int(find(word)) != -1


class VoskRecognizer(RecognizerBase):
    """One Vosk model, one grammar-restricted KaldiRecognizer per vocabulary."""

    backend = "vosk"

    def __init__(self, model: Any, vocabularies: Sequence[DomainVocabulary], *, model_dir: Path | None = None) -> None:
        super().__init__(v.name for v in vocabularies)
        vosk = _import_vosk()
        self.model = model
        """The loaded ``vosk.Model`` (shared by every grammar)."""
        self.model_dir = model_dir
        """The model folder (for messages)."""
        self.phrases: dict[str, tuple[str, ...]] = {}
        """Vocabulary name -> the phrases in its grammar (after dropping unknown words)."""
        dropped: dict[str, None] = {}
        known: dict[str, bool] = {}
        self._has_unk = _model_has_word(model, UNKNOWN_WORD)
        self._recognizers: dict[str, Any] = {}
        for vocab in vocabularies:
            phrases: dict[str, None] = {}
            for sentence in vocab.sentences:
                kept = []
                for word in normalize_words(sentence):
                    if word not in known:
                        known[word] = _model_has_word(model, word)
                    if known[word]:
                        kept.append(word)
                    else:
                        dropped.setdefault(word, None)
                if kept:
                    phrases.setdefault(" ".join(kept), None)
            if not phrases:
                raise RecognizerError(
                    f"vocabulary {vocab.name!r} has no word this Vosk model knows"
                    + (f" ({model_dir})" if model_dir else "")
                )
            self.phrases[vocab.name] = tuple(phrases)
            grammar = list(phrases) + ([UNKNOWN_WORD] if self._has_unk else [])
            try:
                rec = vosk.KaldiRecognizer(model, float(self.sample_rate_hz), json.dumps(grammar, ensure_ascii=False))
            except Exception as err:
                raise RecognizerError(f"Vosk could not build the grammar for {vocab.name!r}: {err}") from None
            rec.SetWords(True)
            self._recognizers[vocab.name] = rec
        self.dropped_words: tuple[str, ...] = tuple(dropped)
        """Vocabulary words the model does not know (left out of the grammars)."""
        if self.dropped_words:
            _LOGGER.warning(
                "Vosk model lacks %d vocabulary word(s), dropped from the phrases: %s",
                len(self.dropped_words),
                ", ".join(self.dropped_words),
            )
        self._segments: list[dict[str, Any]] = []

    def _activate(self, name: str) -> None:
        if name not in self._recognizers:
            raise RecognizerError(f"Vosk has no grammar named {name!r}")

    @property
    def _rec(self) -> Any:
        return self._recognizers[self.active_vocabulary]

    def _start(self) -> None:
        self._rec.Reset()
        self._segments = []

    def _accept(self, pcm: bytes) -> None:
        if self._rec.AcceptWaveform(pcm):
            self._segments.append(json.loads(self._rec.Result()))

    def _finish(self) -> Transcript:
        self._segments.append(json.loads(self._rec.FinalResult()))
        segments, self._segments = self._segments, []
        words: list[tuple[str, float]] = []
        for seg in segments:
            for item in seg.get("result", []) or []:
                words.append((str(item.get("word", "")), float(item.get("conf", 0.0))))
            if not seg.get("result") and seg.get("text"):
                words.extend((w, 0.5) for w in str(seg["text"]).split())
        if not words:
            return self._empty()
        confs = [0.0 if w == UNKNOWN_WORD else min(1.0, max(0.0, c)) for w, c in words]
        confidence = sum(confs) / len(confs)
        text = " ".join(w for w, _ in words if w != UNKNOWN_WORD)
        if not text:
            confidence = 0.0
        return Transcript(text, confidence, ((text, confidence),), self.backend, self._duration_ms)
