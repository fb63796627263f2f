"""One Wyoming connection: a conversation of its own over the shared engine.

Events handled (``wyoming`` package classes, not a hand-written protocol):

* ``describe`` -> ``info``: an ASR service (the pack's language), an intent-handling service
  and a TTS service (the voices espeak-ng offers);
* ``transcribe``, ``audio-start``, ``audio-chunk``..., ``audio-stop`` -> ``transcript``: audio of
  any rate, width and channel count is converted to 16 kHz mono 16-bit as it arrives;
* ``transcript`` (for handling) -> ``handled`` with the guide's reply, or ``not-handled`` with
  the fallback reply; safety first, as everywhere;
* ``synthesize`` -> ``audio-start``, ``audio-chunk``..., ``audio-stop``.

Messages are bounded (:data:`MAX_AUDIO_S` of audio per request, :data:`MAX_EVENT_BYTES` per
event); a client that disconnects mid-stream leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe
from wyoming.server import AsyncEventHandler
from wyoming.tts import Synthesize

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.types import Outcome
from voice_guide.stt.base import Transcript as VgTranscript

if TYPE_CHECKING:
    from voice_guide.frontends.server.service import GuideService

_LOGGER = logging.getLogger(__name__)

MAX_AUDIO_S = 30.0
"""Longest request audio accepted; longer audio is refused with an error event."""

MAX_EVENT_BYTES = 1_048_576
"""Largest event data or payload accepted (1 MiB); a larger one ends the connection."""

MAX_TEXT_CHARS = 2_000
"""Longest text accepted for handling or synthesis."""

CHUNK_SAMPLES = 1024
"""Samples per audio chunk sent back for synthesized speech."""


@dataclass
class _Stream:
    """An audio stream being received for transcription."""

    converter: AudioChunkConverter
    pcm: bytearray
    started_s: float


class GuideEventHandler(AsyncEventHandler):
    """Events of one client, answered by one :class:`~voice_guide.dialogue.conversation.Conversation`."""

    def __init__(self, service: GuideService, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        super().__init__(reader, writer)
        self.service = service
        self.conversation = service.engine.new_conversation(interactive=True)
        self.peer = str(writer.get_extra_info("peername") or writer.get_extra_info("sockname") or "local")
        self._stream: _Stream | None = None
        self._last_transcript: VgTranscript | None = None

    async def run(self) -> None:
        """Receive events (each bounded in size) until the client leaves."""
        try:
            while True:
                event = await read_bounded_event(self.reader)
                if event is None or not await self.handle_event(event):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            _LOGGER.info("%s: disconnected mid-message", self.peer)
        finally:
            await self.disconnect()
            self.writer.close()

    async def disconnect(self) -> None:
        """Forget any half-received audio."""
        self._stream = None

    async def handle_event(self, event: Event) -> bool:
        """Answer one event; False ends the connection."""
        try:
            if Describe.is_type(event.type):
                await self.write_event(self.service.info().event())
            elif Transcribe.is_type(event.type):
                pass  # the audio that follows is transcribed at audio-stop
            elif AudioStart.is_type(event.type):
                self._start_audio(AudioStart.from_event(event))
            elif AudioChunk.is_type(event.type):
                return await self._audio_chunk(AudioChunk.from_event(event))
            elif AudioStop.is_type(event.type):
                await self._audio_stop()
            elif Transcript.is_type(event.type):
                await self._handle_text(Transcript.from_event(event).text)
            elif Synthesize.is_type(event.type):
                await self._synthesize(Synthesize.from_event(event).text)
            else:
                _LOGGER.debug("%s: ignored event %s", self.peer, event.type)
        except VoiceGuideError as err:
            _LOGGER.warning("%s: %s: %s", self.peer, event.type, err)
            await self.write_event(Error(text=str(err), code=type(err).__name__).event())
        return True

    # --- speech to text ------------------------------------------------------
    def _start_audio(self, start: AudioStart) -> None:
        converter = AudioChunkConverter(rate=SAMPLE_RATE_HZ, width=SAMPLE_WIDTH_BYTES, channels=1)
        self._stream = _Stream(converter, bytearray(), time.perf_counter())
        _LOGGER.debug("%s: audio-start %s Hz, %s bytes, %s channels", self.peer, start.rate, start.width, start.channels)

    async def _audio_chunk(self, chunk: AudioChunk) -> bool:
        if self._stream is None:
            self._start_audio(AudioStart(rate=chunk.rate, width=chunk.width, channels=chunk.channels))
        assert self._stream is not None  # set just above
        self._stream.pcm += self._stream.converter.convert(chunk).audio
        if len(self._stream.pcm) > MAX_AUDIO_S * SAMPLE_RATE_HZ * SAMPLE_WIDTH_BYTES:
            self._stream = None
            await self.write_event(Error(text=f"audio longer than {MAX_AUDIO_S:.0f} seconds; refused", code="too_long").event())
        return True

    async def _audio_stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        pcm = bytes(stream.pcm)
        t0 = time.perf_counter()
        transcript = await self.service.transcribe(pcm)
        ms = 1000 * (time.perf_counter() - t0)
        seconds = len(pcm) / (SAMPLE_RATE_HZ * SAMPLE_WIDTH_BYTES)
        _LOGGER.info("%s: transcribe %.1f s of audio -> %r (confidence %.2f, %.0f ms)", self.peer, seconds,
                     transcript.text, transcript.confidence, ms)
        self._last_transcript = transcript
        await self.write_event(Transcript(text=transcript.text, language=self.service.language).event())

    # --- handling ------------------------------------------------------------
    async def _handle_text(self, text: str) -> None:
        text = text[:MAX_TEXT_CHARS]
        t0 = time.perf_counter()
        last = self._last_transcript
        if last is not None and last.text == text:
            response = self.conversation.handle_transcript(last.text, last.confidence, last.alternatives, time.monotonic())
        else:
            response = self.conversation.handle_text(text, time.monotonic())
        self._last_transcript = None
        ms = 1000 * (time.perf_counter() - t0)
        _LOGGER.info("%s: handle %r -> %s (%.0f ms)", self.peer, text, response.intent, ms)
        context = {"intent": response.intent, "section": response.section_id, "slots": response.slots}
        if response.outcome == Outcome.NOT_UNDERSTOOD:
            await self.write_event(NotHandled(text=response.text, context=context).event())
        else:
            await self.write_event(Handled(text=response.text, context=context).event())

    # --- text to speech ------------------------------------------------------
    async def _synthesize(self, text: str) -> None:
        text = text[:MAX_TEXT_CHARS]
        t0 = time.perf_counter()
        clip = await self.service.synthesize(text, self.conversation.speech)
        rate, width, channels = clip.sample_rate_hz, SAMPLE_WIDTH_BYTES, 1
        await self.write_event(AudioStart(rate=rate, width=width, channels=channels).event())
        step = CHUNK_SAMPLES * width
        for i in range(0, len(clip.pcm), step):
            await self.write_event(AudioChunk(rate=rate, width=width, channels=channels, audio=clip.pcm[i:i + step]).event())
        await self.write_event(AudioStop().event())
        _LOGGER.info("%s: synthesize %d characters -> %.1f s of audio (%.0f ms)", self.peer, len(text),
                     clip.duration_ms / 1000, 1000 * (time.perf_counter() - t0))


async def read_bounded_event(reader: asyncio.StreamReader) -> Event | None:
    """The next event, or None at the end of the stream or for a message over the limits.

    The wyoming package's reader trusts the lengths a client announces; this one refuses data
    or payloads over :data:`MAX_EVENT_BYTES` before reading them.
    """
    try:
        line = await reader.readline()
    except ValueError:  # a header line over the stream's limit
        _LOGGER.warning("event header too long; connection closed")
        return None
    if not line:
        return None
    try:
        header = json.loads(line)
        data_length = int(header.get("data_length") or 0)
        payload_length = int(header.get("payload_length") or 0)
        event_type = str(header["type"])
    except (ValueError, KeyError, TypeError, AttributeError):
        _LOGGER.warning("malformed event header; connection closed")
        return None
    if not 0 <= data_length <= MAX_EVENT_BYTES or not 0 <= payload_length <= MAX_EVENT_BYTES:
        _LOGGER.warning("event %s over %d bytes; connection closed", event_type, MAX_EVENT_BYTES)
        return None
    data = header.get("data") if isinstance(header.get("data"), dict) else {}
    if data_length:
        try:
            extra = json.loads(await reader.readexactly(data_length))
        except ValueError:
            return None
        if isinstance(extra, dict):
            data.update(extra)
    payload = await reader.readexactly(payload_length) if payload_length else None
    return Event(type=event_type, data=data, payload=payload)
