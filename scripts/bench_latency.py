#!/usr/bin/env python3
"""Speed of the question-answering loop on this machine (reported, never asserted in tests).

1. Ready time: from launching a fresh Python process to the guide being ready to listen
   (content pack, understanding and recognizer loaded), as ``run.py ask`` does. Median of
   several launches; the first launch may build the caches (recognizer models, compiled safety
   patterns, the derived-data cache of the pack and understanding: ``voice_guide.core.cache``).
   Also reported: the CPU time the process used until ready (less sensitive than the wall time
   to what else runs on a shared machine), and whether Python could use compiled bytecode:
   with ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__`` every start compiles every
   module from source (about a quarter of a second here); ``--compile-bytecode`` first
   compiles it as installing the package does (``pip install`` writes the bytecode).
2. After-speech latency: questions (about 3 s each, several voices) are streamed to the
   recognizer in 30 ms chunks as they would arrive from a microphone; the time from the
   last chunk to the understood intent (recognizer finish + understanding) is measured.
   Median and 90th percentile. Then the same for a few out-of-domain requests, which are
   declined and so heard a second time (the safety verifier, ``Engine.second_opinion``).
3. Peak memory: of each ready-time process, after it has answered one question and heard one
   declined request again (the second hearing's decoder is loaded only then).
4. Cold start (``--cold-runs N``): the same ready-time process N times, each with an empty cache
   folder of its own (``XDG_CACHE_HOME`` set to a new temporary folder): everything is built
   (recognizer models, derived data, safety patterns). Reported apart from the warm runs, which
   use the caller's cache folder (set ``XDG_CACHE_HOME`` to keep them apart from other runs).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = (
    "can muscles that wasted away grow back after an illness",
    "what does passive movement mean for someone after a stroke",
    "do steroids make your muscles shrink over a long time",
    "why did my leg get skinny after the plaster came off",
    "how can i tell if my muscles are wasting away",
    "what other problems come with neurogenic atrophy",
)
VOICES = ("flite:slt", "flite:rms", "espeak:en-us", "espeak:en-us+f2", "flite:awb")

READY_CHILD = (
    "import time, sys; sys.path.insert(0, %r)\n"
    "from voice_guide import engine; engine.RECOGNIZER_LINE_WEIGHTS.update(%r)\n"
    "from voice_guide.engine import QAPipeline\n"
    "p = QAPipeline(); p.recognizer\n"
    "print('READY', round(time.process_time() * 1000), flush=True)\n"
    "from voice_guide.testing.voices import synthesize\n"
    "p.ask_clip(synthesize('what causes muscle wasting', 'flite:slt'))\n"
    "p.ask_clip(synthesize(%r, 'flite:slt'))\n"
    "from voice_guide.stt.pocketsphinx import keywords\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "print('PEAK', int(hwm[0].split()[1]) / 1024 if hwm else 0, len(keywords._VERIFIERS), flush=True)\n"
)
"""Loads the guide, says READY (with the CPU ms used so far), answers one spoken question and one
out-of-domain request (declined, so heard a second time by the safety verifier), and reports its
peak RSS (VmHWM) in MB and how many safety verifiers it built (1: the second hearing ran)."""

DECLINED = (
    "can i have a large latte with oat milk please",
    "what time does the football match start tonight",
    "book me a table for two at an italian restaurant",
)
"""Out-of-domain requests: declined, so each is heard again (:meth:`Engine.second_opinion`)."""


LINE_WEIGHTS: dict[str, int] = {}
"""``--line-weights``: recognizer line-list weights put over ``engine.RECOGNIZER_LINE_WEIGHTS`` (here and in
the ready-time processes; a measurement of another setting in one checkout)."""


def ready_times(runs: int, cold: bool = False) -> tuple[list[float], list[float], list[float]]:
    """(start-to-ready ms, CPU ms until ready, peak RSS MB) of ``runs`` fresh processes; with
    ``cold``, each process gets an empty cache folder of its own (deleted after it)."""
    out: list[float] = []
    cpu: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        env = dict(os.environ)
        cache_home = tempfile.mkdtemp(prefix="bench-cold-") if cold else None
        if cache_home is not None:
            env["XDG_CACHE_HOME"] = cache_home
        try:
            _ready_run(env, out, cpu, peaks)
        finally:
            if cache_home is not None:
                shutil.rmtree(cache_home, ignore_errors=True)
    return out, cpu, peaks


def _ready_run(env: dict[str, str], out: list[float], cpu: list[float], peaks: list[float]) -> None:
    """One ready-time process: appends its start-to-ready ms, CPU ms and peak RSS MB."""
    t0 = time.perf_counter()
    child = READY_CHILD % (str(ROOT), LINE_WEIGHTS, DECLINED[0])
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline() if proc.stdout else ""
    out.append((time.perf_counter() - t0) * 1000)
    rest = proc.stdout.read() if proc.stdout else ""
    proc.wait()
    if "READY" not in line:
        raise SystemExit("the child process did not become ready")
    cpu.append(float(line.split()[1]))
    for w in rest.splitlines():
        if w.startswith("PEAK"):
            peaks.append(float(w.split()[1]))
            if int(w.split()[2]) != 1:
                raise SystemExit("the out-of-domain request was not heard a second time: the peak would not count it")


def heard_twice_ms(pipeline: object, clip: object) -> float:
    """After-speech ms of one clip fed in 30 ms chunks: recognition, understanding and the second hearing
    (``Engine.second_opinion``, which hears the clip again only when the first reading calls for it)."""
    rec = pipeline.recognizer  # type: ignore[attr-defined]
    rec.start()
    for chunk in clip.chunks(480):  # type: ignore[attr-defined]
        rec.accept(chunk)
    t0 = time.perf_counter()
    transcript = rec.finish()
    match = pipeline.interpret(transcript.text, transcript.confidence, transcript.alternatives)  # type: ignore[attr-defined]
    pipeline.engine.second_opinion(match, clip.pcm, transcript.confidence)  # type: ignore[attr-defined]
    return (time.perf_counter() - t0) * 1000


def declined_times(pipeline: object) -> list[float]:
    """After-speech ms of out-of-domain requests: recognition, understanding and the second hearing."""
    from voice_guide.testing.voices import available_voices, synthesize

    out = []
    for voice in available_voices(VOICES[:2]):
        for text in DECLINED:
            clip = synthesize(text, voice, cache_dir=ROOT / ".cache" / "bench")
            out.append(heard_twice_ms(pipeline, clip))
    return out


def noisy_question_times(pipeline: object) -> list[float]:
    """After-speech ms of the article questions in kitchen noise at 10 dB (two voices): recognition, understanding
    and, for a passage in a noisy room, its second hearing (``VERIFY_KNOWLEDGE``, ``Engine.second_opinion``)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchmark import case_seed, condition_audio  # type: ignore[import-not-found]

    from voice_guide.testing.voices import available_voices, synthesize

    out = []
    for voice in available_voices(VOICES[:2]):
        for q in QUESTIONS:
            clean = synthesize(q, voice, cache_dir=ROOT / ".cache" / "bench")
            clip = condition_audio(clean, "kitchen10", case_seed(voice, "kitchen10", q), [])
            out.append(heard_twice_ms(pipeline, clip))
    return out


