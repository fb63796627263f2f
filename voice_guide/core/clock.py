"""The one clock abstraction: real time, or a virtual clock that moves when slept on.

Pure cores (the routine player, the live session's policies) take times as numbers; the
drivers around them take a :class:`Clock`. :class:`VirtualClock` runs a routine or a live
session faster than real time in tests, demos and exports: ``sleep`` returns at once and
moves the clock on. With ``count_processing`` it also adds the real time spent working, so
latencies measured on it are honest.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    """Seconds from any origin, and a way to wait."""

    def now(self) -> float:
        """The time in seconds (monotonic)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (or move a virtual clock on)."""
        ...


class RealClock:
    """The machine's monotonic clock."""

    def now(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    __call__ = now
    monotonic = now

    def sleep(self, seconds: float) -> None:
        """``time.sleep``."""
        if seconds > 0:
            time.sleep(seconds)


class VirtualClock:
    """A clock that moves when slept on; optionally also by the real time spent working.

    ``now()`` is every second "slept" (plus, with ``count_processing``, the real time elapsed
    since creation); ``sleep(s)`` returns at once and adds ``s``. Thread-safe.
    """

    def __init__(self, start_s: float = 0.0, count_processing: bool = False) -> None:
        self._origin = time.perf_counter()
        self._skipped = float(start_s)
        self._lock = threading.Lock()
        self.count_processing = count_processing
        """True: processing time counts too (a fast-forward clock for honest latency figures)."""

    def now(self) -> float:
        """The time, in seconds."""
        with self._lock:
            if not self.count_processing:
                return self._skipped
            return time.perf_counter() - self._origin + self._skipped

    __call__ = now
    monotonic = now

    @property
    def now_s(self) -> float:
        """The time, in seconds (as an attribute)."""
        return self.now()

    def sleep(self, seconds: float) -> None:
        """Move on by ``seconds`` at once."""
        if seconds > 0:
            with self._lock:
                self._skipped += float(seconds)


def FastForwardClock(start_s: float = 0.0, count_processing: bool = True) -> VirtualClock:  # noqa: N802
    """A :class:`VirtualClock` that also counts processing time (the live session's test clock)."""
    return VirtualClock(start_s, count_processing=count_processing)
