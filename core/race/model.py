"""The Explorer's model without Qt: one surface, shared start points, the racers, which racer is
selected, and how the race is shown (view range, colour scale, speed).

Every change emits one event of ``Race.events`` carrying the new value (psygnal, as napari's
models do), so views subscribe instead of asking. Edits are applied to the live Runs in place, so
the next step uses them; structural changes (surface, starts) restart the runs.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray
from psygnal import Signal, SignalGroup

from core.optim.estimates import Estimate
from core.race.colours import RUN_COLOURS
from core.race.racer import Racer, edited_config, racer_config
from core.runs.config import RunConfig
from core.runs.run import STATUS_TEXT, Run
from surfaces.base import CriticalPoint, Surface
from surfaces.i18n import translate

Array = NDArray[np.float64]
TRAIL_POINTS = 20_000  # recorded points per start: beyond it every other old point is dropped
MAX_VIEW = 1e12  # the farthest a view reaches from 0 (beyond it the plot cannot draw)
CHUNK = 16  # steps between two looks at the clock when stepping against a time budget

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
    "saddle": (1.5, 0.0),  # on the stable manifold y = 0: GD stalls at the saddle
    "monkey_saddle": (1.5, 0.4),
    "saddle_two_minima": (0.0, 1.5),  # on the ridge line x = 0, as the description says
    # lower right: GD settles in the shallow well, the default race's Momentum (η 0.004) rolls
    # over the ridge into the deep one (from (2.4, 0) it did not: tests/test_gui_descriptions.py)
    "local_vs_global": (2.3, -1.0),
}


def default_start(surface: Surface) -> tuple[float, float]:
    """A sensible first start: where the surface says it is now (a network's current weights), a
    known good one, or a point 15 % in from the upper-left corner."""
    current = getattr(surface, "current", None)
    if current is not None:
        return float(current[0]), float(current[1])
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


def _span(surface: Surface) -> float:
    x0, x1, y0, y1 = surface.domain
    return float(max(x1 - x0, y1 - y0))


def _make_run(c: RunConfig, surface: Surface, starts: Array, critical: tuple) -> Run:
    return Run(surface, c.rule, c.hyper, c.schedule, np.array(starts, dtype=np.float64),
               c.estimate, seed=c.seed, max_points=TRAIL_POINTS, critical=critical,
               scale=_span(surface))  # fmt: skip


def clamp_view(view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A view the plot can draw: bounds within ±MAX_VIEW, each side at least 1e-9 wide (a view
    of ±1e308 once blanked the plot and then could not be saved); narrow at most to 1e-9 of
    its distance from 0."""
    out: list[float] = []
    for lo, hi in (view[:2], view[2:]):
        lo, hi = (float(np.clip(np.nan_to_num(v), -MAX_VIEW, MAX_VIEW)) for v in (lo, hi))
        mid = min(max((lo + hi) / 2, -MAX_VIEW / 2), MAX_VIEW / 2)
        half = max(5e-10, abs(mid) * 1e-9)
        if not hi - lo >= 2 * half:
            lo, hi = mid - half, mid + half
        out += [lo, hi]
    return (out[0], out[1], out[2], out[3])


class RaceEvents(SignalGroup):
    """What changed in a Race; each event carries the new value."""

    surface = Signal(object, object)  # (Surface, f on a square grid or None): runs restarted
    critical = Signal(tuple)  # the surface's critical points (a search finished)
    starts = Signal(object)  # (K, 2) start points: every enabled run restarted from them
    racers = Signal(tuple)  # the racers, after one was added, removed, enabled or edited
    selected = Signal(object)  # the selected Racer (None when there are none)
    stepped = Signal(int)  # the runs advanced, or were reset: the race's step count
    view_range = Signal(tuple)  # (x0, x1, y0, y1) of the part of the plane shown
    log_scale = Signal(bool)  # colour the surface by log(f − f_min)
    speed = Signal(int, int)  # updates per animation tick, animation ticks per second


class Race:
    """Surface + starts + racers + selection + how they are shown; every mutation keeps the
    racers' Runs consistent and emits its event."""

    def __init__(self, surface: Surface, critical: tuple[CriticalPoint, ...] | None = None) -> None:
        self.events = RaceEvents()
        self._keys = itertools.count(1)
        self.racers: list[Racer] = []
        self._selected_key: int | None = None
        self.view_range: tuple[float, float, float, float] = tuple(map(float, surface.domain))
        self.log_scale = False
        self.speed = (1, 60)
        self.swarm: object | None = None  # the particles dropped on this race (core/race/swarm.py)
        self.surface = surface
        self.critical: tuple[CriticalPoint, ...] = ()
        self.starts = np.array([default_start(surface)], dtype=np.float64)
        self._install(surface, critical, None)

    # --- surface and starts -----------------------------------------------------------------
    @property
    def span(self) -> float:
        return _span(self.surface)

    def _install(self, surface: Surface, critical: tuple[CriticalPoint, ...] | None,
                 starts: Array | None) -> None:  # fmt: skip
        self.surface = surface
        self.critical = tuple(critical) if critical is not None else critical_points(surface)
        first = [default_start(surface)] if starts is None else starts
        self.starts = np.array(first, dtype=np.float64).reshape(-1, 2)
        fallbacks = []
        for r in self.racers:
            if r.config.estimate.kind in ("sample", "minibatch") and surface.n_samples == 0:
                before = r.name
                r.config = r.config.with_(estimate=Estimate("noise", sigma=1.0))
                fallbacks.append((r.key, before, r.name))
            r.run = None
            self._build(r)
        # (key, name before, name after) of the racers whose estimate the surface could not serve
        self.fallbacks: tuple[tuple[int, str, str], ...] = tuple(fallbacks)

    def set_surface(self, surface: Surface, critical: tuple[CriticalPoint, ...] | None = None,
                    starts: Array | None = None, values: Array | None = None) -> None:  # fmt: skip
        """Switch surface; runs restart from ``starts`` (default: the surface's default start).
        Estimates it cannot use fall back to noise. ``values``: f on a square grid over the
        domain when the caller already has it (a drawing kept up to date bump by bump), passed
        on with the event so a view need not recompute it."""
        self._install(surface, critical, starts)
        self.events.surface.emit(surface, values)

    def set_critical(self, critical: tuple[CriticalPoint, ...]) -> None:
        """New critical points (a finished search): markers and statuses use them from now on."""
        self.critical = tuple(critical)
        for r in self.racers:
            if r.run is not None:
                r.run.critical = self.critical
        self.events.critical.emit(self.critical)

    def set_starts(self, starts: Array) -> None:
        """Every enabled run restarts from these (K, 2) points."""
        self.starts = np.array(starts, dtype=np.float64).reshape(-1, 2)
        self._rebuild()
        self.events.starts.emit(self.starts.copy())

    def restart_at(self, x: float, y: float) -> None:
        """Every enabled run restarts from (x, y) alone."""
        self.set_starts(np.array([[x, y]]))

    def add_start(self, x: float, y: float) -> None:
        """Another start point; every enabled run restarts from all starts."""
        self.set_starts(np.vstack([self.starts, [[x, y]]]))

    def move_start(self, i: int, x: float, y: float) -> None:
        starts = self.starts.copy()
        starts[i] = (x, y)
        self.set_starts(starts)

    def reset(self) -> None:
        """Every enabled run back to step 0 at the current starts."""
        self._rebuild()
        self.events.stepped.emit(0)

    def _rebuild(self) -> None:
        for r in self.racers:
            if r.enabled:
                self._build(r)

    # --- racers -----------------------------------------------------------------------------
    def _build(self, r: Racer) -> None:
        """(Re)create the racer's Run from the current starts."""
        r.history = []
        r.run = self.run_for(r.config)

    def run_for(self, c: RunConfig) -> Run:
        """A fresh Run of these settings on this race's surface from its starts, at step 0."""
        return _make_run(c, self.surface, self.starts, self.critical)

    def prepare_racer(self, config: RunConfig, colour: str, surface: Surface,
                      starts: Array) -> Racer:  # fmt: skip
        """A racer with a fresh key and a run from ``starts`` on ``surface``, changing nothing
        in the race (a scene being opened builds every racer before it replaces the old ones)."""
        return Racer(next(self._keys), config, colour, run=_make_run(config, surface, starts, ()))

    def racer(self, key: int) -> Racer:
        for r in self.racers:
            if r.key == key:
                return r
        raise KeyError(key)

    def _next_colour(self, racers: list[Racer]) -> str:
        used = {r.colour for r in racers}
        free = [c for c in RUN_COLOURS if c not in used]
        return free[0] if free else RUN_COLOURS[len(racers) % len(RUN_COLOURS)]

    def new_racer(self, config: RunConfig, colour: str | None = None) -> Racer:
        """A racer with a fresh key and a run from the current starts, not yet in the race."""
        r = Racer(next(self._keys), config, colour or self._next_colour(self.racers))
        self._build(r)
        return r

    def add_racer(self, config: RunConfig | str = "gd", lr: float = 0.01, **hyper: object) -> Racer:
        """Add a racer: a RunConfig, or a rule name with its rate and hyperparameters (the rest
        the rule's textbook defaults)."""
        if isinstance(config, str):
            config = racer_config(config, lr, **hyper)
        r = self.new_racer(config)
        self._changed([*self.racers, r])
        return r

    def duplicate_racer(self, key: int) -> Racer:
        src = self.racer(key)
        r = replace(src, key=next(self._keys), colour=self._next_colour(self.racers), run=None,
                    enabled=True, history=[])  # fmt: skip
        self._build(r)
        racers = list(self.racers)
        racers.insert(racers.index(src) + 1, r)
        self._changed(racers)
        return r

    def remove_racer(self, key: int) -> None:
        gone = self.racer(key)
        self._changed([r for r in self.racers if r is not gone])

    def set_racers(self, racers: list[Racer]) -> None:
        """Replace every racer (a restored scene, a new one); their runs are kept as they are."""
        self._changed(list(racers))

    def set_enabled(self, key: int, enabled: bool) -> None:
        r = self.racer(key)
        r.enabled = enabled
        if enabled:  # rejoin the race from the current starts
            self._build(r)
        self._changed(self.racers)

    def edit(self, key: int, **changes: object) -> None:
        """Apply edits live (see racer.edited_config for the keys; "colour" too). Bad values
        raise the core's errors (HyperError, ...) and change nothing."""
        r = self.racer(key)
        config = edited_config(r.config, changes, self.surface)
        r.reconfigure(config)
        if "colour" in changes:
            r.colour = str(changes["colour"])
        self._changed(self.racers)

    def _changed(self, racers: list[Racer]) -> None:
        before = self.selected
        self.racers = racers
        self.events.racers.emit(tuple(racers))
        self._emit_selected(before)

    # --- selection and view -----------------------------------------------------------------
    @property
    def selected(self) -> Racer | None:
        """The racer the panels show and edit: the chosen one, else the first."""
        for r in self.racers:
            if r.key == self._selected_key:
                return r
        return self.racers[0] if self.racers else None

    def select(self, key: int) -> None:
        before = self.selected
        self._selected_key = self.racer(key).key
        self._emit_selected(before)

    def _emit_selected(self, before: Racer | None) -> None:
        now = self.selected
        self._selected_key = now.key if now is not None else None
        if now is not before:
            self.events.selected.emit(now)

    def set_view_range(self, view: tuple[float, float, float, float]) -> None:
        """The part of the plane shown: (x0, x1, y0, y1), kept within what can be drawn."""
        view = clamp_view(view)
        if view != self.view_range:
            self.view_range = view
            self.events.view_range.emit(view)

    def set_log_scale(self, on: bool) -> None:
        if bool(on) != self.log_scale:
            self.log_scale = bool(on)
            self.events.log_scale.emit(self.log_scale)

    def set_speed(self, steps_per_tick: int, ticks_per_second: int) -> None:
        speed = (max(1, int(steps_per_tick)), max(1, int(ticks_per_second)))
        if speed != self.speed:
            self.speed = speed
            self.events.speed.emit(*speed)

    # --- stepping ---------------------------------------------------------------------------
    def active(self) -> list[Racer]:
        return [r for r in self.racers if r.enabled and r.run is not None]

    def step(self, k: int = 1, budget_s: float | None = None) -> None:
        """k updates of every enabled run that has not wholly diverged, then one event. With a
        time budget, stop early (between chunks) once it is spent: at high speeds the race slows
        down instead of the window freezing."""
        runs = [r.run for r in self.active() if r.run is not None]
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        left = k
        while left > 0:
            n = left if deadline is None else min(left, CHUNK)
            for run in runs:
                if not run.diverged.all():
                    run.step(n)
            left -= n
            if deadline is not None and time.perf_counter() > deadline:
                break
        self.events.stepped.emit(self.t)

    @property
    def t(self) -> int:
        return max((r.t for r in self.active()), default=0)

    # --- what the views show (plain arrays) ---------------------------------------------------
    def trails(self) -> tuple[list[tuple[str, Array, object, int]], Array, list[str]]:
        """(colour, recorded xy (count, 2), token, start index) per run point; heads (K, 2);
        their colours. The token changes when a trajectory is replaced or re-decimated."""
        trails, heads, colours = [], [], []
        for r in self.active():
            run = r.run
            assert run is not None and run.trajectory is not None
            tr = run.trajectory
            for i in range(run.n_points):
                trails.append((r.colour, tr.xy[i, : tr.count], (id(tr), tr.stride, i), i))
            heads.append(run.w)
            colours += [r.colour] * run.n_points
        return trails, (np.vstack(heads) if heads else np.zeros((0, 2))), colours

    def readouts(self) -> tuple[list[tuple], list[tuple]]:
        """Legend rows (key, colour, name, step, loss, |∇f|, lr, status text) and history curves
        (colour, steps, loss, lr, |∇f|, examples per step) per run point, read from core. The
        examples per step are the racer's current estimate's (0 on a surface without data)."""
        rows, curves = [], []
        for r in self.active():
            run = r.run
            assert run is not None and run.trajectory is not None
            loss, grad, status, lr = run.loss(), run.grad_norm(), run.status(), run.lr_now()
            tr, n = run.trajectory, run.trajectory.count
            for i in range(run.n_points):
                name = r.name if run.n_points == 1 else translate(
                    "Race", "{name} · start {i}").format(name=r.name, i=i + 1)  # fmt: skip
                rows.append((r.key, r.colour, name, run.t, float(loss[i]), float(grad[i]), lr,
                             STATUS_TEXT[status[i]]))  # fmt: skip
                cost = r.config.estimate.examples_per_step(self.surface.n_samples)
                curves.append((r.colour, tr.step[:n], tr.loss[i, :n], tr.lr[:n],
                               tr.grad_norm[i, :n], cost))  # fmt: skip
        return rows, curves
