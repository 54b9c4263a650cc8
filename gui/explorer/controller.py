"""ExplorerController: owns the race model (core.race.model.Race), the play timer and the
critical-point search worker. Widgets call its plain-valued methods and listen to its signals,
each of which relays one model event with its new value. No widget reaches into another."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from core.race.model import Race, critical_points
from core.race.overlays import eigen_segments, gradient_arrows, overlay_segments
from core.race.racer import Racer, racer_config
from core.runs.config import RunConfig
from core.runs.explain import Explanation, explain_step
from gui.widgets.worker import TaskWorker
from surfaces.base import CriticalPoint, Surface
from surfaces.errors import UserError
from surfaces.registry import get_surface

DEFAULT_SURFACE = "himmelblau"
TICK_BUDGET_S = 0.025  # the most stepping one timer tick may do
# The race ready at start.
DEFAULT_RACE: tuple[RunConfig, ...] = (
    racer_config("gd", 0.01),
    racer_config("momentum", 0.004, momentum=0.9),
    racer_config("adam", 0.1),
)


def known_now(surface: Surface) -> tuple:
    """The surface's stored critical points, without waiting for a search: a surface whose
    ``known_critical`` is computed on access (a drawing) gets none until the search ends."""
    if isinstance(getattr(type(surface), "known_critical", None), property):
        return ()
    return tuple(surface.known_critical)


class ExplorerController(QObject):
    """Mediates between the Explorer's widgets and the race model."""

    sigSurfaceChanged = Signal(object, object)  # (Surface, f on the heatmap grid or None)
    sigCriticalReady = Signal(tuple)  # the surface's critical points (the search finished)
    sigStartsChanged = Signal(object)  # (K, 2) start points: runs restarted from them
    sigRacersChanged = Signal(tuple)  # racers added, removed, enabled or re-configured
    sigSelectedChanged = Signal(object)  # the selected Racer, or None
    sigStepped = Signal(int)  # runs advanced or were reset: the race's step count
    sigViewRangeChanged = Signal(tuple)  # (x0, x1, y0, y1) shown
    sigLogScaleChanged = Signal(bool)
    sigSpeedChanged = Signal(int, int)  # updates per tick, ticks per second
    sigPlayingChanged = Signal(bool)
    sigError = Signal(str)  # a user-facing one-line message

    def __init__(self, surface: Surface | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        first = surface or get_surface(DEFAULT_SURFACE)
        self.race = Race(first, critical=known_now(first))
        self.search = TaskWorker(self)
        self.search.sigFinished.connect(self._on_search_finished)
        self._pending: Surface | None = None
        for config in DEFAULT_RACE:
            self.race.add_racer(config)
        self._grad_ref = self._gradient_scale()
        self._saddles = self._saddle_points()
        self.timer = QTimer(self)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self._on_timer_tick)
        self.tick_override: Callable[[], None] | None = None  # called by the timer instead
        self._relay_events()
        self.search_critical()

    def _relay_events(self) -> None:
        ev = self.race.events
        ev.surface.connect(self._on_race_surface)
        ev.critical.connect(self._on_race_critical)
        ev.speed.connect(self._on_race_speed)
        for event, signal in ((ev.starts, self.sigStartsChanged),
                              (ev.racers, self.sigRacersChanged),
                              (ev.selected, self.sigSelectedChanged),
                              (ev.stepped, self.sigStepped),
                              (ev.view_range, self.sigViewRangeChanged),
                              (ev.log_scale, self.sigLogScaleChanged)):  # fmt: skip
            event.connect(signal.emit)

    # --- surface and starts -------------------------------------------------------------------
    @property
    def surface(self) -> Surface:
        return self.race.surface

    def set_surface_name(self, name: str) -> None:
        try:
            self.set_surface(get_surface(name))
        except UserError as e:
            self.sigError.emit(str(e))

    def set_surface(self, surface: Surface, values: np.ndarray | None = None,
                    keep_starts: bool = False, search: bool = True) -> None:  # fmt: skip
        """Replace the surface (or show an edited one); runs restart. Its stored critical points
        are used at once; the full search runs in the background and replaces them when done.

        values: f on the heatmap grid if the caller has it (a drawing kept up to date bump by
        bump), saving a full recompute; keep_starts: restart from the current starts rather than
        the surface's default start (an edit of the same drawing); search: start the critical-point
        search now (a drawing being dragged defers it with search=False, then search_critical())."""
        starts = self.race.starts.copy() if keep_starts else None
        self.race.set_surface(surface, critical=known_now(surface), starts=starts, values=values)
        if not search:
            self._pending = None
            self.search.cancel()  # a search still running is for the previous version: stale

    def _on_race_surface(self, surface: Surface, values: np.ndarray | None) -> None:
        self._grad_ref = self._gradient_scale()
        self._saddles = self._saddle_points()
        self.sigSurfaceChanged.emit(surface, values)
        self.search_critical()

    def search_critical(self) -> None:
        """Search the current surface's critical points once the event loop is back, so the redraw
        of a new surface is not slowed by a thread competing for the interpreter."""
        self._pending = self.surface
        self.search.cancel()  # its result would be for another surface
        QTimer.singleShot(0, self._start_pending_search)

    def _start_pending_search(self) -> None:
        surface, self._pending = self._pending, None
        if surface is not None:
            self.search.start(lambda _progress, _cancel: (surface, critical_points(surface)))

    def _on_search_finished(self, found: tuple[Surface, tuple[CriticalPoint, ...]]) -> None:
        surface, points = found
        if surface is self.surface:  # else the surface changed since this search started
            self.race.set_critical(points)

    def _on_race_critical(self, points: tuple) -> None:
        self._saddles = self._saddle_points()
        self.sigCriticalReady.emit(points)

    def wait_for_critical(self, timeout: float = 10.0) -> None:
        """Block until searches finish, starting a pending one (tests, benchmarks, shutdown);
        the result arrives with the next turn of the event loop."""
        self._start_pending_search()
        self.search.wait(timeout)

    def _gradient_scale(self) -> float:
        """Median |∇f| on a coarse grid: the length at which gradient arrows are half-size."""
        x0, x1, y0, y1 = self.surface.domain
        xs, ys = np.meshgrid(np.linspace(x0, x1, 24), np.linspace(y0, y1, 24))
        with np.errstate(all="ignore"):
            g = self.surface.gradient(np.stack([xs, ys], axis=-1))
        n = np.hypot(g[..., 0], g[..., 1])
        n = n[np.isfinite(n)]
        return float(np.median(n)) if n.size and np.median(n) > 0 else 1.0

    def _saddle_points(self) -> np.ndarray:
        crit = self.race.critical
        pts = [(c.x, c.y) for c in crit if c.kind in ("saddle", "degenerate")]
        return np.array(pts, dtype=np.float64).reshape(-1, 2)

    def restart_at(self, x: float, y: float) -> None:
        self.race.restart_at(x, y)

    def add_start(self, x: float, y: float) -> None:
        self.race.add_start(x, y)

    def move_start(self, i: int, x: float, y: float) -> None:
        if 0 <= i < len(self.race.starts):
            self.race.move_start(i, x, y)

    # --- playing ------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if not self.playing:
            self.timer.start()
            self.sigPlayingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self.timer.stop()
            self.sigPlayingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step_once(self) -> None:
        """Advance every enabled run by one update (whatever the speed setting)."""
        self.race.step(1)

    def reset(self) -> None:
        self.race.reset()

    def set_speed(self, steps_per_tick: int, ticks_per_second: int) -> None:
        self.race.set_speed(steps_per_tick, ticks_per_second)

    def _on_race_speed(self, steps_per_tick: int, ticks_per_second: int) -> None:
        self.timer.setInterval(max(1, round(1000 / ticks_per_second)))
        self.sigSpeedChanged.emit(steps_per_tick, ticks_per_second)

    def _on_timer_tick(self) -> None:
        if self.tick_override is not None:  # a mode that moves something else (the swarm)
            self.tick_override()
            return
        self.race.step(self.race.speed[0], budget_s=TICK_BUDGET_S)

    # --- racers, selection, view ----------------------------------------------------------------
    @property
    def racers(self) -> list[Racer]:
        return self.race.racers

    @property
    def selected(self) -> Racer | None:
        return self.race.selected

    def select(self, key: int) -> None:
        if any(r.key == key for r in self.race.racers):
            self.race.select(key)

    def add_run(self, config: RunConfig | str = "gd") -> int:
        """Add a racer (a rule name starts at lr 0.01 with its defaults); returns its key."""
        return self.race.add_racer(config, 0.01).key

    def duplicate_run(self, key: int) -> int:
        return self.race.duplicate_racer(key).key

    def remove_run(self, key: int) -> None:
        self.race.remove_racer(key)

    def clear_runs(self) -> None:
        self.race.set_racers([])

    def new_race(self) -> None:
        """The default surface, race and speed, as at first start."""
        self.pause()
        self.clear_runs()
        self.set_surface(get_surface(DEFAULT_SURFACE))
        for config in DEFAULT_RACE:
            self.add_run(config)
        self.set_speed(1, 60)

    def set_enabled(self, key: int, enabled: bool) -> None:
        self.race.set_enabled(key, enabled)

    def edit_run(self, key: int, changes: dict[str, object]) -> bool:
        """Apply edits live (the next step uses them). Bad values: sigError, nothing changes."""
        if all(r.key != key for r in self.race.racers):
            return False  # a panel still showing a run that was just removed
        try:
            self.race.edit(key, **changes)
        except UserError as e:
            self.sigError.emit(str(e))
            self.sigRacersChanged.emit(tuple(self.race.racers))  # panels show the old values
            return False
        return True

    def set_view_range(self, view: tuple[float, float, float, float]) -> None:
        self.race.set_view_range(view)

    def set_log_scale(self, on: bool) -> None:
        self.race.set_log_scale(on)

    # --- derived views ------------------------------------------------------------------------
    def overlays(self, kinds: set[str]) -> dict[str, np.ndarray]:
        """Overlay segments of every active run, merged per kind. Gradient arrows and Hessian
        directions of all heads come from one vectorized call each (every run shares the
        surface)."""
        runs = [r.run for r in self.race.active() if r.run is not None]
        merged: dict[str, list[np.ndarray]] = {}
        heads = np.vstack([r.w[~r.diverged] for r in runs]) if runs else np.zeros((0, 2))
        if "gradient" in kinds and runs:
            merged["gradient"] = [
                gradient_arrows(self.surface, heads, self.race.span, self._grad_ref)
            ]
        if "eigen" in kinds:  # near a saddle, whichever run's head it is
            eigen = eigen_segments(self.surface, heads, self.race.span, self._saddles)
            merged.update({k: [seg] for k, seg in eigen.items()})
        rest = kinds - {"gradient", "eigen"}
        for run in runs if rest else ():
            for k, seg in overlay_segments(run, rest, self.race.span, self._saddles).items():
                merged.setdefault(k, []).append(seg)
        return {k: np.vstack(v) for k, v in merged.items()}

    def explain(self, key: int, point: int = 0) -> Explanation | None:
        r = self.race.racer(key)
        if r.run is None:
            return None
        return explain_step(r.run, min(point, r.run.n_points - 1))

    def shutdown(self) -> None:
        """Stop the timer; drop a search not yet started and wait for a running one."""
        self.timer.stop()
        self._pending = None
        self.search.wait(10.0)
