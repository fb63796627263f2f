#!/usr/bin/env python3
"""Fit the pack's learned control-intent model (``controls_model.npz``, voice_guide/nlu/controls_learned.py).

Training lines: the control lines of the tuning parts of the paraphrase sets (``data_parts.PARAPHRASE_TUNING``:
``tune``, ``tune2``, ``tune3`` and the odd ids of the split sets; each has a state and an intent), the pack's own control
templates' samples, and as the ``none`` class the knowledge and out-of-domain lines of the same
tuning parts plus the pack's own questions (topic samples, ``training.yaml``, out-of-domain
samples). Never a test part, a held-out half (``data_parts.HELD_OUT_HALVES``) or the shared dev set;
a line within fuzzy ratio 85 of a dev-set or held-out line is dropped (compared only).

The state restriction (``allowed``): every intent may be given in every state, except the
state-bound ones (yes, no, ready, resume, next, previous, more), which are allowed only in the
states the authors said them in, or that prefer or map them (``state_preferences``).

    python3 scripts/fit_control_model.py --cv            # the bar: leave one author out
    python3 scripts/fit_control_model.py --held-out      # model alone on tune4:even, tune5:even (aggregates)
    python3 scripts/fit_control_model.py --write --bar 0.7
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_training_sets import HELD_OUT_PARTS, TUNING_PARTS, _too_close, guarded_keys  # noqa: E402
from eval_paraphrase import records_of  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.core.files import write_atomic  # noqa: E402
from voice_guide.lang import get_language  # noqa: E402
from voice_guide.nlu import classifier as clf  # noqa: E402
from voice_guide.nlu.controls import ControlMatcher  # noqa: E402
from voice_guide.nlu.controls_learned import (  # noqa: E402
    FORMAT_VERSION,
    MODEL_FILE,
    NONE,
    READABLE_VERSIONS,
    STATES,
    ControlModelData,
    save_model,
    sparse_row,
)
from voice_guide.nlu.embedding import load_embedder  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402

BUCKETS = 4096
TEMPLATE_SAMPLES = 60
"""Template samples per intent (spread over hassil's samples)."""
STATE_BOUND = ("yes", "no", "ready", "resume", "next", "previous", "more")
BARS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
SETTINGS = clf.TrainingSettings(iterations=150)

Line = tuple[str, str, str, str]
"""(cleaned text, class, state, source part)."""


class Lab:
    """The training lines, embedded once."""

    def __init__(self, version: int = FORMAT_VERSION) -> None:
        self.version = version
        """The file version whose features the rows have (1: words and pairs; 2: and character trigrams)."""
        self.pack = load_pack()
        self.language = get_language(str(self.pack.intents.get("language", "en")))
        embedder = load_embedder()
        if embedder is None:
            raise SystemExit("the wordllama model is needed")
        self.embedder = embedder
        self.controls = ControlMatcher(self.pack.intents)
        guarded = guarded_keys()
        self.lines: list[Line] = []
        self.dropped = 0
        for part in TUNING_PARTS:
            for r in records_of(part):
                if _too_close(r["text"], guarded):
                    self.dropped += 1
                    continue
                label = r["intent"] if r["kind"] == "control" else NONE
                self.lines.append((self.clean(r["text"]), label, r.get("state") or "idle", part))
        self.lines += [(self.clean(t), NONE, "idle", "pack") for t in self._pack_questions()]
        for name, samples in self.controls.samples.items():
            step = max(1, len(samples) // TEMPLATE_SAMPLES)
            self.lines += [(s, name, "", "templates") for s in samples[::step][:TEMPLATE_SAMPLES]]
        self.classes = tuple(sorted({c for _, c, _, _ in self.lines} - {NONE})) + (NONE,)
        texts = [t for t, _, _, _ in self.lines]
        self.vectors = embedder.embed(texts)
        self.rows = [sparse_row(t, BUCKETS, version) for t in texts]
        self.labels = np.asarray([self.classes.index(c) for _, c, _, _ in self.lines])

    def clean(self, text: str) -> str:
        return self.language.normalize(text)

    def _pack_questions(self) -> list[str]:
        extra = yaml.safe_load((self.pack.root / clf.TRAINING_FILE).read_text(encoding="utf-8")) if self.pack.root else {}
        out = [str(s) for t in self.pack.topics for s in t.samples]
        out += [str(q) for qs in (extra.get("topics") or {}).values() for q in qs]
        out += [str(q) for q in [*(self.pack.intents.get("out_of_domain_samples") or []), *(extra.get("out_of_domain") or [])]]
        return out

    def allowed(self, parts: set[str]) -> np.ndarray:
        """(states, classes) booleans from the control lines of ``parts`` and the state preferences."""
        seen: dict[str, set[str]] = defaultdict(set)
        for _, c, state, part in self.lines:
            if part in parts and c != NONE:
                seen[state].add(c)
        out = np.ones((len(STATES), len(self.classes)), dtype=bool)
        for i, state in enumerate(STATES):
            pref = self.controls.preferences.get(DialogueState(state))
            ok = set(seen[state]) | (set(pref.prefer) | set(pref.means) if pref is not None else set())
            for j, c in enumerate(self.classes):
                out[i, j] = c not in STATE_BOUND or c in ok
        return out

    def fit(self, keep: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(keep)
        return clf._fit(self.vectors[idx], [self.rows[i] for i in idx], BUCKETS, self.labels[idx], len(self.classes), SETTINGS)


def predict(weights: np.ndarray, allowed: np.ndarray, vector: np.ndarray, text: str, state: str,
            classes: tuple[str, ...], version: int = FORMAT_VERSION) -> tuple[str, float]:
    dim = vector.shape[0]
    row = sparse_row(text, BUCKETS, version)
    z = vector @ weights[:dim] + weights[-1]
    if len(row.columns):
        z = z + row.values @ weights[dim + row.columns]
    keep = np.flatnonzero(allowed[STATES.index(state)])
    z = z[keep] - z[keep].max()
    p = np.exp(z)
    p /= p.sum()
    best = int(p.argmax())
    return classes[keep[best]], float(p[best])


def curve(name: str, got: list[tuple[str, str, float]]) -> None:
    """Per bar: controls right / controls wrong / non-commands taken (``got``: expected, predicted, probability)."""
    n_c = sum(e != NONE for e, _, _ in got)
    n_n = len(got) - n_c
    cells = []
    for bar in BARS:
        right = sum(e != NONE and g == e and p >= bar for e, g, p in got)
        wrong = sum(e != NONE and g not in (e, NONE) and p >= bar for e, g, p in got)
        taken = sum(e == NONE and g != NONE and p >= bar for e, g, p in got)
        cells.append(f"{bar}: {right}/{wrong}/{taken}")
    print(f"  {name:22s} ({n_c} controls, {n_n} others)  " + "  ".join(cells))


class _Recorder:
    """Stands in for the learned model in the understander: notes the texts that reach it."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def predict(self, cleaned: str, state: DialogueState) -> None:
        self.seen.add((cleaned, state.value))


def reaching(before_fuzzy: bool) -> set[tuple[str, str]]:
    """``(cleaned text, state)`` of the tuning lines that reach the learned model in the pipeline."""
    from voice_guide.engine import Engine

    understander = Engine().understander
    recorder = _Recorder()
    understander.learned_controls = recorder  # type: ignore[assignment]
    understander.learned_before_fuzzy = before_fuzzy
    for part in TUNING_PARTS:
        for r in records_of(part):
            understander.understand(r["text"], DialogueState(r.get("state") or "idle"))
    return recorder.seen


def cross_validate(lab: Lab, pipeline: bool) -> None:
    print("leave one author out; per bar: controls right / controls wrong / knowledge+OOD taken as a control")
    parts = [p for _, _, _, p in lab.lines]
    total: list[tuple[str, str, float]] = []
    views = {"alone": None}
    if pipeline:
        views |= {"hook": reaching(False), "before fuzzy": reaching(True)}
    totals: dict[str, list[tuple[str, str, float]]] = {v: [] for v in views}
    for held in TUNING_PARTS:
        keep = np.asarray([p != held for p in parts])
        weights = lab.fit(keep)
        allowed = lab.allowed(set(TUNING_PARTS) - {held})
        for view, seen in views.items():
            got = [(c, *predict(weights, allowed, lab.vectors[i], t, s, lab.classes, lab.version))
                   for i, (t, c, s, p) in enumerate(lab.lines) if p == held and (seen is None or (t, s) in seen)]
            curve(f"{held} {view}", got)
            totals[view] += got
    for view, total in totals.items():
        curve(f"all {view}", total)


def held_out(lab: Lab) -> None:
    weights = lab.fit(np.ones(len(lab.lines), dtype=bool))
    allowed = lab.allowed(set(TUNING_PARTS))
    print("model alone, trained on all tuning parts; held out (aggregates only):")
    for part in HELD_OUT_PARTS:
        records = records_of(part)
        texts = [lab.clean(r["text"]) for r in records]
        vectors = lab.embedder.embed(texts)
        got = [(r["intent"] if r["kind"] == "control" else NONE,
                *predict(weights, allowed, vectors[i], texts[i], r.get("state") or "idle", lab.classes, lab.version))
               for i, r in enumerate(records)]
        curve(part, got)


def write(lab: Lab, bar: float, out: Path) -> None:
    weights = lab.fit(np.ones(len(lab.lines), dtype=bool))
    counts = defaultdict(int)
    for _, c, _, p in lab.lines:
        counts["templates" if p == "templates" else ("none" if c == NONE else "control lines")] += 1
    about = (f"Learned control-intent model of voice_guide/nlu/controls_learned.py (format {lab.version}), fitted by "
             f"scripts/fit_control_model.py --write --bar {bar} --features {lab.version} on the control lines of the paraphrase tuning parts "
             f"{', '.join(TUNING_PARTS)} (tests/data/paraphrase/), the pack's template samples and, as 'none', "
             f"the knowledge and out-of-domain lines of those parts and the pack's own questions "
             f"({dict(counts)}; {lab.dropped} lines close to the dev set or a held-out half dropped). "
             f"Never a test part, {', '.join(HELD_OUT_PARTS)} or the dev set. Rebuild, do not edit.")
    data = ControlModelData(weights, lab.classes, lab.allowed(set(TUNING_PARTS)), BUCKETS, bar, about, lab.version)
    write_atomic(out, save_model(data))
    print(f"written {out} ({out.stat().st_size} bytes): {about}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-author-out curve of the bar")
    parser.add_argument("--pipeline", action="store_true",
                        help="with --cv: also only the lines that reach the model in the pipeline (at the hook, before fuzzy)")
    parser.add_argument("--held-out", action="store_true", help="model alone on the held-out halves (aggregates)")
    parser.add_argument("--write", action="store_true", help="fit on every tuning part and write the pack's file")
    parser.add_argument("--bar", type=float, default=0.7, help="the probability bar written in the file")
    parser.add_argument("--features", type=int, choices=READABLE_VERSIONS, default=FORMAT_VERSION,
                        help="the file version, which says the features: 1 words and word pairs, 2 and character trigrams")
    parser.add_argument("--out", type=Path, help=f"where to write (default: the pack's {MODEL_FILE})")
    args = parser.parse_args(argv)
    lab = Lab(args.features)
    print(f"{len(lab.lines)} lines, {len(lab.classes)} classes, {lab.dropped} dropped as close to held-out lines")
    if args.cv:
        cross_validate(lab, args.pipeline)
    if args.held_out:
        held_out(lab)
    if args.write:
        write(lab, args.bar, args.out or (lab.pack.root or Path(".")) / MODEL_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
