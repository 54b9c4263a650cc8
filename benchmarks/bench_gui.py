"""Explorer tab speed: a redraw tick with 9 runs on a 512×512 surface, a surface edit, and the
cold start of `main.py --screenshot` (a fresh process, to a painted window)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "gd")
TRAIL = 10_000


def _cold_start_s(cached: bool = True, repeats: int = 3) -> float:
    """Seconds from a fresh `main.py --screenshot` process to its painted picture, the best of
    ``repeats``. ``cached``: as every start after the first one on a user's machine, with Python's
    bytecode cache written (the first start compiles ~100 modules; a sandbox that sets
    PYTHONDONTWRITEBYTECODE would make every start pay that); else compiled afresh each time."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "shot.png")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if cached:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=os.path.join(d, "pyc"))
        cmd = [sys.executable, str(ROOT / "main.py"), "--screenshot", out]
        if cached:  # the first start after an install writes the cache
            subprocess.run(cmd, check=True, env=env, capture_output=True, cwd=ROOT)
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, capture_output=True, cwd=ROOT)
            best = min(best, time.perf_counter() - t)
        return best


def _bump_edits(app, c, tab) -> list[float]:
    """Add a bump to a drawing (values kept up to date per bump), restart, redraw."""
    try:
        from surfaces.drawn import Bump, DrawnGrid, DrawnSurface
    except ImportError:
        return []
    surface = DrawnSurface("himmelblau")
    grid = DrawnGrid(surface, n=tab.grid)
    c.set_surface(surface, values=grid.z)
    c.wait_for_critical()
    times = []
    for i in range(12):
        t = time.perf_counter()
        grid.add_bump(Bump(-4.0 + 0.7 * i, 3.0 - 0.5 * i, -40.0, 0.6))
        c.set_surface(surface, values=grid.z, keep_starts=True)
        tab.plot.viewport().repaint()
        times.append((time.perf_counter() - t) * 1000)
        c.wait_for_critical()  # the critical-point search ends in a thread, untimed
        app.processEvents()
    return times


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from surfaces.registry import get_surface

    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    app.processEvents()
    tab = win.explorer
    c = tab.controller
    for s in list(c.racers):
        c.remove_run(s.key)
    for rule in RULES:
        key = c.add_run(rule)
        c.edit_run(key, {"lr": 0.001})
    # Fill every trail to 10,000 points, then time steady ticks (one step + a forced paint).
    c.race.step(TRAIL)
    c.set_speed(1, 1000)
    c.play()  # as when playing: legend and side plots refresh 10 times a second, not every tick
    ticks = []
    for _ in range(150):
        t = time.perf_counter()
        c._on_timer_tick()
        tab.plot.viewport().repaint()
        ticks.append((time.perf_counter() - t) * 1000)
    c.pause()
    counts = [s.run.trajectory.count for s in c.race.active()]
    edits = []
    names = ("himmelblau", "rosenbrock", "six_hump_camel", "ackley")
    for i in range(16):
        surface = get_surface(names[i % len(names)])  # a fresh instance: nothing cached
        t = time.perf_counter()
        c.set_surface(surface)
        tab.plot.viewport().repaint()
        edits.append((time.perf_counter() - t) * 1000)
        # The full critical-point search finishes in a thread after the redraw; not timed.
        c.wait_for_critical()
        app.processEvents()
    bumps = _bump_edits(app, c, tab)
    win.shutdown()
    win.close()
    win.deleteLater()
    app.processEvents()
    ticks.sort()
    return {
        "tick_ms_median": statistics.median(ticks),
        "tick_ms_p90": ticks[int(0.9 * len(ticks))],
        "tick_ms_mean": float(np.mean(ticks)),
        "trail_points_per_run": float(min(counts)),
        "surface_edit_ms_median": statistics.median(edits),
        "bump_edit_ms_median": statistics.median(bumps) if bumps else float("nan"),
        "cold_start_s": _cold_start_s(),
        "cold_start_uncompiled_s": _cold_start_s(cached=False),
    }


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:<28} {v:10.3f}")
