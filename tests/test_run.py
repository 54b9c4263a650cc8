"""Runs: vectorized vs separate, live changes, seeded randomness, divergence, memory, statuses."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from core.optim.estimates import Estimate, EstimateError
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.run import Run
from surfaces.presets import get_preset
from surfaces.registry import get_surface


def make(surface="himmelblau", rule="adam", starts=((0.0, 0.0),), lr=0.05, **kw):
    return Run(
        get_preset(surface),
        rule,
        default_hyper(rule, kw.pop("convention", "textbook")),
        Schedule(lr=lr),
        np.array(starts, dtype=float),
        **kw,
    )


@pytest.mark.parametrize(
    "rule", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"]
)
def test_vectorized_run_equals_separate_runs(rule):
    starts = np.array([[0.0, 0.0], [-1.0, 2.5], [3.5, -3.0], [1.2, 0.4]])
    lr = 1.0 if rule == "newton" else 0.01
    together = make(rule=rule, starts=starts, lr=lr)
    together.step(200)
    for i, s in enumerate(starts):
        alone = make(rule=rule, starts=[s], lr=lr)
        alone.step(200)
        np.testing.assert_allclose(together.w[i], alone.w[0], rtol=1e-13, atol=1e-14)
        np.testing.assert_allclose(
            together.trajectory.points(i), alone.trajectory.points(0), rtol=1e-13, atol=1e-14
        )


def test_trajectory_records_every_step_with_loss_grad_and_lr():
    run = make(rule="sgd", lr=0.01)
    run.schedule = Schedule("step", lr=0.01, step_size=5, gamma=0.5)
    run.step(12)
    tr = run.trajectory
    assert tr.count == 13
    assert tr.steps().tolist() == list(range(13))
    s = get_preset("himmelblau")
    np.testing.assert_allclose(tr.loss[0, :13], s.value(tr.points(0)))
    np.testing.assert_allclose(tr.grad_norm[0, :13], np.hypot(*s.gradient(tr.points(0)).T))
    assert tr.lr[:13].tolist() == [0.01] * 5 + [0.005] * 5 + [0.0025] * 3


def test_live_lr_change_alters_the_very_next_step():
    run = make(rule="sgd", starts=[(1.0, 1.0)], lr=0.01)
    run.step(3)
    w = run.w[0].copy()
    run.schedule = run.schedule.with_(lr=0.001)
    run.step(1)
    g = get_preset("himmelblau").gradient(w)
    np.testing.assert_allclose(run.w[0], w - 0.001 * g, rtol=1e-14)


@pytest.mark.parametrize("rule", ["momentum", "nesterov"])
def test_live_convention_switch_converts_the_velocity(rule):
    """Textbook stores h = η·b, PyTorch b: a switch mid-run converts it, so with a constant η the
    motion continues exactly as if the run had never switched (the two forms agree then)."""
    switched = make(rule=rule, starts=[(1.0, 1.0)], lr=0.01)
    switched.step(5)
    h = switched.state.v.copy()
    switched.hyper = switched.hyper.with_(convention="pytorch")
    np.testing.assert_allclose(switched.state.v, h / 0.01, rtol=1e-14)
    if rule == "nesterov":
        return  # the two Nesterov forms draw slightly different points even at constant η
    switched.step(10)
    switched.hyper = switched.hyper.with_(convention="textbook")
    switched.step(10)
    plain = make(rule=rule, starts=[(1.0, 1.0)], lr=0.01)
    plain.step(25)
    np.testing.assert_allclose(
        switched.trajectory.points(0), plain.trajectory.points(0), rtol=1e-11
    )


def test_live_convention_switch_keeps_adaptive_state():
    """Adam's moments mean the same in both conventions: kept as they are."""
    run = make(rule="adam", starts=[(1.0, 1.0)], lr=0.01)
    run.step(5)
    m, v = run.state.m.copy(), run.state.v.copy()
    run.hyper = run.hyper.with_(convention="pytorch")
    np.testing.assert_array_equal(run.state.m, m)
    np.testing.assert_array_equal(run.state.v, v)


def test_noise_estimate_is_seeded_and_reproducible():
    a = make(rule="sgd", estimate=Estimate("noise", sigma=2.0), seed=7)
    b = make(rule="sgd", estimate=Estimate("noise", sigma=2.0), seed=7)
    c = make(rule="sgd", estimate=Estimate("noise", sigma=2.0), seed=8)
    for r in (a, b, c):
        r.step(50)
    np.testing.assert_array_equal(a.trajectory.points(0), b.trajectory.points(0))
    assert np.abs(a.w - c.w).max() > 1e-6
    a.reset()
    a.step(50)
    np.testing.assert_array_equal(a.w, b.w)


def test_noise_is_gradient_plus_sigma_xi():
    run = make(
        rule="sgd", starts=[(1.0, 2.0)], lr=0.1, estimate=Estimate("noise", sigma=0.5), seed=3
    )
    run.step(1)
    xi = np.random.default_rng(3).standard_normal((1, 2))
    g = get_preset("himmelblau").gradient(np.array([[1.0, 2.0]])) + 0.5 * xi
    np.testing.assert_allclose(run.w, np.array([[1.0, 2.0]]) - 0.1 * g, rtol=1e-14)


