#!/usr/bin/env python3
"""Score the learned control model in the pipeline, in variants: off, at its bar, at other bars,
before ``fuzzy``, overruling or vetoing a template's, cue's or fuzzy intent, over a knowledge answer.

Aggregates only (controls right, knowledge answered, out-of-domain wrongly answered per set, and
the understanding median), so held-out halves may be scored; never the test part unless asked for
by name. With ``--cv``, each tuning author is scored with a model fitted without that author
(``scripts/fit_control_model.py``'s lines), the honest figure for a new author.

A variant is ``off``, ``file`` (the pack's file as it is), a bar such as ``0.4``, or ``/``-joined
settings: ``before`` (the model before ``fuzzy``), ``HOW@BAR`` (the model's other intent replaces
a hit found as HOW: said, stripped, clause, cue, fuzzy), ``veto-HOW@BAR`` (the model's ``none``
drops such a hit), ``know@BAR`` (the model's command replaces a knowledge answer with little
evidence), ``agree@BAR`` (a cue the model agrees with, at least BAR sure, replaces a knowledge
answer with little evidence), ``choose@BAR`` (of several intents cue words named, the model's most
probable; ``choose-any``: ``yes`` too), ``restrict-HOW`` (a hit found as HOW is dropped when the model may not give its intent
in the state), ``first-clause`` (of several clauses with a command, the first wins, not the
last), ``none`` (no second opinion at all, whatever the file's defaults); ``alt-yes`` / ``alt-all`` /
``alt-off`` (a clause's ``yes`` / any clause's intent has the intents cue words name in the whole
text as alternatives for the model's choice, or none), ``all-commands`` / ``no-all-commands`` (when
every clause is a command, a question clause does not veto it). ``file/SETTING/...``: the file's
defaults (the shipped ones) and these settings on top.

    python3 scripts/eval_controls_learned.py [--sets tune4:even,tune5:even] [--variants off,file,cue@0.8/fuzzy@0.8]
    python3 scripts/eval_controls_learned.py --cv --variants none,cue@0.8
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from control_equivalence import count_same_action  # noqa: E402
from data_parts import HELD_OUT_HALVES  # noqa: E402
from eval_paraphrase import HELD_OUT, Scorer, records_of  # noqa: E402

from voice_guide.nlu.controls import CONTROL_INTENTS  # noqa: E402
from voice_guide.nlu.controls_learned import (  # noqa: E402
    NEVER_CHOSEN,
    READABLE_VERSIONS,
    ControlModelData,
    LearnedControls,
    read_model,
)
from voice_guide.nlu.state import DialogueState  # noqa: E402
from voice_guide.nlu.understanding import CLAUSE_ALTERNATIVES, COMMANDS_ONLY_NO_VETO, CUE_OVER_KNOWLEDGE  # noqa: E402


def configure(u: Any, model: LearnedControls, variant: str, bar: float) -> None:
    """Set the understander ``u`` and ``model`` to ``variant``."""
    u.learned_controls = None if variant == "off" else model
    settings = [] if variant in ("off", "file") or variant[:1].isdigit() else variant.split("/")
    if settings and settings[0] == "file":
        variant, settings = "file", settings[1:]
    shipped = variant == "file"
    u.clause_alternatives = CLAUSE_ALTERNATIVES if shipped else frozenset()
    u.commands_only_no_veto = COMMANDS_ONLY_NO_VETO if shipped else False
    model.min_probability = float(variant) if variant[:1].isdigit() else bar
    u.learned_before_fuzzy = "before" in settings
    u.learned_over_knowledge = None
    u.cue_over_knowledge = CUE_OVER_KNOWLEDGE if variant == "file" else None
    u.clause_last_first = "first-clause" not in settings
    model.never_chosen = set(NEVER_CHOSEN)
    if variant != "file":
        model.overrule, model.veto, model.choose, model.restricted = {}, {}, None, set()
    for setting in settings:
        key, _, value = setting.partition("@")
        if key in _ALTERNATIVES:
            u.clause_alternatives = _ALTERNATIVES[key]
        elif key in ("all-commands", "no-all-commands"):
            u.commands_only_no_veto = key == "all-commands"
        elif key == "know":
            u.learned_over_knowledge = float(value)
        elif key == "agree":
            u.cue_over_knowledge = float(value)
        elif key == "choose":
            model.choose = float(value)
        elif key == "choose-any":
            model.never_chosen = set()
        elif key.startswith("restrict-"):
            model.restricted.add(key[9:])
        elif key.startswith("veto-"):
            model.veto[key[5:]] = float(value)
        elif value:
            model.overrule[key] = float(value)


_ALTERNATIVES = {"alt-yes": frozenset({"yes"}), "alt-yes-pause": frozenset({"yes", "pause"}), "alt-all": frozenset(CONTROL_INTENTS), "alt-off": frozenset()}


def score(scorer: Scorer, names: list[str], label: str, failures: bool = False) -> dict[str, list[int]]:
    """Per set: [controls right, controls, knowledge right, knowledge, OOD wrongly answered, OOD];
    with ``failures`` (tuning parts only), every control miss and every other line taken as a
    command, with how the command was found."""
    out: dict[str, list[int]] = {}
    for name in names:
        rows = scorer.paraphrase(records_of(name))
        if _MEANS:
            _by_means(rows, records_of(name))
        if failures:
            print_failures(name, rows, scorer)
        cells = []
        for kind in ("control", "knowledge", "ood"):
            rs = [r for r in rows if r["kind"] == kind]
            ok = sum(r["ok"] for r in rs)
            cells += [ok if kind != "ood" else len(rs) - ok, len(rs)]
        out[name] = cells
        if label:
            extra = ""
            if _SAME_ACTION:
                extra = f" (same action {count_same_action([r for r in rows if r['kind'] == 'control'])[1]})"
            print(f"{label:28s} {name:11s} " + line(cells) + extra)
    return out


def print_failures(name: str, rows: list[dict[str, Any]], scorer: Scorer) -> None:
    """The control misses of tuning part ``name`` and the other lines taken as a command, each with
    how the understander found its command (``ControlHit.how``) and the template / cue / model views."""
    if name in HELD_OUT:
        raise SystemExit(f"{name} is held out: its lines are never printed")
    u = scorer.understander
    records = {r["id"]: r for r in records_of(name)}
    for row in rows:
        taken = row["kind"] != "control" and row["got"] in CONTROL_INTENTS
        if (row["ok"] or row["kind"] != "control") and not taken:
            continue
        state = DialogueState(records[row["id"]].get("state") or "idle")
        cleaned = u._clean(row["text"])
        _LAST_HOW[0] = "-"
        u.understand(row["text"], state)
        views = []
        for label, hit in (("exact", u.controls.exact(cleaned, state)), ("cue", u.controls.cue(cleaned, state)),
                           ("model", u.learned_controls.predict(cleaned, state) if u.learned_controls else None)):
            views.append(f"{label}={hit.intent}/{hit.how}" if hit is not None else f"{label}=-")
        best = u.learned_controls._best(cleaned, state) if u.learned_controls else None
        if best is not None:
            views.append(f"best={best[0]}@{best[1]:.2f}")
        print(f"  MISS {row['id']} [{row['kind']}/{state.value}] {row['text']!r} want {row['expected']} "
              f"got {row['got']} via {_LAST_HOW[0]}  " + " ".join(views))


_LAST_HOW: list[str] = ["-"]

_MEANS: dict[str, dict[str, str]] = {}
_SAME_ACTION: list[bool] = []
"""With ``--same-action``: [True] (scripts/control_equivalence.py's count is printed too)."""
"""With ``--means``: dialogue state -> the pack's ``means`` there (intents.yaml ``state_preferences``)."""


def state_means(pack: Any) -> dict[str, dict[str, str]]:
    """Dialogue state -> the pack's ``means`` there (intent -> the intent it stands for in that state)."""
    prefs = (pack.intents or {}).get("state_preferences") or {}
    return {str(k): {str(a): str(b) for a, b in ((v or {}).get("means") or {}).items()} for k, v in prefs.items()}


def _by_means(rows: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Count a control miss as right when the state's ``means`` maps the expected intent to the one
    understood (the tenth round's scoring rule, "all set" labelled ``ready`` at the safety check is the
    ``yes`` the guide gives there); only intents without slots."""
    by_id = {r["id"]: r for r in records}
    for row in rows:
        record = by_id[row["id"]]
        if row["kind"] != "control" or row["ok"] or record.get("slots"):
            continue
        meant = _MEANS.get(record.get("state") or "idle", {}).get(record["intent"])
        row["ok"] = meant is not None and row["got"] == meant


def _record_how() -> None:
    """Note how the understander found each command (for ``print_failures``)."""
    from voice_guide.nlu import understanding

    original = understanding._control

    def control(hit: Any, cleaned: str) -> Any:
        _LAST_HOW[0] = hit.how
        return original(hit, cleaned)

    understanding._control = control  # type: ignore[assignment]


def line(c: list[int]) -> str:
    return f"control {c[0]}/{c[1]}, knowledge {c[2]}/{c[3]}, ood wrongly answered {c[4]}/{c[5]}"


def cross_validate(scorer: Scorer, variants: list[str], failures: bool = False, version: int | None = None,
                   authors: list[str] | None = None) -> None:
    """Each tuning author (of ``authors``, default all) scored with a model fitted without it, in every variant; totals."""
    from build_training_sets import TUNING_PARTS
    from fit_control_model import BUCKETS, Lab

    u = scorer.understander
    base: LearnedControls = u.learned_controls
    lab = Lab(version or base.data.version)
    parts = [p for _, _, _, p in lab.lines]
    totals: dict[str, list[int]] = {v: [0] * 6 for v in variants}
    for held in authors or TUNING_PARTS:
        weights = lab.fit(np.asarray([p != held for p in parts]))
        data = ControlModelData(weights, lab.classes, lab.allowed(set(TUNING_PARTS) - {held}), BUCKETS,
                                base.min_probability, "cv", lab.version)
        model = LearnedControls(data, base._vectors, u.controls)
        for variant in variants:
            configure(u, model, variant, base.min_probability)
            cells = score(scorer, [held], variant, failures)[held]
            totals[variant] = [a + b for a, b in zip(totals[variant], cells, strict=True)]
    for variant, cells in totals.items():
        print(f"CV total {variant:28s} " + line(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(HELD_OUT_HALVES))
    parser.add_argument("--variants", default="off,file,before",
                        help="comma-separated variants (see the module's docstring)")
    parser.add_argument("--cv", action="store_true", help="leave one tuning author out (the --sets are ignored)")
    parser.add_argument("--features", type=int, choices=READABLE_VERSIONS,
                        help="with --cv: the features of the models fitted (file version; default: the pack file's)")
    parser.add_argument("--failures", action="store_true",
                        help="with --cv: print each tuning author's control misses and lines taken as a command")
    parser.add_argument("--authors", help="with --cv: only these tuning parts (comma-separated), each left out in turn")
    parser.add_argument("--model", type=Path, help="score this control-model file instead of the pack's")
    parser.add_argument("--means", action="store_true",
                        help="also count an expected intent the state's means maps to the one understood (not the default)")
    parser.add_argument("--same-action", action="store_true",
                        help="also print the controls right by action (scripts/control_equivalence.py)")
    args = parser.parse_args(argv)
    if args.same_action:
        _SAME_ACTION.append(True)
    if args.failures and not args.cv:
        parser.error("--failures only with --cv (tuning parts only)")
    if args.failures:
        _record_how()
    scorer = Scorer()
    if args.means:
        _MEANS.update(state_means(scorer.pack))
    u = scorer.understander
    model = u.learned_controls
    if model is None:
        raise SystemExit("the pack has no learned control model")
    if args.model is not None:
        model = u.learned_controls = LearnedControls(read_model(args.model), model._vectors, u.controls)
    variants = args.variants.split(",")
    if args.cv:
        cross_validate(scorer, variants, args.failures, args.features, args.authors.split(",") if args.authors else None)
        return 0
    bar = model.min_probability
    for variant in variants:
        configure(u, model, variant, bar)
        scorer.times_ms.clear()
        totals = [0] * 6
        for cells in score(scorer, args.sets.split(","), variant).values():
            totals = [a + b for a, b in zip(totals, cells, strict=True)]
        print(f"{variant:28s} total       " + line(totals))
        print(f"{variant:28s} understanding median {statistics.median(scorer.times_ms):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
