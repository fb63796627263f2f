"""``log``: the record of routine sessions, or a plain summary of the last 7 days."""

from __future__ import annotations

import argparse
from typing import Any

from voice_guide.frontends.cli.common import Parents, notice


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("log", parents=[parents.common], help="the record of routine sessions, newest first")
    p.add_argument("--json", action="store_true", help="JSON for machines")
    p.add_argument("--week", action="store_true", help="a plain summary of the last 7 days: sessions, exercises, stops for pain, notes")
    p.set_defaults(func=_cmd_log)


def _cmd_log(args: argparse.Namespace) -> int:
    from voice_guide.routines.log_read import read_events, sessions_from_events
    from voice_guide.routines.summary import format_sessions_text, format_week_text, sessions_to_json, week_summary

    sessions = sessions_from_events(read_events(on_skip=notice))
    if args.week:
        summary = week_summary(sessions)
        if args.json:
            import json
            from dataclasses import asdict

            print(json.dumps(asdict(summary), ensure_ascii=False, indent=2))
        else:
            print(format_week_text(summary))
    elif args.json:
        print(sessions_to_json(sessions))
    else:
        print(format_sessions_text(sessions))
    return 0
