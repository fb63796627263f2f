"""Time and memory of text to speech: start-up, first render, per-render time, parent memory.

Run in a fresh process (start-up is only meaningful once per process)::

    nice -n 10 python3 scripts/bench_tts.py [--backend auto] [--repeats 10]

Prints one ``name: value`` line per figure. Figures on a shared, loaded machine vary by tens
of per cent between runs: compare runs made one after the other.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHORT_TEXT = "Please call for help now."
"""A short reply (5 words)."""

LONG_TEXT = (
    "Muscle atrophy is the loss of muscle tissue. It can happen when you do not use your muscles "
    "for a long time, for example after an illness or a long stay in bed. Gentle daily movement, "
    "good nutrition with enough protein, and guided exercises from a physical therapist can help "
    "slow it down and often rebuild some strength over several weeks."
)
"""A long reply (60 words), written for this benchmark."""


def rss_kib(pid: int | str = "self") -> int:
    """Resident memory of a process in KiB (Linux /proc), 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="auto", help="auto, pyttsx3 or espeak-ng")
    parser.add_argument("--repeats", type=int, default=10, help="renders per sentence")
    args = parser.parse_args()

    rss_start = rss_kib()
    t0 = time.perf_counter()
    from voice_guide.tts.speaker import Speaker

    t_import = time.perf_counter()
    speaker = Speaker(backend=args.backend)
    t_ready = time.perf_counter()
    speaker.render(SHORT_TEXT)
    t_first = time.perf_counter()
    print(f"import_ms: {1000 * (t_import - t0):.0f}")
    print(f"speaker_constructed_ms: {1000 * (t_ready - t0):.0f}")
    print(f"first_render_done_ms: {1000 * (t_first - t0):.0f}")
    for name, text in (("short", SHORT_TEXT), ("long", LONG_TEXT)):
        times_ms = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            speaker.render(text)
            times_ms.append(1000 * (time.perf_counter() - started))
        print(f"render_{name}_ms: median {statistics.median(times_ms):.1f}, min {min(times_ms):.1f}, max {max(times_ms):.1f}")
    print(f"backend: {speaker.backend}")
    print(f"parent_rss_kib: start {rss_start}, end {rss_kib()}")
    worker_pid = getattr(speaker, "worker_pid", None)
    if worker_pid:
        print(f"worker_rss_kib: {rss_kib(worker_pid)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
