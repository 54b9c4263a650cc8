"""A run: surface + update rule + gradient estimate + schedule + N start points, advanced k steps
at a time. Records the trajectory, stops diverging points individually, and labels how each point
ended (moving, converged to the global or a local minimum, stalled at a saddle, diverged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, rule_info
from core.runs.trajectory import Trajectory

Array = NDArray[np.float64]

Status = Literal["moving", "converged", "global_min", "local_min", "saddle", "maximum", "diverged"]
STATUS_TEXT: dict[str, str] = {
    "moving": "moving",
    "converged": "converged",
    "global_min": "converged: global minimum",
    "local_min": "converged: local minimum",
    "saddle": "stalled at a saddle",
    "maximum": "stuck at a maximum",
    "diverged": "diverged",
}

# A point whose coordinates exceed this is treated as exploding (diverged) even if still finite.
EXPLODE = 1e10


def _all_bounded(w: Array) -> bool:
    """Every coordinate within ±EXPLODE, in one pass: the sum of squares bounds each square (NaN
    and overflow make it fail too, and then the exact per-point test runs)."""
    flat = w.ravel(order="K")
    return bool(np.dot(flat, flat) <= EXPLODE * EXPLODE)


class CriticalLike(Protocol):
    x: float
    y: float
    value: float
    kind: str


class SurfaceLike(Protocol):
    @property
    def n_samples(self) -> int: ...

    def value(self, p: Array) -> Array: ...

    def gradient(self, p: Array) -> Array: ...

    def hessian(self, p: Array) -> Array: ...

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array: ...


@dataclass(frozen=True)
class Tolerances:
    """When a point counts as converged, and how close to a critical point labels it."""

    grad: float = 1e-4
    step: float = 1e-6
    near: float = 1e-2  # relative to the domain's size
    saddle_grad: float = 1e-2  # |∇f| under which a point near a saddle counts as stalled there


class Run:
    """N points descending one surface with one rule. Hyperparameters, schedule and estimate can be
    replaced between steps (live); the next step uses them and the rule's state is kept."""

    def __init__(
        self,
        surface: SurfaceLike,
        rule: str,
        hyper: Hyper,
        schedule: Schedule,
        starts: Array,
        estimate: Estimate | None = None,
        seed: int = 0,
        record: bool = True,
        max_points: int | None = None,
        critical: tuple[CriticalLike, ...] | None = None,
        scale: float = 1.0,
        tol: Tolerances = Tolerances(),
    ) -> None:
        self.surface = surface
        self.rule = canonical(rule)
        self.hyper = hyper
        self.schedule = schedule
        self.estimate = estimate or Estimate()
        self.estimate.check(surface)
        self.seed = seed
        self.record = record
        self.max_points = max_points
        self.critical = tuple(
            critical if critical is not None else getattr(surface, "known_critical", ())
        )
        self.scale = scale
        self.tol = tol
        self.reset(np.asarray(starts, dtype=np.float64).reshape(-1, 2))

    # --- lifecycle ------------------------------------------------------------------------------
    def reset(self, starts: Array | None = None) -> None:
        """Restart from the given (or the same) start points with fresh state and random stream."""
        if starts is not None:
            self.starts = np.array(starts, dtype=np.float64).reshape(-1, 2)
        self.w = self.starts.copy(order="K")
        self.state = rule_info(self.rule).init(self.w)
        self.t = 0
        self.rng = np.random.default_rng(self.seed)
        n = len(self.w)
        self.diverged = np.zeros(n, dtype=bool)
        # step of the last finite point of each diverged point (-1 while it has not diverged)
        self.stopped_at = np.full(n, -1, dtype=np.int64)
        self.last_step = np.full(n, np.inf)
        self._gcache: Array | None = None
        self.trajectory = Trajectory(n, self.max_points) if self.record else None
        if self.trajectory is not None:
            self._record()

    @property
    def hyper(self) -> Hyper:
        return self._hyper

    @hyper.setter
    def hyper(self, h: Hyper) -> None:
        """Replace the hyperparameters (live). Switching convention converts the velocity of
        momentum/Nesterov so the motion continues smoothly: the textbook stores h = η·b, PyTorch
        stores b (REFERENCE.md §1), converted with the rate of the last update."""
        old = getattr(self, "_hyper", None)
        self._hyper = h
        state = getattr(self, "state", None)
        if old is None or state is None or old.convention == h.convention or self.t == 0:
            return
        convert = rule_info(self.rule).convert
        eta = self.schedule.at(self.t - 1)
        if convert is not None and eta > 0:
            self.state = convert(state, h.convention, eta)

    def surface_changed(self) -> None:
        """Call after editing the surface in place (drawn bumps): drops the cached gradient."""
        self._gcache = None

    def set_rule(self, rule: str) -> None:
        """Switch the update rule; its state starts from zero at the current point."""
        self.rule = canonical(rule)
        self.state = rule_info(self.rule).init(self.w)

    @property
    def n_points(self) -> int:
        return len(self.w)

    # --- stepping -------------------------------------------------------------------------------
    def _grad(self, p: Array) -> Array:
        # The full gradient at the current point was computed when it was recorded: reuse it
        # (only while the estimate is still the full gradient: it may have been changed live).
        if self._gcache is not None and p is self.w and self.estimate.kind == "full":
            g, self._gcache = self._gcache, None
            return g
        return self.estimate.gradient(self.surface, p, self.rng)

    def lr_now(self) -> float:
        """η for the next update."""
        return self.schedule.at(self.t)

    def step(self, k: int = 1) -> None:
        """Advance every live point by k updates: the rule's pure update, then diverged points
        are put back to their last finite point and stay there."""
        info = rule_info(self.rule)
        hess = self.surface.hessian if info.needs_hessian else None
        prev = self.w
        with np.errstate(all="ignore"):
            for _ in range(k):
                prev = self.w
                step = info.update(
                    prev, self.state, self._grad, self.schedule.at(self.t), self.hyper, hess
                )
                w, self.state = step.w, step.state
                self._gcache = None
                if self.diverged.any():
                    w[self.diverged] = prev[self.diverged]
                loss = self.surface.value(w) if self.record else None
                if not _all_bounded(w) or (loss is not None and not np.isfinite(loss).all()):
                    self._diverge(w, prev, loss)
                self.w = w
                self.t += 1
                if self.record:
                    self._record(loss)
            if k > 0:
                self.last_step = np.hypot(*(self.w - prev).T)

    def _diverge(self, w: Array, prev: Array, loss: Array | None) -> None:
        """Points that just exploded (or whose loss is no longer finite) stop at their last finite
        point; the step at which they stopped is kept."""
        bad = ~(np.abs(w) <= EXPLODE).all(axis=1)
        if loss is None:
            loss = self.surface.value(w)
        bad |= ~np.isfinite(loss)
        new_bad = bad & ~self.diverged
        self.stopped_at[new_bad] = self.t
        self.diverged |= new_bad
        w[new_bad] = prev[new_bad]
        loss[new_bad] = self.surface.value(w[new_bad])

    def _record(self, loss: Array | None = None) -> None:
        assert self.trajectory is not None
        with np.errstate(all="ignore"):
            if loss is None:
                loss = self.surface.value(self.w)
            g = self.surface.gradient(self.w)
        if self.estimate.kind == "full":
            self._gcache = g
        self.trajectory.push(self.t, self.w, loss, np.hypot(*g.T), self.schedule.at(self.t))

    # --- reading --------------------------------------------------------------------------------
    def loss(self) -> Array:
        with np.errstate(all="ignore"):
            return self.surface.value(self.w)

    def grad_norm(self) -> Array:
        with np.errstate(all="ignore"):
            return np.hypot(*self.surface.gradient(self.w).T)

    def status(self) -> list[Status]:
        """How each point stands now (see STATUS_TEXT)."""
        return list(classify(self, self.w, self.diverged, self.last_step))

    def status_codes(self) -> NDArray[np.int8]:
        """Vectorized status: index into STATUS_ORDER per point."""
        return classify_codes(self, self.w, self.diverged, self.last_step)


