#!/usr/bin/env python3
"""Which decline pattern of ``intents.yaml`` takes which question: knowledge questions it wrongly
declines and out-of-domain questions it rightly declines (the first pattern to match, after the
safety rules and the exact commands, as in the understanding).

Tuning parts only print lines (``--lines``); held-out parts give counts per pattern, and the number of
out-of-domain questions no other decline pattern would take (what dropping a pattern could cost).
``python3 scripts/decline_rules.py --sets tune,tune2,tune3,tune4:odd,tune5:odd,tune6:odd,tune7:odd,tune8:odd,tune10:odd,tune12:odd,tune13:odd,tune14:odd,tune15:odd,tune16:odd,tune17:odd,tune18:odd,tune19:odd,tune20:odd,tune21:odd,tune22:odd``
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import PARAPHRASE_TUNING  # noqa: E402
from eval_paraphrase import HELD_OUT, records_of  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.nlu.safety_types import FindingKind  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402
from voice_guide.nlu.understanding import Understander  # noqa: E402

TUNING = ",".join(PARAPHRASE_TUNING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=TUNING)
    parser.add_argument("--lines", action="store_true", help="print the knowledge questions each pattern takes (tuning parts)")
    args = parser.parse_args(argv)
    u = Understander(load_pack(), embeddings=False)
    patterns = u.declines._patterns
    knowledge: dict[int, list[str]] = defaultdict(list)
    ood: dict[int, int] = defaultdict(int)
    only: dict[int, int] = defaultdict(int)
    totals = {"knowledge": 0, "ood": 0}
    for name in args.sets.split(","):
        held = name in HELD_OUT
        for r in records_of(name):
            if r["kind"] not in totals:
                continue
            totals[r["kind"]] += 1
            cleaned = u._clean(r["text"])
            if u.safety.assess(r["text"]).kind is not FindingKind.NONE or u.controls.exact(cleaned, DialogueState.IDLE):
                continue
            hits = [i for i, (_, p) in enumerate(patterns) if p.search(cleaned)]
            if not hits:
                continue
            if r["kind"] == "knowledge":
                knowledge[hits[0]].append("(held out)" if held else f"{r['id']} {r['text']!r}")
            else:
                ood[hits[0]] += 1
                if len(hits) == 1:
                    only[hits[0]] += 1
    print(f"questions: {totals}; declined: knowledge {sum(map(len, knowledge.values()))}, ood {sum(ood.values())}")
    for i, (intent, pattern) in enumerate(patterns):
        if i in knowledge or i in ood:
            print(f"[{i}] {intent}: knowledge {len(knowledge[i])}, ood {ood[i]} (only this one {only[i]}) "
                  f"{pattern.pattern[:90]!r}")
            if args.lines:
                for line in knowledge[i]:
                    print(f"      {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
