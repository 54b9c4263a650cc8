"""The Surface interface: a 2-D loss f(x, y) with exact derivatives, vectorized over (..., 2)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from surfaces.errors import UserError

Array = NDArray[np.float64]
Kind = Literal["minimum", "maximum", "saddle", "degenerate"]
Domain = tuple[float, float, float, float]  # xmin, xmax, ymin, ymax


class SurfaceError(UserError):
    """Bad surface input (unknown name, malformed file, bad formula); the message is user-facing."""


@dataclass(frozen=True)
class CriticalPoint:
    """A point where the gradient vanishes, classified by the Hessian's eigenvalues."""

    x: float
    y: float
    value: float
    kind: Kind
    eigenvalues: tuple[float, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "x": self.x,
            "y": self.y,
            "value": self.value,
            "kind": self.kind,
            "eigenvalues": list(self.eigenvalues),
        }


@dataclass
class Surface(ABC):
    """A loss surface. Subclasses implement value/gradient/hessian on arrays of shape (..., 2).

    Data-defined surfaces (``n_samples > 0``) also give per-sample gradients so that SGD and
    mini-batch estimates sample real examples.
    """

    name: str
    title: str = ""
    description: str = ""
    group: str = "Classic test functions"
    domain: Domain = (-5.0, 5.0, -5.0, 5.0)
    known_critical: tuple[CriticalPoint, ...] = field(default=(), repr=False)
    axis_labels: tuple[str, str] = ("x", "y")  # what the two coordinates are (weights of a model)

    @abstractmethod
    def value(self, p: Array) -> Array:
        """f at points p of shape (..., 2); returns shape (...)."""

    @abstractmethod
    def gradient(self, p: Array) -> Array:
        """∇f at points p of shape (..., 2); returns shape (..., 2)."""

    @abstractmethod
    def hessian(self, p: Array) -> Array:
        """Hessian at points p of shape (..., 2); returns shape (..., 2, 2)."""

    # --- data-defined surfaces -----------------------------------------------------------------
    @property
    def n_samples(self) -> int:
        """Number of training examples behind the loss (0 for analytic surfaces)."""
        return 0

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array:
        """Mean gradient over the examples idx[i] (shape (N, m)) at each point p[i] (shape (N, 2))."""
        raise SurfaceError(f"surface '{self.name}' is not built from data")

    # --- helpers -------------------------------------------------------------------------------
    @property
    def global_min_value(self) -> float | None:
        """The lowest known minimum value, if minima are known."""
        mins = [c.value for c in self.known_critical if c.kind == "minimum"]
        return min(mins) if mins else None

    def grid(self, n: int = 256, domain: Domain | None = None) -> tuple[Array, Array, Array]:
        """Values on an n×n grid over the domain: returns (xs, ys, Z) with Z[j, i] = f(xs[i], ys[j])."""
        x0, x1, y0, y1 = domain or self.domain
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        pts = np.stack(np.meshgrid(xs, ys), axis=-1)
        with np.errstate(all="ignore"):
            z = self.value(pts)
        return xs, ys, z


def as_points(p: Array | list[float] | tuple[float, float]) -> Array:
    """Coerce input to a float64 array whose last axis has length 2."""
    a = np.asarray(p, dtype=np.float64)
    if a.shape[-1] != 2:
        raise ValueError(f"points must have a last axis of length 2, got shape {a.shape}")
    return a


def classify_hessian(h: Array, tol: float = 1e-8) -> tuple[Kind, tuple[float, ...]]:
    """Kind of a critical point from its 2×2 Hessian (eigenvalues ascending)."""
    ev = np.linalg.eigvalsh(np.asarray(h, dtype=np.float64))
    scale = max(1.0, float(np.max(np.abs(ev))))
    lo, hi = float(ev[0]), float(ev[-1])
    t = tol * scale
    kind: Kind
    if abs(lo) <= t or abs(hi) <= t:
        kind = "degenerate"
    elif lo > 0:
        kind = "minimum"
    elif hi < 0:
        kind = "maximum"
    else:
        kind = "saddle"
    return kind, (lo, hi)
