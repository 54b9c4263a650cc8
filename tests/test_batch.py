"""Batches (core/runs/batch.py): many starts of one configuration through the ordinary Run, arranged
in chunks. Chunking, per-point values and convergence tracking must change nothing: every point
ends exactly where a Run of that point alone (or of all points at once) ends."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.batch import simulate
from core.runs.config import RunConfig
from core.runs.run import Run, Tolerances
from surfaces.registry import get_surface

RULES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad"]


def starts_in(surface, n=60, seed=1):
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = surface.domain
    return np.c_[rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)]


def whole(surface, config, starts, steps):
    """All points in one Run (C-ordered points, no chunks): what a live run does."""
    run = Run(surface, config.rule, config.hyper, config.schedule, starts, config.estimate,
              seed=config.seed, record=False)  # fmt: skip
    run.step(steps)
    return run


def assert_same(run, res):
    np.testing.assert_array_equal(res.w, run.w)
    np.testing.assert_array_equal(res.diverged, run.diverged)
    np.testing.assert_array_equal(res.stopped_at, run.stopped_at)
    np.testing.assert_array_equal(res.last_step, np.where(run.diverged, 0.0, run.last_step))


LRS = {"himmelblau": 0.02, "rosenbrock": 0.0015}  # large enough that some starts diverge


@pytest.mark.parametrize("name", ["himmelblau", "rosenbrock"])
@pytest.mark.parametrize(("rule", "conv"), list(itertools.product(RULES, ["textbook", "pytorch"])))
def test_chunks_equal_one_run_bit_for_bit(name, rule, conv):
    s = get_surface(name)
    lr = LRS[name] if rule in ("sgd", "momentum", "nesterov") else 0.05
    cfg = RunConfig(rule, default_hyper(rule, conv), Schedule(lr=lr))
    starts = starts_in(s)
    assert_same(whole(s, cfg, starts, 150), simulate(s, cfg, starts, 150, chunk=16))


def test_some_starts_diverge_in_the_comparison():
    # Guards the test above: the divergence path is exercised, not only smooth descent.
    s = get_surface("rosenbrock")
    cfg = RunConfig("momentum", default_hyper("momentum"), Schedule(lr=0.0015))
    res = simulate(s, cfg, starts_in(s), 150, chunk=16)
    assert 0 < res.diverged.sum() < len(res.w)
    assert np.isfinite(res.w).all()


@pytest.mark.parametrize("rule", ["adam", "adamw", "amsgrad"])
def test_bias_correction_weight_decay_and_a_cyclic_schedule(rule):
    s = get_surface("himmelblau")
    h = default_hyper(rule, "pytorch", bias_correction=True, weight_decay=0.05)
    cfg = RunConfig(rule, h, Schedule(mode="triangular2", base_lr=0.001, max_lr=0.1, step_size=7))
    starts = starts_in(s)
    assert_same(whole(s, cfg, starts, 60), simulate(s, cfg, starts, 60, chunk=25))


@pytest.mark.parametrize("rule", ["sgd", "nesterov", "rmsprop", "adam"])
def test_a_noisy_estimate_draws_what_a_live_run_draws(rule):
    s = get_surface("rosenbrock")
    cfg = RunConfig(rule, default_hyper(rule), Schedule(lr=0.001), Estimate("noise", sigma=0.3), 7)
    starts = starts_in(s, 50)
    assert_same(whole(s, cfg, starts, 80), simulate(s, cfg, starts, 80, chunk=16))


def test_newton_and_a_surface_of_any_kind():
    s = get_surface("beale")
    for rule in ("newton", "rmsprop"):
        cfg = RunConfig(rule, default_hyper(rule), Schedule(lr=0.5 if rule == "newton" else 0.01))
        starts = starts_in(s, 40)
        assert_same(whole(s, cfg, starts, 40), simulate(s, cfg, starts, 40, chunk=16))


def test_per_point_learning_rates_equal_separate_runs():
    s = get_surface("himmelblau")
    lrs = np.array([0.001, 0.01, 0.05, 0.2])
    start = np.array([[-1.0, 0.5]])
    cfg = RunConfig("adam", default_hyper("adam"), Schedule())
    res = simulate(s, cfg, np.repeat(start, 4, axis=0), 200, per_point={"lr": lrs}, chunk=3)
    for i, lr in enumerate(lrs):
        one = whole(s, cfg.with_(schedule=Schedule(lr=float(lr))), start, 200)
        np.testing.assert_array_equal(res.w[i], one.w[0])


@pytest.mark.parametrize(("rule", "key"), [("momentum", "momentum"), ("nesterov", "momentum"),
                                           ("adam", "beta1"), ("rmsprop", "alpha"),
                                           ("rmsprop", "rms_momentum")])  # fmt: skip
def test_per_point_hyperparameters_equal_separate_runs(rule, key):
    s = get_surface("rosenbrock")
    vals = np.array([0.0, 0.5, 0.8, 0.95])
    start = np.array([[-1.2, 1.0]])
    cfg = RunConfig(rule, default_hyper(rule), Schedule(lr=0.0005))
    res = simulate(s, cfg, np.repeat(start, 4, axis=0), 120, per_point={key: vals})
    for i, v in enumerate(vals):
        one = whole(s, cfg.with_(hyper=default_hyper(rule, **{key: float(v)})), start, 120)
        np.testing.assert_array_equal(res.w[i], one.w[0])


@pytest.mark.parametrize("key", ["beta1", "beta2"])
def test_many_per_point_betas_equal_separate_runs_bit_for_bit(key):
    """Adam's bias correction 1 − βᵗ: Python's pow and numpy's vectorized pow differ in the last
    bit for about one β in a hundred, so a β per point must be raised the same way as one β."""
    s = get_surface("himmelblau")
    vals = np.random.default_rng(7).uniform(0.8, 0.9999, 40)
    start = np.array([[-1.0, 0.5]])
    cfg = RunConfig("adam", default_hyper("adam", bias_correction=True), Schedule(lr=0.05))
    res = simulate(s, cfg, np.repeat(start, len(vals), axis=0), 60, per_point={key: vals})
    for i, v in enumerate(vals):
        hp = default_hyper("adam", bias_correction=True, **{key: float(v)})
        one = whole(s, cfg.with_(hyper=hp), start, 60)
        np.testing.assert_array_equal(res.w[i], one.w[0])


def test_converged_at_matches_a_recorded_trajectory():
    s = get_surface("booth")
    tol = Tolerances()
    starts = starts_in(s, 5)
    cfg = RunConfig("momentum", default_hyper("momentum"), Schedule(lr=0.01))
    res = simulate(s, cfg, starts, 300, track=tol, chunk=2)
    run = Run(s, "momentum", cfg.hyper, cfg.schedule, starts)
    run.step(300)
    tr = run.trajectory
    moved = np.hypot(*np.diff(tr.xy[:, : tr.count], axis=1).transpose(2, 0, 1))
    ok = (moved < tol.step) & (tr.grad_norm[:, 1 : tr.count] < tol.grad)
    expected = np.where(ok.any(axis=1), ok.argmax(axis=1) + 1, -1)
    assert (expected > 0).all()
    np.testing.assert_array_equal(res.converged_at, expected)


def test_cancel_returns_a_cancelled_result():
    s = get_surface("himmelblau")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    cfg = RunConfig("adam", default_hyper("adam"), Schedule(lr=0.05))
    res = simulate(s, cfg, starts_in(s, 5000), 10_000, cancel=cancel, chunk=1024)
    assert res.cancelled and len(calls) == 3


def test_progress_reaches_one_and_never_goes_back():
    s = get_surface("himmelblau")
    seen: list[float] = []
    cfg = RunConfig("sgd", default_hyper("sgd"), Schedule(lr=0.001))
    simulate(s, cfg, starts_in(s, 3000), 200, progress=seen.append, chunk=512)
    assert seen and seen[-1] == 1.0
    assert all(0 <= a <= b <= 1 for a, b in itertools.pairwise(seen))


def test_no_points_and_all_diverged():
    s = get_surface("rosenbrock")
    cfg = RunConfig("sgd", default_hyper("sgd"), Schedule(lr=10.0))
    empty = simulate(s, cfg, np.empty((0, 2)), 10)
    assert empty.w.shape == (0, 2) and not empty.cancelled
    starts = np.array([[-1.5, 2.0], [1.5, -1.0]])
    res = simulate(s, cfg, starts, 55)
    assert res.diverged.all()
    assert_same(whole(s, cfg, starts, 55), res)
