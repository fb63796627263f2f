"""Planning: file names, the export's own wording from the pack, and tracks of combined routines."""

from __future__ import annotations

from voice_guide.export.plan import safe_file_name


def test_safe_file_names() -> None:
    assert safe_file_name("What is muscle wasting?") == "What is muscle wasting"
    assert safe_file_name("Routine: Arm / Hand exercises") == "Routine - Arm - Hand exercises"
    assert safe_file_name("Café & Crème") == "Cafe and Creme"
    assert safe_file_name("???") == "Track"
    assert len(safe_file_name("word " * 40)) <= 60
