"""Lines a start can be snapped onto exactly (Ctrl+click): the coordinate axes and, through each
saddle, its Hessian's eigen-directions — one of them is the saddle's stable manifold near it, the
line on which plain GD slides into the saddle and stalls (a click lands a little off it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surfaces.base import CriticalPoint, Surface
from surfaces.i18n import number, separator, translate

AXIS_TOL = 1e-9  # an eigen-direction this close to an axis is that axis's direction exactly


@dataclass(frozen=True)
class SnapLine:
    """The line through (px, py) along the unit vector (dx, dy), named for the user."""

    px: float
    py: float
    dx: float
    dy: float
    label: str

    def project(self, x: float, y: float) -> tuple[float, float]:
        """The point of the line nearest to (x, y); on an axis-parallel line one coordinate is
        the line's own value exactly (no rounding from the projection)."""
        if self.dx == 0.0:
            return self.px, float(y)
        if self.dy == 0.0:
            return float(x), self.py
        t = (x - self.px) * self.dx + (y - self.py) * self.dy
        return self.px + t * self.dx, self.py + t * self.dy

    def distance(self, x: float, y: float) -> float:
        qx, qy = self.project(x, y)
        return float(np.hypot(x - qx, y - qy))


def _num(v: float) -> str:
    return number(v, ".4g").replace("-", "−") if abs(v) > 1e-12 else "0"


def _line(px: float, py: float, d: np.ndarray, where: str) -> SnapLine:
    dx, dy = (float(v) for v in d / np.hypot(*d))
    if abs(dx) < AXIS_TOL:
        return SnapLine(px, py, 0.0, 1.0, f"x = {_num(px)}{where}")
    if abs(dy) < AXIS_TOL:
        return SnapLine(px, py, 1.0, 0.0, f"y = {_num(py)}{where}")
    slope = dy / dx
    line = translate("Snap", "the line of slope {s}").format(s=_num(slope))
    return SnapLine(px, py, dx, dy, f"{line}{where}")


def snap_lines(surface: Surface, critical: tuple[CriticalPoint, ...]) -> list[SnapLine]:
    """The axes inside the domain, then each saddle's (and degenerate point's) eigen-lines."""
    x0, x1, y0, y1 = surface.domain
    out: list[SnapLine] = []
    if x0 <= 0.0 <= x1:
        out.append(SnapLine(0.0, 0.0, 0.0, 1.0, translate("Snap", "the axis x = 0")))
    if y0 <= 0.0 <= y1:
        out.append(SnapLine(0.0, 0.0, 1.0, 0.0, translate("Snap", "the axis y = 0")))
    for c in critical:
        if c.kind not in ("saddle", "degenerate"):
            continue
        where = " " + (
            translate("Snap", "through the saddle at ({x}, {y})")
            if c.kind == "saddle"
            else translate("Snap", "through the degenerate point at ({x}, {y})")
        ).format(x=_num(c.x), y=_num(c.y)).replace(", ", separator())
        with np.errstate(all="ignore"):
            h = np.asarray(surface.hessian(np.array([c.x, c.y])), dtype=np.float64)
        vecs = np.linalg.eigh(h)[1].T if np.isfinite(h).all() else np.eye(2)
        for d in vecs:
            cand = _line(c.x, c.y, d, where)
            if not any(_same(cand, o) for o in out):
                out.append(cand)
    return out


def _same(a: SnapLine, b: SnapLine) -> bool:
    parallel = abs(a.dx * b.dy - a.dy * b.dx) < 1e-9
    return parallel and b.distance(a.px, a.py) < 1e-9


def nearest_line(lines: list[SnapLine], x: float, y: float) -> SnapLine | None:
    """The line nearest to (x, y), or None when there are none."""
    if not lines:
        return None
    return min(lines, key=lambda ln: ln.distance(x, y))
