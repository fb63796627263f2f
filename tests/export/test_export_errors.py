"""Export errors are one plain line: folders, a full disk, bad options, a damaged manifest."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import soundfile

from voice_guide.core.errors import VoiceGuideError
from voice_guide.export import writers
from voice_guide.export.guide import ExportError, export_guide


def test_output_folder_that_cannot_be_written_is_one_line_error(pack_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, blocker / "guide", only="faq")
    assert "cannot create the output folder" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ExportError, match="not a folder"):
        export_guide(pack_dir, blocker, only="faq")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="not writable"):
            export_guide(pack_dir, locked, only="faq")


def test_full_disk_is_one_line_error_and_leaves_nothing_that_looks_finished(
    pack_dir: Path, speaker, tmp_path: Path, monkeypatch
) -> None:
    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(soundfile.SoundFile, "write", no_space)
    with pytest.raises(VoiceGuideError) as err:
        export_guide(pack_dir, tmp_path, formats=("flac",), speaker=speaker, only="faq")
    message = str(err.value)
    assert "No space left on device" in message and "\n" not in message
    assert "01 Question - Does tea count.flac" in message
    assert [p.name for p in tmp_path.iterdir()] == []


def test_bad_options_are_one_line_errors(pack_dir: Path, monkeypatch) -> None:
    with pytest.raises(ExportError, match="unknown audio format 'aac'"):
        export_guide(pack_dir, "unused", formats=("aac",))
    with pytest.raises(ExportError, match="unknown part 'everything'"):
        export_guide(pack_dir, "unused", only="everything")
    monkeypatch.setattr(writers, "mp3_encoder", lambda: None)
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, "unused", formats=("mp3",))
    assert "MP3 needs ffmpeg or lame" in str(err.value) and "\n" not in str(err.value)




def test_a_full_disk_while_writing_a_transcript_names_it(pack_dir: Path, speaker, tmp_path: Path, monkeypatch) -> None:
    def no_space(path, text, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writers, "write_atomic_text", no_space)
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, tmp_path, speaker=speaker, only="faq")
    assert str(err.value) == f"cannot write 01 Question - Does tea count.txt in {tmp_path.resolve()}: No space left on device"


@pytest.fixture()
def tiny_disk(tmp_path: Path):
    """A 300 kB tmpfs (needs root and mount); skipped where it cannot be made."""
    import subprocess

    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True, check=False)


@pytest.mark.parametrize("fmt", ["wav", "flac"])
def test_a_really_full_disk_says_no_space_left_on_device(pack_dir: Path, speaker, tiny_disk: Path, fmt: str) -> None:
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, tiny_disk, formats=(fmt,), speaker=speaker, only="sections")
    message = str(err.value)
    assert message.endswith(": No space left on device") and "\n" not in message, message
    assert not list(tiny_disk.glob(".*.part"))  # nothing half-written under any name
    for path in tiny_disk.glob(f"*.{fmt}"):
        assert soundfile.info(str(path)).duration > 0  # what is there is complete


def test_export_only_into_a_fuller_export_on_the_command_line_names_force(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from voice_guide.export.manifest import GENERATOR_PREFIX

    out = tmp_path / "guide"
    out.mkdir()
    (out / "02 Causes.wav").write_bytes(b"RIFF")
    (out / "manifest.json").write_text(json.dumps({
        "manifest_version": 1, "generator": f"{GENERATOR_PREFIX} 1", "album": "A", "playlists": [],
        "tracks": [{"key": "section:causes", "number": 2, "kind": "section", "title": "Causes", "duration_s": 1.0,
                    "transcript": {"name": "02 Causes.txt", "sha256": "x"},
                    "files": {"wav": {"name": "02 Causes.wav", "hash": "y", "bytes": 4}}}],
    }), encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "run.py"), "export", str(out), "--only", "faq"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "VOICE_GUIDE_DATA_DIR": str(tmp_path)},
                          check=False)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"voice-guide: error: {out} holds 1 other track of an earlier export (such as 'Causes') that an export of only faq "
        "would delete: export to another folder, or add --force to replace them"
    ]
    assert (out / "02 Causes.wav").exists()
