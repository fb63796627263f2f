#!/usr/bin/env python3
"""Fit the learned safety net (voice_guide/nlu/safety_learned.py) and write its weights file.

Training lines: the tuning parts of the safety set only (tests/data/safety/tune, tune2, tune3,
tune4 and the odd ids of the later split sets, ``data_parts.SAFETY_TUNING``; never test.jsonl, never the held-out
halves, and no line within fuzzy ratio 85 of one of theirs), plus the rules' regression phrasings (tests/nlu/safety_probes*.txt, written by the sessions; a ``red_flag``
line is labelled with the kind the rules give it), the concepts' sample phrases of
safety.yaml, and the guide's own everyday talk as class none (the shipped packs' control
phrasings, topic and out-of-domain training questions; with ``--everyday`` the ``learned.everyday_lines``
of safety.yaml, with ``--paraphrase`` the paraphrase set's tuning lines of those kinds: both measured
in the tenth session and off as shipped; with ``--kinds`` the ``learned.everyday_kinds`` of safety.yaml, everyday
plans, visits and moods built from openers x what x when, and their ``contrast_kinds``: measured in the twenty-fifth
session and off as shipped). Fitted by softmax regression (full-batch Adam:
the project classifier's own :func:`voice_guide.nlu.classifier.fit_softmax`).

    python3 scripts/fit_safety_model.py --cv          # cross-validation by author: the curve
    python3 scripts/fit_safety_model.py --write       # fit on everything, write packs/defaults/safety_model.npz
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import PARAPHRASE_TUNING, SAFETY_HELD_OUT, SAFETY_TUNING, SAFETY_WHOLE_LATE, in_half  # noqa: E402

from voice_guide.content.pack import DEFAULTS_DIR, PACKS_DIR, load_pack  # noqa: E402
from voice_guide.core.files import write_atomic  # noqa: E402
from voice_guide.nlu.classifier import SparseRow, TrainingSettings, fit_softmax, training_data  # noqa: E402
from voice_guide.nlu.controls import ControlMatcher  # noqa: E402
from voice_guide.nlu.embedding import load_embedder  # noqa: E402
from voice_guide.nlu.safety import FindingKind, SafetyRules  # noqa: E402
from voice_guide.nlu.safety_learned import (  # noqa: E402
    CLASSES,
    FeatureSettings,
    feature_row,
    feature_text,
    probabilities,
    save_weights,
)

DATA = ROOT / "tests" / "data" / "safety"
PROBES = sorted((ROOT / "tests" / "nlu").glob("safety_probes*.txt"))
AUTHORS = tuple(part for part in SAFETY_TUNING if part not in SAFETY_WHOLE_LATE)
"""The net's author sets: the safety tuning parts but the late whole sets (fiftieth session: a net fitted with tune53
and tune54 too read plain lines as crisis at 0.70-0.73, over the long-message bar, "how am i meant to use this thing"
among them; those two sets tune the rules only)."""
"""The author sets: the folds of the cross-validation (the held-out halves ``data_parts.SAFETY_HELD_OUT`` are never read here)."""

LABEL = {"near_miss": 0, "emergency": 1, "crisis": 2}

PARAPHRASE = ROOT / "tests" / "data" / "paraphrase"
PARAPHRASE_PARTS = PARAPHRASE_TUNING
"""The tuning parts of the paraphrase set (never test.jsonl or an even id): how the authors talk to
the guide (commands, chit-chat, out-of-domain questions), class none for the net (tenth session)."""


@dataclass
class Line:
    text: str
    label: int
    source: str
    """An author set of :data:`AUTHORS`, or ``probes`` / ``samples``."""
    group: str = ""



HELD_OUT = SAFETY_HELD_OUT
"""Safety parts never trained on; a training line within fuzzy ratio :data:`CLOSE_RATIO` of one of
their lines is dropped (compared only, never written or printed)."""

CLOSE_RATIO = 85.0


@functools.cache
def _guarded() -> tuple[str, ...]:
    return tuple(_key(line.text) for part in HELD_OUT for line in _read_part(part))


def _key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() or ch == "'" else " " for ch in text.lower()).split())


def _near_held_out(text: str) -> bool:
    from rapidfuzz import fuzz, process

    return process.extractOne(_key(text), _guarded(), scorer=fuzz.ratio, score_cutoff=CLOSE_RATIO) is not None


def author_lines(part: str) -> list[Line]:
    """The lines of one author set (``tune5:odd``: only its odd ids), without any line near a
    held-out part's (:data:`HELD_OUT`)."""
    return [line for line in _read_part(part) if not _near_held_out(line.text)]


