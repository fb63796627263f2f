"""Spoken output for the command line: a speaker, where its audio goes, and its settings.

Speech is rendered to audio first and then played, so it can be cut off, saved to a
file, or recorded by a test sink. Settings changes (slower, louder…) apply to the very
next sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

SETTING_ACTIONS = ("slower", "faster", "louder", "quieter")
"""Answer actions that change how speech sounds."""


class VoiceOutput:
    """Says text aloud through one :class:`~voice_guide.tts.speaker.Speaker` into one or more sinks."""

    def __init__(
        self,
        speaker: Any | None,
        sinks: list[Any],
        settings: Any,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.speaker = speaker
        self.sinks = sinks
        self.settings = settings
        self._notice = notice or (lambda line: None)
        self._told_no_device = False

    @classmethod
    def open(
        cls,
        speak: bool = True,
        save_audio: Path | None = None,
        settings: Any = None,
        notice: Callable[[str], None] | None = None,
    ) -> "VoiceOutput":
        """The usual output: the sound device when ``speak`` (or a one-line notice when
        there is none), plus a WAV file when ``save_audio`` is given."""
        from voice_guide.tts.settings import SpeechSettings
        from voice_guide.tts.speaker import Speaker

        settings = settings or SpeechSettings()
        sinks: list[Any] = []
        speaker = None
        if speak or save_audio is not None:
            try:
                speaker = Speaker()
            except SpeechError as err:
                if notice:
                    notice(f"Speech is off: {err}")
                speaker = None
        if speaker is not None and speak:
            from voice_guide.audio.sinks import open_default_sink

            sink = open_default_sink()
            if not getattr(sink, "available", True) and notice:
                notice(getattr(sink, "reason", "") or "No audio output device found.")
            sinks.append(sink)
        if speaker is not None and save_audio is not None:
            from voice_guide.audio.sinks import WavFileSink

            sinks.append(WavFileSink(save_audio))
        return cls(speaker, sinks, settings, notice)

    def say(self, text: str) -> AudioClip | None:
        """Render ``text`` with the current settings and play it into every sink (waits)."""
        if not text or self.speaker is None or not self.sinks:
            return None
        clip = self.speaker.render(text, self.settings)
        self.play(clip)
        return clip

    def play(self, clip: AudioClip) -> None:
        """Play a clip into every sink and wait until it has been played."""
        for sink in self.sinks:
            sink.play(clip)
        for sink in self.sinks:
            sink.wait()

    def stop(self) -> None:
        """Cut off whatever is playing."""
        for sink in self.sinks:
            sink.stop()

    def apply(self, action: str | None) -> bool:
        """Apply a settings action (``slower``…); True when the settings changed."""
        if action not in SETTING_ACTIONS:
            return False
        self.settings = getattr(self.settings, action)()
        return True

    def close(self) -> None:
        """Finish every sink (a WAV file sink writes its file now).

        Every sink is closed even when one fails; then the first failure is raised as a
        :class:`SpeechError` naming what failed."""
        failures: list[str] = []
        for sink in self.sinks:
            try:
                sink.close()
            except Exception as err:  # closing must not lose the other sinks' output
                failures.append(f"{type(sink).__name__}: {' '.join(str(err).split()) or type(err).__name__}")
        if failures:
            raise SpeechError(f"could not finish audio output ({'; '.join(failures)})")
