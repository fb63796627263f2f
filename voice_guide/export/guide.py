"""Export the whole guide as numbered audio tracks, with a playlist and a transcript per track.

:func:`export_guide` renders, in order: an introduction (what the guide covers and how to use
it), each article section, the article's sources, each FAQ entry as a question and its answer,
and each exercise routine at a normal pace. A routine track is the routine's spoken script with
its real pauses: the :class:`~voice_guide.routines.player.RoutinePlayer` is run by
:func:`~voice_guide.routines.runner.run_routine` on a :class:`~voice_guide.routines.runner.VirtualClock`
with the safety check answered yes, and every line is placed on the timeline at the moment the
player said it. Speech "blocks" the clock for as long as it lasts, as it does in a live session,
so counts and holds keep their real spacing.

Output folder, for a guide of 12 tracks exported as WAV::

    01 Introduction.wav   01 Introduction.txt
    02 Muscle Atrophy or Muscle Wasting.wav ...
    playlist.m3u          manifest.json

* Formats: ``wav`` (16-bit PCM), ``flac`` and ``ogg`` (Vorbis) through soundfile, ``mp3``
  through soundfile when its libsndfile can encode MP3 (1.1 or newer), else ffmpeg, else
  lame (:func:`mp3_encoder`). One playlist per format: ``playlist.m3u`` for the first format
  asked for, ``playlist-<format>.m3u`` for the others.
* Tags: title, track number, album (the guide's title), artist (author and publisher),
  genre and a comment, in every format: Vorbis comments in FLAC and OGG, ID3 in MP3, and a
  RIFF ``LIST INFO`` chunk in WAV (INAM, ITRK, IPRD, IART; read by most players, ignored by some).
* Loudness: each track is brought to the same gated RMS level (:data:`TARGET_LOUDNESS_DBFS`;
  LUFS-like gating, without the K-weighting filter), then a look-ahead limiter keeps every
  sample under :data:`PEAK_CEILING_DBFS`, so nothing clips.
* Safety: every file is written under a hidden temporary name (``.NAME.xxxx.part``), flushed
  to disk and renamed when complete, so an interrupted export never leaves a truncated file
  under a track's name. ``manifest.json`` records a content hash per track and format (the
  spoken text, voice, rate, format, tags, loudness settings and code version): a re-run skips
  tracks that are up to date, and removes files of an earlier export that are no longer part
  of the guide, so there are never duplicates.
* Errors are one-line :class:`ExportError` messages (folder not writable, disk full, unknown
  format, no MP3 encoder).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.content.pack import ContentPack, Section, load_pack
from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)

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

RECORDING_NOTE_TEXT = (
    "This recording cannot hear you. If it is not safe to start, stop the player now. "
    "If anything hurts during the exercises, stop the player and stop the movement at once."
)
"""Spoken in routine tracks right after the safety check (the live guide would wait for a yes)."""

RECORDING_NOTE_GAP_MS = 3000
"""Silence after :data:`RECORDING_NOTE_TEXT`, time to reach the pause button."""

_NOT_MEDICAL_ADVICE = "This guide shares general information. It is not medical advice, and it does not replace a clinician."


class ExportError(VoiceGuideError):
    """The guide could not be exported (bad option, folder not writable, disk full, no encoder)."""


ProgressArg = bool | Callable[[str], None] | None
"""``None`` or ``False``: silent. ``True``: a tqdm bar on a terminal, else plain lines on
standard error. A callable: plain lines ("Track 3 of 12: Disuse Muscle Atrophy") passed to it."""


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
            f"Exported {len(self.tracks)} tracks of {self.album} ({_spoken_duration(self.total_duration_s)}) "
            f"to {self.out_dir}: {self.rendered_count} made, {self.skipped_count} already up to date.",
            f"Formats: {', '.join(self.formats)}. Playlist: {', '.join(p.name for p in self.playlists.values())}.",
        ]
        lines += [f"Removed old file: {p.name}" for p in self.removed]
        lines += [f"Note: {w}" for w in self.warnings]
        return lines


@dataclass(frozen=True)
class _Segment:
    """A piece of a spoken track."""

    text: str
    """What is spoken."""

    gap_after_ms: int
    """Silence after it."""


@dataclass
class _TrackPlan:
    """A track before it is rendered."""

    key: str
    kind: str
    title: str
    segments: list[_Segment] = field(default_factory=list)
    routine: Any = None
    spoken_name: str = ""
    number: int = 0
    stem: str = ""
    script: str = ""


# --- public helpers -------------------------------------------------------------------------


def mp3_encoder() -> str | None:
    """How MP3 would be encoded here: ``soundfile`` (libsndfile with MP3), ``ffmpeg``, ``lame``, or None."""
    try:
        import soundfile

        if "MP3" in soundfile.available_formats() and "MPEG_LAYER_III" in soundfile.available_subtypes("MP3"):
            return "soundfile"
    except Exception as err:  # pragma: no cover - soundfile is a dependency
        _LOGGER.debug("soundfile cannot tell about MP3: %s", err)
    for program in ("ffmpeg", "lame"):
        if shutil.which(program):
            return program
    return None


def available_formats() -> tuple[str, ...]:
    """The formats of :data:`FORMATS` this machine can write."""
    import soundfile

    have = soundfile.available_formats()
    out = ["wav"]
    if "FLAC" in have:
        out.append("flac")
    if "OGG" in have and "VORBIS" in soundfile.available_subtypes("OGG"):
        out.append("ogg")
    if mp3_encoder():
        out.append("mp3")
    return tuple(out)


def safe_file_name(title: str, max_chars: int = 60) -> str:
    """A file-name-safe form of ``title`` on every common file system: ASCII letters, digits,
    spaces and ``-,'()``, at most ``max_chars`` characters, never empty."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(":", " -").replace("/", "-").replace("&", "and")
    text = re.sub(r"[^A-Za-z0-9 ,'()\-]+", " ", text)
    text = " ".join(text.split()).strip(" .-,")
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0].strip(" .-,") or text[:max_chars]
    return text or "Track"


