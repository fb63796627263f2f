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
once per grid point of ``--param NAME=v1,v2`` (constants of :mod:`voice_guide.nlu.interpret`,
:mod:`voice_guide.nlu.interpret_commands`, :mod:`voice_guide.nlu.interpret_rescue`,
:mod:`voice_guide.nlu.interpret_rescue_readings` and :mod:`voice_guide.nlu.interpret_verify`)::

    python3 scripts/tune_interpret.py --safety heard.jsonl --real real.json \\
        --param MIN_WORD_ALARM_ASR_CONFIDENCE=0,0.2,0.3

Printed per grid point: red flags caught (the emergency or crisis reply, or the confirmation
question) and answered with an article passage, near misses flagged, and real out-of-domain
recordings acted on (a passage, a control, pain, an emergency, the question). Replay has no
dialogue state but idle (the dumps' state: each utterance in a fresh conversation) and no conversation (``ask``
answers each input on its own, too).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.nlu import interpret_rescue as rules_module  # noqa: E402
from voice_guide.nlu.declines import DECLINE_INTENTS  # noqa: E402
from voice_guide.nlu.interpret import Interpreter, SecondHearing  # noqa: E402
from voice_guide.nlu.interpret_tuning import CONSTANT_MODULES  # noqa: E402  (where ``--param`` looks for a constant)
from voice_guide.nlu.state import DialogueState  # noqa: E402
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


def hearing(row: dict[str, Any]) -> SecondHearing | None:
    """The row's second hearing (rows of ``--decode-again``), or None."""
    second = row.get("second") or {}
    general, safety = second.get("general"), second.get("safety")
    if general is None or safety is None:
        return None
    noisy = bool(second.get("noisy", row.get("denoised", False)))
    floor = second.get("floor_dbfs", row.get("floor_dbfs"))
    return SecondHearing((general["text"], *general["alternatives"]), safety["text"],
                         float(safety["score"]) - float(general["score"]), noisy, None if floor is None else float(floor),
                         spotted_phrases(row))


SPOT_LEVEL: float | None = None
"""``--spot-level``: every key phrase at this threshold in replay (None: each at its own, keywords.RED_FLAG_KEYPHRASES)."""


def spotted_phrases(row: dict[str, Any]) -> tuple[str, ...]:
    """The key phrases a ``--spot`` row's spotter found at each phrase's threshold (the nearest level recorded)."""
    from voice_guide.stt.pocketsphinx.keywords import RED_FLAG_KEYPHRASES

    levels = row.get("spotted") or {}
    if not levels:
        return ()
    recorded = sorted(float(k) for k in levels)
    out = []
    for phrase, threshold in RED_FLAG_KEYPHRASES.items():
        wanted = SPOT_LEVEL if SPOT_LEVEL is not None else threshold
        level = min(recorded, key=lambda t: abs(math.log10(t) - math.log10(wanted)))
        if phrase in levels[f"{level:.0e}"]:
            out.append(phrase)
    return tuple(out)


