"""Export progress: a tqdm bar on a terminal, plain screen-reader-friendly lines otherwise."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from voice_guide.export.model import ProgressArg, TrackPlan


class Reporter:
    """Progress: a tqdm bar on a terminal, plain screen-reader-friendly lines otherwise."""

    def __init__(self, progress: ProgressArg, total: int) -> None:
        self.total = total
        self._bar: Any = None
        self._write: Callable[[str], None] | None = None
        if progress is None or progress is False:
            return
        if callable(progress) and progress is not True:
            self._write = progress
            return
        stream = sys.stderr
        if stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb":
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="track", file=stream, dynamic_ncols=True, leave=True)
        else:
            self._write = lambda line: _write_line(stream, line)

    def track(self, plan: TrackPlan, skipped: bool) -> None:
        """A track is being made (or skipped): one plain line, or the bar's label."""
        line = f"Track {plan.number} of {self.total}: {plan.title}" + (" (already up to date)" if skipped else "")
        if self._bar is not None:
            self._bar.set_description_str(f"Track {plan.number} of {self.total}")
            self._bar.set_postfix_str(plan.title[:40], refresh=True)
        elif self._write is not None:
            self._write(line)

    def done(self) -> None:
        """The current track is finished: the bar moves on."""
        if self._bar is not None:
            self._bar.update(1)

    def line(self, text: str) -> None:
        """A line of its own (above the bar)."""
        if self._bar is not None:
            self._bar.write(text)
        elif self._write is not None:
            self._write(text)

    def close(self) -> None:
        """The bar is done."""
        if self._bar is not None:
            self._bar.close()



def _write_line(stream: Any, line: str) -> None:
    stream.write(line + "\n")
    stream.flush()
