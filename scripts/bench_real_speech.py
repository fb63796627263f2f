#!/usr/bin/env python3
"""The speech-to-intent benchmark on real voices, reproduced: 619 recordings in kitchen noise.

Two measurements, one process per worker (the pipeline of ``ask --json --audio``, built once):

1. **coffee** — every recording, mixed with the kitchen noise by the published method, through
   the coffee grammar pack: command acceptance (intent and every slot exactly right), our row
   beside the five published rows, per SNR and on average.
2. **article** — the same recordings (clean and at each SNR) through the default article pack:
   every one should be declined; counts what was acted on (a passage read, a control acted on,
   an emergency raised) and the transcripts behind it.

Mixing (``/work/shared/eval/real-speech/README.md``): for each file a random window of the noise
of the same length (seeded per seed, SNR and file), scaled so that the ratio of the maximum frame
energies (sum of squares over 2,048-sample frames) is ``10^(SNR/10)``, the mix normalized to half
of full scale.

Usage::

    python3 scripts/bench_real_speech.py                     # everything, 2 workers
    python3 scripts/bench_real_speech.py --every 5           # every 5th recording (development)
    python3 scripts/bench_real_speech.py --quick             # 4 recordings, clean + 6 dB (a smoke test)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import multiprocessing
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA_DIR = Path("/work/shared/eval/real-speech")
NOISE_PATH = Path("/work/shared/eval/noise/kitchen.wav")
COFFEE_PACK = ROOT / "tests" / "packs" / "coffee"
SNRS_DB = (24, 21, 18, 15, 12, 9, 6)
FRAME_SAMPLES = 2048
PUBLISHED = {
    "Picovoice Rhino": (96, 97, 98, 99, 99, 99, 99),
    "Microsoft LUIS": (86, 89, 90, 91, 92, 93, 93),
    "IBM Watson": (72, 84, 89, 93, 95, 95, 96),
    "Amazon Lex": (80, 84, 85, 87, 87, 87, 88),
    "Google Dialogflow": (70, 78, 78, 80, 81, 82, 83),
}
"""Published command acceptance in kitchen noise (%), at 6, 9, ..., 24 dB."""
PUBLISHED_SNRS = (6, 9, 12, 15, 18, 21, 24)


@dataclass(frozen=True)
class Job:
    """One recording in one condition through one pack."""

    pack: str
    """``coffee`` or ``article``."""

    name: str
    """The recording's file name (labels.json key, ``.wav``)."""

    snr_db: int | None
    """None for the clean recording."""


def max_frame_energy(x: np.ndarray) -> float:
    """The largest sum of squares over the signal's whole 2,048-sample frames."""
    n = max(len(x) // FRAME_SAMPLES, 1)
    frames = np.resize(x, n * FRAME_SAMPLES) if len(x) < FRAME_SAMPLES else x[: n * FRAME_SAMPLES]
    return float((frames.reshape(n, -1).astype(np.float64) ** 2).sum(axis=1).max())


def mix(speech: np.ndarray, noise: np.ndarray, snr_db: float, rng: random.Random) -> np.ndarray:
    """The published mix: a random noise window, scaled to the SNR of max frame energies, then
    the sum normalized to half of full scale (float, -1..1)."""
    start = rng.randint(0, len(noise) - len(speech))
    window = noise[start : start + len(speech)].astype(np.float64)
    scale = np.sqrt(max_frame_energy(speech) / (max_frame_energy(window) * 10 ** (snr_db / 10)))
    mixed = speech.astype(np.float64) + scale * window
    return 0.5 * mixed / max(float(np.max(np.abs(mixed))), 1e-12)


def read_float(path: Path) -> np.ndarray:
    import soundfile

    data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    if rate != 16000:
        raise SystemExit(f"{path}: expected 16 kHz, got {rate}")
    return data.mean(axis=1)


# --- worker ------------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init(seed: int, cache: str | None, recognizer: str, search: dict[str, float] | None = None,
          denoise: str | None = None, trim_ms: float | None = None,
          bias: dict[str, dict[str, float]] | None = None, decoder: dict[str, Any] | None = None) -> None:
    logging.disable(logging.WARNING)
    from voice_guide.content.pack import load_pack
    from voice_guide.engine import QAPipeline

    cache_dir = Path(cache) if cache else None
    coffee = QAPipeline(load_pack(COFFEE_PACK), cache_dir=cache_dir)
    if recognizer == "lm":
        # For comparison: the plain n-gram recognizer in the pipeline's slot (ask uses the grammar search).
        from voice_guide.stt import load_recognizer

        coffee.engine._recognizer = load_recognizer("pocketsphinx", coffee.vocabularies(), cache_dir=cache_dir)
    elif search or denoise or bias or decoder:
        _tune_recognizer(coffee, cache_dir, search or {}, denoise, bias, decoder)
    _STATE["pipelines"] = {"coffee": coffee, "article": QAPipeline(load_pack(None), cache_dir=cache_dir)}
    _STATE["heard"] = {name: _record_alternatives(p) for name, p in _STATE["pipelines"].items()}
    from eval_safety_spoken import record_second_hearings  # type: ignore[import-not-found]

    _STATE["second"] = record_second_hearings(_STATE["pipelines"]["article"])
    _STATE["noise"] = read_float(NOISE_PATH)
    _STATE["seed"] = seed
    _STATE["trim_ms"] = trim_ms


