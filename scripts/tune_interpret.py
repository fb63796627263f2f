#!/usr/bin/env python3
"""Replay what the recognizer heard through the n-best interpreter, for each setting of its constants.

Spoken safety and real out-of-domain speech pull the interpreter's thresholds in opposite
directions: a red flag heard only in a runner-up must still be asked about, and garbled coffee
orders must not be. Decoding is slow; interpreting is not. So the recognizer's output is
recorded once, by

* ``scripts/eval_safety_spoken.py --dump FILE`` (the safety set's emergencies, crisis talk and
  near misses, spoken by synthetic voices, clean and in kitchen noise), and
* ``scripts/bench_real_speech.py --packs article --json FILE`` (real people's coffee orders
  through the article pack, clean and at each SNR),

and replayed here through :class:`~voice_guide.nlu.interpret.Interpreter` of the default pack,
once per grid point of ``--param NAME=v1,v2`` (constants of :mod:`voice_guide.nlu.interpret`)::

    python3 scripts/tune_interpret.py --safety heard.jsonl --real real.json \\
        --param MIN_WORD_ALARM_ASR_CONFIDENCE=0,0.2,0.3

Printed per grid point: red flags caught (the emergency or crisis reply, or the confirmation
question) and answered with an article passage, near misses flagged, and real out-of-domain
recordings acted on (a passage, a control, pain, an emergency, the question). Replay has no
dialogue state and no conversation (``ask`` answers each input on its own, too).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.nlu import interpret as interpret_module  # noqa: E402
from voice_guide.nlu.declines import DECLINE_INTENTS  # noqa: E402
from voice_guide.nlu.interpret import Interpreter  # noqa: E402
from voice_guide.nlu.understanding import IntentMatch, Understander  # noqa: E402

CAUGHT = frozenset({"emergency", "crisis", "confirm_emergency"})


def load_safety(path: Path) -> list[dict[str, Any]]:
    """Rows of an ``eval_safety_spoken.py --dump`` file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_real(path: Path) -> list[dict[str, Any]]:
    """The article-pack rows of a ``bench_real_speech.py --json`` file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data["rows"] if r["pack"] == "article"]


def heard(row: dict[str, Any], interpreter: Interpreter) -> IntentMatch:
    """The interpreter's match for one recorded transcript."""
    alternatives = tuple((str(t), float(c)) for t, c in row.get("alternatives") or [])
    return interpreter.interpret(row.get("transcript") or "", float(row.get("asr_confidence") or 0.0), alternatives)


def acted(match: IntentMatch) -> str | None:
    """What was done with speech that should be declined (None: declined)."""
    if match.intent in ("emergency", "crisis"):
        return "emergency"
    if match.intent == "confirm_emergency":
        return "question"
    if match.intent == "fallback" or match.intent in DECLINE_INTENTS:
        return None  # a deliberate decline ("I can't advise on doses") is declining, as the benchmark counts it
    return "passage" if match.is_knowledge else ("pain" if match.intent == "pain" else "control")


def score(interpreter: Interpreter, safety: list[dict[str, Any]], real: list[dict[str, Any]],
          show: bool = False) -> dict[str, Any]:
    """The figures of one grid point."""
    out: dict[str, Any] = {}
    for cond in sorted({r["condition"] for r in safety}):
        red = [r for r in safety if r["set"] == "red_flag" and r["condition"] == cond]
        near = [r for r in safety if r["set"] == "near_miss" and r["condition"] == cond]
        red_m = [heard(r, interpreter) for r in red]
        near_m = [heard(r, interpreter) for r in near]
        out[f"caught {cond}"] = f"{sum(m.intent in CAUGHT for m in red_m)}/{len(red)}"
        out[f"passage {cond}"] = sum(m.is_knowledge for m in red_m)
        out[f"near flagged {cond}"] = f"{sum(m.intent in CAUGHT for m in near_m)}/{len(near)}"
        if show:
            for r, m in zip(red, red_m, strict=True):
                if m.intent not in CAUGHT:
                    print(f"  miss  {cond:<7} {r['text']!r} heard {r['transcript']!r} -> {m.intent}")
    if real:
        kinds: Counter[str] = Counter()
        for r in real:
            kind = acted(heard(r, interpreter))
            if kind:
                kinds[kind] += 1
                if show:
                    print(f"  acted {kind:<9} {r['snr_db']} {r['transcript']!r}")
        total = sum(kinds.values())
        out["real acted"] = f"{total}/{len(real)} ({100.0 * total / len(real):.1f} %) " + " ".join(
            f"{k}={v}" for k, v in sorted(kinds.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--safety", type=Path, nargs="*", default=[], help="eval_safety_spoken.py --dump files")
    ap.add_argument("--real", type=Path, nargs="*", default=[], help="bench_real_speech.py --json files")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=v1,v2",
                    help="a constant of voice_guide.nlu.interpret and the values to try")
    ap.add_argument("--show", action="store_true", help="list the misses and what was acted on")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    safety = [r for p in args.safety for r in load_safety(p)]
    real = [r for p in args.real for r in load_real(p)]
    interpreter = Interpreter(Understander(load_pack(None)))
    grid: list[tuple[str, list[float]]] = []
    for spec in args.param:
        name, _, values = spec.partition("=")
        if not hasattr(interpret_module, name):
            raise SystemExit(f"voice_guide.nlu.interpret has no constant {name}")
        grid.append((name, [float(v) for v in values.split(",")]))
    defaults = {name: getattr(interpret_module, name) for name, _ in grid}
    for point in itertools.product(*[values for _, values in grid]) if grid else [()]:
        for (name, _), value in zip(grid, point, strict=True):
            setattr(interpret_module, name, value)
        figures = score(interpreter, safety, real, args.show)
        label = " ".join(f"{name}={value:g}" for (name, _), value in zip(grid, point, strict=True)) or "defaults"
        print(f"{label}: " + "; ".join(f"{k} {v}" for k, v in figures.items()), flush=True)
    for name, value in defaults.items():
        setattr(interpret_module, name, value)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
