"""Showcase surfaces that stage one lesson of the lecture each (named in surfaces.registry).

local_vs_global: plain GD settles in a shallow local minimum while a deeper one waits behind a ridge;
plateau: a flat plain where GD crawls and Adam strides; ellipse: an ill-conditioned bowl for
momentum; saddle_two_minima: a saddle on the way to two minima, where GD stalls.
"""

from __future__ import annotations

import numpy as np

from surfaces.analytic import AnalyticSurface, refine_critical
from surfaces.base import Array
from surfaces.i18n import QT_TRANSLATE_NOOP

TILT = 0.3  # makes the left minimum the global one
BEND = 0.3  # the valley floor is the parabola y = BEND·x²


def local_vs_global() -> AnalyticSurface:
    """A tilted double well along a bent valley: f = x⁴/4 − x² + 0.3x + (y − 0.3x²)²."""

    def f(x: Array, y: Array) -> Array:
        return x**4 / 4 - x * x + TILT * x + (y - BEND * x * x) ** 2

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        r = y - BEND * x * x
        return x**3 - 2 * x + TILT - 4 * BEND * x * r, 2 * r

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        r = y - BEND * x * x
        hxx = 3 * x * x - 2 - 4 * BEND * r + 8 * BEND * BEND * x * x
        return hxx, -4 * BEND * x, np.full_like(x, 2.0)

    s = AnalyticSurface(
        "local_vs_global",
        QT_TRANSLATE_NOOP("Surface", "Local vs global minimum"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "Two minima: from the start at the lower right, plain GD settles in the shallow "
            "local one (−0.59); momentum carries over the ridge into the deep global one "
            "(−1.43).",
        ),
        QT_TRANSLATE_NOOP("Surface", "Local minima"),
        (-2.5, 2.5, -1.5, 2.5),
        f=f,
        df=df,
        d2f=d2f,
    )
    # ∂f/∂y = 0 puts every critical point on y = 0.3x², where x³ − 2x + 0.3 = 0.
    roots = np.roots([1.0, 0.0, -2.0, TILT]).real
    s.known_critical = refine_critical(s, [(r, BEND * r * r) for r in sorted(roots)])
    return s


PLATEAU_CENTRE = (1.0, 0.5)
PLATEAU_WIDTH = 0.6


def plateau() -> AnalyticSurface:
    """A well in a flat plain: f = r²/(r² + s²), r the distance to the centre; ∇f ~ 2s²/r³ far out."""
    cx, cy = PLATEAU_CENTRE
    s2 = PLATEAU_WIDTH**2

    def f(x: Array, y: Array) -> Array:
        r2 = (x - cx) ** 2 + (y - cy) ** 2
        return r2 / (r2 + s2)

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        dx, dy = x - cx, y - cy
        k = 2 * s2 / (dx * dx + dy * dy + s2) ** 2
        return k * dx, k * dy

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        dx, dy = x - cx, y - cy
        q = dx * dx + dy * dy + s2
        k = 2 * s2 / q**2
        m = -8 * s2 / q**3  # ∂k/∂x = m·dx
        return k + m * dx * dx, m * dx * dy, k + m * dy * dy

    s = AnalyticSurface(
        "plateau",
        QT_TRANSLATE_NOOP("Surface", "Plateau with a well"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "A nearly flat plain around one narrow well: GD's steps shrink with the tiny gradient "
            "and it crawls; Adam divides by the gradient's size and walks straight in.",
        ),
        QT_TRANSLATE_NOOP("Surface", "Plateaus & valleys"),
        (-4.0, 4.0, -4.0, 4.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(s, [PLATEAU_CENTRE])
    return s


ELLIPSE_CURV = (0.05, 5.0)  # Hessian eigenvalues: condition number 100
ELLIPSE_ANGLE = np.pi / 6


def ellipse() -> AnalyticSurface:
    """f = ½(λ₁u² + λ₂v²) in axes (u, v) rotated by 30°: a long narrow valley, condition 100."""
    c, sn = np.cos(ELLIPSE_ANGLE), np.sin(ELLIPSE_ANGLE)
    l1, l2 = ELLIPSE_CURV
    # Hessian R·diag(λ)·Rᵀ with R's columns the u and v axes.
    hxx = l1 * c * c + l2 * sn * sn
    hxy = (l1 - l2) * c * sn
    hyy = l1 * sn * sn + l2 * c * c

    s = AnalyticSurface(
        "ellipse",
        QT_TRANSLATE_NOOP("Surface", "Ill-conditioned ellipse"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "A quadratic bowl 100 times steeper across than along: GD's η must stay under 2/5 for "
            "the steep side (near it GD zig-zags across), so it creeps along the floor; momentum "
            "builds speed there.",
        ),
        QT_TRANSLATE_NOOP("Surface", "Plateaus & valleys"),
        (-3.0, 3.0, -3.0, 3.0),
        f=lambda x, y: 0.5 * (hxx * x * x + 2 * hxy * x * y + hyy * y * y),
        df=lambda x, y: (hxx * x + hxy * y, hxy * x + hyy * y),
        d2f=lambda x, y: (np.full_like(x, hxx), np.full_like(x, hxy), np.full_like(x, hyy)),
    )
    s.known_critical = refine_critical(s, [(0.0, 0.0)])
    return s


def saddle_two_minima() -> AnalyticSurface:
    """f = (x² − 1)²/2 + y²: the pass at (0, 0) between minima at (±1, 0)."""
    s = AnalyticSurface(
        "saddle_two_minima",
        QT_TRANSLATE_NOOP("Surface", "Saddle between two minima"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "A mountain pass between two valleys: GD started on the ridge line (x = 0, as here) slides "
            "into the saddle and stays; a little noise or a start off the line picks a valley. "
            "Ctrl+click starts exactly on a line.",
        ),
        QT_TRANSLATE_NOOP("Surface", "Saddles"),
        (-2.0, 2.0, -2.0, 2.0),
        f=lambda x, y: 0.5 * (x * x - 1) ** 2 + y * y,
        df=lambda x, y: (2 * x * (x * x - 1), 2 * y),
        d2f=lambda x, y: (6 * x * x - 2, np.zeros_like(x), np.full_like(x, 2.0)),
    )
    s.known_critical = refine_critical(s, [(-1.0, 0.0), (0.0, 0.0), (1.0, 0.0)])
    return s


SHOWCASES = {
    "local_vs_global": local_vs_global,
    "plateau": plateau,
    "ellipse": ellipse,
    "saddle_two_minima": saddle_two_minima,
}
