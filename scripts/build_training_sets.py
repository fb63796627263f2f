#!/usr/bin/env python3
"""Write the pack's ``training_sets.yaml``: the topic classifier's training questions taken from
the tuning parts of the paraphrase sets (many independent authors, not only our own lines).

Only tuning parts are read for lines (``data_parts.PARAPHRASE_TUNING``: ``tune``, ``tune2``, ``tune3`` and the odd
ids of the split sets; never ``test``, never the held-out halves ``data_parts.HELD_OUT_HALVES``, never the shared dev
set). Out-of-domain questions of the ``not_covered`` subtype are left out (:data:`SKIP_OOD_SUBTYPES`).
Knowledge questions become training questions of a topic of their labelled section: among
that section's topics whose passage for the question holds one of the author's ``answer_any``
phrases (the topics that would answer it right; all of the section's topics when none does), the
one whose samples are nearest in meaning; out-of-domain questions
become training questions of the out-of-domain class. Controls are not used here. A line within
a fuzzy ratio of 85 of a dev-set line, a held-out half's line or a test-part line is dropped (compared only,
never written or printed), as are lines the pack already holds.

    python3 scripts/build_training_sets.py [--sets tune,tune2,...] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import HELD_OUT_HALVES, PARAPHRASE_TUNING  # noqa: E402
from eval_paraphrase import DEV_SET, SECTION_ALIASES, load, records_of  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.core.files import write_atomic_text  # noqa: E402
from voice_guide.nlu.classifier import TRAINING_FILE, TRAINING_SETS_FILE  # noqa: E402
from voice_guide.nlu.embedding import TopicSimilarity, load_embedder  # noqa: E402
from voice_guide.nlu.understanding import Understander  # noqa: E402

TUNING_PARTS = PARAPHRASE_TUNING
HELD_OUT_PARTS = HELD_OUT_HALVES
CLOSE_RATIO = 85.0
SKIP_OOD_SUBTYPES: frozenset[str] = frozenset({"not_covered"})
"""Out-of-domain subtypes of the authors' sets not trained on (``--skip-ood``): ``not_covered`` questions
are about the article's subject ("is muscle atrophy painful"); as out-of-domain lines they taught the
classifier that questions about atrophy are out of domain. The decline rules and the pack's own
out-of-domain samples still take them (docs/understanding.md, "Tenth round, session 10")."""


def _key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() or ch == "'" else " " for ch in text.lower()).split())


def guarded_keys() -> list[str]:
    """The lines no training or recognizer file may hold anything near: the shared dev set, the
    held-out halves and the paraphrase test part (compared only, never written or printed)."""
    return [_key(c["text"]) for c in load(DEV_SET)] + [
        _key(r["text"]) for h in (*HELD_OUT_PARTS, "test") for r in records_of(h)]


def _too_close(text: str, guarded: list[str]) -> bool:
    from rapidfuzz import fuzz, process

    return process.extractOne(_key(text), guarded, scorer=fuzz.ratio, score_cutoff=CLOSE_RATIO) is not None


def _answering_topics(rules: Understander, text: str, candidates: list[int], answer_any: list[str]) -> list[int]:
    """The topics among ``candidates`` whose passage for ``text`` holds one of the phrases the
    author said the answer must contain (the topic that would answer it right), or []."""
    knowledge = rules.knowledge
    tokens = rules.normalizer.tokens(knowledge.correct_spelling(rules._clean(text)))
    wanted = [a.lower() for a in answer_any]
    out = []
    for i in candidates:
        topic = rules.pack.topics[i]
        index = next(t for t in knowledge._topics if t.topic.name == topic.name)
        said = " ".join(u.text for u in knowledge.passage(topic.section_id, tokens, index.keywords)).lower()
        if any(w in said for w in wanted):
            out.append(i)
    return out


def build(sets: list[str]) -> tuple[dict[str, list[str]], list[str], dict[str, int]]:
    """``(topic name -> questions, out-of-domain questions, tallies)`` from the tuning parts ``sets``."""
    if any(s in HELD_OUT_PARTS or s.startswith("test") for s in sets):
        raise SystemExit("only tuning parts may be trained on")
    pack = load_pack()
    embedder = load_embedder()
    if embedder is None:
        raise SystemExit("the wordllama model is needed to place questions among a section's topics")
    similarity = TopicSimilarity(embedder, [list(t.samples) for t in pack.topics])
    extra = yaml.safe_load((pack.root / TRAINING_FILE).read_text(encoding="utf-8")) if pack.root else {}
    known = {_key(s) for t in pack.topics for s in t.samples}
    known |= {_key(s) for qs in (extra.get("topics") or {}).values() for s in qs}
    known |= {_key(str(s)) for s in [*(pack.intents.get("out_of_domain_samples") or []), *(extra.get("out_of_domain") or [])]}
    guarded = guarded_keys()
    topics: dict[str, list[str]] = defaultdict(list)
    ood: list[str] = []
    rules = Understander(pack, embeddings=False)
    tally = {"knowledge": 0, "ood": 0, "dropped_close": 0, "dropped_known": 0, "no_topic": 0, "by_answer": 0}
    for name in sets:
        for r in records_of(name):
            if r["kind"] not in ("knowledge", "ood") or (r["kind"] == "ood" and r.get("subtype") in SKIP_OOD_SUBTYPES):
                continue
            text = " ".join(r["text"].split())
            if _key(text) in known:
                tally["dropped_known"] += 1
                continue
            if _too_close(text, guarded):
                tally["dropped_close"] += 1
                continue
            known.add(_key(text))
            if r["kind"] == "ood":
                ood.append(text)
                tally["ood"] += 1
                continue
            section = SECTION_ALIASES.get(r["section"], r["section"])
            candidates = [i for i, t in enumerate(pack.topics) if t.section_id == section]
            if not candidates:
                tally["no_topic"] += 1
                continue
            answering = _answering_topics(rules, text, candidates, r.get("answer_any") or [])
            if answering:
                tally["by_answer"] += 1
            scores = similarity.scores(text)
            best = max(answering or candidates, key=lambda i: float(scores[i]) if scores is not None else 0.0)
            topics[pack.topics[best].name].append(text)
            tally["knowledge"] += 1
    order = [t.name for t in pack.topics if t.name in topics]
    return {name: topics[name] for name in order}, ood, tally


def main(argv: list[str] | None = None) -> int:
    global SKIP_OOD_SUBTYPES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(TUNING_PARTS), help="tuning parts to take lines from")
    parser.add_argument("--skip-ood", default=",".join(sorted(SKIP_OOD_SUBTYPES)),
                        help="comma-separated out-of-domain subtypes not to train on")
    parser.add_argument("--out", type=Path, help=f"where to write (default: the pack's {TRAINING_SETS_FILE})")
    args = parser.parse_args(argv)
    sets = args.sets.split(",")
    SKIP_OOD_SUBTYPES = frozenset(s for s in args.skip_ood.split(",") if s)
    topics, ood, tally = build(sets)
    header = (f"# Training questions of the topic classifier (voice_guide/nlu/classifier.py) taken from the\n"
              f"# tuning parts of the paraphrase sets: {', '.join(sets)} (tests/data/paraphrase/), written by\n"
              f"# independent authors (one per set). Built by scripts/build_training_sets.py (rebuild it, do not edit):\n"
              f"# knowledge questions under the topic of their labelled section whose passage holds the expected answer\n"
              f"# (nearest in meaning among those), out-of-domain\n"
              f"# questions as out_of_domain (not of the subtypes {', '.join(sorted(SKIP_OOD_SUBTYPES)) or 'none'}). Never lines of a test part, a held-out half ({', '.join(HELD_OUT_PARTS)})\n"
              f"# or the shared dev set; lines within fuzzy ratio {CLOSE_RATIO:.0f} of the dev set, a held-out half or\n"
              f"# the paraphrase test part dropped. Used only to train the classifier.\n")
    body = yaml.safe_dump({"topics": topics, "out_of_domain": ood}, sort_keys=False, allow_unicode=True, width=200)
    out = args.out or (load_pack().root or Path(".")) / TRAINING_SETS_FILE
    write_atomic_text(out, header + body)
    print(f"written {out}: {tally}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
