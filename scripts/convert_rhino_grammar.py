#!/usr/bin/env python3
"""Convert a Picovoice Rhino context grammar (YAML) to a voice-guide grammar pack (``grammar.yaml``).

Rhino syntax -> hassil syntax, expression by expression:

- ``[a, b, c]`` (choose one) -> ``(a|b|c)``;
- ``(a)`` (optional)         -> ``[a]``;
- ``$list:slot``             -> ``{list:slot}`` (``{list}`` when both names are the same);
- slot values                -> hassil lists (``lists: {name: {values: [...]}}``), value = spoken text.

Usage: ``python3 scripts/convert_rhino_grammar.py RHINO.yaml OUT_DIR [--title T] [--reply INTENT=TEMPLATE]``.
It writes ``OUT_DIR/grammar.yaml``; replies not given get a generic one naming every slot.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

_GROUP = re.compile(r"\[([^\[\]()]*)\]|\(([^\[\]()]*)\)")
"""A Rhino choice ``[a, b]`` (group 1) or optional part ``(a, b)`` (group 2)."""
_SLOT = re.compile(r"\$(\w+):(\w+)")


def convert_expression(expression: str) -> str:
    """One Rhino expression as a hassil sentence template."""

    def group(m: re.Match[str]) -> str:
        choice, optional = m.group(1), m.group(2)
        options = "|".join(o.strip() for o in (choice if choice is not None else optional).split(","))
        return f"({options})" if choice is not None else f"[{options}]"

    def slot(m: re.Match[str]) -> str:
        list_name, slot_name = m.group(1), m.group(2)
        return "{" + (list_name if list_name == slot_name else f"{list_name}:{slot_name}") + "}"

    return " ".join(_SLOT.sub(slot, _GROUP.sub(group, expression)).split())


def convert(rhino: dict[str, Any], title: str, replies: dict[str, str]) -> dict[str, Any]:
    """A Rhino grammar document as the ``grammar.yaml`` mapping."""
    context = rhino.get("context") or {}
    expressions = context.get("expressions") or {}
    slots = context.get("slots") or {}
    intents: dict[str, Any] = {}
    for name, exprs in expressions.items():
        used = sorted({m.group(2) for e in exprs for m in _SLOT.finditer(e)})
        default = "Heard " + name + ": " + ", ".join(f"[{{{s}}}]" for s in used) + "."
        intents[name] = {"reply": replies.get(name, default), "sentences": [convert_expression(e) for e in exprs]}
    lists = {name: {"values": [str(v) for v in values]} for name, values in slots.items()}
    return {"title": title, "language": "en", "intents": intents, "lists": lists}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rhino_yaml", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--title", default="Grammar")
    ap.add_argument("--fallback", default="", help="what to say when nothing in the grammar was heard")
    ap.add_argument("--reply", action="append", default=[], metavar="INTENT=TEMPLATE")
    ap.add_argument("--decoder-bias", action="append", default=[], metavar="LIST:VALUE=WEIGHT",
                    help="a value's weight for the recognizer (decoder_bias: in the decoder grammar and on the n-best list)")
    args = ap.parse_args(argv)
    replies = dict(r.split("=", 1) for r in args.reply)
    doc = convert(yaml.safe_load(args.rhino_yaml.read_text(encoding="utf-8")), args.title, replies)
    if args.fallback:
        doc["fallback"] = args.fallback
    for item in args.decoder_bias:
        key, weight = item.rsplit("=", 1)
        list_name, value = key.split(":", 1)
        doc.setdefault("decoder_bias", {}).setdefault(list_name, {})[value] = float(weight)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    header = f"# Converted from {args.rhino_yaml.name} by scripts/convert_rhino_grammar.py (see README.md).\n"
    (args.out_dir / "grammar.yaml").write_text(header + yaml.safe_dump(doc, sort_keys=False, width=200), encoding="utf-8")
    print(f"wrote {args.out_dir / 'grammar.yaml'}: {sum(len(i['sentences']) for i in doc['intents'].values())} templates, "
          f"{len(doc['lists'])} lists", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
