"""The Wyoming service: one engine, its workers, what it announces, and the server loop.

``python run.py serve --uri tcp://127.0.0.1:10700`` (or ``unix://PATH``). Each connection gets
its own conversation (:mod:`voice_guide.frontends.server.wyoming_handler`); recognition and
speech run on one worker thread each (:mod:`voice_guide.frontends.server.workers`).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from wyoming.info import AsrModel, AsrProgram, Attribution, HandleModel, HandleProgram, Info, TtsProgram, TtsVoice
from wyoming.server import AsyncServer

from voice_guide import __version__
from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import VoiceGuideError
from voice_guide.engine import Engine
from voice_guide.frontends.server.workers import Worker
from voice_guide.frontends.server.wyoming_handler import GuideEventHandler
from voice_guide.stt.base import Transcript
from voice_guide.tts.settings import SpeechSettings
from voice_guide.tts.speaker import Speaker

_LOGGER = logging.getLogger(__name__)

ATTRIBUTION = Attribution(name="voice-guide", url="https://github.com/")


class GuideService:
    """Everything the connections share: the engine, the speaker and their workers."""

    def __init__(self, engine: Engine, speaker: Speaker | None = None) -> None:
        self.engine = engine
        self.speaker = speaker
        self.language = engine.responses.language
        self._asr = Worker("recognizer")
        self._tts = Worker("speech")
        self._info: Info | None = None

    def load(self) -> None:
        """Load the models now (not on the first request)."""
        _ = self.engine.recognizer
        if self.speaker is None:
            try:
                self.speaker = Speaker()
            except VoiceGuideError as err:
                _LOGGER.warning("text to speech is off: %s", err)

    async def transcribe(self, pcm: bytes) -> Transcript:
        """Recognize 16 kHz mono PCM on the recognizer's worker."""
        if not pcm or AudioClip(pcm).is_silent():
            return Transcript("", 0.0)
        return await self._asr.run(partial(self.engine.transcribe, pcm))

    async def synthesize(self, text: str, settings: SpeechSettings) -> AudioClip:
        """Speak ``text`` into a clip on the speech worker."""
        if self.speaker is None:
            raise VoiceGuideError("text to speech is not available on this server (install espeak-ng)")
        speaker = self.speaker
        return await self._tts.run(partial(speaker.render, text, settings))

    def info(self) -> Info:
        """What this server offers, for ``describe``."""
        if self._info is None:
            pack = self.engine.pack
            language = [self.language]
            voices = []
            if self.speaker is not None:
                for voice_id, name, languages in self.speaker.list_voices():
                    voices.append(TtsVoice(name=voice_id, description=name, attribution=ATTRIBUTION, installed=True,
                                           version=None, languages=list(languages) or language))
            self._info = Info(
                asr=[AsrProgram(name="voice-guide", description=f"Offline speech to text for {pack.title}",
                                attribution=ATTRIBUTION, installed=True, version=__version__,
                                models=[AsrModel(name=f"{self.engine.backend}-{pack.title}", description=f"{self.engine.backend}, constrained to the pack's domain",
                                                 attribution=ATTRIBUTION, installed=True, version=__version__, languages=language)])],
                handle=[HandleProgram(name="voice-guide", description=f"Answers from {pack.title}, and guided routines",
                                      attribution=ATTRIBUTION, installed=True, version=__version__,
                                      models=[HandleModel(name=pack.title, description=pack.title, attribution=ATTRIBUTION,
                                                          installed=True, version=__version__, languages=language)])],
                tts=[TtsProgram(name="voice-guide-tts", description="espeak-ng through pyttsx3", attribution=ATTRIBUTION,
                                installed=self.speaker is not None, version=__version__, voices=voices)],
            )
        return self._info

    def close(self) -> None:
        """Stop the workers."""
        self._asr.close()
        self._tts.close()


async def serve(service: GuideService, uri: str, ready: asyncio.Event | None = None) -> None:
    """Serve Wyoming clients at ``uri`` until cancelled."""
    try:
        server = AsyncServer.from_uri(uri)
    except ValueError as err:
        raise VoiceGuideError(f"{uri}: {err}") from None
    await server.start(lambda reader, writer: GuideEventHandler(service, reader, writer))
    _LOGGER.info("serving Wyoming clients at %s", uri)
    if ready is not None:
        ready.set()
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()
