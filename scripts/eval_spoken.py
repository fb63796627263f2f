#!/usr/bin/env python3
"""Score spoken questions: every case of a question set, spoken by several synthetic voices,
answered through ``run.py ask --json --audio`` (one process, the model loaded once).

The audio is generated (espeak-ng, flite) into a cache folder keyed by voice and text,
never committed. Prints accuracy per voice and per kind, and each failure with its
transcript; ``--json FILE`` writes the figures.

``--paraphrase PARTS`` speaks paraphrase-set parts instead (``tune6:even``, ``tune4:odd``, ...; their
own format: knowledge with section + answer_any, control with state + intent, ood), in one
process: each line heard by the engine in its dialogue state (the "routine" vocabulary in a
routine's states, as the live session does), heard again when the interpreter asks, answered in
a fresh conversation and scored as ``scripts/eval_paraphrase.py`` does. ``--every N`` takes every
Nth line (after ``--kinds`` and ``--states`` keep only some), ``--conditions clean kitchen10 ...`` the noise (as ``scripts/benchmark.py``), ``--engine-set
NAME=VALUE`` changes an engine constant first (``RECOGNIZER_LINE_WEIGHTS={"knowledge":0,...}``; ``RECOGNIZER_LINES_FILE`` as
an absolute path hears with another lines file, e.g. one built without the part scored), ``--override K=V,...``
the recognizer's settings (``language_weight=8``, as ``scripts/benchmark.py``).
Misses are printed only for tuning parts (never for a held-out part).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from voice_guide.testing.evaluation import load_cases, score_case, summarize  # noqa: E402
from voice_guide.testing.voices import DEFAULT_VOICES, available_voices, synthesize  # noqa: E402

DEFAULT_SET = ROOT.parent / "shared" / "eval" / "dev_set.jsonl"


class _Row:
    def __init__(self, d: dict) -> None:
        self.intent = d.get("intent", "")
        self.slots = d.get("slots") or {}
        self.text = d.get("answer", "")
        self.section_id = d.get("section")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="question set (JSON Lines)")
    parser.add_argument("--voices", nargs="+", default=list(DEFAULT_VOICES), help="voices, e.g. espeak:en-us flite:slt")
    parser.add_argument("--backend", default="pocketsphinx")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "spoken", help="generated audio cache")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--limit", type=int, help="only the first N cases (quick runs)")
    parser.add_argument("--paraphrase", help="comma-separated paraphrase parts to speak instead of --set")
    parser.add_argument("--every", type=int, default=1, help="paraphrase: every Nth line only")
    parser.add_argument("--offset", type=int, default=0, help="paraphrase: start at this line of the subset")
    parser.add_argument("--conditions", nargs="+", default=["clean"], help="paraphrase: noise conditions")
    parser.add_argument("--engine-set", nargs="*", default=[], help="paraphrase: NAME=VALUE engine constants (Python literals)")
    parser.add_argument("--failures", action="store_true", help="paraphrase: print misses of tuning parts")
    parser.add_argument("--kinds", nargs="*", default=[], help="paraphrase: only lines of these kinds (knowledge control ood)")
    parser.add_argument("--states", nargs="*", default=[],
                        help="paraphrase: only lines of these dialogue states (idle for lines without one; 'routine' for a routine's states)")
    parser.add_argument("--override", default="", metavar="K=V[,K=V]",
                        help="paraphrase: recognizer overrides, as benchmark.py --override (PocketSphinxSettings fields, denoise, ...)")
    args = parser.parse_args(argv)
    if args.paraphrase:
        from spoken_paraphrase import run_paraphrase

        return run_paraphrase(args)
    cases = load_cases(args.set)[: args.limit]
    voices = available_voices(tuple(args.voices))
    if not voices:
        print("no voices available: install espeak-ng and flite", file=sys.stderr)
        return 2
    items = []
    for voice in voices:
        for case in cases:
            path = args.cache / voice.replace(":", "_").replace("+", "_") / f"{case['id']}.wav"
            if not path.exists():
                from voice_guide.audio.files import write_wav
                write_wav(path, synthesize(case["text"], voice))
            items.append((voice, case, path))
    cmd = [sys.executable, str(ROOT / "run.py"), "ask", "--json", "--no-speak", "--backend", args.backend,
           "--audio", *[str(p) for _, _, p in items]]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if len(rows) != len(items):
        print(f"expected {len(items)} answers, got {len(rows)}: {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return 2
    results = []
    per_voice: dict[str, list[int]] = {}
    for (voice, case, _), row in zip(items, rows, strict=False):
        ok = score_case(case, _Row(row))
        results.append({"voice": voice, "id": case["id"], "kind": case["kind"], "ok": ok, "intent": row["intent"],
                        "transcript": row["transcript"], "text": case["text"]})
        pv = per_voice.setdefault(voice, [0, 0])
        pv[0] += ok
        pv[1] += 1
        if not ok:
            print(f"FAIL {voice} {case['id']} [{case['kind']}] said {case['text']!r} heard {row['transcript']!r} "
                  f"-> {row['intent']} ({row['confidence']:.2f}, asr {row['asr_confidence']})")
    summary = summarize(results)
    for voice, (ok, n) in per_voice.items():
        print(f"{voice}: {ok}/{n} ({100 * ok / n:.1f}%)")
    for kind, (ok, n) in summary["by_kind"].items():
        print(f"{kind}: {ok}/{n}")
    latencies = sorted(r["latency_ms"]["total"] for r in rows)
    print(f"spoken dev set, {len(voices)} voices: {summary['passed']}/{summary['total']} passed "
          f"({100 * summary['accuracy']:.1f}%); out-of-domain wrongly answered {100 * summary['ood_wrongly_answered']:.1f}%, "
          f"in-domain wrongly rejected {100 * summary['in_domain_wrongly_rejected']:.1f}%; "
          f"median time per file {latencies[len(latencies) // 2]:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "per_voice": per_voice, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
