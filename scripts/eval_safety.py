#!/usr/bin/env python3
"""Score the safety rules on typed text: tests/data/safety/{tune,tune2,tune3,tune4,test}.jsonl.

Per kind (emergency, crisis, near_miss) and per concept / reason: how many were flagged
(emergency or crisis), how many got the right kind and concept; prints the misses, the false
alarms and a concept confusion table. Only *score* test.jsonl: never read it to tune.

    python3 scripts/eval_safety.py                 # tune part, misses listed
    python3 scripts/eval_safety.py --part tune2      # second tuning part (another author)
    python3 scripts/eval_safety.py --part tune3      # third tuning part (a third author)
    python3 scripts/eval_safety.py --part tune4      # fourth tuning part (a fourth author)
    python3 scripts/eval_safety.py --part tune5 --half odd    # fifth: tuned on odd ids only
    python3 scripts/eval_safety.py --part tune5 --half even --quiet   # its held-out half
    python3 scripts/eval_safety.py --part test --quiet
    python3 scripts/eval_safety.py --load-time 5    # ms to build the rules in fresh processes
    python3 scripts/eval_safety.py --rules-only ...  # without the learned net (safety_learned.py)
    python3 scripts/eval_safety.py --state idle ...  # as the guide acts in a state (commands over the net)
    python3 scripts/eval_safety.py --state all --parts tuning --kind near_miss   # near misses in every state
    python3 scripts/eval_safety.py --batch tests/nlu/safety_batches_11.txt   # a session's own batch
    python3 scripts/eval_safety.py --talk          # alarms on talk to the guide (paraphrase tuning lines)
    python3 scripts/eval_safety.py --talk --stateless   # the same, the safety check not told the dialogue state
    python3 scripts/eval_safety.py --parts tuning --strip-punctuation   # every tuning part, as a transcript comes
    python3 scripts/eval_safety.py --parts halves --quiet --strip-punctuation drop   # held out, no apostrophes

With the net, a line the net only suspects gets the confirmation question (kind CONFIRM): it is
counted apart ("confirmation question asked"), neither recognised nor flagged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import FILE_STEMS, SAFETY_SPLIT_STEMS, SAFETY_TUNING, in_half, is_held_out_row  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.nlu.embedding import load_embedder  # noqa: E402
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules  # noqa: E402
from voice_guide.nlu.safety_learned import EmbedderVectors, safety_folder  # noqa: E402

DATA = ROOT / "tests" / "data" / "safety"


def load(part: str) -> list[dict[str, str]]:
    """The rows of one part of the safety set."""
    with open(DATA / f"{part}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


PART_GROUPS = {
    "tuning": SAFETY_TUNING,
    "halves": tuple(f"{stem}:even" for stem in SAFETY_SPLIT_STEMS),
}
"""Names for a list of parts (``--parts``): every tuning part, and the held-out even halves (tune5 ..)."""

_NOT_SPOKEN = re.compile(r"[^a-z0-9' ]+")
_APOSTROPHE = re.compile(r"['\u2019\u2018`\u00b4]")


def as_transcript(text: str, apostrophes: str = "keep") -> str:
    """``text`` as a recognizer transcript comes: lower case, no punctuation (a hyphen or a slash becomes a
    space); apostrophes kept (``"keep"``: "she's") or dropped (``"drop"``: "shes")."""
    text = _APOSTROPHE.sub("" if apostrophes == "drop" else "'", str(text).lower())
    text = _NOT_SPOKEN.sub(" ", text)
    return " ".join(text.split())


def load_parts(spec: str) -> list[tuple[str, list[dict[str, str]]]]:
    """The rows of each part of ``spec`` (comma-separated ``stem`` or ``stem:half``, or a name of
    :data:`PART_GROUPS`), by part name."""
    names: list[str] = []
    for item in (s.strip() for s in spec.split(",") if s.strip()):
        names.extend(PART_GROUPS.get(item, (item,)))
    out = []
    for name in names:
        stem, _, half = name.partition(":")
        if stem not in FILE_STEMS:
            raise SystemExit(f"unknown part {stem!r} (one of {', '.join(FILE_STEMS)} or {', '.join(PART_GROUPS)})")
        out.append((name, [r for r in load(stem) if in_half(r["id"], half or None)]))
    return out


class StatedRules:
    """The safety rules as the understander reads them once it passes its dialogue state
    (``self.safety.assess(text, state)`` in ``Understander.understand``, asked of understanding.py in the
    seventeenth session): :meth:`assess` without a state reads in :attr:`state`; everything else is the rules'."""

    def __init__(self, rules: SafetyRules) -> None:
        self.rules = rules
        self.state: Any = None
        """The dialogue state the next check is made in (None: as in every state)."""

    def assess(self, text: str, state: Any = None) -> SafetyFinding:
        return self.rules.assess(text, state if state is not None else self.state)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rules, name)


