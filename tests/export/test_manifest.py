"""The export manifest: read with every field checked; damaged or foreign manifests are one-line errors
that name the fix, and are never overwritten."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_guide.export.guide import MANIFEST_NAME, ExportError, export_guide
from voice_guide.export.manifest import GENERATOR_PREFIX, Manifest

OURS = {"manifest_version": 1, "generator": f"{GENERATOR_PREFIX} 1.0", "album": "A", "playlists": ["playlist.m3u"]}
TRACK = {"key": "faq:tea", "number": 1, "kind": "faq", "title": "Question: Tea?", "duration_s": 2.5,
         "transcript": {"name": "01 Question - Tea.txt", "sha256": "ab"},
         "files": {"wav": {"name": "01 Question - Tea.wav", "hash": "cd", "bytes": 100}}}


def _load(tmp_path: Path, text: str) -> Manifest:
    path = tmp_path / MANIFEST_NAME
    path.write_text(text, encoding="utf-8")
    return Manifest.load(path)


def test_a_good_manifest_loads_with_typed_records(tmp_path: Path) -> None:
    manifest = _load(tmp_path, json.dumps({**OURS, "tracks": [TRACK]}))
    record = manifest.entries["faq:tea"]
    assert (record.number, record.duration_s, record.files["wav"].bytes) == (1, 2.5, 100)
    assert record.names() == ["01 Question - Tea.wav", "01 Question - Tea.txt"]
    assert manifest.playlists == ["playlist.m3u"] and manifest.album == "A"


FIX = "delete manifest.json to make every track again, or export to another folder"


@pytest.mark.parametrize("data, reason", [
    ([1, 2, 3], "not a voice-guide export manifest"),
    ({"tracks": []}, "not a voice-guide export manifest"),
    ({**OURS, "tracks": 5}, "tracks should be a list"),
    ({**OURS, "tracks": [7]}, "tracks[0] should be a mapping"),
    ({**OURS, "tracks": [{**TRACK, "files": []}]}, "tracks[0].files should be a mapping"),
    ({**OURS, "tracks": [{**TRACK, "files": {"wav": {"name": 3, "hash": "x", "bytes": 1}}}]}, "tracks[0].files.wav.name should be text"),
    ({**OURS, "tracks": [{**TRACK, "number": "one"}]}, "tracks[0].number should be a whole number"),
    ({**OURS, "tracks": [{**TRACK, "duration_s": True}]}, "tracks[0].duration_s should be a number of seconds"),
    ({**OURS, "tracks": [], "playlists": [1]}, "playlists should be a list of file names"),
])
def test_a_manifest_of_the_wrong_shape_is_one_line_naming_the_field_and_the_fix(tmp_path: Path, data, reason: str) -> None:
    with pytest.raises(ExportError) as err:
        _load(tmp_path, json.dumps(data))
    assert str(err.value) == f"{tmp_path / MANIFEST_NAME}: {reason}; {FIX}"


def test_deeply_nested_or_broken_json_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as err:
        _load(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert str(err.value) == f"{tmp_path / MANIFEST_NAME}: nested too deeply to be an export manifest; {FIX}"
    with pytest.raises(ExportError) as err:
        _load(tmp_path, '{"tracks": [')
    assert str(err.value) == f"{tmp_path / MANIFEST_NAME}: not readable JSON (JSONDecodeError); {FIX}"
    (tmp_path / MANIFEST_NAME).unlink()
    (tmp_path / MANIFEST_NAME).symlink_to("/dev/zero")
    with pytest.raises(ExportError, match="is not a regular file"):
        Manifest.load(tmp_path / MANIFEST_NAME)


def test_an_export_into_a_folder_with_a_foreign_manifest_stops_and_keeps_it(pack_dir: Path, tmp_path: Path) -> None:
    theirs = '{"name": "another program", "version": 3}\n'
    (tmp_path / MANIFEST_NAME).write_text(theirs, encoding="utf-8")
    with pytest.raises(ExportError) as err:
        export_guide(pack_dir, tmp_path, only="faq")
    assert str(err.value) == f"{tmp_path.resolve() / MANIFEST_NAME}: not a voice-guide export manifest; {FIX}"
    assert [p.name for p in tmp_path.iterdir()] == [MANIFEST_NAME]
    assert (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8") == theirs


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=5)),
    max_leaves=25,
)
TRACKISH = st.fixed_dictionaries({}, optional={k: JSON for k in ("key", "number", "kind", "title", "duration_s", "transcript", "files")})


@settings(max_examples=50, deadline=None)
@given(data=st.one_of(JSON, st.builds(lambda tracks, extra: {**OURS, "tracks": tracks, **extra},
                                       st.lists(st.one_of(TRACKISH, JSON), max_size=3),
                                       st.dictionaries(st.sampled_from(["album", "playlists", "manifest_version"]), JSON))))
def test_any_json_gives_a_manifest_or_a_one_line_error(data) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / MANIFEST_NAME
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            manifest = Manifest.load(path)
        except ExportError as err:
            assert "\n" not in str(err)
            return
        for record in manifest.entries.values():
            assert isinstance(record.number, int) and all(isinstance(n, str) for n in record.names())


@settings(max_examples=50, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_give_a_manifest_or_a_one_line_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / MANIFEST_NAME
        path.write_bytes(raw)
        try:
            Manifest.load(path)
        except ExportError as err:
            assert "\n" not in str(err)
