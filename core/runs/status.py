"""How each point of a run stands: moving, converged (to the global or a local minimum), stalled at
a saddle, stuck at a maximum, or diverged — from its gradient, its last step and the critical points
it is near."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from surfaces.i18n import QT_TRANSLATE_NOOP

Array = NDArray[np.float64]
Status = Literal["moving", "converged", "global_min", "local_min", "saddle", "maximum", "diverged"]
STATUS_ORDER: tuple[Status, ...] = (
    "moving", "converged", "global_min", "local_min", "saddle", "maximum", "diverged",
)  # fmt: skip
STATUS_TEXT: dict[str, str] = {
    "moving": QT_TRANSLATE_NOOP("Status", "moving"),
    "converged": QT_TRANSLATE_NOOP("Status", "converged"),
    "global_min": QT_TRANSLATE_NOOP("Status", "converged: global minimum"),
    "local_min": QT_TRANSLATE_NOOP("Status", "converged: local minimum"),
    "saddle": QT_TRANSLATE_NOOP("Status", "stalled at a saddle"),
    "maximum": QT_TRANSLATE_NOOP("Status", "stuck at a maximum"),
    "diverged": QT_TRANSLATE_NOOP("Status", "diverged"),
}


class CriticalLike(Protocol):
    x: float
    y: float
    value: float
    kind: str


@dataclass(frozen=True)
class Tolerances:
    """When a point counts as converged, and how close to a critical point labels it."""

    grad: float = 1e-4
    step: float = 1e-6
    near: float = 1e-2  # relative to the domain's size
    saddle_grad: float = 1e-2  # |∇f| under which a point near a saddle counts as stalled there


def classify_codes(gradient: Array, w: Array, diverged: NDArray[np.bool_], last_step: Array,
                   critical: tuple[CriticalLike, ...], scale: float,
                   tol: Tolerances) -> NDArray[np.int8]:  # fmt: skip
    """Status codes (indices into STATUS_ORDER) for points w (N, 2) with gradients (N, 2)."""
    gn = np.hypot(gradient[:, 0], gradient[:, 1])
    codes = np.zeros(len(w), dtype=np.int8)
    converged = (gn < tol.grad) & (np.asarray(last_step) < tol.step)
    codes[converged] = 1
    if critical:
        cxy = np.array([[c.x, c.y] for c in critical])
        d = np.hypot(w[:, None, 0] - cxy[None, :, 0], w[:, None, 1] - cxy[None, :, 1])
        nearest = np.argmin(d, axis=1)
        close = d[np.arange(len(w)), nearest] < tol.near * scale
        mins = [c.value for c in critical if c.kind == "minimum"]
        gmin = min(mins) if mins else None
        for j, c in enumerate(critical):
            at = close & (nearest == j)
            if not at.any():
                continue
            if c.kind == "minimum":
                is_global = gmin is not None and c.value <= gmin + 1e-9 * max(1.0, abs(gmin))
                codes[at & converged] = 2 if is_global else 3
            elif c.kind in ("saddle", "degenerate"):
                codes[at & (gn < tol.saddle_grad)] = 4
            elif c.kind == "maximum":
                codes[at & converged] = 5
    codes[diverged] = 6
    return codes