def _tune_recognizer(coffee: Any, cache_dir: Path | None, search: dict[str, float], denoise: str | None,
                     bias: dict[str, dict[str, float]] | None, decoder: dict[str, Any] | None) -> None:
    """Tuning: the grammar recognizer of ask in the coffee pipeline, with other grammar-search
    settings (``search``), noise front end, decoder bias or decoder settings."""
    from voice_guide.audio.frontend import DenoiseSettings
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxSettings
    from voice_guide.stt.pocketsphinx.grammar_backend import GrammarSearchSettings, load_grammar_recognizer

    assert coffee.engine.grammar is not None
    options = dict(search)
    if bias:
        coffee.engine.grammar.decoder_bias = bias
    fsg = coffee.engine.grammar.to_fsg(value_weights=bool(options.pop("value_weights", 1.0)))
    second = [options.pop(k) for k in ("second_beam", "second_wbeam", "second_pbeam") if k in options]
    if second:
        if len(second) != 3:
            raise SystemExit("--search: second_beam, second_wbeam and second_pbeam go together")
        options["second_beams"] = tuple(second)  # type: ignore[assignment]
    front = DenoiseSettings(engine=denoise, dry_mix=float(options.pop("dry_mix", 0.0)),
                            auto_dbfs=float(options.pop("auto_dbfs", -44.0))) if denoise else None
    settings = PocketSphinxSettings(**{k: (int(v) if k == "topn" else v) for k, v in (decoder or {}).items()})  # type: ignore[arg-type]
    coffee.engine._recognizer = load_grammar_recognizer(
        coffee.vocabularies(), {"main": fsg}, cache_dir=cache_dir, search=GrammarSearchSettings(**options),
        denoise=front, bias=coffee.engine.grammar.decoder_bias, settings=settings)


def _use_acoustic_model(hmm: Path) -> None:
    """Measurement only: every PocketSphinx decoder made in this process loads ``hmm`` as its acoustic model."""
    from voice_guide.stt.pocketsphinx import backend

    stock = backend.model_paths
    backend.model_paths = lambda: (hmm, *stock()[1:])  # type: ignore[assignment]


def _record_alternatives(pipeline: Any) -> list[dict[str, Any]]:
    """A list that receives the n-best list of each utterance the pipeline's recognizer hears
    (written to ``--json`` so that interpretation can be replayed without decoding again)."""
    log: list[dict[str, Any]] = []
    rec = pipeline.recognizer
    transcribe = rec.transcribe

    def recording(pcm: bytes, *a: Any, **k: Any) -> Any:
        t = transcribe(pcm, *a, **k)
        features = getattr(getattr(rec, "inner", rec), "last_features", None)  # per-word evidence, for replay
        log.append({"alternatives": [list(x) for x in t.alternatives]} | ({} if features is None else {
            "words": list(features.words), "word_posteriors": [round(p, 4) for p in features.word_posteriors]}))
        return t

    rec.transcribe = recording
    return log


