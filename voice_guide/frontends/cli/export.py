"""``export``: render the whole guide to audio files with a playlist."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from voice_guide.frontends.cli.common import Parents


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("export", parents=[parents.common], help="render the whole guide to audio files with a playlist")
    p.add_argument("outdir", type=Path, help="folder for the tracks, playlist and transcripts")
    p.add_argument("--format", action="append", metavar="FMT", help="wav, flac, ogg or mp3 (repeat or comma-separate; default wav)")
    p.add_argument("--voice", help="text-to-speech voice")
    p.add_argument("--rate", type=int, metavar="WPM", help="speech rate in words per minute")
    p.add_argument("--only", choices=("sections", "routines", "faq"), help="export only these tracks")
    p.add_argument("--force", action="store_true", help="with --only: replace a folder that holds other tracks (they are deleted)")
    p.set_defaults(func=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    from voice_guide.export.guide import export_guide

    formats = ",".join(args.format) if args.format else "wav"
    report = export_guide(args.pack, args.outdir, formats=formats, voice=args.voice, rate_wpm=args.rate,
                          only=args.only, force=args.force, progress=True)
    for line in report.summary_lines():
        print(line)
    return 0
