#!/usr/bin/env python3
"""Replay the joint knowledge decision offline: dump the decision's signals once, then fit variants.

``dump``: for every knowledge and out-of-domain question of the given parts that reaches the decision
(tuning parts cross-fitted; with ``declined`` rows too for fitting, as ``eval_paraphrase.py
--fit-decision`` does), the signals of :class:`~voice_guide.nlu.decision.KnowledgeSignals` and a few
candidate features, written to an ``.npz`` (numbers only: no question text is stored).

``fit``: fits the decision on the tuning rows with a chosen feature list and prints, per threshold, the
knowledge questions answered from the right section and the out-of-domain questions answered, on the
tuning parts and on the held-out parts (among the questions that reach the decision).

``python3 scripts/decision_replay.py dump --out /tmp/rows.npz``
``python3 scripts/decision_replay.py fit --rows /tmp/rows.npz --features base,lo_ood``
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import HELD_OUT_HALVES  # noqa: E402
from eval_paraphrase import DECLINES, HELD_OUT, SECTION_ALIASES, TRAINED_PARTS, Scorer, records_of  # noqa: E402

from voice_guide.core.files import write_atomic_text  # noqa: E402
from voice_guide.nlu.decision import FEATURES, Decision, decision_yaml, fit_decision, load_decision  # noqa: E402
from voice_guide.nlu.normalize import FRAME  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402

PARTS = ",".join([*TRAINED_PARTS, *HELD_OUT_HALVES])
EXTRA = ("lo_ood", "lo_section", "lo_best", "subject", "pronoun", "sim_ood_other", "margin_other",
         "unexplained", "rarest_unknown", "unknown_count", "beyond_topic")
"""Candidate features: the log-odds of p_ood, p_section and p_best (clipped at +-6), whether the question
names the article's subject (atrophy, wasting, muscle, weak, thin, shrink), whether it says "it"; the
cosine to the nearest of the pack's out-of-domain samples that do not name the subject (and the margin);
(fourteenth round) what the question asks beyond the pack's words: the rarity-weighted share of its
content words the pack does not know, the weight of its rarest such word, how many there are, and the
weighted share of its content words the matched section's words do not hold (:func:`beyond`)."""

_SUBJECT = re.compile(r"\b(atroph\w*|wast\w*|muscles?|weak\w*|thin\w*|skinn\w*|shrink\w*|shrank|shrunk)\b")
_PRONOUN = re.compile(r"\b(it|that|this one|that one|the one)\b")


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return max(-6.0, min(6.0, math.log(p / (1 - p))))


def beyond(u: Any, cleaned: str, section_id: str) -> list[float]:
    """What ``cleaned`` asks beyond the pack's words: ``[unexplained, rarest_unknown, unknown_count,
    beyond_topic]`` (see :data:`EXTRA`), by the word matcher's own weights (rarity across topics, or
    in English for a word the pack does not know)."""
    k = u.knowledge
    pairs = k._norm.word_pairs(k.correct_spelling(cleaned))
    tokens = [t for t in dict.fromkeys(t for t, _ in pairs) if not t.startswith(FRAME)]
    weights = {t: k.weight(t) for t in tokens}
    total = sum(weights.values()) or 1.0
    unknown = [weights[t] for t in tokens if t not in k.vocabulary]
    section = frozenset().union(*(ti.vocabulary for ti in k._topics if ti.topic.section_id == section_id))
    outside = sum(weights[t] for t in tokens if t not in section and t not in k._common)
    return [sum(unknown) / total, max(unknown, default=0.0), float(len(unknown)), outside / total]


def dump(out: Path, parts: list[str]) -> None:
    scorer = Scorer(cross_fit=True)
    u = scorer.understander
    x, kind, right, part, fit_only = [], [], [], [], []
    saved, u.decision = u.decision, None
    embedder = u.knowledge.semantic.embedder  # type: ignore[union-attr]
    other = [str(s) for s in u.pack.intents.get("out_of_domain_samples") or [] if not _SUBJECT.search(u._clean(s))]
    other_vectors = embedder.embed([u._clean(s) for s in other])
    print(f"{len(other)} out-of-domain samples do not name the subject", flush=True)
    for index, name in enumerate(parts):
        with scorer.fold(name):
            for r in records_of(name):
                if r["kind"] not in ("knowledge", "ood"):
                    continue
                state = DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE
                match = u.understand(r["text"], state)
                declined = match.intent in DECLINES
                if not match.is_knowledge and match.intent != "fallback" and not (declined and name not in HELD_OUT):
                    continue
                cleaned = u._clean(r["text"])
                found, s = u.knowledge.match_signals(cleaned)
                if found is None or s is None:
                    continue
                extra = [_logit(s.p_ood), _logit(s.p_section), _logit(s.p_best),
                         float(bool(_SUBJECT.search(cleaned))), float(bool(_PRONOUN.search(cleaned)))]
                sim_other = float((other_vectors @ embedder.embed_one(cleaned)).max())
                extra += [sim_other, s.sim_topic - sim_other, *beyond(u, cleaned, found.section_id or "")]
                x.append(s.row() + extra)
                kind.append(r["kind"] == "knowledge")
                right.append(r["kind"] == "knowledge" and found.section_id == SECTION_ALIASES.get(r["section"], r["section"]))
                part.append(index)
                fit_only.append(declined)
        print(f"{name}: {sum(p == index for p in part)} rows", flush=True)
    u.decision = saved
    np.savez(out, x=np.asarray(x), knowledge=np.asarray(kind), right=np.asarray(right), part=np.asarray(part),
             fit_only=np.asarray(fit_only), parts=np.asarray(parts), names=np.asarray([*FEATURES, *EXTRA]))


