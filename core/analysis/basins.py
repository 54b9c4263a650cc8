"""Basin-of-attraction maps: run a rule from every cell of a G×G grid of starts (one vectorized
run through the fast path) and label each start by where it ended — which minimum (or other
critical point it stalled at), diverged, or still moving. Minima missing from the critical-point
list still get their own label: converged end points are clustered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.runs.batch import Cancel, Progress
from core.runs.config import RunConfig
from core.runs.procs import simulate_processes

Array = NDArray[np.float64]
Domain = tuple[float, float, float, float]
DIVERGED = -1  # label of a start whose run diverged
UNCONVERGED = -2  # label of a start still moving after the last step
_KIND_ORDER = {"minimum": 0, "saddle": 1, "degenerate": 2, "maximum": 3}


@dataclass(frozen=True)
class BasinTolerances:
    """How an end point is judged, relative to the domain's size L (max side) where noted."""

    near: float = 0.02  # × L: within this distance of a critical point it has reached it
    settle: float = 0.02  # × L: a last step longer than this means still moving
    saddle_grad: float = 1e-2  # |∇f| under which a point near a saddle counts as stalled there
    grad: float = 1e-3  # |∇f| under which an end point away from known points counts as converged
    step: float = 1e-5  # × L: ... and its last step is shorter than this
    cluster: float = 0.02  # × L: converged end points closer than this form one unknown attractor


@dataclass(frozen=True)
class Attractor:
    """Where a share of the starts ended: a critical point, known or found by clustering."""

    x: float
    y: float
    kind: str  # minimum | saddle | degenerate | maximum
    value: float
    fraction: float  # of all starts
    known: bool = True  # False: found by clustering converged end points


@dataclass
class BasinMap:
    """Labels ``labels[j, i]`` for the start (xs[i], ys[j]): an index into ``attractors``, or
    DIVERGED / UNCONVERGED. A cancelled map has ``labels = None`` and no attractors."""

    labels: NDArray[np.int32] | None
    attractors: tuple[Attractor, ...]
    diverged: float
    unconverged: float
    xs: Array
    ys: Array
    domain: Domain
    steps: int
    compute_seconds: float  # the vectorized run and the labelling (not the critical-point search)
    cancelled: bool = False
    end_points: Array | None = field(default=None, repr=False)  # (G, G, 2)

    def as_json(self) -> dict[str, object]:
        """The `main.py basins --format json` object (DESIGN.md)."""
        return {
            "attractors": [
                {"x": a.x, "y": a.y, "kind": a.kind, "fraction": a.fraction}
                for a in self.attractors
            ],
            "diverged": self.diverged,
            "unconverged": self.unconverged,
            "compute_seconds": self.compute_seconds,
        }


def grid_starts(domain: Domain, grid: int) -> tuple[Array, Array, Array]:
    """Cell centres of a grid×grid partition of the domain: (xs, ys, starts (grid², 2))."""
    x0, x1, y0, y1 = domain
    xs = x0 + (np.arange(grid) + 0.5) * (x1 - x0) / grid
    ys = y0 + (np.arange(grid) + 0.5) * (y1 - y0) / grid
    return xs, ys, np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)


def critical_points(surface: object, domain: Domain | None = None) -> tuple[object, ...]:
    """Critical points of the surface in the domain (surfaces/critical.py), else its known ones."""
    try:
        from surfaces.critical import find_critical_points
    except ImportError:  # pragma: no cover - only while the module is absent
        return tuple(getattr(surface, "known_critical", ()))
    return tuple(find_critical_points(surface, domain))


def basin_map(
    surface: object,
    rule: str,
    hyper: Hyper,
    schedule: Schedule,
    steps: int,
    grid: int,
    domain: Domain | None = None,
    estimate: Estimate | None = None,
    seed: int = 0,
    *,
    critical: tuple[object, ...] | None = None,
    tol: BasinTolerances = BasinTolerances(),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    processes: int = 1,
) -> BasinMap:
    """Run every start of a grid×grid grid for ``steps`` updates and label where each ended.

    ``critical`` overrides the critical points used as attractors (default: all found in the
    domain). ``progress(fraction)`` and ``cancel() -> bool`` are called from this thread between
    blocks of steps, so a GUI worker can show a bar and stop early. ``processes`` > 1 forks
    workers where that is safe (the command line; see core/runs/procs.py).
    """
    dom: Domain = tuple(float(v) for v in (domain or surface.domain))
    crit = critical_points(surface, dom) if critical is None else tuple(critical)
    xs, ys, starts = grid_starts(dom, grid)
    t0 = time.perf_counter()
    config = RunConfig(rule, hyper, schedule, estimate or Estimate(), seed)
    res = simulate_processes(surface, config, starts, steps, processes=processes,
                             progress=progress, cancel=cancel)  # fmt: skip
    if res.cancelled:
        return BasinMap(None, (), 0.0, 0.0, xs, ys, dom, steps, time.perf_counter() - t0, True)
    labels, attractors = label_end_points(
        surface, res.w, res.diverged, res.last_step, crit, dom, tol
    )
    n = len(starts)
    div = float(np.count_nonzero(labels == DIVERGED)) / n
    unc = float(np.count_nonzero(labels == UNCONVERGED)) / n
    seconds = time.perf_counter() - t0
    return BasinMap(labels.reshape(grid, grid).astype(np.int32), attractors, div, unc, xs, ys,
                    dom, steps, seconds, False, res.w.reshape(grid, grid, 2))  # fmt: skip


