#!/usr/bin/env python3
"""Calibrate the rejection of spoken questions: what the recognizer heard, recorded once, replayed through the
interpreter for each setting of its knowledge bars.

``--dump OUT``: speak paraphrase parts (``--paraphrase tune20:odd,...``; the lines outside a routine: knowledge,
out-of-domain and commands said in the main vocabulary's states), hear each utterance as
``scripts/eval_spoken.py --paraphrase`` does (same audio, same noise seeds), and write per utterance what the
recognizer heard (transcript, confidence, n-best list, the front end's noise floor) and the **second hearing**
(always: the replay decides whether the interpreter would have asked for it). The raw-audio hearing is not
recorded: it only turns declined speech into the safety question, which answers nothing either way.

``--replay FILES``: per grid point of ``--param NAME=v1,v2`` (constants of ``voice_guide.nlu.interpret``,
``interpret_rescue``, ``interpret_verify``), per part and condition: knowledge answered right, answered with a
wrong passage, refused (declined or the safety question); out-of-domain answered with a passage; commands answered
with a passage. ``--curve`` prints, over a grid of the bar on ``asr * understanding``
(``MIN_KNOWLEDGE_SCORE``), the wrongly answered against the wrongly rejected (the rejection curve of
docs/recognition.md, "Nineteenth round"). Held-out parts: totals only, never a line (``--show`` refuses them).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import case_seed, condition_audio  # noqa: E402
from eval_paraphrase import HELD_OUT, records_of  # noqa: E402
from spoken_paraphrase import ROUTINE_STATES, _apply_engine_settings, score_line  # noqa: E402

from voice_guide.nlu import interpret as interpret_module  # noqa: E402
from voice_guide.nlu.interpret_tuning import CONSTANT_MODULES  # noqa: E402
from voice_guide.nlu.state import DialogueState  # noqa: E402


def _state(r: dict[str, Any]) -> DialogueState:
    return DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE


def dump(args: argparse.Namespace) -> None:
    """Hear the lines of ``args.paraphrase`` and write what was heard (see the module docstring)."""
    _apply_engine_settings(args.engine_set)
    from voice_guide.engine import Engine
    from voice_guide.stt.pocketsphinx.keywords import hear_again
    from voice_guide.testing.voices import available_voices, synthesize

    engine = Engine(cache_dir=None)
    voices = available_voices(tuple(args.voices))
    lines = [(name, r) for name in args.paraphrase.split(",") for r in records_of(name)
             if _state(r) not in ROUTINE_STATES][args.offset :: max(1, args.every)]
    t0 = time.time()
    with open(args.dump, "w", encoding="utf-8") as f:
        for i, (condition, voice, (name, r)) in enumerate(itertools.product(args.conditions, voices, lines)):
            clip = synthesize(r["text"], voice, cache_dir=args.cache / "paraphrase")
            pcm = condition_audio(clip, condition, case_seed(voice, condition, f"{name}|{r['id']}"), []).pcm
            t = engine.transcribe(pcm, "main")
            floor = getattr(getattr(engine.recognizer, "denoiser", None), "floor_dbfs", None)
            second = hear_again(engine.recognizer, engine._safety_phrases, pcm)
            f.write(json.dumps({"part": name, "id": r["id"], "condition": condition, "voice": voice,
                                "transcript": t.text, "asr_confidence": t.confidence,
                                "alternatives": [list(a) for a in t.alternatives],
                                "floor_dbfs": None if floor is None else float(floor),
                                "second": None if second is None else list(second)}) + "\n")
            f.flush()
            if (i + 1) % 50 == 0:
                print(f"... {i + 1} utterances, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


def load_rows(paths: list[Path]) -> list[dict[str, Any]]:
    """The dumped rows, each with its paraphrase line under ``line``."""
    rows = [json.loads(x) for p in paths for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    lines = {(name, r["id"]): r for name in {row["part"] for row in rows} for r in records_of(name)}
    for row in rows:
        row["line"] = lines[(row["part"], row["id"])]
    return rows


def replay(engine: Any, row: dict[str, Any]) -> Any:
    """The match for one dumped utterance: ``Engine.interpret`` then ``Engine.second_opinion`` on the recorded
    second hearing (without the raw-audio hearing)."""
    from voice_guide.nlu.interpret import SecondHearing

    conf = float(row["asr_confidence"])
    alternatives = tuple((str(t), float(c)) for t, c in row["alternatives"])
    match = engine.interpret(row["transcript"], conf, alternatives, _state(row["line"]))
    if row["second"] is None or not engine.interpreter.wants_second_opinion(match, conf, row["floor_dbfs"]):
        return match
    general, safety, margin, noisy, floor = row["second"]
    return engine.interpreter.second_opinion(match, SecondHearing(tuple(general), safety, margin, noisy, floor), conf)


def outcome(engine: Any, row: dict[str, Any]) -> str:
    """``right``, ``wrong`` (a passage that is not right), ``passage`` (OOD or a command answered with one),
    ``refused`` (knowledge not answered) or ``ok`` (OOD or a command not given a passage)."""
    r = row["line"]
    match = replay(engine, row)
    answer = engine.new_conversation().handle(match)
    if r["kind"] == "knowledge":
        if score_line(r, match, answer):
            return "right"
        return "wrong" if match.is_knowledge else "refused"
    if match.is_knowledge:
        return "passage"
    if r["kind"] == "control":
        return "ok" if score_line(r, match, answer) else "control_miss"
    return "ok"


def tally(engine: Any, rows: list[dict[str, Any]], show: bool = False) -> dict[tuple[str, str], Counter[str]]:
    """Outcomes per (part, condition)."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        got = outcome(engine, row)
        c = out.setdefault((row["part"], row["condition"]), Counter())
        c[f"{row['line']['kind']}:{got}"] += 1
        c[f"{row['line']['kind']}"] += 1
        if show and got not in ("right", "ok") and row["part"] not in HELD_OUT:
            print(f"  {got:<8} {row['condition']:<9} {row['voice']:<13} said {row['line']['text']!r} heard "
                  f"{row['transcript']!r} ({row['asr_confidence']:.2f})")
    return out


