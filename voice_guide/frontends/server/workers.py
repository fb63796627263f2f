"""The server's workers: one engine, its recognizer and speaker used from one thread each, behind bounded queues.

PocketSphinx decoders and the espeak-ng synthesizer are not thread-safe, and both are
CPU-bound. The server therefore loads each model once and serializes its use on a
single-thread executor; a bounded number of requests may wait for it (beyond that a client
gets a one-line "busy" error at once instead of an ever-growing queue). Connections never
block each other while they stream audio in: only decoding and synthesis wait their turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")

MAX_WAITING = 32
"""Requests that may wait for one worker; one more is refused as busy."""


class BusyError(VoiceGuideError):
    """Too many requests are waiting for a worker."""


class Worker:
    """One thread that runs blocking model calls in order, with a bounded wait line."""

    def __init__(self, name: str, max_waiting: int = MAX_WAITING) -> None:
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"vg-{name}")
        self._max_waiting = max_waiting
        self._slots: asyncio.BoundedSemaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the worker's thread; raises :class:`BusyError` when the line is full."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.BoundedSemaphore(self._max_waiting + 1), loop
        if self._slots.locked():
            raise BusyError(f"the {self.name} worker is busy ({self._max_waiting} requests waiting); try again")
        async with self._slots:
            return await loop.run_in_executor(self._executor, fn)

    def close(self) -> None:
        """Stop the thread once its current call ends."""
        self._executor.shutdown(wait=False, cancel_futures=True)
