"""``pack new`` and ``pack check``: make or check a content pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli.common import Parents


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("pack", help="make or check a content pack")
    pack_sub = p.add_subparsers(title="pack commands", metavar="PACK_COMMAND")
    q = pack_sub.add_parser("new", parents=[parents.common], help="turn an article (text, Markdown or saved HTML) into a content pack")
    q.add_argument("article", type=Path)
    q.add_argument("--out", type=Path, help="folder for the new pack (default: next to the article, named after it)")
    q.add_argument("--title", help="the article's title, if the file does not say")
    q.add_argument("--force", action="store_true", help="rebuild a pack that exists (keeps hand-checked synonyms and pronunciations)")
    q.set_defaults(func=_cmd_pack_new)
    q = pack_sub.add_parser("check", parents=[parents.common], help="list a pack's problems in plain words")
    q.add_argument("folder", type=Path)
    q.set_defaults(func=_cmd_pack_check)
    p.set_defaults(func=_cmd_pack_help)


def _cmd_pack_help(args: argparse.Namespace) -> int:
    raise VoiceGuideError("say which: pack new ARTICLE (make a pack from an article) or pack check DIR (list a pack's problems)")


def _cmd_pack_new(args: argparse.Namespace) -> int:
    from voice_guide.content.builder import build_pack

    out = args.out or args.article.with_suffix("")
    report = build_pack(args.article, out, title=args.title, overwrite=args.force)
    for line in report.summary_lines():
        print(line)
    print(f"Use it with: python3 run.py --pack {out}")
    return 0


def _cmd_pack_check(args: argparse.Namespace) -> int:
    from voice_guide.content.builder import check_pack

    problems = check_pack(args.folder)
    if not problems:
        print(f"{args.folder}: no problems found.")
        return 0
    print(f"{args.folder}: {len(problems)} problem(s):")
    for problem in problems:
        print(f"- {problem}")
    return 1
