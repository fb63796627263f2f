#!/usr/bin/env python3
"""Score typed understanding on the paraphrase sets and the dev set, per kind, state and section.

Sets: ``tests/data/paraphrase/tune.jsonl`` and ``tune2.jsonl`` (look at them freely), ``tests/data/paraphrase/test.jsonl``
(score only: never read its failures to tune), and the dev set ``/work/shared/eval/dev_set.jsonl``.

Scoring, per record kind:

- ``knowledge``: the Guide's answer text contains one of ``answer_any`` (case-insensitive);
  also reported: the section the match points to equals the expected ``section``
  (``byline`` counts as the ``about`` section);
- ``control``: the intent (and slots, when listed) understood in the record's dialogue state; a
  pain stop counts as the stop it is (:data:`PAIN_STOPS`: "stop, that hurts her" while counting,
  "no, he's in pain today" at the safety check: the routine stops, with the pain guidance, and is
  logged as stopped for pain), the same rule for every set; the control line also says how many
  lead to the same action as the expected intent (``scripts/control_equivalence.py``: "ready" and
  "yes" while the routine waits, proved identical by tests/nlu/test_controls_routine_states.py); the
  headline figure stays the strict one;
- ``ood``: wrongly answered when the answer comes from an article passage.

Prints the figures per kind, per state / section / subtype, the confusions (expected ->
got, counts), the median understanding time, and with ``--failures`` every miss (only use
that on the tuning part). Exit code 0 always: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from control_equivalence import same_action  # noqa: E402
from data_parts import HELD_OUT_HALVES, PARAPHRASE_TUNING, SPLIT_STEMS  # noqa: E402

from voice_guide.core.files import user_cache_dir, write_atomic_text  # noqa: E402
from voice_guide.engine import Engine  # noqa: E402
from voice_guide.nlu.decision import DECISION_FILE, KnowledgeSignals, decision_yaml, fit_decision  # noqa: E402
from voice_guide.nlu.embedding import BackgroundTopicSimilarity  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402
from voice_guide.nlu.understanding import Understander  # noqa: E402
from voice_guide.testing.evaluation import score_case  # noqa: E402

PARAPHRASE_DIR = ROOT / "tests" / "data" / "paraphrase"
DEV_SET = Path("/work/shared/eval/dev_set.jsonl")
SECTION_ALIASES = {"byline": "about"}


HELD_OUT = {*HELD_OUT_HALVES, *SPLIT_STEMS, "test"}
"""Parts whose lines are never printed: the held-out halves, any split file whole, the test part."""
"""Parts whose misses are never printed (scored only)."""


def load(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def part(records: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The records of set ``name``: all, or with ``:odd`` / ``:even`` those whose id ends in an odd / even number."""
    half = name.partition(":")[2]
    if not half:
        return records
    if half not in ("odd", "even"):
        raise SystemExit(f"{name}: the part after ':' is odd or even")
    want = 1 if half == "odd" else 0
    return [r for r in records if int("".join(ch for ch in r["id"] if ch.isdigit()) or 0) % 2 == want]


PAIN_STOPS = {"routine_safety_check": ("stop", "no"), "routine_counting": ("stop",),
              "routine_paused": ("stop",), "routine_waiting": ("stop",)}
"""Dialogue state -> the commands whose action a ``pain`` finding takes too: in a routine the
conversation ends the routine for pain (``stopped_for_pain``, the pain guidance said, the session
logged as a pain stop), so a pain stop is scored as the stop (or, at the safety check, the no)
the author meant. Checked by tests/nlu/test_controls_cue_words.py."""


TRAINED_PARTS = PARAPHRASE_TUNING
"""The tuning parts the pack's classifier is trained on (training_sets.yaml, scripts/build_training_sets.py)."""


