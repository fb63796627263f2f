"""A sink that records instead of playing: :class:`RecordingSink` keeps every clip it is given,
with the times they would have sounded on an injectable clock.

The runtime uses it for a live session run faster than real time (``--fast``) and to save
what a session said (``--save-audio``); tests and benchmarks use it as the speaker of a
simulated room.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from voice_guide.audio.files import AudioClip, concat
from voice_guide.audio.sinks import _SinkBase


@dataclass
class PlayRecord:
    """One clip given to a :class:`RecordingSink`."""

    clip: AudioClip
    """The clip as it was passed to ``play``."""

    queued_at_s: float
    """Clock time of the ``play`` call, in seconds."""

    started_at_s: float
    """Clock time the clip starts sounding (after the clips queued before it), in seconds."""

    cut_at_sample: int | None = None
    """Sample offset where ``stop`` cut the clip off (0: never heard); ``None`` if it played out."""

    @property
    def ended_at_s(self) -> float:
        """Clock time the clip stops sounding: its natural end, or the cut."""
        samples = self.clip.num_samples if self.cut_at_sample is None else self.cut_at_sample
        return self.started_at_s + samples / self.clip.sample_rate_hz

    @property
    def was_cut(self) -> bool:
        """True when ``stop`` cut this clip short (or before it started)."""
        return self.cut_at_sample is not None

    def heard(self) -> AudioClip:
        """The part of the clip that sounded."""
        if self.cut_at_sample is None:
            return self.clip
        return AudioClip(self.clip.pcm[: 2 * self.cut_at_sample], self.clip.sample_rate_hz)


class RecordingSink(_SinkBase):
    """Records what was played, when, and where ``stop`` cut it; for tests.

    Playback is simulated in real time on an injectable ``clock``: a clip starts when the
    one before it ends, and ``stop`` at clock time *t* cuts the sounding clip at sample
    ``(t - start) * rate``. ``wait`` calls ``sleep`` for the time left, so a fake clock whose
    ``sleep`` advances it makes tests instant.
    """

    available = True

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.clock = clock
        self.sleep = sleep if sleep is not None else time.sleep
        self.records: list[PlayRecord] = []
        self.stops_at_s: list[float] = []
        self._end_s = float("-inf")
        self._lock = threading.Lock()

    def play(self, clip: AudioClip) -> None:
        now = self.clock()
        with self._lock:
            start = max(now, self._end_s)
            self.records.append(PlayRecord(clip, now, start))
            self._end_s = start + clip.num_samples / clip.sample_rate_hz

    def stop(self) -> None:
        now = self.clock()
        with self._lock:
            self.stops_at_s.append(now)
            for record in self.records:
                if record.cut_at_sample is None and record.ended_at_s > now:
                    offset = round((now - record.started_at_s) * record.clip.sample_rate_hz)
                    record.cut_at_sample = min(max(0, offset), record.clip.num_samples)
            self._end_s = min(self._end_s, now)

    def wait(self) -> None:
        remaining = self._end_s - self.clock()
        if remaining > 0:
            self.sleep(remaining)

    @property
    def is_playing(self) -> bool:
        return self.clock() < self._end_s

    @property
    def clips(self) -> list[AudioClip]:
        """Every clip passed to ``play``, in order."""
        return [r.clip for r in self.records]

    @property
    def cut(self) -> list[PlayRecord]:
        """The records ``stop`` cut short, in order."""
        return [r for r in self.records if r.was_cut]

    def played_audio(self) -> AudioClip:
        """Everything that sounded, joined (cut clips end at their cut); at the first clip's rate."""
        return concat([r.heard() for r in self.records if r.heard().num_samples])


__all__ = ["PlayRecord", "RecordingSink"]