SAFETY_INTENTS = frozenset({"emergency", "crisis", "confirm_emergency"})
"""Intents of a safety reply or the safety question given in place of an answer (``--causes``)."""

HEARD_WER = 0.2
"""``--causes``: a transcript within this word error rate of the said text counts as heard (its words right)."""


def word_error_rate(said: str, heard: str) -> float:
    """Word-level edit distance of ``heard`` against ``said`` (lower case, letters and apostrophes), over the said words."""
    import re

    a, b = (re.findall(r"[a-z']+", x.lower()) for x in (said, heard))
    row = list(range(len(b) + 1))
    for i, wa in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, wb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (wa != wb))
    return row[len(b)] / max(1, len(a))


def cause(engine: Any, row: dict[str, Any], got: str) -> str:
    """Why a tuning utterance was not answered right: ``safety`` (a safety reply or the question in place of an
    answer), ``refused`` (the heard words typed are answered right: the recognizer's confidence or the rejection
    refused them), ``misunderstood`` (heard within :data:`HEARD_WER` and still answered wrong), ``not_heard``
    (words wrong), ``nbest`` (the heard words typed are right, a runner-up or the second hearing made it a
    wrong passage), ``typed_fails`` (the said text typed is not answered right either: understanding)."""
    r = row["line"]
    match = replay(engine, row)
    if match.intent in SAFETY_INTENTS:
        return "safety"
    typed = engine.interpret(r["text"], 1.0, (), _state(r))
    if not score_line(r, typed, engine.new_conversation().handle(typed)):
        return "typed_fails"
    heard = engine.interpret(row["transcript"], 1.0, (), _state(r))
    if score_line(r, heard, engine.new_conversation().handle(heard)):
        return "refused" if got in ("refused", "control_miss") else "nbest"
    return "misunderstood" if word_error_rate(r["text"], row["transcript"]) <= HEARD_WER else "not_heard"


def print_causes(engine: Any, rows: list[dict[str, Any]], show: bool = False) -> None:
    """Per condition and kind: the tuning misses by :func:`cause` (held-out rows: counted, never classified)."""
    table: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        got = outcome(engine, row)
        c = table.setdefault((row["condition"], row["line"]["kind"]), Counter())
        c["n"] += 1
        if got in ("right", "ok"):
            c["right"] += 1
        elif row["part"] in HELD_OUT:
            c["miss"] += 1
        else:
            why = cause(engine, row, got)
            c[why] += 1
            if show:
                print(f"  {why:<13} {got:<8} {row['condition']:<9} {row['voice']:<15} said {row['line']['text']!r} "
                      f"heard {row['transcript']!r} ({row['asr_confidence']:.2f})")
    names = ("not_heard", "refused", "misunderstood", "safety", "nbest", "typed_fails")
    print("condition | kind | right/n | " + " | ".join(names))
    for (cond, kind), c in sorted(table.items()):
        print(f"{cond} | {kind} | {c['right']}/{c['n']} | " + " | ".join(str(c[x]) for x in names))


