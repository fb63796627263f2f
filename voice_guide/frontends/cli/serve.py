"""``serve``: a Wyoming protocol server for Home Assistant's Assist (speech to text, handling, text to speech)."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from voice_guide.frontends.cli.common import Parents, make_pipeline, notice


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("serve", parents=[parents.common, parents.asr],
                       help="serve Home Assistant (Wyoming protocol): speech to text, answers and speech")
    p.add_argument("--uri", default="tcp://127.0.0.1:10700", help="where to listen: tcp://HOST:PORT or unix://PATH (default tcp://127.0.0.1:10700)")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Load the models once and serve until interrupted."""
    import asyncio

    from voice_guide.frontends.server.service import GuideService, serve

    logging.getLogger("voice_guide.frontends.server").setLevel(logging.INFO if not args.verbose else logging.DEBUG)
    service = GuideService(make_pipeline(args).engine)
    service.load()
    notice(f"voice-guide: serving {service.engine.pack.title} to Wyoming clients at {args.uri}. Press Ctrl+C to stop.")
    try:
        asyncio.run(serve(service, args.uri))
    except KeyboardInterrupt:
        notice("voice-guide: server stopped.")
    finally:
        service.close()
    return 0