def _read_part(part: str) -> list[Line]:
    """Every line of one part of the safety set (``tune5:odd``: only its odd ids)."""
    return [Line(row["text"], LABEL[row["kind"]], part, row.get("concept") or row.get("reason") or "")
            for row in _rows(DATA, part)]


def _rows(folder: Path, part: str) -> list[dict]:
    """The records of one part in ``folder`` (``tune5:odd``: only its odd ids)."""
    name, _, half = part.partition(":")
    out = []
    with open(folder / f"{name}.jsonl", encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            row = json.loads(raw)
            if not in_half(row["id"], half):
                continue
            out.append(row)
    return out


def probe_lines(rules: SafetyRules) -> list[Line]:
    """The rules' regression phrasings (``kind|group|text``), labelled by the rules' kind for red flags."""
    out = []
    for path in PROBES:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            kind, group, text = raw.split("|", 2)
            if kind == "near_miss":
                out.append(Line(text, 0, "probes", group))
                continue
            if _near_held_out(text):
                continue
            found = rules.assess(text).kind
            label = 2 if group == "crisis" or found is FindingKind.CRISIS else 1
            out.append(Line(text, label, "probes", group))
    return out


def sample_lines(rules: SafetyRules) -> list[Line]:
    """The sample phrases (and ``training_lines``) of the emergency and crisis concepts of safety.yaml."""
    out = []
    for concept in rules.concepts.values():
        if concept.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS):
            label = 2 if concept.kind is FindingKind.CRISIS else 1
            out += [Line(s, label, "samples", concept.id) for s in concept.samples]
    for cid, cdata in (load_pack().safety.get("concepts") or {}).items():  # lines for the net only
        concept = rules.concepts.get(str(cid))
        if concept is not None and concept.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS):
            label = 2 if concept.kind is FindingKind.CRISIS else 1
            out += [Line(str(s), label, "samples", concept.id) for s in (cdata or {}).get("training_lines") or []]
    return out


ARRIVALS = {"tune2": "dc7c11b", "tune3": "fd5a135", "tune4": "b201262^", "tune5:odd": "77a2741", "tune6:odd": "1480b39^", "tune7:odd": "1dbfef6", "tune8:odd": "5d3e9c7", "tune10:odd": "8ddf1fb", "tune12:odd": "7289746", "tune13:odd": "7289746", "tune14:odd": "b810111", "tune15:odd": "8a05c01", "tune16:odd": "2d34728", "tune17:odd": "84c84ec", "tune18:odd": "3ea124a", "tune19:odd": "baecf18", "tune20:odd": "2d8f482", "tune21:odd": "a0a6634", "tune22:odd": "59ff764", "tune23:odd": "a6f044c", "tune24:odd": "2da10d6", "tune25:odd": "139ba23", "tune26:odd": "cb30b9e", "tune27:odd": "ace19d6", "tune28:odd": "db714de", "tune29:odd": "970d53f", "tune30:odd": "970d53f", "tune31:odd": "9703061", "tune32:odd": "c05dcad", "tune33:odd": "2a20246", "tune34:odd": "ff82c13", "tune35:odd": "ac26f0d", "tune36:odd": "604d541", "tune37:odd": "60cf9b4", "tune38:odd": "60cf9b4", "tune39:odd": "c6a9397", "tune40:odd": "70e8c9c", "tune41:odd": "94b2cb7", "tune42:odd": "fa1afd4", "tune43:odd": "c0466bb", "tune44:odd": "dd5a1bb", "tune45:odd": "52c7b99", "tune46:odd": "36f0e4e", "tune47:odd": "d1f1cb6", "tune48:odd": "399ece5", "tune49:odd": "6d42f39", "tune50:odd": "1b58804", "tune51:odd": "8a90b08", "tune52:odd": "7d9af51"}
"""The code each author set was first scored on, before any rule was written for it."""

