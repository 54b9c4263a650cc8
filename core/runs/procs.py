"""Process-parallel batches for the command line: forked children each run a share of the points.

Two threads hardly beat one on this workload: every ufunc call of a 4096-point chunk computes for a
few microseconds, then waits for the GIL, and each hand-over costs a thread wake-up. Forked
processes have no GIL to share, so two of them take half the time. Fork is used only where it is
safe — a process with no other Python threads (the command line), never inside the GUI — and the
children only run numpy arithmetic, write into shared memory and leave with os._exit.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import threading
import time
import warnings

import numpy as np
from numpy.typing import NDArray

from core.runs.batch import BatchResult, Cancel, Progress, simulate
from core.runs.config import RunConfig

Array = NDArray[np.float64]
RUNNING, DONE, FAILED = 0.0, 1.0, 2.0


def available() -> bool:
    """True where forking is possible and safe: a POSIX process running a single Python thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class _Child:
    """A forked worker and its shared buffer: [status, progress, w (2n), last_step, diverged,
    stopped_at] as float64 (step indices are exact as floats)."""

    def __init__(self, idx: NDArray[np.intp]) -> None:
        self.idx = idx
        n = len(idx)
        self.buf = np.frombuffer(mmap.mmap(-1, 8 * (2 + 5 * n)), dtype=np.float64)
        self.pid = 0
        self.exited = False

    def fields(self) -> tuple[Array, Array, Array, Array]:
        n = len(self.idx)
        b = self.buf
        return (b[2 : 2 + 2 * n].reshape(n, 2), b[2 + 2 * n : 2 + 3 * n],
                b[2 + 3 * n : 2 + 4 * n], b[2 + 4 * n : 2 + 5 * n])  # fmt: skip

    def poll(self) -> bool:
        """True once the child has exited (reaped)."""
        if not self.exited and os.waitpid(self.pid, os.WNOHANG)[0] != 0:
            self.exited = True
        return self.exited

    def kill(self) -> None:
        if self.pid and not self.exited:
            with contextlib.suppress(ProcessLookupError):  # it may have exited meanwhile
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.exited = True


def _run_child(child: _Child, surface: object, config: RunConfig, starts: Array,
               steps: int) -> None:  # fmt: skip
    """Body of a forked child: never returns."""
    code = 1
    try:

        def progress(f: float) -> None:
            child.buf[1] = f

        res = simulate(surface, config, starts[child.idx], steps, progress=progress)
        w, last, div, stop = child.fields()
        w[...], last[...], div[...], stop[...] = res.w, res.last_step, res.diverged, res.stopped_at
        child.buf[0] = DONE
        code = 0
    except BaseException:  # a failure (or Ctrl-C) is reported through the status word
        child.buf[0] = FAILED
    finally:
        os._exit(code)


def simulate_processes(
    surface: object,
    config: RunConfig,
    starts: Array,
    steps: int,
    *,
    processes: int = 2,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BatchResult:
    """Like core.runs.batch.simulate for a full-gradient configuration, split over forked
    processes where that is possible (``available()``), else in this process."""
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)
    if processes < 2 or config.estimate.kind != "full" or not available():
        return simulate(surface, config, starts, steps, progress=progress, cancel=cancel)
    parts = np.array_split(np.arange(len(starts)), processes)
    children = [_Child(idx) for idx in parts[1:]]
    try:
        for child in children:
            with warnings.catch_warnings():  # 3.12+ warns about fork with native threads alive
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:
                _run_child(child, surface, config, starts, steps)
            child.pid = pid

        def report(f: float) -> None:
            if progress is not None:
                progress((f + sum(float(c.buf[1]) for c in children)) / len(parts))

        own = simulate(surface, config, starts[parts[0]], steps, progress=report, cancel=cancel)
        if own.cancelled:
            return _cancelled(starts)
        while not all(c.poll() for c in children):
            if cancel is not None and cancel():
                return _cancelled(starts)
            report(1.0)
            time.sleep(0.002)
        return _assemble(surface, config, starts, steps, parts[0], own, children)
    finally:
        for child in children:
            child.kill()


def _cancelled(starts: Array) -> BatchResult:
    n = len(starts)
    return BatchResult(starts.copy(), np.zeros(n, bool), np.full(n, -1, np.int64),
                      np.full(n, np.inf), 0, cancelled=True)  # fmt: skip


def _assemble(surface: object, config: RunConfig, starts: Array, steps: int,
              own_idx: NDArray[np.intp], own: BatchResult, children: list[_Child]) -> BatchResult:  # fmt: skip
    n = len(starts)
    res = BatchResult(np.empty((n, 2)), np.zeros(n, bool), np.full(n, -1, np.int64),
                      np.empty(n), steps)  # fmt: skip
    res.w[own_idx], res.last_step[own_idx] = own.w, own.last_step
    res.diverged[own_idx], res.stopped_at[own_idx] = own.diverged, own.stopped_at
    for child in children:
        if child.buf[0] != DONE:  # the child failed: compute its share here instead
            r = simulate(surface, config, starts[child.idx], steps)
            w, last, div, stop = r.w, r.last_step, r.diverged, r.stopped_at
        else:
            w, last, div, stop = child.fields()
        res.w[child.idx], res.last_step[child.idx] = w, last
        res.diverged[child.idx], res.stopped_at[child.idx] = div != 0, stop
    return res
