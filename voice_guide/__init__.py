"""voice-guide: an offline voice assistant and audio guide.

This module only re-exports the public names of the modules that hold them.
"""

from voice_guide.audio.files import AudioClip, read_audio, write_wav
from voice_guide.content.pack import ContentPack, Section, Topic, Unit, load_pack
from voice_guide.core.errors import AudioError, ContentError, RecognizerError, SpeechError, VoiceGuideError
from voice_guide.dialogue.guide import Answer, Guide
from voice_guide.engine import QAPipeline, Result
from voice_guide.nlu.understanding import IntentMatch, Understander

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