_OLD_RULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from voice_guide.content.pack import load_pack
from voice_guide.nlu.safety import SafetyRules
rules = SafetyRules(load_pack().safety)
print(json.dumps([rules.assess(t).kind.value for t in json.load(sys.stdin)]))
"""


def arrival_kinds(part: str, texts: list[str]) -> np.ndarray:
    """What the rules found in each line as they were when ``part`` arrived (that commit's code,
    extracted with git archive into /tmp; cached there): the finding kinds' values."""
    commit = subprocess.run(["git", "rev-parse", ARRIVALS[part]], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout.strip()
    folder = Path("/tmp") / f"safety-rules-{commit[:10]}"
    cache = folder / f"kinds-{hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:16]}.json"
    if not cache.is_file():
        if not (folder / "voice_guide").is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "archive", commit, "voice_guide"], cwd=ROOT, check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        out = subprocess.run([sys.executable, "-c", _OLD_RULES, str(folder)], input=json.dumps(texts), text=True,
                             check=True, capture_output=True, cwd=folder).stdout
        cache.write_text(out, encoding="utf-8")
    return np.asarray(json.loads(cache.read_text(encoding="utf-8")), dtype=object)


def arrival_curve(lines: list[Line], probs: np.ndarray, labels: np.ndarray, rules: SafetyRules) -> None:
    """The rules as each author set found them, alone and with the net under them."""
    held = [line for line in lines if line.source in AUTHORS]
    sources = np.asarray([line.source for line in held])
    keep = np.isin(sources, list(ARRIVALS))
    kinds = np.full(len(held), "none", dtype=object)
    for part in ARRIVALS:
        at = sources == part
        kinds[at] = arrival_kinds(part, [line.text for line, a in zip(held, at, strict=True) if a])
    flags = (kinds == "emergency") | (kinds == "crisis")
    e, c, n = (labels == 1) & keep, (labels == 2) & keep, (labels == 0) & keep
    print(f"  rules on arrival ({', '.join(ARRIVALS)}): emergencies {flags[e].sum()}/{e.sum()}, "
          f"crisis {flags[c].sum()}/{c.sum()}, near misses flagged {flags[n].sum()}/{n.sum()}")
    print("  with the net under them: crisis bar, emergency bar -> emergencies, crisis, near misses flagged "
          "(replies); confirmation questions at the confirm bar: emergencies, near misses")
    for crisis_at in (0.95, 0.9, 0.85, 0.8, 0.7):
        for emergency_at in (0.97, 0.95, 0.9, 0.85):
            red = flags | (probs[:, 2] >= crisis_at) | (probs[:, 1] >= emergency_at)
            line = (f"    {crisis_at:.2f} {emergency_at:.2f} -> {red[e].sum():>4} {red[c].sum():>4} {red[n].sum():>3}")
            for confirm_at in (0.9, 0.8, 0.7, 0.6):
                ask = ~red & (probs[:, 1] >= confirm_at)
                line += f" | {confirm_at:.1f}: {ask[e].sum():>3} {ask[n].sum():>3}"
            print(line)
    print("  a veto by the net (none probability at least v) of the rules' alarms on arrival: v -> "
          "emergencies lost, crisis lost, near misses removed; of the rules' emergency alarms only: "
          "emergencies, crisis lines, near misses")
    for veto_at in (0.999, 0.995, 0.99, 0.98, 0.95, 0.9, 0.85, 0.8, 0.7):
        vetoed = flags & (probs[:, 0] >= veto_at)
        doubted = vetoed & (kinds == "emergency")
        print(f"    {veto_at:.3f} -> {vetoed[e].sum():>3} {vetoed[c].sum():>3} {vetoed[n].sum():>3}; "
              f"{doubted[e].sum():>3} {doubted[c].sum():>3} {doubted[n].sum():>3}")
    band_curve(held, probs, labels, flags, keep)
    cue = np.asarray([alarm_clause_cue(rules, line.text) for line in held])
    print("  the same veto only where every clause of an emergency phrase (the current rules' clauses, live or "
          "cancelled) has a history, question or idiom cue of the rules' context "
          f"({cue[e].sum()} emergencies, {cue[c].sum()} crisis lines, {cue[n].sum()} near misses have one): "
          "v -> emergencies lost, crisis lost, near misses removed")
    for veto_at in (0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5):
        vetoed = (kinds == "emergency") & cue & (probs[:, 0] >= veto_at)
        print(f"    {veto_at:.3f} -> {vetoed[e].sum():>3} {vetoed[c].sum():>3} {vetoed[n].sum():>3}")


