"""Thirty-fourth round (docs/understanding.md): "read it all out to me from the start" is the ``read_article`` template
itself (``intents.yaml``), so a reason said after it ("my hands are wet") no longer leaves the command to a fuzzy
match that the reason defeats."""

from __future__ import annotations

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text", [
    "read it all out to me from the start, my hands are wet",
    "um, read all of it out to me from the top, I'm busy with the dishes",
    "read it all out to me from the beginning",
])
def test_reading_it_all_out_from_the_start_is_the_exact_command(understander, text):
    found = understander.understand(text, DialogueState.IDLE)
    assert (found.intent, found.confidence) == ("read_article", 1.0)
