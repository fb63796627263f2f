"""The second shipped pack (falls at home): made by the builder, loads, has no problems, answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from voice_guide.content import builder as packbuilder
from voice_guide.content.builder import build_pack, check_pack
from voice_guide.content.pack import load_pack
from voice_guide.dialogue.conversation import Conversation
from voice_guide.engine import Engine

FALLS_PACK = Path(packbuilder.__file__).resolve().parents[2] / "packs" / "preventing_falls"


def test_the_falls_pack_loads_is_marked_and_has_no_problems() -> None:
    pack = load_pack(FALLS_PACK)
    assert pack.title == "Preventing Falls at Home"
    article = yaml.safe_load((FALLS_PACK / "article.yaml").read_text(encoding="utf-8"))
    assert "CC0" in article["license"] and article["byline"] == "Written for voice-guide"
    assert "It is not medical advice." in pack.section("introduction").text()
    source = (FALLS_PACK / "source.txt").read_text(encoding="utf-8")
    assert "Written for voice-guide." in source and "CC0" in source
    assert len([s for s in pack.sections if s.kind == "faq"]) == 3
    assert check_pack(FALLS_PACK) == []


@pytest.mark.parametrize("question, section", [
    ("how can I make the stairs safer", "safer_stairs_steps"),
    ("my mother gets dizzy when she stands up", "get_up_slowly"),
    ("my wife fell what should I do", "if_fall"),
    ("tell me about grab bars", "safer_bathroom"),
    ("should my dad use a walker", "faq_use_cane_walker"),
    ("do night lights help", "good_lighting"),
    ("what shoes should she wear", "shoes_clothing"),
    ("who wrote this", "about"),
])
def test_typed_questions_about_the_falls_pack_are_answered_from_the_right_section(question: str, section: str) -> None:
    guide = _falls_guide()
    guide.reset()
    answer = guide.handle_text(question)
    assert answer.section_id == section, (question, answer)


def test_emergencies_still_come_first_in_the_falls_pack() -> None:
    guide = _falls_guide()
    guide.reset()
    assert guide.handle_text("he fell and is not breathing").intent == "emergency"


def test_the_falls_pack_is_what_the_builder_makes_from_its_source(tmp_path: Path) -> None:
    work = tmp_path / "preventing_falls"
    shutil.copytree(FALLS_PACK, work)
    build_pack(work / "source.txt", work, overwrite=True)
    # (intents.yaml, safety.yaml and the lexicon's filler words are copies from the shipped pack: not compared)
    for name in ("article.yaml", "topics.yaml", "pronunciations.dict"):
        assert (work / name).read_text(encoding="utf-8") == (FALLS_PACK / name).read_text(encoding="utf-8"), name


_GUIDE: list[Conversation] = []


def _falls_guide() -> Conversation:
    if not _GUIDE:
        _GUIDE.append(Engine(load_pack(FALLS_PACK)).new_conversation())
    return _GUIDE[0]
