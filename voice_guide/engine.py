"""The question-answering loop, without devices: audio or text in, an answer out.

:class:`QAPipeline` holds the models, each loaded once: the content pack, the
understander, the recognizer (loaded on first use of audio) and the guide's state.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from voice_guide.audio.files import AudioClip, read_audio
from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.core.errors import VoiceGuideError
from voice_guide.dialogue.guide import Answer, Guide
from voice_guide.nlu.grammar import GrammarMatcher
from voice_guide.nlu.interpret import Interpreter
from voice_guide.nlu.understanding import IntentMatch, Understander

_LOGGER = logging.getLogger(__name__)

ROUTINE_COMMANDS = (
    "pause", "resume", "repeat", "next", "previous", "slower", "faster", "stop", "help",
    "yes", "no", "louder", "quieter", "exit",
)
"""Intents listened for while a routine runs (the smaller phrase set)."""

@dataclass(frozen=True)
class Result:
    """One input answered: the JSON Lines record of ``ask --json``."""

    input: str
    """The question text or the audio file's path."""

    transcript: str | None
    """What the recognizer heard (None for typed input)."""

    asr_confidence: float | None
    """The recognizer's confidence, 0..1 (None for typed input)."""

    intent: str
    """The intent understood."""

    slots: dict[str, str]
    """Its slot values."""

    confidence: float
    """The understanding confidence, 0..1."""

    section: str | None
    """The article section the answer comes from, if any."""

    answer: str
    """Exactly the text that is spoken."""

    latency_ms: dict[str, float] = field(default_factory=dict)
    """``asr``, ``understand`` and ``total`` times in milliseconds."""

    error: str | None = None
    """A one-line reason when the input could not be used (then ``answer`` says so)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, for JSON."""
        d = asdict(self)
        if d["error"] is None:
            del d["error"]
        return d


class QAPipeline:
    """Text or audio in, :class:`Result` out. Build once; reuse for every input."""

    def __init__(
        self,
        pack: ContentPack | None = None,
        backend: str = "pocketsphinx",
        vosk_model: Path | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.pack = pack or load_pack()
        self.understander = Understander(self.pack)
        self.guide = Guide(self.pack, self.understander)
        self.interpreter = Interpreter(self.understander)
        self.grammar = GrammarMatcher(self.pack) if self.pack.grammar else None  # grammar packs (issue 12)
        self.backend = backend
        self.vosk_model = vosk_model
        self.cache_dir = cache_dir
        self._recognizer: Any = None

    # --- recognizer ------------------------------------------------------
    def vocabularies(self) -> list[Any]:
        """The phrase sets the recognizer is built for: everything, and the routine commands."""
        from voice_guide.stt import DomainVocabulary

        lexicon = self.pack.pronunciations_path
        grammar_sentences = self.grammar.sentences() if self.grammar is not None else []  # grammar packs (issue 12)
        return [
            DomainVocabulary("main", tuple(self.understander.language_sentences() + grammar_sentences), lexicon),
            DomainVocabulary("routine", tuple(self.understander.command_sentences(ROUTINE_COMMANDS) or grammar_sentences), lexicon),
        ]

    @property
    def recognizer(self) -> Any:
        """The recognizer, loaded on first use and kept."""
        if self._recognizer is None:
            from voice_guide.stt import load_recognizer

            if self.grammar is not None and not self.pack.sections and self.backend == "pocketsphinx":
                # grammar-only packs decode against their grammar (issue 12; measured in docs/real-speech.md)
                from voice_guide.stt.pocketsphinx.grammar_backend import load_grammar_recognizer

                self._recognizer = load_grammar_recognizer(
                    self.vocabularies(), {"main": self.grammar.to_fsg()}, cache_dir=self.cache_dir
                )
                return self._recognizer
            self._recognizer = load_recognizer(
                self.backend, self.vocabularies(), cache_dir=self.cache_dir, vosk_model=self.vosk_model
            )
        return self._recognizer

    # --- answering -------------------------------------------------------
    def ask_text(self, text: str) -> Result:
        """Answer a typed question."""
        t0 = time.perf_counter()
        match = self.understander.understand(text)
        t1 = time.perf_counter()
        answer = self._grammar_answer(match, [(text, 1.0)]) or self.guide.answer(match)
        t2 = time.perf_counter()
        return self._result(text, None, None, answer, 0.0, (t1 - t0) * 1000, (t2 - t0) * 1000)

    def ask_audio(self, path: str | Path) -> Result:
        """Answer a question recorded in an audio file. Bad files give a Result with ``error``."""
        try:
            clip = read_audio(path)
        except VoiceGuideError as err:
            return self._error(str(path), str(err))
        return self.ask_clip(clip, str(path))

    def ask_clip(self, clip: AudioClip, label: str = "<audio>") -> Result:
        """Answer a question given as 16 kHz mono audio."""
        t0 = time.perf_counter()
        if clip.is_silent():
            transcript_text, asr_conf, alternatives = "", 0.0, ()
        else:
            transcript = self.recognizer.transcribe(clip.pcm)
            transcript_text, asr_conf, alternatives = transcript.text, transcript.confidence, transcript.alternatives
        t1 = time.perf_counter()
        match = self.interpret(transcript_text, asr_conf, alternatives)
        t2 = time.perf_counter()
        answer = self._grammar_answer(match, [(transcript_text, asr_conf), *alternatives]) or self.guide.answer(match)
        t3 = time.perf_counter()
        return self._result(label, transcript_text, asr_conf, answer, (t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t0) * 1000)

    def interpret(self, text: str, asr_confidence: float, alternatives: tuple[tuple[str, float], ...] = ()) -> IntentMatch:
        """Understand a transcript with its confidence and n-best list (see :class:`~voice_guide.nlu.interpret.Interpreter`)."""
        return self.interpreter.interpret(text, asr_confidence, alternatives)

    # --- grammar packs (issue 12) ---------------------------------------------------
    def _grammar_answer(self, match: IntentMatch, hypotheses: list[tuple[str, float]]) -> Answer | None:
        """For a pack with grammar intents, after safety: the grammar's answer (its reply
        template with the slots), or its fallback reply when the pack has no article; None
        otherwise (the guide answers)."""
        if self.grammar is None or match.intent in ("emergency", "pain"):
            return None
        heard = self.grammar.match_nbest([(t, c) for t, c in hypotheses if t])
        if heard is not None:
            return Answer(self.grammar.reply(heard), heard.intent, heard.confidence, dict(heard.slots))
        if not self.pack.sections and self.grammar.fallback_reply:
            return Answer(self.grammar.fallback_reply, "fallback", 0.0)
        return None

    def _result(self, label: str, transcript: str | None, asr_conf: float | None, answer: Answer,
                asr_ms: float, understand_ms: float, total_ms: float) -> Result:
        return Result(
            input=label,
            transcript=transcript,
            asr_confidence=None if asr_conf is None else round(asr_conf, 3),
            intent=answer.intent,
            slots=dict(answer.slots),
            confidence=round(answer.confidence, 3),
            section=answer.section_id,
            answer=answer.text,
            latency_ms={"asr": round(asr_ms, 1), "understand": round(understand_ms, 1), "total": round(total_ms, 1)},
        )

    def _error(self, label: str, message: str) -> Result:
        return Result(label, None, None, "error", {}, 0.0, None,
                      "Sorry, I could not use that recording.", {"asr": 0.0, "understand": 0.0, "total": 0.0}, message)
