"""``log``: the record of routine sessions."""

from __future__ import annotations

import argparse
from typing import Any

from voice_guide.frontends.cli.common import Parents


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("log", parents=[parents.common], help="the record of routine sessions, newest first")
    p.add_argument("--json", action="store_true", help="JSON for machines")
    p.set_defaults(func=_cmd_log)


def _cmd_log(args: argparse.Namespace) -> int:
    from voice_guide.routines.log import format_sessions_text, read_sessions, sessions_to_json

    sessions = read_sessions()
    if args.json:
        print(sessions_to_json(sessions))
    else:
        print(format_sessions_text(sessions))
    return 0
