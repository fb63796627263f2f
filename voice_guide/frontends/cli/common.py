"""What every command of the command line shares: its parent parsers, the engine and the spoken output.

Everything printed is plain text in reading order, one line per item, with no colour,
spinners or box drawing, so screen readers read it well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from voice_guide.content.pack import ContentPack
    from voice_guide.engine import QAPipeline
    from voice_guide.tts.output import VoiceOutput
    from voice_guide.tts.settings import SpeechSettings

PROG = "voice-guide"

OPTION_DEFAULTS: dict[str, Any] = {
    "pack": None, "verbose": False, "no_speak": False, "save_audio": None, "rate": None, "volume": None,
    "voice": None, "backend": "pocketsphinx", "vosk_model": None,
}
"""Defaults of the options every command shares. They are filled in after parsing, so an
option given before the command (``run.py --pack DIR ask …``) is not reset by the command's
own copy of it."""


@dataclass(frozen=True)
class Parents:
    """The parent parsers a command can take its options from."""

    common: argparse.ArgumentParser
    """``--pack``, ``--verbose``."""
    speech: argparse.ArgumentParser
    """``--no-speak``, ``--save-audio``, ``--rate``, ``--volume``, ``--voice``."""
    asr: argparse.ArgumentParser
    """``--backend``, ``--vosk-model``."""


def make_parents() -> Parents:
    """The shared options, as parent parsers."""
    from voice_guide.stt.registry import BACKENDS

    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--pack", type=Path, help="content pack folder (default: the shipped article)")
    common.add_argument("--verbose", action="store_true", help="print diagnostic messages")
    speech = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    speech.add_argument("--no-speak", action="store_true", help="print only; do not speak")
    speech.add_argument("--save-audio", type=Path, metavar="FILE", help="also write everything spoken to this WAV file")
    speech.add_argument("--rate", type=int, metavar="WPM", help="speech rate in words per minute (80-450)")
    speech.add_argument("--volume", type=float, help="speech volume, 0.1-1.0")
    speech.add_argument("--voice", help="text-to-speech voice (see doctor)")
    asr = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    asr.add_argument("--backend", choices=tuple(BACKENDS), help="speech recognizer (default pocketsphinx)")
    asr.add_argument("--vosk-model", type=Path, metavar="DIR", help="Vosk model folder (default: $VOICE_GUIDE_VOSK_MODEL or models/)")
    return Parents(common, speech, asr)


def notice(line: str) -> None:
    """One plain line on standard error."""
    print(line, file=sys.stderr, flush=True)


def load_pack_arg(args: argparse.Namespace) -> "ContentPack":
    """The content pack named by ``--pack`` (or the shipped one)."""
    from voice_guide.content.pack import load_pack

    return load_pack(args.pack)


def speech_settings(args: argparse.Namespace) -> "SpeechSettings":
    """Speech settings from ``--rate``, ``--volume`` and ``--voice``."""
    from voice_guide.tts.settings import SpeechSettings

    fields: dict[str, Any] = {}
    if getattr(args, "rate", None) is not None:
        fields["rate_wpm"] = args.rate
    if getattr(args, "volume", None) is not None:
        fields["volume"] = args.volume
    if getattr(args, "voice", None):
        fields["voice"] = args.voice
    return SpeechSettings(**fields)


def make_output(args: argparse.Namespace) -> "VoiceOutput":
    """The spoken output the options ask for."""
    from voice_guide.tts.output import VoiceOutput

    return VoiceOutput.open(speak=not args.no_speak, save_audio=args.save_audio, settings=speech_settings(args), notice=notice)


def make_pipeline(args: argparse.Namespace) -> "QAPipeline":
    """The engine for the options' pack and recognizer."""
    from voice_guide.engine import QAPipeline

    return QAPipeline(load_pack_arg(args), backend=getattr(args, "backend", "pocketsphinx"), vosk_model=getattr(args, "vosk_model", None))


def print_with_section(pipeline: Any, result: Any) -> None:
    """Print what was heard, any problem, and the answer with the section it comes from."""
    if result.transcript is not None:
        print(f"Heard: {result.transcript or '(nothing)'}")
    if result.error:
        print(f"Problem: {result.error}")
    title = None
    if result.section:
        title = pipeline.pack.section(result.section).title
    print(f"Answer (from the section {title}): {result.answer}" if title else f"Answer: {result.answer}", flush=True)


def input_lines(stream: TextIO, prompt: bool) -> Iterable[str]:
    """Lines typed at ``stream``, with a ``> `` prompt when it is a terminal."""
    while True:
        if prompt:
            print("> ", end="", flush=True)
        line = stream.readline()
        if not line:
            return
        yield line.rstrip("\n")
