"""Phrase capture: microphone chunks in, phrases (audio and transcript) out.

One :meth:`PhraseCapture.feed` per chunk:

1. remove the guide's own voice (:mod:`voice_guide.audio.echo`: the session knows what it
   played and when, so an adaptive filter subtracts it, and a gate keeps the residual from
   the end-of-speech detector);
2. feed two end-of-speech detectors (:class:`~voice_guide.audio.vad.Endpointer`): the normal
   one (700 ms of silence ends a phrase) and a quick one (``barge_in_silence_ms``, about
   200 ms). While the guide speaks, the quick one decides, so "stop" cuts the speech within
   about 250 ms of the end of the word. While the guide is silent, the quick one gives an
   early look at the phrase (its transcript, so the "understood" tone can come while the
   normal detector still waits), and the normal one has the last word;
3. stream the phrase into the recognizer as it arrives (from a pre-roll before its start),
   so the transcript is ready a few milliseconds after the end is decided.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from voice_guide.audio.echo import EchoSuppressor, PlaybackReference
from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.audio.vad import Endpointer, EndpointEvent, EndpointSettings, SpeechDiscarded, SpeechEnded, SpeechStarted
from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.live.records import LiveSettings
from voice_guide.stt.base import Recognizer, Transcript

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Phrase:
    """One phrase heard (or typed), ready to be interpreted."""

    transcript: Transcript
    """What the recognizer heard."""

    speech_start_ms: float
    """Start of the speech, in audio ms since the stream began (0 for typed input)."""

    speech_end_ms: float
    """End of the speech, in audio ms since the stream began (0 for typed input)."""

    endpoint_at_ms: float = 0.0
    """When its end was decided, in audio ms since the stream began."""

    during_playback: bool = False
    """True when it began while the guide was speaking."""

    audio: bytes = b""
    """Its audio, from :attr:`audio_start_ms` (pre-roll included); empty for typed input."""

    audio_start_ms: float = 0.0
    """Where :attr:`audio` begins, in audio ms since the stream began."""

    early_understood: bool = False
    """True when the "understood" tone was already played on the early look."""

    typed: bool = False
    """True for typed input."""


@dataclass
class _Utterance:
    owner: str  # the detector that decides its end: "main" or "quick"
    start_sample: int  # first sample streamed to the recognizer (pre-roll included)
    speech_start_ms: float
    during_playback: bool
    vocabulary: str
    fed_until: int = 0
    decoding: bool = False
    early: tuple[float, Transcript] | None = None  # (speech_end_ms, transcript) of the quick detector's look
    early_understood: bool = False
    resumed: bool = False


def _lag_samples(settings: EndpointSettings) -> int:
    f = settings.frame_ms
    lag_ms = math.ceil(settings.silence_timeout_ms / f) * f - math.ceil(settings.post_roll_ms / f) * f
    return max(0, lag_ms) * SAMPLE_RATE_HZ // 1000


class PhraseCapture:
    """See the module doc. ``on_open(during_playback)`` says which phrase set decodes a phrase
    that starts now (None: do not listen to it); ``on_early(transcript)`` says whether the early
    look was understood (then the caller has played the "understood" tone)."""

    def __init__(self, recognizer: Recognizer, reference: PlaybackReference, endpoint: EndpointSettings,
                 live: LiveSettings, on_open: Callable[[bool], str | None],
                 on_early: Callable[[Transcript], bool]) -> None:
        self.recognizer = recognizer
        self.live = live
        self.endpoint = endpoint
        quick_ms = min(live.barge_in_silence_ms, endpoint.silence_timeout_ms)
        self.quick_endpoint = replace(endpoint, silence_timeout_ms=quick_ms,
                                      post_roll_ms=min(endpoint.post_roll_ms, quick_ms))
        self._main = Endpointer(endpoint)
        self._quick = Endpointer(self.quick_endpoint)
        self._quick_lag = _lag_samples(self.quick_endpoint)
        self.echo = EchoSuppressor(reference, live.echo)
        self.on_open = on_open
        self.on_early = on_early
        self.mask_until_s = float("-inf")
        """Until this clock time the phrase in progress hears silence (our own early tone is playing)."""
        self.origin_s: float | None = None
        """Clock time of microphone sample 0 (estimated as chunks arrive)."""
        self.mic_samples = 0
        """Microphone samples read so far."""
        self._lags: deque[float] = deque(maxlen=max(1, int(10_000 / 30)))
        self._ring = bytearray()
        self._ring_start = 0  # sample index of _ring[0]
        self._ring_keep = SAMPLE_RATE_HZ * (endpoint.max_phrase_ms // 1000 + 5)
        self._utt: _Utterance | None = None

    @property
    def busy(self) -> bool:
        """True while a phrase is being heard (or speech may be starting)."""
        return self._utt is not None or self._main.in_speech

    @property
    def in_phrase(self) -> bool:
        """True while a phrase listened to is in progress."""
        return self._utt is not None

    def feed(self, chunk: bytes, now: float, speaking: bool) -> list[Phrase]:
        """One microphone chunk read at clock time ``now``; the phrases it ended."""
        n = len(chunk) // SAMPLE_WIDTH_BYTES
        if n == 0:
            return []
        self._lags.append(now - (self.mic_samples + n) / SAMPLE_RATE_HZ)
        self.origin_s = min(self._lags)
        t0 = self.origin_s + self.mic_samples / SAMPLE_RATE_HZ
        self.mic_samples += n
        result = self.echo.process(chunk[: n * SAMPLE_WIDTH_BYTES], t0)
        if not result.cleaned:
            return []
        self._append_ring(result.start_sample, result.cleaned)
        heard = result.gated
        if self.mask_until_s > t0 and self._utt is not None:
            heard = bytes(len(heard))
        out = self._on_quick(self._quick.feed(heard), speaking)
        out += self._on_main(self._main.feed(heard), speaking)
        self._stream()
        return out

    def flush(self) -> list[Phrase]:
        """The source ended: the phrase in progress, if any."""
        main, quick = self._main.flush(), self._quick.flush()
        utt = self._utt
        if utt is None:
            return []
        event = main if utt.owner == "main" else quick
        if isinstance(event, SpeechEnded):
            return [self._close(event)]
        self._drop()
        return []

    # --- detector events --------------------------------------------------
    def _on_quick(self, events: list[EndpointEvent], speaking: bool) -> list[Phrase]:
        out = []
        for event in events:
            utt = self._utt
            if isinstance(event, SpeechStarted):
                if utt is None and speaking:
                    self._open("quick", event.at_ms, True)
                elif utt is not None and utt.owner == "main" and utt.early is not None and not utt.resumed:
                    utt.resumed = True  # the user went on after a pause: decode again from the start
                    utt.early, utt.early_understood = None, False
                    self._begin(utt)
                    self._stream()
            elif isinstance(event, SpeechEnded) and utt is not None:
                if utt.owner == "quick":
                    out.append(self._close(event))
                elif utt.early is None and not utt.resumed:
                    self._early_look(utt, event)
            elif isinstance(event, SpeechDiscarded) and utt is not None and utt.owner == "quick":
                self._drop()
        return out

    def _on_main(self, events: list[EndpointEvent], speaking: bool) -> list[Phrase]:
        out = []
        for event in events:
            utt = self._utt
            if isinstance(event, SpeechStarted) and utt is None and not speaking:
                self._open("main", event.at_ms, False)
            elif isinstance(event, SpeechEnded) and utt is not None and utt.owner == "main":
                out.append(self._close(event))
            elif isinstance(event, SpeechDiscarded) and utt is not None and utt.owner == "main":
                self._drop()
        return out

    # --- one phrase -------------------------------------------------------
    def _open(self, owner: str, speech_start_ms: float, during_playback: bool) -> None:
        vocabulary = self.on_open(during_playback)
        if vocabulary is None:
            _LOGGER.debug("phrase at %.0f ms not listened to", speech_start_ms)
            return
        settings = self.quick_endpoint if owner == "quick" else self.endpoint
        start_ms = max(0.0, speech_start_ms - max(settings.pre_roll_ms, self.live.recognizer_pre_roll_ms))
        start_sample = int(start_ms * SAMPLE_RATE_HZ / 1000)
        self._utt = _Utterance(owner, start_sample, speech_start_ms, during_playback, vocabulary)
        self._begin(self._utt)

    def _begin(self, utt: _Utterance) -> None:
        self.recognizer.use(utt.vocabulary)
        self.recognizer.start()
        utt.decoding = True
        utt.fed_until = utt.start_sample

    def _stream(self) -> None:
        utt = self._utt
        if utt is not None and utt.decoding:
            self._feed_to(utt, self._ring_end() - self._quick_lag)

    def _feed_to(self, utt: _Utterance, end_sample: int) -> None:
        if end_sample > utt.fed_until:
            pcm = self._ring_slice(utt.fed_until, end_sample)
            if pcm:
                self.recognizer.accept(pcm)
            utt.fed_until = end_sample

    def _finish(self, utt: _Utterance, end_sample: int) -> Transcript:
        self._feed_to(utt, end_sample)
        utt.decoding = False
        return self.recognizer.finish()

    def _early_look(self, utt: _Utterance, event: SpeechEnded) -> None:
        """The quick detector thinks the phrase is over: decode it now (the caller may sound "understood")."""
        end_sample = self._end_sample(event)
        if end_sample < utt.fed_until:
            return
        transcript = self._finish(utt, end_sample)
        utt.early = (event.speech_end_ms, transcript)
        utt.early_understood = self.on_early(transcript)

    def _close(self, event: SpeechEnded) -> Phrase:
        utt = self._utt
        assert utt is not None  # only called with a phrase in progress
        self._utt = None
        end_sample = self._end_sample(event)
        if utt.early is not None and not utt.resumed and utt.early[0] == event.speech_end_ms:
            transcript = utt.early[1]
        elif utt.decoding and utt.start_sample <= int(event.audio_start_ms * SAMPLE_RATE_HZ / 1000) + 1:
            transcript = self._finish(utt, end_sample)
        else:
            if utt.decoding:
                self.recognizer.finish()
            self.recognizer.use(utt.vocabulary)
            transcript = self.recognizer.transcribe(self._ring_slice(utt.start_sample, end_sample))
        self.recognizer.use("main")
        return Phrase(transcript, utt.speech_start_ms, event.speech_end_ms, event.at_ms, utt.during_playback,
                      self._ring_slice(utt.start_sample, end_sample), 1000.0 * utt.start_sample / SAMPLE_RATE_HZ,
                      utt.early_understood)

    def _drop(self) -> None:
        utt, self._utt = self._utt, None
        if utt is not None and utt.decoding:
            try:
                self.recognizer.finish()
            except VoiceGuideError:
                pass
        self.recognizer.use("main")

    @staticmethod
    def _end_sample(event: SpeechEnded) -> int:
        return int(event.audio_start_ms * SAMPLE_RATE_HZ / 1000) + event.audio.num_samples

    # --- the ring of recent audio -------------------------------------------
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
