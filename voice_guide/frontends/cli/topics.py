"""``topics``: what the guide can answer."""

from __future__ import annotations

import argparse
from typing import Any

from voice_guide.frontends.cli.common import Parents, load_pack_arg


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("topics", parents=[parents.common], help="list what the guide can answer")
    p.set_defaults(func=_cmd_topics)


def _cmd_topics(args: argparse.Namespace) -> int:
    pack = load_pack_arg(args)
    print(f"{pack.title}. {pack.byline}.")
    print("You can ask about these parts of the article:")
    for s in pack.sections:
        if s.kind in ("section", "faq"):
            print(f"- {s.title}")
    print("Example questions:")
    for topic in pack.topics:
        if topic.samples:
            print(f"- {topic.samples[0]}")
    print("Exercises: say start arm exercises, start leg exercises, start hand exercises or start the full body routine.")
    return 0