class Scorer:
    """Understands and answers each record with a fresh Guide state; keeps the tallies."""

    def __init__(self, cross_fit: bool = False) -> None:
        self.engine = Engine()
        self.pack = self.engine.pack
        self.understander = self.engine.understander
        self.times_ms: list[float] = []
        self.cross_fit = cross_fit
        """Score each trained-on tuning part with a classifier trained without that part's lines."""

    @contextmanager
    def fold(self, name: str) -> Iterator[None]:
        """With ``cross_fit``, while scoring tuning part ``name``: the classifier trained on the pack's
        own lines and the other authors' tuning parts only (cached in the user cache)."""
        semantic = self.understander.knowledge.semantic
        if not self.cross_fit or name not in TRAINED_PARTS or not isinstance(semantic, BackgroundTopicSimilarity):
            yield
            return
        from build_training_sets import build

        from voice_guide.nlu import classifier as clf

        base = clf.training_data(self.pack, (clf.TRAINING_FILE,))
        embedder = semantic.embedder
        if base is None or embedder is None:
            yield
            return
        topics, ood, _ = build([p for p in TRAINED_PARTS if p != name])
        index = {t.name: i for i, t in enumerate(self.pack.topics)}
        lines = [(q, index[t]) for t, qs in topics.items() for q in qs] + [(q, len(self.pack.topics)) for q in ood]
        data = clf.LabelledTexts(base.texts + tuple(q for q, _ in lines), base.labels + tuple(c for _, c in lines), base.classes)
        model = clf.train_pack_model(embedder, clf.text_rules(self.pack, self.understander.normalizer), data,
                                     clf.section_indices(self.pack), clf.SETTINGS, user_cache_dir())
        previous = semantic.use_classifier(model)
        try:
            yield
        finally:
            semantic.use_classifier(previous)

    def run(self, text: str, state: DialogueState) -> tuple[Any, Any]:
        """``(match, answer)`` for ``text`` said in ``state``."""
        t0 = time.perf_counter()
        match = self.understander.understand(text, state)
        self.times_ms.append((time.perf_counter() - t0) * 1000)
        conversation = self.engine.new_conversation()  # fresh state and settings for every record
        return match, conversation.handle(match)

    def paraphrase(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One result row per paraphrase record."""
        rows = []
        for r in records:
            state = DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE
            match, answer = self.run(r["text"], state)
            row = {"id": r["id"], "kind": r["kind"], "text": r["text"], "got": match.intent,
                   "section": match.section_id, "answer": answer.text}
            if r["kind"] == "knowledge":
                want = SECTION_ALIASES.get(r["section"], r["section"])
                row["group"] = r["section"]
                row["expected"] = r["section"]
                row["ok"] = bool(answer.section_id) and any(p.lower() in answer.text.lower() for p in r["answer_any"])
                row["section_ok"] = match.section_id == want
            elif r["kind"] == "control":
                row["group"] = r["state"]
                row["expected"] = r["intent"]
                want_slots = r.get("slots") or {}
                row["ok"] = match.intent == r["intent"] and all(match.slots.get(k) == v for k, v in want_slots.items())
                row["pain_stop"] = match.intent == "pain" and r["intent"] in PAIN_STOPS.get(r["state"], ())
                row["ok"] = row["ok"] or row["pain_stop"]
                row["same_action"] = row["ok"] or same_action(r["state"], r["intent"], match.intent)
            else:
                row["group"] = r["subtype"]
                row["expected"] = r["subtype"]
                row["ok"] = not match.is_knowledge
            rows.append(row)
        return rows

    def dev(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One result row per dev-set case (scored with the project's shared rules)."""
        rows = []
        for case in records:
            match, answer = self.run(case["text"], DialogueState.IDLE)
            ok = score_case(case, answer)
            if case["kind"] == "ood":
                ok = not match.is_knowledge
            rows.append({"id": case["id"], "kind": case["kind"], "group": case["kind"], "text": case["text"],
                         "got": match.intent, "expected": (case.get("expect") or {}).get("intent", case["kind"]),
                         "section": match.section_id, "answer": answer.text, "ok": ok})
        return rows


def report(name: str, rows: list[dict[str, Any]], failures: bool) -> None:
    """Print the figures of one set."""
    print(f"== {name}: {sum(r['ok'] for r in rows)}/{len(rows)}")
    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
    for kind, rs in sorted(kinds.items()):
        ok = sum(r["ok"] for r in rs)
        extra = ""
        if kind == "knowledge" and "section_ok" in rs[0]:
            extra = f"; section {sum(r['section_ok'] for r in rs)}/{len(rs)}"
        if kind == "ood":
            extra = f"; wrongly answered {len(rs) - ok}/{len(rs)} ({100 * (len(rs) - ok) / len(rs):.1f} %)"
        if kind == "control":
            extra = (f"; of them pain stops {sum(r.get('pain_stop', False) for r in rs)}"
                     f"; same action {sum(r.get('same_action', r['ok']) for r in rs)}/{len(rs)}")
        print(f"  {kind}: {ok}/{len(rs)} ({100 * ok / len(rs):.1f} %){extra}")
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rs:
            groups[r["group"]].append(r)
        if len(groups) > 1:
            for g, gs in sorted(groups.items()):
                print(f"    {g:22s} {sum(r['ok'] for r in gs)}/{len(gs)}")
        if kind == "ood":
            got = Counter((r["expected"], r["got"] if not r["section"] else "ANSWERED") for r in rs)
            print("    intents given:", ", ".join(f"{e}->{g}: {n}" for (e, g), n in sorted(got.items())))
    confusions = Counter((r["expected"], r["got"]) for r in rows if not r["ok"] and r["kind"] != "ood")
    if confusions:
        print("  confusions (expected -> got):")
        for (e, g), n in confusions.most_common(25):
            print(f"    {n:3d}  {e} -> {g}")
    if failures:
        for r in rows:
            if not r["ok"] or not r.get("section_ok", True):
                print(f"  MISS {r['id']} [{r['kind']}/{r['group']}] {r['text']!r} -> {r['got']} "
                      f"{r['section'] or ''}: {r['answer'][:90]}")


DECLINES = frozenset({"not_covered", "out_of_scope", "medical_advice"})
CURVE_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def decision_rows(scorer: Scorer, records: list[dict[str, Any]],
                  declined: bool = False) -> list[tuple[KnowledgeSignals, dict[str, Any], bool]]:
    """``(signals, record, section right)`` of every knowledge and out-of-domain record that reaches
    the knowledge decision (not taken by safety, a command or, unless ``declined``, a decline;
    understood without the joint decision)."""
    u = scorer.understander
    saved, u.decision = u.decision, None
    out = []
    try:
        for r in records:
            if r["kind"] not in ("knowledge", "ood"):
                continue
            state = DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE
            match = u.understand(r["text"], state)
            if not match.is_knowledge and match.intent != "fallback" and not (declined and match.intent in DECLINES):
                continue
            found, signals = u.knowledge.match_signals(u._clean(r["text"]))
            if found is None or signals is None:
                continue
            right = r["kind"] == "knowledge" and found.section_id == SECTION_ALIASES.get(r["section"], r["section"])
            out.append((signals, r, right))
    finally:
        u.decision = saved
    return out


def fit_and_curve(scorer: Scorer, fit_sets: list[str], curve_sets: list[str], write: bool,
                  with_declined: bool = True, drop: frozenset[str] = frozenset()) -> None:
    """Fit the joint decision on ``fit_sets``; print, per set of ``fit_sets + curve_sets``, the
    knowledge questions answered from the right section and the out-of-domain questions answered
    at each threshold (among the questions that reach the decision); write the pack's decision.yaml."""
    rows: dict[str, list[tuple[KnowledgeSignals, dict[str, Any], bool]]] = {}
    train = []
    for name in dict.fromkeys(fit_sets + curve_sets):
        with scorer.fold(name):
            rows[name] = decision_rows(scorer, records_of(name))
            if name in fit_sets:  # fitted also on the questions the declines take: many more near-domain negatives
                train += decision_rows(scorer, records_of(name), declined=True) if with_declined else rows[name]
    zero = {name: 0.0 for name in drop}  # a dropped feature is constant in the fit: its weight stays 0
    decision = fit_decision([replace(s, **zero) for s, _, _ in train], [r["kind"] == "knowledge" for _, r, _ in train])
    print("joint decision weights:", dict(zip([*KnowledgeSignals.__dataclass_fields__, "bias"], decision.weights, strict=True)))
    for name, rs in rows.items():
        n_k = sum(r["kind"] == "knowledge" for _, r, _ in rs)
        print(f"== {name} ({'fitted on' if name in fit_sets else 'held out'}): {n_k} knowledge, "
              f"{len(rs) - n_k} out-of-domain reach the decision; right section / OOD answered per threshold:")
        cells = []
        for th in CURVE_THRESHOLDS:
            probs = [(decision.probability(s), r, ok) for s, r, ok in rs]
            right = sum(ok for p, _, ok in probs if p >= th)
            ood = sum(r["kind"] == "ood" for p, r, _ in probs if p >= th)
            cells.append(f"{th}: {right}/{ood}")
        print("   ", "  ".join(cells))
        if scorer.understander.decision is not None:  # the shipped decision on the same questions
            shipped = scorer.understander.decision
            kept = [(r, ok) for s, r, ok in rs if shipped.answers(s)]
            print(f"    shipped decision at {shipped.threshold}: {sum(ok for _, ok in kept)}/{sum(r['kind'] == 'ood' for r, _ in kept)}")
    if write:
        path = Path(scorer.pack.root or ".") / DECISION_FILE
        note = (f"Joint answer-or-not decision of knowledge questions (voice_guide/nlu/decision.py).\n"
                f"Fitted by scripts/eval_paraphrase.py --fit-decision{' --cross-fit' if scorer.cross_fit else ''} on {', '.join(fit_sets)} "
                f"({len(train)} questions reaching the decision or declined). Threshold chosen by hand: see docs/understanding.md.")
        write_atomic_text(path, decision_yaml(decision, note))  # a pack file: never left half written
        print("written", path)


def records_of(name: str) -> list[dict[str, Any]]:
    """The records of paraphrase set ``name`` (``tune4:odd`` style halves allowed): a set of
    tests/data/paraphrase/, or a path to a ``.jsonl`` file given without its suffix."""
    stem = name.split(":")[0]
    path = PARAPHRASE_DIR / f"{stem}.jsonl"
    if not path.exists() and Path(f"{stem}.jsonl").exists():
        path = Path(f"{stem}.jsonl")
    if not path.exists():
        raise SystemExit(f"no paraphrase set {stem!r}: neither {path} nor {stem}.jsonl exists")
    return part(load(path), name)


def _classifier_variant(ood_weight: float | None, section_blend: str | None) -> None:
    """Train the pack's classifier (and every fold's) another way, before the engine is built."""
    from dataclasses import replace

    from voice_guide.nlu import classifier as clf

    if ood_weight is not None:
        clf.SETTINGS = replace(clf.SETTINGS, ood_weight=ood_weight)
    if section_blend is not None:
        clf.SECTION_BLEND = section_blend == "on"
    if ood_weight is not None or section_blend is not None:
        print(f"classifier: {clf.SETTINGS}, section blend {clf.SECTION_BLEND}")



class Knob(NamedTuple):
    """A measured setting of the understanding that an option overrides for one run (never shipped this way)."""

    option: str
    """The command-line option, e.g. ``--own-best``."""
    owner: str
    """Where the setting lives on the understander: ``understander``, ``knowledge`` or ``passages``."""
    attribute: str
    """The attribute set there."""
    help: str
    """The option's help (the constant it overrides and what it does)."""
    switch: bool = False
    """An on/off option (``choices=("on", "off")``) rather than a number."""

    @property
    def dest(self) -> str:
        return self.option.lstrip("-").replace("-", "_")

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        if self.switch:
            parser.add_argument(self.option, choices=("on", "off"), help=self.help)
        else:
            parser.add_argument(self.option, type=float, metavar="X", help=self.help)

    def apply(self, args: argparse.Namespace, understander: "Understander") -> None:
        value = getattr(args, self.dest)
        if value is None:
            return
        owner = {"understander": understander, "knowledge": understander.knowledge,
                 "passages": understander.knowledge.passages}[self.owner]
        setattr(owner, self.attribute, value == "on" if self.switch else value)


KNOBS = (
    Knob("--also", "knowledge", "also_share",
         "read a second section too at this share of the chosen section's classifier probability (passage.ALSO_SHARE; measured, 0 < X)"),
    Knob("--sentence-weight", "knowledge", "sentence_weight",
         "passage.SENTENCE_WEIGHT: the sentences' embedding cosine in choosing the passage (measured)"),
    Knob("--own-best", "passages", "own_best",
         "passage.OWN_BEST: read the sentence the question's own words score best at this ratio (measured)"),
    Knob("--decision-alone", "understander", "decision_alone",
         "answer a match below the confidence threshold when the joint decision is at least X (understanding.DECISION_ALONE; measured)"),
    Knob("--also-min", "passages", "also_min",
         "passage.ALSO_MIN: the least classifier probability of the second place (measured)"),
    Knob("--section-own", "knowledge", "section_own",
         "the confidence's own-words share over the chosen section's topics (knowledge.SECTION_OWN; measured)", switch=True),
    Knob("--section-confident", "knowledge", "section_confident",
         "the classifier's section probability lifts the confidence (knowledge.SECTION_CONFIDENT; measured)", switch=True),
    Knob("--section-meaning", "knowledge", "section_meaning",
         "the meaning match trusts the classifier's section, not its topic (knowledge.SECTION_MEANING; measured)", switch=True),
    Knob("--fill-back", "passages", "fill_back",
         "a short answer is read with the sentences before it in its paragraph (passage.FILL_BACK; measured)", switch=True),
    Knob("--also-back", "passages", "also_back",
         "passage.ALSO_BACK: a second place shorter than X words is read with the sentences before it (0: never; measured)"),
    Knob("--also-min-short", "passages", "also_min_short",
         "passage.ALSO_MIN_SHORT: after a short first place, a second place from this classifier probability alone (measured)"),
)
"""The measured settings a run can override, in one table (option -> attribute)."""

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tune,tune2,tune3,tune4:odd,tune4:even,tune5:odd,tune5:even,dev",
                        help="comma-separated: tune, tune2, tune3, tune4, test, dev (the test part only when asked "
                             "for); NAME:odd or NAME:even scores the records of odd or even number only "
                             "(tune4:even and tune5:even are kept as held-out checks: --failures never prints them)")
    parser.add_argument("--failures", action="store_true", help="print every miss (tuning parts only!)")
    parser.add_argument("--json", type=Path, help="also write all rows to this file")
    parser.add_argument("--fit-decision", metavar="SETS",
                        help="fit the joint knowledge decision on these tuning sets (comma-separated), print its "
                             "curve on them and on --sets (held out), and write the pack's decision.yaml "
                             "(threshold 0.5: edit it by hand)")
    parser.add_argument("--reaching-only", action="store_true",
                        help="with --fit-decision: fit only on the questions that reach the decision (not the declined)")
    parser.add_argument("--drop-features", metavar="NAMES",
                        help="with --fit-decision: these signals (comma-separated) weigh 0 in the fit (measured)")
    parser.add_argument("--curve-only", action="store_true", help="with --fit-decision: do not write decision.yaml")
    parser.add_argument("--cross-fit", action="store_true",
                        help="score (and fit on) each tuning part the classifier trains on with a classifier trained "
                             "without that part (the honest figure for a new author; the first run trains 5 classifiers)")
    parser.add_argument("--threshold", type=float, metavar="T",
                        help="answer at this probability of the joint decision instead of decision.yaml's (measured)")
    parser.add_argument("--ood-weight", type=float, metavar="W",
                        help="train the classifier with out-of-domain questions weighing W (classifier.SETTINGS; measured)")
    parser.add_argument("--section-blend", choices=("on", "off"),
                        help="blend in the classifier of sections (classifier.SECTION_BLEND; measured)")
    for knob in KNOBS:
        knob.add_to(parser)
    parser.add_argument("--sure-words", metavar="OOD,CONF|off",
                        help="answer a vetoed match at most OOD out-of-domain and at least CONF word-confident "
                             "(understanding.SURE_WORDS; measured), or never (off)")
    parser.add_argument("--sure-words-full", metavar="OOD,CONF|off",
                        help="the second bar of --sure-words, for a match the words are fully sure of "
                             "(understanding.SURE_WORDS_FULL; measured), or never (off)")
    parser.add_argument("--clear-article", metavar="OOD,DECISION|off",
                        help="answer a match the decision left unanswered at most OOD out-of-domain and at least "
                             "DECISION sure (understanding.CLEAR_ARTICLE; measured), or never (off)")
    args = parser.parse_args(argv)
    _classifier_variant(args.ood_weight, args.section_blend)
    scorer = Scorer(args.cross_fit)
    for knob in KNOBS:
        knob.apply(args, scorer.understander)
    if args.sure_words == "off":
        scorer.understander.sure_words = None
    elif args.sure_words is not None:
        most_ood, least_confidence = (float(v) for v in args.sure_words.split(","))
        scorer.understander.sure_words = (most_ood, least_confidence)
    if args.sure_words_full == "off":
        scorer.understander.sure_words_full = None
    elif args.sure_words_full is not None:
        most_ood, least_confidence = (float(v) for v in args.sure_words_full.split(","))
        scorer.understander.sure_words_full = (most_ood, least_confidence)
    if args.clear_article == "off":
        scorer.understander.clear_article = None
    elif args.clear_article is not None:
        most_ood, least_decision = (float(v) for v in args.clear_article.split(","))
        scorer.understander.clear_article = (most_ood, least_decision)
    if args.threshold is not None and scorer.understander.decision is not None:
        scorer.understander.decision = replace(scorer.understander.decision, threshold=args.threshold)
    if args.fit_decision:
        held = [n for n in args.sets.split(",") if n not in ("dev", "test")]
        fit_and_curve(scorer, args.fit_decision.split(","), held, not args.curve_only, not args.reaching_only,
                      frozenset(args.drop_features.split(",")) if args.drop_features else frozenset())
        return 0
    out = {}
    for name in args.sets.split(","):
        if name == "dev":
            rows = scorer.dev(load(DEV_SET))
        else:
            with scorer.fold(name):
                rows = scorer.paraphrase(records_of(name))
        out[name] = rows
        report(name, rows, args.failures and name.startswith("tune") and name not in HELD_OUT)
    times = sorted(scorer.times_ms)
    print(f"understanding time: median {statistics.median(times):.2f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms over {len(times)} utterances")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
