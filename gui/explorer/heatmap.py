"""Surface values -> an RGBA heatmap with contour lines baked in (numpy only, no Qt).

Contours are drawn once per surface into the image itself (pixels where the contour band changes),
so a frame costs one cached image blit however many contour levels there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from gui.i18n.numbers import num
from gui.theme import DARK, Theme, heatmap_lut

Array = NDArray[np.float64]
_N = 256  # colours of a theme's map; the table holds them twice (plain, then on a contour)


@cache
def _lut32(theme: Theme) -> NDArray[np.uint32]:
    """(2·_N,) RGBA pixels as uint32: the theme's colours, then the same blended with its
    contour colour for contour pixels."""
    lut = heatmap_lut(_N, theme).astype(np.float64)
    a = theme.contour_alpha
    line = lut * (1 - a) + np.array(theme.contour_rgb) * a
    out = np.full((2 * _N, 4), 255, dtype=np.uint8)
    out[:_N, :3] = np.round(lut)
    out[_N:, :3] = np.round(line)
    return out.view(np.uint32).ravel()


@dataclass(frozen=True)
class Heatmap:
    """The image and the mapping between f values and colour positions in [0, 1]."""

    rgba: NDArray[np.uint8]  # (ny, nx, 4), row j is y index j (row-major)
    log: bool
    lo: float  # display-scale value at colour 0
    hi: float  # display-scale value at colour 1
    zmin: float
    delta: float  # log scale shows log10(f − zmin + delta)

    def display(self, v: Array | float) -> Array:
        v = np.asarray(v, dtype=np.float64)
        if self.log:
            with np.errstate(all="ignore"):
                return np.log10(np.maximum(v - self.zmin, 0.0) + self.delta)
        return v

    def position(self, v: Array | float) -> Array:
        """Colour-bar position in [0, 1] of f values v."""
        return (self.display(v) - self.lo) / (self.hi - self.lo)

    def ticks(self, n: int = 6) -> list[tuple[float, str]]:
        """(position, label) pairs at round f values for the colour bar."""
        if self.log:
            # Round f values about one per decade of f − f_min, at least 6 % of the bar apart.
            top = self.zmin + 10**self.hi - self.delta
            cands = [self.zmin]
            for k in range(int(np.floor(self.lo)), int(np.ceil(self.hi)) + 1):
                v = float(f"{self.zmin + 10.0**k:.2g}")
                if self.zmin < v <= top:
                    cands.append(v)
            vals, last = [], -1.0
            for v in cands:
                p = float(self.position(v))
                if p - last >= 0.06:
                    vals.append(v)
                    last = p
            if len(vals) > n:
                vals = [vals[0], *vals[1:][:: int(np.ceil((len(vals) - 1) / (n - 1)))]]
        else:
            vals = list(_nice_ticks(self.lo, self.hi, n))
        out = []
        for v in vals:
            p = float(self.position(v))
            if -1e-9 <= p <= 1 + 1e-9:
                out.append((p, tick_label(v)))
        return out


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def tick_label(v: float, digits: int = 3) -> str:
    """`digits` significant digits; powers of ten as 10⁶ or 2.5×10⁶ instead of 1e+06 / 2.5e+06
    (one digit fewer then, to fit the narrow colour bar)."""
    text = num(v + 0.0, f".{digits}g")  # + 0.0: no "-0"
    if "e" not in text:
        return text
    mantissa, exponent = num(v, f".{digits - 1}g").split("e")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    if mantissa in ("1", "-1"):
        return power if mantissa == "1" else "−" + power
    return f"{mantissa.replace('-', '−')}×{power}"


def _nice_ticks(lo: float, hi: float, n: int) -> Array:
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10 ** np.floor(np.log10(raw)) if raw > 0 else 1.0
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    return np.arange(np.ceil(lo / step) * step, hi + step * 1e-9, step)


def _sample(z: Array) -> Array:
    """About 128×128 of the values: enough for a median or a quantile, and much cheaper."""
    k = max(1, min(z.shape) // 128)
    return z[::k, ::k]


def wants_log(z: Array) -> bool:
    """A log scale helps when most of the domain is squeezed near the minimum by a few peaks."""
    f = _sample(z)
    f = f[np.isfinite(f)]
    if f.size == 0:
        return False
    lo, hi = float(f.min()), float(f.max())
    if hi <= lo:
        return False
    return float(np.median(f) - lo) / (hi - lo) < 0.06


def grid_values(surface: object, n: int, domain: tuple[float, ...] | None = None) -> Array:
    """f on an n×n grid over domain (default the surface's), Z[j, i] = f(x_i, y_j) (as
    Surface.grid), with the grid points cached per domain so a redraw allocates only the values."""
    domain = tuple(domain if domain is not None else surface.domain)
    key = (domain, n)
    pts = _GRID_CACHE.get(key)
    if pts is None:
        x0, x1, y0, y1 = domain
        pts = np.empty((n, n, 2))
        pts[..., 0] = np.linspace(x0, x1, n)[None, :]
        pts[..., 1] = np.linspace(y0, y1, n)[:, None]
        _GRID_CACHE.clear()  # one domain at a time is all a redraw needs
        _GRID_CACHE[key] = pts
    with np.errstate(all="ignore"):
        return np.asarray(surface.value(pts), dtype=np.float64)


_GRID_CACHE: dict[tuple, Array] = {}


def render(z: Array, log: bool, n_levels: int = 16, theme: Theme = DARK) -> Heatmap:
    """Colour z (ny, nx) with the theme's colour map, contour bands every 1/n_levels of the
    colour range."""
    finite = np.isfinite(z)
    all_finite = bool(finite.all())
    f = z if all_finite else z[finite]
    zmin = float(f.min()) if f.size else 0.0
    zmax = float(f.max()) if f.size else 1.0
    # Colours need no more than float32: half the memory traffic of the steps below.
    with np.errstate(all="ignore"):
        z32 = (z - zmin).astype(np.float32)
    if log:
        delta = max((zmax - zmin) * 1e-5, 1e-12)
        with np.errstate(all="ignore"):
            np.maximum(z32, 0.0, out=z32)
            z32 += np.float32(delta)
            d = np.log10(z32, out=z32)
        lo, hi = float(np.log10(delta)), float(np.log10(zmax - zmin + delta))
    else:
        delta = 0.0
        d = z32
        lo = 0.0
        # Clip the top 0.5 % so one tall spike does not wash the whole map into one colour.
        sub = _sample(z)
        sub = sub[np.isfinite(sub)]
        hi = float(np.quantile(sub, 0.995)) - zmin if sub.size else 1.0
    if not hi > lo:
        hi = lo + 1.0
    with np.errstate(all="ignore"):
        d -= np.float32(lo)
        d *= np.float32(1.0 / (hi - lo))
        u = d
    if not all_finite:
        u[~finite] = 1.0
    np.clip(u, 0.0, 1.0, out=u)
    idx = (u * np.float32(_N - 1)).astype(np.intp)
    u *= np.float32(n_levels)
    band = u.astype(np.int16)
    np.minimum(band, n_levels - 1, out=band)
    # A pixel is on a contour where its band differs from its right or lower neighbour.
    edge = np.zeros(band.shape, dtype=bool)
    np.not_equal(band[:, 1:], band[:, :-1], out=edge[:, 1:])
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    idx += edge * _N
    # Gather whole RGBA pixels as uint32 with np.take: ~10× faster than fancy-indexing rows.
    rgba = np.take(_lut32(theme), idx).view(np.uint8).reshape(*z.shape, 4)
    if not log:
        lo, hi = lo + zmin, hi + zmin  # back to f units for the colour bar
    return Heatmap(rgba, log, lo, hi, zmin, delta)
