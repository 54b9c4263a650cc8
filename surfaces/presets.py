"""The classic test functions of REFERENCE.md §4 with hand-derived gradients and Hessians."""

from __future__ import annotations

import numpy as np

from surfaces.analytic import AnalyticSurface, refine_critical
from surfaces.base import Array, CriticalPoint, Surface, SurfaceError
from surfaces.i18n import QT_TRANSLATE_NOOP

TAU = 2.0 * np.pi


def _rosenbrock() -> AnalyticSurface:
    def f(x: Array, y: Array) -> Array:
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        r = y - x * x
        return -2 * (1 - x) - 400 * x * r, 200 * r

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        return 2 - 400 * y + 1200 * x * x, -400 * x, np.full_like(x, 200.0)

    s = AnalyticSurface(
        "rosenbrock",
        QT_TRANSLATE_NOOP("Surface", "Rosenbrock"),
        QT_TRANSLATE_NOOP(
            "Surface", "A long curved valley: easy to find, slow to follow. Minimum 0 at (1, 1)."
        ),
        QT_TRANSLATE_NOOP("Surface", "Classic test functions"),
        (-2.0, 2.0, -1.0, 3.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(s, [(1.0, 1.0)])
    return s


def _himmelblau() -> AnalyticSurface:
    def f(x: Array, y: Array) -> Array:
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        a = x * x + y - 11
        b = x + y * y - 7
        return 4 * x * a + 2 * b, 2 * a + 4 * y * b

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        return 12 * x * x + 4 * y - 42, 4 * (x + y), 4 * x + 12 * y * y - 26

    s = AnalyticSurface(
        "himmelblau",
        QT_TRANSLATE_NOOP("Surface", "Himmelblau"),
        QT_TRANSLATE_NOOP(
            "Surface", "Four equal minima around one maximum, with four saddles between them."
        ),
        QT_TRANSLATE_NOOP("Surface", "Classic test functions"),
        (-5.0, 5.0, -5.0, 5.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(
        s,
        [
            (3.0, 2.0),
            (-2.805118, 3.131312),
            (-3.779310, -3.283186),
            (3.584428, -1.848126),
            (-0.270845, -0.923039),
            (0.086677, 2.884254),
            (-3.073026, -0.081353),
            (3.385154, 0.073852),
            (-0.127961, -1.953715),
        ],
    )
    return s


def _beale() -> AnalyticSurface:
    cs = (1.5, 2.25, 2.625)

    def f(x: Array, y: Array) -> Array:
        return sum((c - x + x * y ** (k + 1)) ** 2 for k, c in enumerate(cs))

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        gx = 0.0
        gy = 0.0
        for k, c in enumerate(cs):
            n = k + 1
            t = c - x + x * y**n
            gx = gx + 2 * t * (y**n - 1)
            gy = gy + 2 * t * n * x * y ** (n - 1)
        return gx, gy

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        hxx = hxy = hyy = 0.0
        for k, c in enumerate(cs):
            n = k + 1
            t = c - x + x * y**n
            tx = y**n - 1
            ty = n * x * y ** (n - 1)
            txy = n * y ** (n - 1)
            tyy = n * (n - 1) * x * y ** (n - 2) if n >= 2 else 0.0 * x
            hxx = hxx + 2 * tx * tx
            hxy = hxy + 2 * (tx * ty + t * txy)
            hyy = hyy + 2 * (ty * ty + t * tyy)
        return hxx + 0.0 * x, hxy, hyy

    s = AnalyticSurface(
        "beale",
        QT_TRANSLATE_NOOP("Surface", "Beale"),
        QT_TRANSLATE_NOOP(
            "Surface", "Flat plateaus and sharp ridges around a minimum 0 at (3, 0.5)."
        ),
        QT_TRANSLATE_NOOP("Surface", "Classic test functions"),
        (-4.5, 4.5, -4.5, 4.5),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(s, [(3.0, 0.5), (0.0, 1.0), (0.1005, -2.6445)])
    return s


def _booth() -> AnalyticSurface:
    def f(x: Array, y: Array) -> Array:
        return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        u = x + 2 * y - 7
        v = 2 * x + y - 5
        return 2 * u + 4 * v, 4 * u + 2 * v

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        c = np.ones_like(x)
        return 10 * c, 8 * c, 10 * c

    s = AnalyticSurface(
        "booth",
        QT_TRANSLATE_NOOP("Surface", "Booth"),
        QT_TRANSLATE_NOOP("Surface", "A tilted quadratic bowl; minimum 0 at (1, 3)."),
        QT_TRANSLATE_NOOP("Surface", "Classic test functions"),
        (-10.0, 10.0, -10.0, 10.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(s, [(1.0, 3.0)])
    return s


def _rastrigin() -> AnalyticSurface:
    def f(x: Array, y: Array) -> Array:
        return 20 + x * x - 10 * np.cos(TAU * x) + y * y - 10 * np.cos(TAU * y)

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        return 2 * x + 10 * TAU * np.sin(TAU * x), 2 * y + 10 * TAU * np.sin(TAU * y)

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        k = 10 * TAU * TAU
        return 2 + k * np.cos(TAU * x), np.zeros_like(x), 2 + k * np.cos(TAU * y)

    s = AnalyticSurface(
        "rastrigin",
        QT_TRANSLATE_NOOP("Surface", "Rastrigin"),
        QT_TRANSLATE_NOOP(
            "Surface", "An egg-crate of local minima on a bowl; global minimum 0 at (0, 0)."
        ),
        QT_TRANSLATE_NOOP("Surface", "Local minima"),
        (-5.12, 5.12, -5.12, 5.12),
        f=f,
        df=df,
        d2f=d2f,
    )
    s.known_critical = refine_critical(s, [(0.0, 0.0)])
    return s


def _ackley() -> AnalyticSurface:
    # The first term has a cusp at the origin: there the gradient is taken as 0 (a subgradient)
    # and the Hessian of that term as 0.
    def f(x: Array, y: Array) -> Array:
        r = np.sqrt(0.5 * (x * x + y * y))
        c = 0.5 * (np.cos(TAU * x) + np.cos(TAU * y))
        return -20 * np.exp(-0.2 * r) - np.exp(c) + 20 + np.e

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        r = np.sqrt(0.5 * (x * x + y * y))
        safe = np.where(r > 0, r, 1.0)
        a = np.where(r > 0, 2 * np.exp(-0.2 * r) / safe, 0.0)
        ec = np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
        return a * x + np.pi * np.sin(TAU * x) * ec, a * y + np.pi * np.sin(TAU * y) * ec

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        r = np.sqrt(0.5 * (x * x + y * y))
        pos = r > 0
        s = np.where(pos, r, 1.0)
        e = 2 * np.exp(-0.2 * s)
        # d/dx of e*x/r with dr/dx = x/(2r)
        hxx_a = e * (1 / s - 0.1 * x * x / s**2 - x * x / (2 * s**3))
        hyy_a = e * (1 / s - 0.1 * y * y / s**2 - y * y / (2 * s**3))
        hxy_a = e * (-0.1 * x * y / s**2 - x * y / (2 * s**3))
        hxx_a, hxy_a, hyy_a = (np.where(pos, h, 0.0) for h in (hxx_a, hxy_a, hyy_a))
        ec = np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
        sx, sy = np.sin(TAU * x), np.sin(TAU * y)
        pi2 = np.pi * np.pi
        hxx = hxx_a + pi2 * ec * (2 * np.cos(TAU * x) - sx * sx)
        hyy = hyy_a + pi2 * ec * (2 * np.cos(TAU * y) - sy * sy)
        hxy = hxy_a - pi2 * sx * sy * ec
        return hxx, hxy, hyy

    s = AnalyticSurface(
        "ackley",
        QT_TRANSLATE_NOOP("Surface", "Ackley"),
        QT_TRANSLATE_NOOP(
            "Surface", "A nearly flat, bumpy plain with one deep funnel; minimum 0 at (0, 0)."
        ),
        QT_TRANSLATE_NOOP("Surface", "Local minima"),
        (-5.0, 5.0, -5.0, 5.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    # The origin is a non-smooth minimum: Newton polishing does not apply there.
    s.known_critical = (CriticalPoint(0.0, 0.0, 0.0, "minimum", ()),)
    return s


def _six_hump_camel() -> AnalyticSurface:
    def f(x: Array, y: Array) -> Array:
        x2 = x * x
        y2 = y * y
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        x2 = x * x
        return 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y * y * y

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        x2 = x * x
        return 8 - 25.2 * x2 + 10 * x2 * x2, np.ones_like(x), -8 + 48 * y * y

    s = AnalyticSurface(
        "six_hump_camel",
        QT_TRANSLATE_NOOP("Surface", "Six-hump camel"),
        QT_TRANSLATE_NOOP(
            "Surface", "Six minima (two global, -1.0316) with saddles and maxima between them."
        ),
        QT_TRANSLATE_NOOP("Surface", "Local minima"),
        (-2.0, 2.0, -1.0, 1.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    # All 15 in the domain (symmetric under (x, y) → (−x, −y)): 6 minima, 7 saddles, 2 maxima.
    half = [(0.0898, -0.7126), (1.7036, -0.7961), (1.6071, 0.5687), (1.1092, -0.7683),
            (1.6381, 0.2287), (1.2961, 0.6051), (1.2302, 0.1623)]  # fmt: skip
    guesses = [(0.0, 0.0)] + [q for x, y in half for q in ((x, y), (-x, -y))]
    s.known_critical = refine_critical(s, guesses)
    return s


def _goldstein_price() -> AnalyticSurface:
    # f = A·B, A = 1 + s²P, B = 30 + d²Q with s = x+y+1, d = 2x-3y (REFERENCE.md: "+48y").
    def parts(x: Array, y: Array):
        s = x + y + 1
        d = 2 * x - 3 * y
        p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
        q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
        px = -14 + 6 * x + 6 * y
        py = -14 + 6 * x + 6 * y
        qx = -32 + 24 * x - 36 * y
        qy = 48 - 36 * x + 54 * y
        a = 1 + s * s * p
        b = 30 + d * d * q
        ax = 2 * s * p + s * s * px
        ay = 2 * s * p + s * s * py
        bx = 4 * d * q + d * d * qx
        by = -6 * d * q + d * d * qy
        return s, d, p, q, px, py, qx, qy, a, b, ax, ay, bx, by

    def f(x: Array, y: Array) -> Array:
        *_, a, b, _ax, _ay, _bx, _by = parts(x, y)
        return a * b

    def df(x: Array, y: Array) -> tuple[Array, Array]:
        *_, a, b, ax, ay, bx, by = parts(x, y)
        return ax * b + a * bx, ay * b + a * by

    def d2f(x: Array, y: Array) -> tuple[Array, Array, Array]:
        s, d, p, q, px, py, qx, qy, a, b, ax, ay, bx, by = parts(x, y)
        axx = 2 * p + 4 * s * px + 6 * s * s
        axy = 2 * p + 2 * s * (px + py) + 6 * s * s
        ayy = 2 * p + 4 * s * py + 6 * s * s
        bxx = 8 * q + 8 * d * qx + 24 * d * d
        bxy = -12 * q + 4 * d * qy - 6 * d * qx - 36 * d * d
        byy = 18 * q - 12 * d * qy + 54 * d * d
        hxx = axx * b + 2 * ax * bx + a * bxx
        hxy = axy * b + ax * by + ay * bx + a * bxy
        hyy = ayy * b + 2 * ay * by + a * byy
        return hxx, hxy, hyy

    s = AnalyticSurface(
        "goldstein_price",
        QT_TRANSLATE_NOOP("Surface", "Goldstein–Price"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "Values spanning six orders of magnitude (use the log colour scale); minimum 3 at (0, -1).",
        ),
        QT_TRANSLATE_NOOP("Surface", "Classic test functions"),
        (-2.0, 2.0, -2.0, 2.0),
        f=f,
        df=df,
        d2f=d2f,
    )
    # The global minimum plus the local minima, saddles and maximum inside [−2, 2]².
    guesses = [(0.0, -1.0), (-0.6, -0.4), (1.8, 0.2), (1.2, 0.8), (-0.4, -0.6), (1.2, -0.2),
               (1.4, 0.6), (0.6, 0.4), (0.8, 0.2)]  # fmt: skip
    s.known_critical = refine_critical(s, guesses)
    return s


def _saddle() -> AnalyticSurface:
    s = AnalyticSurface(
        "saddle",
        QT_TRANSLATE_NOOP("Surface", "Saddle x² − y²"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "The textbook saddle at (0, 0): started on the x axis (y = 0, as here), plain GD slides "
            "in and stalls; the slightest y ≠ 0 grows and escapes. Ctrl+click starts exactly on a line.",
        ),
        QT_TRANSLATE_NOOP("Surface", "Saddles"),
        (-2.0, 2.0, -2.0, 2.0),
        f=lambda x, y: x * x - y * y,
        df=lambda x, y: (2 * x, -2 * y),
        d2f=lambda x, y: (np.full_like(x, 2.0), np.zeros_like(x), np.full_like(x, -2.0)),
    )
    s.known_critical = refine_critical(s, [(0.0, 0.0)])
    return s


def _monkey_saddle() -> AnalyticSurface:
    s = AnalyticSurface(
        "monkey_saddle",
        QT_TRANSLATE_NOOP("Surface", "Monkey saddle x³ − 3xy²"),
        QT_TRANSLATE_NOOP(
            "Surface",
            "A degenerate critical point: three valleys meet at (0, 0), the Hessian vanishes there.",
        ),
        QT_TRANSLATE_NOOP("Surface", "Saddles"),
        (-2.0, 2.0, -2.0, 2.0),
        f=lambda x, y: x**3 - 3 * x * y * y,
        df=lambda x, y: (3 * x * x - 3 * y * y, -6 * x * y),
        d2f=lambda x, y: (6 * x, -6 * y, -6 * x),
    )
    s.known_critical = (CriticalPoint(0.0, 0.0, 0.0, "degenerate", (0.0, 0.0)),)
    return s


_FACTORIES = {
    "rosenbrock": _rosenbrock,
    "himmelblau": _himmelblau,
    "beale": _beale,
    "booth": _booth,
    "rastrigin": _rastrigin,
    "ackley": _ackley,
    "six_hump_camel": _six_hump_camel,
    "goldstein_price": _goldstein_price,
    "saddle": _saddle,
    "monkey_saddle": _monkey_saddle,
}


def preset_names() -> list[str]:
    """Names of the built-in analytic presets, in menu order."""
    return list(_FACTORIES)


def get_preset(name: str) -> Surface:
    """A fresh instance of the named preset; unknown names raise SurfaceError listing valid ones."""
    try:
        return _FACTORIES[name]()
    except KeyError:
        raise SurfaceError(
            f"unknown surface '{name}'; choose one of: {', '.join(_FACTORIES)}"
        ) from None
