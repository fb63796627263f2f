#!/usr/bin/env python3
"""Tune the PocketSphinx front end and decoder on a tuning set built from the guide's own data.

The tuning set (never the evaluation set):

* in-domain: the topic sample questions of ``topics.yaml``, a few phrases per control
  intent (``Understander.controls.samples``) and the emergency/pain samples of
  ``safety.yaml``; the expected answer of each is what the guide does with the *typed*
  text (intent + section), items the text understander itself rejects are left out;
* out-of-domain: the questions in :data:`OUT_OF_DOMAIN` below (weather, cooking,
  sports, other illnesses, trivia, home automation), which must get ``fallback``.

Held-out language model: the in-domain tuning sentences are removed from the
recognizer's language-model sentences (``--no-holdout`` keeps them), so they are
decoded as unseen paraphrases are, not as memorised ones.

Each sentence is spoken by espeak-ng and flite voices (audio cached under
``.cache/tune/``), answered through :meth:`QAPipeline.ask_clip` with a recognizer built
from the settings of each variant, and scored: in-domain accuracy and out-of-domain
false accepts per voice. Example::

    python scripts/tune_asr.py --variants base dither4 --voices espeak:en-us flite:slt
    python scripts/tune_asr.py --set 'noise_floor_lsb=4' --set 'language_weight=8'

Tuning how transcripts are *interpreted* (``pipeline.interpret`` and its constants) does
not need the recognizer again: ``--dump FILE`` stores what it heard for each item
(text, confidence, n-best list), and ``--replay FILE`` re-interprets those transcripts
for each ``--param`` grid point (``pipeline`` module constants), in seconds::

    python scripts/tune_asr.py --voices espeak:en-us espeak:en-gb+f3 flite:slt flite:rms flite:awb \
        --dump .cache/tune/heard.jsonl
    python scripts/tune_asr.py --replay .cache/tune/heard.jsonl \
        --param MIN_ASR_CONFIDENCE=0.3,0.4 --param MIN_KNOWLEDGE_SCORE=0.3,0.4

In replay the expected answer is the typed text's intent/section/slots and the heard one
is ``interpret()``'s match, both without dialogue state.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / ".cache" / "tune"

TUNE_VOICES = (
    "espeak:en-us", "espeak:en-gb+f3", "espeak:en-us+m3", "espeak:en-us+f2",
    "flite:slt", "flite:rms", "flite:awb", "flite:kal16",
)

OUT_OF_DOMAIN = (
    # weather, time, home
    "what is the weather going to be like tomorrow",
    "will it rain this afternoon",
    "set an alarm for seven in the morning",
    "turn off the lights in the living room",
    "what time is it in tokyo",
    "remind me to call my sister on friday",
    # cooking
    "how long do i boil an egg",
    "give me a recipe for banana bread",
    "how much sugar goes in a cake",
    "what temperature should i roast a chicken at",
    # sports and entertainment
    "who won the football game last night",
    "when does the world cup start",
    "play some relaxing jazz music",
    "tell me a funny joke",
    "what movies are showing this weekend",
    "how many players are on a basketball team",
    # other illnesses and health topics
    "what are the symptoms of the flu",
    "how do i treat a migraine",
    "is diabetes hereditary",
    "what causes high blood pressure",
    "how do you get rid of a sore throat",
    "what is the best treatment for acne",
    "how long does a cold last",
    # trivia and everything else
    "what is the capital of australia",
    "how tall is mount everest",
    "who wrote pride and prejudice",
    "how far away is the moon",
    "what is the square root of one hundred forty four",
    "translate good morning into spanish",
    "how do i change a flat tire",
    "what is the price of bitcoin today",
    "book a table for two at an italian restaurant",
    "how do i reset my password",
    "where is the nearest gas station",
    "what should i buy my mother for her birthday",
    "can you recommend a good book to read",
)

VARIANTS: dict[str, dict[str, object]] = {
    "base": {},
    "dither1": {"noise_floor_lsb": 1.0},
    "dither4": {"noise_floor_lsb": 4.0},
    "dither16": {"noise_floor_lsb": 16.0},
    "dither64": {"noise_floor_lsb": 64.0},
    "zeros4": {"noise_floor_lsb": 4.0, "noise_floor_mode": "zeros"},
    "zeros16": {"noise_floor_lsb": 16.0, "noise_floor_mode": "zeros"},
    "zeros64": {"noise_floor_lsb": 64.0, "noise_floor_mode": "zeros"},
}


def tuning_set(per_intent: int, seed: int = 7) -> tuple[list[tuple[str, str]], list[str]]:
    """[(kind, text)] in-domain items and the sentences held out of the language model."""
    from voice_guide.content.pack import load_pack
    from voice_guide.nlu.understanding import TextNormalizer, Understander

    u = Understander(load_pack())
    rng = random.Random(seed)
    items: list[tuple[str, str]] = []
    for topic in u.pack.topics:
        items += [("knowledge", TextNormalizer.clean(s)) for s in topic.samples]
    for _name, samples in sorted(u.controls.samples.items()):
        pool = sorted(set(samples))
        items += [("control", s) for s in rng.sample(pool, min(per_intent, len(pool)))]
    items += [("safety", s) for s in u.safety_sentences()]
    items = list(dict.fromkeys(i for i in items if i[1]))
    return items, [t for _, t in items]


def _pipeline(overrides: dict[str, object], holdout: list[str], model_cache: Path):
    from voice_guide.audio.frontend import FrontEndRecognizer, make_denoiser
    from voice_guide.engine import QAPipeline
    from voice_guide.stt import DomainVocabulary
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
    from voice_guide.stt.pocketsphinx.models import build_domain_models

    pipe = QAPipeline()
    denoise, backend_overrides = split_overrides(overrides)
    settings = replace(PocketSphinxSettings(), **backend_overrides)
    vocabularies = pipe.vocabularies()
    if holdout:
        drop = set(holdout)
        main = vocabularies[0]
        vocabularies[0] = DomainVocabulary(main.name, tuple(s for s in main.sentences if s not in drop), main.lexicon_path)
    models = build_domain_models(vocabularies, model_cache, settings.model_settings())
    pipe.engine._recognizer = FrontEndRecognizer(PocketSphinxRecognizer(models, settings), make_denoiser(denoise))
    return pipe


DENOISE_KEYS = {"denoise": "engine", "denoise_level": "level", "denoise_auto_dbfs": "auto_dbfs",
                "denoise_auto_engine": "auto_engine", "denoise_dry_mix": "dry_mix", "denoise_window_ms": "window_ms"}
"""Override names for the noise front end (voice_guide.audio.frontend.DenoiseSettings fields)."""


def split_overrides(overrides: dict[str, object]):
    """(DenoiseSettings, PocketSphinxSettings overrides) from one flat override mapping."""
    from voice_guide.audio.frontend import DenoiseSettings

    denoise = {DENOISE_KEYS[k]: v for k, v in overrides.items() if k in DENOISE_KEYS}
    return replace(DenoiseSettings(), **denoise), {k: v for k, v in overrides.items() if k not in DENOISE_KEYS}


def _run_chunk(args: tuple) -> list[dict]:
    overrides, holdout, model_cache, jobs, min_conf, dump = args
    if dump:
        return _heard_chunk(overrides, holdout, Path(model_cache), jobs)
    import voice_guide.nlu.interpret as pipeline_module
    from voice_guide.audio.files import read_audio

    if min_conf is not None:
        pipeline_module.MIN_ASR_CONFIDENCE = min_conf
    pipe = _pipeline(overrides, holdout, Path(model_cache))
    out = []
    for job in jobs:
        clip = read_audio(job["path"])
        pipe.start_over()  # no routine, question or setting left by the last item
        t0 = time.perf_counter()
        r = pipe.ask_clip(clip, job["path"])
        ms = 1000 * (time.perf_counter() - t0)
        out.append({**job, "intent": r.intent, "section": r.section, "slots": r.slots,
                    "transcript": r.transcript, "asr": r.asr_confidence, "ms": ms})
    return out


def _heard_chunk(overrides: dict[str, object], holdout: list[str], model_cache: Path, jobs: list[dict]) -> list[dict]:
    """What the recognizer heard for each job (no interpretation), for ``--dump``."""
    from voice_guide.audio.files import read_audio

    pipe = _pipeline(overrides, holdout, model_cache)
    out = []
    for job in jobs:
        clip = read_audio(job["path"])
        if clip.is_silent():
            text, conf, alts = "", 0.0, ()
        else:
            t = pipe.recognizer.transcribe(clip.pcm)
            text, conf, alts = t.text, t.confidence, t.alternatives
        out.append({**job, "heard": text, "asr": conf, "alternatives": [list(a) for a in alts]})
    return out


def dump_heard(overrides: dict[str, object], voices: list[str], in_domain, ood, holdout, workers: int,
               path: Path) -> int:
    """Recognize every tuning item once and write JSON Lines for ``--replay``."""
    jobs = []
    for kind, text in in_domain:
        for voice in voices:
            jobs.append({"voice": voice, "kind": kind, "text": text, "path": audio_for(text, voice)})
    for text in ood:
        for voice in voices:
            jobs.append({"voice": voice, "kind": "ood", "text": text, "path": audio_for(text, voice)})
    chunks = [jobs[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        rows = [r for part in pool.map(_run_chunk, [(overrides, holdout, str(CACHE / "models"), c, None, True)
                                                     for c in chunks]) for r in part]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps(r) + "\n")
    return len(rows)


def replay(path: Path, grid: dict[str, list[object]], verbose: bool, voices: list[str] | None = None) -> list[dict]:
    """Re-interpret dumped transcripts for every grid point of ``pipeline`` constants."""
    import itertools

    from voice_guide.engine import QAPipeline
    from voice_guide.nlu.interpret_tuning import module_of

    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if voices:
        rows = [r for r in rows if r["voice"] in voices]
    pipe = QAPipeline()
    u = pipe.understander
    want: dict[str, tuple] = {}
    for r in rows:
        if r["text"] not in want:
            m = u.understand(r["text"])
            want[r["text"]] = ("fallback", None, {}) if r["kind"] == "ood" else (m.intent, m.section_id, m.slots)
    rows = [r for r in rows if r["kind"] == "ood" or want[r["text"]][0] != "fallback"]
    owner = {k: module_of(k) for k in grid}
    defaults = {k: getattr(owner[k], k) for k in grid}
    keys = list(grid)
    out = []
    for values in itertools.product(*(grid[k] for k in keys)):
        point = dict(zip(keys, values, strict=False))
        for k, v in point.items():
            setattr(owner[k], k, v)
        counts = {"in": [0, 0], "ood_fa": [0, 0], "rej": [0, 0], "safety": [0, 0]}
        per_voice: dict[str, list[int]] = {}
        t0 = time.perf_counter()
        for r in rows:
            m = pipe.interpret(r["heard"], r["asr"], tuple(tuple(a) for a in r["alternatives"]))
            got = (m.intent, m.section_id, m.slots)
            pv = per_voice.setdefault(r["voice"], [0, 0, 0, 0])
            if r["kind"] == "ood":
                bad = m.intent != "fallback"
                counts["ood_fa"][0] += bad
                counts["ood_fa"][1] += 1
                pv[2] += bad
                pv[3] += 1
                ok = not bad
            else:
                ok = got == want[r["text"]]
                counts["in"][0] += ok
                counts["in"][1] += 1
                counts["rej"][0] += m.intent == "fallback"
                counts["rej"][1] += 1
                if r["kind"] == "safety":
                    counts["safety"][0] += ok
                    counts["safety"][1] += 1
                pv[0] += ok
                pv[1] += 1
            if verbose and not ok:
                print(f"  FAIL {r['voice']} [{r['kind']}] {r['text']!r} heard {r['heard']!r} asr {r['asr']:.2f}"
                      f" -> {m.intent} {m.confidence:.2f}")
        ms = 1000 * (time.perf_counter() - t0) / max(1, len(rows))
        frac = {k: v[0] / max(1, v[1]) for k, v in counts.items()}
        overall = (counts["in"][0] + counts["ood_fa"][1] - counts["ood_fa"][0]) / max(1, counts["in"][1] + counts["ood_fa"][1])
        out.append({"point": point, "overall": round(overall, 3), "in_acc": round(frac["in"], 3),
                    "ood_fa": round(frac["ood_fa"], 3), "in_rejected": round(frac["rej"], 3),
                    "safety": round(frac["safety"], 3), "ms_per_utt": round(ms, 2),
                    "per_voice": {v: f"{p[0] / max(1, p[1]):.2f}/{p[2] / max(1, p[3]):.2f}" for v, p in per_voice.items()}})
    for k, v in defaults.items():
        setattr(owner[k], k, v)
    return out


def audio_for(text: str, voice: str) -> str:
    from voice_guide.testing.voices import synthesize

    return str(_cached(text, voice, synthesize))


def _cached(text: str, voice: str, synthesize) -> Path:
    import hashlib

    from voice_guide.audio.files import write_wav

    key = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()[:20]
    path = CACHE / "audio" / voice.replace(":", "_").replace("+", "_") / f"{key}.wav"
    if not path.exists():
        write_wav(path, synthesize(text, voice))
    return path


def evaluate(name: str, overrides: dict[str, object], voices: list[str], in_domain, ood, holdout,
             workers: int, min_conf: float | None, verbose: bool) -> dict:
    from voice_guide.engine import QAPipeline

    text_pipe = QAPipeline()
    jobs = []
    for kind, text in in_domain:
        ref = text_pipe.ask_text(text)
        if ref.intent == "fallback":
            continue
        for voice in voices:
            jobs.append({"voice": voice, "kind": kind, "text": text, "path": audio_for(text, voice),
                         "want_intent": ref.intent, "want_section": ref.section, "want_slots": ref.slots})
    for text in ood:
        for voice in voices:
            jobs.append({"voice": voice, "kind": "ood", "text": text, "path": audio_for(text, voice),
                         "want_intent": "fallback", "want_section": None, "want_slots": {}})
    model_cache = CACHE / "models"
    chunks = [jobs[i::workers] for i in range(workers)]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        rows = [r for part in pool.map(_run_chunk, [(overrides, holdout, str(model_cache), c, min_conf, False) for c in chunks])
                for r in part]
    wall = time.perf_counter() - started
    per_voice: dict[str, dict[str, list[int]]] = {}
    for r in rows:
        if r["kind"] == "ood":
            r["ok"] = r["intent"] == "fallback"
        else:
            r["ok"] = (r["intent"] == r["want_intent"] and r["section"] == r["want_section"]
                       and r["slots"] == r["want_slots"])
        pv = per_voice.setdefault(r["voice"], {"in": [0, 0], "ood_fa": [0, 0]})
        if r["kind"] == "ood":
            pv["ood_fa"][0] += not r["ok"]
            pv["ood_fa"][1] += 1
        else:
            pv["in"][0] += r["ok"]
            pv["in"][1] += 1
        if verbose and not r["ok"]:
            print(f"  FAIL {r['voice']} [{r['kind']}] {r['text']!r} heard {r['transcript']!r} -> {r['intent']} (asr {r['asr']})")
    ins = [r for r in rows if r["kind"] != "ood"]
    oods = [r for r in rows if r["kind"] == "ood"]
    summary = {
        "variant": name,
        "overrides": overrides,
        "per_voice": {v: {"in_acc": round(d["in"][0] / max(1, d["in"][1]), 3),
                          "ood_fa": round(d["ood_fa"][0] / max(1, d["ood_fa"][1]), 3)} for v, d in per_voice.items()},
        "in_acc": round(sum(r["ok"] for r in ins) / max(1, len(ins)), 3),
        "ood_fa": round(sum(not r["ok"] for r in oods) / max(1, len(oods)), 3),
        "median_ms": round(statistics.median(r["ms"] for r in rows), 1),
        "wall_s": round(wall, 1),
    }
    return summary


def _parse_value(text: str) -> object:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    if text in ("true", "false"):
        return text == "true"
    return text


def main(argv: list[str] | None = None) -> int:
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxSettings
    from voice_guide.testing.voices import available_voices

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="*", default=["base"], help=f"named variants: {', '.join(VARIANTS)}")
    parser.add_argument("--set", action="append", default=[], metavar="K=V[,K=V]",
                        help="an ad-hoc variant of PocketSphinxSettings overrides (repeatable)")
    parser.add_argument("--voices", nargs="+", default=list(TUNE_VOICES))
    parser.add_argument("--per-intent", type=int, default=3, help="control phrases sampled per intent")
    parser.add_argument("--max-knowledge", type=int, default=0, help="only every k-th topic sample (0 = all)")
    parser.add_argument("--no-holdout", action="store_true", help="keep the tuning sentences in the language model")
    parser.add_argument("--min-conf", type=float, help="override pipeline.MIN_ASR_CONFIDENCE")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="only recognize (first variant) and write what was heard here")
    parser.add_argument("--replay", type=Path, help="re-interpret a --dump file instead of recognizing")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=V1,V2",
                        help="with --replay: values of a pipeline constant to try (repeatable; grid)")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--json", type=Path, help="append the summaries to this JSON Lines file")
    args = parser.parse_args(argv)

    if args.replay:
        from voice_guide.nlu.interpret_tuning import module_of

        grid: dict[str, list[object]] = {}
        for spec in args.param:
            key, _, values = spec.partition("=")
            if module_of(key) is None:
                parser.error(f"unknown interpreter constant {key!r}")
            grid[key] = [_parse_value(v) for v in values.split(",")]
        voices = args.voices if "--voices" in (argv or sys.argv) else None
        for s in replay(args.replay, grid, args.verbose, voices):
            point = " ".join(f"{k}={v}" for k, v in s["point"].items()) or "current"
            cells = "  ".join(f"{v.split(':')[1]} {c}" for v, c in s["per_voice"].items())
            print(f"{point:60s} all {s['overall']:.3f} in {s['in_acc']:.3f} rej {s['in_rejected']:.3f} "
                  f"ood_fa {s['ood_fa']:.3f} safety {s['safety']:.2f} | {cells} | {s['ms_per_utt']:.1f} ms")
            if args.json:
                with open(args.json, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(s) + "\n")
        return 0

    known = {f.name for f in fields(PocketSphinxSettings)} | set(DENOISE_KEYS)
    variants = [(n, VARIANTS[n]) for n in args.variants]
    for spec in args.set:
        overrides = {}
        for part in spec.split(","):
            key, _, value = part.partition("=")
            if key not in known:
                parser.error(f"unknown setting {key!r}")
            overrides[key] = _parse_value(value)
        variants.append((spec, overrides))
    voices = list(available_voices(tuple(args.voices)))
    in_domain, holdout = tuning_set(args.per_intent)
    if args.max_knowledge:
        kn = [i for i in in_domain if i[0] == "knowledge"][:: args.max_knowledge]
        in_domain = kn + [i for i in in_domain if i[0] != "knowledge"]
    if args.no_holdout:
        holdout = []
    print(f"tuning set: {len(in_domain)} in-domain, {len(OUT_OF_DOMAIN)} out-of-domain; voices: {' '.join(voices)}")
    if args.dump:
        name, overrides = variants[0]
        n = dump_heard(overrides, voices, in_domain, OUT_OF_DOMAIN, holdout, args.workers, args.dump)
        print(f"{n} transcripts of variant {name} written to {args.dump}")
        return 0
    for name, overrides in variants:
        s = evaluate(name, overrides, voices, in_domain, OUT_OF_DOMAIN, holdout, args.workers, args.min_conf, args.verbose)
        cells = "  ".join(f"{v.split(':')[1]} {d['in_acc']:.2f}/{d['ood_fa']:.2f}" for v, d in s["per_voice"].items())
        print(f"{name:40s} in {s['in_acc']:.3f} ood_fa {s['ood_fa']:.3f} | {cells} | {s['median_ms']:.0f} ms/utt, {s['wall_s']:.0f} s")
        sys.stdout.flush()
        if args.json:
            with open(args.json, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(s) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
