#!/usr/bin/env python3
"""Classify every knowledge miss of the tuning parts by cause, each part scored cross-fitted.

Causes: taken by safety or a command; declined by a decline rule (which intent), by the joint
decision (the word match's section right or wrong), by a low confidence (no meaning answer
either), no topic at all; answered from a wrong section (expected -> got pairs, and whether
the classifier's best section was right); answered from the right section with a passage that
lacks the expected phrase (is the phrase in a list item, in the section at all).

Tuning parts only (their misses are printed with ``--lines``); held-out halves give counts only.
``python3 scripts/analyse_misses.py --sets tune,tune2,tune3,tune4:odd,tune5:odd,tune6:odd,tune7:odd,tune8:odd,tune10:odd,tune12:odd,tune13:odd,tune14:odd,tune15:odd,tune16:odd,tune17:odd,tune18:odd,tune19:odd,tune20:odd,tune21:odd,tune22:odd``
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import PARAPHRASE_TUNING  # noqa: E402
from eval_paraphrase import HELD_OUT, SECTION_ALIASES, Scorer, records_of  # noqa: E402

from voice_guide.nlu.controls import CONTROL_INTENTS  # noqa: E402
from voice_guide.nlu.declines import DECLINE_INTENTS, UNRELATED  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402

TUNING = ",".join(PARAPHRASE_TUNING)


def classifier_section(u: Any, cleaned: str) -> str:
    """The classifier's best section for ``cleaned`` (its topics' probabilities summed), or 'ood'."""
    k = u.knowledge
    corrected = k.correct_spelling(cleaned)
    probs = k._classes(corrected)
    if probs is None:
        return "?"
    totals: dict[str, float] = {}
    for i, t in enumerate(u.pack.topics):
        totals[t.section_id] = totals.get(t.section_id, 0.0) + float(probs[i])
    best = max(totals, key=lambda s: totals[s])
    return "ood" if float(probs[-1]) > totals[best] else best


def cause(scorer: Scorer, r: dict[str, Any]) -> tuple[str, str, bool]:
    """``(cause, detail, ok)`` of one knowledge record."""
    u = scorer.understander
    state = DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE
    match, answer = scorer.run(r["text"], state)
    want = SECTION_ALIASES.get(r["section"], r["section"])
    ok = bool(answer.section_id) and any(p.lower() in answer.text.lower() for p in r["answer_any"])
    if ok:
        return "ok", "", True
    cleaned = u._clean(r["text"])
    if match.is_knowledge:
        if match.section_id != want:
            clf = classifier_section(u, cleaned)
            return "wrong section", f"{want} -> {match.section_id} (clf {'right' if clf == want else clf})", False
        section = u.pack.section(want)
        holders = [x for x in section.units if any(p.lower() in x.text.lower() for p in r["answer_any"])]
        where = "list item" if any(x.item >= 0 or x.list_intro for x in holders) else "sentence"
        return "right section, passage lacks answer", f"{want}: answer in a {where}" if holders else f"{want}: not in section", False
    if match.intent in CONTROL_INTENTS:
        return "taken by a command", match.intent, False
    if match.intent in DECLINE_INTENTS[:3]:
        return "declined by a rule", match.intent, False
    if match.intent != "fallback":
        return "taken by safety", match.intent, False
    if u.declines.match(cleaned) == UNRELATED:
        return "declined by a rule", "unrelated", False
    found, signals = u.knowledge.match_signals(cleaned)
    if found is None:
        return "declined: no topic", "", False
    right = "right" if found.section_id == want else "wrong"
    if u.decision is not None and signals is not None and not u.decision.answers(signals):
        p = u.decision.probability(signals)
        band = "p>=0.5" if p >= 0.5 else "p<0.5"
        return "declined: decision", f"match section {right}, {band}", False
    return "declined: low confidence", f"match section {right}, conf {found.confidence:.2f}", False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=TUNING)
    parser.add_argument("--lines", action="store_true", help="print each miss of a tuning part")
    parser.add_argument("--no-cross-fit", action="store_true")
    parser.add_argument("--also", type=float, metavar="SHARE", help="passage.ALSO_SHARE for this run")
    args = parser.parse_args(argv)
    scorer = Scorer(cross_fit=not args.no_cross_fit)
    if args.also is not None:
        scorer.understander.knowledge.also_share = args.also
    causes: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    n = 0
    for name in args.sets.split(","):
        records = [r for r in records_of(name) if r["kind"] == "knowledge"]
        part: Counter[str] = Counter()
        with scorer.fold(name):
            for r in records:
                c, d, _ = cause(scorer, r)
                part[c] += 1
                if c != "ok":
                    causes[c] += 1
                    details[(c, d)] += 1
                    if args.lines and name not in HELD_OUT:
                        print(f"  {r['id']} [{c}: {d}] {r['text']!r}")
        n += len(records)
        print(f"== {name}: {dict(part)}")
    print(f"knowledge questions: {n}; misses by cause:")
    for c, k in causes.most_common():
        print(f"  {k:4d}  {c}")
        for (c2, d), m in details.most_common():
            if c2 == c:
                print(f"          {m:4d}  {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
