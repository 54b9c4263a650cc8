"""The fast path (core/runs/fast.py) against the generic core.runs.run.Run: same points, same divergence."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from core.optim.estimates import Estimate
from core.optim.hyper import default_hyper
from core.optim.schedules import Schedule
from core.runs.fast import FastRun, simulate, supports
from core.runs.kernels import KERNELS, gradient_kernel
from core.runs.run import Run, Tolerances
from surfaces.analytic import AnalyticSurface
from surfaces.registry import get_surface

FAST = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad"]


def starts_in(surface, n=60, seed=1):
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = surface.domain
    return np.c_[rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)]


def generic(surface, rule, hyper, schedule, starts, steps, estimate=None, seed=0):
    run = Run(surface, rule, hyper, schedule, starts, estimate, seed=seed, record=False)
    run.step(steps)
    return run


def assert_same(run, fr):
    np.testing.assert_allclose(fr.w, run.w, rtol=1e-12, atol=1e-300)
    np.testing.assert_array_equal(fr.diverged, run.diverged)
    np.testing.assert_array_equal(fr.stopped_at, run.stopped_at)
    np.testing.assert_allclose(fr.last_step, run.last_step, rtol=1e-12, atol=1e-300)


# Learning rates large enough that some starts diverge (the fast path must stop them alike).
LRS = {"himmelblau": 0.02, "rosenbrock": 0.0015}


@pytest.mark.parametrize("name", ["himmelblau", "rosenbrock"])
@pytest.mark.parametrize(("rule", "conv"), list(itertools.product(FAST, ["textbook", "pytorch"])))
def test_every_rule_and_convention_matches_generic_run(name, rule, conv):
    s = get_surface(name)
    h = default_hyper(rule, conv)
    sched = Schedule(lr=LRS[name] if rule in ("sgd", "momentum", "nesterov") else 0.05)
    starts = starts_in(s)
    run = generic(s, rule, h, sched, starts, 150)
    fr = FastRun(s, rule, h, sched, starts, chunk=16)
    fr.advance(150)
    assert fr.kernel is not None
    assert_same(run, fr)


def test_some_starts_diverge_in_the_comparison():
    # Guards the test above: the divergence path is exercised, not only smooth descent.
    s = get_surface("rosenbrock")
    fr = FastRun(s, "momentum", default_hyper("momentum"), Schedule(lr=0.0015), starts_in(s))
    fr.advance(150)
    assert 0 < fr.diverged.sum() < len(fr.w)
    assert np.isfinite(fr.w).all()


@pytest.mark.parametrize("rule", ["adam", "adamw", "amsgrad"])
@pytest.mark.parametrize("conv", ["textbook", "pytorch"])
def test_bias_correction_and_cyclic_schedule_match(rule, conv):
    s = get_surface("himmelblau")
    h = default_hyper(rule, conv, bias_correction=True, weight_decay=0.05)
    sched = Schedule(mode="triangular2", base_lr=0.001, max_lr=0.1, step_size=7)
    starts = starts_in(s)
    run = generic(s, rule, h, sched, starts, 60)
    fr = FastRun(s, rule, h, sched, starts, chunk=25, threads=2)
    fr.advance(30)
    fr.advance(30)  # resumable: two calls equal one
    assert_same(run, fr)


@pytest.mark.parametrize("rule", ["sgd", "nesterov", "rmsprop", "adam"])
def test_noise_estimate_uses_the_same_random_stream(rule):
    s = get_surface("rosenbrock")
    h = default_hyper(rule)
    est = Estimate("noise", sigma=0.3)
    sched = Schedule(lr=0.001)
    starts = starts_in(s, 50)
    run = generic(s, rule, h, sched, starts, 80, est, seed=7)
    fr = FastRun(s, rule, h, sched, starts, est, seed=7, chunk=16)
    fr.advance(80)
    assert_same(run, fr)


def test_surface_without_kernel_uses_its_gradient():
    s = get_surface("beale")
    assert gradient_kernel(s) is None
    h = default_hyper("rmsprop")
    starts = starts_in(s, 40)
    run = generic(s, "rmsprop", h, Schedule(lr=0.01), starts, 100)
    fr = FastRun(s, "rmsprop", h, Schedule(lr=0.01), starts, chunk=16)
    fr.advance(100)
    assert_same(run, fr)


def test_kernel_is_refused_when_it_does_not_match_the_surface():
    # A surface that is only *named* himmelblau (here: a bowl) must not get Himmelblau's kernel.
    bowl = AnalyticSurface(
        "himmelblau",
        f=lambda x, y: x * x + y * y,
        df=lambda x, y: (2 * x, 2 * y),
        d2f=lambda x, y: (2 + 0 * x, 0 * x, 2 + 0 * x),
    )
    assert gradient_kernel(bowl) is None
    fr = FastRun(bowl, "sgd", default_hyper("sgd"), Schedule(lr=0.1), np.array([[1.0, -2.0]]))
    fr.advance(1)
    np.testing.assert_allclose(fr.w, [[0.8, -1.6]], rtol=1e-15)


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_kernels_match_hand_derived_gradients_by_finite_differences(name):
    s = get_surface(name)
    kern = gradient_kernel(s)
    assert kern is not None
    p = starts_in(s, 30, seed=3).T.copy()
    g = np.empty_like(p)
    kern(p, g, np.empty_like(p), np.empty_like(p))
    h = 1e-6
    for k in range(2):
        e = np.zeros((2, 1))
        e[k] = h
        fd = (s.value((p + e).T) - s.value((p - e).T)) / (2 * h)
        np.testing.assert_allclose(g[k], fd, rtol=1e-6, atol=1e-5)


def test_per_point_learning_rates_equal_separate_runs():
    s = get_surface("himmelblau")
    lrs = np.array([0.001, 0.01, 0.05, 0.2])
    start = np.array([[-1.0, 0.5]])
    h = default_hyper("adam")
    fr = FastRun(s, "adam", h, Schedule(), np.repeat(start, 4, axis=0), per_point={"lr": lrs})
    fr.advance(200)
    for i, lr in enumerate(lrs):
        run = generic(s, "adam", h, Schedule(lr=float(lr)), start, 200)
        np.testing.assert_allclose(fr.w[i], run.w[0], rtol=1e-12)


@pytest.mark.parametrize(("rule", "key"), [("momentum", "momentum"), ("nesterov", "momentum"),
                                           ("adam", "beta1"), ("rmsprop", "alpha")])  # fmt: skip
def test_per_point_hyperparameters_equal_separate_runs(rule, key):
    s = get_surface("rosenbrock")
    vals = np.array([0.0, 0.5, 0.8, 0.95])
    start = np.array([[-1.2, 1.0]])
    fr = FastRun(s, rule, default_hyper(rule), Schedule(lr=0.0005), np.repeat(start, 4, axis=0),
                 per_point={key: vals})  # fmt: skip
    fr.advance(120)
    for i, v in enumerate(vals):
        run = generic(
            s, rule, default_hyper(rule, **{key: float(v)}), Schedule(lr=0.0005), start, 120
        )
        np.testing.assert_allclose(fr.w[i], run.w[0], rtol=1e-12)


def test_newton_goes_through_the_generic_run():
    s = get_surface("himmelblau")
    assert not supports(s, "newton")
    starts = starts_in(s, 20)
    res = simulate(s, "newton", default_hyper("newton"), Schedule(lr=1.0), starts, 20)
    run = generic(s, "newton", default_hyper("newton"), Schedule(lr=1.0), starts, 20)
    assert not res.fast
    np.testing.assert_array_equal(res.w, run.w)


def test_converged_at_matches_a_recorded_trajectory():
    s = get_surface("booth")
    tol = Tolerances()
    starts = starts_in(s, 5)
    fr = FastRun(s, "momentum", default_hyper("momentum"), Schedule(lr=0.01), starts, track=tol)
    fr.advance(300)
    run = Run(s, "momentum", default_hyper("momentum"), Schedule(lr=0.01), starts)
    run.step(300)
    tr = run.trajectory
    moved = np.hypot(*np.diff(tr.xy[:, : tr.count], axis=1).transpose(2, 0, 1))
    ok = (moved < tol.step) & (tr.grad_norm[:, 1 : tr.count] < tol.grad)
    expected = np.where(ok.any(axis=1), ok.argmax(axis=1) + 1, -1)
    assert (expected > 0).all()
    np.testing.assert_array_equal(fr.converged_at, expected)


def test_cancel_stops_and_marks_the_run_unusable():
    s = get_surface("himmelblau")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    starts = starts_in(s, 5000)
    for threads in (1, 2):
        calls.clear()
        fr = FastRun(s, "adam", default_hyper("adam"), Schedule(lr=0.05), starts, chunk=1024,
                     threads=threads)  # fmt: skip
        assert fr.advance(10_000, cancel=cancel) is False
        with pytest.raises(RuntimeError):
            fr.advance(1)
        res = simulate(s, "adam", default_hyper("adam"), Schedule(lr=0.05), starts, 10_000,
                       cancel=lambda: True, threads=threads)  # fmt: skip
        assert res.cancelled


def test_progress_reaches_one_and_never_goes_back():
    s = get_surface("himmelblau")
    seen: list[float] = []
    fr = FastRun(s, "sgd", default_hyper("sgd"), Schedule(lr=0.001), starts_in(s, 3000),
                 chunk=512, threads=1)  # fmt: skip
    assert fr.advance(200, progress=seen.append)
    assert seen and all(0 <= a <= b <= 1 for a, b in itertools.pairwise(seen))


def test_no_points_and_all_diverged_runs_still_advance():
    s = get_surface("rosenbrock")
    empty = FastRun(s, "adam", default_hyper("adam"), Schedule(lr=0.01), np.empty((0, 2)))
    assert empty.advance(10) and empty.t == 10 and empty.w.shape == (0, 2)
    starts = np.array([[-1.5, 2.0], [1.5, -1.0]])
    fr = FastRun(s, "sgd", default_hyper("sgd"), Schedule(lr=10.0), starts)
    assert fr.advance(50) and fr.diverged.all() and fr.advance(5)
    run = generic(s, "sgd", default_hyper("sgd"), Schedule(lr=10.0), starts, 55)
    assert_same(run, fr)


def test_a_failing_progress_callback_stops_the_workers_and_breaks_the_run():
    s = get_surface("himmelblau")
    fr = FastRun(s, "adam", default_hyper("adam"), Schedule(lr=0.05), starts_in(s, 8000),
                 chunk=1024, threads=2)  # fmt: skip

    class Boom(Exception):
        pass

    def boom(_):
        raise Boom

    with pytest.raises(Boom):
        fr.advance(100_000, progress=boom)
    with pytest.raises(RuntimeError):
        fr.advance(1)
