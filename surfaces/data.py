"""Losses built from a seeded dataset (REFERENCE.md §3): SGD and mini-batches sample real examples.

linear_regression: the lecture's L(w) = 1/n Σ (yᵢ − xᵢᵀw)² with xᵢ = (1, tᵢ) (intercept, slope).
logistic_regression: L(w) = 1/n Σ [log(1 + e^{zᵢ}) − yᵢzᵢ], zᵢ = xᵢᵀw, labels drawn from a
logistic model so the classes overlap and a finite minimum exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from surfaces.analytic import refine_critical
from surfaces.base import Array, Surface
from surfaces.i18n import QT_TRANSLATE_NOOP, translate

CHUNK = 4096  # points per block when a grid meets every example (keeps memory at a few MB)


def _sigmoid(z: Array) -> Array:
    """1/(1 + e^{−z}) without overflow warnings."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass
class DataSurface(Surface):
    """A mean-over-examples loss of two weights w; X is (n, 2), t the targets (n,)."""

    X: Array = field(default_factory=lambda: np.zeros((0, 2)), repr=False)
    t: Array = field(default_factory=lambda: np.zeros(0), repr=False)
    group: str = QT_TRANSLATE_NOOP("Surface", "Data-defined losses")
    axis_labels: tuple[str, str] = ("w₀", "w₁")  # the model's two weights

    @property
    def n_samples(self) -> int:
        return len(self.t)

    # Per-example pieces, for z = p·xᵢ of any shape (..., m): the loss ℓ(z, t), ℓ′ and ℓ″.
    def _loss(self, z: Array, t: Array) -> Array:
        raise NotImplementedError

    def _d1(self, z: Array, t: Array) -> Array:
        raise NotImplementedError

    def _d2(self, z: Array, t: Array) -> Array:
        raise NotImplementedError

    def _blocks(self, p: Array, fn: Callable[[Array], Array]) -> Array:
        """Apply fn(z (k, n)) -> (k, ...) to flattened points in blocks; reshape to p's shape."""
        p = np.asarray(p, dtype=np.float64)
        flat = p.reshape(-1, 2)
        with np.errstate(over="ignore", invalid="ignore"):  # far-off points: inf/nan, not warnings
            outs = [fn(flat[i : i + CHUNK] @ self.X.T) for i in range(0, len(flat), CHUNK)]
        out = np.concatenate(outs) if outs else fn(np.zeros((0, self.n_samples)))
        return out.reshape((*p.shape[:-1], *out.shape[1:]))

    def value(self, p: Array) -> Array:
        return self._blocks(p, lambda z: self._loss(z, self.t).mean(axis=-1))

    def gradient(self, p: Array) -> Array:
        return self._blocks(p, lambda z: self._d1(z, self.t) @ self.X / self.n_samples)

    def hessian(self, p: Array) -> Array:
        xx = self.X[:, :, None] * self.X[:, None, :]  # (n, 2, 2)
        return self._blocks(
            p, lambda z: np.einsum("kn,nij->kij", self._d2(z, self.t), xx) / self.n_samples
        )

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array:
        """Mean gradient over examples idx[i] (N, m) at each point p[i] (N, 2)."""
        p = np.asarray(p, dtype=np.float64)
        xi = self.X[idx]  # (N, m, 2)
        with np.errstate(over="ignore", invalid="ignore"):
            z = np.einsum("nmj,nj->nm", xi, p)
            return np.einsum("nm,nmj->nj", self._d1(z, self.t[idx]), xi) / idx.shape[1]


class LinearRegression(DataSurface):
    """Mean squared error ℓ = (t − z)²."""

    def _loss(self, z: Array, t: Array) -> Array:
        return (t - z) ** 2

    def _d1(self, z: Array, t: Array) -> Array:
        return -2.0 * (t - z)

    def _d2(self, z: Array, t: Array) -> Array:
        return np.full_like(z, 2.0)


class LogisticRegression(DataSurface):
    """Cross-entropy of labels t ∈ {0, 1}: ℓ = log(1 + e^z) − t·z."""

    def _loss(self, z: Array, t: Array) -> Array:
        # log(1 + e^z) as max(z, 0) + log1p(e^{−|z|}): no overflow, and faster than np.logaddexp.
        return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - t * z

    def _d1(self, z: Array, t: Array) -> Array:
        return _sigmoid(z) - t

    def _d2(self, z: Array, t: Array) -> Array:
        s = _sigmoid(z)
        return s * (1.0 - s)


def _box_around(w: Array, half: float) -> tuple[float, float, float, float]:
    """A square domain of half-width `half` centred near w, on round numbers."""
    cx, cy = (round(float(c) * 2) / 2 for c in w)
    return (cx - half, cx + half, cy - half, cy + half)


def linear_regression(n: int = 40, seed: int = 7) -> LinearRegression:
    """Fit y ≈ w₀ + w₁·t to n noisy points of y = 1 + 2t; the minimum is the least-squares w."""
    rng = np.random.default_rng(seed)
    tt = rng.uniform(-1.0, 2.0, n)
    X = np.stack([np.ones(n), tt], axis=1)
    y = 1.0 + 2.0 * tt + rng.normal(0.0, 0.5, n)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    s = LinearRegression(
        "linear_regression",
        QT_TRANSLATE_NOOP("Surface", "Linear regression (MSE)"),
        translate(
            "Surface",
            "The lecture's L(w) = 1/n Σ (yᵢ − xᵢᵀw)² for a line w₀ + w₁t through "
            "{n} seeded points: a quadratic bowl; SGD and mini-batches see one or a few "
            "points at a time.",
        ).format(n=n),
        domain=_box_around(w_star, 3.0),
        X=X,
        t=y,
    )
    s.known_critical = refine_critical(s, [tuple(w_star)])
    return s


def logistic_regression(n: int = 60, seed: int = 11) -> LogisticRegression:
    """Classify n seeded points with P(y=1) = σ(xᵀw_true), w_true = (2, −1): classes overlap."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 1.0, (n, 2))
    y = (rng.random(n) < _sigmoid(X @ np.array([2.0, -1.0]))).astype(np.float64)
    s = LogisticRegression(
        "logistic_regression",
        QT_TRANSLATE_NOOP("Surface", "Logistic regression"),
        f"Cross-entropy of a 2-weight logistic classifier on {n} seeded, overlapping points: "
        "convex, flat far from the minimum.",
        domain=(-4.0, 6.0, -6.0, 4.0),
        X=X,
        t=y,
    )
    s.known_critical = refine_critical(s, [(2.0, -1.0)])
    return s
