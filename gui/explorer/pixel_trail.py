"""PixelTrail: a display copy of a trail with consecutive points in the same pixel merged
(numpy only). Converging runs pile thousands of points into a few pixels; drawing them all costs
time and shows nothing, so each tick only appends the new points that reach a new pixel."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class PixelTrail:
    """Kept points in x, y (first n valid). Rebuilt when the source or the pixel size changes."""

    def __init__(self, capacity: int = 1024) -> None:
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.n = 0
        self._token: object = None
        self._cell: tuple[float, float] | None = None
        self._src = 0  # source points consumed
        self._last_q = np.zeros(2, dtype=np.int64)

    def head(self) -> tuple[int, float, float] | None:
        """(n, x, y) of the newest kept point: changes whenever the drawing must."""
        if self.n == 0:
            return None
        return self.n, float(self.x[self.n - 1]), float(self.y[self.n - 1])

    def drawn(self, cap: int) -> tuple[Array, Array]:
        """The kept points to draw, at most about cap of them: beyond it every s-th (s a power of
        2, so the picture stays put as the trail grows) and always the newest. A trail that
        keeps reaching new pixels (noise, oscillation) would otherwise cost more every tick."""
        n = self.n
        if n <= cap:
            return self.x[:n], self.y[:n]
        s = 1 << (-(-n // cap) - 1).bit_length()
        idx = np.append(np.arange(0, n - 1, s), n - 1)
        return self.x[idx], self.y[idx]

    def _reserve(self, n: int) -> None:
        if n > len(self.x):
            cap = max(n, 2 * len(self.x))
            for name in ("x", "y"):
                a = np.empty(cap)
                a[: self.n] = getattr(self, name)[: self.n]
                setattr(self, name, a)

    def sync(self, xy: Array, token: object, cell: tuple[float, float]) -> None:
        """Bring the display copy up to date with source points xy (count, 2).

        token identifies the source's layout (a new run, or a decimated trajectory, has a new
        token); cell is the data size of one pixel (dx, dy)."""
        count = len(xy)
        if token != self._token or cell != self._cell or count < self._src:
            self._token, self._cell, self._src, self.n = token, cell, 0, 0
        if count == 0:
            self.n = 0
            return
        if self.n and self._src:
            # The source's newest record may have been overwritten since (strided recording
            # keeps its head exact): refresh the display's last point from it.
            self.x[self.n - 1], self.y[self.n - 1] = xy[self._src - 1]
        new = xy[self._src : count]
        if len(new) == 0:
            return
        with np.errstate(all="ignore"):
            q = np.floor(new / np.asarray(cell)).astype(np.int64)
        keep = np.empty(len(new), dtype=bool)
        keep[0] = self.n == 0 or bool((q[0] != self._last_q).any())
        keep[1:] = (q[1:] != q[:-1]).any(axis=1)
        kept = new[keep]
        self._reserve(self.n + len(kept) + 1)
        self.x[self.n : self.n + len(kept)] = kept[:, 0]
        self.y[self.n : self.n + len(kept)] = kept[:, 1]
        self.n += len(kept)
        # The trail always ends exactly at the newest point (the run's head).
        self.x[self.n - 1], self.y[self.n - 1] = new[-1]
        self._last_q = q[-1]
        self._src = count
