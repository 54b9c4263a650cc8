"""Adam on 65,536 points of Himmelblau (a 256×256 grid): one step of a live Run, and 500 steps as a
batch in one process (the GUI's basin maps) and in two forked processes (`main.py basins`,
core/runs/procs.py). Every figure runs the one implementation of Adam (core/optim/adam.py)."""

from __future__ import annotations

import numpy as np

from benchmarks.timing import best_seconds
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.batch import simulate
from core.runs.config import RunConfig
from core.runs.procs import simulate_processes
from core.runs.run import Run
from surfaces.registry import get_surface

STEPS = 500


def _starts() -> np.ndarray:
    g = np.linspace(-5.0, 5.0, 256)
    return np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)


def run() -> dict[str, float]:
    s = get_surface("himmelblau")
    cfg = RunConfig("adam", default_hyper("adam", "pytorch"), Schedule(lr=0.05))
    starts = _starts()
    live = Run(s, cfg.rule, cfg.hyper, cfg.schedule, starts, record=False)
    live.step(1)
    return {
        "adam_step_65536_us": best_seconds(lambda: live.step(20), 3) / 20 * 1e6,
        "batch_adam_500x65536_s": best_seconds(lambda: simulate(s, cfg, starts, STEPS), 3),
        "batch_adam_500x65536_2proc_s": best_seconds(
            lambda: simulate_processes(s, cfg, starts, STEPS, processes=2), 3
        ),
    }