class ThroughGuide:
    """The safety reading as the guide acts on it in one dialogue state: the finding of
    :meth:`SafetyRules.assess`, or none when :class:`~voice_guide.nlu.understanding.Understander`
    lets a command win over it (a finding of the net alone on talk to the guide: ``_commands_over_net``)."""

    def __init__(self, understander: Any, state: str) -> None:
        from voice_guide.nlu.state import DialogueState

        self.understander = understander
        self.state = DialogueState(state)

    def assess(self, text: str) -> SafetyFinding:
        if isinstance(self.understander.safety, StatedRules):
            self.understander.safety.state = self.state
        finding = self.understander.safety.assess(text)
        if finding.kind is FindingKind.NONE or self.understander.understand(text, self.state).intent == finding.intent:
            return finding
        return SafetyFinding(FindingKind.NONE)


def score(rules: SafetyRules | ThroughGuide, rows: list[dict[str, str]], quiet: bool) -> dict[str, float]:
    """Print the tables (and, unless ``quiet``, every error); return the headline figures."""
    per: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    confusion: Counter[tuple[str, str]] = Counter()
    errors = []
    for row in rows:
        kind, text = row["kind"], row["text"]
        group = row.get("concept") or row.get("reason") or ""
        finding = rules.assess(text)
        flagged = finding.is_red_flag
        c = per[(kind, group)]
        c["n"] += 1
        asked = finding.kind is FindingKind.CONFIRM
        c["asked"] += asked
        c["learned"] += flagged and finding.phrase.startswith("learned:")
        if kind == "near_miss":
            c["flagged"] += flagged
            c["pain"] += finding.kind is FindingKind.PAIN
            if flagged or asked:
                what = "ASKED" if asked else "FALSE ALARM"
                errors.append(f"{what} [{group}] {finding.concept}: {text}  ({finding.phrase!r})")
        else:
            c["flagged"] += flagged
            c["right_kind"] += finding.kind.value == kind
            c["right_concept"] += finding.concept == group
            confusion[(group, finding.concept or "-")] += 1
            if not flagged:
                errors.append(f"{'ASKED' if asked else 'MISSED'} [{group}]: {text}")
    print(f"{'kind':<10} {'concept/reason':<20} {'n':>4} {'flagged':>8} {'kind ok':>8} {'concept ok':>10}")
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for (kind, group), c in sorted(per.items()):
        totals[kind].update(c)
        extra = f"{c['right_kind']:>8} {c['right_concept']:>10}" if kind != "near_miss" else f"{'':>8} pain={c['pain']}"
        print(f"{kind:<10} {group:<20} {c['n']:>4} {c['flagged']:>8} {extra}")
    print()
    figures = {}
    for kind, c in sorted(totals.items()):
        rate = c["flagged"] / c["n"] if c["n"] else 0.0
        figures[kind] = rate
        label = "false alarms" if kind == "near_miss" else "recognised"
        print(f"{kind:<10} {label}: {c['flagged']}/{c['n']} = {100 * rate:.1f} % (by the learned net: "
              f"{c['learned']}); confirmation question asked: {c['asked']}/{c['n']}")
    confused = [(k, v) for k, v in confusion.items() if k[0] != k[1]]
    if confused:
        print("\nconcept confusions (expected -> found: count):")
        for (want, got), n in sorted(confused, key=lambda kv: -kv[1]):
            print(f"  {want} -> {got}: {n}")
    if not quiet and errors:
        print("\n" + "\n".join(errors))
    return figures


