#!/usr/bin/env python3
"""Decoding constrained by dialogue state: the answer to a yes/no question decoded with the
full domain model ("main"), the routine commands ("routine") and a tight confirmation
vocabulary ("confirm": yes, no, repeat, help, stop, exit, plus the safety phrases, so an
emergency is still heard at a question), in quiet and in noise.

Phrases (never the evaluation set): the pack's own yes/no samples and emergency samples
(``Understander.controls.samples`` and ``safety.yaml``), spoken by synthetic voices, mixed
as ``scripts/benchmark.py`` mixes them. Scored by the intent ``interpret()`` gives. Also
reports out-of-domain questions (:data:`tune_asr.OUT_OF_DOMAIN`): at a question they must
still not be taken for yes or no. Example (small, for a shared machine)::

    python scripts/tune_states.py --voices espeak:en-us flite:slt flite:rms --every 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

CONFIRM_INTENTS = ("yes", "no", "repeat", "help", "stop", "exit")
"""What can be said at a yes/no question (besides an emergency)."""

VOCABULARIES = ("main", "routine", "confirm")


def build(cache: Path):
    """The pipeline and a recognizer (behind the default front end) holding the three vocabularies."""
    from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser
    from voice_guide.engine import QAPipeline
    from voice_guide.stt import DomainVocabulary
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer
    from voice_guide.stt.pocketsphinx.models import build_domain_models

    pipe = QAPipeline()
    vocabularies = pipe.vocabularies()
    confirm = tuple(pipe.understander.command_sentences(CONFIRM_INTENTS))
    vocabularies.append(DomainVocabulary("confirm", confirm, pipe.pack.pronunciations_path))
    models = build_domain_models(vocabularies, cache)
    pipe._recognizer = FrontEndRecognizer(PocketSphinxRecognizer(models), make_denoiser(DenoiseSettings()))
    return pipe


def phrases(pipe, every: int) -> list[tuple[str, str]]:
    """(expected intent, text): yes/no samples, emergency samples, out-of-domain questions."""
    from tune_asr import OUT_OF_DOMAIN

    samples = pipe.understander.controls.samples
    items = [("yes", s) for s in samples["yes"]] + [("no", s) for s in samples["no"]]
    emergency = (pipe.pack.safety.get("emergency") or {}).get("samples") or []
    items += [("emergency", str(s).lower().strip(".!?")) for s in emergency]
    items += [("fallback", s) for s in OUT_OF_DOMAIN[:12]]
    return items[::every]


def main(argv: list[str] | None = None) -> int:
    from benchmark import condition_audio

    from voice_guide.testing.voices import available_voices, synthesize

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", nargs="+", default=["espeak:en-us", "flite:slt", "flite:rms"])
    parser.add_argument("--conditions", nargs="+", default=["clean", "pink10", "babble10", "kitchen10"])
    parser.add_argument("--every", type=int, default=1, help="take every Nth phrase (smaller run)")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "tune")
    args = parser.parse_args(argv)

    pipe = build(args.cache / "models")
    rec = pipe.recognizer
    items = phrases(pipe, args.every)
    voices = list(available_voices(tuple(args.voices)))
    babble_pool = [synthesize(t, v, cache_dir=args.cache) for _, t in items[:12] for v in voices[:2]]
    print(f"{len(items)} phrases x {len(voices)} voices x {len(args.conditions)} conditions, {time.strftime('%Y-%m-%d')}")
    results: dict[tuple[str, str, str], list[bool]] = {}
    finish_ms: dict[str, list[float]] = {v: [] for v in VOCABULARIES}
    for condition in args.conditions:
        for vi, voice in enumerate(voices):
            for pi, (want, text) in enumerate(items):
                clip = condition_audio(synthesize(text, voice, cache_dir=args.cache), condition, 1000 * vi + pi, babble_pool)
                kind = "ood" if want == "fallback" else ("emergency" if want == "emergency" else "yes/no")
                for vocab in VOCABULARIES:
                    rec.use(vocab)
                    rec.start()
                    for chunk in clip.chunks(480):
                        rec.accept(chunk)
                    t0 = time.perf_counter()
                    heard = rec.finish()
                    match = pipe.interpret(heard.text, heard.confidence, heard.alternatives)
                    finish_ms[vocab].append(1000 * (time.perf_counter() - t0))
                    ok = match.intent == want if want != "fallback" else match.intent not in ("yes", "no")
                    results.setdefault((condition, kind, vocab), []).append(ok)
    print("condition  kind        " + "  ".join(f"{v:>8s}" for v in VOCABULARIES))
    for condition in args.conditions:
        for kind in ("yes/no", "emergency", "ood"):
            cells = [results.get((condition, kind, v), []) for v in VOCABULARIES]
            print(f"{condition:10s} {kind:10s} " + "  ".join(f"{sum(c) / len(c):8.2f}" if c else "       -" for c in cells))
    print("finish + interpret, median ms: " + "  ".join(f"{v} {statistics.median(ms):.0f}" for v, ms in finish_ms.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
