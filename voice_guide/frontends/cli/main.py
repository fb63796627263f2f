"""The ``voice-guide`` command line (also ``python run.py``): one module per command.

Errors are one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from typing import NoReturn

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli import ask, chat, demo, doctor, due, export, log, pack, routine, serve, topics
from voice_guide.frontends.cli.common import OPTION_DEFAULTS, PROG, make_parents

_LOGGER = logging.getLogger(__name__)

COMMANDS = (ask, demo, topics, doctor, routine, log, due, export, pack, chat, serve)
"""The command modules, in the order ``--help`` lists them."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, value in OPTION_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    setup_logging(args.verbose)
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


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (an unknown command names the commands,
    without the whole usage), plus where to read more."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{one_line_usage_error(self.prog, message)}\n")


def one_line_usage_error(prog: str, message: str) -> str:
    """``voice-guide: error: unknown command 'foo' (commands: ask, demo, …); see voice-guide --help``."""
    if "invalid choice" in message and "argument COMMAND" in message:
        wrong = message.split("invalid choice:", 1)[1].split("(choose from", 1)[0].strip()
        names = ", ".join(command.__name__.rsplit(".", 1)[-1] for command in COMMANDS)
        message = f"unknown command {wrong} (commands: {names})"
    return f"{PROG}: error: {message}; see {prog} --help"


class _PlainLineFormatter(logging.Formatter):
    """``voice-guide: warning: …``: one plain line, no traceback or source line."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self._verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        where = f" [{record.name}]" if self._verbose else ""
        return f"{PROG}: {record.levelname.lower()}: {message}{where}"


def setup_logging(verbose: bool) -> None:
    """Warnings of voice-guide (and Python warnings, such as NumPy's) reach standard error as
    one plain line each; other libraries only report errors; ``--verbose`` shows everything.
    Calling it again replaces the handler it added (and touches no other handler)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h.formatter, _PlainLineFormatter)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PlainLineFormatter(verbose))
    if not verbose:
        handler.addFilter(lambda record: record.levelno >= (logging.WARNING if record.name.startswith("voice_guide") else logging.ERROR))
    root.addHandler(handler)
    if verbose:
        root.setLevel(logging.DEBUG)
    elif root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)

    def show_warning(message: Warning | str, category: type[Warning], *_: object, **__: object) -> None:
        print(f"{PROG}: warning: {' '.join(str(message).split())}", file=sys.stderr)

    warnings.showwarning = show_warning


def build_parser() -> argparse.ArgumentParser:
    """The whole parser: the shared options, the live-session options and every command."""
    parents = make_parents()
    parser = OneLineParser(prog=PROG, description="An offline voice guide to a content pack's article and routines.",
                                     parents=[parents.common, parents.speech, parents.asr])
    from voice_guide.frontends.cli.live import add_live_arguments

    add_live_arguments(parser)
    parser.set_defaults(func=chat.run_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub, parents)
    return parser
