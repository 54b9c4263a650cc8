"""The vectors drawn at each run's head (numpy only, no Qt): gradient arrows, the momentum
velocity, the per-coordinate adaptive step and the Hessian's eigen-directions near a saddle."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from core.optim.table import rule_info
from core.runs.explain import next_displacement
from core.runs.run import Run, SurfaceLike

Array = NDArray[np.float64]


# --- overlays ------------------------------------------------------------------------------------
def arrows(p: Array, d: Array, head: float = 0.28) -> Array:
    """Line segments (pairs of rows) drawing arrows from points p (K, 2) along vectors d (K, 2)."""
    q = p + d
    c, s = np.cos(0.45), np.sin(0.45)
    back = -d * head
    left = np.stack([c * back[:, 0] - s * back[:, 1], s * back[:, 0] + c * back[:, 1]], axis=1)
    right = np.stack([c * back[:, 0] + s * back[:, 1], -s * back[:, 0] + c * back[:, 1]], axis=1)
    seg = np.stack([p, q, q, q + left, q, q + right], axis=1)
    return seg.reshape(-1, 2)


def _shown(v: Array, ref: float, span: float) -> Array:
    """Vectors rescaled for display: direction kept, length saturating at 12 % of the domain."""
    n = np.hypot(v[:, 0], v[:, 1])[:, None]
    with np.errstate(all="ignore"):
        out = np.where(n > 0, v / n * (0.12 * span) * (n / (n + ref)), 0.0)
    return np.nan_to_num(out)


def gradient_arrows(surface: SurfaceLike, heads: Array, span: float, grad_ref: float) -> Array:
    """Arrows along −∇f at heads (K, 2), half-length where |∇f| = grad_ref."""
    with np.errstate(all="ignore"):
        g = surface.gradient(heads)
    return arrows(heads, _shown(-g, grad_ref, span))


_OWN_KIND = {"momentum": "velocity", "adaptive": "adaptive"}  # rule kind -> its own overlay


def eigen_segments(
    surface: SurfaceLike, heads: Array, span: float, saddles: Array
) -> dict[str, Array]:
    """The Hessian's eigen-directions (eig_neg, eig_pos) at those heads (K, 2) that are near a
    saddle (saddles: (S, 2)); no entries when none is."""
    if not len(saddles) or not len(heads):
        return {}
    dist = np.hypot(
        heads[:, None, 0] - saddles[None, :, 0], heads[:, None, 1] - saddles[None, :, 1]
    )
    near = dist.min(axis=1) < 0.08 * span
    if not near.any():
        return {}
    p = heads[near]
    with np.errstate(all="ignore"):
        _, q = np.linalg.eigh(np.nan_to_num(surface.hessian(p)))
    half = 0.07 * span
    out = {}
    for name, col in (("eig_neg", 0), ("eig_pos", 1)):
        e = np.nan_to_num(q[:, :, col]) * half
        out[name] = np.stack([p - e, p + e], axis=1).reshape(-1, 2)
    return out


def overlay_segments(run: Run, kinds: set[str], span: float, saddles: Array) -> dict[str, Array]:
    """Segments for each overlay kind at the run's live heads.

    velocity: the momentum displacement (−h, or −η b in PyTorch's form);
    adaptive: the next step's x and y components drawn separately (per-coordinate scaling);
    eigen (eig_neg / eig_pos): the Hessian's eigen-directions at heads near a saddle (saddles:
    (S, 2)). Only the kinds asked for are computed."""
    kind = rule_info(run.rule).kind
    if "eigen" not in kinds and _OWN_KIND.get(kind) not in kinds:
        return {}  # none of the kinds asked for is drawn for this rule
    live = ~run.diverged
    w = run.w[live]
    out: dict[str, Array] = {}
    if "velocity" in kinds and kind == "momentum":
        v = run.state.v[live]
        disp = v if run.hyper.convention == "textbook" else run.lr_now() * v
        out["velocity"] = arrows(w, _shown(-disp, 0.01 * span, span))
    if "adaptive" in kinds and kind == "adaptive":
        d = next_displacement(run)[live]
        scale = _shown(d, 0.01 * span, span)
        n = np.hypot(d[:, 0], d[:, 1])
        with np.errstate(all="ignore"):
            k = np.where(n > 0, np.hypot(scale[:, 0], scale[:, 1]) / n, 0.0)[:, None]
        dx = np.zeros_like(d)
        dy = np.zeros_like(d)
        dx[:, 0] = d[:, 0] * k[:, 0]
        dy[:, 1] = d[:, 1] * k[:, 0]
        out["adaptive"] = np.vstack([arrows(w, dx, 0.35), arrows(w, dy, 0.35)])
    if "eigen" in kinds:
        out.update(eigen_segments(run.surface, w, span, saddles))
    return out
