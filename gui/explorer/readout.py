"""The status bar's readout of the point under the mouse."""

from __future__ import annotations

import numpy as np

from gui.i18n.numbers import num
from surfaces.base import Surface


def cursor_readout(s: Surface, x: float, y: float) -> str:
    """The point in the surface's own coordinate names, f and |∇f| there."""
    p = np.array([x, y])
    with np.errstate(all="ignore"):
        f = float(s.value(p))
        g = float(np.hypot(*s.gradient(p)))
    ax, ay = s.axis_labels
    return f"{ax} = {num(x, '.4g')}   {ay} = {num(y, '.4g')}   f = {num(f, '.6g')}   |∇f| = {num(g, '.4g')}"