def fit(rows: Path, features: list[str], thresholds: list[float], write: Path | None = None, threshold: float = 0.5) -> None:
    data = np.load(rows)
    names = [str(n) for n in data["names"]]
    wanted = [n for f in features for n in (FEATURES if f == "base" else (f,))]
    columns = [names.index(n) for n in wanted]
    parts = [str(p) for p in data["parts"]]
    held = np.asarray([parts[i] in HELD_OUT for i in data["part"]])
    x = data["x"][:, columns]
    train = ~held
    decision = fit_decision_rows(x[train], data["knowledge"][train])
    model = probability_of(decision)
    reach = ~data["fit_only"]
    shipped = load_decision(ROOT / "voice_guide" / "packs" / "muscle_atrophy")
    if shipped is not None:  # the pack's own decision on the same rows, at its threshold
        p_shipped = probability_of(shipped)(data["x"][:, [names.index(n) for n in FEATURES]]) >= shipped.threshold
        for label, mask in (("tuning", train & reach), ("held out", held & reach)):
            print(f"shipped decision at {shipped.threshold}, {label}: "
                  f"{int((p_shipped & mask & data['right']).sum())}/{int((p_shipped & mask & ~data['knowledge']).sum())}")
    print("features:", ", ".join(wanted))
    print("weights:", ", ".join(f"{n} {w:+.3f}" for n, w in zip([*wanted, "bias"], decision.weights, strict=True)))
    for label, mask in (("tuning", train & reach), ("held out", held & reach)):
        cells = []
        for th in thresholds:
            p = model(x[mask])
            answered = p >= th
            cells.append(f"{th}: {int((answered & data['right'][mask]).sum())}/{int((answered & ~data['knowledge'][mask]).sum())}")
        print(f"  {label} ({int(data['knowledge'][mask].sum())} K, {int((~data['knowledge'][mask]).sum())} OOD reach):",
              "  ".join(cells))
    if write is not None:
        if tuple(wanted) != FEATURES:
            raise SystemExit(f"a decision.yaml reads the signals {FEATURES}, not {wanted}")
        note = (f"Joint answer-or-not decision of knowledge questions (voice_guide/nlu/decision.py).\n"
                f"Fitted by scripts/decision_replay.py fit --features {','.join(features)} on the tuning rows of {rows.name} "
                f"({int(train.sum())} questions reaching the decision or declined, cross-fitted: "
                f"{', '.join(p for p in parts if p not in HELD_OUT)}). Threshold chosen by hand: see docs/understanding.md.")
        write_atomic_text(write, decision_yaml(replace(decision, threshold=threshold), note))
        print("written", write)


def fit_decision_rows(x: np.ndarray, knowledge: np.ndarray) -> Decision:
    """The decision over the columns of ``x`` fitted by the pack's own routine."""
    class _Row:
        def __init__(self, values: np.ndarray) -> None:
            self.values = values

        def row(self) -> list[float]:
            return [float(v) for v in self.values]

    return fit_decision([_Row(v) for v in x], [bool(k) for k in knowledge])  # type: ignore[misc]


def probability_of(decision: Decision) -> Callable[[np.ndarray], np.ndarray]:
    """The decision's probability function over rows of its features' values."""
    w = np.asarray(decision.weights)
    mean, scale = np.asarray(decision.mean), np.asarray(decision.scale)
    return lambda rows: 1.0 / (1.0 + np.exp(-np.clip(((rows - mean) / scale) @ w[:-1] + w[-1], -50, 50)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--sets", default=PARTS)
    f = sub.add_parser("fit")
    f.add_argument("--rows", type=Path, required=True)
    f.add_argument("--features", default="base")
    f.add_argument("--thresholds", default="0.5,0.6,0.7,0.8")
    f.add_argument("--write", type=Path, help="write the fitted decision to this decision.yaml")
    f.add_argument("--threshold", type=float, default=0.5, help="the written decision's threshold")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.sets.split(","))
    else:
        fit(args.rows, args.features.split(","), [float(t) for t in args.thresholds.split(",")], args.write, args.threshold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
