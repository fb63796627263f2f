#!/usr/bin/env python3
"""Measure noise-suppression front ends of the PocketSphinx backend in noise.

The tuning set is the one of ``scripts/tune_asr.py`` (topic samples, control phrases,
safety samples held out of the language model, and its out-of-domain questions; never
the evaluation set), spoken by a few voices (audio cached under ``.cache/tune/``) and
heard under each condition:

* ``clean``;
* ``white<SNR>`` / ``pink<SNR>``: :func:`voice_guide.audio.sources.mix` noise at SNR dB;
* ``babble<SNR>``: three other tuning sentences spoken by the other voices, each scaled
  to the same power, summed, looped to the clip's length and scaled to SNR dB (power
  over the whole clip, as in ``mix``).

Each front end is a ``DenoiseSettings`` (voice_guide.audio.frontend) value (``none``, ``webrtc``,
``rnnoise``, ``auto``; ``webrtc:3`` sets the WebRTC level, ``auto:-40`` the auto
threshold in dBFS, ``auto:-40:webrtc`` also its engine); ``+vad`` after it first trims the
noisy clip to the phrases that :func:`voice_guide.audio.vad.detect_phrases` finds (what a
live session's endpointer hands the recognizer). Scored as ``tune_asr.py --replay``
does: the typed text's intent/section/slots must come out of ``pipeline.interpret`` of
what was heard; out-of-domain questions must give ``fallback``. Also reported: the
median time spent in ``finish()`` (the latency after the end of speech). Example::

    python scripts/tune_noise.py --frontends none webrtc rnnoise --max-knowledge 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tune_asr import CACHE, OUT_OF_DOMAIN, audio_for, tuning_set  # noqa: E402

VOICES = ("espeak:en-us", "flite:slt", "flite:rms")
CONDITIONS = ("clean", "white20", "white10", "white5", "pink20", "pink10", "pink5",
              "babble20", "babble10", "babble5")
FRONTENDS = ("none", "webrtc", "rnnoise")


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\n".join(map(str, parts)).encode()).digest()[:4], "little")


def parse_condition(name: str) -> tuple[str, float | None]:
    if name == "clean":
        return "clean", None
    for kind in ("white", "pink", "babble"):
        if name.startswith(kind):
            return kind, float(name[len(kind):])
    raise ValueError(f"unknown condition {name!r}")


def parse_frontend(spec: str) -> tuple[dict[str, object], bool]:
    """'webrtc:3+vad' -> ({'denoise': 'webrtc', 'denoise_level': 3}, True)."""
    vad = spec.endswith("+vad")
    name = spec[: -len("+vad")] if vad else spec
    engine, _, level = name.partition(":")
    overrides: dict[str, object] = {"denoise": engine}
    if engine == "auto":
        threshold, _, inner = level.partition(":")
        if threshold:
            overrides["denoise_auto_dbfs"] = float(threshold)
        if inner:
            overrides["denoise_auto_engine"] = inner
    elif level:
        overrides["denoise_level"] = int(level)
    return overrides, vad


def babble(clip, others: list[str], snr_db: float):
    """Three other voices' sentences summed, at ``snr_db`` under ``clip``."""
    import numpy as np

    from voice_guide.audio.files import AudioClip, read_audio

    s = clip.samples().astype(np.float64)
    total = np.zeros(s.size)
    for path in others:
        o = read_audio(path).samples().astype(np.float64)
        o = o / max(1e-9, float(np.sqrt(np.mean(o * o))))
        reps = int(np.ceil(s.size / o.size))
        total += np.tile(o, reps)[: s.size]
    p_s = float(np.mean(s * s))
    p_n = float(np.mean(total * total))
    scale = np.sqrt(p_s / 10.0 ** (snr_db / 10.0) / max(p_n, 1e-12))
    mixed = s + scale * total
    return AudioClip(np.clip(np.round(mixed), -32768, 32767).astype("<i2").tobytes(), clip.sample_rate_hz)


