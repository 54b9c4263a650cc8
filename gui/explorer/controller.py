"""ExplorerController: owns the race (surface, starts, runs) and the play timer; widgets talk to it
through plain-valued calls and listen to its signals. No widget reaches into another."""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from core.race.model import Race, RunSlot, critical_points
from core.race.overlays import gradient_arrows, overlay_segments
from core.runs.explain import Explanation, explain_step
from surfaces.base import Surface
from surfaces.errors import UserError
from surfaces.registry import get_surface

DEFAULT_SURFACE = "himmelblau"
TICK_BUDGET_S = 0.025  # the most stepping one timer tick may do
# The race ready at start: (rule, lr, extra hyperparameters).
DEFAULT_RACE: tuple[tuple[str, float, dict[str, object]], ...] = (
    ("gd", 0.01, {}),
    ("momentum", 0.004, {"momentum": 0.9}),
    ("adam", 0.1, {}),
)


def known_now(surface: Surface) -> tuple:
    """The surface's stored critical points, without waiting for a search: a surface whose
    ``known_critical`` is computed on access (a drawing) gets none until the search thread ends."""
    if isinstance(getattr(type(surface), "known_critical", None), property):
        return ()
    return tuple(surface.known_critical)


class ExplorerController(QObject):
    """Mediates between the Explorer's widgets and the core runs."""

    sigSurfaceChanged = Signal()  # a new surface (redraw heatmap, markers, starts)
    sigRunsChanged = Signal()  # runs added, removed, enabled or re-configured
    sigStepped = Signal()  # runs advanced or were reset: trails and readouts changed
    sigPlayingChanged = Signal(bool)
    sigError = Signal(str)  # a user-facing one-line message
    sigCriticalReady = Signal()  # the critical-point search for the current surface finished
    _sigFound = Signal(int, object)  # (search generation, points), from the search thread

    def __init__(self, surface: Surface | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        first = surface or get_surface(DEFAULT_SURFACE)
        self.race = Race(first, critical=known_now(first))
        self._threads: list[threading.Thread] = []
        self._generation = 0
        self._pending: tuple[Surface, int] | None = None
        self.values_hint: np.ndarray | None = None
        self._sigFound.connect(self._on_critical_found)
        for rule, lr, hyper in DEFAULT_RACE:
            self.race.add_slot(rule, lr, **hyper)
        self._grad_ref = self._gradient_scale()
        self._saddles = self._saddle_points()
        self.steps_per_tick = 1
        self.timer = QTimer(self)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self._on_timer_tick)
        self.search_critical()

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
        are used at once; the full search runs in a thread and replaces them when done.

        values: f on the heatmap grid if the caller has it (a drawing kept up to date bump by
        bump), saving a full recompute; keep_starts: restart from the current starts rather than
        the surface's default start (an edit of the same drawing); search: start the critical-point
        search now (a drawing being dragged defers it with search=False, then search_critical())."""
        starts = self.race.starts.copy() if keep_starts else None
        self.race.set_surface(surface, critical=known_now(surface))
        if starts is not None:
            self.race.starts = starts
            self.race.reset()
        self.values_hint = values
        self._grad_ref = self._gradient_scale()
        self._saddles = self._saddle_points()
        self.sigSurfaceChanged.emit()
        self.values_hint = None
        self.sigStepped.emit()
        if search:
            self.search_critical()
        else:
            self._generation += 1  # a search still running is for the previous version: stale
            self._pending = None

    def search_critical(self) -> None:
        """Search the current surface's critical points once the event loop is back, so the redraw
        of a new surface is not slowed by a thread competing for the interpreter."""
        self._generation += 1
        self._pending = (self.surface, self._generation)
        QTimer.singleShot(0, self._start_pending_search)

    def _start_pending_search(self) -> None:
        if self._pending is None:
            return
        surface, generation = self._pending
        self._pending = None
        self._threads = [t for t in self._threads if t.is_alive()]
        t = threading.Thread(target=self._search_worker, args=(surface, generation), daemon=True)
        self._threads.append(t)
        t.start()

    def _search_worker(self, surface: Surface, generation: int) -> None:  # in the search thread
        self._sigFound.emit(generation, critical_points(surface))

    def _on_critical_found(self, generation: int, points: tuple) -> None:
        if generation != self._generation:
            return  # the surface changed (or was edited) since this search started
        self.race.set_critical(points)
        self._saddles = self._saddle_points()
        self.sigCriticalReady.emit()

    def wait_for_critical(self, timeout: float = 10.0) -> None:
        """Block until searches finish, starting a pending one (tests, benchmarks, shutdown)."""
        self._start_pending_search()
        for t in list(self._threads):
            t.join(timeout)

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
        self.sigStepped.emit()

    def add_start(self, x: float, y: float) -> None:
        self.race.add_start(x, y)
        self.sigStepped.emit()

    def move_start(self, i: int, x: float, y: float) -> None:
        if 0 <= i < len(self.race.starts):
            self.race.move_start(i, x, y)
            self.sigStepped.emit()

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
        self.sigStepped.emit()

    def reset(self) -> None:
        self.race.reset()
        self.sigStepped.emit()

    def set_speed(self, steps_per_tick: int, ticks_per_second: int) -> None:
        self.steps_per_tick = max(1, int(steps_per_tick))
        self.timer.setInterval(max(1, round(1000 / max(1, ticks_per_second))))

    def _on_timer_tick(self) -> None:
        """Advance steps_per_tick updates, in chunks, stopping early when the tick's time budget
        is spent: at high speeds the race slows down instead of the window freezing."""
        left = self.steps_per_tick
        deadline = time.perf_counter() + TICK_BUDGET_S
        while left > 0:
            chunk = min(left, 16)
            self.race.step(chunk)
            left -= chunk
            if time.perf_counter() > deadline:
                break
        self.sigStepped.emit()

    # --- runs ---------------------------------------------------------------------------------
    @property
    def slots(self) -> list[RunSlot]:
        return self.race.slots

    def add_run(self, rule: str = "gd") -> int:
        s = self.race.add_slot(rule, 0.01)
        self.sigRunsChanged.emit()
        self.sigStepped.emit()
        return s.key

    def duplicate_run(self, key: int) -> int:
        s = self.race.duplicate_slot(key)
        self.sigRunsChanged.emit()
        self.sigStepped.emit()
        return s.key

    def remove_run(self, key: int) -> None:
        self.race.remove_slot(key)
        self.sigRunsChanged.emit()
        self.sigStepped.emit()

    def set_enabled(self, key: int, enabled: bool) -> None:
        self.race.set_enabled(key, enabled)
        self.sigRunsChanged.emit()
        self.sigStepped.emit()

    def edit_run(self, key: int, changes: dict[str, object]) -> bool:
        """Apply edits live (the next step uses them). Bad values: sigError, nothing changes."""
        if all(s.key != key for s in self.race.slots):
            return False  # a panel still showing a run that was just removed
        try:
            self.race.edit(key, **changes)
        except UserError as e:
            self.sigError.emit(str(e))
            self.sigRunsChanged.emit()  # let panels show the unchanged values again
            return False
        self.sigRunsChanged.emit()
        return True

    # --- derived views ------------------------------------------------------------------------
    def overlays(self, kinds: set[str]) -> dict[str, np.ndarray]:
        """Overlay segments of every active run, merged per kind. Gradient arrows of all heads
        come from one vectorized call (every run shares the surface)."""
        runs = [s.run for s in self.race.active() if s.run is not None]
        merged: dict[str, list[np.ndarray]] = {}
        if "gradient" in kinds and runs:
            heads = np.vstack([r.w[~r.diverged] for r in runs])
            merged["gradient"] = [
                gradient_arrows(self.surface, heads, self.race.span, self._grad_ref)
            ]
        rest = kinds - {"gradient"}
        for run in runs if rest else ():
            for k, seg in overlay_segments(run, rest, self.race.span, self._saddles).items():
                merged.setdefault(k, []).append(seg)
        return {k: np.vstack(v) for k, v in merged.items()}

    def explain(self, key: int, point: int = 0) -> Explanation | None:
        s = self.race.slot(key)
        if s.run is None:
            return None
        return explain_step(s.run, min(point, s.run.n_points - 1))

    def shutdown(self) -> None:
        """Stop the timer; drop a search not yet started and wait for a running one."""
        self.timer.stop()
        self._pending = None
        for t in list(self._threads):
            t.join(10.0)
