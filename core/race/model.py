"""The Explorer's model without Qt: one surface, shared start points, and a list of run slots.

Each slot is a user-configured optimizer (rule, convention, estimate, schedule, hyperparameters,
colour) wrapping one core Run over all start points. Edits are applied to the live Run in place, so
the next step uses them; structural changes (surface, starts) reset the runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper, default_hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, rule_info
from core.race.colours import RUN_COLOURS
from core.runs.run import STATUS_TEXT, Run
from surfaces.base import CriticalPoint, Surface

Array = NDArray[np.float64]
TRAIL_POINTS = 20_000  # recorded points per start: beyond it every other old point is dropped

# Starts that show something interesting on the classic surfaces; others use a corner of the domain.
DEFAULT_STARTS: dict[str, tuple[float, float]] = {
    "himmelblau": (0.0, -4.5),
    "rosenbrock": (-1.5, 2.5),
    "beale": (-1.0, 1.5),
    "booth": (-8.0, 8.0),
    "rastrigin": (3.3, 2.6),
    "ackley": (3.6, 2.7),
    "six_hump_camel": (-1.7, 0.9),
    "goldstein_price": (-1.5, 1.5),
    "saddle": (1.5, 0.05),
    "monkey_saddle": (1.5, 0.4),
}


def default_start(surface: Surface) -> tuple[float, float]:
    """A sensible first start: a known good one, or a point 15 % in from the upper-left corner."""
    if surface.name in DEFAULT_STARTS:
        return DEFAULT_STARTS[surface.name]
    x0, x1, y0, y1 = surface.domain
    return x0 + 0.15 * (x1 - x0), y1 - 0.15 * (y1 - y0)


def critical_points(surface: Surface) -> tuple[CriticalPoint, ...]:
    """Every critical point in the domain if the search is available, else the known ones."""
    try:
        from surfaces.critical import find_critical_points
    except ImportError:
        return tuple(surface.known_critical)
    try:
        found = tuple(find_critical_points(surface))
    except Exception:  # a search failure must not take the window down; known points still help
        return tuple(surface.known_critical)
    return found or tuple(surface.known_critical)


@dataclass
class RunSlot:
    """One racer as the user configured it, and its live Run."""

    key: int
    rule: str
    hyper: Hyper
    schedule: Schedule
    estimate: Estimate
    colour: str
    enabled: bool = True
    seed: int = 0
    run: Run | None = field(default=None, repr=False)
    # Settings in force before live edits of the current run: (step it ended at, rule, hyper,
    # schedule, estimate), oldest first, so a saved scene can replay the run exactly.
    history: list[tuple[int, str, Hyper, Schedule, Estimate]] = field(
        default_factory=list, repr=False
    )

    @property
    def name(self) -> str:
        """Menu and legend name: 'GD' for full-batch SGD, otherwise the rule's title."""
        if self.rule == "sgd":
            base = "GD" if self.estimate.kind == "full" else "SGD"
        else:
            base = rule_info(self.rule).title
        suffix = "" if self.estimate.kind == "full" else f" ({self.estimate.label})"
        conv = " [torch]" if self.hyper.convention == "pytorch" else ""
        return f"{base}{suffix}{conv}"

    @property
    def lr(self) -> float:
        """The rate the lr slider edits: the peak of cyclic schedules, η otherwise."""
        return self.schedule.headline_lr