def tally(rules: SafetyRules | ThroughGuide, rows: list[dict[str, str]],
          shown: Callable[[dict[str, str]], bool] = lambda row: True) -> tuple[dict[str, Counter[str]], list[str]]:
    """Per kind: lines (``n``), red flags raised (``flagged``) and questions asked (``asked``); and the errors
    of the rows ``shown`` accepts (a red flag missed or asked about, a near miss flagged or asked about), one
    line each."""
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for row in rows:
        finding = rules.assess(row["text"])
        c = totals[row["kind"]]
        c["n"] += 1
        c["flagged"] += finding.is_red_flag
        c["asked"] += finding.kind is FindingKind.CONFIRM
        wrong = finding.is_red_flag or finding.kind is FindingKind.CONFIRM if row["kind"] == "near_miss" \
            else not finding.is_red_flag
        if wrong and shown(row):
            group = row.get("concept") or row.get("reason") or ""
            what = "ASKED" if finding.kind is FindingKind.CONFIRM else (
                "FALSE ALARM" if row["kind"] == "near_miss" else "MISSED")
            errors.append(f"{what} [{row['kind']}/{group}] {finding.concept}: {row['text']}  ({finding.phrase!r})")
    return totals, errors


def _figures(totals: dict[str, Counter[str]]) -> str:
    """One line of figures: emergencies and crisis recognised, near misses flagged (+ asked)."""
    def one(kind: str) -> str:
        c = totals.get(kind, Counter())
        return f"{c['flagged']}/{c['n']} (+{c['asked']} asked)"

    return f"emergencies {one('emergency')}, crisis {one('crisis')}, near misses flagged {one('near_miss')}"


def _tuning_row(stem: str, row: dict[str, str]) -> bool:
    """Whether a row of safety file ``stem`` may be printed (it is not held out)."""
    return not is_held_out_row(stem, row["id"], SAFETY_SPLIT_STEMS)


def score_parts(rules: SafetyRules, parts: list[tuple[str, list[dict[str, str]]]], quiet: bool) -> None:
    """One line of figures per part and their sum; the errors of tuning rows unless ``quiet`` (a held-out
    row's text is never printed: ``data_parts.is_held_out_row``)."""
    overall: dict[str, Counter[str]] = defaultdict(Counter)
    shown = []
    for name, rows in parts:
        stem = name.partition(":")[0]
        totals, errors = tally(rules, rows, partial(_tuning_row, stem) if not quiet else lambda row: False)
        shown.extend(f"{name}: {e}" for e in errors)
        for kind, c in totals.items():
            overall[kind].update(c)
        print(f"{name:<12} {_figures(totals)}")
    print(f"{'all':<12} {_figures(overall)}")
    if shown:
        print("\n" + "\n".join(shown))


_TIMER = """
import sys, time
sys.path.insert(0, {root!r})
from voice_guide.content.pack import load_pack
pack = load_pack({pack!r})
from voice_guide.nlu.safety import SafetyRules
started = time.perf_counter()
SafetyRules(pack.safety)
print(1000 * (time.perf_counter() - started))
"""


def load_times(runs: int, pack: str | None, cache: bool) -> list[float]:
    """Milliseconds to build the safety rules of ``pack`` in ``runs`` fresh processes."""
    env = dict(os.environ)
    if not cache:
        env["VOICE_GUIDE_SAFETY_CACHE"] = "0"
    code = _TIMER.format(root=str(ROOT), pack=pack)
    return [float(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                 text=True).stdout.split()[-1]) for _ in range(runs)]


def report_load_time(runs: int, pack: str | None) -> None:
    """Print the median time to build the rules, with and without the compiled-pattern cache."""
    load_times(1, pack, cache=True)  # fills the cache if it is empty
    for cache in (True, False):
        times = load_times(runs, pack, cache)
        label = "with the pattern cache" if cache else "compiling every pattern"
        print(f"safety rules built in {statistics.median(times):.0f} ms median ({label}; "
              f"runs: {', '.join(f'{t:.0f}' for t in times)} ms)")


def report_check_time(rules: SafetyRules, rows: list[dict[str, str]]) -> None:
    """Print the median and 95th-percentile milliseconds of one safety check (``assess``) per line."""
    import time

    for row in rows[:20]:  # warm up: the spelling fixer, the model's rows of these words
        rules.assess(row["text"])
    times = []
    for row in rows:
        started = time.perf_counter()
        rules.assess(row["text"])
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    print(f"safety check: {statistics.median(times):.2f} ms median, {times[int(0.95 * (len(times) - 1))]:.2f} ms "
          f"95th percentile, {times[-1]:.2f} ms max over {len(times)} lines (learned net "
          f"{'on' if rules.net is not None else 'off'})")


