"""Where a trail leaves the plotted frame (the plot marks those points with arrowheads)."""

from __future__ import annotations

import numpy as np


def frame_exits(x: np.ndarray, y: np.ndarray,
                frame: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Where the polyline (x, y) leaves the rectangle frame = (x0, x1, y0, y1): the points on the
    frame (k, 2) and the edge each one crosses (0 left, 1 right, 2 bottom, 3 top). A segment that
    ends in a non-finite point (a diverged run) does not count as leaving."""
    x0, x1, y0, y1 = frame
    with np.errstate(invalid="ignore"):
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    i = np.flatnonzero(inside[:-1] & ~inside[1:] & np.isfinite(x[1:]) & np.isfinite(y[1:]))
    ax, ay, bx, by = x[i], y[i], x[i + 1], y[i + 1]
    dx, dy = bx - ax, by - ay
    inf = np.full(len(i), np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.stack([np.where(bx < x0, (x0 - ax) / dx, inf), np.where(bx > x1, (x1 - ax) / dx, inf),
                      np.where(by < y0, (y0 - ay) / dy, inf), np.where(by > y1, (y1 - ay) / dy, inf)])  # fmt: skip
    edge = np.argmin(t, axis=0) if len(i) else np.zeros(0, dtype=np.intp)
    tt = t[edge, np.arange(len(i))] if len(i) else np.zeros(0)
    pts = np.column_stack([ax + tt * dx, ay + tt * dy])
    return pts, edge


def cached_trail_exits(cache: list, i: int, pt, frame: tuple[float, float, float, float]):
    """Trail i's crossings out of frame (frame_exits), cached: while the frame and the
    trail's start stay and the points added since (with the last one before, which may have
    been refreshed) all lie inside, no new crossing can have appeared."""
    n = pt.n
    key = (frame, (float(pt.x[0]), float(pt.y[0])) if n else None)
    if i < len(cache):
        old_key, old_n, p, e = cache[i]
        if old_key == key and old_n <= n:
            k = max(old_n - 2, 0)
            x, y = pt.x[k:n], pt.y[k:n]
            x0, x1, y0, y1 = frame
            if ((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)).all():
                cache[i] = (key, n, p, e)
                return p, e
    p, e = frame_exits(pt.x[:n], pt.y[:n], frame)
    entry = (key, n, p, e)
    if i < len(cache):
        cache[i] = entry
    else:
        cache.append(entry)
    return p, e