LENGTH_BANDS = ((1, 4), (5, 6), (7, 9), (10, 14), (15, 1000))
"""Word-count bands of :func:`band_curve` (the net's crisis bar depends on length: ``learned.long_words``)."""

BAND_BARS = (0.9, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4)


def band_curve(held: list[Line], probs: np.ndarray, labels: np.ndarray, flags: np.ndarray, keep: np.ndarray) -> None:
    """The net's crisis bar per length band (thirty-second session), over what the rules on arrival missed: per
    band, crisis lines the rules missed and the net raises as crisis at the bar, near misses it raises as crisis,
    emergencies it raises as crisis (a crisis reply to an emergency is the wrong reply, not a miss)."""
    words = np.asarray([len(line.text.split()) for line in held])
    missed = keep & ~flags
    print("  the crisis bar per length band, over the lines the rules on arrival missed: words (crisis missed, "
          "near misses not flagged) | bar: crisis caught, near misses raised, emergencies raised as crisis")
    for low, high in LENGTH_BANDS:
        band = missed & (words >= low) & (words <= high)
        c, n, e = band & (labels == 2), band & (labels == 0), band & (labels == 1)
        line = f"    {low:>2}-{min(high, 99):<2} ({c.sum():>3} {n.sum():>4})"
        for bar in BAND_BARS:
            up = probs[:, 2] >= bar
            line += f" | {bar:.2f}: {up[c].sum():>2} {up[n].sum():>2} {up[e].sum():>2}"
        print(line)


def alarm_clause_cue(rules: SafetyRules, text: str) -> bool:
    """True when every clause holding an emergency phrase of the current rules (live or cancelled:
    the rules on arrival may have let it stand) has a context cue, as ``learned.doubt_in_context_at`` asks."""
    hits = [h for h in rules.hits(text) if rules.concepts[h.concept].kind is FindingKind.EMERGENCY]
    return bool(hits) and (all(rules.context_cue(h.clause) for h in hits) or rules.reference_cue(text)
                           or rules.denial_cue(text))


GUIDE_SAMPLES_PER_INTENT = 30
"""Control phrasings taken per intent (their templates expand to thousands of near copies)."""


def guide_lines(rules: SafetyRules) -> list[Line]:
    """Everyday talk to the guide, class none: every shipped pack's control phrasings (a sample
    per intent), its topic and out-of-domain training questions and its live phrases; a line
    the rules flag is left out."""
    texts: list[str] = []
    for folder in sorted(p for p in PACKS_DIR.iterdir() if (p / "article.yaml").is_file()):
        pack = load_pack(folder)
        chooser = random.Random(6)
        for samples in ControlMatcher(pack.intents).samples.values():
            texts += chooser.sample(list(samples), min(GUIDE_SAMPLES_PER_INTENT, len(samples)))
        data = training_data(pack)
        texts += list(data.texts) if data is not None else []
        texts += [str(p) for p in pack.intents.get("live_phrases") or []]
    texts = list(dict.fromkeys(t for t in texts if t.strip()))
    return [Line(t, 0, "guide", "guide") for t in texts if not rules.assess(t).is_red_flag]


