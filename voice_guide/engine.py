"""The engine and one run of it: models loaded once, shared by every conversation.

:class:`Engine` holds what is expensive and shared (the content pack, the understanding,
the recognizer, the routines, the pack's reply texts); a
:class:`~voice_guide.dialogue.conversation.Conversation` holds one user's state. A network
server makes one engine and one conversation per connection; the command line makes one of
each. :class:`QAPipeline` is the one-conversation convenience used by ``ask``, the demo and
the evaluation scripts.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.types import Response
from voice_guide.dialogue.conversation import Conversation
from voice_guide.dialogue.guide import Guide, RoutineName
from voice_guide.dialogue.responses import Responses
from voice_guide.nlu.interpret import Interpreter, SecondHearing
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander
from voice_guide.routines.commands import ROUTINE_INTENTS
from voice_guide.stt.base import Transcript

if TYPE_CHECKING:  # imported when first used: audio files (numpy), grammar packs
    from voice_guide.audio.files import AudioClip
    from voice_guide.engine_cache import Derived
    from voice_guide.nlu.grammar import GrammarMatcher

_LOGGER = logging.getLogger(__name__)

ROUTINE_COMMANDS = (*ROUTINE_INTENTS, "louder", "quieter")
"""Intents listened for while a routine runs (the smaller phrase set)."""

DEFAULT_WAKE_PHRASE = "hey guide"

SAFETY_SENTENCE_WEIGHT = 4
"""How many times the pack's safety sample phrases (emergency, crisis, pain) count in the main
vocabulary's language model: issue 10 asks for them "with enough weight to be heard" among
thousands of article sentences (measured in docs/recognition.md)."""

SAFETY_PATTERN_SENTENCES = 3
"""Random phrases generated per emergency or crisis pattern of the safety rules (0: none), beside
one per alternative of its word lists, for the main language model: the recognizer then knows the
red-flag words the samples do not name ("antifreeze", "gibberish"; :mod:`voice_guide.stt.pattern_sentences`)."""

RECOGNIZER_LINES_FILE = "recognizer_sentences.yaml"
"""A pack file of lines written the way people ask (built by ``scripts/build_recognizer_sentences.py``
from the paraphrase sets' tuning parts): lists ``knowledge``, ``control`` and ``out_of_domain``, and from the
safety set's tuning parts ``red_flag`` (emergency and crisis reports in everyday words) and ``near_miss``."""

RECOGNIZER_LINE_WEIGHTS = {"knowledge": 1, "control": 1, "out_of_domain": 1, "red_flag": 2, "near_miss": 1}
"""How many times each list of :data:`RECOGNIZER_LINES_FILE` counts in the main vocabulary's
language model (0: not used; measured in docs/recognition.md, seventh session). ``red_flag`` x 2 and
``near_miss`` x 1 (docs/spoken-rejection.md, "Eleventh round"): spoken red flags caught in kitchen noise at 10 dB
82.4 -> 92.6 % on a tuning part (cross-fitted), 77.9 -> 88.2 % and 83.8 -> 88.2 % on two held-out halves
(synthetic voices); near misses flagged 10 -> 7 and 7 -> 12 of 32; +1.3 s CPU and +10 MB on the first start only."""

RECOGNIZER_CONTROLS_IN_ROUTINE = 0
"""How many times the file's control lines count in the "routine" vocabulary (0: not used). 1 measured twice
(docs/recognition.md, "Eighteenth round"): routine controls held out 73.9 -> 81.0 % clean, 59.2 -> 65.5 % kitchen,
but red flags said during a routine held out 56 -> 54 of 60 clean and 52 -> 50 kitchen caught (synthetic voices),
even with the interpreter's routine rules (``interpret_safety.PAIN_SUSPECTED_AT``, ``ROUTINE_SUSPECTED_AT``): kept 0."""

RECOGNIZER_SAFETY_IN_ROUTINE = 0
"""How many times the pack's safety sentences and the file's ``red_flag`` lines count in the "routine" vocabulary
(0: not used): with :data:`RECOGNIZER_CONTROLS_IN_ROUTINE`, a red flag said during a routine is otherwise decoded
against command lines only (docs/recognition.md, "Eighteenth round", second round; tuning only)."""


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




_SENTENCE_SOURCES = ("nlu", "content", "lang", "stt", "routines", "packs/defaults")
"""Folders of the package whose code (or data) makes the vocabularies' sentences (see
:meth:`Engine.source_fingerprint`)."""

MIN_GENERATED_WORD_ZIPF = 2.3
"""A word of a generated red-flag phrase must be at least this common in English (wordfreq Zipf
scale): "antifreeze" (2.6) and "anaphylaxis" (2.6) pass, the stems "suicid" and "convuls" (0) and
"chok" (2.1) do not."""


def _is_english_word(word: str) -> bool:
    from voice_guide.lang.en import ENGLISH

    return ENGLISH.rarity(word) >= MIN_GENERATED_WORD_ZIPF


class Engine:
    """Models loaded once and shared: the pack, understanding, recognizer, routines and replies.

    The recognizer is not thread-safe: :meth:`transcribe` serializes calls with a lock, so
    several conversations can share one engine.
    """

    def __init__(self, pack: ContentPack | None = None, backend: str = "pocketsphinx",
                 vosk_model: Path | None = None, cache_dir: Path | None = None) -> None:
        self.pack = pack or load_pack()
        self._source_fingerprint: str | None = None
        derived = self._derived()
        self.understander: Understander = derived.understander
        self.interpreter = Interpreter(self.understander)
        self.responses = Responses.for_pack(self.pack.root, self.pack.title)
        self.grammar: GrammarMatcher | None = derived.grammar
        self.backend = backend
        self.vosk_model = vosk_model
        self.cache_dir = cache_dir
        self.wake_phrase = DEFAULT_WAKE_PHRASE
        self._routines = derived.routines
        self.routine_names = tuple(RoutineName(r.id, r.title) for r in self._routines.values())
        self.routine_texts = self._load_routine_texts()
        self._recognizer: Any = None
        self._lock = threading.RLock()

    def _derived(self) -> Derived:
        """The understanding, grammar and routines: from the derived-data cache
        (:mod:`voice_guide.core.cache`) when nothing they are made from has changed, built otherwise."""
        from voice_guide.engine_cache import Derived, load_derived, save_derived

        key = self.derived_key()
        found = load_derived(self.pack, key) if key is not None else None
        if found is not None:
            for problem in found.problems:
                _LOGGER.warning("routine not loaded: %s", problem)
            return found
        understander = Understander(self.pack)
        grammar = None
        if self.pack.grammar:  # grammar packs (issue 12)
            from voice_guide.nlu.grammar import GrammarMatcher

            grammar = GrammarMatcher(self.pack)
        routines, problems = self._load_routines()
        built = Derived(understander, grammar, routines, problems)
        if key is not None:
            save_derived(self.pack, key, built)
        return built

    def derived_key(self) -> str | None:
        """The derived-data cache key of this engine's understanding, grammar and routines (see
        :func:`voice_guide.engine_cache.derived_key`); None for a pack built in memory."""
        from voice_guide.engine_cache import derived_key

        return derived_key(self.pack, self.source_fingerprint())

    def _load_routines(self) -> tuple[dict[str, Any], list[str]]:
        if self.pack.routines_dir is None:
            return {}, []
        from voice_guide.routines.loader import load_routines

        routines, problems = load_routines(self.pack.routines_dir)
        for problem in problems:
            _LOGGER.warning("routine not loaded: %s", problem)
        return dict(routines), [str(p) for p in problems]

    def _load_routine_texts(self) -> Any:
        if self.pack.routines_dir is None:
            return None
        from voice_guide.routines.texts import load_texts

        return load_texts(self.pack.routines_dir)

    def routine(self, name: str) -> Any:
        """The routine called ``name`` (its id or an alias)."""
        from voice_guide.routines.model import get_routine

        return get_routine(self._routines, name)

    # --- understanding --------------------------------------------------
    def understand(self, text: str, state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """Typed text to an intent (safety first), understood in dialogue ``state``."""
        return self.understander.understand(text, state)

    def interpret(self, text: str, asr_confidence: float, alternatives: tuple[tuple[str, float], ...] = (),
                  state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """A transcript with its confidence and n-best list to an intent (see :class:`Interpreter`)."""
        return self.interpreter.interpret(text, asr_confidence, alternatives, state)

    def second_opinion(self, match: IntentMatch, pcm: bytes, asr_confidence: float = 1.0,
                       state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """``match`` of the utterance ``pcm`` said in dialogue ``state`` checked by hearing it again, when the
        interpreter wants that (:meth:`Interpreter.second_opinion`; PocketSphinx only)."""
        floor = getattr(getattr(self.recognizer, "denoiser", None), "floor_dbfs", None)  # the main decode's room
        if not self.interpreter.wants_second_opinion(match, asr_confidence, floor):
            return match
        from voice_guide.nlu import interpret_rescue as interpret_rules
        from voice_guide.stt.pocketsphinx.keywords import hear_again

        with self._lock:
            heard = hear_again(self.recognizer, self._safety_phrases, pcm)
        if heard is None:
            return match
        second = SecondHearing(*heard)
        models = getattr(getattr(self.recognizer, "inner", None), "models", None)
        if interpret_rules.SOUND_ALIKE_MAX_SHARE and self.interpreter.sounds is None and models is not None:
            from voice_guide.nlu.interpret_sounds import read_pronunciations  # red-flag sound-alikes (off by default)

            self.interpreter.use_pronunciations(read_pronunciations(str(models.dict_path)))
        match = self.interpreter.second_opinion(match, second, asr_confidence, state)
        if self.interpreter.wants_raw_hearing(match, second):  # a noisy room: hear the raw audio too, red flags only
            with self._lock:
                raw = hear_again(self.recognizer, self._safety_phrases, pcm, front_end=False)
                inner = getattr(self.recognizer, "inner", None) if interpret_rules.RAW_MAIN_DECODE else None
                t = inner.transcribe(pcm) if inner is not None else None
            hypotheses = ((t.text, t.confidence), *t.alternatives) if t is not None else ()
            match = self.interpreter.raw_opinion(match, None if raw is None else SecondHearing(*raw), hypotheses, state)
        return match

    def _safety_phrases(self) -> list[str]:
        return self.understander.safety_sentences() + self._red_flag_pattern_sentences()

    # --- recognizer ------------------------------------------------------
    def vocabularies(self) -> list[Any]:
        """The phrase sets the recognizer is built for: everything, and the routine commands."""
        from voice_guide.stt import DomainVocabulary

        lexicon = self.pack.pronunciations_path
        grammar_sentences = self.grammar.sentences() if self.grammar is not None else []  # grammar packs (issue 12)
        safety_extra = self.understander.safety_sentences() * max(0, SAFETY_SENTENCE_WEIGHT - 1)
        if SAFETY_PATTERN_SENTENCES > 0:
            safety_extra += self._red_flag_pattern_sentences()
        lines = self._recognizer_lines()
        asked = [s for kind, weight in RECOGNIZER_LINE_WEIGHTS.items() for s in lines.get(kind, []) * max(0, weight)]
        routine = self.understander.command_sentences(ROUTINE_COMMANDS) or grammar_sentences
        if routine:
            routine = routine + lines.get("control", []) * max(0, RECOGNIZER_CONTROLS_IN_ROUTINE)
            routine = routine + (self.understander.safety_sentences() + lines.get("red_flag", [])) * max(
                0, RECOGNIZER_SAFETY_IN_ROUTINE)
        return [
            DomainVocabulary("main", tuple(self.understander.language_sentences() + grammar_sentences + safety_extra
                                           + asked), lexicon),
            DomainVocabulary("routine", tuple(routine), lexicon),
        ]

    def _recognizer_lines(self) -> dict[str, list[str]]:
        """The pack's :data:`RECOGNIZER_LINES_FILE` lists (empty when the pack has none)."""
        import yaml

        if self.pack.root is None or not (Path(self.pack.root) / RECOGNIZER_LINES_FILE).is_file():
            return {}
        data = yaml.safe_load((Path(self.pack.root) / RECOGNIZER_LINES_FILE).read_text(encoding="utf-8")) or {}
        return {str(k): [str(s) for s in v or []] for k, v in data.items()}

    def source_fingerprint(self) -> str:
        """A digest of everything :meth:`vocabularies` is made from: the pack's files, the code
        that turns them into sentences, the weights above and the word list's version. A
        recognizer cache keyed by it is found without building the sentences (ready time)."""
        if self._source_fingerprint is None:
            self._source_fingerprint = self._fingerprint_sources()
        return self._source_fingerprint

    def _fingerprint_sources(self) -> str:
        import hashlib
        from importlib.metadata import PackageNotFoundError, version

        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent
        roots = ([Path(self.pack.root)] if self.pack.root is not None else []) + [package / d for d in _SENTENCE_SOURCES]
        for root in roots:
            for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        digest.update(Path(__file__).read_bytes())
        try:
            words_version = version("wordfreq")
        except PackageNotFoundError:
            words_version = "?"
        digest.update(repr((SAFETY_SENTENCE_WEIGHT, SAFETY_PATTERN_SENTENCES, MIN_GENERATED_WORD_ZIPF,
                            ROUTINE_COMMANDS, words_version, str(self.pack.root), RECOGNIZER_LINES_FILE, sorted(RECOGNIZER_LINE_WEIGHTS.items()),
                            RECOGNIZER_CONTROLS_IN_ROUTINE, RECOGNIZER_SAFETY_IN_ROUTINE)).encode("utf-8"))
        return digest.hexdigest()

    def _red_flag_pattern_sentences(self) -> list[str]:
        """Phrases the pack's emergency and crisis patterns match (see :data:`SAFETY_PATTERN_SENTENCES`)."""
        from voice_guide.nlu.safety import FindingKind
        from voice_guide.stt.pattern_sentences import sentences_from_patterns

        red = (FindingKind.EMERGENCY, FindingKind.CRISIS)
        patterns = [r.pattern.pattern for c in self.understander.safety.concepts.values() if c.kind in red
                    for r in c.rules if r.spoken]
        return sentences_from_patterns(patterns, per_pattern=SAFETY_PATTERN_SENTENCES, is_word=_is_english_word)

    @property
    def recognizer(self) -> Any:
        """The recognizer, loaded on first use and kept."""
        with self._lock:
            if self._recognizer is None:
                from voice_guide.stt import load_recognizer

                if self.grammar is not None and not self.pack.sections and self.backend == "pocketsphinx":
                    # grammar-only packs decode against their grammar (issue 12; measured in docs/real-speech.md)
                    from voice_guide.stt.pocketsphinx.grammar_backend import load_grammar_recognizer

                    self._recognizer = load_grammar_recognizer(
                        self.vocabularies(), {"main": self.grammar.to_fsg()}, cache_dir=self.cache_dir,
                        bias=self.grammar.decoder_bias,
                    )
                    return self._recognizer
                self._recognizer = load_recognizer(
                    self.backend, self.vocabularies, cache_dir=self.cache_dir, vosk_model=self.vosk_model,
                    source_fingerprint=self.source_fingerprint(),
                )
            return self._recognizer

    def transcribe(self, pcm: bytes, vocabulary: str = "main") -> Transcript:
        """Recognize 16 kHz mono 16-bit PCM with one of the phrase sets (serialized)."""
        with self._lock:
            recognizer = self.recognizer
            recognizer.use(vocabulary)
            try:
                return recognizer.transcribe(pcm)
            finally:
                recognizer.use("main")

    def new_conversation(self, **options: Any) -> Conversation:
        """A conversation over this engine (options: see :class:`Conversation`)."""
        return Conversation(self, **options)


class QAPipeline:
    """One engine and one conversation: text or audio in, :class:`Result` out (``ask``, demo, scripts)."""

    def __init__(self, pack: ContentPack | None = None, backend: str = "pocketsphinx",
                 vosk_model: Path | None = None, cache_dir: Path | None = None, engine: Engine | None = None) -> None:
        self.engine = engine or Engine(pack, backend=backend, vosk_model=vosk_model, cache_dir=cache_dir)
        self.conversation = self.engine.new_conversation()

    @property
    def pack(self) -> ContentPack:
        """The content pack."""
        return self.engine.pack

    @property
    def understander(self) -> Understander:
        """The understanding."""
        return self.engine.understander

    @property
    def interpreter(self) -> Interpreter:
        """The engine's interpreter of spoken transcripts."""
        return self.engine.interpreter

    @property
    def guide(self) -> Guide:
        """The conversation's article dialogue."""
        return self.conversation.guide

    @property
    def backend(self) -> str:
        """The recognizer backend's name."""
        return self.engine.backend

    @property
    def recognizer(self) -> Any:
        """The engine's recognizer."""
        return self.engine.recognizer

    def vocabularies(self) -> list[Any]:
        """The engine's phrase sets."""
        return self.engine.vocabularies()

    def interpret(self, text: str, asr_confidence: float, alternatives: tuple[tuple[str, float], ...] = (),
                  state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """See :meth:`Engine.interpret`."""
        return self.engine.interpret(text, asr_confidence, alternatives, state)

    def reset(self) -> None:
        """Forget the conversation so far (each ``ask`` input is answered on its own)."""
        self.conversation.reset()

    def start_over(self) -> None:
        """A new conversation with the default settings too (benchmarks: no setting, routine or
        pending question misheard in one utterance may change how the next is answered)."""
        self.conversation = self.engine.new_conversation()

    # --- answering -------------------------------------------------------
    def ask_text(self, text: str) -> Result:
        """Answer a typed question."""
        t0 = time.perf_counter()
        match = self.engine.understand(text, self.conversation.dialogue_state)
        t1 = time.perf_counter()
        answer = self.conversation.grammar_answer(match, [(text, 1.0)]) or self.conversation.handle(match)
        t2 = time.perf_counter()
        return self._result(text, None, None, answer, 0.0, (t1 - t0) * 1000, (t2 - t0) * 1000)

    def ask_audio(self, path: str | Path) -> Result:
        """Answer a question recorded in an audio file. Bad files give a Result with ``error``."""
        from voice_guide.audio.files import read_audio

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
        match = self.engine.interpret(transcript_text, asr_conf, alternatives, self.conversation.dialogue_state)
        hypotheses = [(transcript_text, asr_conf), *alternatives]
        answer = self.conversation.grammar_answer(match, hypotheses)
        t2 = time.perf_counter()
        if answer is None or answer.intent == "fallback":  # an order the pack's grammar took is not heard again
            if not clip.is_silent():
                match = self.engine.second_opinion(match, clip.pcm, asr_conf, self.conversation.dialogue_state)
            t2 = time.perf_counter()
            answer = self.conversation.grammar_answer(match, hypotheses) or self.conversation.handle(match)
        t3 = time.perf_counter()
        return self._result(label, transcript_text, asr_conf, answer, (t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t0) * 1000)

    def _result(self, label: str, transcript: str | None, asr_conf: float | None, answer: Response,
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
