"""Data-defined losses: per-sample gradients, derivatives, known minima, SGD through the CLI."""

from __future__ import annotations

import numpy as np
import pytest

from surfaces.data import linear_regression, logistic_regression

FACTORIES = [linear_regression, logistic_regression]


def per_sample_gradients(s, w: np.ndarray) -> np.ndarray:
    """(n, 2) gradients of each example's loss at w, written out from the textbook formulas."""
    out = []
    for x, t in zip(s.X, s.t, strict=True):
        z = float(x @ w)
        if s.name == "linear_regression":
            out.append(-2.0 * (t - z) * x)  # d/dw (t − xᵀw)²
        else:
            out.append((1.0 / (1.0 + np.exp(-z)) - t) * x)  # d/dw [log(1+e^z) − t z]
    return np.array(out)


def loss_by_hand(s, w: np.ndarray) -> float:
    z = s.X @ w
    if s.name == "linear_regression":
        return float(np.mean((s.t - z) ** 2))
    return float(np.mean(np.log1p(np.exp(z)) - s.t * z))


@pytest.mark.parametrize("make", FACTORIES)
def test_full_gradient_is_the_mean_of_per_sample_gradients(make) -> None:
    s = make()
    rng = np.random.default_rng(1)
    for w in rng.uniform(-3, 3, (5, 2)):
        g = per_sample_gradients(s, w)
        np.testing.assert_allclose(s.gradient(w), g.mean(axis=0), rtol=1e-12, atol=1e-12)
        assert float(s.value(w)) == pytest.approx(loss_by_hand(s, w), rel=1e-12)
        idx = rng.choice(s.n_samples, size=(1, 5), replace=False)
        np.testing.assert_allclose(s.sample_gradient(w[None], idx)[0], g[idx[0]].mean(axis=0),
                                   rtol=1e-12, atol=1e-12)  # fmt: skip


@pytest.mark.parametrize("make", FACTORIES)
def test_sample_gradient_is_per_point(make) -> None:
    s = make()
    p = np.array([[0.0, 0.0], [1.0, -1.0], [2.0, 2.0]])
    idx = np.array([[0, 1], [2, 3], [4, 5]])
    got = s.sample_gradient(p, idx)
    for i in range(3):
        want = per_sample_gradients(s, p[i])[idx[i]].mean(axis=0)
        np.testing.assert_allclose(got[i], want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("make", FACTORIES)
def test_derivatives_match_finite_differences(make) -> None:
    s = make()
    x0, x1, y0, y1 = s.domain
    xs, ys = np.linspace(x0, x1, 15), np.linspace(y0, y1, 15)
    p = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    h = 1e-5
    fd_g = np.stack([(s.value(p + e) - s.value(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    fd_h = np.stack([(s.gradient(p + e) - s.gradient(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    np.testing.assert_allclose(s.gradient(p), fd_g, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(s.hessian(p), fd_h, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("make", FACTORIES)
def test_grid_evaluation_is_vectorized_and_consistent(make) -> None:
    s = make()
    xs, ys, z = s.grid(100)  # 10 000 points: crosses the evaluation block size
    assert z.shape == (100, 100)
    for j, i in [(0, 0), (37, 81), (99, 99)]:
        assert z[j, i] == pytest.approx(float(s.value(np.array([xs[i], ys[j]]))), rel=1e-12)
    assert s.gradient(np.zeros((3, 4, 2))).shape == (3, 4, 2)
    assert s.hessian(np.zeros((3, 4, 2))).shape == (3, 4, 2, 2)


def test_linear_regression_minimum_is_the_least_squares_solution() -> None:
    s = linear_regression()
    w, *_ = np.linalg.lstsq(s.X, s.t, rcond=None)
    (c,) = s.known_critical
    np.testing.assert_allclose([c.x, c.y], w, atol=1e-10)
    assert c.kind == "minimum"
    assert c.value == pytest.approx(np.mean((s.t - s.X @ w) ** 2))
    x0, x1, y0, y1 = s.domain
    assert x0 < w[0] < x1 and y0 < w[1] < y1
    np.testing.assert_allclose(s.hessian(np.zeros(2)), 2 * s.X.T @ s.X / s.n_samples)


def test_logistic_regression_has_a_finite_minimum() -> None:
    s = logistic_regression()
    (c,) = s.known_critical
    assert c.kind == "minimum" and min(c.eigenvalues) > 0
    assert np.hypot(*s.gradient(np.array([c.x, c.y]))) < 1e-10
    # Not separable: far out in every direction the loss grows (separable data would let it → 0).
    ang = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    far = 50 * np.stack([np.cos(ang), np.sin(ang)], axis=-1)
    assert s.value(far).min() > np.log(2.0)  # the loss at w = 0
    assert set(np.unique(s.t)) == {0.0, 1.0}


def test_sgd_and_minibatch_from_the_command_line(cli) -> None:
    s = linear_regression()
    (c,) = s.known_critical
    for extra in (["--batch", "4"], [], ["--batch", "full"]):
        rc, out, err = cli("trace", "--surface", "linear_regression", "--optimizer", "sgd", *extra,
                           "--lr", "0.05", "--start", "-1,4", "--steps", "400")  # fmt: skip
        assert rc == 0, err
        rows = out.strip().splitlines()
        assert rows[0] == "step,x,y,loss,lr" and len(rows) == 402
        x, y = (float(v) for v in rows[-1].split(",")[1:3])
        assert np.hypot(x - c.x, y - c.y) < 0.3  # noisy for one sample, but near the minimum


@pytest.mark.parametrize("make", FACTORIES)
def test_far_away_points_give_values_not_warnings(make) -> None:
    s = make()
    p = np.array([[1e200, -1e200], [np.inf, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # numpy warns on these
        s.value(p), s.gradient(p), s.hessian(p)
        s.sample_gradient(p, np.array([[0, 1], [2, 3]]))
