#!/usr/bin/env python3
"""Score the guide on a typed question set (default: ../shared/eval/dev_set.jsonl).

Per case: knowledge - the spoken answer contains one of the listed phrases
(case-insensitive); control - the intent (and slot value, if listed) match;
out-of-domain - ``fallback``; emergency - ``emergency`` with the listed words in
the answer. Prints one line per failure and the figures per kind; ``--json``
writes them to a file. Exit code 0 always (it measures; it does not judge).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice_guide.engine import Engine  # noqa: E402
from voice_guide.testing.evaluation import load_cases, score_case, summarize  # noqa: E402

DEFAULT_SET = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev_set.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="question set (JSON Lines)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--verbose", action="store_true", help="print every case, not only failures")
    args = parser.parse_args(argv)
    cases = load_cases(args.set)
    guide = Engine().new_conversation()
    results = []
    for case in cases:
        guide.reset()
        answer = guide.handle_text(case["text"])
        ok = score_case(case, answer)
        results.append({"id": case["id"], "kind": case["kind"], "ok": ok, "intent": answer.intent,
                        "confidence": answer.confidence, "section": answer.section_id, "text": case["text"], "answer": answer.text})
        if args.verbose or not ok:
            mark = "ok  " if ok else "FAIL"
            print(f"{mark} {case['id']} [{case['kind']}] {case['text']!r} -> {answer.intent} "
                  f"({answer.confidence:.2f}) {answer.section_id or ''}: {answer.text[:100]}")
    summary = summarize(results)
    for kind, (ok, n) in summary["by_kind"].items():
        print(f"{kind}: {ok}/{n}")
    print(f"text-mode dev set: {summary['passed']}/{summary['total']} passed ({100 * summary['accuracy']:.1f}%)")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
