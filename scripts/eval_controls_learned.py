#!/usr/bin/env python3
"""Score the learned control model in the pipeline: off, at its bar, at other bars, before ``fuzzy``.

Aggregates only (controls right, knowledge answered, out-of-domain wrongly answered per set, and
how many answers the model gave), so held-out halves may be scored; never the test part unless
asked for by name.

    python3 scripts/eval_controls_learned.py [--sets tune4:even,tune5:even] [--variants off,file,0.4,before]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_paraphrase import Scorer, records_of  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tune4:even,tune5:even")
    parser.add_argument("--variants", default="off,file,before",
                        help="off, file (the file's bar), a bar such as 0.4, before (file's bar, before fuzzy)")
    args = parser.parse_args(argv)
    scorer = Scorer()
    u = scorer.understander
    model = u.learned_controls
    if model is None:
        raise SystemExit("the pack has no learned control model")
    bar = model.min_probability
    for variant in args.variants.split(","):
        u.learned_controls = None if variant == "off" else model
        u.learned_before_fuzzy = variant == "before"
        model.min_probability = float(variant) if variant[:1].isdigit() else bar
        scorer.times_ms.clear()
        for name in args.sets.split(","):
            rows = scorer.paraphrase(records_of(name))
            cells = []
            for kind in ("control", "knowledge", "ood"):
                rs = [r for r in rows if r["kind"] == kind]
                ok = sum(r["ok"] for r in rs)
                cells.append(f"{kind} {ok}/{len(rs)}" if kind != "ood" else f"ood wrongly answered {len(rs) - ok}/{len(rs)}")
            print(f"{variant:7s} {name:11s} " + ", ".join(cells))
        print(f"{variant:7s} understanding median {statistics.median(scorer.times_ms):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