# --- the export -----------------------------------------------------------------------------


def export_guide(
    pack: ContentPack | str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("wav",),
    voice: str | None = None,
    rate_wpm: int | None = None,
    only: str | None = None,
    speaker: Any = None,
    progress: ProgressArg = None,
    routines_dir: str | os.PathLike[str] | None = None,
    routines: Sequence[str] | None = None,
    routine_settings: Any = None,
) -> ExportReport:
    """Render the guide to numbered audio tracks in ``out_dir``; see the module docstring.

    - ``pack``: a loaded pack, a pack folder, or None for the shipped pack.
    - ``formats``: any of :data:`FORMATS`; ``mp3`` needs :func:`mp3_encoder`.
    - ``voice``, ``rate_wpm``: text-to-speech voice (checked up front) and rate in words per minute.
    - ``only``: one of :data:`ONLY_CHOICES` to export just that part (tracks are then numbered
      from 1); None exports everything, with the introduction.
    - ``speaker``: a :class:`~voice_guide.tts.speaker.Speaker` to reuse (one is made when needed).
    - ``progress``: see :data:`ProgressArg`.
    - ``routines_dir``: routine files (default: the pack's ``routines`` folder; a pack without one
      has no routine tracks). ``routines``: ids of the routines to export (default: all, plain
      routines first, then those made of other routines).
    - ``routine_settings``: :class:`~voice_guide.routines.player.PlayerSettings` for the routine tracks
      (default: each step's own repetitions, 3 seconds each way; the speaking rate estimate
      follows ``rate_wpm``).

    Raises :class:`ExportError` (a :class:`VoiceGuideError`) with one line for a bad option,
    a folder that cannot be written, or a full disk; anything written so far stays valid.
    """
    started = time.perf_counter()
    from voice_guide.tts.speaker import DEFAULT_RATE_WPM, SpeechSettings

    fmts = _check_formats(formats)
    if only is not None and only not in ONLY_CHOICES:
        raise ExportError(f"unknown part {only!r}: use one of {', '.join(ONLY_CHOICES)}")
    if not isinstance(pack, ContentPack):
        pack = load_pack(pack)
    settings = SpeechSettings(rate_wpm=int(rate_wpm) if rate_wpm is not None else DEFAULT_RATE_WPM, voice=voice)
    out = _prepare_out_dir(Path(out_dir))
    if voice is not None:
        speaker = speaker or _new_speaker()
        speaker.resolve_voice(voice)  # an unknown voice is an error here, not a silent default

    warnings: list[str] = []
    plans = _plan_tracks(pack, only, routines_dir, routines, warnings)
    if not plans:
        raise ExportError(f"nothing to export: the pack has no {only or 'content'}")
    album = pack.title
    artist = _artist(pack)
    width = max(2, len(str(len(plans))))
    for n, plan in enumerate(plans, start=1):
        plan.number = n
        plan.stem = f"{n:0{width}d} {safe_file_name(_file_title(plan))}"
    player_settings = _player_settings(routine_settings, settings.rate_wpm)
    for plan in plans:
        if plan.kind == "routine":
            plan.script = _routine_script(plan, player_settings)
        else:
            plan.script = _segments_text(plan.segments)

    manifest = _Manifest.load(out / MANIFEST_NAME)
    _remove_leftover_parts(out)
    renderer = _Renderer(speaker, settings)
    reporter = _Reporter(progress, len(plans))
    done: list[ExportedTrack] = []
    removed: list[Path] = []
    claimed = {f"{p.stem}.{ext}" for p in plans for ext in (*fmts, "txt")}
    try:
        for plan in plans:
            tags = {
                "title": plan.title,
                "tracknumber": str(plan.number),
                "album": album,
                "artist": artist,
                "genre": "Speech",
                "comment": "Spoken guide made with voice-guide (text to speech). " + _NOT_MEDICAL_ADVICE,
            }
            hashes = {fmt: _content_hash(plan, fmt, settings, tags, player_settings) for fmt in fmts}
            previous = manifest.entry(plan.key)
            if manifest.up_to_date(out, plan, hashes):
                reporter.track(plan, skipped=True)
                removed += manifest.drop_formats(out, plan.key, fmts, claimed)
                done.append(_exported(out, plan, fmts, float(previous["duration_s"]), rendered=False))
                reporter.done()
                continue
            reporter.track(plan, skipped=False)
            clip, transcript = renderer.render(plan, player_settings)
            clip = normalize_loudness(clip)
            files: dict[str, dict[str, Any]] = {}
            for fmt in fmts:
                path = out / f"{plan.stem}.{fmt}"
                _write_audio(path, clip, fmt, tags)
                files[fmt] = {"name": path.name, "hash": hashes[fmt], "bytes": path.stat().st_size}
            text_path = out / f"{plan.stem}.txt"
            _write_text(text_path, transcript)
            duration_s = round(clip.num_samples / clip.sample_rate_hz, 6)
            entry = {
                "key": plan.key,
                "number": plan.number,
                "kind": plan.kind,
                "title": plan.title,
                "duration_s": duration_s,
                "transcript": {"name": text_path.name, "sha256": _sha256(transcript)},
                "files": files,
            }
            removed += _remove_replaced(out, previous, entry, claimed)
            manifest.put(entry)
            manifest.save(out / MANIFEST_NAME)
            done.append(_exported(out, plan, fmts, duration_s, rendered=True))
            reporter.done()
        playlists: dict[str, Path] = {}
        for i, fmt in enumerate(fmts):
            name = PLAYLIST_NAME if i == 0 else f"playlist-{fmt}.m3u"
            playlists[fmt] = out / name
            _write_text(out / name, _playlist_text(album, done, fmt))
        removed += manifest.retire(out, [p.key for p in plans], claimed | {p.name for p in playlists.values()})
        manifest.playlists = sorted(p.name for p in playlists.values())
        manifest.album = album
        manifest.save(out / MANIFEST_NAME)
    finally:
        reporter.close()
    report = ExportReport(
        out_dir=out,
        album=album,
        formats=fmts,
        tracks=tuple(done),
        playlists=playlists,
        manifest_path=out / MANIFEST_NAME,
        removed=tuple(removed),
        warnings=tuple(warnings),
        elapsed_s=round(time.perf_counter() - started, 3),
    )
    reporter.line(
        f"Done: {len(done)} tracks ({report.rendered_count} made, {report.skipped_count} already up to date), "
        f"{_spoken_duration(report.total_duration_s)}, in {out}."
    )
    _LOGGER.info("exported %d tracks to %s in %.1f s", len(done), out, report.elapsed_s)
    return report


