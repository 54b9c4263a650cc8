"""Adam on 65,536 points of Himmelblau (a 256×256 grid): one step and 500 steps, generic and fast.

The generic figures use core.runs.run.Run(record=False), as a live run does; the fast ones use
core.runs.fast.FastRun (chunked, in place) with two threads (the GUI's basin maps), one thread, and
two forked processes (`main.py basins`, core/runs/fast_procs.py).
"""

from __future__ import annotations

import numpy as np

from benchmarks.timing import best_seconds
from core.optim.hyper import default_hyper
from core.optim.schedules import Schedule
from core.runs.fast import FastRun, simulate
from core.runs.run import Run
from surfaces.registry import get_surface

STEPS = 500


def _starts() -> np.ndarray:
    g = np.linspace(-5.0, 5.0, 256)
    return np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)


def run() -> dict[str, float]:
    s = get_surface("himmelblau")
    h, sched, starts = default_hyper("adam"), Schedule(lr=0.05), _starts()
    generic = Run(s, "adam", h, sched, starts, record=False)
    generic.step(1)
    step_us = best_seconds(lambda: generic.step(20), 3) / 20 * 1e6

    def generic_500() -> None:
        generic.reset()
        generic.step(STEPS)

    def fast_500(threads: int) -> None:
        FastRun(s, "adam", h, sched, starts, threads=threads).advance(STEPS)

    def forked_500() -> None:  # as `main.py basins` runs it (core/runs/fast_procs.py)
        simulate(s, "adam", h, sched, starts, STEPS, processes=2)

    fast_step = FastRun(s, "adam", h, sched, starts)
    fast_step.advance(1)
    return {
        "adam_step_65536_us": step_us,
        "adam_500x65536_s": best_seconds(generic_500, 1),
        "fast_adam_step_65536_us": best_seconds(lambda: fast_step.advance(20), 3) / 20 * 1e6,
        "fast_adam_500x65536_s": best_seconds(lambda: fast_500(2), 3),
        "fast_adam_500x65536_1thread_s": best_seconds(lambda: fast_500(1), 2),
        "fast_adam_500x65536_2proc_s": best_seconds(forked_500, 3),
    }
