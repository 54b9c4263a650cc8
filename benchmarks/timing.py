"""Timing shared by the benchmark modules."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """Best wall time of fn() over repeats (the machine is shared; the minimum is the signal)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best
