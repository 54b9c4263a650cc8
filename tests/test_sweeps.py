"""Hyperparameter sweeps (core/analysis/sweeps.py) against single generic runs at sampled settings."""

from __future__ import annotations

import numpy as np
import pytest

from core.analysis.sweeps import SECOND_PARAM, log_grid, lr_sweep, param_map
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.run import Run, Tolerances
from surfaces.registry import get_surface

START = (-1.2, 1.0)


TOL = Tolerances()


def single(surface, rule, hyper, lr, steps, tol=TOL):
    """(final loss or inf, diverged, first converged step) from one recorded generic run."""
    run = Run(surface, rule, hyper, Schedule(lr=lr), [START])
    run.step(steps)
    tr = run.trajectory
    xy, gn = tr.xy[0, : tr.count], tr.grad_norm[0, : tr.count]
    moved = np.hypot(*np.diff(xy, axis=0).T)
    ok = (moved < tol.step) & (gn[1:] < tol.grad)
    conv = int(ok.argmax()) + 1 if ok.any() else -1
    loss = np.inf if run.diverged[0] else float(run.loss()[0])
    return loss, bool(run.diverged[0]), conv


def test_log_grid_is_even_on_a_log_axis():
    g = log_grid(1e-4, 1.0, 5)
    np.testing.assert_allclose(g, [1e-4, 1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12)
    with pytest.raises(ValueError):
        log_grid(0.0, 1.0, 5)


@pytest.mark.parametrize("rules", [["sgd", "momentum", "adam", "rmsprop"]])
def test_lr_sweep_agrees_with_single_runs(rules):
    s = get_surface("booth")
    lrs = log_grid(1e-3, 0.3, 12)
    sw = lr_sweep(s, rules, START, 400, lrs)
    assert not sw.cancelled and [c.rule for c in sw.curves] == rules
    for curve in sw.curves:
        for i in (0, 4, 7, 9, 11):
            loss, div, conv = single(s, curve.rule, default_hyper(curve.rule), lrs[i], 400)
            assert curve.diverged[i] == div
            assert curve.converged_at[i] == conv
            if div:
                assert curve.final_loss[i] == np.inf
            else:
                assert curve.final_loss[i] == pytest.approx(loss, rel=1e-12, abs=1e-300)


def test_lr_sweep_shows_gd_diverging_past_two_over_curvature():
    # Booth's Hessian has eigenvalues 2 and 18: GD diverges for lr > 2/18 and converges below.
    s = get_surface("booth")
    lrs = np.array([0.01, 0.05, 0.1, 0.12, 0.2])
    sw = lr_sweep(s, ["gd"], START, 2000, lrs)
    c = sw.curves[0]
    np.testing.assert_array_equal(c.diverged, [False, False, False, True, True])
    assert (c.converged_at[:3] > 0).all()
    assert (c.final_loss[:3] < 1e-12).all()
    # Fewer steps to converge at the larger stable rate.
    assert c.converged_at[1] < c.converged_at[0]


def test_newton_sweep_uses_single_generic_runs():
    s = get_surface("rosenbrock")
    lrs = np.array([0.5, 1.0])
    sw = lr_sweep(s, ["newton"], START, 30, lrs)
    for i, lr in enumerate(lrs):
        loss, _, conv = single(s, "newton", default_hyper("newton"), lr, 30)
        assert sw.curves[0].final_loss[i] == pytest.approx(loss, rel=1e-12, abs=1e-300)
        assert sw.curves[0].converged_at[i] == conv


@pytest.mark.parametrize("rule", ["momentum", "adam"])
def test_param_map_agrees_with_single_runs(rule):
    s = get_surface("rosenbrock")
    lrs = log_grid(1e-4, 3e-3, 5) if rule == "momentum" else log_grid(1e-3, 0.1, 5)
    vals = np.array([0.0, 0.5, 0.9, 0.97])
    pm = param_map(s, rule, START, 300, lrs, vals)
    param = SECOND_PARAM[rule]
    assert pm.param == param and pm.final_loss.shape == (4, 5)
    for j, i in [(0, 0), (1, 3), (2, 2), (3, 4), (3, 1)]:
        h = default_hyper(rule, **{param: float(vals[j])})
        loss, div, conv = single(s, rule, h, lrs[i], 300)
        assert pm.diverged[j, i] == div
        assert pm.converged_at[j, i] == conv
        assert pm.final_loss[j, i] == pytest.approx(loss, rel=1e-12, abs=1e-300)


def test_param_map_needs_a_second_parameter():
    with pytest.raises(ValueError, match="no second hyperparameter"):
        param_map(get_surface("booth"), "sgd", START, 10)


def test_sweeps_cancel():
    s = get_surface("booth")
    sw = lr_sweep(s, ["sgd", "adam"], START, 10_000, cancel=lambda: True)
    assert sw.cancelled and sw.curves == ()
    pm = param_map(s, "adam", START, 10_000, cancel=lambda: True)
    assert pm.cancelled and np.isnan(pm.final_loss).all()


def test_sweep_progress_covers_every_rule():
    seen: list[float] = []
    lr_sweep(get_surface("booth"), ["sgd", "adam"], START, 100, log_grid(1e-3, 0.1, 4),
             progress=seen.append)  # fmt: skip
    assert seen and max(seen) == pytest.approx(1.0) and min(seen) >= 0
