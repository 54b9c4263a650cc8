"""A swarm drawn as one image: every particle sets one cell of a raster over the view (packed
premultiplied ARGB, as Qt paints it), so drawing costs the same few array operations however many
particles there are (a view shows the raster as a single image item). With ``fade`` the previous
frame is dimmed rather than cleared, which leaves a short fading tail behind each particle at no
memory cost beyond the raster itself.
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import NDArray

from core.analysis.basin_image import KIND_COLOURS, PALETTE

Array = NDArray[np.float64]
Area = tuple[float, float, float, float]
MAX_CELLS = 1024  # cells per side at most


def pack(rgb: tuple[int, int, int] | NDArray[np.uint8], alpha: int = 255) -> np.uint32:
    """One pixel as the raster stores it: premultiplied ARGB in a uint32 (0xAARRGGBB, what Qt's
    ARGB32_Premultiplied images hold, so a view paints the raster without converting it)."""
    r, g, b = (int(v) * alpha // 255 for v in rgb)
    return np.uint32(alpha << 24 | r << 16 | g << 8 | b)


def unpack(argb: NDArray[np.uint32]) -> NDArray[np.uint8]:
    """(..., 4) bytes R, G, B, A (premultiplied) of packed pixels."""
    shifts = np.array([16, 8, 0, 24], dtype=np.uint32)
    return ((argb[..., None] >> shifts) & np.uint32(0xFF)).astype(np.uint8)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as integers."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def attractor_lut(k: int) -> NDArray[np.uint32]:
    """Packed colours of the first k minima (the basin map's palette, cycled); one more entry,
    grey, for particles with no minimum to head to."""
    cols = [pack(PALETTE[i % len(PALETTE)]) for i in range(k)]
    return np.array([*cols, pack(KIND_COLOURS["saddle"])], dtype=np.uint32)


def nearest_index(w: Array, points: Array) -> NDArray[np.intp]:
    """Index of the nearest of points (K, 2) to each row of w; K (the extra entry) when K = 0."""
    best = np.full(len(w), np.inf)
    arg = np.full(len(w), len(points), dtype=np.intp)
    with np.errstate(invalid="ignore", over="ignore"):
        for j, (px, py) in enumerate(points):
            d = (w[:, 0] - px) ** 2 + (w[:, 1] - py) ** 2
            closer = d < best
            best[closer] = d[closer]
            arg[closer] = j
    return arg


@functools.lru_cache(maxsize=4)
def _shuffle(n: int) -> NDArray[np.intp]:
    return np.random.default_rng(0).permutation(n)


def interleave(
    layers: list[tuple[Array, NDArray[np.uint32]]],
) -> list[tuple[Array, NDArray[np.uint32]]]:
    """Layers merged into one in a fixed shuffled order, so where racers' particles pile up on
    the same cells (the same starts often end in the same minimum) each racer shows on some of
    them instead of the last one drawn covering the others."""
    if len(layers) < 2:
        return layers
    xy = np.concatenate([p for p, _ in layers])
    colours = np.concatenate([np.broadcast_to(c, (len(p),)) for p, c in layers])
    order = _shuffle(len(xy))
    return [(xy[order], colours[order])]


class SwarmRaster:
    """The frame: ``argb`` (h, w) packed pixels (see ``pack``), row 0 at the bottom of the view
    (y0), transparent where no particle is."""

    def __init__(self) -> None:
        self.argb = np.zeros((1, 1), dtype=np.uint32)
        self._tmp = np.zeros(1, dtype=np.uint32)
        self._key: tuple | None = None

    def draw(self, layers: list[tuple[Array, NDArray[np.uint32]]], view: Area,
             size: tuple[int, int], fade: float = 0.0,
             dot: int = 1) -> NDArray[np.uint32]:  # fmt: skip
        """Draw each layer's points (N, 2) with its packed colour (one, or one per point), later
        layers over earlier ones, each a ``dot``×``dot`` (1 or 2) square of cells. ``fade`` in
        [0, 1): how much of the last frame stays (0: none); a new view or size starts afresh."""
        w, h = (int(np.clip(v, 1, MAX_CELLS)) for v in size)
        key = (tuple(map(float, view)), w, h)
        if key != self._key:
            self.argb = np.zeros((h, w), dtype=np.uint32)
            self._tmp = np.zeros(h * w, dtype=np.uint32)
        elif fade <= 0:
            self.argb.fill(0)
        else:
            self._fade(np.uint32(round(256 * min(fade, 0.99))))
        flat = self.argb.reshape(-1)
        x0, x1, y0, y1 = view
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        for xy, colour in layers:
            with np.errstate(invalid="ignore", over="ignore"):
                fx = (xy[:, 0] - x0) * sx
                fy = (xy[:, 1] - y0) * sy
                inside = (fx >= 0) & (fx < w) & (fy >= 0) & (fy < h)
            if not inside.all():
                fx, fy = fx[inside], fy[inside]
                if colour.ndim:
                    colour = colour[inside]
            ix, iy = fx.astype(np.intp), fy.astype(np.intp)
            cell = iy * w + ix
            flat[cell] = colour
            if dot > 1:  # a 2×2 dot: the cells right, above and diagonal too (clipped at edges)
                right, up = ix + 1 < w, iy + 1 < h
                flat[cell[right] + 1] = colour[right] if colour.ndim else colour
                flat[cell[up] + w] = colour[up] if colour.ndim else colour
                both = right & up
                flat[cell[both] + w + 1] = colour[both] if colour.ndim else colour
        self._key = key
        return self.argb

    def _fade(self, f: np.uint32) -> None:
        """Every channel (premultiplied: colour and alpha alike) × f/256, two channels per
        multiplication, in place."""
        p, t = self.argb.reshape(-1), self._tmp
        np.right_shift(p, 8, out=t)
        np.bitwise_and(t, np.uint32(0x00FF00FF), out=t)  # A and G, in 16-bit lanes
        np.multiply(t, f, out=t)
        np.bitwise_and(t, np.uint32(0xFF00FF00), out=t)  # their high bytes, back in place
        np.bitwise_and(p, np.uint32(0x00FF00FF), out=p)  # R and B
        np.multiply(p, f, out=p)
        np.right_shift(p, 8, out=p)
        np.bitwise_and(p, np.uint32(0x00FF00FF), out=p)
        np.bitwise_or(p, t, out=p)

    @property
    def drawn(self) -> int:
        """Cells showing a particle now or a fading tail."""
        return int(np.count_nonzero(self.argb))
