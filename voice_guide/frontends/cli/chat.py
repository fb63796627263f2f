"""``chat`` and the default command: a typed conversation (or a live session when there is a microphone).

The typed conversation is the same :class:`~voice_guide.dialogue.conversation.Conversation`
as the spoken one: routines start and run (ticked by the clock while waiting for a line),
settings said here ("slower", "brief answers", "sounds off") are kept for next time.
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time
from typing import Any

from voice_guide.core.types import Action, Response
from voice_guide.frontends.cli.common import Parents, make_output, make_pipeline, notice

TICK_S = 0.2
"""How often a routine in progress is moved on while no line is typed."""


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("chat", parents=[parents.common, parents.speech, parents.asr], help="a typed conversation with spoken answers (the default)")
    p.set_defaults(func=run_chat)


def run_default(args: argparse.Namespace) -> int:
    """``run.py`` with no command: a live voice session when a microphone (or ``--input-wav``)
    is there, else a typed conversation with spoken answers."""
    from voice_guide.frontends.cli.live import run_live
    from voice_guide.frontends.live.session import NoMicrophoneError

    try:
        return run_live(args)
    except NoMicrophoneError as err:
        notice(str(err))
        return run_chat(args)


def run_chat(args: argparse.Namespace) -> int:
    """The typed conversation; returns the exit code."""
    from voice_guide.config import ConfigStore

    pipeline = make_pipeline(args)
    store = ConfigStore(warn=notice)
    speech = store.config.speech
    overrides = {k: v for k, v in (("rate_wpm", args.rate), ("volume", args.volume), ("voice", args.voice)) if v is not None}
    if overrides:
        speech = speech.replace(**overrides)
    conversation = pipeline.engine.new_conversation(speech=speech, listening_mode=store.config.listening_mode, store=store)
    output = make_output(args)
    output.settings = conversation.speech
    lines: queue.Queue[str | None] = queue.Queue()
    interactive = sys.stdin.isatty()

    def read() -> None:
        for line in sys.stdin:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    spoken = "" if args.no_speak and not args.save_audio else " Answers are also spoken."
    print(f"{pipeline.pack.title}. Type a question and press Enter.{spoken} Type help for what you can say, or quit to leave.")
    print(conversation.greeting(), flush=True)
    try:
        while True:
            if interactive and conversation.routine is None:
                print("> ", end="", flush=True)
            try:
                line = lines.get(timeout=TICK_S if conversation.routine is not None else None)
            except queue.Empty:
                _show(conversation.tick(time.monotonic()), output, conversation)
                continue
            if line is None:
                break
            if not line.strip():
                continue
            response = conversation.handle_text(line, time.monotonic())
            _show(response, output, conversation)
            if response.action == Action.EXIT:
                break
    finally:
        output.close()
    return 0


def _show(response: Response | None, output: Any, conversation: Any) -> None:
    """Print a reply with its section, and speak it with the conversation's settings."""
    if response is None or not response.text:
        return
    if response.section_title:
        print(f"Answer (from the section {response.section_title}): {response.text}", flush=True)
    else:
        print(f"Answer: {response.text}", flush=True)
    output.settings = conversation.speech
    output.say(response.text)
