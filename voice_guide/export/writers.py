"""Writing an export's files: audio in each format with its tags, transcripts, playlists.

* Formats: ``wav`` (16-bit PCM), ``flac`` and ``ogg`` (Vorbis) through soundfile, ``mp3``
  through soundfile when its libsndfile can encode MP3 (1.1 or newer), else ffmpeg, else
  lame (:func:`mp3_encoder`).
* Tags: title, track number, album, artist, genre and a comment, in every format: Vorbis
  comments in FLAC and OGG, ID3 in MP3, and a RIFF ``LIST INFO`` chunk in WAV.
* Every file goes through :func:`voice_guide.core.files.write_atomic_with`: written under a
  hidden ``.NAME.xxxx.part`` name, flushed to disk and renamed when complete. A failure is
  one :class:`~voice_guide.export.model.ExportError` line; a full disk says
  "No space left on device" (libsndfile reports it only as "System error", so the free
  space is checked when an encoder fails).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import remove_quietly, write_atomic_text, write_atomic_with
from voice_guide.export.model import FORMATS, NO_SPACE_MESSAGE, ExportedTrack, ExportError, describe_os_error

_LOGGER = logging.getLogger(__name__)

WRITE_BLOCK_FRAMES = 8192
"""Frames handed to the encoder per write call (see :func:`_write_soundfile`)."""

MP3_TIMEOUT_S = 600
"""Longest an external MP3 encoder may take for one track."""

_SF_FORMATS = {
    "wav": ("WAV", "PCM_16"),
    "flac": ("FLAC", "PCM_16"),
    "ogg": ("OGG", "VORBIS"),
    "mp3": ("MP3", "MPEG_LAYER_III"),
}


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
    """The formats of :data:`~voice_guide.export.model.FORMATS` this machine can write."""
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


def check_formats(formats: Sequence[str] | str) -> tuple[str, ...]:
    """The formats asked for, checked and without repeats (``"wav,flac"`` or a list)."""
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


def prepare_out_dir(out: Path) -> Path:
    """Make the output folder and check it can be written; returns it resolved."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{out}: cannot create the output folder: {describe_os_error(err)}") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".vg-write-check.", suffix=".part", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ExportError(f"{out}: the output folder is not writable: {describe_os_error(err)}") from None
    return out.resolve()


def write_audio(path: Path, clip: AudioClip, fmt: str, tags: dict[str, str]) -> None:
    """Write ``clip`` to ``path`` in ``fmt`` with ``tags``, atomically; one-line errors."""

    def encode(tmp: Path) -> None:
        if fmt == "mp3" and mp3_encoder() in ("ffmpeg", "lame"):
            _write_mp3_external(tmp, clip, tags)
        else:
            _write_soundfile(tmp, clip, fmt, tags)

    try:
        write_atomic_with(path, encode)
    except VoiceGuideError:
        raise
    except (OSError, RuntimeError, subprocess.SubprocessError) as err:
        raise ExportError(f"cannot write {path.name} in {path.parent}: {_write_failure(err, path, clip)}") from None


def write_text(path: Path, text: str) -> None:
    """Write a transcript, playlist or manifest atomically; one-line errors."""
    try:
        write_atomic_text(path, text)
    except OSError as err:
        raise ExportError(f"cannot write {path.name} in {path.parent}: {describe_os_error(err)}") from None


def remove_leftover_parts(out: Path) -> None:
    """Temporary files of an interrupted export (ours only: hidden, ``.part``)."""
    for p in out.glob(".*.part"):
        _LOGGER.info("removing %s, left by an interrupted export", p.name)
        remove_quietly(p)


def playlist_text(album: str, tracks: list[ExportedTrack], fmt: str) -> str:
    """An extended M3U playlist of ``tracks`` in ``fmt``, with titles and durations."""
    lines = ["#EXTM3U", f"#PLAYLIST:{album}"]
    for t in tracks:
        lines.append(f"#EXTINF:{int(round(t.duration_s))},{t.title}")
        lines.append(t.files[fmt].name)
    return "\n".join(lines) + "\n"


def _write_failure(err: BaseException, path: Path, clip: AudioClip) -> str:
    """Why a write failed, in a few words; a full disk is named even when the encoder hides it."""
    reason = describe_os_error(err)
    if reason != NO_SPACE_MESSAGE and not isinstance(err, OSError):
        try:
            if shutil.disk_usage(path.parent).free < len(clip.pcm) + 65536:
                return NO_SPACE_MESSAGE
        except OSError:
            pass
    return reason


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
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=MP3_TIMEOUT_S, check=False)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise ExportError(f"{program} could not encode MP3: {reason}")
