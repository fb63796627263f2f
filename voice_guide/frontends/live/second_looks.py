"""Second looks at a phrase's audio, when the first transcript may have misheard it.

* Over the guide's speech, a short phrase the phrase sets did not hear as a command is
  checked by a small keyword decoder for "stop", "pause" and "wait"
  (:mod:`voice_guide.stt.pocketsphinx.keywords`): flite awb's "stop" comes out as "go".
* In a routine (where phrases are decoded with the small command phrase set), a long
  phrase that is not a command is decoded again with everything: it may be a question.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import VoiceGuideError
from voice_guide.dialogue.conversation import LISTENING_INTENTS, SAFETY_INTENTS, SPEECH_INTENTS
from voice_guide.frontends.live.capture import Phrase
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.routines.commands import command_for
from voice_guide.stt.base import Transcript

if TYPE_CHECKING:
    from voice_guide.stt.pocketsphinx.keywords import KeywordHit

_LOGGER = logging.getLogger(__name__)

KEYWORD_PRE_ROLL_MS = 200.0
KEYWORD_POST_ROLL_MS = 150.0
"""Audio before the phrase's (detected) start and after its end given to the keyword spotter."""

_NO_SECOND_PASS = frozenset((*SPEECH_INTENTS, *LISTENING_INTENTS, *SAFETY_INTENTS, "pain"))


class _Spotter(Protocol):
    def spot(self, pcm: bytes) -> KeywordHit | None: ...


class _Transcriber(Protocol):
    def transcribe(self, pcm: bytes, vocabulary: str = "main") -> Transcript: ...


def load_spotter() -> _Spotter | None:
    """The shared keyword spotter, or None (with a warning) when it cannot be built."""
    try:
        from voice_guide.stt.pocketsphinx.keywords import shared_spotter

        return shared_spotter()
    except (VoiceGuideError, ImportError) as err:
        _LOGGER.warning("no keyword spotting over speech: %s", err)
        return None


def spot_barge_in_word(spotter: _Spotter | None, phrase: Phrase, max_phrase_ms: int) -> str | None:
    """An accepted barge-in word in a short phrase heard over the guide, or None."""
    if spotter is None or phrase.speech_end_ms - phrase.speech_start_ms > max_phrase_ms:
        return None
    # Only the phrase itself and a little around it: the spotter's time is all latency.
    rate = SAMPLE_RATE_HZ / 1000
    skip = int(max(0.0, phrase.speech_start_ms - KEYWORD_PRE_ROLL_MS - phrase.audio_start_ms) * rate)
    stop = int(max(0.0, phrase.speech_end_ms + KEYWORD_POST_ROLL_MS - phrase.audio_start_ms) * rate)
    try:
        hit = spotter.spot(phrase.audio[skip * SAMPLE_WIDTH_BYTES : stop * SAMPLE_WIDTH_BYTES])
    except VoiceGuideError as err:
        _LOGGER.warning("keyword spotter failed: %s", err)
        return None
    if hit is None or not hit.accepted:
        return None
    _LOGGER.debug("keyword spotter: %r (%.2f) in %r", hit.word, hit.score, phrase.transcript.text)
    return str(hit.word)


def wants_second_pass(phrase: Phrase, match: IntentMatch, min_ms: int) -> bool:
    """In a routine: a phrase at least ``min_ms`` long that was not heard as a command may be a question."""
    return (not phrase.typed and command_for(match.intent) is None and not match.is_knowledge
            and match.intent not in _NO_SECOND_PASS
            and len(phrase.audio) >= min_ms * SAMPLE_RATE_HZ * SAMPLE_WIDTH_BYTES // 1000)


def second_pass(recognizer: _Transcriber, phrase: Phrase) -> Transcript:
    """The phrase decoded again with the full phrase set."""
    return recognizer.transcribe(phrase.audio, "main")