def _run(job: Job) -> dict[str, Any]:
    from voice_guide.audio.files import AudioClip

    pipeline = _STATE["pipelines"][job.pack]
    pipeline.start_over()  # no routine, pending question or setting left by the last recording
    speech = read_float(DATA_DIR / "audio" / job.name.replace(".wav", ".flac"))
    if job.snr_db is None:
        signal = speech if not _STATE.get("gain_norm") else 0.5 * speech / max(float(np.max(np.abs(speech))), 1e-12)
    else:
        rng = random.Random(f"{_STATE['seed']}:{job.snr_db}:{job.name}")
        signal = mix(speech, _STATE["noise"], job.snr_db, rng)
    heard = _STATE["heard"][job.pack]
    heard.clear()
    _STATE["second"].clear()
    if _STATE.get("pre") == "noisereduce":  # a whole-utterance spectral gate before the front end (measurement only)
        import noisereduce

        signal = np.asarray(noisereduce.reduce_noise(y=signal.astype(np.float32), sr=16000, stationary=False))
    clip = AudioClip.from_float(signal.astype(np.float32), 16000)
    if _STATE.get("trim_ms") is not None:
        clip = _trim(clip, float(_STATE["trim_ms"]))
    r = pipeline.ask_clip(clip, job.name)
    second = dict(_STATE["second"]) if job.pack == "article" else {}
    first = dict(heard[-1]) if heard else {"alternatives": []}
    if job.pack == "coffee" and _STATE.get("raw_too"):
        second.update(_hear_coffee_raw(pipeline, clip, job.name, heard))
    if job.pack == "article":  # whether the noise front end denoised it (replays of noise-dependent rules)
        from eval_safety_spoken import front_end_state  # type: ignore[import-not-found]

        second.update(front_end_state(pipeline.recognizer))
        if _STATE.get("raw_too") and second.get("denoised"):
            from eval_safety_spoken import hear_raw  # type: ignore[import-not-found]

            second["raw"] = hear_raw(pipeline, clip, job.name, heard, _STATE["second"])
    return {**first, **second, "pack": job.pack, "name": job.name, "snr_db": job.snr_db, "transcript": r.transcript,
            "asr_confidence": r.asr_confidence, "intent": r.intent, "slots": r.slots, "section": r.section,
            "answer": r.answer, "latency_ms": r.latency_ms}


