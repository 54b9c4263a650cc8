"""Surfaces given by closed-form f, ∇f and Hessian written as functions of x and y arrays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from surfaces.base import Array, CriticalPoint, Surface, classify_hessian

Scalar2 = Callable[[Array, Array], Array]
Grad2 = Callable[[Array, Array], tuple[Array, Array]]
Hess2 = Callable[[Array, Array], tuple[Array, Array, Array]]  # (fxx, fxy, fyy)


@dataclass
class AnalyticSurface(Surface):
    """A surface from three functions of (x, y) arrays: f, (fx, fy) and (fxx, fxy, fyy)."""

    f: Scalar2 | None = field(default=None, repr=False)
    df: Grad2 | None = field(default=None, repr=False)
    d2f: Hess2 | None = field(default=None, repr=False)

    def value(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray(self.f(p[..., 0], p[..., 1]), dtype=np.float64)

    def gradient(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            gx, gy = self.df(p[..., 0], p[..., 1])
        out = np.empty_like(p)  # the points' memory layout: x and y stay contiguous if they were
        out[..., 0] = gx
        out[..., 1] = gy
        return out

    def hessian(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            hxx, hxy, hyy = self.d2f(p[..., 0], p[..., 1])
        out = np.empty((*p.shape[:-1], 2, 2), dtype=np.float64)
        out[..., 0, 0] = hxx
        out[..., 0, 1] = hxy
        out[..., 1, 0] = hxy
        out[..., 1, 1] = hyy
        return out


def refine_critical(
    surface: Surface, guesses: list[tuple[float, float]]
) -> tuple[CriticalPoint, ...]:
    """Polish approximate critical points with Newton's method on ∇f = 0 and classify them."""
    out = []
    for gx, gy in guesses:
        p = np.array([gx, gy], dtype=np.float64)
        for _ in range(50):
            g = surface.gradient(p)
            h = surface.hessian(p)
            try:
                d = np.linalg.solve(h, g)
            except np.linalg.LinAlgError:
                break
            p = p - d
            if float(np.hypot(*d)) < 1e-15:
                break
        kind, ev = classify_hessian(surface.hessian(p))
        out.append(CriticalPoint(float(p[0]), float(p[1]), float(surface.value(p)), kind, ev))
    return tuple(out)