@dataclass
class TinyRegression:
    """L(w) = 1/n Σ (yᵢ − xᵢᵀw)², written here independently of surfaces/."""

    x: np.ndarray
    y: np.ndarray
    known_critical: tuple = ()

    @property
    def n_samples(self) -> int:
        return len(self.y)

    def value(self, p):
        r = self.y - p @ self.x.T
        return (r**2).mean(axis=-1)

    def gradient(self, p):
        r = self.y - p @ self.x.T
        return -2 * (r[..., None] * self.x).mean(axis=-2)

    def hessian(self, p):
        h = 2 * self.x.T @ self.x / len(self.y)
        return np.broadcast_to(h, (*p.shape[:-1], 2, 2)).copy()

    def sample_gradient(self, p, idx):
        xs = self.x[idx]  # (N, m, 2)
        r = self.y[idx] - np.einsum("nmk,nk->nm", xs, p)
        return -2 * (r[..., None] * xs).mean(axis=1)


def test_sgd_samples_real_examples_and_minibatch_is_seeded():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 2))
    y = x @ np.array([1.5, -2.0]) + 0.1 * rng.normal(size=20)
    loss = TinyRegression(x, y)
    run = Run(
        loss,
        "sgd",
        default_hyper("sgd"),
        Schedule(lr=0.05),
        np.zeros((1, 2)),
        Estimate("sample"),
        seed=4,
    )
    run.step(1)
    i = np.random.default_rng(4).integers(0, 20, size=(1, 1))[0, 0]
    g_i = -2 * (y[i] - x[i] @ np.zeros(2)) * x[i]
    np.testing.assert_allclose(run.w[0], -0.05 * g_i, rtol=1e-14)
    mb = Run(loss, "adam", default_hyper("adam"), Schedule(lr=0.05), np.zeros((1, 2)),
             Estimate("minibatch", batch=5), seed=1)  # fmt: skip
    mb.step(2000)
    np.testing.assert_allclose(mb.w[0], np.linalg.lstsq(x, y, rcond=None)[0], atol=0.1)


def test_minibatch_on_an_analytic_surface_is_refused():
    with pytest.raises(EstimateError, match="data-defined surface"):
        make(estimate=Estimate("minibatch", batch=4))


def test_divergence_stops_that_point_only():
    run = make("rosenbrock", "sgd", starts=[(-1.5, 2.0), (1.0, 1.0)], lr=10.0)
    run.step(20)
    assert run.diverged.tolist() == [True, False]
    assert np.isfinite(run.trajectory.xy[:, : run.trajectory.count]).all()
    assert run.status()[0] == "diverged"
    assert run.stopped_at[0] >= 0
    # a diverged point stays frozen at its last finite position
    w = run.w[0].copy()
    run.step(5)
    np.testing.assert_array_equal(run.w[0], w)


def test_statuses_global_local_saddle():
    himmel = make(rule="adam", starts=[(0.0, 0.0)], lr=0.05)
    himmel.step(3000)
    assert himmel.status() == ["global_min"]
    saddle = make("saddle", "sgd", starts=[(1.5, 0.0)], lr=0.1)
    saddle.step(200)
    assert saddle.status() == ["saddle"]
    moving = make("rosenbrock", "sgd", starts=[(-1.5, 2.0)], lr=1e-4)
    moving.step(10)
    assert moving.status() == ["moving"]


def test_memory_is_bounded_for_long_runs():
    run = make(rule="adam", lr=0.01, max_points=200)
    run.step(20_000)
    tr = run.trajectory
    assert tr.count <= 200
    assert tr.xy.shape[1] <= 200
    steps = tr.steps()
    assert steps[0] == 0 and steps[-1] == 20_000  # start and head stay exact
    assert np.all(np.diff(steps) > 0)
    np.testing.assert_array_equal(tr.points(0)[-1], run.w[0])


def test_switching_to_noise_applies_noise_from_the_next_step():
    # The full gradient cached when a point is recorded must not stand in for a noisy estimate.
    s = get_preset("booth")
    run = Run(s, "sgd", default_hyper("sgd"), Schedule(lr=0.01), np.array([[0.0, 0.0]]), seed=4)
    run.estimate = Estimate("noise", sigma=100.0)
    run.step(1)
    xi = np.random.default_rng(4).standard_normal((1, 2))  # the run's first draw
    g = np.array([[-34.0, -38.0]])  # ∇booth(0, 0) = (2u + 4v, 4u + 2v), u = −7, v = −5
    np.testing.assert_allclose(run.w, -0.01 * (g + 100.0 * xi), rtol=1e-12)


@pytest.mark.parametrize("record", [True, False])
@pytest.mark.parametrize(
    ("surface", "rule", "estimate"),
    [
        ("himmelblau", "adam", Estimate()),
        ("himmelblau", "nesterov", Estimate("noise", sigma=0.5)),
        ("linear_regression", "sgd", Estimate("sample")),
        ("linear_regression", "rmsprop", Estimate("minibatch", batch=4)),
    ],
)
def test_parts_change_nothing(surface, rule, estimate, record):
    """A run stepped in parts of 7 points ends bit for bit where one part of all points does,
    for every estimate (the random draw is made for all points, then split)."""
    s = get_surface(surface)
    rng = np.random.default_rng(3)
    x0, x1, y0, y1 = s.domain
    starts = np.c_[rng.uniform(x0, x1, 40), rng.uniform(y0, y1, 40)]
    runs = [Run(s, rule, default_hyper(rule), Schedule(lr=0.01), starts, estimate, seed=5,
                record=record, chunk=c) for c in (7, 1000)]  # fmt: skip
    for r in runs:
        r.step(30)
        r.step(1)
    a, b = runs
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.last_step, b.last_step)
    for fa, fb in zip(a.state, b.state, strict=True):
        np.testing.assert_array_equal(fa, fb)
    if record:
        n = a.trajectory.count
        np.testing.assert_array_equal(a.trajectory.xy[:, :n], b.trajectory.xy[:, :n])
