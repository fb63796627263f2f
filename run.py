#!/usr/bin/env python3
"""Entry point: ``python run.py [COMMAND] …`` (the same as the ``voice-guide`` command)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from voice_guide.frontends.cli.main import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
