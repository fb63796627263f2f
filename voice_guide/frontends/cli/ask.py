"""``ask``: answer questions given as words, a text file or audio files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import TEXT_FILE_LIMIT_BYTES, read_text_bounded
from voice_guide.frontends.cli.common import Parents, make_output, make_pipeline, print_with_section


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("ask", parents=[parents.common, parents.speech, parents.asr], help="answer questions given as text or audio files")
    p.add_argument("question", nargs="*", help="the question, as words")
    p.add_argument("--audio", nargs="+", type=Path, metavar="FILE", help="audio files with spoken questions (WAV, FLAC, OGG)")
    p.add_argument("--text-file", type=Path, metavar="FILE", help="a file of questions, one a line")
    p.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    p.set_defaults(func=_cmd_ask)


def _cmd_ask(args: argparse.Namespace) -> int:
    inputs: list[tuple[str, str]] = []
    if args.question:
        inputs.append(("text", " ".join(args.question)))
    if args.text_file:
        lines = read_text_bounded(args.text_file, TEXT_FILE_LIMIT_BYTES, "file of questions").splitlines()
        inputs += [("text", line.strip()) for line in lines if line.strip()]
    for path in args.audio or []:
        inputs.append(("audio", str(path)))
    if not inputs:
        raise VoiceGuideError("nothing to answer: give a question, --text-file FILE or --audio FILE…")
    pipeline = make_pipeline(args)
    pipeline.guide.interactive = False  # one-shot answers: no "say more" a listener cannot act on
    output = None if args.json and args.no_speak and not args.save_audio else make_output(args)
    status = 0
    try:
        for kind, value in inputs:
            pipeline.reset()  # each input on its own: no routine or pending safety question carried over
            result = pipeline.ask_audio(value) if kind == "audio" else pipeline.ask_text(value)
            if result.error:
                status = 1
            if args.json:
                print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
            else:
                if kind == "text":
                    print(f"Question: {value}")
                print_with_section(pipeline, result)
            if output is not None:
                output.say(result.answer)
    finally:
        if output is not None:
            output.close()
    return status
