"""Fixtures of the export tests: the tiny pack and one speaker for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_material import write_pack


@pytest.fixture(scope="session")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pack(tmp_path_factory.mktemp("pack"))


@pytest.fixture(scope="session")
def speaker():  # noqa: ANN201
    from voice_guide.tts.speaker import Speaker

    return Speaker()  # created once for every export test
