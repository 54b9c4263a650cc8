"""Geometry for the 3D view, numpy only: the surface and the trails in scene units.

The domain is centred and scaled to SIDE units across its longer side; heights follow the
heatmap's colour position (linear or log, clipped like the colours), so a colour and a height
always mean the same value, and a surface with a huge range stays readable in log mode.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from gui.explorer.heatmap import Heatmap, render
from gui.theme import heatmap_lut

Array = NDArray[np.float64]
SIDE = 10.0  # scene units across the domain's longer side
LIFT = 0.06  # trails float this far above the surface (scene units) so it does not hide them
MAX_TRAIL = 3000  # points per trail sent to the GPU (older points thinned evenly)


@dataclass(frozen=True)
class SceneMap:
    """Data (x, y, f) -> scene (X, Y, Z) for one surface, colour scale and height."""

    domain: tuple[float, float, float, float]
    heatmap: Heatmap
    height: float  # scene units of the full colour range

    @property
    def scale(self) -> float:
        x0, x1, y0, y1 = self.domain
        return SIDE / max(x1 - x0, y1 - y0)

    def xy(self, x: Array, y: Array) -> tuple[Array, Array]:
        x0, x1, y0, y1 = self.domain
        s = self.scale
        return (np.asarray(x) - (x0 + x1) / 2) * s, (np.asarray(y) - (y0 + y1) / 2) * s

    def z(self, f: Array) -> Array:
        with np.errstate(all="ignore"):
            u = np.asarray(self.heatmap.position(f), dtype=np.float64)
        u = np.where(np.isnan(u), 1.0, u)
        return np.clip(u, 0.0, 1.0) * self.height


def surface_mesh(
    xs: Array, ys: Array, z: Array, log: bool, height: float
) -> tuple[SceneMap, Array, Array, Array, NDArray[np.float32]]:
    """(map, X (nx,), Y (ny,), Z (nx, ny), colours (nx, ny, 4) in [0, 1]) for GLSurfacePlotItem,
    from a grid z[j, i] = f(xs[i], ys[j]) (surfaces' grid())."""
    heat = render(z, log)
    m = SceneMap((float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1])), heat, height)
    X, Y = m.xy(xs, ys)
    Z = m.z(z).T
    # Plain heatmap colours per vertex (the 2D image's baked contours would alias on a mesh).
    idx = (np.clip(np.nan_to_num(m.z(z) / height, nan=1.0), 0, 1) * 255).astype(np.intp)
    colours = heatmap_lut()[idx.T].astype(np.float32) / 255.0
    colours = np.concatenate([colours, np.ones((*colours.shape[:2], 1), np.float32)], axis=2)
    return m, X, Y, Z, colours


def thin(xy: Array, limit: int = MAX_TRAIL) -> Array:
    """At most limit points of a trail, evenly spaced, always keeping the first and the last."""
    n = len(xy)
    if n <= limit:
        return xy
    idx = np.unique(np.linspace(0, n - 1, limit).round().astype(np.intp))
    return xy[idx]


def lifted(m: SceneMap, xy: Array, f: Array) -> Array:
    """(n, 3) scene points of a trail on the surface plus LIFT; non-finite points dropped."""
    X, Y = m.xy(xy[:, 0], xy[:, 1])
    pos = np.stack([X, Y, m.z(f) + LIFT], axis=1)
    ok = np.isfinite(pos).all(axis=1) & np.isfinite(f)
    return pos[ok]


def over_surface(m: SceneMap, pos: Array) -> NDArray[np.bool_]:
    """Which scene points (n, 3) lie above the drawn surface (inside the domain)."""
    x0, x1, y0, y1 = m.domain
    (ax, bx), (ay, by) = m.xy(np.array([x0, x1]), np.array([y0, y1]))
    return (pos[:, 0] >= ax) & (pos[:, 0] <= bx) & (pos[:, 1] >= ay) & (pos[:, 1] <= by)


def segments(m: SceneMap, pos: Array) -> Array:
    """(2k, 3) line pairs (GL "lines" mode) joining consecutive trail points that both lie over
    the surface: a run that leaves the domain (or diverges) is cut at its edge, not drawn off
    into space."""
    over = over_surface(m, pos)
    both = over[:-1] & over[1:]
    out = np.empty((2 * int(both.sum()), 3))
    out[0::2] = pos[:-1][both]
    out[1::2] = pos[1:][both]
    return out
