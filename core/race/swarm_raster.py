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


class SwarmRaster:
    """The frame: ``argb`` (h, w) packed pixels (see ``pack``), row 0 at the bottom of the view
    (y0), transparent where no particle is."""

    def __init__(self) -> None:
        self._flat = np.zeros(2, dtype=np.uint32)
        self.argb = self._flat[:1].reshape(1, 1)
        self._tmp = np.zeros(1, dtype=np.uint32)
        self._key: tuple | None = None

    def draw(self, layers: list[tuple[Array, NDArray[np.uint32]]], view: Area,
             size: tuple[int, int], fade: float = 0.0, dot: int = 1,
             mix: bool = True) -> NDArray[np.uint32]:  # fmt: skip
        """Draw each layer's points (N, 2) with its packed colour (one, or one per point), each a
        ``dot``×``dot`` (1 or 2) square of cells. ``mix``: the layers' points are drawn in one
        fixed shuffled order, so where racers pile up on the same cells (the same starts often
        end in the same minimum) each shows on some of them; else later layers cover earlier
        ones. ``fade`` in [0, 1): how much of the last frame stays (0: none); a new view or size
        starts afresh."""
        w, h = (int(np.clip(v, 1, MAX_CELLS)) for v in size)
        key = (tuple(map(float, view)), w, h)
        if key != self._key:
            self._flat = np.zeros(h * w + 1, dtype=np.uint32)  # the last cell takes what is outside
            self.argb = self._flat[: h * w].reshape(h, w)
            self._tmp = np.zeros(h * w, dtype=np.uint32)
        elif fade <= 0:
            self.argb.fill(0)
        else:
            self._fade(np.uint32(round(256 * min(fade, 0.99))))
        cells, colours = [], []
        for xy, colour in layers:
            for c in self._cells(xy, view, w, h, dot):
                cells.append(c)
                colours.append(np.broadcast_to(colour, c.shape))
        if cells:
            cell, colour = np.concatenate(cells), np.concatenate(colours)
            if mix and len(layers) > 1:
                order = _shuffle(len(cell))
                cell, colour = cell[order], colour[order]
            self._flat[cell] = colour
            self._flat[-1] = 0
        self._key = key
        return self.argb

    @staticmethod
    def _cells(xy: Array, view: Area, w: int, h: int, dot: int) -> list[NDArray[np.intp]]:
        """Flat cell index of each point (the spare last cell for points outside), and with a
        2-cell dot also of the cells right, above and diagonal of it."""
        x0, x1, y0, y1 = view
        with np.errstate(invalid="ignore", over="ignore"):
            fx = (xy[:, 0] - x0) * (w / (x1 - x0))
            fy = (xy[:, 1] - y0) * (h / (y1 - y0))
            inside = (fx >= 0) & (fx < w) & (fy >= 0) & (fy < h)
            ix, iy = fx.astype(np.intp), fy.astype(np.intp)  # outside (NaN too): replaced below
        cell = iy * w + ix
        if not inside.all():
            cell[~inside] = w * h
        if dot < 2:
            return [cell]
        right, up = inside & (ix + 1 < w), inside & (iy + 1 < h)
        return [cell, np.where(right, cell + 1, w * h), np.where(up, cell + w, w * h),
                np.where(right & up, cell + w + 1, w * h)]  # fmt: skip

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
