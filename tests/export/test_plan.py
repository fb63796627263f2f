"""Planning: file names, the export's own wording from the pack, and tracks of combined routines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml
from export_material import write_pack

from voice_guide.content.pack import DEFAULT_PACK_DIR, load_pack
from voice_guide.export.plan import load_export_routines, plan_tracks, player_settings_for, safe_file_name
from voice_guide.export.texts import ExportTexts


def test_safe_file_names() -> None:
    assert safe_file_name("What is muscle wasting?") == "What is muscle wasting"
    assert safe_file_name("Routine: Arm / Hand exercises") == "Routine - Arm - Hand exercises"
    assert safe_file_name("Café & Crème") == "Cafe and Creme"
    assert safe_file_name("???") == "Track"
    assert len(safe_file_name("word " * 40)) <= 60


def _plans(pack_dir: Path, only: str | None = None, routines: list[str] | None = None):
    pack = load_pack(pack_dir)
    warnings: list[str] = []
    texts = ExportTexts.for_pack(pack, warnings)
    wanted = load_export_routines(pack, None, routines, warnings) if only in (None, "routines") else []
    return plan_tracks(pack, only, wanted, texts, player_settings_for(None, 150)), warnings


def _spoken(script: str) -> list[str]:
    """The spoken lines of a routine track's script (not earcons, not the settings line)."""
    return [ln for ln in script.splitlines()[:-1] if not ln.startswith("(sound:")]


def test_the_full_body_track_is_built_from_its_steps_without_repeating_the_arm_and_leg_tracks() -> None:
    plans, _ = _plans(DEFAULT_PACK_DIR, only="routines", routines=["arms", "legs", "full_body"])
    arms, legs, full = plans
    assert [p.key for p in plans] == ["routine:arms", "routine:legs", "routine:full_body"]
    full_lines = _spoken(full.script)
    assert full_lines[0] == (
        "Full body exercises: the arm exercises and the leg exercises, one after the other, in one session. "
        "This track names and counts each step and says its cautions; how to hold and move for each step is in "
        "tracks 1 and 2. Listen to those first."
    )
    steps = [s for r in (arms.routine, legs.routine) for s in r.steps]
    for step in steps:
        assert not any(step.movement in line for line in full_lines), step.name  # the detail is in the other tracks
        assert any(step.movement in line for line in _spoken(arms.script) + _spoken(legs.script)), step.name
        if step.caution:  # every caution is said, for every side
            said = [ln for ln in full_lines if step.caution[1:] in ln]
            assert len(said) == 2, step.name
    assert any(line.startswith("Exercise 1 of") for line in full_lines)
    assert "This recording cannot hear you." in full.script
    # the full-body track is much shorter than the two tracks it combines, and not a copy of them
    def chars(lines: list[str]) -> int:
        return sum(len(line) for line in lines)

    assert chars(full_lines) < 0.7 * (chars(_spoken(arms.script)) + chars(_spoken(legs.script)))
    assert full.player_settings is not None and full.player_settings.verbosity == "brief"
    assert arms.player_settings is not None and arms.player_settings.verbosity == "full"


def test_a_combined_routine_exported_alone_keeps_its_full_instructions() -> None:
    (full,), _ = _plans(DEFAULT_PACK_DIR, only="routines", routines=["full_body"])
    assert full.player_settings is not None and full.player_settings.verbosity == "full"
    assert _spoken(full.script)[0] == "Full body exercises, a recorded routine at a normal pace."
    assert any(line.startswith("Hands: ") for line in _spoken(full.script))


def test_the_export_wording_comes_from_the_pack_when_it_has_some(tmp_path: Path) -> None:
    responses = {"export": {
        "recording_note": "This is a recording. Stop it if anything hurts.",
        "intro_how": "Skip between tracks with your player.",
        "intro_guide": "Welcome to {title}{byline}.",
        "sources_heading": 5,
        "not_a_text": "x",
        "intro_count": "{title.__class__} has {total} tracks.",
    }}
    pack_dir = write_pack(tmp_path / "pack", **{"responses.yaml": yaml.safe_dump(responses)})
    plans, warnings = _plans(pack_dir)
    intro = [s.text for s in plans[0].segments]
    assert intro[0] == "Welcome to Tiny Guide, by Test Writer, Test Press."
    assert intro[1] == "It has 7 tracks. After this introduction come two parts of the article, where the article's " \
                       "information comes from, two common questions with their answers, and one exercise routine to do " \
                       "with someone, led step by step."
    assert intro[2] == "Skip between tracks with your player."
    assert "This is a recording. Stop it if anything hurts." in plans[-1].script
    assert "This recording cannot hear you." not in plans[-1].script
    assert sorted(warnings) == [
        "responses.yaml: export.intro_count uses a {field} it does not have; the default wording is used",
        "responses.yaml: export.not_a_text is not a text the export uses; skipped",
        "responses.yaml: export.sources_heading should be text; the default wording is used",
    ]


def test_without_pack_wording_the_texts_are_generic() -> None:
    texts = ExportTexts()
    for value in dataclasses.asdict(texts).values():
        assert "atrophy" not in value.lower() and "muscle" not in value.lower()
