"""Many start points × many steps of one run configuration, without a trajectory: basin maps,
sweeps and the command line. It is the ordinary Run (which steps its points in cache-sized parts),
advanced in blocks so that a caller sees progress and can cancel, with per-point learning rates and
hyperparameters (a sweep as one batch) and the first step at which each point converged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.hyper import Hyper
from core.runs.config import RunConfig
from core.runs.run import CHUNK, Run, Tolerances

Array = NDArray[np.float64]
Progress = Callable[[float], None]  # fraction done in [0, 1]
Cancel = Callable[[], bool]  # True asks the computation to stop
PER_POINT = ("lr", "momentum", "alpha", "beta1", "beta2", "rms_momentum")
BLOCK = 25  # steps between progress reports and cancel checks


@dataclass
class BatchResult:
    """Where N points ended: final points, divergence, last step length, convergence step."""

    w: Array  # (N, 2) final points (the last finite point for diverged ones)
    diverged: NDArray[np.bool_]
    stopped_at: NDArray[np.int64]  # update index at which a point diverged, −1 otherwise
    last_step: Array  # |w_T − w_{T−1}| (0 for diverged points)
    steps: int
    cancelled: bool = False
    converged_at: NDArray[np.int64] | None = None  # first step s that met ``track`` (−1: never)


class PerPointRate:
    """A constant learning rate per point, read as a schedule (a sweep's lr axis)."""

    mode = "constant"

    def __init__(self, lrs: Array) -> None:
        self.lrs = np.asarray(lrs, dtype=np.float64).reshape(-1, 1)

    def at(self, t: int) -> Array:
        return self.lrs


def per_point_settings(
    config: RunConfig, per_point: dict[str, object], n: int
) -> tuple[Hyper, object]:
    """The hyperparameters and schedule of a Run of ``n`` points whose values of the ``per_point``
    settings (any of PER_POINT: a scalar or one per point) differ per point; a per-point lr
    replaces the schedule. ValueError for another setting."""
    pp = {k: np.broadcast_to(np.asarray(v, dtype=np.float64), (n,)).reshape(-1, 1)
          for k, v in per_point.items()}  # fmt: skip
    if set(pp) - set(PER_POINT):
        raise ValueError(f"per-point values are allowed for {', '.join(PER_POINT)}, not {set(pp)}")
    hyper = config.hyper.with_(**{k: v for k, v in pp.items() if k != "lr"})
    return hyper, PerPointRate(pp["lr"]) if "lr" in pp else config.schedule


def _advance(run: Run, steps: int, track: Tolerances | None, conv: NDArray[np.int64] | None,
             tick: Callable[[int], bool]) -> bool:  # fmt: skip
    """Step a run ``steps`` times in blocks; tick(steps done) returns False to stop."""
    done = 0
    while done < steps:
        k = min(BLOCK, steps - done)
        if track is None:
            run.step(k)
        else:
            assert conv is not None
            for _ in range(k):
                run.step(1)
                new = (run.last_step < track.step) & (conv < 0) & ~run.diverged
                if new.any():
                    new &= run.grad_norm() < track.grad
                    conv[new] = run.t
        done += k
        if not tick(done):
            return False
    return True


def simulate(
    surface: object,
    config: RunConfig,
    starts: Array,
    steps: int,
    *,
    per_point: dict[str, Array] | None = None,
    track: Tolerances | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    chunk: int = CHUNK,
) -> BatchResult:
    """Run every start for ``steps`` updates with one configuration.

    ``per_point`` maps any of PER_POINT to an (N,) array (or one value) overriding the
    configuration per point (a per-point lr replaces the schedule); ``track`` records the first
    step at which each point meets those tolerances. ``progress(fraction)`` and ``cancel()`` are
    called between blocks of steps; a cancelled result holds the start points.
    """
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)
    n = len(starts)
    hyper, schedule = per_point_settings(config, per_point or {}, n)
    run = Run(surface, config.rule, hyper, schedule, np.asfortranarray(starts), config.estimate,
              seed=config.seed, record=False, chunk=chunk)  # fmt: skip
    conv = np.full(n, -1, np.int64) if track is not None else None

    def tick(done: int) -> bool:
        if progress is not None:
            progress(done / max(1, steps))
        return not (cancel is not None and cancel())

    if not _advance(run, steps, track, conv, tick):
        return BatchResult(starts.copy(), np.zeros(n, bool), np.full(n, -1, np.int64),
                           np.full(n, np.inf), 0, cancelled=True)  # fmt: skip
    if progress is not None:
        progress(1.0)
    last = np.where(run.diverged, 0.0, run.last_step) if steps else np.full(n, np.inf)
    return BatchResult(run.w.copy(), run.diverged.copy(), run.stopped_at.copy(), last, steps,
                       False, conv)  # fmt: skip