STATUS_ORDER: tuple[Status, ...] = (
    "moving",
    "converged",
    "global_min",
    "local_min",
    "saddle",
    "maximum",
    "diverged",
)


def classify_codes(
    run: Run, w: Array, diverged: NDArray[np.bool_], last_step: Array
) -> NDArray[np.int8]:
    """Status codes (indices into STATUS_ORDER) for points w, vectorized."""
    tol = run.tol
    with np.errstate(all="ignore"):
        gn = np.hypot(*run.surface.gradient(w).T)
        val = run.surface.value(w)
    codes = np.zeros(len(w), dtype=np.int8)
    converged = (gn < tol.grad) & (np.asarray(last_step) < tol.step)
    codes[converged] = 1
    crit = run.critical
    if crit:
        cxy = np.array([[c.x, c.y] for c in crit])
        d = np.hypot(w[:, None, 0] - cxy[None, :, 0], w[:, None, 1] - cxy[None, :, 1])
        nearest = np.argmin(d, axis=1)
        close = d[np.arange(len(w)), nearest] < tol.near * run.scale
        mins = [c.value for c in crit if c.kind == "minimum"]
        gmin = min(mins) if mins else None
        for j, c in enumerate(crit):
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
        # A converged point not near any known critical point may still be a new local minimum.
        del val
    codes[diverged] = 6
    return codes


def classify(run: Run, w: Array, diverged: NDArray[np.bool_], last_step: Array) -> list[Status]:
    return [STATUS_ORDER[c] for c in classify_codes(run, w, diverged, last_step)]
