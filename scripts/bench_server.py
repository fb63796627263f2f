#!/usr/bin/env python3
"""Benchmark the Wyoming server with the wyoming package's own client: latency and throughput.

Starts ``serve`` in this process (one engine, models loaded once), then for 1, 4 and 16
concurrent clients sends the same request many times: a flite-spoken question as audio
(transcribe) followed by handling of the transcript. Prints per-request latency (median,
95th percentile) and requests per second. Synthetic voice: a proxy for real speech.

    python scripts/bench_server.py [--requests 48] [--clients 1 4 16]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wyoming.asr import Transcribe, Transcript  # noqa: E402
from wyoming.audio import AudioChunk, AudioStart, AudioStop  # noqa: E402
from wyoming.client import AsyncTcpClient  # noqa: E402

from voice_guide.engine import Engine  # noqa: E402
from voice_guide.frontends.server.service import GuideService, serve  # noqa: E402
from voice_guide.testing.voices import synthesize  # noqa: E402


async def _request(client: AsyncTcpClient, pcm: bytes) -> float:
    t0 = time.perf_counter()
    await client.write_event(Transcribe().event())
    await client.write_event(AudioStart(rate=16000, width=2, channels=1).event())
    for i in range(0, len(pcm), 4096):
        await client.write_event(AudioChunk(rate=16000, width=2, channels=1, audio=pcm[i:i + 4096]).event())
    await client.write_event(AudioStop().event())
    event = await client.read_event()
    text = Transcript.from_event(event).text if event is not None else ""
    await client.write_event(Transcript(text=text).event())
    await client.read_event()
    return 1000 * (time.perf_counter() - t0)


async def _bench(port: int, pcm: bytes, clients: int, requests: int) -> tuple[list[float], float]:
    per_client = max(1, requests // clients)

    async def one() -> list[float]:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            return [await _request(client, pcm) for _ in range(per_client)]

    t0 = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(clients)))
    wall = time.perf_counter() - t0
    latencies = [x for r in results for x in r]
    return latencies, len(latencies) / wall


async def main_async(args: argparse.Namespace) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    service = GuideService(Engine())
    service.load()
    ready = asyncio.Event()
    task = asyncio.create_task(serve(service, f"tcp://127.0.0.1:{port}", ready))
    await ready.wait()
    clip = synthesize("what causes muscle atrophy", "flite:slt")
    print(f"Request: transcribe {clip.duration_ms / 1000:.1f} s of flite:slt speech, then handle the transcript.")
    print("clients  requests  median ms  p95 ms  requests/s")
    for n in args.clients:
        latencies, rps = await _bench(port, clip.pcm, n, args.requests)
        latencies.sort()
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(f"{n:7d}  {len(latencies):8d}  {statistics.median(latencies):9.0f}  {p95:6.0f}  {rps:10.2f}")
    task.cancel()
    service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=48, help="requests per row (default 48)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16], help="concurrent clients per row")
    args = parser.parse_args()
    try:
        asyncio.run(main_async(args))
    except asyncio.CancelledError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
