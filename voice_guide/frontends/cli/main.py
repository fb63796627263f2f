"""The ``voice-guide`` command line (also ``python run.py``): one module per command.

Errors are one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli import ask, chat, demo, doctor, export, log, pack, routine, topics
from voice_guide.frontends.cli.common import OPTION_DEFAULTS, PROG, make_parents

_LOGGER = logging.getLogger(__name__)

COMMANDS = (ask, demo, topics, doctor, routine, log, export, pack, chat)
"""The command modules, in the order ``--help`` lists them."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, value in OPTION_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.ERROR, format=f"{PROG}: %(message)s")
    try:
        return int(args.func(args) or 0)
    except VoiceGuideError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    """The whole parser: the shared options, the live-session options and every command."""
    parents = make_parents()
    parser = argparse.ArgumentParser(prog=PROG, description="An offline voice guide to a content pack's article and routines.",
                                     parents=[parents.common, parents.speech, parents.asr])
    from voice_guide.frontends.cli.live import add_live_arguments

    add_live_arguments(parser)
    parser.set_defaults(func=chat.run_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub, parents)
    return parser
