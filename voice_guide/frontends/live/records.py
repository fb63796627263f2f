"""What a live session is told (its settings) and what it keeps (every clip played, every phrase heard)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from voice_guide.audio.echo import EchoSettings
from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.types import Action, Response

_MS_FIELDS = ("barge_in_silence_ms", "keyword_max_phrase_ms", "listen_window_ms", "recognizer_pre_roll_ms",
              "followup_window_ms", "speaking_tail_ms", "lookahead_ms", "routine_tick_ms", "second_pass_min_ms")


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
    """Audio before the detected start of speech given to the recognizer (PocketSphinx
    estimates each phrase's cepstral mean from its start: "pause" is heard as "was" with
    300 ms, as "pause" with 700 ms; see docs)."""

    greeting: bool = True
    """Say a greeting (with how to ask) when the session starts."""

    keyword_spotting: bool = True
    """Over the guide's speech, a short phrase the phrase sets did not hear as a command is
    checked by a small keyword decoder (:mod:`voice_guide.stt.pocketsphinx.keywords`)."""

    keyword_max_phrase_ms: int = 1500
    """Phrases longer than this are not checked for a lone barge-in word."""

    echo: EchoSettings = field(default_factory=EchoSettings)
    """Self-voice suppression settings."""

    def __post_init__(self) -> None:
        for name in _MS_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise VoiceGuideError(f"{name} must be a whole number of milliseconds, 0 or more, not {value!r}")
        if self.barge_in_silence_ms < 30:
            raise VoiceGuideError(f"barge_in_silence_ms must be at least 30, not {self.barge_in_silence_ms}")
        if isinstance(self.max_misses, bool) or not isinstance(self.max_misses, int) or self.max_misses < 1:
            raise VoiceGuideError(f"max_misses must be a whole number of at least 1, not {self.max_misses!r}")


class ClipKind(StrEnum):
    """What a played clip is."""

    SPEECH = "speech"
    """A sentence."""
    EARCON = "earcon"
    """A short tone."""


class TurnOutcome(StrEnum):
    """What the session did about one phrase."""

    ANSWERED = "answered"
    """Answered (a knowledge answer or a control reply)."""
    BARGE_IN = "barge_in"
    """Acted on over the guide's speech."""
    SETTING = "setting"
    """A setting changed."""
    ROUTINE = "routine"
    """Handled by the routine in progress (or started one)."""
    IGNORED = "ignored"
    """Not acted on (no wake phrase; over speech and not a command)."""
    NOT_UNDERSTOOD = "not_understood"
    """Nothing the guide could act on: a reprompt."""
    NOTHING_HEARD = "nothing_heard"
    """An empty transcript, or nothing said within the listening window: a reprompt."""
    WAKE = "wake"
    """The wake phrase alone."""
    DORMANT = "dormant"
    """Not understood while waiting quietly: a tone, no words."""


class EndReason(StrEnum):
    """Why a session ended."""

    EXIT = "exit"
    """The user said goodbye."""
    END_OF_INPUT = "end_of_input"
    """The source ran out."""


@dataclass
class SpokenLine:
    """One clip the session played: a sentence or an earcon."""

    text: str
    """The sentence, or ``(sound: NAME)`` for an earcon."""

    kind: ClipKind
    """A sentence or an earcon."""

    turn: int | None
    """Index in :attr:`LiveSession.turns` of the phrase this answers (None: greeting, routine, reprompt timer)."""

    queued_at_s: float
    """Clock time it was handed to the sink."""

    start_s: float
    """Clock time its first sample sounds."""

    end_s: float
    """Clock time it stops sounding: its end, or the cut (its start when the sink cannot play)."""

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
    """What it was understood as (``""`` when it was not interpreted)."""

    outcome: TurnOutcome | None = None
    """What the session did about it (None until decided)."""

    response: str = ""
    """The text spoken in response."""

    section_id: str | None = None
    """For an answer from the article: its section."""

    endpoint_at_ms: float = 0.0
    """When the end of the phrase was decided, in audio ms since the stream began (0 for typed input)."""

    reply: Response | None = None
    """The conversation's reply (None when the conversation was not asked: ignored, reprompts)."""

    @property
    def action(self) -> Action | None:
        """The reply's action, if the conversation was asked."""
        return self.reply.action if self.reply is not None else None


@dataclass(frozen=True)
class LiveResult:
    """How a session ended."""

    reason: EndReason
    """The user said goodbye, or the source ran out."""

    turns: int
    """Phrases heard."""

    audio_ms: float
    """Audio read from the source."""
