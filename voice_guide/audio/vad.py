"""End-of-speech detection over a stream of audio chunks, as a pure object.

:class:`Endpointer` takes 16-bit mono PCM in chunks of any length and tells when a
person starts and stops speaking. It reads no device, starts no thread and never
sleeps: the audio is the clock, so every time it reports is in milliseconds of audio
since the stream started, and the same audio gives the same events whatever the chunk
sizes. A microphone, a file or a test feeds it alike (see :mod:`voice_guide.audio.sources`).

How a frame counts as speech: the WebRTC voice activity detector (``webrtcvad``) says
it is voiced, *and* its level is above :attr:`EndpointSettings.energy_floor_dbfs` (so
very quiet noise and digital silence never count), *and* it is at least
:attr:`EndpointSettings.above_noise_db` louder than the background (the quietest frame
of the last ``NOISE_WINDOW_MS``; so steady noise the VAD mistakes for speech never
counts). Once speech has started, the two level tests alone keep it going: the VAD
often misses soft word endings such as /s/ and /f/.

How speech starts (hysteresis): the last ``min_speech_ms / 0.6`` ms of frames are kept
in a ring buffer; speech starts once voiced frames in it add up to ``min_speech_ms``
(a ratio of at least 0.6), and their levels rise and fall by ``START_MODULATION_DB``
as syllables do. A click or a bump shorter than ``min_speech_ms`` therefore never
starts speech. :class:`SpeechStarted` is reported at that moment (about
``min_speech_ms`` late), but its ``at_ms`` is the first voiced frame of the run (when
the person really began), looking back past short gaps (``ONSET_BRIDGE_MS``) so a
short first word is not left out.

How speech ends: after ``silence_timeout_ms`` of audio without a voiced frame (a lone
voiced frame among unvoiced ones does not count; reason ``"silence"``), when the phrase
reaches ``max_phrase_ms`` (``"max_length"``), or at :meth:`Endpointer.flush`
(``"end_of_stream"``). The clip handed over holds ``pre_roll_ms`` before the first
voiced frame (so the first word is not clipped), the speech, and ``post_roll_ms``
after the last voiced frame (not the whole timeout).

A steady noise that comes on (a fan, a tap) is louder than the background learnt so
far and can start a phrase; when the silence after it is as loud as the phrase was,
:class:`SpeechDiscarded` takes that :class:`SpeechStarted` back instead of a
:class:`SpeechEnded`. Events: ``SpeechStarted``, then ``SpeechEnded`` or
``SpeechDiscarded``.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, AudioClip
from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)

VAD_SAMPLE_RATES_HZ = (8000, 16000, 32000, 48000)
"""The only rates the WebRTC VAD takes."""

VAD_FRAME_MS = (10, 20, 30)
"""The only frame lengths the WebRTC VAD takes."""

NOISE_WINDOW_MS = 2000
"""How far back the background level is looked for (see ``above_noise_db``)."""

ONSET_BRIDGE_MS = 300
"""When speech starts, voiced frames up to this far before its first voiced frame (an
earlier short word) are taken in, so the start is not put after the first word."""

ONSET_LOOKBACK_MS = 1000
"""How far back such earlier words are looked for."""

START_MODULATION_DB = 6.0
"""Speech rises and falls from syllable to syllable; the voiced frames that start speech
must span at least this range of levels. A steady noise that has just come on (and
that the background estimate has not caught up with yet) does not start speech."""

START_RATIO = 0.6
"""Share of voiced frames in the start window that starts speech (see the module doc)."""

CONTINUE_WINDOW_FRAMES = 3
CONTINUE_VOICED_FRAMES = 2
"""During speech a voiced frame keeps the phrase going only with another voiced frame
among the last :data:`CONTINUE_WINDOW_FRAMES` (a lone noise blip does not)."""

MISSING_VAD_MESSAGE = "voice activity detection needs webrtcvad: pip install 'voice-guide[mic]'"

EndReason = Literal["silence", "max_length", "end_of_stream"]


@dataclass(frozen=True)
class EndpointSettings:
    """When speech counts as started and as finished."""

    silence_timeout_ms: int = 700
    """Speech has ended after this much audio without speech."""

    min_speech_ms: int = 200
    """Voiced audio shorter than this (a click, a cough, a knock) never starts speech."""

    max_phrase_ms: int = 15000
    """A phrase is cut when it has lasted this long from its first voiced frame."""

    pre_roll_ms: int = 300
    """Audio kept from before the first voiced frame, so the first word is not clipped."""

    aggressiveness: int = 2
    """WebRTC VAD mode, 0 (lets most through) to 3 (most strict about what is speech)."""

    frame_ms: int = 30
    """Length of one VAD decision: 10, 20 or 30 ms."""

    post_roll_ms: int = 200
    """Audio kept after the last voiced frame (soft word endings); at most the timeout."""

    energy_floor_dbfs: float = -50.0
    """A frame quieter than this (RMS, dB below full scale) is never speech."""

    above_noise_db: float = 6.0
    """A frame must be this much louder than the background to be speech.

    The background is the quietest frame of the last :data:`NOISE_WINDOW_MS` (minimum
    statistics), so steady noise (a fan, traffic, hiss) never counts as speech.
    """

    def __post_init__(self) -> None:
        if self.frame_ms not in VAD_FRAME_MS:
            raise VoiceGuideError(f"frame_ms must be 10, 20 or 30, not {self.frame_ms}")
        if not isinstance(self.aggressiveness, int) or not 0 <= self.aggressiveness <= 3:
            raise VoiceGuideError(f"aggressiveness must be 0, 1, 2 or 3, not {self.aggressiveness!r}")
        if self.silence_timeout_ms < self.frame_ms:
            raise VoiceGuideError(
                f"silence_timeout_ms must be at least one frame ({self.frame_ms} ms), not {self.silence_timeout_ms}"
            )
        if self.min_speech_ms < self.frame_ms:
            raise VoiceGuideError(
                f"min_speech_ms must be at least one frame ({self.frame_ms} ms), not {self.min_speech_ms}"
            )
        if self.max_phrase_ms <= self.min_speech_ms:
            raise VoiceGuideError(
                f"max_phrase_ms ({self.max_phrase_ms}) must be longer than min_speech_ms ({self.min_speech_ms})"
            )
        if self.pre_roll_ms < 0:
            raise VoiceGuideError(f"pre_roll_ms must not be negative, not {self.pre_roll_ms}")
        if not 0 <= self.post_roll_ms <= self.silence_timeout_ms:
            raise VoiceGuideError(
                f"post_roll_ms must be between 0 and silence_timeout_ms ({self.silence_timeout_ms}), "
                f"not {self.post_roll_ms}"
            )
        if not math.isfinite(self.energy_floor_dbfs) or self.energy_floor_dbfs > 0:
            raise VoiceGuideError(f"energy_floor_dbfs must be 0 or below, not {self.energy_floor_dbfs}")
        if not math.isfinite(self.above_noise_db) or self.above_noise_db < 0:
            raise VoiceGuideError(f"above_noise_db must be 0 or more, not {self.above_noise_db}")


@dataclass(frozen=True)
class SpeechStarted:
    """Someone started speaking."""

    at_ms: float
    """Start of the first voiced frame, in audio ms since the stream started."""


@dataclass(frozen=True)
class SpeechEnded:
    """A phrase is over; its audio is ready for a recognizer."""

    at_ms: float
    """When the end was decided, in audio ms since the stream started.

    For ``"silence"`` this is ``speech_end_ms`` plus the silence timeout.
    """

    audio: AudioClip
    """Pre-roll, the speech, and up to ``post_roll_ms`` after the last voiced frame."""

    reason: EndReason
    """``"silence"``, ``"max_length"`` (cut at ``max_phrase_ms``) or ``"end_of_stream"``."""

    speech_start_ms: float
    """Start of the first voiced frame, in audio ms since the stream started.

    The same as the :class:`SpeechStarted` ``at_ms``, or later when a steady noise that
    came on just before the speech was at first taken for its start.
    """

    speech_end_ms: float
    """End of the last voiced frame, in audio ms since the stream started."""

    audio_start_ms: float
    """Where ``audio`` begins, in audio ms since the stream started (includes the pre-roll)."""

    @property
    def speech_ms(self) -> float:
        """How long the speech lasted, first voiced frame to last."""
        return self.speech_end_ms - self.speech_start_ms


@dataclass(frozen=True)
class SpeechDiscarded:
    """What started as speech was a steady noise coming on (a fan, a tap, a kettle).

    Its level never fell back: the silence after it is as loud as it was. It follows a
    :class:`SpeechStarted` in place of a :class:`SpeechEnded`; there is no phrase.
    """

    at_ms: float
    """When this was decided, in audio ms since the stream started."""

    speech_start_ms: float
    """The ``at_ms`` of the :class:`SpeechStarted` it takes back."""


EndpointEvent = SpeechStarted | SpeechEnded | SpeechDiscarded


def _load_vad(aggressiveness: int) -> Any:
    try:
        import webrtcvad
    except ImportError:
        raise VoiceGuideError(MISSING_VAD_MESSAGE) from None
    return webrtcvad.Vad(aggressiveness)


class Endpointer:
    """Finds where phrases start and end in a stream of 16-bit mono PCM chunks.

    Feed it chunks with :meth:`feed`; call :meth:`flush` at the end of the stream.
    """

    def __init__(self, settings: EndpointSettings | None = None, sample_rate_hz: int = SAMPLE_RATE_HZ) -> None:
        self.settings = settings if settings is not None else EndpointSettings()
        if sample_rate_hz not in VAD_SAMPLE_RATES_HZ:
            raise VoiceGuideError(
                f"the voice activity detector takes 8000, 16000, 32000 or 48000 Hz audio, not {sample_rate_hz} Hz"
            )
        self.sample_rate_hz = sample_rate_hz
        s = self.settings
        self._vad = _load_vad(s.aggressiveness)
        self._frame_samples = sample_rate_hz * s.frame_ms // 1000
        self._frame_bytes = self._frame_samples * SAMPLE_WIDTH_BYTES
        self._min_speech_frames = math.ceil(s.min_speech_ms / s.frame_ms)
        self._window_frames = max(self._min_speech_frames, math.ceil(self._min_speech_frames / START_RATIO))
        self._pre_roll_frames = math.ceil(s.pre_roll_ms / s.frame_ms)
        self._post_roll_frames = math.ceil(s.post_roll_ms / s.frame_ms)
        self._bridge_frames = ONSET_BRIDGE_MS // s.frame_ms
        self._lookback_frames = ONSET_LOOKBACK_MS // s.frame_ms
        self._timeout_frames = math.ceil(s.silence_timeout_ms / s.frame_ms)
        self._max_phrase_frames = max(self._min_speech_frames + 1, s.max_phrase_ms // s.frame_ms)
        # Frame levels in dB of mean square (int16 units): 0 dBFS is 20*log10(32768).
        self._full_scale_db = 20.0 * math.log10(32768.0)
        self._energy_floor_db = s.energy_floor_dbfs + self._full_scale_db
        self._noise_window_frames = max(1, NOISE_WINDOW_MS // s.frame_ms)
        self.reset()

    # -- public -------------------------------------------------------------------

    @property
    def in_speech(self) -> bool:
        """True between a :class:`SpeechStarted` and its :class:`SpeechEnded` (or :class:`SpeechDiscarded`)."""
        return self._in_speech

    @property
    def position_ms(self) -> float:
        """Audio ms consumed as whole frames since the stream started (or the last reset)."""
        return self._frame_index * self.settings.frame_ms

    def reset(self) -> None:
        """Forget all audio and state; the clock goes back to 0."""
        self._buffer = bytearray()
        self._frame_index = 0
        self._levels_db: deque[float] = deque(maxlen=self._noise_window_frames)
        self._in_speech = False
        # Before speech: recent frames (index, pcm) for the pre-roll, and the start window.
        self._history: deque[tuple[int, bytes, bool, float]] = deque(
            maxlen=self._pre_roll_frames + self._window_frames + self._lookback_frames
        )
        self._window: deque[tuple[int, bool, float]] = deque(maxlen=self._window_frames)
        self._voiced_in_window = 0
        # During speech.
        self._phrase: list[bytes] = []
        self._phrase_levels_db: list[float] = []
        self._recent: deque[bool] = deque(maxlen=CONTINUE_WINDOW_FRAMES)
        self._phrase_first_index = 0
        self._speech_start_index = 0
        self._start_background_db = 0.0
        self._last_voiced_index = 0

    def feed(self, pcm_chunk: bytes) -> list[EndpointEvent]:
        """Take the next chunk (any length) and return the events it completes, in order."""
        self._buffer.extend(pcm_chunk)
        events: list[EndpointEvent] = []
        n_whole = len(self._buffer) // self._frame_bytes
        if n_whole == 0:
            return events
        data = bytes(self._buffer[: n_whole * self._frame_bytes])
        del self._buffer[: n_whole * self._frame_bytes]
        for k in range(n_whole):
            frame = data[k * self._frame_bytes : (k + 1) * self._frame_bytes]
            event = self._step(frame, self._is_voiced(frame))
            if event is not None:
                events.append(event)
        return events

    def flush(self) -> SpeechEnded | None:
        """End the stream: the phrase in progress, if any, then a reset.

        A partial frame left in the buffer (under ``frame_ms``) is dropped.
        """
        ended = self._end("end_of_stream") if self._in_speech else None
        self.reset()
        return ended

    # -- internals -----------------------------------------------------------------

    def _is_voiced(self, frame: bytes) -> bool:
        # The VAD sees every frame, so its own noise model keeps up with the room.
        vad_says = bool(self._vad.is_speech(frame, self.sample_rate_hz))
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
        level_db = 10.0 * math.log10(float(np.mean(samples * samples)) + 1e-3)
        self._levels_db.append(level_db)
        if level_db < self._energy_floor_db:
            return False
        if level_db < min(self._levels_db) + self.settings.above_noise_db:
            return False
        # Once speech has started, a frame clearly above the background keeps it going
        # even when the VAD misses it (it often misses soft endings: /s/, /f/).
        return vad_says or self._in_speech

    def _ms(self, frame_index: int) -> float:
        return float(frame_index * self.settings.frame_ms)

    def _step(self, frame: bytes, voiced: bool) -> EndpointEvent | None:
        index = self._frame_index
        self._frame_index += 1
        if self._in_speech:
            self._phrase.append(frame)
            self._phrase_levels_db.append(self._levels_db[-1])
            self._recent.append(voiced)
            if voiced and sum(self._recent) >= CONTINUE_VOICED_FRAMES:
                self._last_voiced_index = index
            if index - self._last_voiced_index >= self._timeout_frames:
                if not self._recheck_background():
                    return self._discard()
                return self._end("silence")
            if index + 1 - self._speech_start_index >= self._max_phrase_frames:
                return self._end("max_length")
            return None

        level_db = self._levels_db[-1]
        self._history.append((index, frame, voiced, level_db))
        if len(self._window) == self._window.maxlen and self._window[0][1]:
            self._voiced_in_window -= 1
        self._window.append((index, voiced, level_db))
        self._voiced_in_window += voiced
        if self._voiced_in_window < self._min_speech_frames:
            return None
        levels = [level for _, v, level in self._window if v]
        if max(levels) - min(levels) < START_MODULATION_DB:
            return None  # steady sound that has just come on (a fan, a tap): not speech

        onset = next(i for i, v, _ in self._window if v)
        # Words before the first one the window saw: "what | foods" is two short voiced
        # runs with a stop and a fricative between them.
        for i, _, was_voiced, _ in reversed(self._history):
            if i >= onset:
                continue
            if onset - i - 1 > self._bridge_frames:
                break
            if was_voiced:
                onset = i
        first = max(0, onset - self._pre_roll_frames)
        self._phrase = [pcm for i, pcm, _, _ in self._history if i >= first]
        self._phrase_levels_db = [level for i, _, _, level in self._history if i >= first]
        self._phrase_first_index = index + 1 - len(self._phrase)
        self._speech_start_index = onset
        self._start_background_db = min(self._levels_db)
        self._last_voiced_index = index
        self._in_speech = True
        self._recent.clear()
        self._recent.extend(v for _, v, _ in list(self._window)[-CONTINUE_WINDOW_FRAMES:])
        self._history.clear()
        self._window.clear()
        self._voiced_in_window = 0
        _LOGGER.debug("speech started at %.0f ms (decided at %.0f ms)", self._ms(onset), self._ms(index + 1))
        return SpeechStarted(at_ms=self._ms(onset))

    def _recheck_background(self) -> bool:
        """Check the phrase against the silence that ended it; False when it was only noise.

        The background estimate lags a steady noise that has just come on by up to
        ``NOISE_WINDOW_MS``, so that noise can start a phrase; the frames after the phrase
        show the real background. A phrase with under ``min_speech_ms`` of frames clearly
        louder than that is noise. When the background has risen since the start, the
        start moves to the first such frame (the noise came on shortly before the speech).
        """
        first = self._phrase_first_index
        after = self._phrase_levels_db[self._last_voiced_index + 1 - first :]
        if not after:
            return True
        background_db = float(np.median(after))
        threshold_db = background_db + self.settings.above_noise_db
        loud = [
            i
            for i in range(self._speech_start_index, self._last_voiced_index + 1)
            if self._phrase_levels_db[i - first] >= threshold_db
        ]
        if len(loud) < self._min_speech_frames:
            return False
        if background_db > self._start_background_db + self.settings.above_noise_db and loud[0] > self._speech_start_index:
            _LOGGER.debug(
                "a noise came on at %.0f ms; speech starts at %.0f ms",
                self._ms(self._speech_start_index),
                self._ms(loud[0]),
            )
            self._speech_start_index = loud[0]
            drop = max(0, loud[0] - self._pre_roll_frames - first)
            self._phrase = self._phrase[drop:]
            self._phrase_levels_db = self._phrase_levels_db[drop:]
            self._phrase_first_index = first + drop
        return True

    def _discard(self) -> SpeechDiscarded:
        discarded = SpeechDiscarded(at_ms=self._ms(self._frame_index), speech_start_ms=self._ms(self._speech_start_index))
        _LOGGER.debug("discarded as steady noise: %.0f-%.0f ms", discarded.speech_start_ms, discarded.at_ms)
        self._in_speech = False
        self._phrase = []
        self._phrase_levels_db = []
        return discarded

    def _end(self, reason: EndReason) -> SpeechEnded:
        now_index = self._frame_index  # frames consumed so far
        if reason == "max_length":
            keep_until = now_index
        else:
            keep_until = min(now_index, self._last_voiced_index + 1 + self._post_roll_frames)
        n_keep = keep_until - self._phrase_first_index
        audio = AudioClip(b"".join(self._phrase[:n_keep]), self.sample_rate_hz)
        ended = SpeechEnded(
            at_ms=self._ms(now_index),
            audio=audio,
            reason=reason,
            speech_start_ms=self._ms(self._speech_start_index),
            speech_end_ms=self._ms(self._last_voiced_index + 1),
            audio_start_ms=self._ms(self._phrase_first_index),
        )
        _LOGGER.debug(
            "speech ended (%s) at %.0f ms: %.0f-%.0f ms",
            reason,
            ended.at_ms,
            ended.speech_start_ms,
            ended.speech_end_ms,
        )
        self._in_speech = False
        self._phrase = []
        self._phrase_levels_db = []
        return ended


def detect_phrases(
    clip: AudioClip,
    settings: EndpointSettings | None = None,
    samples_per_chunk: int = 480,
) -> list[SpeechEnded]:
    """Every phrase in a whole clip, fed in chunks as a stream would be, flushed at the end.

    A clip at a rate the detector does not take is resampled to 16 kHz first.
    """
    if clip.sample_rate_hz not in VAD_SAMPLE_RATES_HZ:
        clip = clip.resampled(SAMPLE_RATE_HZ)
    endpointer = Endpointer(settings, clip.sample_rate_hz)
    phrases: list[SpeechEnded] = []
    for chunk in clip.chunks(samples_per_chunk):
        phrases.extend(e for e in endpointer.feed(chunk) if isinstance(e, SpeechEnded))
    last = endpointer.flush()
    if last is not None:
        phrases.append(last)
    return phrases


def split_utterances(clip: AudioClip, settings: EndpointSettings | None = None) -> list[AudioClip]:
    """The audio of every phrase in a whole clip, in order (see :func:`detect_phrases`)."""
    return [p.audio for p in detect_phrases(clip, settings)]
