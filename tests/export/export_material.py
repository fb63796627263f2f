"""Test material of the export tests: a tiny pack with one routine (import it; fixtures are in conftest)."""

from __future__ import annotations

from pathlib import Path

import yaml

from voice_guide.export.writers import available_formats
from voice_guide.routines.player import PlayerSettings

ARTICLE = {
    "title": "Tiny Guide",
    "author": "Test Writer",
    "publisher": "Test Press",
    "byline": "By Test Writer, Test Press",
    "sections": [
        {"id": "water", "title": "Drink Water", "blocks": ["Drink a glass of water with each meal.",
                                                            {"intro": "Good drinks include:", "items": ["water", "milk", "tea"]}]},
        {"id": "walk", "title": "Walk Daily", "blocks": ["A short walk each day keeps you strong."]},
    ],
    "faq": [
        {"id": "faq_tea", "question": "Does tea count?", "blocks": ["Yes, tea counts."]},
        {"id": "faq_when", "question": "When should I drink?", "blocks": ["Drink through the day."]},
    ],
    "sources": ["A test source."],
}
ROUTINE = {
    "id": "wrists",
    "title": "wrist exercises",
    "body_region": "hands",
    "sources": ["T"],
    "setup": "Sit comfortably.",
    "steps": [{"name": "wrist bend", "hand_placement": "Hold the forearm.", "movement": "Bend the wrist back, then forward.",
               "repetitions": 3, "hold_seconds": 1, "sources": ["T"]}],
}
QUICK = PlayerSettings(repetitions=3, seconds_each_way=2.0, get_ready_ms=500, rest_seconds=1.0)
FORMATS = tuple(f for f in ("wav", "flac", "ogg", "mp3") if f in available_formats())




def write_pack(root: Path, routines: dict[str, dict] | None = None, **extra_files: str) -> Path:
    """The tiny pack in ``root``: ARTICLE, the routines (default: ROUTINE), and any extra files by name."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "article.yaml").write_text(yaml.safe_dump(ARTICLE), encoding="utf-8")
    (root / "routines").mkdir(exist_ok=True)
    for name, routine in (routines or {"wrists": ROUTINE}).items():
        (root / "routines" / f"{name}.yaml").write_text(yaml.safe_dump(routine), encoding="utf-8")
    (root / "routines" / "sources.yaml").write_text(
        yaml.safe_dump({"sources": [{"key": "T", "title": "Test source", "url": "https://example.org"}]}), encoding="utf-8"
    )
    for name, text in extra_files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root
