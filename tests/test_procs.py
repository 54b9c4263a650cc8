"""Process-parallel batches (core/runs/procs.py): the same results as one process, cancel and
failure handling, and no fork where other threads run."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.batch import CHUNK, simulate
from core.runs.config import RunConfig
from core.runs.procs import simulate_processes
from surfaces.analytic import AnalyticSurface
from surfaces.registry import get_surface

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def starts_in(surface, n, seed=2):
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = surface.domain
    return np.c_[rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)]


def one_process(surface, rule, hyper, sched, starts, steps):
    return simulate(surface, RunConfig(rule, hyper, sched), starts, steps)


def assert_same(res, fr):
    np.testing.assert_array_equal(res.w, fr.w)
    np.testing.assert_array_equal(res.diverged, fr.diverged)
    np.testing.assert_array_equal(res.stopped_at, fr.stopped_at)
    np.testing.assert_array_equal(res.last_step, fr.last_step)


@pytest.mark.parametrize("processes", [2, 3])
def test_forked_shares_equal_one_process_including_divergence(processes):
    s = get_surface("rosenbrock")
    h, sched = default_hyper("momentum"), Schedule(lr=0.0015)
    starts = starts_in(s, 3000)
    res = simulate_processes(s, RunConfig("momentum", h, sched), starts, 120, processes=processes)
    fr = one_process(s, "momentum", h, sched, starts, 120)
    assert 0 < fr.diverged.sum() < len(starts)
    assert not res.cancelled and res.steps == 120
    assert_same(res, fr)


def test_progress_and_cancel_kill_the_children():
    s = get_surface("himmelblau")
    seen: list[float] = []
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    cfg = RunConfig("adam", default_hyper("adam"), Schedule(lr=0.05))
    res = simulate_processes(s, cfg, starts_in(s, 20000), 100_000, processes=2,
                             progress=seen.append, cancel=cancel)  # fmt: skip
    assert res.cancelled
    assert all(0 <= f <= 1 for f in seen)
    with pytest.raises(ChildProcessError):  # every child was reaped
        os.waitpid(-1, os.WNOHANG)


def test_a_failing_child_share_is_computed_in_the_parent():
    parent = os.getpid()

    def df(x, y):
        if os.getpid() != parent:
            raise RuntimeError("only the parent may evaluate this gradient")
        return 2 * x, 4 * y

    bowl = AnalyticSurface("bowl_only_in_parent", f=lambda x, y: x * x + 2 * y * y, df=df,
                           d2f=lambda x, y: (2 + 0 * x, 0 * x, 4 + 0 * x))  # fmt: skip
    starts = np.random.default_rng(0).uniform(-1, 1, (500, 2))
    h, sched = default_hyper("sgd"), Schedule(lr=0.1)
    res = simulate_processes(bowl, RunConfig("sgd", h, sched), starts, 30, processes=2)
    assert_same(res, one_process(bowl, "sgd", h, sched, starts, 30))


def test_no_fork_while_other_threads_run(monkeypatch):
    def no_fork():
        raise AssertionError("fork must not be used with other threads alive")

    s = get_surface("himmelblau")
    starts = starts_in(s, 2 * CHUNK)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        monkeypatch.setattr(os, "fork", no_fork)
        cfg = RunConfig("sgd", default_hyper("sgd"), Schedule(lr=0.001))
        res = simulate_processes(s, cfg, starts, 3, processes=2)
    finally:
        release.set()
        other.join()
    assert_same(res, one_process(s, "sgd", default_hyper("sgd"), Schedule(lr=0.001), starts, 3))
