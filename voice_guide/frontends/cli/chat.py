"""``chat`` and the default command: a typed conversation (or a live session when there is a microphone)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from voice_guide.frontends.cli.common import Parents, input_lines, make_output, make_pipeline, notice, print_with_section


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("chat", parents=[parents.common, parents.speech, parents.asr], help="a typed conversation with spoken answers (the default)")
    p.set_defaults(func=_cmd_chat)


def run_default(args: argparse.Namespace) -> int:
    """``run.py`` with no command: a live voice session when a microphone (or ``--input-wav``)
    is there, else a typed conversation with spoken answers."""
    from voice_guide.frontends.live.session import NoMicrophoneError, run_live

    try:
        return run_live(args)
    except NoMicrophoneError as err:
        notice(str(err))
        return _cmd_chat(args)


def _cmd_chat(args: argparse.Namespace) -> int:
    pipeline = make_pipeline(args)
    output = make_output(args)
    interactive = sys.stdin.isatty()
    print(f"voice-guide: {pipeline.pack.title}. Type a question and press Enter. Type help for what you can say, or quit to leave.")
    try:
        for line in input_lines(sys.stdin, interactive):
            if not line.strip():
                continue
            result = pipeline.ask_text(line)
            print_with_section(pipeline, result)
            output.apply(result.intent)
            output.say(result.answer)
            if result.intent == "exit":
                break
    finally:
        output.close()
    return 0
