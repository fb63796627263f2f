"""Export the whole guide as numbered audio tracks, with a playlist and a transcript per track.

:func:`export_guide` renders, in order: an introduction (what the guide covers and how to use
it), each article section, the article's sources, each FAQ entry as a question and its answer,
and each exercise routine at a normal pace. The work is done by stage:

* :mod:`~voice_guide.export.plan`: which tracks, their order, names and scripts;
  :mod:`~voice_guide.export.texts`: the export's own spoken lines (from the pack when it has them);
* :mod:`~voice_guide.export.render` and :mod:`~voice_guide.export.routine_track`: audio;
* :mod:`~voice_guide.export.loudness`: the same level on every track, no clipping;
* :mod:`~voice_guide.export.writers`: files in each format with tags, playlists;
* :mod:`~voice_guide.export.manifest`: content hashes, so a re-run skips what is up to date.

Output folder, for a guide of 12 tracks exported as WAV::

    01 Introduction.wav   01 Introduction.txt
    02 What It Is.wav     02 What It Is.txt ...
    playlist.m3u          manifest.json

One playlist per format: ``playlist.m3u`` for the first format asked for,
``playlist-<format>.m3u`` for the others. An export of one part (``only``) into a folder that
holds other parts' tracks is refused unless ``force`` is given (they would be deleted).
Errors are one-line :class:`ExportError` messages (folder not writable, "No space left on
device", unknown format, no MP3 encoder, a damaged manifest); anything written so far stays valid.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.export.loudness import gated_rms_dbfs, normalize_loudness
from voice_guide.export.manifest import MANIFEST_NAME, FileRecord, Manifest, TrackRecord, content_hash, sha256_text
from voice_guide.export.model import (
    EXPORT_VERSION,
    FORMATS,
    ONLY_CHOICES,
    PEAK_CEILING_DBFS,
    PLAYLIST_NAME,
    TARGET_LOUDNESS_DBFS,
    ExportedTrack,
    ExportError,
    ExportReport,
    ProgressArg,
    TrackPlan,
    spoken_duration,
)
from voice_guide.export.plan import PART_KINDS, artist, load_export_routines, plan_tracks, player_settings_for, safe_file_name
from voice_guide.export.progress import Reporter
from voice_guide.export.render import Renderer, new_speaker
from voice_guide.export.texts import ExportTexts
from voice_guide.export.writers import (
    available_formats,
    check_formats,
    mp3_encoder,
    playlist_text,
    prepare_out_dir,
    remove_leftover_parts,
    write_audio,
    write_text,
)

if TYPE_CHECKING:
    from voice_guide.routines.player import PlayerSettings
    from voice_guide.tts.settings import SpeechSettings
    from voice_guide.tts.speaker import Speaker

_LOGGER = logging.getLogger(__name__)


def export_guide(
    pack: ContentPack | str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | str = ("wav",),
    voice: str | None = None,
    rate_wpm: int | None = None,
    only: str | None = None,
    force: bool = False,
    speaker: Speaker | None = None,
    progress: ProgressArg = None,
    routines_dir: str | os.PathLike[str] | None = None,
    routines: Sequence[str] | None = None,
    routine_settings: PlayerSettings | None = None,
) -> ExportReport:
    """Render the guide to numbered audio tracks in ``out_dir``; see the module docstring.

    - ``pack``: a loaded pack, a pack folder, or None for the shipped pack.
    - ``formats``: any of :data:`FORMATS`; ``mp3`` needs :func:`mp3_encoder`.
    - ``voice``, ``rate_wpm``: text-to-speech voice (checked up front) and rate in words per minute.
    - ``only``: one of :data:`ONLY_CHOICES` to export just that part (tracks are then numbered
      from 1); None exports everything, with the introduction. ``force``: let such an export
      replace a folder that holds other parts' tracks (otherwise that is an error).
    - ``speaker``: a :class:`~voice_guide.tts.speaker.Speaker` to reuse (one is made when needed).
    - ``progress``: see :data:`ProgressArg`.
    - ``routines_dir``: routine files (default: the pack's ``routines`` folder; a pack without one
      has no routine tracks). ``routines``: ids of the routines to export (default: all, plain
      routines first, then those made of other routines).
    - ``routine_settings``: :class:`~voice_guide.routines.player.PlayerSettings` for the routine tracks
      (default: each step's own repetitions, 3 seconds each way; the speaking rate estimate
      follows ``rate_wpm``).

    Raises :class:`ExportError` (a :class:`VoiceGuideError`) with one line for a bad option,
    a folder that cannot be written, or a full disk. Routine tracks are never logged as sessions.
    """
    started = time.perf_counter()
    from voice_guide.tts.settings import DEFAULT_RATE_WPM, SpeechSettings

    fmts = check_formats(formats)
    if only is not None and only not in ONLY_CHOICES:
        raise ExportError(f"unknown part {only!r}: use one of {', '.join(ONLY_CHOICES)}")
    if not isinstance(pack, ContentPack):
        pack = load_pack(None if pack is None else Path(pack))
    settings = SpeechSettings(rate_wpm=int(rate_wpm) if rate_wpm is not None else DEFAULT_RATE_WPM, voice=voice)
    out = prepare_out_dir(Path(out_dir))
    manifest = Manifest.load(out / MANIFEST_NAME)
    if only is not None and not force:
        _refuse_to_delete_other_parts(out, manifest, only)
    if voice is not None:
        speaker = speaker or new_speaker()
        speaker.resolve_voice(voice)  # an unknown voice is an error here, not a silent default

    warnings: list[str] = []
    texts = ExportTexts.for_pack(pack, warnings)
    player_settings = player_settings_for(routine_settings, settings.rate_wpm)
    wanted = load_export_routines(pack, routines_dir, routines, warnings) if only in (None, "routines") else []
    plans = plan_tracks(pack, only, wanted, texts, player_settings)
    if not plans:
        raise ExportError(f"nothing to export: the pack has no {only or 'content'}")
    remove_leftover_parts(out)
    run = _ExportRun(out, fmts, pack.title, artist(pack), texts, settings, manifest, Renderer(speaker, settings, texts))
    run.claimed = {f"{p.stem}.{ext}" for p in plans for ext in (*fmts, "txt")}
    reporter = Reporter(progress, len(plans))
    try:
        for plan in plans:
            run.track(plan, reporter)
        playlists = run.finish(plans)
    finally:
        reporter.close()
    report = ExportReport(
        out_dir=out,
        album=pack.title,
        formats=fmts,
        tracks=tuple(run.done),
        playlists=playlists,
        manifest_path=out / MANIFEST_NAME,
        removed=tuple(run.removed),
        warnings=tuple(warnings),
        elapsed_s=round(time.perf_counter() - started, 3),
    )
    reporter.line(
        f"Done: {len(run.done)} tracks ({report.rendered_count} made, {report.skipped_count} already up to date), "
        f"{spoken_duration(report.total_duration_s)}, in {out}."
    )
    _LOGGER.info("exported %d tracks to %s in %.1f s", len(run.done), out, report.elapsed_s)
    return report


def _refuse_to_delete_other_parts(out: Path, manifest: Manifest, only: str) -> None:
    others = manifest.out_of_scope(PART_KINDS[only])
    if others:
        raise ExportError(
            f"{out} holds {len(others)} other track{'s' if len(others) != 1 else ''} of an earlier export "
            f"(such as {others[0].title!r}) that an "
            f"export of only {only} would delete: export to another folder, or add --force to replace them"
        )


class _ExportRun:
    """One export in progress: makes or skips each track, then writes playlists and the manifest."""

    def __init__(
        self, out: Path, fmts: tuple[str, ...], album: str, artist: str, texts: ExportTexts,
        settings: SpeechSettings, manifest: Manifest, renderer: Renderer,
    ) -> None:
        self.out = out
        self.fmts = fmts
        self.album = album
        self.artist = artist
        self.texts = texts
        self.settings = settings
        self.manifest = manifest
        self.renderer = renderer
        self.done: list[ExportedTrack] = []
        self.removed: list[Path] = []
        self.claimed: set[str] = set()
        """File names this export makes (never deleted as left-overs)."""

    def track(self, plan: TrackPlan, reporter: Reporter) -> None:
        """Make ``plan``'s files, or skip them when they are up to date."""
        tags = self._tags(plan)
        hashes = {fmt: content_hash(plan, fmt, self.settings.voice, self.settings.rate_wpm, tags) for fmt in self.fmts}
        previous = self.manifest.entries.get(plan.key)
        if previous is not None and self.manifest.up_to_date(self.out, plan, hashes):
            reporter.track(plan, skipped=True)
            self.removed += self.manifest.drop_formats(self.out, plan.key, self.fmts, self.claimed)
            self.done.append(self._exported(plan, previous.duration_s, rendered=False))
            reporter.done()
            return
        reporter.track(plan, skipped=False)
        clip, transcript = self.renderer.render(plan)
        clip = normalize_loudness(clip)
        files: dict[str, FileRecord] = {}
        for fmt in self.fmts:
            path = self.out / f"{plan.stem}.{fmt}"
            write_audio(path, clip, fmt, tags)
            files[fmt] = FileRecord(path.name, hashes[fmt], path.stat().st_size)
        text_path = self.out / f"{plan.stem}.txt"
        write_text(text_path, transcript)
        duration_s = round(clip.num_samples / clip.sample_rate_hz, 6)
        entry = TrackRecord(plan.key, plan.number, plan.kind, plan.title, duration_s, text_path.name, sha256_text(transcript), files)
        self.removed += self.manifest.replace(self.out, entry, self.claimed)
        self.manifest.save(self.out / MANIFEST_NAME)
        self.done.append(self._exported(plan, duration_s, rendered=True))
        reporter.done()

    def finish(self, plans: list[TrackPlan]) -> dict[str, Path]:
        """Write the playlists, forget tracks no longer in the guide, save the manifest."""
        playlists: dict[str, Path] = {}
        for i, fmt in enumerate(self.fmts):
            name = PLAYLIST_NAME if i == 0 else f"playlist-{fmt}.m3u"
            playlists[fmt] = self.out / name
            write_text(self.out / name, playlist_text(self.album, self.done, fmt))
        self.removed += self.manifest.retire(self.out, [p.key for p in plans], self.claimed | {p.name for p in playlists.values()})
        self.manifest.playlists = sorted(p.name for p in playlists.values())
        self.manifest.album = self.album
        self.manifest.save(self.out / MANIFEST_NAME)
        return playlists

    def _tags(self, plan: TrackPlan) -> dict[str, str]:
        return {
            "title": plan.title,
            "tracknumber": str(plan.number),
            "album": self.album,
            "artist": self.artist,
            "genre": "Speech",
            "comment": "Spoken guide made with voice-guide (text to speech). " + self.texts.not_medical_advice,
        }

    def _exported(self, plan: TrackPlan, duration_s: float, rendered: bool) -> ExportedTrack:
        return ExportedTrack(
            number=plan.number,
            key=plan.key,
            kind=plan.kind,
            title=plan.title,
            files={fmt: self.out / f"{plan.stem}.{fmt}" for fmt in self.fmts},
            transcript_path=self.out / f"{plan.stem}.txt",
            duration_s=duration_s,
            rendered=rendered,
        )


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