def bytecode_state(compile_first: bool) -> str:
    """How the package's modules are loaded: from compiled bytecode or compiled at each start."""
    package = ROOT / "voice_guide"
    if compile_first:
        import compileall

        compileall.compile_dir(str(package), quiet=1)
    if any(package.rglob("__pycache__/*.pyc")):
        return "compiled bytecode present (as after pip install)"
    if os.environ.get("PYTHONDONTWRITEBYTECODE") or sys.dont_write_bytecode:
        return "no bytecode: every start compiles every module (PYTHONDONTWRITEBYTECODE is set)"
    return "bytecode written on the first start"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ready-runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="also start this many processes with an empty cache folder each (everything built)")
    parser.add_argument("--line-weights", default="", metavar="LIST=N,...",
                        help="recognizer line-list weights for this run (e.g. red_flag=0,near_miss=0)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--compile-bytecode", action="store_true",
                        help="compile the package's bytecode first, as installing it does")
    args = parser.parse_args(argv)
    bytecode = bytecode_state(args.compile_bytecode)

    from voice_guide import engine
    from voice_guide.engine import QAPipeline
    from voice_guide.testing.voices import available_voices, synthesize

    for item in filter(None, args.line_weights.split(",")):
        name, _, value = item.partition("=")
        LINE_WEIGHTS[name.strip()] = int(value)
    engine.RECOGNIZER_LINE_WEIGHTS.update(LINE_WEIGHTS)
    cold, cold_cpu, cold_peaks = ready_times(args.cold_runs, cold=True)
    ready, cpu, peaks = ready_times(args.ready_runs)
    pipeline = QAPipeline()
    rec = pipeline.recognizer
    after_ms: list[float] = []
    asr_ms: list[float] = []
    durations: list[float] = []
    for voice in available_voices(VOICES):
        for q in QUESTIONS:
            clip = synthesize(q, voice, cache_dir=ROOT / ".cache" / "bench")
            durations.append(clip.duration_ms)
            rec.start()
            for chunk in clip.chunks(480):
                rec.accept(chunk)
            t0 = time.perf_counter()
            transcript = rec.finish()
            t1 = time.perf_counter()
            pipeline.interpret(transcript.text, transcript.confidence, transcript.alternatives)
            t2 = time.perf_counter()
            asr_ms.append((t1 - t0) * 1000)
            after_ms.append((t2 - t0) * 1000)
    second_ms = declined_times(pipeline)
    noisy_ms = noisy_question_times(pipeline)
    report = {
        "machine": f"{__import__('platform').processor() or __import__('platform').machine()}, {__import__('os').cpu_count()} cores",
        "ready_ms_median": round(statistics.median(ready), 1),
        "ready_ms_all": [round(r) for r in ready],
        "ready_cpu_ms_median": round(statistics.median(cpu)),
        "bytecode": bytecode,
        "utterances": len(after_ms),
        "utterance_ms_median": round(statistics.median(durations)),
        "after_speech_ms_median": round(statistics.median(after_ms), 1),
        "after_speech_ms_p90": round(pct(after_ms, 0.9), 1),
        "recognizer_finish_ms_median": round(statistics.median(asr_ms), 1),
        "peak_rss_mb_max": round(max(peaks), 1) if peaks else None,
        "peak_rss_mb_all": [round(p, 1) for p in peaks],
        "peak_rss_mb_warm_max": round(max(peaks[1:]), 1) if len(peaks) > 1 else None,
        "cold_ready_ms_all": [round(r) for r in cold],
        "cold_ready_cpu_ms_all": [round(c) for c in cold_cpu],
        "cold_peak_rss_mb_all": [round(p, 1) for p in cold_peaks],
        "declined_utterances": len(second_ms),
        "declined_after_speech_ms_median": round(statistics.median(second_ms), 1) if second_ms else None,
        "declined_after_speech_ms_p90": round(pct(second_ms, 0.9), 1) if second_ms else None,
        "kitchen_questions": len(noisy_ms),
        "kitchen_question_after_speech_ms_median": round(statistics.median(noisy_ms), 1) if noisy_ms else None,
        "kitchen_question_after_speech_ms_p90": round(pct(noisy_ms, 0.9), 1) if noisy_ms else None,
    }
    print(f"Ready to listen after process start: median {report['ready_ms_median']:.0f} ms "
          f"(runs: {', '.join(str(r) for r in report['ready_ms_all'])} ms); target at most 1000 ms")
    print(f"  CPU time used until ready: median {report['ready_cpu_ms_median']} ms; {bytecode}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if cold:
        print(f"Cold start (an empty cache folder each, everything built): ready after "
              f"{', '.join(str(r) for r in report['cold_ready_ms_all'])} ms, CPU until ready "
              f"{', '.join(str(c) for c in report['cold_ready_cpu_ms_all'])} ms, peak memory "
              f"{', '.join(str(p) for p in report['cold_peak_rss_mb_all'])} MB")
    print(f"Recognition + understanding after the end of speech, {report['utterances']} utterances "
          f"(median length {report['utterance_ms_median']} ms): median {report['after_speech_ms_median']:.1f} ms, "
          f"90th percentile {report['after_speech_ms_p90']:.1f} ms; target median at most 100 ms")
    if second_ms:
        print(f"Declined out-of-domain requests, heard a second time, {len(second_ms)} utterances: after the end of "
              f"speech median {report['declined_after_speech_ms_median']:.1f} ms, 90th percentile "
              f"{report['declined_after_speech_ms_p90']:.1f} ms")
    if noisy_ms:
        print(f"Article questions in kitchen noise at 10 dB (a passage there is heard a second time), {len(noisy_ms)} "
              f"utterances: after the end of speech median {report['kitchen_question_after_speech_ms_median']:.1f} ms, "
              f"90th percentile {report['kitchen_question_after_speech_ms_p90']:.1f} ms")
    print(f"Peak memory (RSS) of a process that loads, answers one spoken question and hears one declined request "
          f"again: {report['peak_rss_mb_max']} MB (runs: {', '.join(str(p) for p in report['peak_rss_mb_all'])} MB; "
          f"the first run may build caches); target at most 150 MB")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
