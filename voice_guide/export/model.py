"""The export's data: settings that shape every track, the plan of a track, and the report.

Constants here are part of every track's content hash (see :mod:`voice_guide.export.manifest`):
changing one makes the next export render every track again.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from voice_guide.core.errors import VoiceGuideError

if TYPE_CHECKING:
    from voice_guide.routines.model import Routine
    from voice_guide.routines.player import PlayerSettings

EXPORT_VERSION = 1
"""Bumped whenever the audio this module makes for the same text changes (part of every hash)."""

FORMATS = ("wav", "flac", "ogg", "mp3")
"""Formats :func:`export_guide` can write."""

ONLY_CHOICES = ("sections", "faq", "routines")
"""Values of ``only``: article sections (and sources), FAQ entries, or routines."""

TARGET_LOUDNESS_DBFS = -20.0
"""Gated RMS level every track is brought to, in dB relative to full scale."""

PEAK_CEILING_DBFS = -1.0
"""No sample of an exported track is louder than this, in dB relative to full scale."""

SAMPLE_RATE_HZ = 22050
"""Rate of the exported audio (espeak-ng's own rate; earcons are made at it too)."""

LEAD_IN_MS = 300
"""Silence at the start of every track."""

TAIL_MS = 1000
"""Silence at the end of every track, so tracks stay apart in gapless players."""

HEADING_GAP_MS = 900
"""Pause after a spoken heading or question."""

PARAGRAPH_GAP_MS = 600
"""Pause between paragraphs and lists."""

WRITE_BLOCK_FRAMES = 8192
"""Frames handed to the encoder per write call (see :func:`_write_soundfile`)."""

MANIFEST_NAME = "manifest.json"
"""The export's record of its tracks and their content hashes, in the output folder."""

PLAYLIST_NAME = "playlist.m3u"
"""The playlist of the first format; others are ``playlist-<format>.m3u``."""

MAX_ROUTINE_MS = 4 * 3600 * 1000
"""A routine track longer than this (routine time) is cut there: a guard, never reached by a real routine."""

RECORDING_NOTE_GAP_MS = 3000
"""Silence after the recording note of a routine track, time to reach the pause button."""


class ExportError(VoiceGuideError):
    """The guide could not be exported (bad option, folder not writable, disk full, no encoder)."""


ProgressArg = bool | Callable[[str], None] | None
"""``None`` or ``False``: silent. ``True``: a tqdm bar on a terminal, else plain lines on
standard error. A callable: plain lines ("Track 3 of 12: Drink Water") passed to it."""


@dataclass(frozen=True)
class ExportedTrack:
    """One track of an export, as it is on disk."""

    number: int
    """Track number, from 1, in playing order."""

    key: str
    """Stable identity of the track across exports, e.g. ``section:disuse`` or ``routine:arms``."""

    kind: str
    """``introduction``, ``section``, ``sources``, ``faq`` or ``routine``."""

    title: str
    """Spoken-friendly title, as in the playlist and the title tag."""

    files: dict[str, Path]
    """Audio file per format (``wav``, ``flac``...)."""

    transcript_path: Path
    """The plain-text transcript of the track."""

    duration_s: float
    """Length of the track in seconds (the same in every format, up to encoder padding)."""

    rendered: bool
    """True when made by this run; False when it was already up to date and skipped."""


@dataclass(frozen=True)
class ExportReport:
    """What :func:`export_guide` did."""

    out_dir: Path
    """The output folder."""

    album: str
    """The guide's title (the album tag)."""

    formats: tuple[str, ...]
    """Formats written, in the order asked for."""

    tracks: tuple[ExportedTrack, ...]
    """Every track, in playing order."""

    playlists: dict[str, Path]
    """Playlist per format."""

    manifest_path: Path
    """The manifest with the content hashes."""

    removed: tuple[Path, ...] = ()
    """Files of an earlier export that are no longer part of the guide, and were deleted."""

    warnings: tuple[str, ...] = ()
    """Things a person should know (e.g. a routine file that did not load)."""

    elapsed_s: float = 0.0
    """Wall-clock time the export took, in seconds."""

    @property
    def rendered_count(self) -> int:
        """Tracks made by this run."""
        return sum(1 for t in self.tracks if t.rendered)

    @property
    def skipped_count(self) -> int:
        """Tracks that were already up to date."""
        return sum(1 for t in self.tracks if not t.rendered)

    @property
    def total_duration_s(self) -> float:
        """Length of the whole guide, in seconds."""
        return sum(t.duration_s for t in self.tracks)

    def summary_lines(self) -> list[str]:
        """Plain-text lines for a person: what was written and where."""
        lines = [
            f"Exported {len(self.tracks)} tracks of {self.album} ({spoken_duration(self.total_duration_s)}) "
            f"to {self.out_dir}: {self.rendered_count} made, {self.skipped_count} already up to date.",
            f"Formats: {', '.join(self.formats)}. Playlist: {', '.join(p.name for p in self.playlists.values())}.",
        ]
        lines += [f"Removed old file: {p.name}" for p in self.removed]
        lines += [f"Note: {w}" for w in self.warnings]
        return lines


@dataclass(frozen=True)
class Segment:
    """A piece of a spoken track."""

    text: str
    """What is spoken."""

    gap_after_ms: int
    """Silence after it, in milliseconds."""


@dataclass
class TrackPlan:
    """A track before it is rendered."""

    key: str
    """Stable identity across exports (``section:<id>``, ``faq:<id>``, ``routine:<id>``...)."""

    kind: str
    """``introduction``, ``section``, ``sources``, ``faq`` or ``routine``."""

    title: str
    """Title in the playlist and the title tag."""

    segments: list[Segment] = field(default_factory=list)
    """What a spoken track says, in order (empty for a routine track)."""

    routine: Routine | None = None
    """The routine a routine track plays."""

    spoken_name: str = ""
    """How the introduction names the track."""

    number: int = 0
    """Track number, from 1 (set once every track is planned)."""

    stem: str = ""
    """File name without the extension (``01 Introduction``)."""

    script: str = ""
    """Everything the track's content hash covers: its lines, pauses and player settings."""

    preamble: str = ""
    """For a routine track: spoken before the routine starts."""

    player_settings: PlayerSettings | None = None
    """For a routine track: how the routine is played (a full-body track may be brief)."""


NO_SPACE_MESSAGE = "No space left on device"
"""How a full disk is reported (the words of the operating system's own message)."""


def describe_os_error(err: BaseException) -> str:
    """A short plain reason for a failed write: "No space left on device", "permission denied"..."""
    code = getattr(err, "errno", None)
    if code == errno.ENOSPC:
        return NO_SPACE_MESSAGE
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EROFS:
        return "the disk is read-only"
    text = getattr(err, "strerror", None) or str(err).strip().splitlines()[0:1]
    if isinstance(text, list):
        text = text[0] if text else type(err).__name__
    return str(text)


def spoken_duration(seconds: float) -> str:
    """``"12 minutes"``, ``"40 seconds"``."""
    minutes = int(round(seconds / 60.0))
    if minutes < 1:
        return f"{int(round(seconds))} seconds"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