def _hear_coffee_raw(pipeline: Any, clip: Any, name: str, heard: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether the front end denoised the recording and, when it did, what the coffee pack makes
    of the original audio (field ``raw``: n-best, intent, slots), for replays of choices between them."""
    from eval_safety_spoken import front_end_state, hear_raw  # type: ignore[import-not-found]

    out: dict[str, Any] = front_end_state(pipeline.recognizer)
    if out["denoised"]:
        out["raw"] = hear_raw(pipeline, clip, name, heard, {})
    return out


def _trim(clip: Any, margin_ms: float) -> Any:
    """The clip from the endpointer's first speech start to its last speech end, ``margin_ms`` either
    side (what a live session hands the recognizer, roughly); the whole clip when no speech is found."""
    from voice_guide.audio.vad import detect_phrases

    phrases = detect_phrases(clip)
    if not phrases:
        return clip
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    start = max(0, int((phrases[0].speech_start_ms - margin_ms) * 16))
    end = min(len(samples), int((phrases[-1].speech_end_ms + margin_ms) * 16))
    return type(clip).from_float((samples[start:end] / 32768.0).astype(np.float32), 16000)


# --- scoring -------------------------------------------------------------------------
def accepted(row: dict[str, Any], label: dict[str, Any]) -> bool:
    """Command acceptance: the intent and every slot exactly right (stray spaces in labels stripped)."""
    want = {k: str(v).strip() for k, v in label["slots"].items()}
    return bool(row["intent"] == label["intent"] and row["slots"] == want)


def acted_on(row: dict[str, Any]) -> str | None:
    """What the article pack did with out-of-domain speech: None when declined."""
    if row["intent"] in ("emergency", "crisis"):
        return "emergency"
    if row["intent"] == "confirm_emergency":
        return "question"
    if row["intent"] == "pain":
        return "pain"
    if row["section"]:
        return "passage"
    if row["intent"] != "fallback":
        return "control"
    return None


def _cond(snr: int | None) -> str:
    return "clean" if snr is None else f"{snr} dB"


def coffee_report(rows: list[dict[str, Any]], labels: dict[str, Any], label: str) -> tuple[str, dict[str, Any]]:
    by: dict[int | None, list[bool]] = {}
    for row in rows:
        by.setdefault(row["snr_db"], []).append(accepted(row, labels[row["name"]]))
    ours = {s: 100.0 * sum(v) / len(v) for s, v in by.items()}
    snrs = [s for s in PUBLISHED_SNRS if s in ours]
    head = "| engine | " + " | ".join(f"{s} dB" for s in snrs) + " | average |" + (" clean |" if None in ours else "")
    lines = [head, "|---" * (len(snrs) + 2 + (None in ours)) + "|"]
    n = len(next(iter(by.values()))) if by else 0
    avg = statistics.mean(ours[s] for s in snrs) if snrs else 0.0
    lines.append(f"| **voice-guide, coffee pack ({label}, {n} files)** | " + " | ".join(f"**{ours[s]:.1f} %**" for s in snrs)
                 + f" | **{avg:.1f} %** |" + (f" {ours[None]:.1f} % |" if None in ours else ""))
    for engine, figures in PUBLISHED.items():
        vals = [figures[PUBLISHED_SNRS.index(s)] for s in snrs]
        lines.append(f"| {engine} | " + " | ".join(f"{v} %" for v in vals) + f" | {statistics.mean(vals) if vals else 0.0:.1f} % |"
                     + (" |" if None in ours else ""))
    return "\n".join(lines), {"accept_pct": {_cond(s): round(v, 2) for s, v in ours.items()}, "files": n}


def article_report(rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    by: dict[int | None, list[dict[str, Any]]] = {}
    for row in rows:
        by.setdefault(row["snr_db"], []).append(row)
    order = [s for s in (None, *SNRS_DB) if s in by]
    lines = ["| condition | files | acted on | passage | control | emergency | safety question | pain |",
             "|---|---|---|---|---|---|---|---|"]
    summary: dict[str, Any] = {}
    examples: Counter[str] = Counter()
    for s in order:
        kinds = Counter(k for k in (acted_on(r) for r in by[s]) if k)
        total = sum(kinds.values())
        n = len(by[s])
        lines.append(f"| {_cond(s)} | {n} | {total} ({100.0 * total / n:.1f} %) | {kinds['passage']} | {kinds['control']} "
                     f"| {kinds['emergency']} | {kinds['question']} | {kinds['pain']} |")
        summary[_cond(s)] = {"files": n, "acted_on": total, **dict(kinds)}
        for r in by[s]:
            kind = acted_on(r)
            if kind:
                examples[f"{kind}: {r['intent']}{'/' + r['section'] if r['section'] else ''} <- \"{r['transcript']}\""] += 1
    if examples:
        lines.append("\nWhat was acted on (kind: intent/section <- transcript), most frequent first:")
        lines += [f"- {k} (x{v})" for k, v in examples.most_common(25)]
    return "\n".join(lines), summary


def measure_speed(names: list[str], snr_db: int | None, seed: int, chunk_ms: int = 30,
                  tune: dict[str, Any] | None = None) -> dict[str, Any]:
    """What ``ask`` costs with the coffee pack, in this process: ready time (pack, engine and
    recognizer loaded), the time from the last 30 ms chunk of a recording streamed as from a
    microphone to the understood order (recognizer finish + interpretation), and peak memory.

    The recordings are mixed (16-bit) before anything of voice-guide is loaded and the 2-minute
    noise recording is freed, so that the peak is the guide's, not the benchmark's own arrays
    (about 16 MB of float noise held while decoding, in the measurements before the eleventh round)."""
    import gc
    import resource

    clips = _speed_clips(names, snr_db, seed)
    gc.collect()
    from voice_guide.content.pack import load_pack
    from voice_guide.engine import QAPipeline

    t0 = time.perf_counter()
    pipeline = QAPipeline(load_pack(COFFEE_PACK))
    if tune:  # the grammar recognizer with the tuning options (--search, --denoise, --bias, --decoder)
        _tune_recognizer(pipeline, None, tune["search"], tune["denoise"], tune["bias"], tune["decoder"])
    rec = pipeline.recognizer
    ready_ms = 1000.0 * (time.perf_counter() - t0)
    after: list[float] = []
    step = 16 * chunk_ms
    for pcm in clips:
        rec.start()
        for i in range(0, len(pcm), step):
            rec.accept(pcm[i : i + step].tobytes())
        t1 = time.perf_counter()
        heard = rec.finish()
        pipeline.engine.interpret(heard.text, heard.confidence, heard.alternatives, pipeline.conversation.dialogue_state)
        after.append(1000.0 * (time.perf_counter() - t1))
    return {"ready_ms": round(ready_ms), "after_speech_median_ms": round(statistics.median(after), 1),
            "after_speech_p90_ms": round(sorted(after)[int(0.9 * (len(after) - 1))], 1), "recordings": len(after),
            "snr_db": snr_db, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)}


def _speed_clips(names: list[str], snr_db: int | None, seed: int) -> list[np.ndarray]:
    """The recordings (clean, or mixed at ``snr_db``) as 16-bit samples, the noise freed after."""
    noise = read_float(NOISE_PATH) if snr_db is not None else None
    clips = []
    for name in names:
        speech = read_float(DATA_DIR / "audio" / name.replace(".wav", ".flac"))
        signal = speech if noise is None else mix(speech, noise, snr_db or 0, random.Random(f"{seed}:{snr_db}:{name}"))
        clips.append(np.round(np.clip(signal, -1, 1) * 32767).astype("<i2"))
    return clips


def _progress(i: int, total: int, row: dict[str, Any]) -> dict[str, Any]:
    if (i + 1) % 100 == 0:
        print(f"  {i + 1}/{total}", file=sys.stderr, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=1, help="use every Nth recording (sorted by name)")
    ap.add_argument("--offset", type=int, default=0, help="start the every-Nth selection at this index")
    ap.add_argument("--limit", type=int, default=0, help="at most this many recordings")
    ap.add_argument("--snrs", type=int, nargs="*", default=list(SNRS_DB))
    ap.add_argument("--packs", nargs="*", default=["coffee", "article"], choices=["coffee", "article"])
    ap.add_argument("--no-clean", action="store_true", help="skip the clean recordings")
    ap.add_argument("--quick", action="store_true", help="4 recordings, clean and 6 dB, 1 worker")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--cache", default=None, help="language-model cache folder")
    ap.add_argument("--recognizer", choices=["lm", "grammar"], default="grammar",
                    help="coffee pack: the grammar-search decoder of ask --audio (grammar), or the n-gram model (lm)")
    ap.add_argument("--residues", type=int, nargs="*", default=None,
                    help="tuning: the recordings whose index (sorted by name) mod 10 is one of these (never 0 or 5: "
                         "those are the reported set)")
    ap.add_argument("--search", nargs="*", default=[], metavar="KEY=VALUE",
                    help="grammar-search decoder settings (GrammarSearchSettings fields, and value_weights=0|1 for "
                         "GrammarMatcher.to_fsg), e.g. lw=3 pip=0.5; second_beam, second_wbeam, second_pbeam "
                         "with second_below: the second pass when the first is unsure")
    ap.add_argument("--decoder", nargs="*", default=[], metavar="KEY=VALUE",
                    help="grammar recognizer: PocketSphinxSettings fields (numbers), e.g. topn=8 vtln_warp=0.9")
    ap.add_argument("--mllr", default=None, metavar="PATH",
                    help="grammar recognizer: this MLLR transform of the acoustic model (PocketSphinxSettings.mllr_path; "
                         "built by scripts/adapt_acoustic_model.py)")
    ap.add_argument("--hmm", default=None, metavar="DIR",
                    help="measurement only: this acoustic model folder instead of the stock en-us (e.g. a MAP-adapted "
                         "copy made with sphinxtrain's map_adapt and mk_s2sendump)")
    ap.add_argument("--denoise", choices=["none", "webrtc", "rnnoise", "auto"], default=None,
                    help="grammar recognizer: this noise front end instead of the default")
    ap.add_argument("--bias", nargs="*", default=[], metavar="LIST:VALUE=WEIGHT",
                    help="grammar decoder: weight of a list value (GrammarMatcher.decoder_bias), e.g. 'numberOfShots:triple shot=2'")
    ap.add_argument("--trim-ms", type=float, default=None,
                    help="hand the recognizer only the endpointer's speech, this margin (ms) either side")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="only measure ready time, after-speech latency on N recordings (kitchen noise at the first "
                         "--snrs value; clean with an empty --snrs) and peak memory, then stop")
    ap.add_argument("--raw-too", action="store_true", help="also hear each denoised recording with the noise front "
                    "end off (field raw of --json; for the coffee pack with its n-best, intent and slots), for replays")
    ap.add_argument("--gain-norm", action="store_true", help="clean recordings normalized to half of full scale, "
                    "like the mixes (per-utterance gain normalisation)")
    ap.add_argument("--pre", choices=["noisereduce"], default=None, help="this whole-utterance noise reduction on "
                    "every recording before the recognizer (with --denoise none: instead of RNNoise)")
    ap.add_argument("--json", type=Path, default=None, help="write every row and the summaries here")
    args = ap.parse_args(argv)
    if args.quick:
        args.limit, args.snrs, args.workers = 4, [6], 1
    labels = json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    names = sorted(labels)[args.offset :: max(args.every, 1)]
    if args.residues is not None:
        if {0, 5} & set(args.residues):
            raise SystemExit("--residues: 0 and 5 are the reported set, not for tuning")
        names = [n for i, n in enumerate(sorted(labels)) if i % 10 in args.residues]
    search = {k: float(v) for k, v in (kv.split("=", 1) for kv in args.search)}
    decoder: dict[str, Any] = {k: float(v) for k, v in (kv.split("=", 1) for kv in args.decoder)}
    if args.mllr:
        decoder["mllr_path"] = str(Path(args.mllr).resolve())
    bias: dict[str, dict[str, float]] = {}
    for item in args.bias:
        key, weight = item.rsplit("=", 1)
        list_name, value = key.split(":", 1)
        bias.setdefault(list_name, {})[value] = float(weight)
    missing = [n for n in names if not (DATA_DIR / "audio" / n.replace(".wav", ".flac")).exists()]
    if missing:  # labels.json has 625 entries for the 619 recordings
        print(f"skipping {len(missing)} labels without a recording: {', '.join(missing)}", file=sys.stderr)
        names = [n for n in names if n not in missing]
    if args.limit:
        names = names[: args.limit]
    if args.speed:
        logging.disable(logging.WARNING)
        tune = {"search": search, "denoise": args.denoise, "bias": bias, "decoder": decoder}
        speed = measure_speed(names[: args.speed], args.snrs[0] if args.snrs else None, args.seed,
                              tune=tune if (search or args.denoise or bias or decoder) else None)
        print(json.dumps(speed))
        return 0
    conditions: list[int | None] = ([] if args.no_clean else [None]) + list(args.snrs)
    jobs = [Job(p, n, s) for p in args.packs for s in conditions for n in names]
    print(f"{len(names)} recordings x {len(conditions)} conditions x {len(args.packs)} packs = {len(jobs)} runs, "
          f"{args.workers} worker(s)", file=sys.stderr)
    started = time.perf_counter()
    _STATE["raw_too"] = args.raw_too  # inherited by forked workers
    _STATE["gain_norm"] = args.gain_norm
    if args.pre == "noisereduce" and importlib.util.find_spec("noisereduce") is None:
        raise SystemExit("--pre noisereduce: the noisereduce package is not installed (pip install noisereduce; "
                         "a measurement option, not a dependency of voice-guide)")
    _STATE["pre"] = args.pre
    if args.hmm:
        _use_acoustic_model(Path(args.hmm).resolve())
    if args.workers <= 1:
        _init(args.seed, args.cache, args.recognizer, search, args.denoise, args.trim_ms, bias, decoder)
        rows = [_progress(i, len(jobs), _run(j)) for i, j in enumerate(jobs)]
    else:
        with multiprocessing.get_context("fork").Pool(min(args.workers, 2), _init, (args.seed, args.cache, args.recognizer, search, args.denoise, args.trim_ms, bias, decoder)) as pool:
            rows = [_progress(i, len(jobs), r) for i, r in enumerate(pool.imap(_run, jobs, chunksize=4))]
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = {"files": len(names), "every": args.every, "residues": args.residues, "search": search, "decoder": decoder, "bias": bias, "denoise": args.denoise,
                           "seed": args.seed, "recognizer": args.recognizer,
                           "elapsed_s": round(elapsed, 1)}
    asr_ms = [r["latency_ms"]["asr"] for r in rows if r["latency_ms"]]
    if "coffee" in args.packs:
        table, out["coffee"] = coffee_report([r for r in rows if r["pack"] == "coffee"], labels,
                                           "PocketSphinx, grammar search" if args.recognizer == "grammar" else "PocketSphinx, n-gram")
        print("\nCommand acceptance in kitchen noise (intent and every slot exact):\n" + table)
    if "article" in args.packs:
        table, out["article"] = article_report([r for r in rows if r["pack"] == "article"])
        print("\nThe same recordings through the article pack (all should be declined):\n" + table)
    print(f"\n{len(rows)} runs in {elapsed:.0f} s; median recognition {statistics.median(asr_ms):.0f} ms per recording")
    if args.json:
        args.json.write_text(json.dumps({"summary": out, "rows": rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
