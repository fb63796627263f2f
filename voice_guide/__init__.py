"""voice-guide: an offline voice assistant and audio guide.

This module only re-exports the public names of the modules that hold them.
"""

from .audio import AudioClip, read_audio, write_wav
from .errors import AudioError, ContentError, RecognizerError, SpeechError, VoiceGuideError

__all__ = [
    "AudioClip",
    "AudioError",
    "ContentError",
    "RecognizerError",
    "SpeechError",
    "VoiceGuideError",
    "read_audio",
    "write_wav",
]
