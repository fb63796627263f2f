"""A live spoken session: listen, understand, answer aloud, and keep listening while speaking.

:class:`LiveSession` runs the whole loop over any :class:`~voice_guide.audio.sources.AudioSource`
(a microphone, or a file streamed in real time) and any
:class:`~voice_guide.audio.sinks.AudioSink`. Devices stay at the edge; the session itself is a
step-wise loop that a test can drive chunk by chunk (:meth:`LiveSession.step`) on an
injected clock. One step:

1. read a chunk from the source;
2. remove the guide's own voice from it (:mod:`voice_guide.audio.echo`: the session knows what
   it played and when, so an adaptive filter subtracts it, and a gate keeps the residual
   from the end-of-speech detector);
3. feed two pure end-of-speech detectors (:class:`~voice_guide.audio.vad.Endpointer`): the
   normal one (700 ms of silence ends a phrase) and a quick one (``barge_in_silence_ms``,
   about 200 ms). While the guide speaks, the quick one decides, so "stop" cuts the
   speech within about 250 ms of the end of the word. While the guide is silent, the quick
   one gives an early look at the phrase (its transcript and the "understood" tone come
   while the normal detector still waits), and the normal one has the last word;
4. stream the phrase into the recognizer as it arrives (from the detector's pre-roll), so
   the transcript is ready a few milliseconds after the end is decided; a short phrase
   over the guide's speech that the phrase sets do not hear as a command is checked by a
   small keyword decoder for "stop", "pause" and "wait" (:mod:`voice_guide.stt.pocketsphinx.keywords`);
5. interpret, answer, and speak: each sentence is rendered just before it is due, so
   "slower" or "louder" is heard on the very next sentence; playback can be cut at once.

Voice commands the understander has no intents for are handled here as simple phrases
(matched on short transcripts and on typed input):

* "brief answers" / "short answers" and "full answers" / "longer answers" (verbosity);
* "sounds off" / "tones off" / "earcons off" and "... on" (earcons);
* "push to talk", "always listen", "use the wake word" (listening mode);
* "change voice" / "other voice" (cycles through a few installed voices).

The recognizer's phrase sets do not hold "earcons" or "brief", so those are reliable only
when typed; "sounds off", "longer answers" and the mode phrases are usually recognised.

Listening modes: ``always`` (every phrase), ``push_to_talk`` (a phrase only after
:meth:`LiveSession.press_to_talk`, e.g. Enter on the keyboard), ``wake`` (a phrase that
starts with the wake phrase, or a follow-up within ``followup_window_ms`` of an answer).
In every mode, while the guide speaks, "stop", "pause", "wait", "quieter"... act at once.

Misses escalate: nothing heard within ``listen_window_ms`` after a prompt (or an empty
transcript), or nothing understood, is answered differently each time and more
specifically (with example questions from the pack); after the third miss in a row the
guide says how to call it and goes quiet until called again (any understood phrase in
``always`` mode, the wake phrase, or a key press).

Text output is plain lines in reading order ("Listening.", "Heard: ...", "Answer: ..."),
never colour, spinners or box drawing, so it reads well with a screen reader (``NO_COLOR``
is honoured by having no colour at all).
"""

from __future__ import annotations

import argparse
import logging
import math
import queue
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from voice_guide.audio.echo import EchoSettings, EchoSuppressor, PlaybackReference
from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, AudioClip
from voice_guide.audio.vad import Endpointer, EndpointSettings, SpeechDiscarded, SpeechEnded, SpeechStarted
from voice_guide.config import LISTENING_MODES, ConfigStore, UserConfig
from voice_guide.core.errors import AudioError, VoiceGuideError
from voice_guide.tts.speaker import SpeechSettings

_LOGGER = logging.getLogger(__name__)

BARGE_IN_CUT_INTENTS = frozenset({"stop", "pause", "exit", "emergency", "pain"})
"""Intents that cut the guide's speech at once when heard over it."""

BARGE_IN_SETTING_INTENTS = frozenset({"slower", "faster", "louder", "quieter"})
"""Intents that act over the guide's speech without cutting it (the next sentence changes)."""

ROUTINE_COMMAND_INTENTS = {
    "pause": "pause",
    "resume": "resume",
    "repeat": "repeat",
    "next": "next",
    "previous": "previous",
    "slower": "slower",
    "faster": "faster",
    "stop": "stop",
    "exit": "stop",
    "help": "help",
    "yes": "yes",
    "no": "no",
    "pain": "pain",
    "emergency": "pain",
}
"""Understood intent -> routine player command, while a routine runs."""

BARGE_IN_KEYWORDS = {
    "stop": "stop", "halt": "stop", "enough": "stop", "quiet": "stop", "hush": "stop", "silence": "stop",
    "cancel": "stop", "pause": "pause", "wait": "pause",
}
"""Words that cut the guide's speech when they are anywhere in a short phrase heard over it
(the recognizer often adds a word from the echo's remains: "read stop", "quit stop you")."""

KEYWORD_MIN_CONFIDENCE = 0.15
"""Confidence enough for a phrase of one or two words holding a barge-in keyword."""

KEYWORD_PRE_ROLL_MS = 200.0
KEYWORD_POST_ROLL_MS = 150.0
"""Audio before the phrase's (detected) start and after its end given to the keyword spotter."""

BARGE_IN_KEYWORD_MAX_WORDS = 4
"""Keywords count only in phrases this short."""