def label_end_points(
    surface: object,
    w: Array,
    diverged: NDArray[np.bool_],
    last_step: Array,
    critical: tuple[object, ...],
    domain: Domain,
    tol: BasinTolerances = BasinTolerances(),
) -> tuple[NDArray[np.int64], tuple[Attractor, ...]]:
    """Label each end point (see BasinMap) and list the attractors reached, most popular first."""
    size = max(domain[1] - domain[0], domain[3] - domain[2])
    n = len(w)
    with np.errstate(all="ignore"):  # a huge gradient is just "not at a critical point"
        g = np.asarray(surface.gradient(w))
        gn = np.hypot(g[:, 0], g[:, 1])
    settled = ~diverged & (last_step < tol.settle * size)
    label = np.full(n, UNCONVERGED, dtype=np.int64)
    label[diverged] = DIVERGED
    cands: list[tuple[float, float, str, float, bool]] = []
    if critical:
        nearest, dist = _nearest(w, np.array([[c.x, c.y] for c in critical]))
        close = settled & (dist < tol.near * size)
        for j, c in enumerate(critical):
            at = close & (nearest == j)
            if c.kind in ("saddle", "degenerate"):
                at &= gn < tol.saddle_grad
            if at.any():
                label[at] = len(cands)
                cands.append((float(c.x), float(c.y), str(c.kind), float(c.value), True))
    # Converged elsewhere: a critical point missing from the list (cluster the end points).
    free = (label == UNCONVERGED) & settled & (gn < tol.grad) & (last_step < tol.step * size)
    for members in _clusters(w, free, tol.cluster * size):
        best = members[np.argmin(gn[members])]
        x, y = float(w[best, 0]), float(w[best, 1])
        label[members] = len(cands)
        cands.append((x, y, _kind_at(surface, x, y), _value_at(surface, x, y), False))
    return _sorted(label, cands, n)


def _nearest(w: Array, cxy: Array) -> tuple[NDArray[np.intp], Array]:
    """Index of and distance to the nearest of the points cxy (K, 2), in O(N) memory."""
    best = np.full(len(w), np.inf)
    arg = np.zeros(len(w), dtype=np.intp)
    with np.errstate(invalid="ignore"):
        for j, (cx, cy) in enumerate(cxy):
            d = np.hypot(w[:, 0] - cx, w[:, 1] - cy)
            closer = d < best
            best[closer] = d[closer]
            arg[closer] = j
    return arg, best


def _clusters(w: Array, mask: NDArray[np.bool_], radius: float) -> list[NDArray[np.intp]]:
    """Greedy clusters of the masked points: each takes every point within radius of its seed."""
    left = np.flatnonzero(mask)
    out = []
    while left.size:
        seed = w[left[0]]
        near = np.hypot(w[left, 0] - seed[0], w[left, 1] - seed[1]) < radius
        out.append(left[near])
        left = left[~near]
    return out


def _kind_at(surface: object, x: float, y: float) -> str:
    from surfaces.base import classify_hessian

    with np.errstate(all="ignore"):
        h = np.asarray(surface.hessian(np.array([x, y])))
    if not np.isfinite(h).all():
        return "degenerate"
    return classify_hessian(h, tol=1e-6)[0]


def _value_at(surface: object, x: float, y: float) -> float:
    with np.errstate(all="ignore"):
        return float(np.asarray(surface.value(np.array([x, y]))))


def _sorted(
    label: NDArray[np.int64], cands: list[tuple[float, float, str, float, bool]], n: int
) -> tuple[NDArray[np.int64], tuple[Attractor, ...]]:
    """Attractors ordered minima first, then by share; labels renumbered to match."""
    counts = np.bincount(label[label >= 0], minlength=len(cands))
    order = sorted(range(len(cands)), key=lambda i: (_KIND_ORDER.get(cands[i][2], 9), -counts[i]))
    remap = np.empty(max(1, len(cands)), dtype=np.int64)
    remap[order] = np.arange(len(order))
    out = label.copy()
    pos = label >= 0
    out[pos] = remap[label[pos]]
    atts = tuple(
        Attractor(
            cands[i][0], cands[i][1], cands[i][2], cands[i][3], float(counts[i] / n), cands[i][4]
        )
        for i in order
    )
    return out, atts
