"""Audio guide export: tracks in order, formats and tags, playlist, transcripts, safe and
resumable writing, partial exports, and routine tracks that are not logged as sessions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile
from export_material import FORMATS, QUICK

from voice_guide.audio.files import AudioClip
from voice_guide.export import render, writers
from voice_guide.export.guide import MANIFEST_NAME, PEAK_CEILING_DBFS, TARGET_LOUDNESS_DBFS, ExportError, export_guide, gated_rms_dbfs


@pytest.fixture(scope="module")
def full_export(pack_dir: Path, speaker, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("guide")
    lines: list[str] = []
    report = export_guide(pack_dir, out, formats=FORMATS, speaker=speaker, routine_settings=QUICK, progress=lines.append)
    return out, report, lines


EXPECTED_STEMS = [
    "01 Introduction",
    "02 Drink Water",
    "03 Walk Daily",
    "04 About the article and its sources",
    "05 Question - Does tea count",
    "06 Question - When should I drink",
    "07 Routine - Wrist exercises",
]


def audio_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".wav", ".flac", ".ogg", ".mp3", ".txt"))


def test_every_part_of_the_guide_becomes_a_numbered_track_in_every_format(full_export) -> None:
    out, report, lines = full_export
    assert [t.files["wav"].stem for t in report.tracks] == EXPECTED_STEMS
    assert audio_files(out) == sorted(f"{stem}.{ext}" for stem in EXPECTED_STEMS for ext in (*FORMATS, "txt"))
    assert [t.number for t in report.tracks] == list(range(1, 8))
    assert report.rendered_count == 7 and report.skipped_count == 0
    assert not list(out.glob(".*.part"))
    assert lines[:2] == ["Track 1 of 7: Introduction", "Track 2 of 7: Drink Water"]
    assert lines[-1].startswith("Done: 7 tracks (7 made, 0 already up to date)")


def test_durations_match_the_manifest_and_the_playlist(full_export) -> None:
    out, report, _ = full_export
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [e["key"] for e in manifest["tracks"]] == [t.key for t in report.tracks]
    for track, entry in zip(report.tracks, manifest["tracks"], strict=False):
        info = soundfile.info(str(track.files["wav"]))
        assert info.duration > 0
        assert info.duration == pytest.approx(entry["duration_s"], abs=1e-4)
        assert entry["files"]["wav"]["bytes"] == track.files["wav"].stat().st_size
        for fmt in ("flac", "ogg"):
            if fmt in FORMATS:
                assert soundfile.info(str(track.files[fmt])).duration == pytest.approx(info.duration, abs=0.1)
    routine = report.tracks[-1]
    # the routine keeps its real pauses: three repetitions of 2 s out, 1 s hold, 2 s back
    assert routine.duration_s > 3 * 5 + 20
    playlist = (out / "playlist.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    entries = [line for line in playlist if not line.startswith("#")]
    assert entries == [f"{stem}.wav" for stem in EXPECTED_STEMS]
    extinf = [line for line in playlist if line.startswith("#EXTINF:")]
    assert extinf[0] == f"#EXTINF:{round(report.tracks[0].duration_s)},Introduction"
    assert extinf[4] == f"#EXTINF:{round(report.tracks[4].duration_s)},Question: Does tea count?"
    for fmt in FORMATS[1:]:
        other = (out / f"playlist-{fmt}.m3u").read_text(encoding="utf-8")
        assert [line for line in other.splitlines() if not line.startswith("#")] == [f"{s}.{fmt}" for s in EXPECTED_STEMS]


def test_tags_title_track_album_artist(full_export) -> None:
    _, report, _ = full_export
    for fmt in [f for f in FORMATS if f in ("wav", "flac", "ogg")]:
        for track in report.tracks:
            with soundfile.SoundFile(str(track.files[fmt])) as f:
                assert f.title == track.title
                assert f.tracknumber == str(track.number)
                assert f.album == "Tiny Guide"
                assert f.artist == "Test Writer, Test Press"


def test_transcripts_hold_the_spoken_text(full_export) -> None:
    out, report, _ = full_export
    water = report.tracks[1].transcript_path.read_text(encoding="utf-8")
    assert "Drink a glass of water with each meal." in water
    assert "Good drinks include: water, milk, and tea." in water
    faq = report.tracks[4].transcript_path.read_text(encoding="utf-8")
    assert "Question: Does tea count?" in faq and "Yes, tea counts." in faq
    routine = report.tracks[6].transcript_path.read_text(encoding="utf-8")
    assert "Before we start, a safety check." in routine
    assert "This recording cannot hear you." in routine
    assert "(sound: hold)" in routine and "Three, last one." in routine
    intro = report.tracks[0].transcript_path.read_text(encoding="utf-8")
    assert "It has 7 tracks." in intro and "not medical advice" in intro


def test_loudness_is_the_same_on_every_track_and_nothing_clips(full_export) -> None:
    _, report, _ = full_export
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20) * 32768
    for track in report.tracks:
        data, rate = soundfile.read(str(track.files["wav"]), dtype="int16")
        clip = AudioClip(data.tobytes(), rate)
        assert gated_rms_dbfs(clip) == pytest.approx(TARGET_LOUDNESS_DBFS, abs=0.6)
        assert np.abs(data.astype(np.int32)).max() <= ceiling + 1


def test_a_second_run_skips_everything_and_leaves_no_duplicates(full_export, pack_dir: Path, speaker) -> None:
    out, first, _ = full_export
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    report = export_guide(pack_dir, out, formats=FORMATS, speaker=speaker, routine_settings=QUICK)
    assert report.skipped_count == 7 and report.rendered_count == 0
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert sorted(after) == sorted(before)
    audio = [n for n in after if not n.endswith((".json", ".m3u"))]
    assert all(after[n] == before[n] for n in audio)  # not rewritten
    assert [t.duration_s for t in report.tracks] == [t.duration_s for t in first.tracks]


def test_an_interrupted_export_is_completed_by_the_next_run(pack_dir: Path, speaker, tmp_path: Path, monkeypatch) -> None:
    formats = tuple(f for f in FORMATS if f in ("wav", "flac"))
    real_render = render.Renderer.render
    calls = {"n": 0}

    def render_then_fail(self, plan):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as if Ctrl-C came while the third track was being made
        return real_render(self, plan)

    monkeypatch.setattr(render.Renderer, "render", render_then_fail)
    with pytest.raises(KeyboardInterrupt):
        export_guide(pack_dir, tmp_path, formats=formats, speaker=speaker, only="sections", routine_settings=QUICK)
    assert audio_files(tmp_path) == sorted(f"{s}.{e}" for s in ("01 Drink Water", "02 Walk Daily") for e in (*formats, "txt"))
    assert not list(tmp_path.glob(".*.part")) and not (tmp_path / "playlist.m3u").exists()
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [e["key"] for e in manifest["tracks"]] == ["section:water", "section:walk"]

    monkeypatch.setattr(render.Renderer, "render", real_render)
    report = export_guide(pack_dir, tmp_path, formats=formats, speaker=speaker, only="sections", routine_settings=QUICK)
    assert [t.rendered for t in report.tracks] == [False, False, True]
    stems = ["01 Drink Water", "02 Walk Daily", "03 About the article and its sources"]
    assert audio_files(tmp_path) == sorted(f"{s}.{e}" for s in stems for e in (*formats, "txt"))
    playlist = (tmp_path / "playlist.m3u").read_text(encoding="utf-8")
    assert [line for line in playlist.splitlines() if not line.startswith("#")] == [f"{s}.wav" for s in stems]


def test_a_partial_export_into_a_fuller_one_is_refused_without_force(pack_dir: Path, speaker, tmp_path: Path) -> None:
    export_guide(pack_dir, tmp_path, formats=("wav", "flac"), speaker=speaker, only="sections")
    before = audio_files(tmp_path)
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, tmp_path, formats=("wav",), speaker=speaker, only="faq")
    message = str(err.value)
    assert message == (
        f"{tmp_path.resolve()} holds 3 other tracks of an earlier export (such as 'Drink Water') that an export of only faq "
        "would delete: export to another folder, or add --force to replace them"
    )
    assert audio_files(tmp_path) == before  # nothing deleted
    # the same part again is fine: it only replaces its own tracks
    again = export_guide(pack_dir, tmp_path, formats=("wav", "flac"), speaker=speaker, only="sections")
    assert again.skipped_count == 3


def test_with_force_a_smaller_export_in_the_same_folder_removes_the_old_tracks(pack_dir: Path, speaker, tmp_path: Path) -> None:
    export_guide(pack_dir, tmp_path, formats=("wav", "flac"), speaker=speaker, only="sections")
    lines: list[str] = []
    report = export_guide(pack_dir, tmp_path, formats=("wav",), speaker=speaker, only="faq", force=True, progress=lines.append)
    assert [t.files["wav"].name for t in report.tracks] == ["01 Question - Does tea count.wav", "02 Question - When should I drink.wav"]
    assert audio_files(tmp_path) == sorted(
        f"{s}.{e}" for s in ("01 Question - Does tea count", "02 Question - When should I drink") for e in ("wav", "txt")
    )
    assert {p.name for p in report.removed} >= {"01 Drink Water.wav", "01 Drink Water.flac", "03 About the article and its sources.txt"}
    assert not (tmp_path / "playlist-flac.m3u").exists()
    assert lines[0] == "Track 1 of 2: Question: Does tea count?"


def test_plain_progress_lines_when_not_a_terminal(pack_dir: Path, speaker, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    export_guide(pack_dir, tmp_path, speaker=speaker, only="faq", progress=True)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Track 1 of 2: Question: Does tea count?"
    assert "\r" not in "".join(err) and "\x1b[" not in "".join(err)


@pytest.mark.skipif(not __import__("shutil").which("ffmpeg"), reason="ffmpeg is not installed")
def test_mp3_through_ffmpeg_has_tags(pack_dir: Path, speaker, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(writers, "mp3_encoder", lambda: "ffmpeg")
    report = export_guide(pack_dir, tmp_path, formats="mp3", speaker=speaker, only="faq")
    path = report.tracks[0].files["mp3"]
    assert path.stat().st_size > 1000
    with soundfile.SoundFile(str(path)) as f:
        assert f.title == "Question: Does tea count?" and f.album == "Tiny Guide"
        assert f.frames / f.samplerate == pytest.approx(report.tracks[0].duration_s, abs=0.2)


def test_routine_tracks_are_not_logged_as_sessions(pack_dir: Path, speaker, tmp_path: Path, monkeypatch) -> None:
    from voice_guide.routines.log import DATA_DIR_ENV

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    report = export_guide(pack_dir, tmp_path / "out", speaker=speaker, only="routines", routine_settings=QUICK)
    assert [t.key for t in report.tracks] == ["routine:wrists"]
    assert list(data_dir.rglob("*")) == []  # no session log, nothing else


def test_a_routine_saved_as_audio_is_not_logged_as_a_session(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**__import__("os").environ, "VOICE_GUIDE_DATA_DIR": str(tmp_path / "data")}
    wav = tmp_path / "hands.wav"
    done = subprocess.run([sys.executable, str(root / "run.py"), "routine", "hands", "--fast", "--reps", "3", "--save-audio", str(wav)],
                          capture_output=True, text=True, timeout=600, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert wav.stat().st_size > 0
    assert not (tmp_path / "data").exists() or list((tmp_path / "data").rglob("*.jsonl")) == []
