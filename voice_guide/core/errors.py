"""The one base exception of voice-guide, and its kinds."""


class VoiceGuideError(Exception):
    """Base of every error voice-guide raises on purpose.

    The message is one plain line that a person can act on; the command line
    prints it without a traceback.
    """


class ContentError(VoiceGuideError):
    """A content pack (article, intents, lexicon, routines) is missing or malformed."""


class AudioError(VoiceGuideError):
    """An audio file or stream cannot be read or is not usable speech."""


class RecognizerError(VoiceGuideError):
    """A speech-recognition engine or model is missing or failed."""


class SpeechError(VoiceGuideError):
    """Text-to-speech or audio output failed."""


def one_line(err: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none): what a user is shown."""
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__
