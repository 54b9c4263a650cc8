"""Speed of user formulas: parsing + symbolic derivatives, a 512×512 value grid, gradients, Hessians."""

from __future__ import annotations

import numpy as np

from benchmarks.timing import best_seconds
from surfaces.formula import FormulaSurface

TYPICAL = "x**2 - y**2 + 0.1*sin(5*x) + 0.5*exp(-((x - 1)**2 + (y + 1)**2))"
HARD = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2 + log1p(sigmoid(x*y))"


def _reference_grid(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The same typical formula written by hand in numpy: the speed to aim for."""
    x, y = np.meshgrid(xs, ys)
    return x**2 - y**2 + 0.1 * np.sin(5 * x) + 0.5 * np.exp(-((x - 1) ** 2 + (y + 1) ** 2))


def run() -> dict[str, float]:
    s = FormulaSurface(TYPICAL)
    xs = np.linspace(-3, 3, 512)
    grid = np.stack(np.meshgrid(xs, xs), axis=-1)
    pts = np.random.default_rng(0).uniform(-3, 3, (65_536, 2))
    hard = FormulaSurface(HARD)
    return {
        "parse_and_derive_typical_ms": 1e3 * best_seconds(lambda: FormulaSurface(TYPICAL), 20),
        "parse_and_derive_beale_ms": 1e3 * best_seconds(lambda: FormulaSurface(HARD), 20),
        "parse_and_grid_512x512_ms": 1e3
        * best_seconds(lambda: FormulaSurface(TYPICAL).grid(512), 5),
        "grid_512x512_handwritten_numpy_ms": 1e3 * best_seconds(lambda: _reference_grid(xs, xs), 5),
        "value_512x512_ms": 1e3 * best_seconds(lambda: s.value(grid), 5),
        "gradient_65536_ms": 1e3 * best_seconds(lambda: s.gradient(pts), 5),
        "hessian_65536_ms": 1e3 * best_seconds(lambda: s.hessian(pts), 5),
        "gradient_65536_beale_ms": 1e3 * best_seconds(lambda: hard.gradient(pts), 5),
        "gradient_1_point_us": 1e6 * best_seconds(lambda: s.gradient(pts[0]), 50),
    }