def paraphrase_lines(rules: SafetyRules, kinds: tuple[str, ...]) -> list[Line]:
    """Lines of the paraphrase set's tuning parts of ``kinds`` (control, ood, knowledge), class none,
    source ``para:<part>`` (left out with the safety author set of the same name in the
    cross-validation); a line the rules flag is left out."""
    out = []
    for part in PARAPHRASE_PARTS:
        for row in _rows(PARAPHRASE, part):
            if row.get("kind") in kinds and not _near_held_out(row["text"]) \
                    and not rules.assess(row["text"]).is_red_flag:
                out.append(Line(row["text"], 0, f"para:{part}", str(row.get("kind"))))
    return out


def everyday_lines(rules: SafetyRules) -> list[Line]:
    """The ``learned.everyday_lines`` of safety.yaml (talk to the guide written for the net, class
    none); a line the rules flag is left out."""
    learned = load_pack().safety.get("learned") or {}
    return [Line(str(t), 0, "everyday", "everyday") for t in learned.get("everyday_lines") or []
            if str(t).strip() and not rules.assess(str(t)).is_red_flag]


KINDS_SEED = 25
"""The fixed draw of :func:`kind_lines` (the same lines on every run)."""


def kind_lines(rules: SafetyRules) -> list[Line]:
    """The ``learned.everyday_kinds`` of safety.yaml, class none (twenty-fifth session): every opener x what x when
    of each kind (plans and wishes, visits, moods about everyday things), a fixed draw of
    ``learned.everyday_kinds_per_kind`` per kind, a line the rules flag left out; and their minimal pairs,
    ``learned.contrast_kinds`` (the same openers and times with a wish of death or harm), class crisis. A line near a
    held-out line is left out."""
    learned = load_pack().safety.get("learned") or {}
    chooser = random.Random(KINDS_SEED)
    out = []
    for key, label in (("everyday_kinds", 0), ("contrast_kinds", 2)):
        per_kind = int(learned.get(f"{key}_per_kind") or 0)
        for name, kind in (learned.get(key) or {}).items():
            texts = [" ".join(w for w in (str(o), str(x), str(t)) if w) for o in kind.get("openers") or []
                     for x in kind.get("what") or [] for t in kind.get("when") or [""]]
            texts = chooser.sample(texts, min(per_kind, len(texts)))
            out += [Line(t, label, "kinds", str(name)) for t in texts
                    if (label or not rules.assess(t).is_red_flag) and not _near_held_out(t)]
    return out


def vectors(texts: list[str]) -> np.ndarray:
    """Sentence vectors of the feature texts (cached in /tmp while experimenting)."""
    embedder = load_embedder()
    if embedder is None:
        raise SystemExit("wordllama is not installed: no sentence vectors")
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    cache = Path("/tmp") / f"safety-net-vectors-{key}.npy"
    if cache.is_file():
        return np.load(cache)
    out = embedder.embed(texts)
    np.save(cache, out)
    return out


def matrix(lines: list[Line], vecs: np.ndarray, features: FeatureSettings) -> np.ndarray:
    texts = [feature_text(line.text) for line in lines]
    return np.stack([feature_row(v, t, features) for v, t in zip(vecs, texts, strict=True)])


