"""A run: surface + update rule + gradient estimate + schedule + N start points, advanced k steps
at a time. Records the trajectory, stops diverging points individually, and labels how each point
ended (moving, converged to the global or a local minimum, stalled at a saddle, diverged).

Every update is the rule's own pure update (core/optim). Many points are stepped in parts of at most
CHUNK points, so each part's arrays stay in a core's cache and the allocator reuses their memory;
without a random draw (the full gradient) and without a trajectory, a part takes all k steps before
the next part starts. Splitting changes nothing: each point's arithmetic is its own, and a random
draw is made for all points at once before the parts use their rows of it.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from core.optim.base import Step
from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, rule_info
from core.runs.snapshot import RunSnapshot, SnapshotError, check_rule_state
from core.runs.status import (  # noqa: F401 - STATUS_TEXT and Tolerances are read from here too
    STATUS_ORDER,
    STATUS_TEXT,
    CriticalLike,
    Status,
    Tolerances,
    classify_codes,
)
from core.runs.trajectory import Trajectory

Array = NDArray[np.float64]
EXPLODE = 1e10  # a coordinate beyond this counts as exploding (diverged) even while finite
CHUNK = 4096  # points per part: 64 KiB per (N, 2) array


def _all_bounded(w: Array) -> bool:
    """Every coordinate within ±EXPLODE, in one pass: the sum of squares bounds each square (NaN
    and overflow make it fail too, and then the exact per-point test runs)."""
    flat = w.ravel(order="K")
    return bool(np.dot(flat, flat) <= EXPLODE * EXPLODE)


class SurfaceLike(Protocol):
    @property
    def n_samples(self) -> int: ...

    def value(self, p: Array) -> Array: ...

    def gradient(self, p: Array) -> Array: ...

    def hessian(self, p: Array) -> Array: ...

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array: ...


class _Part:
    """A slice of the points with its own points, rule state and (per-point) hyperparameters."""

    __slots__ = ("frozen", "hyper", "loss", "prev", "span", "state", "w")

    def __init__(self, span: slice, w: Array, state: object, hyper: Hyper) -> None:
        self.span, self.w, self.prev, self.state, self.hyper = span, w, w, state, hyper
        self.loss: Array | None = None  # f at w, when the step needed it (recording runs)
        self.frozen = False  # some of its points have diverged (and stay where they stopped)


def _rows(v: object, span: slice, n: int) -> object:
    """Per-point values (N, 1) restricted to a part; scalars pass through."""
    return v[span] if isinstance(v, np.ndarray) and v.ndim and v.shape[0] == n else v


class Run:
    """N points descending one surface with one rule. Hyperparameters, schedule and estimate can be
    replaced between steps (live); the next step uses them and the rule's state is kept.

    Hyperparameters and the schedule's rate may hold (N, 1) arrays: one value per point (sweeps).
    """

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
        tol: Tolerances | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self.surface = surface
        self.rule = canonical(rule)
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
        self.tol = tol or Tolerances()
        self.chunk = max(1, int(chunk))
        self._hyper = hyper
        self.reset(np.asarray(starts, dtype=np.float64).reshape(-1, 2))

    # --- lifecycle ------------------------------------------------------------------------------
    def reset(self, starts: Array | None = None) -> None:
        """Restart from the given (or the same) start points with fresh state and random stream."""
        if starts is not None:
            self.starts = np.array(starts, dtype=np.float64).reshape(-1, 2)
        n = len(self.starts)
        init = rule_info(self.rule).init
        self._parts = [
            _Part(sp, w, init(w), self._part_hyper(self._hyper, sp))
            for sp in self._spans()
            for w in [self.starts[sp].copy(order="K")]
        ]
        self.t = 0
        self.rng = np.random.default_rng(self.seed)
        self.diverged = np.zeros(n, dtype=bool)
        # step of the last finite point of each diverged point (-1 while it has not diverged)
        self.stopped_at = np.full(n, -1, dtype=np.int64)
        self.last_step = np.full(n, np.inf)
        self._gcache: Array | None = None
        # the examples (N, m) each point's last update used (one sample, a mini-batch), or None
        self.last_examples: NDArray[np.intp] | None = None
        self.trajectory = Trajectory(n, self.max_points) if self.record else None
        if self.trajectory is not None:
            self._record()

    def _spans(self) -> list[slice]:
        n = len(self.starts)
        return [slice(i, min(n, i + self.chunk)) for i in range(0, n, self.chunk)] or [slice(0, 0)]

    def snapshot(self) -> RunSnapshot:
        """The whole state of a recording run as copies: restore() on a run with the same
        settings and number of starts goes on exactly as this one would."""
        tr = self.trajectory
        if tr is None:
            raise SnapshotError("only a run that records its trail can be stored")
        n = tr.count
        fields = tuple(v if np.ndim(v) == 0 else np.array(v) for v in self.state)
        rng = self.rng.bit_generator.state  # a fresh dict each time
        return RunSnapshot(self.t, self.w.copy(), fields, rng, self.diverged.copy(),
                           self.stopped_at.copy(), self.last_step.copy(), tr.step[:n].copy(),
                           tr.xy[:, :n].copy(), tr.lr[:n].copy(), tr.stride)  # fmt: skip

    def restore(self, snap: RunSnapshot) -> None:
        """Go on from a snapshot instead of re-running its steps. SnapshotError if it does not
        fit this run (another rule, number of points, random generator); then nothing changes."""
        n = self.n_points
        if snap.w.shape != (n, 2) or snap.trail_xy.shape[::2] != (n, 2):
            raise SnapshotError(f"the stored run has {snap.n_points} points, not {n}")
        state = check_rule_state(snap.rule_state, rule_info(self.rule).init(snap.w))
        rng = np.random.default_rng(0)
        try:
            rng.bit_generator.state = snap.rng
        except (TypeError, ValueError, KeyError, OverflowError):
            raise SnapshotError("the stored random stream is not numpy's PCG64 state") from None
        if self.record and self.max_points is not None:
            snap = snap.thinned(self.max_points)
        with np.errstate(all="ignore"):
            loss, g = self.surface.value(snap.trail_xy), self.surface.gradient(snap.trail_xy)
        trail = Trajectory.restored(snap.trail_step, snap.trail_xy, loss, np.hypot(g[..., 0], g[..., 1]),
                                    snap.trail_lr, snap.stride, self.max_points)  # fmt: skip
        parts = []
        for sp in self._spans():
            fields = (v if np.ndim(v) == 0 else v[sp].copy() for v in state)
            part = _Part(
                sp, snap.w[sp].copy(), type(state)(*fields), self._part_hyper(self._hyper, sp)
            )
            part.frozen = bool(snap.diverged[sp].any())
            parts.append(part)
        self._parts, self.t, self.rng = parts, int(snap.t), rng
        self.diverged, self.stopped_at = snap.diverged.copy(), snap.stopped_at.copy()
        self.last_step, self._gcache = snap.last_step.copy(), None
        self.trajectory = trail if self.record else None

    def adopt(self, batch: Run, rows: slice) -> None:
        """Become rows ``rows`` of ``batch``, a recording run of this run's rule, surface, estimate
        and starts (repeated) whose hyperparameters differ per point, stepped from 0 without a
        thinned trail. Exactly this run stepped on its own: a point's arithmetic never depends on
        the others (what-if computes a slider's values as one batch, then shows each)."""
        tr = batch.trajectory
        if tr is None or tr.stride != 1 or batch.rule != self.rule:
            raise SnapshotError("only an unthinned recording batch of the same rule can be adopted")
        if not np.array_equal(batch.starts[rows], self.starts) or self.estimate.kind != "full":
            raise SnapshotError("the batch rows must hold this run's starts, with full gradients")
        state, w = batch.state, batch.w[rows]
        fields = [v if np.ndim(v) == 0 else v[rows] for v in state]
        self.diverged, self.stopped_at = batch.diverged[rows].copy(), batch.stopped_at[rows].copy()
        self._parts = []
        for sp in self._spans():
            part_state = type(state)(*(v if np.ndim(v) == 0 else v[sp].copy() for v in fields))
            part = _Part(sp, w[sp].copy(), part_state, self._part_hyper(self._hyper, sp))
            part.frozen = bool(self.diverged[sp].any())
            self._parts.append(part)
        self.t, self._gcache = batch.t, None
        self.last_step = batch.last_step[rows].copy()
        steps = tr.steps().copy()
        at = self.schedule.at  # the rate each step recorded (a constant one: the same each time)
        const = self.schedule.mode == "constant"
        lr = np.full(len(steps), at(0)) if const else np.array([at(int(t)) for t in steps])
        self.trajectory = Trajectory.restored(steps, tr.xy[rows, : tr.count], tr.loss[rows, : tr.count],
                                              tr.grad_norm[rows, : tr.count], lr, 1, self.max_points)  # fmt: skip

    @property
    def w(self) -> Array:
        """The current points (N, 2)."""
        if len(self._parts) == 1:
            return self._parts[0].w
        return np.concatenate([p.w for p in self._parts])

    @property
    def state(self) -> object:
        """The rule's state for all points (a NamedTuple of the rule's module)."""
        if len(self._parts) == 1:
            return self._parts[0].state
        fields = zip(*(p.state for p in self._parts), strict=True)
        return type(self._parts[0].state)(*(
            f[0] if np.ndim(f[0]) == 0 else np.concatenate(f) for f in fields
        ))  # fmt: skip

    def _part_hyper(self, h: Hyper, span: slice) -> Hyper:
        n = len(self.starts)
        sliced = {k: _rows(v, span, n) for k, v in vars(h).items() if isinstance(v, np.ndarray)}
        return h.with_(**sliced) if sliced else h

    @property
    def hyper(self) -> Hyper:
        return self._hyper

    @hyper.setter
    def hyper(self, h: Hyper) -> None:
        """Replace the hyperparameters (live). Switching convention converts the velocity of
        momentum/Nesterov so the motion continues smoothly: the textbook stores h = η·b, PyTorch
        stores b (REFERENCE.md §1), converted with the rate of the last update."""
        old, self._hyper = self._hyper, h
        convert = rule_info(self.rule).convert
        eta = self.schedule.at(self.t - 1) if self.t > 0 else 0.0
        switch = old.convention != h.convention and convert is not None and eta > 0
        for p in self._parts:
            p.hyper = self._part_hyper(h, p.span)
            if switch:
                assert convert is not None
                p.state = convert(p.state, h.convention, eta)

    def surface_changed(self) -> None:
        """Call after editing the surface in place (drawn bumps): drops the cached gradient."""
        self._gcache = None

    def set_rule(self, rule: str) -> None:
        """Switch the update rule; its state starts from zero at the current point."""
        self.rule = canonical(rule)
        init = rule_info(self.rule).init
        for p in self._parts:
            p.state = init(p.w)

    @property
    def n_points(self) -> int:
        return len(self.starts)

    # --- stepping -------------------------------------------------------------------------------
    def lr_now(self) -> float:
        """η for the next update."""
        return self.schedule.at(self.t)

    def step(self, k: int = 1) -> None:
        """Advance every live point by k updates: the rule's pure update, then diverged points
        are put back to their last finite point and stay there."""
        info = rule_info(self.rule)
        hess = self.surface.hessian if info.needs_hessian else None
        with np.errstate(all="ignore"):
            if len(self._parts) > 1 and self.estimate.kind == "full" and not self.record:
                for p in self._parts:  # part by part: each part's arrays stay in the cache
                    for j in range(k):
                        self._step_part(p, info.update, hess, self.t + j, None)
                self.t += k
            else:
                for _ in range(k):
                    drawn = self.estimate.draw(self.surface, (self.n_points, 2), self.rng)
                    sampled = self.estimate.kind in ("sample", "minibatch")
                    self.last_examples = drawn if sampled else None
                    for p in self._parts:
                        self._step_part(p, info.update, hess, self.t, drawn)
                    self.t += 1
                    if self.record:
                        self._record()
            if k > 0:
                for p in self._parts:
                    self.last_step[p.span] = np.hypot(*(p.w - p.prev).T)

    def _step_part(self, p: _Part, update: object, hess: object, t: int,
                   drawn: Array | None) -> None:  # fmt: skip
        prev, n = p.w, self.n_points
        rows = None if drawn is None else drawn[p.span]

        def grad(x: Array) -> Array:
            # The full gradient at the current points was computed when they were recorded.
            if self._gcache is not None and x is prev and self.estimate.kind == "full":
                g, self._gcache = self._gcache, None
                return g
            return self.estimate.apply(self.surface, x, rows)

        step: Step = update(prev, p.state, grad, _rows(self.schedule.at(t), p.span, n), p.hyper,
                            hess)  # fmt: skip
        self._gcache = None
        w, p.state = step.w, step.state
        if p.frozen:
            div = self.diverged[p.span]
            w[div] = prev[div]
        p.loss = self.surface.value(w) if self.record else None
        if not _all_bounded(w) or (p.loss is not None and not np.isfinite(p.loss).all()):
            p.loss = self._diverge(p.span, w, prev, t, p.loss)
            p.frozen = bool(self.diverged[p.span].any())
        p.prev, p.w = prev, w

    def _diverge(self, span: slice, w: Array, prev: Array, t: int, loss: Array | None) -> Array:
        """Points that just exploded (or whose loss is no longer finite) stop at their last finite
        point; the update at which they stopped is kept. Returns f at the corrected points."""
        loss = self.surface.value(w) if loss is None else loss
        bad = ~(np.abs(w) <= EXPLODE).all(axis=1) | ~np.isfinite(loss)
        new = bad & ~self.diverged[span]
        self.stopped_at[span][new] = t
        self.diverged[span] |= new
        w[new] = prev[new]
        loss[new] = self.surface.value(w[new])
        return loss

    def _record(self) -> None:
        assert self.trajectory is not None
        w = self.w
        known = [p.loss for p in self._parts]
        with np.errstate(all="ignore"):
            if any(v is None for v in known):
                loss = self.surface.value(w)
            else:
                loss = known[0] if len(known) == 1 else np.concatenate(known)
            g = self.surface.gradient(w)
        if self.estimate.kind == "full" and len(self._parts) == 1:
            self._gcache = g
        lr = self.schedule.at(self.t)  # one rate per point (a batch) is recorded as NaN
        self.trajectory.push(self.t, w, loss, np.hypot(*g.T), lr if np.ndim(lr) == 0 else np.nan)

    # --- reading --------------------------------------------------------------------------------
    def loss(self) -> Array:
        with np.errstate(all="ignore"):
            return self.surface.value(self.w)

    def grad_norm(self) -> Array:
        with np.errstate(all="ignore"):
            return np.hypot(*self.surface.gradient(self.w).T)

    def status(self) -> list[Status]:
        """How each point stands now (see STATUS_TEXT)."""
        return [STATUS_ORDER[c] for c in self.status_codes()]

    def status_codes(self) -> NDArray[np.int8]:
        """Vectorized status: index into STATUS_ORDER per point."""
        w = self.w
        with np.errstate(all="ignore"):
            g = self.surface.gradient(w)
        return classify_codes(g, w, self.diverged, self.last_step, self.critical, self.scale,
                              self.tol)  # fmt: skip
