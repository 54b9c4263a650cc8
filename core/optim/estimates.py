"""Gradient estimates, kept apart from update rules (REFERENCE.md §3).

GD uses the full gradient; SGD one sample; mini-batch m samples (data-defined surfaces only);
analytic surfaces get a stochastic estimate by additive Gaussian noise g = ∇f + σξ. Seeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from surfaces.errors import UserError
from surfaces.i18n import number, translate

Array = NDArray[np.float64]
EstimateKind = Literal["full", "sample", "minibatch", "noise"]


class EstimateError(UserError):
    """An estimate that does not fit the surface (mini-batches of an analytic surface, ...)."""


class Loss(Protocol):
    """What an estimate needs from a loss: its gradient, and per-sample gradients if from data."""

    @property
    def n_samples(self) -> int: ...

    def gradient(self, p: Array) -> Array: ...

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array: ...


@dataclass(frozen=True)
class Estimate:
    """How the gradient is estimated. ``batch`` is used by 'minibatch'; ``sigma`` by 'noise'."""

    kind: EstimateKind = "full"
    batch: int = 8
    sigma: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in ("full", "sample", "minibatch", "noise"):
            raise EstimateError(f"unknown gradient estimate '{self.kind}'")
        if self.kind == "minibatch" and (int(self.batch) != self.batch or self.batch < 1):
            raise EstimateError(f"batch size must be a whole number ≥ 1, got {self.batch}")
        if not np.isfinite(self.sigma) or self.sigma < 0:
            raise EstimateError(f"noise sigma must be a finite number ≥ 0, got {self.sigma}")

    @property
    def label(self) -> str:
        return {
            "full": "full batch",
            "sample": "one sample",
            "minibatch": f"mini-batch {self.batch}",
            "noise": f"noise σ={self.sigma:g}",
        }[self.kind]

    @property
    def shown_label(self) -> str:
        """The label in the window's language and numbers (the command line gets ``label``)."""
        if self.kind == "minibatch":
            return translate("Estimate", "mini-batch {m}").format(m=self.batch)
        if self.kind == "noise":
            return translate("Estimate", "noise σ={s}").format(s=number(self.sigma))
        if self.kind == "sample":
            return translate("Estimate", "one sample")
        return translate("Estimate", "full batch")

    def examples_per_step(self, n_samples: int) -> int:
        """Examples one gradient costs on a loss of n examples (0 when it has none): GD n,
        SGD 1, a mini-batch m — the slide's O(n) against O(1). Noise adds to the full gradient."""
        if n_samples <= 0:
            return 0
        if self.kind == "sample":
            return 1
        if self.kind == "minibatch":
            return min(int(self.batch), n_samples)
        return n_samples

    def check(self, loss: Loss) -> None:
        """Raise EstimateError if this estimate cannot be used on that loss."""
        if self.kind in ("sample", "minibatch") and loss.n_samples == 0:
            raise EstimateError(
                "one-sample and mini-batch estimates need a data-defined surface; "
                "on analytic surfaces use noise (--noise SIGMA)"
            )

    def draw(self, loss: Loss, shape: tuple[int, int], rng: np.random.Generator) -> Array | None:
        """The random part of one update for points of that shape (N, d): the noise ξ (N, d), or
        the examples each point uses (N, m); None when the estimate is the full gradient."""
        if self.kind == "full" or (self.kind == "noise" and not self.sigma > 0):
            return None
        if self.kind == "noise":
            return rng.standard_normal(shape)
        n = loss.n_samples
        m = 1 if self.kind == "sample" else min(int(self.batch), n)
        if m >= n:
            return None
        if m == 1:
            return rng.integers(0, n, size=(shape[0], 1))
        return np.argpartition(rng.random((shape[0], n)), m - 1, axis=1)[:, :m]  # m distinct

    def apply(self, loss: Loss, p: Array, drawn: Array | None) -> Array:
        """The estimate at points p (N, d) given the rows of ``draw`` that belong to them."""
        if drawn is None:
            return loss.gradient(p)
        if self.kind == "noise":
            return loss.gradient(p) + self.sigma * drawn
        return loss.sample_gradient(p, drawn)

    def gradient(self, loss: Loss, p: Array, rng: np.random.Generator) -> Array:
        """The estimate at points p (N, d): each point draws its own samples / noise."""
        return self.apply(loss, p, self.draw(loss, p.shape, rng))