def fit(rows: np.ndarray, labels: np.ndarray, settings: TrainingSettings, crisis_weight: float,
        buckets: int) -> np.ndarray:
    """Weights fitted on ``rows`` (the net's dense feature rows: sentence vector, ``buckets``
    lexical columns, bias; crisis lines repeated ``crisis_weight`` times: they are few) by the
    project classifier's :func:`~voice_guide.nlu.classifier.fit_softmax`, which takes the
    lexical columns sparse and adds the bias itself: its weights have the net's layout."""
    if crisis_weight > 1:
        extra = np.repeat(np.flatnonzero(labels == 2), int(crisis_weight) - 1)
        rows, labels = np.concatenate([rows, rows[extra]]), np.concatenate([labels, labels[extra]])
    dim = rows.shape[1] - buckets - 1
    sparse = []
    for row in rows[:, dim:-1]:
        columns = np.flatnonzero(row)
        sparse.append(SparseRow(columns.astype(np.int64), row[columns].astype(np.float32)))
    return fit_softmax(np.ascontiguousarray(rows[:, :dim]), sparse, buckets, labels, len(CLASSES), settings)


BARS = (0.97, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4, 0.3)


def curve(probs: np.ndarray, labels: np.ndarray, gate: np.ndarray | None = None) -> None:
    """Per class: lines of that class caught and near misses raised as its bar falls (``gate``:
    lines the net may raise, e.g. those without a red-flag phrase the rules cancelled by context)."""
    allowed = np.ones(len(labels), dtype=bool) if gate is None else gate
    n = labels == 0
    for cls, name in ((1, "emergency"), (2, "crisis")):
        own = labels == cls
        print(f"  {name}: bar, caught (of {own.sum()}), near misses raised (of {n.sum()}), other red flags raised")
        for bar in BARS:
            raised = (probs[:, cls] >= bar) & allowed
            print(f"    {bar:>5.2f} {raised[own].sum():>6} {raised[n].sum():>6} {raised[~own & ~n].sum():>6}")


