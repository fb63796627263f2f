"""One shared default ``safety.yaml`` (``packs/defaults``): packs inherit it unless they ship their own."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from voice_guide.content.pack import DEFAULTS_DIR, PACKS_DIR, load_pack
from voice_guide.nlu.safety import SafetyRules


def test_the_shipped_packs_use_the_shared_default() -> None:
    shared = yaml.safe_load((DEFAULTS_DIR / "safety.yaml").read_text(encoding="utf-8"))
    first = load_pack(PACKS_DIR / "muscle_atrophy").safety
    assert sorted(first["concepts"]) == sorted(shared["concepts"])
    for name in ("muscle_atrophy", "preventing_falls"):
        assert not (PACKS_DIR / name / "safety.yaml").exists(), name  # one copy only
        assert load_pack(PACKS_DIR / name).safety == first, name


def test_a_pack_with_its_own_safety_file_uses_it(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "preventing_falls", folder)
    own = {"concepts": {"flood": {"label": "a flood", "patterns": ["water everywhere"]}},
           "replies": {"emergency": "Leave the room and call {emergency_number}."}}
    (folder / "safety.yaml").write_text(yaml.safe_dump(own), encoding="utf-8")
    rules = SafetyRules(load_pack(folder).safety, region="")
    assert (rules.assess("there is water everywhere").concept, rules.assess("there is water everywhere").reply) == (
        "flood", "Leave the room and call your local emergency number.")
    assert not rules.is_red_flag("she can't breathe")  # the pack's own rules replace the default, not add to it