def spot_rows(safety: list[dict[str, Any]], real: list[dict[str, Any]], out: Path, levels: tuple[float, ...]) -> None:
    """Spot the red-flag key phrases (``RedFlagSpotter``, every phrase at each of ``levels``) in the audio of each
    row that was heard again (behind the default noise front end), and write the rows with a ``spotted`` field:
    safety rows to ``out`` (JSON Lines), real rows to ``out`` + ``.real.json`` (bench_real_speech's form)."""
    import time

    from bench_real_speech import NOISE_PATH, read_float  # type: ignore[import-not-found]
    from eval_safety_spoken import KITCHEN, load_noise  # type: ignore[import-not-found]

    from voice_guide.audio.files import iter_chunks
    from voice_guide.audio.frontend import DenoiseSettings, make_denoiser
    from voice_guide.stt.pocketsphinx.keywords import RedFlagSpotter

    spotter, den = RedFlagSpotter(levels=levels), make_denoiser(DenoiseSettings())
    kitchen, real_noise = load_noise(KITCHEN), read_float(NOISE_PATH)
    done: list[dict[str, Any]] = []
    t0 = time.time()
    for i, row in enumerate(safety + real):
        if row.get("second"):
            pcm = (_safety_audio(row, kitchen) if "set" in row else _real_audio(row, real_noise)).pcm
            if den is not None:
                den.reset()
                pcm = b"".join(den.process(c) for c in iter_chunks(pcm, 1024)) + den.flush()
            row = {**row, "spotted": spotter.spot_levels(pcm)}
        done.append(row)
        if (i + 1) % 25 == 0:
            print(f"... {i + 1} rows, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    with out.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in done if "set" in r)
    if real:
        Path(f"{out}.real.json").write_text(json.dumps({"rows": [r for r in done if "set" not in r]}), encoding="utf-8")


def print_spot_table(interpreter: Interpreter, safety: list[dict[str, Any]], real: list[dict[str, Any]]) -> None:
    """Per key phrase and level: spotted in missed red flags (declined without it), in near misses, in real rows."""
    from voice_guide.nlu import interpret_rescue as rules

    saved, rules.RESCUE_SPOTTED = rules.RESCUE_SPOTTED, 0.0
    missed = [r for r in safety if r["set"] == "red_flag" and heard(r, interpreter).intent not in CAUGHT]
    rules.RESCUE_SPOTTED = saved
    groups = {"missed red": missed, "near": [r for r in safety if r["set"] == "near_miss"], "real": real}
    table: dict[tuple[str, str], Counter[str]] = {}
    for name, rows in groups.items():
        for r in rows:
            for level, phrases in (r.get("spotted") or {}).items():
                for p in phrases:
                    table.setdefault((p, level), Counter())[name] += 1
    for (p, level), c in sorted(table.items()):
        print(f"  {p:<22} {level}: " + " ".join(f"{k}={c[k]}" for k in groups))


def heard(row: dict[str, Any], interpreter: Interpreter) -> IntentMatch:
    """The interpreter's match for one recorded transcript (with its second hearing, when the row has one)."""
    alternatives = tuple((str(t), float(c)) for t, c in row.get("alternatives") or [])
    match = interpreter.interpret(row.get("transcript") or "", float(row.get("asr_confidence") or 0.0), alternatives)
    second = hearing(row)
    if second is None:
        return match
    match = interpreter.second_opinion(match, second, float(row.get("asr_confidence") or 0.0), DialogueState.IDLE)
    raw = row.get("raw")  # the raw audio's hearing (``--raw-too`` dumps), as Engine.second_opinion does it
    if raw and interpreter.wants_raw_hearing(match, second):
        hypotheses = tuple((str(t), float(c)) for t, c in raw.get("alternatives") or [])
        if raw.get("transcript") and (not hypotheses or hypotheses[0][0] != raw["transcript"]):
            hypotheses = ((str(raw["transcript"]), float(raw.get("asr_confidence") or 0.0)), *hypotheses)
        match = interpreter.raw_opinion(match, hearing(raw), hypotheses if rules_module.RAW_MAIN_DECODE else (), DialogueState.IDLE)
    return match


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


def _readings(row: dict[str, Any]) -> list[tuple[str, str]]:
    """Every reading of a row's audio: (where, text) for the n-best list, the second hearing's two searches."""
    out = [("n-best", str(t)) for t, _c in row.get("alternatives") or []] or [("n-best", row.get("transcript") or "")]
    second = row.get("second") or {}
    if second.get("general"):
        out += [("general", t) for t in (second["general"]["text"], *second["general"]["alternatives"])]
    if second.get("safety"):
        out.append(("safety", second["safety"]["text"]))
    return [(w, t) for w, t in out if t]


def miss_cause(row: dict[str, Any], interpreter: Interpreter) -> str:
    """Why a red flag that was not caught was missed, the first cause that applies:

    * ``text``: the typed sentence itself is no red flag for the text safety check;
    * ``below a bar: WHERE``: a reading (``n-best``, the second hearing's ``general`` or ``safety``
      search) holds a red flag the interpreter's bars or context rules refused;
    * ``heard, not flagged``: the readings hold a word close in spelling (rapidfuzz ratio >= 70) to each
      content word of the typed sentence's red-flag phrase ("can't breed" for "can't breathe"), yet no
      reading is flagged;
    * ``acoustic``: neither."""
    from rapidfuzz import fuzz

    safety = interpreter.understander.safety
    language = interpreter.understander.language
    typed = safety.assess(row["text"])
    if not (typed.is_red_flag or typed.kind.value == "confirm"):
        return "text"
    for where, text in _readings(row):
        finding = safety.assess(text)
        if finding.is_red_flag or finding.kind.value == "confirm" or safety.spoken_alarm(text) is not None:
            return f"below a bar: {where}"
    heard = {w for _where, t in _readings(row) for w in language.normalize(t).split()}
    phrase = {w for w in language.normalize(typed.phrase or "").split()
              if len(w) > 2 and w not in language.stopwords and not w.startswith("learned")}
    close = bool(phrase) and all(any(fuzz.ratio(w, h) >= 70 for h in heard) for w in phrase)
    if close:
        return "heard, not flagged"
    return "acoustic"


def print_causes(interpreter: Interpreter, safety: list[dict[str, Any]], show: bool = False) -> None:
    """The red flags missed per condition, counted by :func:`miss_cause`."""
    for cond in sorted({r["condition"] for r in safety}):
        causes: Counter[str] = Counter()
        for r in safety:
            if r["set"] != "red_flag" or r["condition"] != cond or heard(r, interpreter).intent in CAUGHT:
                continue
            cause = miss_cause(r, interpreter)
            causes[cause] += 1
            if show:
                print(f"  {cause:<26} {r['voice']:<13} {r['text']!r} heard {r.get('transcript')!r}")
        print(f"misses {cond}: " + ", ".join(f"{k} {v}" for k, v in causes.most_common()) + f" (total {sum(causes.values())})")


def recognizer_pronunciations() -> dict[str, tuple[str, ...]]:
    """The main recognizer's dictionary (word -> phones), as the engine gives it to its interpreter."""
    from voice_guide.engine import QAPipeline
    from voice_guide.nlu.interpret_sounds import read_pronunciations

    return read_pronunciations(str(QAPipeline(load_pack(None)).recognizer.inner.models.dict_path))


def load_commands(path: Path) -> list[dict[str, Any]]:
    """Rows of a ``--dump-commands`` file."""
    return load_safety(path)


def score_commands(interpreter: Interpreter, rows: list[dict[str, Any]], show: bool = False) -> str:
    """Spoken in-domain commands kept (the expected intent), per condition, of a ``--dump-commands`` file."""
    from voice_guide.nlu.state import DialogueState

    parts = []
    for cond in sorted({r["condition"] for r in rows}):
        kept = 0
        picked = [r for r in rows if r["condition"] == cond]
        for r in picked:
            alternatives = tuple((str(t), float(c)) for t, c in r.get("alternatives") or [])
            m = interpreter.interpret(r.get("transcript") or "", float(r.get("asr_confidence") or 0.0), alternatives,
                                      DialogueState(r["state"]))
            kept += m.intent == r["intent"]
            if show and m.intent != r["intent"]:
                print(f"  cmd   {cond:<7} {r['state']:<9} {r['text']!r} heard {r['transcript']!r} "
                      f"({float(r.get('asr_confidence') or 0):.2f}) -> {m.intent} (want {r['intent']})")
        parts.append(f"commands {cond} {kept}/{len(picked)}")
    return "; ".join(parts)


def dump_commands(parts: list[str], voices: list[str], out: Path) -> None:
    """Speak the paraphrase tuning parts' commands said outside a routine (idle, answered,
    reading) with ``voices``, clean and in kitchen noise at 10 dB, and write what was heard."""
    import time
    import zlib

    from eval_safety_spoken import CACHE, KITCHEN, load_noise, mix_kitchen  # type: ignore[import-not-found]

    from voice_guide.engine import QAPipeline
    from voice_guide.testing.voices import synthesize, with_silence

    rows = [r for part in parts for r in load_safety(ROOT / "tests" / "data" / "paraphrase" / f"{part}.jsonl")
            if r["kind"] == "control" and not r["state"].startswith("routine_")]
    rec = QAPipeline(load_pack(None)).recognizer
    kitchen = load_noise(KITCHEN)
    t0 = time.time()
    with out.open("w", encoding="utf-8") as f:
        for i, row in enumerate(rows):
            for voice in voices:
                clip = with_silence(synthesize(row["text"], voice, cache_dir=CACHE))
                for cond in ("clean", "kitchen"):
                    heard = clip if cond == "clean" else mix_kitchen(
                        clip, kitchen, 10.0, zlib.crc32(f"{row['id']}:{voice}".encode()) & 0xFFFF)
                    t = rec.transcribe(heard.pcm)
                    f.write(json.dumps({"id": row["id"], "state": row["state"], "intent": row["intent"], "text": row["text"],
                                        "voice": voice, "condition": cond, "transcript": t.text,
                                        "asr_confidence": t.confidence, "alternatives": [list(a) for a in t.alternatives]}) + "\n")
                    f.flush()
            if (i + 1) % 20 == 0:
                print(f"... {i + 1}/{len(rows)} commands, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


def _safety_audio(row: dict[str, Any], noise: Any) -> Any:
    """The clip ``eval_safety_spoken.py`` heard for a dump row (cached speech, the same kitchen window)."""
    import zlib

    from eval_safety_spoken import CACHE, mix_kitchen  # type: ignore[import-not-found]

    from voice_guide.testing.voices import synthesize, with_silence

    clip = with_silence(synthesize(row["text"], row["voice"], cache_dir=CACHE))
    if row["condition"] == "clean":
        return clip
    return mix_kitchen(clip, noise, 10.0, zlib.crc32(f"{row['id']}:{row['voice']}".encode()) & 0xFFFF)


def _real_audio(row: dict[str, Any], noise: Any, seed: int = 12) -> Any:
    """The clip ``bench_real_speech.py`` heard for a row (the same published mix)."""
    import random

    import numpy as np
    from bench_real_speech import DATA_DIR, mix, read_float  # type: ignore[import-not-found]

    from voice_guide.audio.files import AudioClip

    speech = read_float(DATA_DIR / "audio" / row["name"].replace(".wav", ".flac"))
    snr = row["snr_db"]
    signal = speech if snr is None else mix(speech, noise, snr, random.Random(f"{seed}:{snr}:{row['name']}"))
    return AudioClip.from_float(signal.astype(np.float32), 16000)


def _not_needed(row: dict[str, Any], match: IntentMatch, rescue_snrs: tuple[str, ...] = ()) -> bool:
    """Rows a second decode cannot change: direct alarms; real speech declined, except in the
    conditions of ``rescue_snrs`` ("clean" or an SNR), where a second pass could raise a question."""
    if "set" not in row:
        return acted(match) is None and str(row["snr_db"] if row["snr_db"] is not None else "clean") not in rescue_snrs
    return match.intent in ("emergency", "crisis")


def decode_again(safety: list[dict[str, Any]], real: list[dict[str, Any]], out: Path, only_flagged: bool,
                 rescue_snrs: tuple[str, ...] = ()) -> None:
    """Hear each row's audio again with :class:`SafetyVerifier` (after the main recognizer's
    noise front end) and write the rows with a ``second`` field, for replay with ``--verify``."""
    import time

    from bench_real_speech import NOISE_PATH, read_float  # type: ignore[import-not-found]
    from eval_safety_spoken import KITCHEN, load_noise  # type: ignore[import-not-found]

    from voice_guide.audio.files import iter_chunks
    from voice_guide.engine import QAPipeline
    from voice_guide.stt.pocketsphinx.keywords import SafetyVerifier

    pipe = QAPipeline(load_pack(None))
    rec = pipe.recognizer
    engine = pipe.engine
    sentences = engine._safety_phrases()
    verifier = SafetyVerifier(rec.inner.models.dict_path, lambda: sentences)
    interpreter = Interpreter(Understander(load_pack(None)))
    kitchen, real_noise = load_noise(KITCHEN), read_float(NOISE_PATH)
    t0 = time.time()
    with out.open("w", encoding="utf-8") as f:
        for i, row in enumerate(safety + real):
            if only_flagged and _not_needed(row, heard(row, interpreter), rescue_snrs):
                continue
            clip = _safety_audio(row, kitchen) if "set" in row else _real_audio(row, real_noise)
            den = rec.denoiser
            if den is None:
                pcm = clip.pcm
            else:
                den.reset()
                pcm = b"".join(den.process(c) for c in iter_chunks(clip.pcm, 1024)) + den.flush()
            second = verifier.decode(pcm)
            f.write(json.dumps({**row, "second": {k: vars(v) | {"alternatives": list(v.alternatives)}
                                                  for k, v in second.items()}}) + "\n")
            f.flush()
            if (i + 1) % 25 == 0:
                print(f"... {i + 1} rows, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--safety", type=Path, nargs="*", default=[], help="eval_safety_spoken.py --dump files")
    ap.add_argument("--real", type=Path, nargs="*", default=[], help="bench_real_speech.py --json files")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=v1,v2",
                    help="a constant of voice_guide.nlu.interpret, interpret_commands, interpret_rescue, interpret_rescue_readings "
                         "or interpret_verify and the values to try")
    ap.add_argument("--show", action="store_true", help="list the misses and what was acted on")
    ap.add_argument("--decode-again", type=Path, default=None, metavar="OUT",
                    help="hear the rows' audio again with the safety verifier and write them here (no replay)")
    ap.add_argument("--rescue-snrs", nargs="*", default=[], help="--decode-again: also the declined real rows of "
                    "these conditions (clean, 24, ..., 6), to measure a second pass that could raise questions")
    ap.add_argument("--commands", type=Path, nargs="*", default=[], help="--dump-commands files (in-domain commands kept)")
    ap.add_argument("--dump-commands", type=Path, default=None, metavar="OUT",
                    help="speak the paraphrase parts' commands outside a routine and write what was heard (no replay)")
    ap.add_argument("--parts", nargs="*", default=["tune", "tune2"], help="--dump-commands: paraphrase tuning parts")
    ap.add_argument("--voices", nargs="*", default=["espeak:en-us", "flite:rms"], help="--dump-commands: voices")
    ap.add_argument("--causes", action="store_true", help="count the red flags missed by cause (no grid)")
    ap.add_argument("--spot", type=Path, default=None, metavar="OUT",
                    help="spot the red-flag key phrases in the rows heard again, at --spot-levels, and write them (no replay)")
    ap.add_argument("--spot-levels", default="1e-10,1e-20,1e-30", help="--spot: keyphrase thresholds")
    ap.add_argument("--spot-level", type=float, default=None, help="replay: every key phrase at this threshold")
    ap.add_argument("--spot-table", action="store_true", help="per key phrase and level: where it was spotted (no grid)")
    ap.add_argument("--all-real", action="store_true", help="--decode-again: every row, not only those a verification can change")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    if args.dump_commands is not None:
        if any(p in ("test", "tune5", "tune4") for p in args.parts):
            raise SystemExit("--parts: tune, tune2 or tune3 only (tune4 and tune5 have held-out halves)")
        dump_commands(args.parts, args.voices, args.dump_commands)
        return 0
    commands = [r for p in args.commands for r in load_commands(p)]
    safety = [r for p in args.safety for r in load_safety(p)]
    real = [r for p in args.real for r in load_real(p)]
    if args.spot is not None:
        spot_rows(safety, real, args.spot, tuple(float(v) for v in args.spot_levels.split(",")))
        return 0
    global SPOT_LEVEL
    SPOT_LEVEL = args.spot_level
    if args.decode_again is not None:
        decode_again(safety, real, args.decode_again, not args.all_real, tuple(args.rescue_snrs))
        return 0
    interpreter = Interpreter(Understander(load_pack(None)))
    interpreter.use_pronunciations(recognizer_pronunciations())
    if args.causes:
        print_causes(interpreter, safety, args.show)
        return 0
    if args.spot_table:
        print_spot_table(interpreter, safety, real)
        return 0
    grid: list[tuple[str, list[float]]] = []
    owner: dict[str, Any] = {}
    for spec in args.param:
        name, _, values = spec.partition("=")
        module = next((m for m in CONSTANT_MODULES if hasattr(m, name)), None)
        if module is None:
            raise SystemExit(f"no constant {name} in " + ", ".join(m.__name__ for m in CONSTANT_MODULES))
        owner[name] = module
        grid.append((name, [float(v) for v in values.split(",")]))
    defaults = {name: getattr(owner[name], name) for name, _ in grid}
    for point in itertools.product(*[values for _, values in grid]) if grid else [()]:
        for (name, _), value in zip(grid, point, strict=True):
            setattr(owner[name], name, value)
        figures = score(interpreter, safety, real, args.show)
        if commands:
            figures["in-domain"] = score_commands(interpreter, commands, args.show)
        label = " ".join(f"{name}={value:g}" for (name, _), value in zip(grid, point, strict=True)) or "defaults"
        print(f"{label}: " + "; ".join(f"{k} {v}" for k, v in figures.items()), flush=True)
    for name, value in defaults.items():
        setattr(owner[name], name, value)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