def noisy_clip(job: dict):
    from voice_guide.audio.files import read_audio
    from voice_guide.testing.noise import mix

    clip = read_audio(job["path"])
    kind, snr = parse_condition(job["condition"])
    if kind == "clean":
        return clip
    seed = _seed(job["text"], job["voice"], job["condition"])
    if kind == "babble":
        return babble(clip, job["babble"], snr)
    return mix(clip, kind, snr, seed)


def vad_trim(clip):
    """The phrases the endpointer finds in ``clip``, joined (the clip itself if none)."""
    from voice_guide.audio.files import AudioClip
    from voice_guide.audio.vad import detect_phrases

    phrases = detect_phrases(clip)
    if not phrases:
        return clip
    return AudioClip(b"".join(p.audio.pcm for p in phrases), clip.sample_rate_hz)


def _run_chunk(args: tuple) -> list[dict]:
    from tune_asr import _pipeline

    frontends, holdout, model_cache, jobs = args
    pipes = {}
    for spec in frontends:
        overrides, _vad = parse_frontend(spec)
        key = json.dumps(overrides, sort_keys=True)
        if key not in pipes:
            pipes[key] = _pipeline(overrides, holdout, Path(model_cache))
    out = []
    for job in jobs:
        clip = noisy_clip(job)
        for spec in frontends:
            overrides, vad = parse_frontend(spec)
            pipe = pipes[json.dumps(overrides, sort_keys=True)]
            audio = vad_trim(clip) if vad else clip
            rec = pipe.recognizer
            rec.start()
            for chunk in audio.chunks(480):
                rec.accept(chunk)
            t0 = time.perf_counter()
            t = rec.finish()
            finish_ms = 1000 * (time.perf_counter() - t0)
            den = getattr(rec, "denoised", None)
            m = pipe.interpret(t.text, t.confidence, t.alternatives)
            got = [m.intent, m.section_id, m.slots]
            ok = got[0] == "fallback" if job["kind"] == "ood" else got == job["want"]
            out.append({"frontend": spec, "condition": job["condition"], "voice": job["voice"],
                        "kind": job["kind"], "text": job["text"], "heard": t.text, "asr": t.confidence,
                        "ok": ok, "finish_ms": finish_ms,
                        "denoised": den})
    return out


