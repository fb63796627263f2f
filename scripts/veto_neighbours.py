#!/usr/bin/env python3
"""What pulls the joint decision's vetoed knowledge questions out of domain (tuning parts, cross-fitted).

For every knowledge question of a tuning part that reaches the decision and is vetoed (and, for
comparison, every out-of-domain question the decision lets through), prints the decision's
probability, the classifier's out-of-domain and matched-section probabilities, the word features
that push the classifier most towards its out-of-domain class against the matched topic, and the
nearest out-of-domain training lines of that fold (sentence-embedding cosine). Then, over all of
them, the words and the training lines that pull most often.

``python3 scripts/veto_neighbours.py`` (default: the tuning parts, ``data_parts.PARAPHRASE_TUNING``)
(tuning parts only: held-out parts are refused).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_training_sets import build  # noqa: E402
from eval_paraphrase import HELD_OUT, TRAINED_PARTS, Scorer, decision_rows, records_of  # noqa: E402

from voice_guide.nlu import classifier as clf  # noqa: E402
from voice_guide.nlu.classifier import word_features  # noqa: E402

TUNING = ",".join(TRAINED_PARTS)


def ood_lines(scorer: Scorer, name: str) -> list[str]:
    """The out-of-domain training lines of the classifier that scores part ``name`` (cross-fitted)."""
    base = clf.training_data(scorer.pack, (clf.TRAINING_FILE,))
    assert base is not None
    own = [t for t, c in zip(base.texts, base.labels, strict=True) if c == base.classes - 1]
    _, ood, _ = build([p for p in TRAINED_PARTS if p != name])
    return own + list(ood)


def pulling_words(scorer: Scorer, cleaned: str, topic: int) -> list[tuple[str, float]]:
    """Word features of ``cleaned`` ordered by how much they favour out-of-domain over ``topic``."""
    u = scorer.understander
    model = getattr(u.knowledge.semantic, "_classifier", None) or getattr(u.knowledge.semantic, "classifier", None)
    if model is None:
        return []
    corrected = u.knowledge.correct_spelling(cleaned)
    feats = [f for f in word_features(u.normalizer.tokens(corrected)) if f in model._index]
    if not feats:
        return []
    value = 1.0 / np.sqrt(len(feats))
    rows = model._weights[model._dim + np.asarray([model._index[f] for f in feats])]
    pull = value * (rows[:, -1] - rows[:, topic])
    return sorted(zip(feats, (float(p) for p in pull), strict=True), key=lambda x: -x[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=TUNING)
    parser.add_argument("--near", type=int, default=2, help="nearest out-of-domain training lines to print")
    args = parser.parse_args(argv)
    scorer = Scorer(cross_fit=True)
    u = scorer.understander
    embedder = u.knowledge.semantic.embedder  # type: ignore[union-attr]
    words: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    ood_words: Counter[str] = Counter()
    for name in args.sets.split(","):
        if name in HELD_OUT:
            raise SystemExit(f"{name} is held out")
        with scorer.fold(name):
            negatives = ood_lines(scorer, name)
            vectors = embedder.embed([u.language.normalize(t) for t in negatives])
            rows: list[tuple[Any, dict[str, Any], bool]] = decision_rows(scorer, records_of(name))
            for signals, r, right in rows:
                p = u.decision.probability(signals) if u.decision else 1.0
                answered = u.decision is None or u.decision.answers(signals)
                if not ((r["kind"] == "knowledge" and right and not answered) or (r["kind"] == "ood" and answered)):
                    continue
                cleaned = u._clean(r["text"])
                found, _ = u.knowledge.match_signals(cleaned)
                topic = next(i for i, t in enumerate(u.pack.topics) if t.name == found.intent)  # type: ignore[union-attr]
                pull = [(f, w) for f, w in pulling_words(scorer, cleaned, topic) if w > 0][:3]
                cos = vectors @ embedder.embed_one(cleaned)
                near = [int(i) for i in np.argsort(-cos)[: args.near]]
                tag = "VETO" if r["kind"] == "knowledge" else "OOD-ANSWERED"
                print(f"{tag} {r['id']} p={p:.2f} p_ood={signals.p_ood:.2f} p_sec={signals.p_section:.2f} "
                      f"margin={signals.sim_margin:.2f} {r['text']!r}")
                print(f"    pull: {', '.join(f'{f} {w:.2f}' for f, w in pull)}")
                for i in near:
                    print(f"    near {cos[i]:.2f}: {negatives[i]!r}")
                if r["kind"] == "knowledge":
                    words.update(f for f, _ in pull)
                    lines.update(negatives[i] for i in near)
                else:
                    ood_words.update(f for f, _ in pull)
    print("\nwords pulling vetoed knowledge questions out of domain:", words.most_common(30))
    print("\nwords of out-of-domain questions answered:", ood_words.most_common(15))
    print("\nnearest out-of-domain training lines of vetoed questions:")
    for line, n in lines.most_common(20):
        print(f"  {n:3d}  {line!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
