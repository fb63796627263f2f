"""voice-guide: an offline voice assistant and audio guide.

This module only re-exports the public names of the modules that hold them.
"""

from .audio import AudioClip, read_audio, write_wav
from .content import ContentPack, Section, Topic, Unit, load_pack
from .dialogue import Answer, Guide
from .errors import AudioError, ContentError, RecognizerError, SpeechError, VoiceGuideError
from .pipeline import QAPipeline, Result
from .understanding import IntentMatch, Understander

__all__ = [
    "Answer",
    "AudioClip",
    "AudioError",
    "ContentError",
    "ContentPack",
    "Guide",
    "IntentMatch",
    "QAPipeline",
    "RecognizerError",
    "Result",
    "Section",
    "SpeechError",
    "Topic",
    "Understander",
    "Unit",
    "VoiceGuideError",
    "load_pack",
    "read_audio",
    "write_wav",
]