def build_jobs(voices, conditions, in_domain, ood, max_ood: int) -> list[dict]:
    import random

    from voice_guide.engine import QAPipeline

    u = QAPipeline().understander
    items = []
    for kind, text in in_domain:
        m = u.understand(text)
        if m.intent != "fallback":
            items.append((kind, text, [m.intent, m.section_id, m.slots]))
    items += [("ood", text, None) for text in (ood[:: max(1, len(ood) // max_ood)] if max_ood else ood)]
    pool = [text for _, text, _ in items]
    jobs = []
    for kind, text, want in items:
        for voice in voices:
            rng = random.Random(_seed("babble", text, voice))
            others = [v for v in voices if v != voice] or [voice]
            picks = rng.sample([p for p in pool if p != text], 3)
            babble_paths = [audio_for(p, others[i % len(others)]) for i, p in enumerate(picks)]
            for condition in conditions:
                jobs.append({"kind": kind, "text": text, "want": want, "voice": voice, "condition": condition,
                             "path": audio_for(text, voice), "babble": babble_paths})
    return jobs


def summarize(rows: list[dict], frontends, conditions) -> list[dict]:
    out = []
    for cond in conditions:
        for fe in frontends:
            sel = [r for r in rows if r["condition"] == cond and r["frontend"] == fe]
            ins = [r for r in sel if r["kind"] != "ood"]
            oods = [r for r in sel if r["kind"] == "ood"]
            out.append({"condition": cond, "frontend": fe,
                        "in_acc": round(sum(r["ok"] for r in ins) / max(1, len(ins)), 3),
                        "ood_fa": round(sum(not r["ok"] for r in oods) / max(1, len(oods)), 3),
                        "n_in": len(ins), "n_ood": len(oods),
                        "finish_ms": round(statistics.median(r["finish_ms"] for r in sel), 1) if sel else 0.0})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frontends", nargs="+", default=list(FRONTENDS),
                        help="denoise values (none, webrtc, webrtc:LEVEL, rnnoise, auto, auto:DBFS[:ENGINE]), "
                             "'+vad' to trim first")
    parser.add_argument("--conditions", nargs="+", default=list(CONDITIONS))
    parser.add_argument("--voices", nargs="+", default=list(VOICES))
    parser.add_argument("--per-intent", type=int, default=1, help="control phrases sampled per intent")
    parser.add_argument("--max-knowledge", type=int, default=3, help="only every k-th topic sample (0 = all)")
    parser.add_argument("--max-safety", type=int, default=2, help="only every k-th safety sample (0 = all)")
    parser.add_argument("--sample", type=int, default=1, help="then only every k-th in-domain item")
    parser.add_argument("--max-ood", type=int, default=12, help="out-of-domain questions used (0 = all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every row (JSON Lines) here")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    for c in args.conditions:
        parse_condition(c)
    in_domain, holdout = tuning_set(args.per_intent)
    if args.max_knowledge:
        kn = [i for i in in_domain if i[0] == "knowledge"][:: args.max_knowledge]
        in_domain = kn + [i for i in in_domain if i[0] == "control"] + \
            [i for i in in_domain if i[0] == "safety"][:: max(1, args.max_safety)]
    in_domain = in_domain[:: max(1, args.sample)]
    jobs = build_jobs(args.voices, args.conditions, in_domain, list(OUT_OF_DOMAIN), args.max_ood)
    n_items = len(jobs) // (len(args.voices) * len(args.conditions))
    print(f"{n_items} sentences x {len(args.voices)} voices x {len(args.conditions)} conditions "
          f"x {len(args.frontends)} front ends")
    sys.stdout.flush()
    # Chunk by sentence so every worker mixes each clip once for all front ends.
    chunks = [jobs[i :: args.workers] for i in range(args.workers)]
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        rows = [r for part in pool.map(_run_chunk, [(args.frontends, holdout, str(CACHE / "models"), c)
                                                    for c in chunks]) for r in part]
    print(f"{len(rows)} decodes in {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        with open(args.json, "w", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(r) + "\n")
    if args.verbose:
        for r in rows:
            if not r["ok"]:
                print(f"  FAIL {r['frontend']} {r['condition']} {r['voice']} [{r['kind']}] {r['text']!r} "
                      f"heard {r['heard']!r} asr {r['asr']:.2f}")
    table = summarize(rows, args.frontends, args.conditions)
    width = max(len(f) for f in args.frontends)
    print(f"{'condition':10s} " + "  ".join(f"{fe:>{max(width, 13)}s}" for fe in args.frontends)
          + "   (in-domain accuracy / OOD false accepts)")
    for cond in args.conditions:
        cells = [t for t in table if t["condition"] == cond]
        print(f"{cond:10s} " + "  ".join(f"{c['in_acc']:.3f} / {c['ood_fa']:.3f}".rjust(max(width, 13)) for c in cells))
    for fe in args.frontends:
        if fe.startswith("auto"):
            print(f"{fe} denoised: " + "  ".join(
                f"{c} {sum(bool(r['denoised']) for r in rows if r['frontend'] == fe and r['condition'] == c)}"
                f"/{sum(1 for r in rows if r['frontend'] == fe and r['condition'] == c)}" for c in args.conditions))
    print("median finish() ms: " + "  ".join(
        f"{fe} {statistics.median(r['finish_ms'] for r in rows if r['frontend'] == fe):.1f}" for fe in args.frontends))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