def cross_validate(lines: list[Line], vecs: np.ndarray, features: FeatureSettings, settings: TrainingSettings,
                   crisis_weight: float, with_probes: bool, folds: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Held-out probabilities of every author line (in the order of ``lines``' author lines): fitted on the other
    authors (and the probes and samples when ``with_probes``). ``folds``: leave the authors out in that many groups
    (author i in group i mod folds; thirty-second session: 31 fits took an hour on a shared machine); 0: one by one."""
    rows = matrix(lines, vecs, features)
    labels = np.asarray([line.label for line in lines])
    sources = np.asarray([line.source for line in lines])
    groups = [AUTHORS[i::folds] for i in range(folds)] if folds > 0 else [(a,) for a in AUTHORS]
    held_p = np.zeros((len(lines), len(CLASSES)))
    for group in groups:
        out = np.isin(sources, group) | np.isin(sources, [f"para:{a}" for a in group])  # their talk to the guide too
        train = ~out
        if not with_probes:
            train &= np.isin(sources, AUTHORS)
        weights = fit(rows[train], labels[train], settings, crisis_weight, features.buckets)
        held = np.isin(sources, group)
        p = probabilities(weights, rows[held])
        held_p[held] = p
        e, c, n = labels[held] == 1, labels[held] == 2, labels[held] == 0
        print(f"  {'+'.join(group)[:40]:<40} held out: emergency p>=.5 {int((p[e, 1] >= .5).sum())}/{e.sum()}, "
              f"crisis p>=.5 {int((p[c, 2] >= .5).sum())}/{c.sum()}, near misses with a red-flag class >=.5 "
              f"{int((p[n, 1:].max(axis=1) >= .5).sum())}/{n.sum()}", flush=True)
    authored = np.isin(sources, AUTHORS)
    return held_p[authored], labels[authored]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate by author and print the curve")
    ap.add_argument("--write", action="store_true", help="fit on all training lines and write the weights file")
    ap.add_argument("--folds", type=int, default=0,
                    help="with --cv: leave the author sets out in this many groups (0: one by one)")
    ap.add_argument("--gate", action="store_true", help="also the curve gated by the rules' context")
    ap.add_argument("--no-guide", action="store_true", help="without the guide's own everyday talk (class none)")
    ap.add_argument("--no-probes", action="store_true", help="train on the author sets only")
    ap.add_argument("--paraphrase", default="",
                    help="kinds of the paraphrase set's tuning lines taken as class none (control,ood,knowledge; "
                         "off as shipped: the cross-validation lost crisis lines with control,ood)")
    ap.add_argument("--everyday", action="store_true",
                    help="with safety.yaml's learned.everyday_lines as class none (off as shipped: neutral in the "
                         "cross-validation, and two held-out emergencies lost the question)")
    ap.add_argument("--kinds", action="store_true",
                    help="with safety.yaml's learned.everyday_kinds (plans, visits, moods: class none) and contrast_kinds "
                         "(class crisis); off as shipped: in a 4-fold cross-validation by author the net alone caught 10 "
                         "crisis lines and 31 emergencies fewer, no near miss fewer (twenty-fifth session)")
    ap.add_argument("--buckets", type=int, default=2048)
    ap.add_argument("--chars", default="3,4", help="character n-gram lengths ('' for none)")
    ap.add_argument("--embedding-weight", type=float, default=1.0)
    ap.add_argument("--gap-words", type=int, default=0, help="word pairs with up to this many words between them")
    ap.add_argument("--probs-out", type=Path, default=Path("/tmp/safety-cv-probs.npy"),
                    help="where --cv saves the held-out probabilities")
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--crisis-weight", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=DEFAULTS_DIR / "safety_model.npz")
    args = ap.parse_args()
    rules = SafetyRules(load_pack().safety)
    lines = [line for part in AUTHORS for line in author_lines(part)]
    if not args.no_probes:
        lines += probe_lines(rules) + sample_lines(rules)
    if not args.no_guide:
        lines += guide_lines(rules)
    kinds = tuple(k for k in args.paraphrase.split(",") if k)
    if kinds:
        lines += paraphrase_lines(rules, kinds)
    if args.everyday:
        lines += everyday_lines(rules)
    if args.kinds:
        lines += kind_lines(rules)
    features = FeatureSettings(args.buckets, tuple(int(n) for n in args.chars.split(",") if n), args.embedding_weight,
                               args.gap_words)
    settings = TrainingSettings(iterations=args.iterations, learning_rate=args.learning_rate, l2=args.l2)
    vecs = vectors([feature_text(line.text) for line in lines])
    print(f"{len(lines)} lines: " + ", ".join(f"{c} {sum(1 for x in lines if x.label == i)}" for i, c in enumerate(CLASSES)))
    if args.cv:
        p, labels = cross_validate(lines, vecs, features, settings, args.crisis_weight, not args.no_probes, args.folds)
        curve(p, labels)
        np.save(args.probs_out, p)
        arrival_curve(lines, p, labels, rules)
        if args.gate:
            held = [line for line in lines if line.source in AUTHORS]
            print("  gated: no raise where the rules cancelled a red-flag phrase by context")
            curve(p, labels, np.asarray([not rules.cancelled_concepts(line.text) for line in held]))
    if args.write:
        rows = matrix(lines, vecs, features)
        weights = fit(rows, np.asarray([line.label for line in lines]), settings, args.crisis_weight, features.buckets)
        about = (f"Learned safety net weights, written by scripts/fit_safety_model.py from the tuning parts "
                 f"{', '.join(AUTHORS)} of tests/data/safety (never test.jsonl or tune5's even ids), "
                 f"tests/nlu/safety_probes*.txt, the concepts' samples of safety.yaml (its everyday lines: "
                 f"{'yes' if args.everyday else 'no'}; its everyday kinds: {'yes' if args.kinds else 'no'}), the paraphrase set's tuning lines "
                 f"({args.paraphrase or 'none'}); {len(lines)} lines; "
                 f"{settings}; {features}; crisis weight {args.crisis_weight}.")
        write_atomic(args.out, save_weights(weights, features, about, vecs.shape[1]))
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