def report_every_state(understander: Any, rows: list[dict[str, str]], quiet: bool,
                       shown: Callable[[dict[str, str]], bool] = lambda row: True) -> None:
    """One line per dialogue state: red flags recognised, near misses flagged (and asked, and taken as a pain stop)
    as the guide acts there, with the errors of the rows ``shown`` accepts named (never a held-out row's text)."""
    from voice_guide.nlu.state import DialogueState

    for state in DialogueState:
        guide = ThroughGuide(understander, state.value)
        caught = {"emergency": 0, "crisis": 0}
        total = Counter(row["kind"] for row in rows)
        flagged = asked = pain = 0
        errors = []
        for row in rows:
            finding = guide.assess(row["text"])
            if row["kind"] == "near_miss":
                flagged += finding.is_red_flag
                asked += finding.kind is FindingKind.CONFIRM
                pain += finding.kind is FindingKind.PAIN
                wrong = finding.is_red_flag or finding.kind in (FindingKind.CONFIRM, FindingKind.PAIN)
                if wrong and shown(row):
                    what = "pain" if finding.kind is FindingKind.PAIN else "flagged"
                    errors.append(f"  {what}: {row['text']}  ({finding.concept}: {finding.phrase!r})")
            elif finding.is_red_flag:
                caught[row["kind"]] += 1
            elif shown(row):
                errors.append(f"  missed: {row['text']}")
        print(f"{state.value:<22} emergencies {caught['emergency']}/{total['emergency']}, crisis "
              f"{caught['crisis']}/{total['crisis']}, near misses flagged {flagged}/{total['near_miss']} "
              f"(+{asked} asked, {pain} pain)")
        if errors and not quiet:
            print("\n".join(errors))


def rows_of_parts(parts: list[tuple[str, list[dict[str, str]]]], kind: str | None) -> list[dict[str, str]]:
    """The rows of ``parts`` (only those of ``kind`` if given), each marked with whether it may be printed."""
    return [{**row, "shown": "1" if _tuning_row(name.partition(":")[0], row) else ""}
            for name, rows in parts for row in rows if kind is None or row["kind"] == kind]


def load_batch(path: str) -> list[dict[str, str]]:
    """The rows of a session's own batch file (``kind|group|text`` a line, ``#`` comments), as set rows."""
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise SystemExit(f"eval_safety: cannot read the batch {path}: {err}") from None
    for number, raw in enumerate(lines, 1):
        if raw.strip() and not raw.startswith("#"):
            fields = raw.split("|", 2)
            if len(fields) != 3 or fields[0] not in ("emergency", "crisis", "near_miss"):
                raise SystemExit(f"eval_safety: {path}:{number}: expected kind|group|text with kind emergency, crisis "
                                 f"or near_miss (a JSON Lines set is read with --part)")
            kind, group, text = fields
            key = "reason" if kind == "near_miss" else "concept"
            rows.append({"id": f"b{number}", "kind": kind, key: group, "text": text})
    return rows





TALK_ALARMS = ("emergency", "crisis", "confirm_emergency", "pain")
"""The intents that raise an alarm on talk to the guide (a pain finding stops a routine)."""


