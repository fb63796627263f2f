#!/usr/bin/env python3
"""Spoken benchmark: accuracy and speed over many voices and noise conditions, side by side
with the plain SpeechRecognition approach (``recognize_sphinx``, default English model).

Every question of a question set (default ``../shared/eval/dev_set.jsonl``) is spoken by
every available voice (espeak-ng variants, flite slt/rms/awb/kal16), converted to 16 kHz
mono (cached under ``.cache/benchmark``, keyed by voice and text), padded with 300 ms of
the condition's background, and played under each condition:

- clean;
- white and pink noise at 20, 10 and 5 dB SNR;
- babble (three other questions spoken at once by other voices) at 10 and 5 dB SNR;
- a real kitchen (``../shared/eval/noise/kitchen.wav``: dishes, water, voices; a window at
  a seeded random offset) at 20, 10 and 5 dB SNR;
- room reverb (sox ``reverb 50 50 100``).

SNR = 10·log10(P_speech / P_noise), both powers the mean square over the speech clip's
samples (before padding).

Scoring per case: knowledge - the answer contains one of the listed phrases; control - the
intent and slot; out-of-domain - ``fallback``; emergency - ``emergency`` with the listed
word in the answer, or the spoken safety question ``confirm_emergency`` ("Did you say ...? If this
is an emergency, call ..."), which issue 12 counts as caught. The baseline's transcript goes through the same understanding step.

Speed: recognition + understanding after the end of the audio (the audio is streamed in
30 ms chunks first, as from a microphone), the real-time factor, process start to ready,
and peak memory (RSS) of a process that loads and decodes, for each system.

``--quick`` runs a small subset (under a minute). Prints a plain-text table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_guide.audio.files import AudioClip, read_audio  # noqa: E402
from voice_guide.testing.evaluation import load_cases, score_case  # noqa: E402
from voice_guide.testing.voices import available_voices, synthesize  # noqa: E402

SHARED_EVAL = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
                   ROOT.parent / "shared" / "eval")
"""``../shared/eval`` of the checkout (found upwards, so a worktree deeper down finds it too)."""
DEFAULT_SET = SHARED_EVAL / "dev_set.jsonl"
VOICES = ("espeak:en-us", "espeak:en-gb+f3", "espeak:en-us+f2", "flite:slt", "flite:rms", "flite:awb", "flite:kal16")
CONDITIONS = ("clean", "white20", "white10", "white5", "pink20", "pink10", "pink5", "babble10", "babble5",
              "kitchen20", "kitchen10", "kitchen5", "reverb")
QUICK_CONDITIONS = ("clean", "white10", "babble10", "kitchen10")
BABBLE_VOICES = ("espeak:en-us", "espeak:en-gb+f3")
"""The voices of the babble pool (the first 20 cases each), whatever ``--voices`` says."""
KITCHEN_NOISE = SHARED_EVAL / "noise" / "kitchen.wav"
_KITCHEN: list[np.ndarray] = []
PAD_MS = 300


@dataclass
class _Ans:
    intent: str
    slots: dict
    text: str
    section_id: str | None


def condition_audio(clip: AudioClip, condition: str, seed: int, babble_pool: list[AudioClip]) -> AudioClip:
    """The clip padded with silence and put under ``condition``."""
    from voice_guide.testing.noise import load_noise_recording, with_noise_padding, with_recorded_noise

    if condition.startswith("kitchen"):
        if not _KITCHEN:
            _KITCHEN.append(load_noise_recording(KITCHEN_NOISE))
        return with_recorded_noise(clip, _KITCHEN[0], PAD_MS, PAD_MS, float(condition[len("kitchen"):]), seed)
    if condition == "clean":
        return with_noise_padding(clip, PAD_MS, PAD_MS, "silence", 0.0, seed)
    if condition.startswith(("white", "pink")):
        kind = "white" if condition.startswith("white") else "pink"
        return with_noise_padding(clip, PAD_MS, PAD_MS, kind, float(condition[len(kind):]), seed)
    padded = with_noise_padding(clip, PAD_MS, PAD_MS, "silence", 0.0, seed)
    if condition.startswith("babble"):
        snr_db = float(condition[len("babble"):])
        rng = np.random.default_rng(seed)
        n = padded.num_samples
        babble = np.zeros(n)
        for k in rng.choice(len(babble_pool), size=3, replace=False):
            other = babble_pool[int(k)].samples().astype(np.float64)
            reps = int(np.ceil(n / max(1, other.size)))
            babble += np.tile(other, reps)[:n]
        speech = clip.samples().astype(np.float64)
        p_speech = np.mean(speech ** 2)
        p_babble = np.mean(babble ** 2) or 1.0
        babble *= np.sqrt(p_speech / (p_babble * 10 ** (snr_db / 10)))
        mixed = padded.samples().astype(np.float64) + babble
        return AudioClip(np.clip(mixed, -32768, 32767).astype("<i2").tobytes())
    if condition == "reverb":
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp) / "in.wav", Path(tmp) / "out.wav"
            src.write_bytes(padded.to_wav_bytes())
            subprocess.run(["sox", str(src), str(dst), "reverb", "50", "50", "100"], check=True, capture_output=True)
            return read_audio(dst)
    raise SystemExit(f"unknown condition {condition!r}")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


def _answer_of(pipeline, text: str, conf: float, alternatives, pcm: bytes | None = None) -> _Ans:
    """The reply to one transcript, in a fresh conversation with default settings.

    Not ``pipeline.reset()``: that keeps the settings, so one utterance misheard as a
    setting ("go to live treated short throat" -> ``brief``) cut every later knowledge
    answer to its first sentence and failed them (the fourth session's full run).

    With the utterance's audio ``pcm``, the match is checked by hearing it again when the
    interpreter wants that (``Engine.second_opinion``), as ``QAPipeline.ask_clip`` and the live
    session do; before the twelfth session the benchmark answered from the main decode only and
    missed the red flags only the second hearing catches."""
    pipeline.start_over()
    match = pipeline.interpret(text, conf, alternatives)
    if pcm:
        match = pipeline.engine.second_opinion(match, pcm, conf)
    a = pipeline.conversation.handle(match)
    return _Ans(a.intent, a.slots, a.text, a.section_id)


def case_seed(voice: str, condition: str, case_id: str) -> int:
    """The noise seed of one utterance: from its voice, condition and case id only, so any
    subset or order of voices and cases gets the same audio as the full run (it was
    ``1000 * voice_index + case_index`` before: it moved with the voice's place in ``--voices``)."""
    return zlib.crc32(f"{voice}|{condition}|{case_id}".encode())


def _process_probe(system: str) -> dict:
    """Start-to-ready time and peak RSS of a fresh process that loads ``system`` and decodes one clip.

    Peak RSS is the process's own high-water mark (``VmHWM``): ``getrusage`` would report
    the parent's size, which Linux carries across fork and exec."""
    code = f"""
import sys, time, resource, json
t0 = time.perf_counter()
sys.path.insert(0, {str(ROOT)!r})
from voice_guide.testing.voices import synthesize
clip = synthesize("what causes muscle atrophy", "flite:slt")
t_audio = time.perf_counter() - t0
if {system!r} == "ours":
    t1 = time.perf_counter()
    from voice_guide.engine import QAPipeline
    p = QAPipeline(); p.recognizer
    ready = time.perf_counter() - t1
    p.ask_clip(clip)
else:
    t1 = time.perf_counter()
    import speech_recognition as sr
    r = sr.Recognizer()
    from voice_guide.content.pack import load_pack
    from voice_guide.nlu.understanding import Understander
    u = Understander(load_pack())
    ready = time.perf_counter() - t1
    u.understand(r.recognize_sphinx(sr.AudioData(clip.pcm, 16000, 2)))
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
peak_mb = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"ready_ms": ready * 1000, "peak_rss_mb": peak_mb}}))
"""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    wall = (time.perf_counter() - t0) * 1000
    data = json.loads(out.strip().splitlines()[-1])
    data["process_wall_ms"] = wall
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="question set (JSON Lines, dev-set format)")
    parser.add_argument("--quick", action="store_true", help="a small subset: 3 conditions, 2 voices, 2 cases of each kind")
    parser.add_argument("--voices", nargs="+", help="voices to use (default: all available)")
    parser.add_argument("--conditions", nargs="+", help=f"conditions (default: {' '.join(CONDITIONS)})")
    parser.add_argument("--baseline-every", type=int, default=3, help="run the slow baseline on every Nth utterance (1: all)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed-offset", type=int, default=0, help="added to every noise seed (another draw of the noise)")
    parser.add_argument("--every", type=int, default=1, help="every Nth case of the set only (a subset)")
    parser.add_argument("--override", default="", metavar="K=V[,K=V]",
                        help="recognizer overrides, as tune_asr.py --set (PocketSphinxSettings fields, denoise, denoise_level, ...)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmark-results.json", help="where to write the figures")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "benchmark")
    args = parser.parse_args(argv)

    all_cases = load_cases(args.set)
    cases = all_cases[:: max(1, args.every)]
    voices = list(available_voices(tuple(args.voices or VOICES)))
    conditions = list(args.conditions or (QUICK_CONDITIONS if args.quick else CONDITIONS))
    if args.quick:
        by_kind: dict[str, list[dict]] = {}
        for c in cases:
            by_kind.setdefault(c["kind"], []).append(c)
        cases = [c for group in by_kind.values() for c in group[:: max(1, len(group) // 2)][:2]]
        voices = [v for v in voices if v in ("espeak:en-us", "flite:slt")][:2] or voices[:2]
    if not voices:
        print("no voices: install espeak-ng and flite (bash scripts/setup.sh)", file=sys.stderr)
        return 2

    from voice_guide.engine import QAPipeline

    print(f"Benchmark on {platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}: "
          f"{len(cases)} cases x {len(voices)} voices x {len(conditions)} conditions.", flush=True)
    if args.override:
        from tune_asr import _parse_value, _pipeline

        overrides = {k: _parse_value(v) for k, _, v in (p.partition("=") for p in args.override.split(","))}
        pipeline = _pipeline(overrides, [], args.cache / "models")
        print(f"Recognizer overrides: {overrides}", flush=True)
    else:
        pipeline = QAPipeline()
    rec = pipeline.recognizer
    baseline = None
    if not args.no_baseline:
        import speech_recognition as sr

        baseline = sr.Recognizer()

    spoken = {(v, c["id"]): synthesize(c["text"], v, cache_dir=args.cache) for v in voices for c in cases}
    pool_voices = [v for v in available_voices(BABBLE_VOICES)] or voices[:2]
    babble_pool = [synthesize(c["text"], v, cache_dir=args.cache) for c in all_cases[:20] for v in pool_voices]

    rows = []
    n = 0
    for condition in conditions:
        for voice in voices:
            for case in cases:
                seed = args.seed_offset + case_seed(voice, condition, case["id"])
                clip = condition_audio(spoken[(voice, case["id"])], condition, seed=seed, babble_pool=babble_pool)
                rec.start()
                t_feed = time.perf_counter()
                for chunk in clip.chunks(480):
                    rec.accept(chunk)
                t0 = time.perf_counter()
                tr = rec.finish()
                ans = _answer_of(pipeline, tr.text, tr.confidence, tr.alternatives, None if clip.is_silent() else clip.pcm)
                t1 = time.perf_counter()
                row = {"condition": condition, "voice": voice, "id": case["id"], "kind": case["kind"],
                       "ok": score_case(case, ans), "intent": ans.intent, "transcript": tr.text,
                       "after_ms": (t1 - t0) * 1000, "rtf": (t1 - t_feed) / (clip.duration_ms / 1000)}
                if baseline is not None and n % args.baseline_every == 0:
                    import speech_recognition as sr

                    b0 = time.perf_counter()
                    try:
                        btext = baseline.recognize_sphinx(sr.AudioData(clip.pcm, 16000, 2))
                    except sr.UnknownValueError:
                        btext = ""
                    b1 = time.perf_counter()
                    bans = _answer_of(pipeline, btext, 1.0, ())
                    b2 = time.perf_counter()
                    row.update({"b_ok": score_case(case, bans), "b_intent": bans.intent, "b_transcript": btext,
                                "b_after_ms": (b2 - b0) * 1000, "b_rtf": (b1 - b0) / (clip.duration_ms / 1000)})
                rows.append(row)
                n += 1
        done = [r for r in rows if r["condition"] == condition]
        print(f"  {condition}: ours {sum(r['ok'] for r in done)}/{len(done)}", flush=True)

    probe_ours = _process_probe("ours")
    probe_base = _process_probe("baseline") if baseline is not None else None
    report = summarize(rows, conditions, probe_ours, probe_base)
    report["setup"] = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                       "cases": len(cases), "voices": voices, "conditions": conditions,
                       "baseline_every": args.baseline_every if baseline is not None else None, "overrides": args.override,
                       "every": args.every, "seed_offset": args.seed_offset}
    print_table(report)
    args.json.write_text(json.dumps({"report": report, "rows": rows}, indent=1))
    print(f"Figures written to {args.json}.")
    return 0


def _acc(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows if key in r]
    return sum(vals) / len(vals) if vals else None


def summarize(rows: list[dict], conditions: list[str], probe_ours: dict, probe_base: dict | None) -> dict:
    """Accuracy per condition and kind, rejection rates, speed and memory, for ours and the baseline."""
    def rates(rs: list[dict], ok: str, intent: str) -> dict:
        sub = [r for r in rs if ok in r]
        ood = [r for r in sub if r["kind"] == "ood"]
        ind = [r for r in sub if r["kind"] in ("knowledge", "control")]
        return {
            "accuracy": _acc(sub, ok),
            "ood_wrongly_answered": (sum(r[intent] != "fallback" for r in ood) / len(ood)) if ood else None,
            "in_domain_wrongly_rejected": (sum(r[intent] == "fallback" for r in ind) / len(ind)) if ind else None,
            "by_kind": {k: _acc([r for r in sub if r["kind"] == k], ok) for k in ("knowledge", "control", "ood", "emergency")},
            "n": len(sub),
        }

    per_condition = {}
    for c in conditions:
        rs = [r for r in rows if r["condition"] == c]
        per_condition[c] = {"ours": rates(rs, "ok", "intent"), "baseline": rates(rs, "b_ok", "b_intent")}
    clean = [r for r in rows if r["condition"] == "clean"]
    failures = [{"condition": r["condition"], "voice": r["voice"], "id": r["id"], "expected_kind": r["kind"],
                 "got": r["intent"], "transcript": r["transcript"]} for r in rows if not r["ok"]]
    base_rows = [r for r in rows if "b_after_ms" in r]
    return {
        "per_condition": per_condition,
        "overall": {"ours": rates(rows, "ok", "intent"), "baseline": rates(rows, "b_ok", "b_intent")},
        "speed": {
            "ours": {"after_ms_median": statistics.median(r["after_ms"] for r in clean or rows),
                     "after_ms_p90": _pct([r["after_ms"] for r in clean or rows], 0.9),
                     "rtf_median": statistics.median(r["rtf"] for r in rows), **probe_ours},
            "baseline": ({"after_ms_median": statistics.median(r["b_after_ms"] for r in base_rows),
                          "after_ms_p90": _pct([r["b_after_ms"] for r in base_rows], 0.9),
                          "rtf_median": statistics.median(r["b_rtf"] for r in base_rows), **(probe_base or {})}
                         if base_rows else None),
        },
        "failures": failures,
    }


def _fmt(v: float | None, pct: bool = True) -> str:
    if v is None or v != v:
        return "-"
    return f"{100 * v:.1f}%" if pct else f"{v:.0f}"


def _ratio(ours: float | None, base: float | None, higher_is_better: bool) -> str:
    if not ours or not base:
        return "-"
    return f"{(ours / base if higher_is_better else base / ours):.2f}x"


def print_table(report: dict) -> None:
    """The report as plain lines (no box drawing), ours beside the baseline."""
    print("")
    print("Accuracy by condition (all cases right): ours | baseline | ratio")
    for c, d in report["per_condition"].items():
        o, b = d["ours"]["accuracy"], d["baseline"]["accuracy"]
        print(f"  {c}: {_fmt(o)} | {_fmt(b)} | {_ratio(o, b, True)}")
    o, b = report["overall"]["ours"], report["overall"]["baseline"]
    print(f"  all conditions: {_fmt(o['accuracy'])} | {_fmt(b['accuracy'])} | {_ratio(o['accuracy'], b['accuracy'], True)}")
    print("By kind (all conditions): ours | baseline")
    for k in ("knowledge", "control", "ood", "emergency"):
        print(f"  {k}: {_fmt(o['by_kind'][k])} | {_fmt(b['by_kind'][k])}")
    print(f"Out-of-domain speech wrongly answered: {_fmt(o['ood_wrongly_answered'])} | {_fmt(b['ood_wrongly_answered'])}")
    print(f"In-domain speech wrongly rejected: {_fmt(o['in_domain_wrongly_rejected'])} | {_fmt(b['in_domain_wrongly_rejected'])}")
    so, sb = report["speed"]["ours"], report["speed"]["baseline"] or {}
    print("Speed: ours | baseline | ratio")
    print(f"  recognition + understanding after the end of audio, median: {so['after_ms_median']:.0f} ms | "
          f"{sb.get('after_ms_median', float('nan')):.0f} ms | {_ratio(so['after_ms_median'], sb.get('after_ms_median'), False)}")
    print(f"  same, 90th percentile: {so['after_ms_p90']:.0f} ms | {sb.get('after_ms_p90', float('nan')):.0f} ms")
    print(f"  real-time factor, median: {so['rtf_median']:.3f} | {sb.get('rtf_median', float('nan')):.3f} | "
          f"{_ratio(so['rtf_median'], sb.get('rtf_median'), False)}")
    print(f"  start to ready: {so['ready_ms']:.0f} ms | {sb.get('ready_ms', float('nan')):.0f} ms "
          f"(whole process incl. Python start: {so['process_wall_ms']:.0f} ms | {sb.get('process_wall_ms', float('nan')):.0f} ms)")
    print(f"  peak memory (RSS): {so['peak_rss_mb']:.0f} MB | {sb.get('peak_rss_mb', float('nan')):.0f} MB | "
          f"{_ratio(so['peak_rss_mb'], sb.get('peak_rss_mb'), False)}")
    fails = report["failures"]
    print(f"Failures (ours): {len(fails)}; the first 25 (condition, voice, case, expected kind, got, heard):")
    for f in fails[:25]:
        print(f"  {f['condition']} {f['voice']} {f['id']} {f['expected_kind']} -> {f['got']}: {f['transcript']!r}")


if __name__ == "__main__":
    raise SystemExit(main())
