"""Rendering planned tracks to audio: spoken lines with their pauses, routines on a virtual clock.

A routine track is the routine's spoken script with its real pauses: the player is run on a
:class:`~voice_guide.routines.runner.VirtualClock` (see :mod:`voice_guide.export.routine_track`)
and every line is placed on the timeline at the moment the player said it. Speech "blocks" the
clock for as long as it lasts, as it does in a live session, so counts and holds keep their
real spacing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.export.model import LEAD_IN_MS, SAMPLE_RATE_HZ, TAIL_MS, TrackPlan
from voice_guide.export.routine_track import play_routine
from voice_guide.export.texts import ExportTexts

if TYPE_CHECKING:
    from voice_guide.tts.settings import SpeechSettings
    from voice_guide.tts.speaker import Speaker

MAX_CACHED_LINES = 2000
"""Spoken lines kept for reuse (counts, "rest", headings said in many tracks)."""


def new_speaker() -> Speaker:
    """A text-to-speech speaker (made only when a track needs rendering)."""
    from voice_guide.tts.speaker import Speaker

    return Speaker()


class Renderer:
    """Renders track plans to one clip each, with one speaker and a cache of spoken lines."""

    def __init__(self, speaker: Speaker | None, settings: SpeechSettings, texts: ExportTexts) -> None:
        self._speaker = speaker
        self._settings = settings
        self._texts = texts
        self._cache: dict[str, AudioClip] = {}

    def speak(self, text: str) -> AudioClip:
        """``text`` spoken at the export's rate, voice and sample rate."""
        clip = self._cache.get(text)
        if clip is None:
            if self._speaker is None:
                self._speaker = new_speaker()
            clip = self._speaker.render(text, self._settings)
            if clip.sample_rate_hz != SAMPLE_RATE_HZ:
                clip = clip.resampled(SAMPLE_RATE_HZ)
            if len(self._cache) < MAX_CACHED_LINES:
                self._cache[text] = clip
        return clip

    def render(self, plan: TrackPlan) -> tuple[AudioClip, str]:
        """The track's audio and its transcript."""
        if plan.kind == "routine":
            return self._render_routine(plan)
        pieces: list[np.ndarray] = [_silence(LEAD_IN_MS)]
        for segment in plan.segments:
            pieces.append(self.speak(segment.text).samples())
            pieces.append(_silence(segment.gap_after_ms))
        pieces.append(_silence(TAIL_MS))
        pcm = np.concatenate(pieces).astype("<i2").tobytes()
        transcript = f"{plan.number}. {plan.title}\n\n" + _wrap_paragraphs([s.text for s in plan.segments]) + "\n"
        return AudioClip(pcm, SAMPLE_RATE_HZ), transcript

    def _render_routine(self, plan: TrackPlan) -> tuple[AudioClip, str]:
        from voice_guide.audio.earcons import earcon
        from voice_guide.core.clock import VirtualClock

        clock = VirtualClock()
        events: list[tuple[float, AudioClip]] = []
        lines: list[str] = []

        def place(clip: AudioClip, label: str) -> None:
            at_s = clock.monotonic()
            events.append((at_s, clip))
            lines.append(f"{_stamp(at_s)}  {label}")
            clock.sleep(clip.duration_ms / 1000.0)  # speaking takes time, as in a live session

        def say(text: str) -> None:
            place(self.speak(text), text)

        def play(name: str) -> None:
            place(earcon(name, SAMPLE_RATE_HZ), f"(sound: {name})")

        clock.sleep(LEAD_IN_MS / 1000.0)
        play_routine(plan, self._texts, say, play, clock.monotonic, clock.sleep)
        end_s = max(clock.monotonic(), max((at + c.duration_ms / 1000.0 for at, c in events), default=0.0))
        total = int(round((end_s + TAIL_MS / 1000.0) * SAMPLE_RATE_HZ))
        track = np.zeros(total, dtype=np.int16)
        for at_s, clip in events:
            start = int(round(at_s * SAMPLE_RATE_HZ))
            samples = clip.samples()
            track[start : start + samples.size] = samples[: max(0, total - start)]
        keys = plan.routine.all_source_keys() if plan.routine is not None else ()
        transcript = (
            f"{plan.number}. {plan.title}\n\n"
            "Times are minutes and seconds from the start of the track.\n\n"
            + "\n".join(lines)
            + ("\n\nSources cited by this routine (see the pack's routines/sources.yaml): " + ", ".join(keys) if keys else "")
            + "\n"
        )
        return AudioClip(track.tobytes(), SAMPLE_RATE_HZ), transcript


def _silence(ms: int) -> np.ndarray:
    return np.zeros(int(SAMPLE_RATE_HZ * ms / 1000), dtype=np.int16)


def _stamp(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _wrap_paragraphs(paragraphs: Iterable[str], width: int = 80) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