class Race:
    """Surface + starts + run slots; every mutation keeps the slots' Runs consistent."""

    def __init__(self, surface: Surface, critical: tuple[CriticalPoint, ...] | None = None) -> None:
        self._keys = itertools.count(1)
        self.slots: list[RunSlot] = []
        self.surface = surface
        self.critical: tuple[CriticalPoint, ...] = ()
        self.starts = np.array([default_start(surface)], dtype=np.float64)
        self.set_surface(surface, critical)

    # --- surface and starts -----------------------------------------------------------------
    @property
    def span(self) -> float:
        x0, x1, y0, y1 = self.surface.domain
        return float(max(x1 - x0, y1 - y0))

    def set_surface(
        self, surface: Surface, critical: tuple[CriticalPoint, ...] | None = None
    ) -> None:
        """Switch surface: start from its default point; estimates it cannot use fall back to noise."""
        self.surface = surface
        self.critical = critical if critical is not None else critical_points(surface)
        self.starts = np.array([default_start(surface)], dtype=np.float64)
        for s in self.slots:
            if s.estimate.kind in ("sample", "minibatch") and surface.n_samples == 0:
                s.estimate = Estimate("noise", sigma=1.0)
            s.run = None
            self._build(s)

    def set_critical(self, critical: tuple[CriticalPoint, ...]) -> None:
        """New critical points (a finished search): markers and statuses use them from now on."""
        self.critical = tuple(critical)
        for s in self.slots:
            if s.run is not None:
                s.run.critical = self.critical

    def restart_at(self, x: float, y: float) -> None:
        """Every enabled run restarts from (x, y) alone."""
        self.starts = np.array([[x, y]], dtype=np.float64)
        self.reset()

    def add_start(self, x: float, y: float) -> None:
        """Another start point; every enabled run restarts from all starts."""
        self.starts = np.vstack([self.starts, [[x, y]]])
        self.reset()

    def move_start(self, i: int, x: float, y: float) -> None:
        self.starts[i] = (x, y)
        self.reset()

    def reset(self) -> None:
        for s in self.slots:
            if s.enabled:
                self._build(s)

    # --- slots ------------------------------------------------------------------------------
    def _build(self, s: RunSlot) -> None:
        """(Re)create the slot's Run from the current starts."""
        s.history = []
        s.run = Run(
            self.surface,
            s.rule,
            s.hyper,
            s.schedule,
            self.starts.copy(),
            s.estimate,
            seed=s.seed,
            max_points=TRAIL_POINTS,
            critical=self.critical,
            scale=self.span,
        )

    def slot(self, key: int) -> RunSlot:
        for s in self.slots:
            if s.key == key:
                return s
        raise KeyError(key)

    def _next_colour(self) -> str:
        used = {s.colour for s in self.slots}
        free = [c for c in RUN_COLOURS if c not in used]
        return free[0] if free else RUN_COLOURS[len(self.slots) % len(RUN_COLOURS)]

    def add_slot(self, rule: str = "gd", lr: float = 0.01, **hyper: object) -> RunSlot:
        key = canonical(rule)
        s = RunSlot(
            next(self._keys),
            key,
            default_hyper(key, "textbook", **hyper),
            Schedule(lr=lr),
            Estimate(),
            self._next_colour(),
        )
        self.slots.append(s)
        self._build(s)
        return s

    def duplicate_slot(self, key: int) -> RunSlot:
        src = self.slot(key)
        s = replace(src, key=next(self._keys), colour=self._next_colour(), run=None, enabled=True)
        self.slots.insert(self.slots.index(src) + 1, s)
        self._build(s)
        return s

    def remove_slot(self, key: int) -> None:
        self.slots.remove(self.slot(key))

    def set_enabled(self, key: int, enabled: bool) -> None:
        s = self.slot(key)
        s.enabled = enabled
        if enabled:  # rejoin the race from the current starts
            self._build(s)

    def edit(self, key: int, **changes: object) -> None:
        """Apply edits live. Keys: colour, rule, convention, lr, estimate_kind (+ batch, sigma), schedule (a dict of fields),
        and any Hyper field. Raises the core's errors (HyperError, ...) for bad values."""
        s = self.slot(key)
        before = (s.rule, s.hyper, s.schedule, s.estimate)
        try:
            self._apply_edit(s, changes)
        finally:
            t = s.run.t if s.run is not None else 0
            now = (s.rule, s.hyper, s.schedule, s.estimate)
            if t > 0 and now != before and not (s.history and s.history[-1][0] == t):
                s.history.append((t, *before))

    def _apply_edit(self, s: RunSlot, changes: dict[str, object]) -> None:
        hyper_changes = {k: v for k, v in changes.items() if k in Hyper.__dataclass_fields__}
        if hyper_changes:
            s.hyper = s.hyper.with_(**hyper_changes)
        if "estimate_kind" in changes:
            est = Estimate(
                changes["estimate_kind"],  # type: ignore[arg-type]
                batch=int(changes.get("batch", s.estimate.batch)),  # type: ignore[call-overload]
                sigma=float(changes.get("sigma", s.estimate.sigma)),  # type: ignore[arg-type]
            )
            est.check(self.surface)
            s.estimate = est
        if "schedule" in changes or "lr" in changes:
            lr = float(changes["lr"]) if "lr" in changes else None  # type: ignore[arg-type]
            s.schedule = s.schedule.edited(dict(changes.get("schedule", {})), lr)  # type: ignore[call-overload]
        if s.run is not None:
            s.run.hyper, s.run.schedule, s.run.estimate = s.hyper, s.schedule, s.estimate
        if "colour" in changes:
            s.colour = str(changes["colour"])
        if "rule" in changes:
            s.rule = canonical(str(changes["rule"]))
            if s.run is not None:
                s.run.set_rule(s.rule)

    # --- stepping ---------------------------------------------------------------------------
    def active(self) -> list[RunSlot]:
        return [s for s in self.slots if s.enabled and s.run is not None]

    def step(self, k: int = 1) -> None:
        for s in self.active():
            assert s.run is not None
            if not s.run.diverged.all():
                s.run.step(k)

    # --- what the views show (plain arrays) ---------------------------------------------------
    def trails(self) -> tuple[list[tuple[str, Array, object]], Array, list[str]]:
        """(colour, recorded xy (count, 2), token) per run point; heads (K, 2); their colours.
        The token changes when a trajectory is replaced or re-decimated."""
        trails, heads, colours = [], [], []
        for s in self.active():
            r = s.run
            assert r is not None and r.trajectory is not None
            tr = r.trajectory
            for i in range(r.n_points):
                trails.append((s.colour, tr.xy[i, : tr.count], (id(tr), tr.stride, i)))
            heads.append(r.w)
            colours += [s.colour] * r.n_points
        return trails, (np.vstack(heads) if heads else np.zeros((0, 2))), colours

    def readouts(self) -> tuple[list[tuple], list[tuple[str, Array, Array, Array]]]:
        """Legend rows (key, colour, name, step, loss, |∇f|, lr, status text) and history curves
        (colour, steps, loss, lr) per run point, read from core."""
        rows, curves = [], []
        for s in self.active():
            r = s.run
            assert r is not None and r.trajectory is not None
            loss, grad, status, lr = r.loss(), r.grad_norm(), r.status(), r.lr_now()
            tr, n = r.trajectory, r.trajectory.count
            for i in range(r.n_points):
                name = s.name if r.n_points == 1 else f"{s.name} #{i + 1}"
                rows.append((s.key, s.colour, name, r.t, float(loss[i]), float(grad[i]), lr,
                             STATUS_TEXT[status[i]]))  # fmt: skip
                curves.append((s.colour, tr.step[:n], tr.loss[i, :n], tr.lr[:n]))
        return rows, curves

    @property
    def t(self) -> int:
        runs = self.active()
        return max((s.run.t for s in runs if s.run is not None), default=0)
