"""Test-wide set-up: no test reads or writes the real user's settings or session log."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("user")
    saved = {k: os.environ.get(k) for k in ("VOICE_GUIDE_CONFIG_DIR", "VOICE_GUIDE_DATA_DIR")}
    os.environ.setdefault("VOICE_GUIDE_CONFIG_DIR", str(base / "config"))
    os.environ.setdefault("VOICE_GUIDE_DATA_DIR", str(base / "data"))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
