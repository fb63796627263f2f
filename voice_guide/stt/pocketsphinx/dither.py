"""Fixed noise sequences of the decoders (the main decoder's noise floor, the second hearings' dither).

Each is ``numpy.random.default_rng(seed).standard_normal(size)``: the same numbers in every process. They
are kept in the derived-data cache (:func:`voice_guide.core.cache.cached_build`, checksummed, keyed by the
seed, the size and numpy's version), so that a start reads them instead of generating them: generating
imports ``numpy.random``, about 2 MB of the guide's memory budget for four tables of at most 512 KB
(twenty-seventh session, ``docs/recognition.md``). The values are the same either way.
"""

from __future__ import annotations

import logging

import numpy as np

from voice_guide.core import cache

_LOGGER = logging.getLogger(__name__)

_TABLES: dict[tuple[int, int], np.ndarray] = {}
"""The tables of this process, by (seed, size)."""


def standard_normal(seed: int, size: int) -> np.ndarray:
    """``numpy.random.default_rng(seed).standard_normal(size)`` (float64), from the cache when it has it.

    The array is shared: callers must not change it in place."""
    found = _TABLES.get((seed, size))
    if found is None:
        found = cache.cached_build("dither", f"{seed}|{size}|{np.__version__}", lambda: _generate(seed, size),
                                   np.ndarray, _LOGGER)
        if found.shape != (size,) or found.dtype != np.float64:  # never expected: generate rather than trust it
            found = _generate(seed, size)
        found.setflags(write=False)
        _TABLES[(seed, size)] = found
    return found


def _generate(seed: int, size: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(size)
