"""A clock that skips waiting but counts processing: live sessions faster than real time."""

from __future__ import annotations

import threading
import time


class FastForwardClock:
    """A clock for running a session faster than real time without lying about processing time.

    ``now()`` is real elapsed time (``time.perf_counter``) plus every second "slept";
    ``sleep(s)`` returns at once and adds ``s``. A paced source and a recording sink on this
    clock behave as in real time, except that waiting costs nothing: every millisecond the
    session spends working still shows in the timings.
    """

    def __init__(self, start_s: float = 0.0, count_processing: bool = True) -> None:
        self._origin = time.perf_counter()
        self._skipped = float(start_s)
        self._lock = threading.Lock()
        self.count_processing = count_processing
        """False: processing takes no time at all (a purely virtual clock; runs are repeatable)."""

    def now(self) -> float:
        """Seconds: real time elapsed since creation (when counted) plus time slept."""
        with self._lock:
            if not self.count_processing:
                return self._skipped
            return time.perf_counter() - self._origin + self._skipped

    __call__ = now

    def sleep(self, seconds: float) -> None:
        """Move on by ``seconds`` at once."""
        if seconds > 0:
            with self._lock:
                self._skipped += float(seconds)