def normalize_loudness(
    clip: AudioClip,
    target_dbfs: float = TARGET_LOUDNESS_DBFS,
    ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> AudioClip:
    """``clip`` brought to ``target_dbfs`` gated RMS, with no sample above ``ceiling_dbfs``.

    Loudness is measured on 100 ms blocks: blocks under -60 dBFS are left out (silence between
    lines), then blocks more than 10 dB under the mean of the rest (breaths, tails), as in
    EBU R 128 gating. Peaks over the ceiling after the gain are brought down by a look-ahead
    limiter (5 ms attack, no overshoot) rather than clipped. A silent clip is returned as it is.
    Works in chunks, so an hour-long routine track needs little memory.
    """
    samples = clip.samples()
    level = gated_rms_dbfs(clip)
    if level is None:
        return clip
    gain = 10.0 ** ((target_dbfs - level) / 20.0)
    ceiling = 10.0 ** (ceiling_dbfs / 20.0)
    window = max(1, int(clip.sample_rate_hz * 0.005))
    overlap = 2 * window  # the limiter at one sample depends on samples this far away
    out = np.empty(samples.size, dtype="<i2")
    for start in range(0, samples.size, _CHUNK_SAMPLES):
        stop = min(samples.size, start + _CHUNK_SAMPLES)
        lo, hi = max(0, start - overlap), min(samples.size, stop + overlap)
        segment = samples[lo:hi].astype(np.float64) * (gain / 32768.0)
        limited = _limit(segment, ceiling, window)[start - lo : stop - lo]
        out[start:stop] = np.clip(np.round(limited * 32767.0), -32768, 32767).astype("<i2")
    return AudioClip(out.tobytes(), clip.sample_rate_hz)


_CHUNK_SAMPLES = 1 << 20
"""Samples processed at once by :func:`normalize_loudness` and :func:`gated_rms_dbfs`."""


def gated_rms_dbfs(clip: AudioClip) -> float | None:
    """Gated RMS level of ``clip`` in dBFS (see :func:`normalize_loudness`); None when silent."""
    samples = clip.samples()
    if samples.size == 0:
        return None
    block = max(1, int(clip.sample_rate_hz * 0.1))
    step = max(block, (_CHUNK_SAMPLES // block) * block)
    energies: list[np.ndarray] = []
    for start in range(0, samples.size, step):
        x = samples[start : start + step].astype(np.float64) / 32768.0
        n = x.size // block
        if n:
            energies.append(np.mean(x[: n * block].reshape(n, block) ** 2, axis=1))
        elif start == 0:
            energies.append(np.array([float(np.mean(x * x))]))
    blocks = np.concatenate(energies) if energies else np.array([])
    loud = blocks[blocks > 10.0 ** (-60.0 / 10.0)]
    if loud.size == 0:
        return None
    gated = loud[loud > np.mean(loud) * 10.0 ** (-10.0 / 10.0)]
    return float(10.0 * np.log10(np.mean(gated)))


def _limit(y: np.ndarray, ceiling: float, window: int) -> np.ndarray:
    peak = np.abs(y)
    if float(peak.max(initial=0.0)) <= ceiling:
        return y
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-12))
    # Minimum over +-window, then a moving average of width window+1: every average only
    # includes values that are each <= need[n], so the gain never lets a peak through.
    floor = _running_min(np.pad(need, window, constant_values=1.0), 2 * window + 1)
    half = window // 2
    smooth = _moving_average(np.pad(floor, (half, window - half), constant_values=1.0), window + 1)
    return np.clip(y * np.minimum(smooth, floor), -ceiling, ceiling)


def _running_min(x: np.ndarray, k: int) -> np.ndarray:
    """Minimum of every window of ``k`` samples (van Herk / Gil-Werman, linear time); len(x)-k+1 values."""
    n = x.size
    m = -(-n // k) * k
    blocks = np.pad(x, (0, m - n), constant_values=np.inf).reshape(-1, k)
    forward = np.minimum.accumulate(blocks, axis=1).ravel()
    backward = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(backward[: n - k + 1], forward[k - 1 : n])


def _moving_average(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of every window of ``k`` samples; len(x)-k+1 values."""
    c = np.concatenate(([0.0], np.cumsum(x, dtype=np.float64)))
    return (c[k:] - c[:-k]) / k


# --- planning -------------------------------------------------------------------------------


def _check_formats(formats: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(formats, str):
        formats = [formats]
    out: list[str] = []
    for raw in [part for f in formats for part in str(f).split(",") if part.strip()]:
        fmt = str(raw).strip().lower().lstrip(".")
        if fmt in ("vorbis", "oga"):
            fmt = "ogg"
        if fmt not in FORMATS:
            raise ExportError(f"unknown audio format {raw!r}: use {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise ExportError("no audio format given: use wav, flac, ogg or mp3")
    have = available_formats()
    for fmt in out:
        if fmt == "mp3" and fmt not in have:
            raise ExportError(
                "MP3 needs ffmpeg or lame, and neither is installed (apt-get install ffmpeg); "
                "wav, flac and ogg work without them"
            )
        if fmt not in have:
            raise ExportError(f"this machine's libsndfile cannot write {fmt}; use {', '.join(have)}")
    return tuple(out)


def _prepare_out_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{out}: cannot create the output folder: {_reason(err)}") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".vg-write-check.", suffix=".part", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ExportError(f"{out}: the output folder is not writable: {_reason(err)}") from None
    return out.resolve()


def _plan_tracks(
    pack: ContentPack,
    only: str | None,
    routines_dir: str | os.PathLike[str] | None,
    wanted_routines: Sequence[str] | None,
    warnings: list[str],
) -> list[_TrackPlan]:
    sections = [s for s in pack.sections if s.kind == "section"]
    faqs = [s for s in pack.sections if s.kind == "faq"]
    plans: list[_TrackPlan] = []
    if only in (None, "sections"):
        for s in sections:
            title = s.title
            if title.strip().lower() == "introduction":  # the guide's own introduction is track 1
                title = "The article's introduction"
            plans.append(_TrackPlan(f"section:{s.id}", "section", title, _section_segments(s), spoken_name=title))
        about = _sources_segments(pack)
        if about:
            plans.append(_TrackPlan("sources", "sources", "About the article and its sources", about,
                                    spoken_name="about the article and its sources"))
    if only in (None, "faq"):
        for s in faqs:
            question = s.title if s.title.endswith("?") else s.title + "?"
            segments = [_Segment(f"Question: {question}", HEADING_GAP_MS)] + _blocks_segments(s)
            plans.append(_TrackPlan(f"faq:{s.id}", "faq", f"Question: {question}", segments,
                                    spoken_name=f"the question, {question}"))
    if only in (None, "routines"):
        for routine in _routines(pack, routines_dir, wanted_routines, warnings):
            title = f"Routine: {routine.title[:1].upper()}{routine.title[1:]}"
            plans.append(_TrackPlan(f"routine:{routine.id}", "routine", title, routine=routine,
                                    spoken_name=f"the {routine.title}, a routine"))
    if only is None and plans:
        plans.insert(0, _TrackPlan("introduction", "introduction", "Introduction", _intro_segments(pack, plans)))
    return plans


def _routines(
    pack: ContentPack,
    routines_dir: str | os.PathLike[str] | None,
    wanted: Sequence[str] | None,
    warnings: list[str],
) -> list[Any]:
    from voice_guide.routines.model import get_routine, load_routines

    folder = Path(routines_dir) if routines_dir is not None else pack.routines_dir
    if folder is None:
        if wanted:
            raise ExportError(f"the pack {pack.title!r} has no routines folder")
        return []
    loaded, problems = load_routines(folder)
    warnings.extend(f"routine not exported: {p}" for p in problems)
    if wanted is not None:
        return [get_routine(loaded, name) for name in wanted]
    plain = [r for r in loaded.values() if not r.is_composite]
    composite = [r for r in loaded.values() if r.is_composite]
    return plain + composite


def _section_segments(section: Section) -> list[_Segment]:
    return [_Segment(section.title if section.title[-1:] in ".?!" else section.title + ".", HEADING_GAP_MS)] + _blocks_segments(section)


def _blocks_segments(section: Section) -> list[_Segment]:
    blocks: dict[int, list[str]] = {}
    for unit in section.units:
        blocks.setdefault(unit.block, []).append(unit.text)
    return [_Segment(" ".join(texts), PARAGRAPH_GAP_MS) for texts in blocks.values()]


def _sources_segments(pack: ContentPack) -> list[_Segment]:
    segments: list[_Segment] = []
    for s in pack.sections:
        if s.kind == "about":
            segments += [_Segment(u.text, PARAGRAPH_GAP_MS) for u in s.units]
    for s in pack.sections:
        if s.kind == "sources":
            segments += [_Segment(u.text, PARAGRAPH_GAP_MS) for u in s.units]
    if segments:
        segments.insert(0, _Segment("About the article and its sources.", HEADING_GAP_MS))
    return segments


def _intro_segments(pack: ContentPack, plans: list[_TrackPlan]) -> list[_Segment]:
    counts = {k: sum(1 for p in plans if p.kind == k) for k in ("section", "faq", "routine", "sources")}
    parts = []
    if counts["section"]:
        parts.append(_count(counts["section"], "part of the article", "parts of the article"))
    if counts["sources"]:
        parts.append("where the article's information comes from")
    if counts["faq"]:
        parts.append(_count(counts["faq"], "common question with its answer", "common questions with their answers"))
    if counts["routine"]:
        parts.append(_count(counts["routine"], "exercise routine", "exercise routines") + " to do with someone, led step by step")
    byline = pack.byline.strip().rstrip(".")
    if byline:
        byline = ", " + (byline[0].lower() + byline[1:] if re.match(r"(By|Written)\b", byline) else byline)
    total = len(plans) + 1
    segments = [
        _Segment(f"This is a spoken guide to the article {pack.title}{byline}.", PARAGRAPH_GAP_MS),
        _Segment(f"It has {total} tracks. After this introduction come {_join(parts)}.", PARAGRAPH_GAP_MS),
        _Segment(
            "Each track is one part. Use the next and previous buttons of your player to move between tracks, "
            "and pause whenever you like. Every track also has a written transcript with the same name.",
            PARAGRAPH_GAP_MS,
        ),
    ]
    if counts["routine"]:
        segments.append(_Segment(
            "The routine tracks count each movement and hold at a normal pace. "
            "Before each one, listen to the safety check, and stop at once if anything hurts.",
            PARAGRAPH_GAP_MS,
        ))
    segments.append(_Segment(_NOT_MEDICAL_ADVICE, PARAGRAPH_GAP_MS))
    listing = " ".join(f"Track {i}: {p.spoken_name.rstrip('.')}{'' if p.spoken_name.endswith('?') else '.'}"
                       for i, p in enumerate(plans, start=2))
    segments.append(_Segment(f"The tracks are: {listing}", PARAGRAPH_GAP_MS))
    return segments


def _file_title(plan: _TrackPlan) -> str:
    if plan.kind == "faq":
        return "Question - " + plan.title.split(":", 1)[1].strip().rstrip("?")
    if plan.kind == "routine":
        return "Routine - " + plan.title.split(":", 1)[1].strip()
    return plan.title


def _segments_text(segments: list[_Segment]) -> str:
    """What the hash of a spoken track covers: its lines and the pauses after them."""
    return "\n".join(f"{s.text} [{s.gap_after_ms} ms]" for s in segments)


def _player_settings(settings: Any, rate_wpm: int) -> Any:
    from voice_guide.routines.player import PlayerSettings

    if settings is None:
        return PlayerSettings(speech_words_per_minute=float(rate_wpm))
    if not isinstance(settings, PlayerSettings):
        raise ExportError("routine_settings must be PlayerSettings")
    return settings


def _routine_script(plan: _TrackPlan, player_settings: Any) -> str:
    """The routine's spoken lines and earcons in order, without timing: what the hash covers."""
    from voice_guide.routines.player import RoutinePlayer
    from voice_guide.routines.runner import VirtualClock, run_routine

    lines: list[str] = [_routine_preamble(plan), RECORDING_NOTE_TEXT]
    clock = VirtualClock()
    player = RoutinePlayer(plan.routine, player_settings)
    run_routine(
        player,
        lines.append,
        lambda name: lines.append(f"(sound: {name})"),
        clock.monotonic,
        clock.sleep,
        None,
        auto_confirm=True,
        max_ms=MAX_ROUTINE_MS,
    )
    return "\n".join(lines) + "\n" + json.dumps(dataclasses.asdict(player_settings), sort_keys=True)


def _routine_preamble(plan: _TrackPlan) -> str:
    title = plan.routine.title
    return f"{title[:1].upper()}{title[1:]}, a recorded routine at a normal pace."


# --- rendering ------------------------------------------------------------------------------


def _new_speaker() -> Any:
    from voice_guide.tts.speaker import Speaker

    return Speaker()


class _Renderer:
    """Renders track plans to one clip each, with one speaker and a cache of spoken lines."""

    def __init__(self, speaker: Any, settings: Any) -> None:
        self._speaker = speaker
        self._settings = settings
        self._cache: dict[str, AudioClip] = {}

    def speak(self, text: str) -> AudioClip:
        clip = self._cache.get(text)
        if clip is None:
            if self._speaker is None:
                self._speaker = _new_speaker()
            clip = self._speaker.render(text, self._settings)
            if clip.sample_rate_hz != SAMPLE_RATE_HZ:
                clip = clip.resampled(SAMPLE_RATE_HZ)
            if len(self._cache) < 2000:
                self._cache[text] = clip
        return clip

    def render(self, plan: _TrackPlan, player_settings: Any) -> tuple[AudioClip, str]:
        if plan.kind == "routine":
            return self._render_routine(plan, player_settings)
        pieces: list[np.ndarray] = [_silence(LEAD_IN_MS)]
        for segment in plan.segments:
            pieces.append(self.speak(segment.text).samples())
            pieces.append(_silence(segment.gap_after_ms))
        pieces.append(_silence(TAIL_MS))
        pcm = np.concatenate(pieces).astype("<i2").tobytes()
        transcript = f"{plan.number}. {plan.title}\n\n" + _wrap_paragraphs([s.text for s in plan.segments]) + "\n"
        return AudioClip(pcm, SAMPLE_RATE_HZ), transcript

    def _render_routine(self, plan: _TrackPlan, player_settings: Any) -> tuple[AudioClip, str]:
        from voice_guide.audio.earcons import earcon
        from voice_guide.routines.player import SAFETY_LINES_TEXT, RoutinePlayer
        from voice_guide.routines.runner import VirtualClock, run_routine

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
            if text.startswith(SAFETY_LINES_TEXT):
                place(self.speak(RECORDING_NOTE_TEXT), RECORDING_NOTE_TEXT)
                clock.sleep(RECORDING_NOTE_GAP_MS / 1000.0)

        def play(name: str) -> None:
            place(earcon(name, SAMPLE_RATE_HZ), f"(sound: {name})")

        clock.sleep(LEAD_IN_MS / 1000.0)
        say(_routine_preamble(plan))
        clock.sleep(PARAGRAPH_GAP_MS / 1000.0)
        result = run_routine(
            RoutinePlayer(plan.routine, player_settings),
            say,
            play,
            clock.monotonic,
            clock.sleep,
            None,
            auto_confirm=True,
            max_ms=MAX_ROUTINE_MS,
        )
        if result.reason != "finished":
            _LOGGER.warning("routine %s ended with %s in the export", plan.routine.id, result.reason)
        end_s = max(clock.monotonic(), max((at + c.duration_ms / 1000.0 for at, c in events), default=0.0))
        total = int(round((end_s + TAIL_MS / 1000.0) * SAMPLE_RATE_HZ))
        track = np.zeros(total, dtype=np.int16)
        for at_s, clip in events:
            start = int(round(at_s * SAMPLE_RATE_HZ))
            samples = clip.samples()
            track[start : start + samples.size] = samples[: max(0, total - start)]
        keys = plan.routine.all_source_keys()
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
    import textwrap

    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs)


# --- writing --------------------------------------------------------------------------------

_SF_FORMATS = {
    "wav": ("WAV", "PCM_16"),
    "flac": ("FLAC", "PCM_16"),
    "ogg": ("OGG", "VORBIS"),
    "mp3": ("MP3", "MPEG_LAYER_III"),
}


def _write_audio(path: Path, clip: AudioClip, fmt: str, tags: dict[str, str]) -> None:
    """Write ``clip`` to ``path`` in ``fmt`` through a temporary file and a rename."""
    tmp = _temp_path(path)
    try:
        if fmt == "mp3" and mp3_encoder() in ("ffmpeg", "lame"):
            _write_mp3_external(tmp, clip, tags)
        else:
            _write_soundfile(tmp, clip, fmt, tags)
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException as err:
        _unlink(tmp)
        if isinstance(err, (OSError, RuntimeError, subprocess.SubprocessError)) and not isinstance(err, VoiceGuideError):
            raise ExportError(f"cannot write {path.name} in {path.parent}: {_reason(err)}") from None
        raise


def _write_soundfile(tmp: Path, clip: AudioClip, fmt: str, tags: dict[str, str]) -> None:
    import soundfile

    major, subtype = _SF_FORMATS[fmt]
    data = clip.samples()
    with soundfile.SoundFile(str(tmp), "w", clip.sample_rate_hz, 1, subtype=subtype, format=major) as f:
        for key, value in tags.items():
            try:
                setattr(f, key, value)
            except Exception as err:  # a format without this tag
                _LOGGER.debug("%s: no %s tag: %s", fmt, key, err)
        if fmt in ("ogg", "mp3"):
            data = data.astype(np.float32) / 32768.0
        # In blocks: libvorbis allocates its work buffer on the stack in proportion to one
        # write, and a whole track in one call overflows it (python-soundfile issue 396).
        for start in range(0, data.size, WRITE_BLOCK_FRAMES):
            f.write(data[start : start + WRITE_BLOCK_FRAMES])


def _write_mp3_external(tmp: Path, clip: AudioClip, tags: dict[str, str]) -> None:
    program = mp3_encoder()
    with tempfile.TemporaryDirectory(prefix="vg-mp3-") as work:
        wav = Path(work) / "in.wav"
        wav.write_bytes(clip.to_wav_bytes())
        if program == "ffmpeg":
            cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav),
                   "-codec:a", "libmp3lame", "-q:a", "5", "-id3v2_version", "3"]
            for key, name in (("title", "title"), ("artist", "artist"), ("album", "album"),
                              ("tracknumber", "track"), ("genre", "genre"), ("comment", "comment")):
                cmd += ["-metadata", f"{name}={tags.get(key, '')}"]
            cmd += ["-f", "mp3", str(tmp)]
        else:
            cmd = ["lame", "--quiet", "-V", "5", "--tt", tags["title"], "--ta", tags["artist"], "--tl", tags["album"],
                   "--tn", tags["tracknumber"], "--tg", tags["genre"], "--tc", tags["comment"], str(wav), str(tmp)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise ExportError(f"{program} could not encode MP3: {reason}")


def _write_text(path: Path, text: str) -> None:
    """Write UTF-8 text through a temporary file, fsync and a rename (as :func:`~voice_guide.audio.files.write_atomic`)."""
    tmp = _temp_path(path)
    try:
        with open(tmp, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        _unlink(tmp)
        if isinstance(err, OSError):
            raise ExportError(f"cannot write {path.name} in {path.parent}: {_reason(err)}") from None
        raise


def _temp_path(path: Path) -> Path:
    """A new, empty hidden ``.part`` file beside ``path``, readable as the umask allows
    (mkstemp makes it private; exported files are meant to be copied and shared)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as err:
        raise ExportError(f"cannot write {path.name} in {path.parent}: {_reason(err)}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
    except OSError:
        pass
    os.close(fd)
    return Path(tmp)


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


_UMASK: int | None = None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _remove_leftover_parts(out: Path) -> None:
    """Temporary files of an interrupted export (ours only: hidden, ``.part``)."""
    for p in out.glob(".*.part"):
        _LOGGER.info("removing %s, left by an interrupted export", p.name)
        _unlink(p)


def _remove_replaced(out: Path, previous: dict[str, Any] | None, entry: dict[str, Any], claimed: set[str]) -> list[Path]:
    """Files of the same track from an earlier export under another name (renumbered, renamed)."""
    if not previous:
        return []
    keep = {f["name"] for f in entry["files"].values()} | {entry["transcript"]["name"]} | claimed
    removed = []
    for name in _entry_names(previous):
        if name not in keep and (out / name).exists():
            _unlink(out / name)
            removed.append(out / name)
    return removed


def _entry_names(entry: dict[str, Any]) -> list[str]:
    names = [f.get("name", "") for f in (entry.get("files") or {}).values()]
    names.append((entry.get("transcript") or {}).get("name", ""))
    return [n for n in names if n and "/" not in n and "\\" not in n and not n.startswith(".")]


def _playlist_text(album: str, tracks: list[ExportedTrack], fmt: str) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{album}"]
    for t in tracks:
        lines.append(f"#EXTINF:{int(round(t.duration_s))},{t.title}")
        lines.append(t.files[fmt].name)
    return "\n".join(lines) + "\n"


def _exported(out: Path, plan: _TrackPlan, fmts: tuple[str, ...], duration_s: float, rendered: bool) -> ExportedTrack:
    return ExportedTrack(
        number=plan.number,
        key=plan.key,
        kind=plan.kind,
        title=plan.title,
        files={fmt: out / f"{plan.stem}.{fmt}" for fmt in fmts},
        transcript_path=out / f"{plan.stem}.txt",
        duration_s=duration_s,
        rendered=rendered,
    )


# --- the manifest ---------------------------------------------------------------------------


class _Manifest:
    """``manifest.json``: per track key, its files, their content hashes and sizes."""

    def __init__(self, entries: dict[str, dict[str, Any]], playlists: list[str], album: str) -> None:
        self.entries = entries
        self.playlists = playlists
        self.album = album

    @classmethod
    def load(cls, path: Path) -> "_Manifest":
        if not path.exists():
            return cls({}, [], "")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {str(e["key"]): e for e in data.get("tracks") or [] if isinstance(e, dict) and "key" in e}
            return cls(entries, [str(p) for p in data.get("playlists") or []], str(data.get("album") or ""))
        except (OSError, ValueError, TypeError, KeyError) as err:
            _LOGGER.warning("%s cannot be read (%s); every track will be made again", path, err)
            return cls({}, [], "")

    def entry(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def put(self, entry: dict[str, Any]) -> None:
        self.entries[entry["key"]] = entry

    def up_to_date(self, out: Path, plan: _TrackPlan, hashes: dict[str, str]) -> bool:
        entry = self.entries.get(plan.key)
        if not entry or entry.get("number") != plan.number:
            return False
        files = entry.get("files") or {}
        for fmt, digest in hashes.items():
            f = files.get(fmt) or {}
            path = out / f"{plan.stem}.{fmt}"
            if f.get("hash") != digest or f.get("name") != path.name:
                return False
            try:
                if path.stat().st_size != f.get("bytes"):
                    return False
            except OSError:
                return False
        transcript = out / f"{plan.stem}.txt"
        t = entry.get("transcript") or {}
        if t.get("name") != transcript.name or not transcript.exists():
            return False
        try:
            return _sha256(transcript.read_text(encoding="utf-8")) == t.get("sha256")
        except (OSError, UnicodeDecodeError):
            return False

    def drop_formats(self, out: Path, key: str, fmts: tuple[str, ...], claimed: set[str]) -> list[Path]:
        """Delete a track's files in formats this export does not write (the folder mirrors the last export)."""
        entry = self.entries.get(key) or {}
        files = entry.get("files") or {}
        removed: list[Path] = []
        for fmt in [f for f in files if f not in fmts]:
            name = str(files.pop(fmt).get("name") or "")
            if name and name not in claimed and "/" not in name and not name.startswith(".") and (out / name).exists():
                _unlink(out / name)
                removed.append(out / name)
        return removed

    def retire(self, out: Path, keys: list[str], claimed: set[str]) -> list[Path]:
        """Forget tracks that are no longer part of the guide, deleting their files; old playlists too."""
        removed: list[Path] = []
        for key in [k for k in self.entries if k not in keys]:
            for name in _entry_names(self.entries.pop(key)):
                if name not in claimed and (out / name).exists():
                    _unlink(out / name)
                    removed.append(out / name)
        for name in self.playlists:
            if name not in claimed and "/" not in name and (out / name).exists():
                _unlink(out / name)
                removed.append(out / name)
        order = {k: i for i, k in enumerate(keys)}
        self.entries = dict(sorted(self.entries.items(), key=lambda kv: order.get(kv[0], len(order))))
        return removed

    def save(self, path: Path) -> None:
        data = {
            "manifest_version": 1,
            "generator": f"voice-guide export {_code_version()}",
            "album": self.album,
            "playlists": self.playlists,
            "tracks": list(self.entries.values()),
        }
        _write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _content_hash(plan: _TrackPlan, fmt: str, settings: Any, tags: dict[str, str], player_settings: Any) -> str:
    payload = {
        "export_version": EXPORT_VERSION,
        "code": _code_version(),
        "text": plan.script,
        "voice": settings.voice,
        "rate_wpm": settings.rate_wpm,
        "format": fmt,
        "tags": tags,
        "loudness": [TARGET_LOUDNESS_DBFS, PEAK_CEILING_DBFS, SAMPLE_RATE_HZ],
        "layout": [LEAD_IN_MS, TAIL_MS, HEADING_GAP_MS, PARAGRAPH_GAP_MS, RECORDING_NOTE_TEXT, RECORDING_NOTE_GAP_MS],
        "mp3": mp3_encoder() if fmt == "mp3" else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _code_version() -> str:
    try:
        from importlib.metadata import version

        return version("voice-guide")
    except Exception:
        return "unknown"


# --- progress -------------------------------------------------------------------------------


class _Reporter:
    """Progress: a tqdm bar on a terminal, plain screen-reader-friendly lines otherwise."""

    def __init__(self, progress: ProgressArg, total: int) -> None:
        self.total = total
        self._bar: Any = None
        self._write: Callable[[str], None] | None = None
        if progress is None or progress is False:
            return
        if callable(progress) and progress is not True:
            self._write = progress
            return
        stream = sys.stderr
        if stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb":
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="track", file=stream, dynamic_ncols=True, leave=True)
        else:
            self._write = lambda line: (stream.write(line + "\n"), stream.flush())

    def track(self, plan: _TrackPlan, skipped: bool) -> None:
        """A track is being made (or skipped): one plain line, or the bar's label."""
        line = f"Track {plan.number} of {self.total}: {plan.title}" + (" (already up to date)" if skipped else "")
        if self._bar is not None:
            self._bar.set_description_str(f"Track {plan.number} of {self.total}")
            self._bar.set_postfix_str(plan.title[:40], refresh=True)
        elif self._write is not None:
            self._write(line)

    def done(self) -> None:
        """The current track is finished: the bar moves on."""
        if self._bar is not None:
            self._bar.update(1)

    def line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text)
        elif self._write is not None:
            self._write(text)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --- small helpers --------------------------------------------------------------------------


def _artist(pack: ContentPack) -> str:
    raw: dict[str, Any] = {}
    if pack.root is not None and (pack.root / "article.yaml").exists():
        try:
            import yaml

            raw = yaml.safe_load((pack.root / "article.yaml").read_text(encoding="utf-8")) or {}
        except Exception:  # the pack loaded already; this is only for the tag
            raw = {}
    names = [str(raw.get(k) or "").strip() for k in ("author", "publisher")]
    names = [n for n in names if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    byline = re.sub(r"^(written\s+(by|for)|by)\s+", "", pack.byline.strip(), flags=re.IGNORECASE)
    return byline or "voice-guide"


def _reason(err: BaseException) -> str:
    code = getattr(err, "errno", None)
    if code == errno.ENOSPC:
        return "no space left on the disk"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EROFS:
        return "the disk is read-only"
    text = getattr(err, "strerror", None) or str(err).strip().splitlines()[0:1]
    if isinstance(text, list):
        text = text[0] if text else type(err).__name__
    return str(text)


def _count(n: int, one: str, many: str) -> str:
    from voice_guide.routines.player import number_word

    return f"{number_word(n)} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def _spoken_duration(seconds: float) -> str:
    minutes = int(round(seconds / 60.0))
    if minutes < 1:
        return f"{int(round(seconds))} seconds"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


__all__ = [
    "EXPORT_VERSION",
    "ExportError",
    "ExportReport",
    "ExportedTrack",
    "FORMATS",
    "MANIFEST_NAME",
    "ONLY_CHOICES",
    "PEAK_CEILING_DBFS",
    "PLAYLIST_NAME",
    "TARGET_LOUDNESS_DBFS",
    "available_formats",
    "export_guide",
    "gated_rms_dbfs",
    "mp3_encoder",
    "normalize_loudness",
    "safe_file_name",
]