def line_of(c: Counter[str]) -> str:
    k, o, n = c["knowledge"], c["ood"], c["control"]
    return (f"knowledge right {c['knowledge:right']}/{k}, wrong passage {c['knowledge:wrong']}, refused "
            f"{c['knowledge:refused']}; ood passage {c['ood:passage']}/{o}; commands passage {c['control:passage']}/{n}, "
            f"kept {c['control:ok']}/{n}")


def print_curve(engine: Any, rows: list[dict[str, Any]], bars: list[float], grid: list[tuple[str, list[float]]]) -> None:
    """Per condition and bar on ``asr * understanding``: wrongly answered (out-of-domain or a command given a
    passage, a question given a wrong passage) against wrongly rejected (a question refused), with the other
    ``grid`` constants at their first value."""
    for name, values in grid:
        setattr(next(m for m in CONSTANT_MODULES if hasattr(m, name)), name, values[0])
    saved = interpret_module.MIN_KNOWLEDGE_SCORE
    print("condition | bar | knowledge right | wrongly rejected (refused) | wrongly answered (OOD + command + wrong "
          "passage) | of which OOD + command")
    for bar in bars:
        interpret_module.MIN_KNOWLEDGE_SCORE = bar
        per: dict[str, Counter[str]] = {}
        for (_part, cond), c in tally(engine, rows).items():
            per.setdefault(cond, Counter()).update(c)
        for cond, c in sorted(per.items()):
            k, other = c["knowledge"], c["ood"] + c["control"]
            ood = c["ood:passage"] + c["control:passage"]
            print(f"{cond} | {bar:g} | {c['knowledge:right']}/{k} | {c['knowledge:refused']}/{k} | "
                  f"{ood + c['knowledge:wrong']}/{k + other} | {ood}/{other}", flush=True)
    interpret_module.MIN_KNOWLEDGE_SCORE = saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", type=Path, help="hear --paraphrase and write what was heard here")
    ap.add_argument("--paraphrase", default="tune20:odd")
    ap.add_argument("--every", type=int, default=4)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--voices", nargs="+", default=["espeak:en-us", "flite:slt"])
    ap.add_argument("--conditions", nargs="+", default=["clean", "kitchen10"])
    ap.add_argument("--engine-set", nargs="*", default=[], help="NAME=VALUE engine constants (as eval_spoken.py)")
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache" / "spoken")
    ap.add_argument("--replay", type=Path, nargs="*", default=[], help="dump files to replay")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=v1,v2")
    ap.add_argument("--show", action="store_true", help="tuning parts: list what was not right")
    ap.add_argument("--causes", action="store_true",
                    help="tuning parts: the misses per condition and kind by cause (with --show: each miss)")
    ap.add_argument("--curve", default="", metavar="v1,v2,...",
                    help="values of MIN_KNOWLEDGE_SCORE: one row each per condition (all parts of --replay together)")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    if args.dump:
        dump(args)
        return 0
    from voice_guide.engine import Engine

    engine = Engine(cache_dir=None)
    rows = load_rows(args.replay)
    grid, owner = [], {}
    for spec in args.param:
        name, _, values = spec.partition("=")
        module = next((m for m in CONSTANT_MODULES if hasattr(m, name)), None)
        if module is None:
            raise SystemExit(f"no constant {name}")
        owner[name] = module
        grid.append((name, [float(v) for v in values.split(",")]))
    if args.causes:
        for (name, values) in grid:
            setattr(owner[name], name, values[0])
        print_causes(engine, rows, args.show)
        return 0
    if args.curve:
        print_curve(engine, rows, [float(v) for v in args.curve.split(",")], grid)
        return 0
    for point in itertools.product(*[v for _, v in grid]) if grid else [()]:
        for (name, _), value in zip(grid, point, strict=True):
            setattr(owner[name], name, value)
        label = " ".join(f"{n}={v:g}" for (n, _), v in zip(grid, point, strict=True)) or "defaults"
        for (part, cond), c in sorted(tally(engine, rows, args.show).items()):
            print(f"{label} | {part} {cond}: {line_of(c)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
