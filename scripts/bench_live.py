#!/usr/bin/env python3
"""Live-session latency on this machine: answer latency and barge-in stop time.

Each voice runs one live session (:class:`voice_guide.frontends.live.session.LiveSession`, real PocketSphinx,
real text-to-speech) over a simulated room: the user's questions (flite voices) on a
timeline, plus the echo of everything the guide plays (35 ms late, attenuated, low-passed,
with a reflection; :class:`voice_guide.audio.echo.SimulatedEchoSource`). A few seconds into each
answer the user says "stop" over it. Source, sink and session share a
:class:`~voice_guide.frontends.live.clock.FastForwardClock` that counts every millisecond of processing but
skips the waiting, so the figures are real-time figures.

Reported:

* answer latency: from the end of the question's speech (last sample above -40 dBFS in the
  user's audio) to the first sample of the spoken answer (the "understood" tone plays
  during the end-of-speech wait, before it); median and 90th percentile; and the same
  without the end-of-speech silence timeout (720 ms: 700 ms in 30 ms frames);
* barge-in stop time: from the end of the spoken "stop" (``--words stop pause wait`` for
  those in turn) to the moment playback was cut; median and 90th percentile, how many
  stops were missed, and how many cuts happened with no word spoken (the guide reacting
  to its own voice: must be 0).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = (
    "what is cachexia",
    "what causes neurogenic atrophy",
    "can muscles that wasted away grow back",
    "what is physiologic atrophy",
    "how is muscle atrophy treated",
    "what is spasticity",
    "do steroids make your muscles shrink",
    "what are the symptoms of muscle atrophy",
)
VOICES = ("flite:slt", "flite:rms", "flite:awb", "flite:kal16")
GREETING_S = 16.5
"""The first question comes after the greeting (with the clinician notice, about 15 s)."""
STOP_AFTER_ANSWER_START_S = 2.5
GAP_AFTER_STOP_S = 24.0
"""Long enough for the rest of an answer to play out when a stop was missed, so one miss does not spill into the next question."""


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(math.ceil(q * len(values))) - 1)]


def run_voice(engine, speaker, voice: str, cache: Path, count_processing: bool,
              words: tuple[str, ...] = ("stop",)) -> tuple[list[float], list[float], list[float], int, int, int]:
    import numpy as np

    from voice_guide.audio.files import AudioClip
    from voice_guide.audio.recording import RecordingSink
    from voice_guide.core.clock import FastForwardClock
    from voice_guide.frontends.live.session import LiveSession, LiveSettings
    from voice_guide.testing.room import SimulatedEchoSource
    from voice_guide.testing.voices import synthesize
    from voice_guide.tts.settings import SpeechSettings

    gain = 0.6
    pieces: list[tuple[float, str, np.ndarray]] = []
    t = GREETING_S  # after the greeting
    for n, q in enumerate(QUESTIONS):
        clip = synthesize(q, voice, cache_dir=cache).samples().astype(np.float64) * gain
        pieces.append((t, q, clip))
        # answer starts about 0.75 s after the question; "stop" (or another word) a few seconds into it
        stop_at = t + clip.size / 16000 + 0.75 + STOP_AFTER_ANSWER_START_S
        word = words[n % len(words)]
        stop = synthesize(word, voice, cache_dir=cache).samples().astype(np.float64) * gain
        pieces.append((stop_at, "<barge-in>", stop))
        t = stop_at + stop.size / 16000 + GAP_AFTER_STOP_S
    total = t + 2.0
    near = np.zeros(int(16000 * total))
    ends: list[tuple[str, float, float]] = []
    for at, text, clip in pieces:
        i = int(at * 16000)
        near[i : i + clip.size] += clip
        loud = np.nonzero(np.abs(clip) > 328)[0]  # -40 dBFS
        ends.append((text, at + loud[0] / 16000, at + loud[-1] / 16000))
    clock = FastForwardClock(count_processing=count_processing)
    sink = RecordingSink(clock.now, clock.sleep)
    source = SimulatedEchoSource(AudioClip(np.clip(near, -32768, 32767).astype("<i2").tobytes()), sink,
                                 clock=clock.now, sleep=clock.sleep)
    conversation = engine.new_conversation(speech=SpeechSettings())
    session = LiveSession(conversation, source, sink, speaker, clock=clock.now, sleep=clock.sleep,
                          on_text=lambda line: None, live=LiveSettings())
    session.run()
    origin = source.origin_s
    latencies: list[float] = []
    after_endpoint: list[float] = []
    stops: list[float] = []
    answered = 0
    missed_stops = 0
    for text, start_s, end_s in ends:
        if text == "<barge-in>":
            cuts = [s - origin for s in sink.stops_at_s if end_s - 0.3 < s - origin < end_s + 1.5]
            if cuts:
                stops.append(cuts[0] - end_s)
            else:
                missed_stops += 1
            continue
        turns = [(i, tr) for i, tr in enumerate(session.turns)
                 if tr.outcome == "answered" and abs(tr.speech_start_ms / 1000 - start_s) < 0.6]
        if not turns:
            continue
        index, turn = turns[0]
        lines = [ln for ln in session.spoken if ln.turn == index and ln.kind == "speech"]
        if not lines:
            continue
        answered += 1
        latencies.append(lines[0].start_s - origin - end_s)
        after_endpoint.append(lines[0].start_s - origin - turn.endpoint_at_ms / 1000)
    windows = [(end_s - 0.3, end_s + 1.5) for text, _, end_s in ends if text == "<barge-in>"]
    false_cuts = sum(1 for s in sink.stops_at_s if not any(lo < s - origin < hi for lo, hi in windows))
    return latencies, after_endpoint, stops, answered, missed_stops, false_cuts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--voices", nargs="+", default=list(VOICES), help="question voices (flite:… or espeak:…)")
    parser.add_argument("--words", nargs="+", default=["stop"],
                        help="barge-in words spoken over the answers, in turn (e.g. stop pause wait)")
    parser.add_argument("--no-processing-time", action="store_true",
                        help="a purely virtual clock (repeatable, but processing takes no time)")
    args = parser.parse_args(argv)

    from voice_guide.audio.vad import EndpointSettings
    from voice_guide.engine import Engine
    from voice_guide.testing.voices import available_voices
    from voice_guide.tts.speaker import Speaker

    voices = available_voices(tuple(args.voices))
    if not voices:
        print("No question voice is installed (apt-get install flite).")
        return 1
    cache = ROOT / ".cache" / "bench_live"
    engine = Engine()
    _ = engine.recognizer
    speaker = Speaker()
    latencies: list[float] = []
    after_endpoint: list[float] = []
    stops: list[float] = []
    asked = answered = missed = false_cuts = 0
    t0 = time.perf_counter()
    for voice in voices:
        lat, after, stop, ok, miss, false = run_voice(engine, speaker, voice, cache, not args.no_processing_time, tuple(args.words))
        latencies += lat
        after_endpoint += after
        stops += stop
        asked += len(QUESTIONS)
        answered += ok
        missed += miss
        false_cuts += false
        print(f"{voice}: {ok} of {len(QUESTIONS)} questions answered, {len(stop)} stops cut, {miss} stops missed, {false} cuts with no word spoken.", flush=True)
    ep = EndpointSettings()
    timeout_s = math.ceil(ep.silence_timeout_ms / ep.frame_ms) * ep.frame_ms / 1000.0
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "clock": "virtual" if args.no_processing_time else "real processing time, waiting skipped",
        "questions_asked": asked,
        "questions_answered": answered,
        "answer_latency_ms_median": round(1000 * statistics.median(latencies)),
        "answer_latency_ms_p90": round(1000 * pct(latencies, 0.9)),
        "silence_timeout_ms": round(1000 * timeout_s),
        "answer_latency_without_timeout_ms_median": round(1000 * (statistics.median(latencies) - timeout_s)),
        "answer_latency_without_timeout_ms_p90": round(1000 * (pct(latencies, 0.9) - timeout_s)),
        "after_end_decided_ms_median": round(1000 * statistics.median(after_endpoint)),
        "after_end_decided_ms_p90": round(1000 * pct(after_endpoint, 0.9)),
        "stops_spoken": len(stops) + missed,
        "stops_cut": len(stops),
        "barge_in_words": list(args.words),
        "cuts_without_a_word": false_cuts,
        "barge_in_stop_ms_median": round(1000 * statistics.median(stops)) if stops else None,
        "barge_in_stop_ms_p90": round(1000 * pct(stops, 0.9)) if stops else None,
        "wall_time_s": round(time.perf_counter() - t0, 1),
    }
    print(f"Answer latency, end of the question's speech to the first sample of the spoken answer, "
          f"{answered} of {asked} questions: median {report['answer_latency_ms_median']} ms, "
          f"90th percentile {report['answer_latency_ms_p90']} ms (target median under 900 ms).")
    print(f"The same without the {report['silence_timeout_ms']} ms end-of-speech timeout: median "
          f"{report['answer_latency_without_timeout_ms_median']} ms, 90th percentile "
          f"{report['answer_latency_without_timeout_ms_p90']} ms (target median under 250 ms).")
    print(f"From the end being decided to the first answer sample: median {report['after_end_decided_ms_median']} ms, "
          f"90th percentile {report['after_end_decided_ms_p90']} ms.")
    if stops:
        print(f"Barge-in, end of the spoken stop to the cut, {len(stops)} of {len(stops) + missed} stops: median "
              f"{report['barge_in_stop_ms_median']} ms, 90th percentile {report['barge_in_stop_ms_p90']} ms "
              f"(target median under 300 ms).")
    else:
        print("Barge-in: no stop was acted on.")
    print(f"Cuts with no barge-in word spoken (the guide reacting to itself): {false_cuts}.")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
