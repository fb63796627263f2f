"""voice-guide: an offline voice assistant and audio guide.

The data's way through the package: ``audio`` (in) -> ``stt`` (speech to text) -> ``nlu``
(understanding) -> ``dialogue`` (the conversation) -> ``tts`` (speech out), with ``engine``
holding the shared models and ``frontends`` (command line, live session, Wyoming server) at the
edge. See the README's "How it works".
"""

__version__ = "0.2.0"
