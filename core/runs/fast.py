"""The fast path: many points × many steps of one update rule, in place, chunked and threaded.

Points are independent, so they are split into cache-sized chunks and each chunk runs all its
steps before the next (two threads share the chunks; numpy releases the GIL inside ufuncs). Every
update is written into preallocated buffers with the same floating-point operations, in the same
order, as core/optim/rules.py, so results match core.runs.run.Run(record=False) (bit for bit with the
preset kernels; tests require rtol 1e-12 for every rule and convention).
Per-point learning rates and momenta/betas let a hyperparameter sweep run as one batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.rules import canonical
from core.optim.schedules import Schedule
from core.runs.fast_chunk import Chunk
from core.runs.fast_rules import FAST_RULES
from core.runs.kernels import gradient_kernel
from core.runs.run import Run, Tolerances

Array = NDArray[np.float64]
Progress = Callable[[float], None]  # fraction done in [0, 1]
Cancel = Callable[[], bool]  # True asks the computation to stop
PER_POINT = ("lr", "momentum", "alpha", "beta1", "beta2")
BLOCK = 25  # steps between cancel checks inside a chunk
CHUNK = 8192  # points per chunk: its ~7 (2, c) buffers (~1 MB) stay in a core's L2 cache


@dataclass
class FastResult:
    """Where N points ended: final points, divergence, last step length, convergence step."""

    w: Array  # (N, 2) final points (the last finite point for diverged ones)
    diverged: NDArray[np.bool_]
    stopped_at: NDArray[np.int64]  # update index at which a point diverged, −1 otherwise
    last_step: Array  # |w_T − w_{T−1}| (0 for diverged points)
    steps: int
    cancelled: bool = False
    converged_at: NDArray[np.int64] | None = None  # first step s converged (−1: never)
    fast: bool = True  # False when the generic core.runs.run.Run computed it


def supports(surface: object, rule: str, estimate: Estimate | None = None) -> bool:
    """Whether the fast path handles this rule and gradient estimate."""
    est = estimate or Estimate()
    return canonical(rule) in FAST_RULES and est.kind in ("full", "noise")


class FastRun:
    """N points descending one surface with one rule, advanced k steps at a time (no trajectory).

    ``per_point`` maps any of lr, momentum, alpha, beta1, beta2 to an (N,) array that overrides
    the scalar value per point (a per-point lr overrides the schedule). ``track`` records the
    first step at which each point meets the convergence tolerances.
    """

    def __init__(
        self,
        surface: object,
        rule: str,
        hyper: Hyper,
        schedule: Schedule,
        starts: Array,
        estimate: Estimate | None = None,
        seed: int = 0,
        *,
        per_point: dict[str, Array] | None = None,
        track: Tolerances | None = None,
        chunk: int | None = None,
        threads: int = 2,
    ) -> None:
        self.surface = surface
        self.rule = canonical(rule)
        self.estimate = estimate or Estimate()
        if not supports(surface, self.rule, self.estimate):
            raise ValueError(
                f"the fast path does not support {self.rule} with {self.estimate.label}"
            )
        self.hyper = hyper
        self.schedule = schedule
        self.w = np.array(starts, dtype=np.float64).reshape(-1, 2)
        n = len(self.w)
        self.per_point = {}
        for k, v in (per_point or {}).items():
            if k not in PER_POINT:
                raise ValueError(
                    f"per-point values are allowed for {', '.join(PER_POINT)}, not {k}"
                )
            self.per_point[k] = np.broadcast_to(np.asarray(v, dtype=np.float64), (n,)).copy()
        self.track = track
        self.sigma = self.estimate.sigma if self.estimate.kind == "noise" else 0.0
        self.rng = np.random.default_rng(seed)
        self.kernel = gradient_kernel(surface)
        self.threads = max(1, threads)
        self.t = 0
        self.diverged = np.zeros(n, dtype=bool)
        self.stopped_at = np.full(n, -1, dtype=np.int64)
        self.last_step = np.full(n, np.inf)
        self.converged_at = np.full(n, -1, dtype=np.int64) if track is not None else None
        size = chunk or min(CHUNK, max(2048, -(-n // self.threads)))
        self.chunks = [Chunk(self, np.arange(i, min(n, i + size))) for i in range(0, n, size)]
        self.broken = False

    def _lrs(self, k: int) -> list[float]:
        if self.schedule.mode == "constant":
            return [float(self.schedule.lr)] * k
        return [self.schedule.at(t) for t in range(self.t, self.t + k)]

    def advance(
        self, k: int, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> bool:
        """Advance every live point by k updates; False if cancelled (the run is then unusable)."""
        if self.broken:
            raise RuntimeError("this run was cancelled mid-step and cannot continue")
        if k <= 0:
            return True
        if not self.chunks:  # no live points (none given, or all diverged)
            self.t += k
            return True
        lrs = self._lrs(k)
        stop = threading.Event()
        done = [0] * len(self.chunks)
        try:
            if self.sigma > 0:
                ok = self._advance_step_major(k, lrs, stop, done, progress, cancel)
            else:
                ok = self._advance_chunk_major(k, lrs, stop, done, progress, cancel)
        except BaseException:
            self.broken = True  # chunks may stand at different steps now
            raise
        if not ok:
            self.broken = True
            return False
        self.t += k
        for ch in self.chunks:
            ch.finish(True)
        self.chunks = [ch for ch in self.chunks if ch.size]
        if progress is not None:
            progress(1.0)
        return True

    def _run_chunk(
        self, i: int, k: int, lrs: list[float], stop: Callable[[], bool], done: list[int]
    ) -> None:
        ch = self.chunks[i]
        with np.errstate(all="ignore"):
            for j in range(k):
                if j % BLOCK == 0:
                    if stop():
                        return
                    done[i] = j
                if not ch.size:
                    break
                ch.step(lrs[j], self.t + j, None)
        done[i] = k

    def _advance_chunk_major(
        self,
        k: int,
        lrs: list[float],
        stop: threading.Event,
        done: list[int],
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> bool:
        total = k * len(self.chunks)
        if self.threads == 1 or len(self.chunks) == 1:
            # One thread: the caller's cancel and progress run between blocks of steps.
            def check() -> bool:
                if progress is not None:
                    progress(sum(done) / total)
                if cancel is not None and cancel():
                    stop.set()
                return stop.is_set()

            for i in range(len(self.chunks)):
                self._run_chunk(i, k, lrs, check, done)
                if stop.is_set():
                    return False
            return True
        with ThreadPoolExecutor(min(self.threads, len(self.chunks))) as ex:
            futures = [
                ex.submit(self._run_chunk, i, k, lrs, stop.is_set, done)
                for i in range(len(self.chunks))
            ]
            try:
                while not all(f.done() for f in futures):
                    if cancel is not None and cancel():
                        stop.set()
                        break
                    if progress is not None:
                        progress(sum(done) / total)
                    time.sleep(0.005)
                for f in futures:
                    f.result()
            except BaseException:  # Ctrl-C or a failing callback: let the workers stop too
                stop.set()
                raise
        return not stop.is_set()

    def _advance_step_major(
        self,
        k: int,
        lrs: list[float],
        stop: threading.Event,
        done: list[int],
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> bool:
        # Noise is drawn for all N points per step, exactly as the generic run draws it.
        n = len(self.w)
        with np.errstate(all="ignore"):
            for j in range(k):
                if j % BLOCK == 0 and cancel is not None and cancel():
                    return False
                noise = self.rng.standard_normal((n, 2))
                for ch in self.chunks:
                    if ch.size:
                        ch.step(lrs[j], self.t + j, noise)
                if progress is not None and j % BLOCK == 0:
                    progress(j / k)
        return True

    def loss(self) -> Array:
        with np.errstate(all="ignore"):
            return np.asarray(self.surface.value(self.w))  # type: ignore[attr-defined]

    def result(self, cancelled: bool = False) -> FastResult:
        return FastResult(
            self.w.copy(),
            self.diverged.copy(),
            self.stopped_at.copy(),
            self.last_step.copy(),
            self.t,
            cancelled,
            None if self.converged_at is None else self.converged_at.copy(),
        )


def simulate(
    surface: object,
    rule: str,
    hyper: Hyper,
    schedule: Schedule,
    starts: Array,
    steps: int,
    estimate: Estimate | None = None,
    seed: int = 0,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    threads: int = 2,
    processes: int = 1,
) -> FastResult:
    """Run N starts for ``steps`` updates: the fast path when it applies, else the generic Run.

    ``processes`` > 1 splits a large full-gradient run over forked processes where that is safe
    (core/runs/fast_procs.py: the command line); otherwise ``threads`` threads share the chunks.
    """
    if supports(surface, rule, estimate):
        n = len(np.asarray(starts).reshape(-1, 2))
        if processes > 1 and (estimate or Estimate()).kind == "full" and n >= 2 * CHUNK:
            from core.runs import fast_procs

            if fast_procs.available():
                return fast_procs.simulate_processes(
                    surface, rule, hyper, schedule, starts, steps, estimate, seed,
                    processes=processes, progress=progress, cancel=cancel,
                )  # fmt: skip
        fr = FastRun(surface, rule, hyper, schedule, starts, estimate, seed, threads=threads)
        ok = fr.advance(steps, progress, cancel)
        return fr.result(cancelled=not ok)
    run = Run(surface, rule, hyper, schedule, starts, estimate, seed=seed, record=False)  # type: ignore[arg-type]
    block = max(1, min(50, 2_000_000 // max(1, run.n_points)))
    done = 0
    while done < steps:
        if cancel is not None and cancel():
            break
        k = min(block, steps - done)
        run.step(k)
        done += k
        if progress is not None:
            progress(done / steps)
    res = FastResult(run.w.copy(), run.diverged.copy(), run.stopped_at.copy(),
                     run.last_step.copy(), done, done < steps, None, fast=False)  # fmt: skip
    res.last_step[res.diverged] = 0.0
    return res