VOICE_CHOICES: tuple[str | None, ...] = (None, "en-us+f3", "en-gb", "en-us+m3")
"""Voices "change voice" cycles through (None: the engine's default)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")

_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("verbosity:brief", re.compile(r"\b(brief|short|shorter|short her)\s+(answers?|answer is)\b|\bbe brief\b|\bless detail\b")),
    ("verbosity:full", re.compile(r"\b(full|long|longer|detailed)\s+answers?\b|\bmore detail\b")),
    ("earcons:off", re.compile(r"\b(earcons?|sounds?|tones?|beeps?|chimes?)\s+off\b|\bno (sounds|tones|beeps|chimes)\b")),
    ("earcons:on", re.compile(r"\b(earcons?|sounds?|tones?|beeps?|chimes?)\s+on\b")),
    ("mode:push_to_talk", re.compile(r"\bpush to talk\b")),
    ("mode:always", re.compile(r"\balways listen(ing)?\b")),
    ("mode:wake", re.compile(r"\b(use the |use a )?wake (word|phrase)\b")),
    ("voice:next", re.compile(r"\b(change|switch|other|another|different|next) (the )?voice\b")),
)
"""Live-only voice commands (see the module doc), on the lower-case transcript."""

PHRASE_MAX_WORDS = 6
"""Live-only phrases are looked for only in transcripts this short (no false hits in questions)."""


class NoMicrophoneError(VoiceGuideError):
    """There is no microphone: the caller should fall back to typed questions (the message is one line)."""


@dataclass(frozen=True)
class LiveSettings:
    """How the live loop behaves (not the listener's preferences: see :class:`~voice_guide.config.UserConfig`)."""

    barge_in_silence_ms: int = 210
    """Silence that ends a phrase spoken over the guide (and gives the early look at other phrases)."""

    listen_window_ms: int = 8000
    """After a prompt, this long without speech counts as "nothing heard"."""

    followup_window_ms: int = 8000
    """In wake mode, a phrase this soon after the guide stopped speaking needs no wake phrase."""

    max_misses: int = 3
    """Misses in a row after which the guide goes quiet until called again."""

    min_barge_in_confidence: float = 0.3
    """Recognizer confidence a phrase over the guide's speech needs to be acted on."""

    speaking_tail_ms: int = 250
    """After the last sample played, the guide still counts as speaking (room echo)."""

    lookahead_ms: int = 150
    """The next sentence is rendered and queued this long before the current one ends."""

    routine_tick_ms: int = 100
    """Routine time between ticks while nothing is being said."""

    second_pass_min_ms: int = 1200
    """In a routine, a phrase at least this long that the command phrase set did not
    understand is decoded again with the full phrase set (it may be a question)."""

    recognizer_pre_roll_ms: int = 700
    """Audio before the detected start of speech given to the recognizer. More than the
    detector's own pre-roll: PocketSphinx estimates each phrase's cepstral mean from its
    start, and short words ("pause", "yes") are recognised far better with some quiet
    before them (measured: "pause" heard as "was" with 300 ms, as "pause" with 700 ms)."""

    greeting: bool = True
    """Say a greeting (with how to ask) when the session starts."""

    keyword_spotting: bool = True
    """Over the guide's speech, a short phrase the phrase sets did not hear as a command is
    checked by a small keyword decoder for "stop", "pause" and "wait" (:mod:`voice_guide.stt.pocketsphinx.keywords`)."""

    keyword_max_phrase_ms: int = 1500
    """Phrases longer than this are not checked for a lone barge-in word."""

    echo: EchoSettings = field(default_factory=EchoSettings)
    """Self-voice suppression settings."""

    def __post_init__(self) -> None:
        for name in ("barge_in_silence_ms", "keyword_max_phrase_ms", "listen_window_ms", "recognizer_pre_roll_ms", "followup_window_ms", "speaking_tail_ms",
                     "lookahead_ms", "routine_tick_ms", "second_pass_min_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise VoiceGuideError(f"{name} must be a whole number of milliseconds, 0 or more, not {value!r}")
        if self.barge_in_silence_ms < 30:
            raise VoiceGuideError(f"barge_in_silence_ms must be at least 30, not {self.barge_in_silence_ms}")
        if isinstance(self.max_misses, bool) or not isinstance(self.max_misses, int) or self.max_misses < 1:
            raise VoiceGuideError(f"max_misses must be a whole number of at least 1, not {self.max_misses!r}")


@dataclass
class SpokenLine:
    """One clip the session played: a sentence or an earcon."""

    text: str
    """The sentence, or ``(sound: NAME)`` for an earcon."""

    kind: str
    """``speech`` or ``earcon``."""

    turn: int | None
    """Index in :attr:`LiveSession.turns` of the phrase this answers (None: greeting, routine, reprompt timer)."""

    queued_at_s: float
    """Clock time it was handed to the sink."""

    start_s: float
    """Clock time its first sample sounds."""

    end_s: float
    """Clock time it stops sounding: its end, or the cut."""

    cut: bool = False
    """True when playback was stopped before its end."""


@dataclass
class Turn:
    """One phrase the session heard (or typed input), and what it did about it."""

    speech_start_ms: float
    """Start of the speech, in audio ms since the stream began (0 for typed input)."""

    speech_end_ms: float
    """End of the speech, in audio ms since the stream began (0 for typed input)."""

    decided_at_s: float
    """Clock time the phrase's end was decided and the transcript was ready."""

    transcript: str
    """What was heard (or typed)."""

    asr_confidence: float
    """Recognizer confidence, 0..1 (1 for typed input)."""

    during_playback: bool
    """True when it began while the guide was speaking (a barge-in)."""

    intent: str = ""
    """What it was understood as (``""`` when it was not acted on)."""

    outcome: str = ""
    """``answered``, ``barge_in``, ``setting``, ``routine``, ``ignored``, ``not_understood``,
    ``nothing_heard``, ``wake`` or ``dormant``."""

    response: str = ""
    """The text spoken in response."""

    section_id: str | None = None
    """For an answer from the article: its section."""

    endpoint_at_ms: float = 0.0
    """When the end of the phrase was decided, in audio ms since the stream began (0 for typed input)."""


@dataclass(frozen=True)
class LiveResult:
    """How a session ended."""

    reason: str
    """``exit`` (the user said goodbye) or ``end_of_input`` (the source ran out)."""

    turns: int
    """Phrases heard."""

    audio_ms: float
    """Audio read from the source."""


class FastForwardClock:
    """A clock for running a session faster than real time without lying about processing time.

    ``now()`` is real elapsed time (``time.perf_counter``) plus every second "slept";
    ``sleep(s)`` returns at once and adds ``s``. A paced source and a recording sink on this
    clock behave as in real time, except that waiting costs nothing: every millisecond the
    session spends working still shows in the timings.
    """

    def __init__(self, start_s: float = 0.0, count_processing: bool = True) -> None:
        self._origin = time.perf_counter()
        self._skipped = float(start_s)
        self._lock = threading.Lock()
        self.count_processing = count_processing
        """False: processing takes no time at all (a purely virtual clock; runs are repeatable)."""

    def now(self) -> float:
        """Seconds: real time elapsed since creation (when counted) plus time slept."""
        with self._lock:
            if not self.count_processing:
                return self._skipped
            return time.perf_counter() - self._origin + self._skipped

    __call__ = now

    def sleep(self, seconds: float) -> None:
        """Move on by ``seconds`` at once."""
        if seconds > 0:
            with self._lock:
                self._skipped += float(seconds)


@dataclass
class _Utterance:
    owner: str  # "main" or "quick"
    start_sample: int  # first sample streamed to the recognizer (pre-roll included)
    speech_start_ms: float
    during_playback: bool
    fed_until: int = 0
    decoding: bool = False
    vocabulary: str = "main"
    early: Any = None  # (speech_end_ms, end_sample, Transcript) from the quick detector
    early_understood: bool = False
    resumed: bool = False


@dataclass
class _Pending:
    """A sentence or an earcon waiting to be played."""

    text: str
    kind: str
    turn: int | None


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order (an answer is spoken, and can change speed, sentence by sentence)."""
    parts = [p.strip() for p in _SENTENCE_END.split(" ".join(text.split())) if p.strip()]
    return parts or ([text.strip()] if text.strip() else [])


def live_phrase(text: str) -> str | None:
    """The live-only command in a short transcript (``"earcons:off"``...), or None."""
    words = text.lower().split()
    if not words or len(words) > PHRASE_MAX_WORDS:
        return None
    cleaned = " ".join(re.sub(r"[^a-z' ]", " ", text.lower()).split())
    for name, pattern in _PHRASES:
        if pattern.search(cleaned):
            return name
    return None


def barge_in_keyword(text: str) -> str | None:
    """``stop`` or ``pause`` when a short phrase holds one of :data:`BARGE_IN_KEYWORDS`."""
    words = re.sub(r"[^a-z' ]", " ", text.lower()).split()
    if not words or len(words) > BARGE_IN_KEYWORD_MAX_WORDS:
        return None
    found = [BARGE_IN_KEYWORDS[w] for w in words if w in BARGE_IN_KEYWORDS]
    if not found:
        return None
    return "stop" if "stop" in found else found[0]


def match_wake(text: str, wake_phrase: str, alternatives: Iterable[tuple[str, float]] = ()) -> str | None:
    """What follows the wake phrase in ``text`` (``""`` when nothing does), or None without one.

    The recognizer often hears "hey guide" as "a guide", "they guide" or "take guide", so
    the wake phrase counts when its last word (the distinctive one) is among the first
    ``len(phrase) + 1`` words of the transcript or of one of its alternatives.
    """
    wake = wake_phrase.lower().split()
    if not wake:
        return None
    key = wake[-1]
    for hyp in [text] + [a[0] for a in alternatives]:
        words = hyp.lower().split()
        for i, word in enumerate(words[: len(wake) + 1]):
            if word == key:
                return " ".join(text.lower().split()[i + 1 :]) if hyp == text else _rest_after(text, len(wake))
    return None


def _rest_after(text: str, n_words: int) -> str:
    return " ".join(text.split()[n_words:])


class LiveSession:
    """A spoken conversation over one audio source and one sink; see the module doc.

    ``settings`` are the listener's speech settings (changed by voice; saved through
    ``store`` when one is given). ``clock`` must be the clock the source paces on and the
    sink plays on. ``on_text`` gets each plain output line.
    """

    def __init__(
        self,
        pipeline: Any,
        source: Any,
        sink: Any,
        speaker: Any,
        settings: SpeechSettings | None = None,
        *,
        mode: str = "always",
        wake_phrase: str = "hey guide",
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        endpoint: EndpointSettings = EndpointSettings(),
        on_text: Callable[[str], None] = print,
        store: ConfigStore | None = None,
        live: LiveSettings | None = None,
    ) -> None:
        if mode not in LISTENING_MODES:
            raise VoiceGuideError(f"listening mode must be one of {', '.join(LISTENING_MODES)}, not {mode!r}")
        if not isinstance(wake_phrase, str) or not wake_phrase.split():
            raise VoiceGuideError(f"the wake phrase must be a few words, not {wake_phrase!r}")
        rate = getattr(source, "sample_rate_hz", SAMPLE_RATE_HZ)
        if rate != SAMPLE_RATE_HZ:
            raise AudioError(f"the live session needs a 16000 Hz source, not {rate} Hz")
        self.pipeline = pipeline
        self.source = source
        self.sink = sink
        self.speaker = speaker
        self.settings = settings or (store.config.speech if store is not None else SpeechSettings())
        """The listener's speech settings now."""
        self.mode = mode
        """Listening mode now."""
        self.wake_phrase = " ".join(wake_phrase.lower().split())
        self.clock = clock
        self._sleep = sleep or (lambda s: time.sleep(max(0.0, s)))
        self.on_text = on_text
        self.store = store
        self.live = live or LiveSettings()
        self.endpoint = endpoint
        quick_ms = min(self.live.barge_in_silence_ms, endpoint.silence_timeout_ms)
        self.quick_endpoint = replace(
            endpoint, silence_timeout_ms=quick_ms, post_roll_ms=min(endpoint.post_roll_ms, quick_ms)
        )
        self._main = Endpointer(endpoint)
        self._quick = Endpointer(self.quick_endpoint)
        self.reference = PlaybackReference(SAMPLE_RATE_HZ, self.live.echo.reference_delay_ms / 1000.0)
        self.echo = EchoSuppressor(self.reference, self.live.echo)
        self.spoken: list[SpokenLine] = []
        """Everything played, in order."""
        self.turns: list[Turn] = []
        """Everything heard, in order."""
        self._ring = bytearray()
        self._ring_start = 0  # sample index of _ring[0]
        self._ring_keep = SAMPLE_RATE_HZ * (endpoint.max_phrase_ms // 1000 + 5)
        self._mic_samples = 0
        self._lags: deque[float] = deque(maxlen=max(1, int(10_000 / 30)))
        self.origin_s: float | None = None
        """Clock time of microphone sample 0 (estimated as chunks arrive)."""
        self._utt: _Utterance | None = None
        self._queue: deque[_Pending] = deque()
        self._play_end_s = float("-inf")
        self._resume_lines: list[str] = []
        self._misses = 0
        self._dormant = False
        self._window_deadline_s: float | None = None
        self._window_opens_on_idle = False
        self._window_prompted = False
        self._mask_until_s = float("-inf")
        self._attention_until_s = float("-inf")
        self._ptt_armed = False
        self._inbox: "queue.Queue[tuple[str, str]]" = queue.Queue()
        self._exiting = False
        self._ended = False
        self._routine: Any = None
        self._routine_origin_s = 0.0
        self._last_tick_s = float("-inf")
        self._voice_index = 0
        self._frame_ms = endpoint.frame_ms
        self._quick_lag = self._lag_samples(self.quick_endpoint)
        self.pipeline.guide.verbosity = self.settings.verbosity
        self._spotter: Any = None
        if self.live.keyword_spotting:
            try:
                from voice_guide.stt.pocketsphinx.keywords import shared_spotter

                self._spotter = shared_spotter()
            except (VoiceGuideError, ImportError) as err:
                _LOGGER.warning("no keyword spotting over speech: %s", err)

    # ------------------------------------------------------------------ public

    def start(self) -> None:
        """Say the greeting and start listening (called by :meth:`run`; call it once before :meth:`step`)."""
        if self.live.greeting:
            self._say(self._greeting(), None)
        if self.mode != "push_to_talk":
            self._open_window(prompted=self.mode == "always")
        self.pipeline.recognizer.use("main")

    def run(self) -> LiveResult:
        """Listen and answer until the user says goodbye or the source runs out."""
        self.start()
        try:
            while self.step():
                pass
        finally:
            self.finish()
        return LiveResult("exit" if self._exiting else "end_of_input", len(self.turns), 1000.0 * self._mic_samples / SAMPLE_RATE_HZ)

    def press_to_talk(self) -> None:
        """The talk key was pressed (thread-safe): cut any speech and listen for one phrase."""
        self._inbox.put(("press", ""))

    def submit_text(self, text: str) -> None:
        """A typed question or command (thread-safe): handled like a phrase heard clearly."""
        self._inbox.put(("text", text))

    @property
    def routine_player(self) -> Any:
        """The routine player while a routine runs, else None."""
        return self._routine

    @property
    def dormant(self) -> bool:
        """True after too many misses, until called again."""
        return self._dormant

    def is_speaking(self, now: float | None = None) -> bool:
        """True while the guide is speaking (or has more queued)."""
        t = self.clock() if now is None else now
        return bool(self._queue) or t < self._play_end_s + self.live.speaking_tail_ms / 1000.0

    def step(self) -> bool:
        """Read and handle one chunk; False once the session is over."""
        if self._ended:
            return False
        self._drain_inbox()
        if self._exiting and not self.is_speaking():
            self._ended = True
            return False
        chunk = self.source.read()
        now = self.clock()
        if chunk is None:
            self._end_of_stream()
            return False
        n = len(chunk) // SAMPLE_WIDTH_BYTES
        if n == 0:
            return True
        self._update_origin(now, n)
        assert self.origin_s is not None
        t0 = self.origin_s + self._mic_samples / SAMPLE_RATE_HZ
        self._mic_samples += n
        result = self.echo.process(chunk[: n * SAMPLE_WIDTH_BYTES], t0)
        if result.cleaned:
            self._append_ring(result.start_sample, result.cleaned)
            heard = result.gated
            if self._mask_until_s > t0 and self._utt is not None:
                # Our own early "understood" tone is playing in the phrase's closing silence.
                heard = bytes(len(heard))
            quick_events = self._quick.feed(heard)
            main_events = self._main.feed(heard)
            self._on_events(quick_events, main_events, now)
            self._stream_recognizer()
        self._housekeeping(self.clock())
        return not self._ended

    def finish(self) -> None:
        """Let queued speech play out (the last answer is heard), then stop."""
        deadline = self.clock() + 120.0
        while (self._queue or self.clock() < self._play_end_s) and self.clock() < deadline:
            self._pump_speech(self.clock())
            wait = max(0.0, min(0.05, self._play_end_s - self.clock()))
            if wait <= 0 and not self._queue:
                break
            self._sleep(wait if wait > 0 else 0.01)
        try:
            self.sink.wait()
        except Exception as err:  # noqa: BLE001 - a device problem at the very end must not hide the session's result
            _LOGGER.debug("waiting for playback: %s", err)

    # ------------------------------------------------------------------ audio in

    def _update_origin(self, now: float, n: int) -> None:
        end_audio_s = (self._mic_samples + n) / SAMPLE_RATE_HZ
        self._lags.append(now - end_audio_s)
        self.origin_s = min(self._lags)

    def _append_ring(self, start_sample: int, pcm: bytes) -> None:
        if not self._ring:
            self._ring_start = start_sample
        self._ring.extend(pcm)
        excess = len(self._ring) // SAMPLE_WIDTH_BYTES - self._ring_keep
        if excess > 0:
            del self._ring[: excess * SAMPLE_WIDTH_BYTES]
            self._ring_start += excess

    def _ring_end(self) -> int:
        return self._ring_start + len(self._ring) // SAMPLE_WIDTH_BYTES

    def _ring_slice(self, start: int, end: int) -> bytes:
        lo = max(start, self._ring_start) - self._ring_start
        hi = max(lo, min(end, self._ring_end()) - self._ring_start)
        return bytes(self._ring[lo * SAMPLE_WIDTH_BYTES : hi * SAMPLE_WIDTH_BYTES])

    def _lag_samples(self, settings: EndpointSettings) -> int:
        f = settings.frame_ms
        lag_ms = math.ceil(settings.silence_timeout_ms / f) * f - math.ceil(settings.post_roll_ms / f) * f
        return max(0, lag_ms) * SAMPLE_RATE_HZ // 1000

    # ------------------------------------------------------------------ endpointing

    def _on_events(self, quick_events: list[Any], main_events: list[Any], now: float) -> None:
        speaking = self.is_speaking(now)
        for event in quick_events:
            utt = self._utt
            if isinstance(event, SpeechStarted):
                if utt is None and speaking:
                    self._open_utterance("quick", event.at_ms, True)
                elif utt is not None and utt.owner == "main" and utt.early is not None and not utt.resumed:
                    utt.resumed = True  # the user went on after a pause: decode again from the start
                    self._restart_stream(utt)
            elif isinstance(event, SpeechEnded):
                if utt is None:
                    continue
                if utt.owner == "quick":
                    self._close_utterance(event)
                elif utt.early is None and not utt.resumed:
                    self._early_look(utt, event)
            elif isinstance(event, SpeechDiscarded) and utt is not None and utt.owner == "quick":
                self._drop_utterance()
        for event in main_events:
            utt = self._utt
            if isinstance(event, SpeechStarted):
                if utt is None and not self.is_speaking(now):
                    self._open_utterance("main", event.at_ms, False)
            elif isinstance(event, SpeechEnded):
                if utt is not None and utt.owner == "main":
                    self._close_utterance(event)
            elif isinstance(event, SpeechDiscarded) and utt is not None and utt.owner == "main":
                self._drop_utterance()

    def _wants_phrases(self, during_playback: bool) -> bool:
        """Whether a phrase starting now would be listened to at all."""
        if during_playback or self.mode != "push_to_talk":
            return True
        return self._ptt_armed

    def _open_utterance(self, owner: str, speech_start_ms: float, during_playback: bool) -> None:
        self._window_deadline_s = None  # something was said
        if not self._wants_phrases(during_playback):
            _LOGGER.debug("phrase at %.0f ms ignored (push to talk not pressed)", speech_start_ms)
            return
        settings = self.quick_endpoint if owner == "quick" else self.endpoint
        start_ms = max(0.0, speech_start_ms - max(settings.pre_roll_ms, self.live.recognizer_pre_roll_ms))
        start_sample = int(start_ms * SAMPLE_RATE_HZ / 1000)
        # Over the guide's speech only commands are acted on: the small command phrase set
        # hears them better through what is left of the echo.
        vocabulary = "routine" if self._routine is not None or during_playback else "main"
        utt = _Utterance(owner, start_sample, speech_start_ms, during_playback, start_sample, vocabulary=vocabulary)
        self._utt = utt
        self._begin_decoding(utt)

    def _begin_decoding(self, utt: _Utterance) -> None:
        recognizer = self.pipeline.recognizer
        recognizer.use(utt.vocabulary)
        recognizer.start()
        utt.decoding = True
        utt.fed_until = utt.start_sample

    def _restart_stream(self, utt: _Utterance) -> None:
        utt.early = None
        utt.early_understood = False
        self._begin_decoding(utt)
        self._stream_recognizer()

    def _stream_recognizer(self) -> None:
        utt = self._utt
        if utt is None or not utt.decoding:
            return
        limit = self._ring_end() - self._quick_lag
        self._feed_to(utt, limit)

    def _feed_to(self, utt: _Utterance, end_sample: int) -> None:
        if end_sample > utt.fed_until:
            pcm = self._ring_slice(utt.fed_until, end_sample)
            if pcm:
                self.pipeline.recognizer.accept(pcm)
            utt.fed_until = end_sample

    def _finish_decoding(self, utt: _Utterance, end_sample: int) -> Any:
        self._feed_to(utt, end_sample)
        utt.decoding = False
        return self.pipeline.recognizer.finish()

    def _early_look(self, utt: _Utterance, event: SpeechEnded) -> None:
        """The quick detector thinks the phrase is over: decode it now, and sound "understood" early."""
        end_sample = int(event.audio_start_ms * SAMPLE_RATE_HZ / 1000) + event.audio.num_samples
        if end_sample < utt.fed_until:
            return
        transcript = self._finish_decoding(utt, end_sample)
        utt.early = (event.speech_end_ms, end_sample, transcript)
        plan = self._classify(transcript.text, transcript.confidence, transcript.alternatives, utt.during_playback)
        if plan == "act" and self.settings.earcons and not self.is_speaking():
            utt.early_understood = True
            self._earcon("understood", None)
            self._mask_until_s = self._play_end_s + self.live.speaking_tail_ms / 1000.0

    def _close_utterance(self, event: SpeechEnded) -> None:
        utt = self._utt
        assert utt is not None
        self._utt = None
        end_sample = int(event.audio_start_ms * SAMPLE_RATE_HZ / 1000) + event.audio.num_samples
        if utt.early is not None and not utt.resumed and utt.early[0] == event.speech_end_ms:
            transcript = utt.early[2]
        elif utt.decoding and utt.start_sample <= int(event.audio_start_ms * SAMPLE_RATE_HZ / 1000) + 1:
            transcript = self._finish_decoding(utt, end_sample)
        else:
            if utt.decoding:
                self.pipeline.recognizer.finish()
            self.pipeline.recognizer.use(utt.vocabulary)
            transcript = self.pipeline.recognizer.transcribe(self._ring_slice(utt.start_sample, end_sample))
        now = self.clock()
        turn = Turn(utt.speech_start_ms, event.speech_end_ms, now, transcript.text, float(transcript.confidence),
                    utt.during_playback, endpoint_at_ms=event.at_ms)
        audio = self._ring_slice(utt.start_sample, end_sample)
        self._handle(turn, transcript, audio, utt)

    def _drop_utterance(self) -> None:
        utt = self._utt
        self._utt = None
        if utt is not None and utt.decoding:
            try:
                self.pipeline.recognizer.finish()
            except VoiceGuideError:
                pass

    def _end_of_stream(self) -> None:
        ended = self._main.flush()
        quick = self._quick.flush()
        utt = self._utt
        if utt is not None:
            event = ended if utt.owner == "main" else quick
            if isinstance(event, SpeechEnded):
                self._close_utterance(event)
            else:
                self._drop_utterance()
        self._ended = True

    # ------------------------------------------------------------------ understanding

    def _classify(self, text: str, confidence: float, alternatives: Any, during_playback: bool) -> str:
        """``act`` / ``ignore`` / ``miss`` for a transcript, without side effects (for the early look)."""
        if not text.strip():
            return "miss"
        if self.mode == "wake" and not during_playback and not self._attending():
            if match_wake(text, self.wake_phrase, alternatives) is None:
                return "ignore"
        if live_phrase(text):
            return "act"
        match = self.pipeline.interpret(text, confidence, tuple(alternatives))
        if during_playback:
            if barge_in_keyword(text) is not None:
                return "act" if confidence >= KEYWORD_MIN_CONFIDENCE else "ignore"
            ok = match.intent in BARGE_IN_CUT_INTENTS | BARGE_IN_SETTING_INTENTS
            return "act" if ok and confidence >= self.live.min_barge_in_confidence else "ignore"
        return "miss" if match.intent == "fallback" else "act"

    def _answer(self, match: Any) -> Any:
        """The guide's answer; speech settings are acknowledged here until the session runs on a Conversation."""
        if match.intent in ("slower", "faster", "louder", "quieter"):
            from voice_guide.core.types import Response

            return Response(match.intent.capitalize() + ".", match.intent, match.confidence, action=match.intent)
        if match.intent == "start_routine":
            from voice_guide.core.types import Response

            text = self.pipeline.engine.responses.text("start_routine", routine=match.slots.get("routine", ""))
            return Response(text, match.intent, match.confidence, dict(match.slots), action="start_routine")
        return self.pipeline.guide.answer(match)

    def _attending(self) -> bool:
        """Wake mode: within a follow-up window (no wake phrase needed)."""
        return self.clock() < self._attention_until_s

    def _handle(self, turn: Turn, transcript: Any, audio: bytes, utt: _Utterance | None) -> None:
        self.turns.append(turn)
        index = len(self.turns) - 1
        text = turn.transcript
        alternatives = tuple(getattr(transcript, "alternatives", ()) or ())
        confidence = turn.asr_confidence
        early_earcon = utt.early_understood if utt is not None else False

        # Wake mode: only phrases that start with the wake phrase (or follow-ups, or emergencies).
        if self.mode == "wake" and not turn.during_playback and not self._attending() and utt is not None:
            rest = match_wake(text, self.wake_phrase, alternatives)
            if rest is None:
                match = self.pipeline.interpret(text, confidence, alternatives)
                if match.intent not in ("emergency", "pain"):
                    turn.outcome = "ignored"
                    _LOGGER.debug("no wake phrase in %r", text)
                    return
            else:
                self._wake_up()
                if not rest.strip():
                    turn.outcome = "wake"
                    self.on_text(f"Heard: {text}")
                    self._respond(index, "Yes?", earcon="listening" if not early_earcon else None)
                    self._open_window(prompted=True)
                    return
                text, alternatives = rest, ()
        if self.mode == "push_to_talk" and not turn.during_playback and utt is not None:
            self._ptt_armed = False

        if turn.during_playback:
            self._barge_in(turn, index, text, confidence, alternatives, audio, utt)
            return

        self.on_text(f"Heard: {text or '(nothing)'}")
        if not text.strip():
            turn.outcome = "nothing_heard"
            self._miss("nothing_heard", index)
            return
        phrase = live_phrase(text)
        if phrase is not None:
            turn.intent, turn.outcome = phrase, "setting"
            self._phrase_setting(phrase, index, early_earcon)
            return
        match = self.pipeline.interpret(text, confidence, alternatives)
        if self._routine is not None:
            self._routine_phrase(turn, index, match, text, audio, early_earcon)
            return
        turn.intent = match.intent
        if match.intent == "fallback":
            turn.outcome = "dormant" if self._dormant else "not_understood"
            self._miss("not_understood", index)
            return
        self._success()
        answer = self._answer(match)
        turn.section_id = answer.section_id
        self._act(turn, index, answer, early_earcon)

    def _act(self, turn: Turn, index: int, answer: Any, early_earcon: bool) -> None:
        """Carry out an understood answer: its action, then speak it."""
        action = answer.action
        text = answer.text
        turn.outcome = "answered"
        if action in ("slower", "faster", "louder", "quieter"):
            self._change_speech(getattr(self.settings, action)())
            turn.outcome = "setting"
        elif action == "stop":
            self._cut()
            self._resume_lines = []
        elif action == "pause":
            self._cut(keep_for_resume=True)
        elif action == "resume" and self._resume_lines:
            lines, self._resume_lines = self._resume_lines, []
            text = " ".join(lines)
        elif action == "exit":
            self._cut()
            self._exiting = True
        elif action == "start_routine":
            self._respond(index, text, earcon=None if early_earcon else "understood")
            self._start_routine(answer.slots.get("routine", ""))
            turn.response = text
            turn.outcome = "routine"
            return
        if answer.intent == "help":
            text = self._help_text(text)
        if answer.section_id and self.settings.verbosity == "brief":
            text = split_sentences(text)[0]
        turn.response = text
        self._respond(index, text, earcon=None if early_earcon else "understood")
        if text.rstrip().endswith("?"):
            self._open_window(prompted=True)
        if self.mode == "wake":
            self._attention_until_s = float("inf")  # set properly when the answer has been spoken

    def _barge_in(self, turn: Turn, index: int, text: str, confidence: float, alternatives: tuple[Any, ...],
                  audio: bytes = b"", utt: _Utterance | None = None) -> None:
        """A phrase spoken over the guide: commands act at once; anything else is left alone."""
        match = self.pipeline.interpret(text, confidence, alternatives)
        keyword = barge_in_keyword(text)
        allowed_now = BARGE_IN_CUT_INTENTS | BARGE_IN_SETTING_INTENTS
        if self._routine is not None:
            allowed_now = allowed_now | set(ROUTINE_COMMAND_INTENTS)
        heard_ok = (keyword is not None and confidence >= KEYWORD_MIN_CONFIDENCE) or (
            match.intent in allowed_now and confidence >= self.live.min_barge_in_confidence)
        if (not heard_ok or (keyword is None and match.intent == "exit")) and utt is not None and audio:
            # The phrase sets heard no command (flite awb's "stop" comes out as "go"), or heard
            # "exit" (flite slt's "pause" comes out as "close", which would end the session):
            # the small keyword decoder has the say on a short phrase.
            hit = self._spot_keyword(turn, audio, utt)
            if hit is not None:
                _LOGGER.debug("keyword spotter: %r (%.2f) in %r", hit.word, hit.score, text)
                text = turn.transcript = hit.word
                confidence = turn.asr_confidence = max(confidence, KEYWORD_MIN_CONFIDENCE)
                match = self.pipeline.interpret(text, confidence, ())
                keyword = barge_in_keyword(text)
        if keyword is not None and match.intent not in BARGE_IN_CUT_INTENTS:
            from voice_guide.nlu.understanding import IntentMatch

            match = IntentMatch(keyword, round(confidence, 3), text=text)
        turn.intent = match.intent
        routine_command = ROUTINE_COMMAND_INTENTS.get(match.intent) if self._routine is not None else None
        allowed = BARGE_IN_CUT_INTENTS | BARGE_IN_SETTING_INTENTS
        if routine_command is not None:
            allowed = allowed | {match.intent}
        floor = self.live.min_barge_in_confidence
        if keyword is not None and len(text.split()) <= 2:
            floor = min(floor, KEYWORD_MIN_CONFIDENCE)  # a lone "wait" scores low even when heard right
        if match.intent not in allowed or (confidence < floor and match.intent not in ("emergency", "pain")):
            turn.outcome = "ignored"
            _LOGGER.debug("over speech, ignored: %r (%s, %.2f)", text, match.intent, confidence)
            return
        turn.outcome = "barge_in"
        self.on_text(f"Heard: {text}")
        if self._routine is not None and routine_command is not None and match.intent not in ("louder", "quieter"):
            if routine_command not in ("slower", "faster", "help"):
                self._cut()
            self._routine_command(routine_command, text, index)
            return
        if match.intent in BARGE_IN_SETTING_INTENTS:
            self._change_speech(getattr(self.settings, match.intent)())
            word = {"slower": "Slower.", "faster": "Faster.", "louder": "Louder.", "quieter": "Quieter."}[match.intent]
            turn.response = word
            self.on_text(f"Answer: {word}")
            self._queue.appendleft(_Pending(word, "speech", index))
            return
        answer = self._answer(match)
        self._act(turn, index, answer, early_earcon=False)
        turn.outcome = "barge_in"

    def _spot_keyword(self, turn: Turn, audio: bytes, utt: _Utterance) -> Any:
        """An accepted barge-in word in a short phrase heard over the guide, or None."""
        if self._spotter is None or turn.speech_end_ms - turn.speech_start_ms > self.live.keyword_max_phrase_ms:
            return None
        # Only the phrase itself and a little around it: the spotter's time is all latency.
        begin_ms = 1000.0 * utt.start_sample / SAMPLE_RATE_HZ
        skip = int(max(0.0, turn.speech_start_ms - KEYWORD_PRE_ROLL_MS - begin_ms) * SAMPLE_RATE_HZ / 1000)
        stop = int(max(0.0, turn.speech_end_ms + KEYWORD_POST_ROLL_MS - begin_ms) * SAMPLE_RATE_HZ / 1000)
        try:
            hit = self._spotter.spot(audio[skip * SAMPLE_WIDTH_BYTES : stop * SAMPLE_WIDTH_BYTES])
        except VoiceGuideError as err:
            _LOGGER.warning("keyword spotter failed: %s", err)
            return None
        return hit if hit is not None and hit.accepted else None

    # ------------------------------------------------------------------ routines

    def _start_routine(self, name: str) -> None:
        from voice_guide.routines.model import get_routine, load_routines
        from voice_guide.routines.player import PlayerSettings, RoutinePlayer

        routines, problems = load_routines(self.pipeline.pack.routines_dir)
        for problem in problems:
            _LOGGER.warning("routine not loaded: %s", problem)
        routine = get_routine(routines, name)
        settings = PlayerSettings(
            earcons=self.settings.earcons,
            verbosity=self.settings.verbosity,
            speech_words_per_minute=float(self.settings.rate_wpm),
        )
        self._routine = RoutinePlayer(routine, settings)
        self._routine_origin_s = self.clock()
        self.pipeline.recognizer.use("routine")
        self.on_text(f"Routine: {routine.title}.")
        self._dispatch_routine(self._routine.start(self._routine_ms()), None)

    def _routine_ms(self) -> int:
        return int(round((self.clock() - self._routine_origin_s) * 1000.0))

    def _routine_phrase(self, turn: Turn, index: int, match: Any, text: str, audio: bytes, early_earcon: bool) -> None:
        command = ROUTINE_COMMAND_INTENTS.get(match.intent)
        if command is None and match.intent in ("louder", "quieter"):
            self._change_speech(getattr(self.settings, match.intent)())
            turn.intent, turn.outcome = match.intent, "setting"
            self._respond(index, match.intent.capitalize() + ".", earcon=None if early_earcon else "understood")
            return
        if command is None and not match.is_knowledge and len(audio) >= self.live.second_pass_min_ms * 32:
            # The command phrase set may have mangled a question: listen again with everything.
            recognizer = self.pipeline.recognizer
            recognizer.use("main")
            second = recognizer.transcribe(audio)
            recognizer.use("routine")
            match = self.pipeline.interpret(second.text, second.confidence, second.alternatives)
            _LOGGER.debug("second pass in a routine: %r -> %s", second.text, match.intent)
            if match.is_knowledge or match.intent in ROUTINE_COMMAND_INTENTS:
                turn.transcript = second.text
                self.on_text(f"Heard: {second.text}")
            command = ROUTINE_COMMAND_INTENTS.get(match.intent)
        turn.intent = match.intent
        if match.is_knowledge:
            answer = self._answer(match)
            turn.outcome, turn.section_id = "routine", answer.section_id
            self._success()
            self._routine_command("question", answer.text, index, earcon=not early_earcon)
            return
        if command is None:
            turn.outcome = "not_understood"
            self._earcon("not_understood", index)
            from voice_guide.routines.player import UNKNOWN_COMMAND_TEXT

            self._respond(index, UNKNOWN_COMMAND_TEXT, earcon=None)
            return
        turn.outcome = "routine"
        self._success()
        if command not in ("slower", "faster", "help"):
            self._cut()
        self._routine_command(command, text, index, earcon=not early_earcon)

    def _routine_command(self, name: str, text: str, index: int | None, earcon: bool = True) -> None:
        from voice_guide.routines.player import Command

        if self._routine is None:
            return
        if earcon:
            self._earcon("understood", index)
        outputs = self._routine.handle(Command(name, self._routine_ms(), text))
        self._dispatch_routine(outputs, index)

    def _dispatch_routine(self, outputs: list[Any], index: int | None) -> None:
        from voice_guide.routines.player import Play, Say

        for output in outputs:
            if isinstance(output, Say):
                self.on_text(f"Answer: {output.text}")
                for sentence in split_sentences(output.text):
                    self._queue.append(_Pending(sentence, "speech", index))
            elif isinstance(output, Play):
                self._earcon(output.earcon, index)
        if self._routine is not None and self._routine.is_over:
            state = self._routine.state.value.replace("_", " ")
            self.on_text(f"Routine over: {state}.")
            self._routine = None
            self.pipeline.recognizer.use("main")
        self._pump_speech(self.clock())

    def _tick_routine(self, now: float) -> None:
        from voice_guide.routines.player import Tick

        if self._routine is None or self.is_speaking(now):
            return
        if now - self._last_tick_s < self.live.routine_tick_ms / 1000.0:
            return
        self._last_tick_s = now
        self._dispatch_routine(self._routine.handle(Tick(self._routine_ms())), None)

    # ------------------------------------------------------------------ misses and prompts

    def _miss(self, kind: str, index: int | None) -> None:
        if self._dormant:
            # Quiet until called again: a tone at most, no words.
            self._earcon("not_understood", index)
            return
        self._misses += 1
        self._earcon("not_understood", index)
        a, b = self.pipeline.guide.examples()
        topic = self.pipeline.pack.title.lower()
        call = self._how_to_call()
        if self._misses >= self.live.max_misses:
            if kind == "nothing_heard":
                text = f"I have not heard anything for a while, so I will wait quietly now. {call}"
            else:
                text = (f"Sorry, I am having trouble understanding, so I will wait quietly now. {call} "
                        "Say help to hear what you can say.")
            self._respond(index, text, earcon=None)
            self._dormant = True
            self._window_deadline_s = None
            self._attention_until_s = float("-inf")
            self.on_text("Waiting quietly.")
            return
        if kind == "nothing_heard":
            texts = (
                f"I did not hear anything. Ask me a question about {topic}, or say help.",
                f"I still did not hear you. Please speak after the tone. For example, ask: {a}?",
            )
        else:
            texts = (
                "Sorry, I did not catch that. Please say it again.",
                f"Sorry, I still did not understand. You could ask: {a}? Or: {b}?",
            )
        text = texts[min(self._misses, len(texts)) - 1]
        self._respond(index, text, earcon=None)
        self._open_window(prompted=True)

    def _success(self) -> None:
        self._misses = 0
        if self._dormant:
            self._dormant = False
            self.on_text("Listening again.")

    def _how_to_call(self) -> str:
        if self.mode == "wake":
            return f"Say {self.wake_phrase} when you need me."
        if self.mode == "push_to_talk":
            return "Press Enter when you need me."
        return "Just ask a question when you need me."

    def _greeting(self) -> str:
        title = self.pipeline.pack.title
        if self.mode == "wake":
            how = f"Say {self.wake_phrase}, then your question."
        elif self.mode == "push_to_talk":
            how = "Press Enter, then ask your question."
        else:
            how = "Ask me a question, or say help."
        return f"Hello. I can tell you about {title.lower()}. {how}"

    def _help_text(self, guide_help: str) -> str:
        extra = " While I am speaking, say stop or wait to interrupt me. You can also say: brief answers, full answers, sounds off, or sounds on."
        if self.mode == "wake":
            extra += f" Start each request with {self.wake_phrase}."
        elif self.mode == "push_to_talk":
            extra += " Press Enter before you speak."
        return guide_help + extra

    def _wake_up(self) -> None:
        self._attention_until_s = float("inf")
        if self._dormant:
            self._dormant = False
            self._misses = 0
            self.on_text("Listening again.")

    def _open_window(self, prompted: bool) -> None:
        """Start listening: a tone and "Listening." once the guide has finished speaking."""
        self._window_opens_on_idle = True
        self._window_prompted = prompted
        self._maybe_open_window(self.clock())

    def _maybe_open_window(self, now: float) -> None:
        if not self._window_opens_on_idle or self.is_speaking(now) or self._exiting:
            return
        self._window_opens_on_idle = False
        if self._routine is None:
            self._earcon("listening", None)
            self.on_text("Listening.")
        if self._window_prompted and not self._dormant and self._routine is None:
            self._window_deadline_s = self._play_end_s + self.live.listen_window_ms / 1000.0
        self._pump_speech(now)

    # ------------------------------------------------------------------ settings

    def _change_speech(self, settings: SpeechSettings) -> None:
        self.settings = settings
        self.pipeline.guide.verbosity = settings.verbosity
        if self.store is not None:
            self.store.update(speech=settings)

    def _phrase_setting(self, phrase: str, index: int, early_earcon: bool) -> None:
        kind, _, value = phrase.partition(":")
        self._success()
        if kind == "verbosity":
            self._change_speech(self.settings.replace(verbosity=value))
            text = "Brief answers." if value == "brief" else "Full answers."
        elif kind == "earcons":
            self._change_speech(self.settings.replace(earcons=value == "on"))
            text = "Sounds on." if value == "on" else "Sounds off."
        elif kind == "mode":
            self.mode = value
            if self.store is not None:
                self.store.update(listening_mode=value)
            text = {"always": "Always listening.", "push_to_talk": "Push to talk. Press Enter before you speak.",
                    "wake": f"Say {self.wake_phrase} before each request."}[value]
        else:
            self._voice_index = (self._voice_index + 1) % len(VOICE_CHOICES)
            self._change_speech(self.settings.replace(voice=VOICE_CHOICES[self._voice_index]))
            text = "This is my new voice."
        self._respond(index, text, earcon=None if early_earcon else "understood")

    # ------------------------------------------------------------------ speaking

    def _respond(self, index: int | None, text: str, earcon: str | None) -> None:
        if earcon:
            self._earcon(earcon, index)
        if index is not None and index < len(self.turns) and not self.turns[index].response:
            self.turns[index].response = text
        self._say(text, index)

    def _say(self, text: str, index: int | None) -> None:
        if not text.strip():
            return
        self.on_text(f"Answer: {text}")
        for sentence in split_sentences(text):
            self._queue.append(_Pending(sentence, "speech", index))
        self._pump_speech(self.clock())

    def _earcon(self, name: str, index: int | None) -> None:
        if self.settings.earcons:
            self._queue.append(_Pending(name, "earcon", index))
            self._pump_speech(self.clock())

    def _pump_speech(self, now: float) -> None:
        """Render and queue the next item once the sink is about to run out."""
        while self._queue and self._play_end_s - now <= self.live.lookahead_ms / 1000.0:
            item = self._queue.popleft()
            clip = self._render(item)
            if clip is None or clip.num_samples == 0:
                continue
            self._play(clip, item, now)
            now = self.clock()

    def _render(self, item: _Pending) -> AudioClip | None:
        if item.kind == "earcon":
            from voice_guide.audio.earcons import earcon

            return earcon(item.text, 22050)
        if self.speaker is None:
            return None
        try:
            return self.speaker.render(item.text, self.settings)
        except VoiceGuideError as err:
            _LOGGER.warning("could not speak: %s", err)
            return None

    def _play(self, clip: AudioClip, item: _Pending, now: float) -> None:
        now = self.clock()  # after rendering: the sink starts the clip from its own "now"
        start = max(now, self._play_end_s)
        try:
            self.sink.play(clip)
        except VoiceGuideError as err:
            _LOGGER.warning("could not play: %s", err)
            return
        end = start + clip.num_samples / clip.sample_rate_hz
        self.reference.add(start, clip, learn=item.kind == "speech")
        self._play_end_s = end
        label = item.text if item.kind == "speech" else f"(sound: {item.text})"
        self.spoken.append(SpokenLine(label, item.kind, item.turn, now, start, end))

    def _cut(self, keep_for_resume: bool = False) -> None:
        """Stop speaking now (barge-in, stop, pause)."""
        now = self.clock()
        playing = [line for line in self.spoken if line.end_s > now]
        unsaid = [line.text for line in playing if line.kind == "speech"]
        unsaid += [item.text for item in self._queue if item.kind == "speech"]
        self._queue.clear()
        if playing:
            try:
                self.sink.stop()
            except VoiceGuideError as err:
                _LOGGER.warning("could not stop playback: %s", err)
            self.reference.cut(now)
            for line in playing:
                line.cut = True
                line.end_s = max(line.start_s, now)
            self._play_end_s = now
            _LOGGER.debug("speech cut at %.3f s", now)
        if keep_for_resume:
            self._resume_lines = unsaid
        self._window_opens_on_idle = False

    # ------------------------------------------------------------------ housekeeping

    def _drain_inbox(self) -> None:
        while True:
            try:
                kind, text = self._inbox.get_nowait()
            except queue.Empty:
                return
            if kind == "press":
                self._cut()
                self._ptt_armed = True
                self._wake_up()
                self._open_window(prompted=True)
            elif kind == "text" and text.strip():
                self._typed(text)

    def _typed(self, text: str) -> None:
        now = self.clock()
        turn = Turn(0.0, 0.0, now, text.strip(), 1.0, False)
        self._window_deadline_s = None
        if self.mode == "push_to_talk":
            self._ptt_armed = True
        self._attention_until_s = max(self._attention_until_s, now + 1.0)
        if self.is_speaking(now):
            self._cut()
        self._handle(turn, None, b"", None)

    def _housekeeping(self, now: float) -> None:
        self._pump_speech(now)
        if self._routine is not None:
            self._tick_routine(now)
        self._maybe_open_window(now)
        if (self.mode == "wake" and self._attention_until_s == float("inf") and not self.is_speaking(now)
                and self._utt is None and not self._window_opens_on_idle):
            self._attention_until_s = now + self.live.followup_window_ms / 1000.0
        if (self._window_deadline_s is not None and self._utt is None and not self.is_speaking(now)
                and now >= self._window_deadline_s and not self._main.in_speech):
            self._window_deadline_s = None
            if self.mode != "push_to_talk" or self._ptt_armed:
                self._ptt_armed = False
                self.turns.append(Turn(0.0, 0.0, now, "", 0.0, False, outcome="nothing_heard"))
                self._miss("nothing_heard", len(self.turns) - 1)


# ---------------------------------------------------------------------- entry point


def add_live_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the live session's options to a command-line parser."""
    parser.add_argument("--mic", metavar="DEVICE", help="microphone: an index or part of a name (see --list-devices)")
    parser.add_argument("--list-devices", action="store_true", help="list the microphones and exit")
    parser.add_argument("--input-wav", type=Path, metavar="FILE", help="run a live session from a recording instead of a microphone")
    parser.add_argument("--fast", action="store_true", help="with --input-wav: do not wait for real time")
    parser.add_argument("--push-to-talk", action="store_true", help="listen only after Enter is pressed")
    parser.add_argument("--wake-phrase", metavar="PHRASE", help="listen only to requests that start with PHRASE, e.g. 'hey guide'")


def _opt(args: Any, options: dict[str, Any], name: str, default: Any = None) -> Any:
    if name in options:
        return options[name]
    return getattr(args, name, default) if args is not None else default


def run_live(args: argparse.Namespace | None = None, **options: Any) -> int:
    """Run a live session from command-line options; returns the exit code.

    Options (attributes of ``args`` or keywords): ``mic``, ``list_devices``, ``input_wav``,
    ``fast``, ``push_to_talk``, ``wake_phrase``, and the usual ``pack``, ``backend``,
    ``vosk_model``, ``no_speak``, ``save_audio``, ``rate``, ``volume``, ``voice``; also
    ``on_text`` (default ``print``) and ``notice`` (one-line messages, default stderr).

    Raises :class:`NoMicrophoneError` (one line: "No microphone found ...") when a
    microphone session was asked for and there is none: the caller falls back to typed
    questions with spoken answers.
    """
    from voice_guide.audio.sinks import NullSink, RecordingSink, open_default_sink
    from voice_guide.audio.sources import MicrophoneSource, WavStreamSource, list_input_devices

    on_text: Callable[[str], None] = _opt(args, options, "on_text", None) or (lambda line: print(line, flush=True))
    notice: Callable[[str], None] = _opt(args, options, "notice", None) or (lambda line: print(line, file=sys.stderr, flush=True))

    if _opt(args, options, "list_devices", False):
        devices = list_input_devices()
        if not devices:
            on_text("No microphones found.")
        for i, name in enumerate(devices):
            on_text(f"{i}: {name}")
        return 0

    store = ConfigStore(warn=notice)
    config: UserConfig = store.config
    speech = config.speech
    changes: dict[str, Any] = {}
    if _opt(args, options, "rate") is not None:
        changes["rate_wpm"] = _opt(args, options, "rate")
    if _opt(args, options, "volume") is not None:
        changes["volume"] = _opt(args, options, "volume")
    if _opt(args, options, "voice"):
        changes["voice"] = _opt(args, options, "voice")
    if changes:
        speech = SpeechSettings.clamped(**{**speech.to_dict(), **changes})
    wake_phrase = _opt(args, options, "wake_phrase") or config.wake_phrase
    mode = config.listening_mode
    if _opt(args, options, "push_to_talk", False):
        mode = "push_to_talk"
    elif _opt(args, options, "wake_phrase"):
        mode = "wake"

    input_wav = _opt(args, options, "input_wav")
    fast = bool(_opt(args, options, "fast", False))
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    if input_wav is not None:
        if fast:
            fast_clock = FastForwardClock()
            clock, sleep = fast_clock.now, fast_clock.sleep
        source: Any = WavStreamSource(input_wav, realtime=True, speed=1.0, clock=clock, sleep=sleep, pad_silence_ms=1500)
    else:
        mic = _opt(args, options, "mic")
        device: int | str | None = int(mic) if isinstance(mic, str) and mic.isdigit() else mic
        try:
            source = MicrophoneSource(device)
        except AudioError as err:
            detail = str(err)
            if detail.lower().startswith("no microphone found"):
                detail = detail[len("no microphone found"):].strip(" ()")
            raise NoMicrophoneError(f"No microphone found ({detail}); type your questions instead, answers are spoken.") from None

    speaker = None
    no_speak = bool(_opt(args, options, "no_speak", False))
    save_audio = _opt(args, options, "save_audio")
    if save_audio is not None and not fast:
        notice("In a live session --save-audio records only with --input-wav FILE --fast; use ask or routine to save answers.")
    if not no_speak or save_audio is not None:
        from voice_guide.tts.speaker import Speaker

        try:
            speaker = Speaker()
        except VoiceGuideError as err:
            notice(f"Speech is off: {err}")
    if fast:
        sink: Any = RecordingSink(clock, sleep)
    elif no_speak or speaker is None:
        sink = NullSink("speech is off")
    else:
        sink = open_default_sink()
        if not getattr(sink, "available", True):
            notice(getattr(sink, "reason", "") or "No audio output device found.")

    from voice_guide.engine import QAPipeline

    pipeline = QAPipeline(
        _opt(args, options, "pack_obj") or _load_pack(_opt(args, options, "pack")),
        backend=_opt(args, options, "backend", "pocketsphinx") or "pocketsphinx",
        vosk_model=_opt(args, options, "vosk_model"),
    )
    _ = pipeline.recognizer
    session = LiveSession(pipeline, source, sink, speaker, speech, mode=mode, wake_phrase=wake_phrase,
                          clock=clock, sleep=sleep, on_text=on_text, store=store)
    reader = None
    if input_wav is None and sys.stdin is not None and sys.stdin.isatty():
        reader = threading.Thread(target=_read_keys, args=(session,), daemon=True)
        reader.start()
    if mode == "push_to_talk" and reader is None:
        notice("Push to talk needs a keyboard (Enter); nothing will be heard without it.")
    try:
        with source:
            session.run()
    finally:
        try:
            sink.close()
        except VoiceGuideError as err:
            notice(str(err))
        if save_audio is not None and isinstance(sink, RecordingSink) and sink.records:
            from voice_guide.audio.files import write_wav

            write_wav(save_audio, sink.played_audio())
            on_text(f"Audio saved to {save_audio}.")
    return 0


def _load_pack(path: Any) -> Any:
    from voice_guide.content.pack import load_pack

    return load_pack(path)


def _read_keys(session: LiveSession) -> None:
    """Enter alone presses the talk key; a typed line is a typed question."""
    for line in sys.stdin:
        if line.strip():
            session.submit_text(line.strip())
        else:
            session.press_to_talk()


__all__ = [
    "FastForwardClock",
    "LiveResult",
    "LiveSession",
    "LiveSettings",
    "NoMicrophoneError",
    "SpokenLine",
    "Turn",
    "add_live_arguments",
    "barge_in_keyword",
    "live_phrase",
    "match_wake",
    "run_live",
    "split_sentences",
]