def report_talk(understander: Any, quiet: bool) -> None:
    """Alarms on talk to the guide: the paraphrase set's tuning lines (``data_parts.PARAPHRASE_TUNING``, never a
    held-out half) through the guide, a control line in its own state, knowledge and out-of-domain lines in
    ``idle`` and ``answered`` (the first alarm counts); per intent, each line listed unless ``quiet``."""
    from data_parts import PARAPHRASE_TUNING

    from voice_guide.nlu.state import DialogueState

    counts: Counter[str] = Counter()
    total = 0
    for part in PARAPHRASE_TUNING:
        stem, _, half = part.partition(":")
        with open(ROOT / "tests" / "data" / "paraphrase" / f"{stem}.jsonl", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        for row in (r for r in rows if in_half(r["id"], half or None)):
            total += 1
            for state in [row["state"]] if row.get("state") else ["idle", "answered"]:
                if isinstance(understander.safety, StatedRules):
                    understander.safety.state = DialogueState(state)
                intent = understander.understand(row["text"], DialogueState(state)).intent
                if intent in TALK_ALARMS:
                    counts[intent] += 1
                    if not quiet:
                        print(f"{intent.upper()} [{row['kind']}, {state}] {row['text']}")
                    break
    print(f"paraphrase tuning lines: {total}; alarms: {sum(counts.values())} ("
          + ", ".join(f"{k} {counts[k]}" for k in TALK_ALARMS) + ")")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=FILE_STEMS, default="tune")
    ap.add_argument("--pack", default=None, help="content pack directory (default: the shipped pack)")
    ap.add_argument("--region", default=None, help="region for the reply texts (US, GB, IE, EU)")
    ap.add_argument("--half", choices=("odd", "even"), default=None,
                    help="only the rows with odd or even ids (tune5: tuned on odd, even held out)")
    ap.add_argument("--quiet", action="store_true", help="tables only, no list of errors")
    ap.add_argument("--check-time", action="store_true", help="instead of scoring: ms per safety check")
    ap.add_argument("--rules-only", action="store_true", help="without the learned net under the rules")
    ap.add_argument("--state", default=None, help="as the guide acts in this dialogue state (idle, reading, "
                    "routine_counting ...; 'all': one line per state): a command the understander lets win over the net "
                    "alone is no alarm")
    ap.add_argument("--batch", default=None, metavar="FILE",
                    help="score a session's own batch file (kind|group|text lines) instead of a part")
    ap.add_argument("--talk", action="store_true", help="instead of a part: alarms on the paraphrase set's tuning "
                    "lines through the guide (controls in their state, the rest in idle and answered)")
    ap.add_argument("--stateless", action="store_true", help="with --state or --talk: the safety check without "
                    "the dialogue state (as the understander called it before the seventeenth session)")
    ap.add_argument("--parts", default=None, metavar="LIST",
                    help="instead of --part: one line of figures per part and their sum (comma-separated stem or "
                    "stem:half, or 'tuning', 'halves'); held-out lines are never listed")
    ap.add_argument("--strip-punctuation", nargs="?", const="keep", choices=("keep", "drop"), default=None,
                    help="read every line as a transcript comes: lower case, no punctuation; apostrophes kept "
                    "(keep, the default) or dropped (drop)")
    ap.add_argument("--kind", default=None, choices=("emergency", "crisis", "near_miss"),
                    help="with --state all --parts: only the lines of this kind")
    ap.add_argument("--load-time", type=int, default=0, metavar="RUNS",
                    help="instead of scoring: time building the rules in RUNS fresh processes")
    args = ap.parse_args()
    if args.load_time:
        report_load_time(args.load_time, args.pack)
        return 0
    pack = load_pack(args.pack)
    rules = SafetyRules(pack.safety, region=args.region)
    embedder = None if args.rules_only else load_embedder()
    if embedder is not None:
        rules.use_net(safety_folder(pack), EmbedderVectors(embedder))
    print(f"learned net: {'on' if rules.net is not None else 'off'}")
    if args.parts and args.state != "all":
        parts = load_parts(args.parts)
        if args.strip_punctuation:
            parts = [(name, [{**r, "text": as_transcript(r["text"], args.strip_punctuation)} for r in rows])
                     for name, rows in parts]
        score_parts(rules, parts, quiet=args.quiet)
        return 0
    rows = load_batch(args.batch) if args.batch else load(args.part)
    if args.half:
        rows = [r for r in rows if in_half(r["id"], args.half)]
    if args.strip_punctuation:
        rows = [{**r, "text": as_transcript(r["text"], args.strip_punctuation)} for r in rows]
    if args.check_time:
        report_check_time(rules, rows)
        return 0
    if args.state or args.talk:
        from voice_guide.nlu.understanding import Understander

        understander = Understander(pack)
        understander.safety = rules if args.stateless else StatedRules(rules)
        if args.talk:
            report_talk(understander, quiet=args.quiet)
            return 0
        if args.state == "all":
            if args.parts:
                rows = rows_of_parts(load_parts(args.parts), args.kind)
                report_every_state(understander, rows, quiet=args.quiet, shown=lambda row: bool(row["shown"]))
                return 0
            report_every_state(understander, rows, quiet=args.quiet)
            return 0
        score(ThroughGuide(understander, args.state), rows, quiet=args.quiet)
        return 0
    score(rules, rows, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
