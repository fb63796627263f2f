"""The speech queue: sentences and earcons rendered just before they are due, played, and cut at once.

Each sentence is rendered when the one before it is about to end (``lookahead_ms``), with
the speech settings of that moment, so "slower" is heard on the very next sentence. What
is played is also handed to the echo reference (the session knows what it said, and when).

A sink that cannot play (:class:`~voice_guide.audio.sinks.NullSink`: speech is off or there
is no output device) plays nothing, so nothing is rendered and every line counts as said
and finished at once: the guide is never "speaking" and listens straight away.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from voice_guide.audio.echo import PlaybackReference
from voice_guide.audio.files import AudioClip
from voice_guide.audio.sinks import AudioSink
from voice_guide.content.sentences import split_sentences
from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.live.records import ClipKind, SpokenLine
from voice_guide.tts.settings import SpeechSettings

_LOGGER = logging.getLogger(__name__)

EARCON_RATE_HZ = 22050
"""Sample rate earcons are rendered at."""


class SpeechRenderer(Protocol):
    """Text to audio (:class:`~voice_guide.tts.speaker.Speaker`)."""

    def render(self, text: str, settings: SpeechSettings) -> AudioClip:
        """``text`` spoken with ``settings``."""
        ...


@dataclass
class _Pending:
    """A sentence or an earcon waiting to be played."""

    text: str
    kind: ClipKind
    turn: int | None


class SpeechQueue:
    """What the guide says, in order; see the module doc. ``settings`` gives the speech settings now."""

    def __init__(self, sink: AudioSink, speaker: SpeechRenderer | None, reference: PlaybackReference,
                 clock: Callable[[], float], settings: Callable[[], SpeechSettings],
                 lookahead_ms: int = 150, speaking_tail_ms: int = 250) -> None:
        self.sink = sink
        self.speaker = speaker
        self.reference = reference
        self.clock = clock
        self.settings = settings
        self.lookahead_s = lookahead_ms / 1000.0
        self.tail_s = speaking_tail_ms / 1000.0
        self.spoken: list[SpokenLine] = []
        """Everything played, in order."""
        self.play_end_s = float("-inf")
        """Clock time the last clip handed to the sink stops sounding (-inf: nothing played yet)."""
        self._queue: deque[_Pending] = deque()
        self._resume: list[str] = []

    @property
    def can_play(self) -> bool:
        """False when the sink plays nothing (speech off, no output device)."""
        return bool(getattr(self.sink, "available", True))

    def is_speaking(self, now: float | None = None) -> bool:
        """True while the guide is speaking (or has more queued)."""
        t = self.clock() if now is None else now
        return bool(self._queue) or t < self.play_end_s + self.tail_s

    def say(self, text: str, turn: int | None, first: bool = False) -> None:
        """Queue ``text`` sentence by sentence (``first``: before anything queued)."""
        items = [_Pending(s, ClipKind.SPEECH, turn) for s in split_sentences(text)]
        if first:
            self._queue.extendleft(reversed(items))
        else:
            self._queue.extend(items)
        self.pump(self.clock())

    def earcon(self, name: str, turn: int | None) -> None:
        """Queue a tone, when earcons are on."""
        if self.settings().earcons:
            self._queue.append(_Pending(name, ClipKind.EARCON, turn))
            self.pump(self.clock())

    def pump(self, now: float) -> None:
        """Render and play the next item once the sink is about to run out."""
        while self._queue and self.play_end_s - now <= self.lookahead_s:
            item = self._queue.popleft()
            if not self.can_play:
                self._record(item, now, now)
                continue
            clip = self._render(item)
            if clip is not None and clip.num_samples:
                self._play(clip, item)
            now = self.clock()

    def cut(self, keep_for_resume: bool = False) -> None:
        """Stop speaking now (barge-in, stop, pause); ``keep_for_resume``: keep what was left unsaid."""
        now = self.clock()
        playing = [line for line in self.spoken if line.end_s > now]
        unsaid = [line.text for line in playing if line.kind is ClipKind.SPEECH]
        unsaid += [item.text for item in self._queue if item.kind is ClipKind.SPEECH]
        self._queue.clear()
        if playing:
            try:
                self.sink.stop()
            except VoiceGuideError as err:
                _LOGGER.warning("could not stop playback: %s", err)
            self.reference.cut(now)
            for line in playing:
                line.cut = True
                line.end_s = max(line.start_s, now)
            self.play_end_s = now
            _LOGGER.debug("speech cut at %.3f s", now)
        if not keep_for_resume:
            self._resume = []
        elif unsaid:
            self._resume = unsaid

    def take_resume(self) -> list[str]:
        """What was left unsaid at the last pause (then forgotten)."""
        lines, self._resume = self._resume, []
        return lines

    def drain(self, sleep: Callable[[float], None], limit_s: float = 120.0) -> None:
        """Let everything queued play out (at most ``limit_s``), then wait for the sink."""
        deadline = self.clock() + limit_s
        while (self._queue or self.clock() < self.play_end_s) and self.clock() < deadline:
            self.pump(self.clock())
            wait = max(0.0, min(0.05, self.play_end_s - self.clock()))
            if wait <= 0 and not self._queue:
                break
            sleep(wait if wait > 0 else 0.01)
        try:
            self.sink.wait()
        except Exception as err:  # noqa: BLE001 - a device problem at the very end must not hide the session's result
            _LOGGER.debug("waiting for playback: %s", err)

    def _render(self, item: _Pending) -> AudioClip | None:
        if item.kind is ClipKind.EARCON:
            from voice_guide.audio.earcons import earcon

            return earcon(item.text, EARCON_RATE_HZ)
        if self.speaker is None:
            return None
        try:
            return self.speaker.render(item.text, self.settings())
        except VoiceGuideError as err:
            _LOGGER.warning("could not speak: %s", err)
            return None

    def _play(self, clip: AudioClip, item: _Pending) -> None:
        now = self.clock()  # after rendering: the sink starts the clip from its own "now"
        start = max(now, self.play_end_s)
        try:
            self.sink.play(clip)
        except VoiceGuideError as err:
            _LOGGER.warning("could not play: %s", err)
            return
        end = start + clip.num_samples / clip.sample_rate_hz
        self.reference.add(start, clip, learn=item.kind is ClipKind.SPEECH)
        self.play_end_s = end
        self._record(item, start, end, queued_at_s=now)

    def _record(self, item: _Pending, start_s: float, end_s: float, queued_at_s: float | None = None) -> None:
        label = item.text if item.kind is ClipKind.SPEECH else f"(sound: {item.text})"
        queued = start_s if queued_at_s is None else queued_at_s
        self.spoken.append(SpokenLine(label, item.kind, item.turn, queued, start_s, end_s))
