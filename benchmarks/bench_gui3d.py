"""Issue 7's views, end to end in the window: a 128² basin map (click to overlay drawn), a
60-rate × 3-rule lr sweep and a 40² η × momentum map (click to plot drawn), and the 3D view's
per-frame geometry for 9 runs with 10,000-point trails (numpy part; the GL upload needs a display)."""

from __future__ import annotations

import statistics
import time

import numpy as np


def _until_idle(app, worker) -> None:
    while worker.running:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def run() -> dict[str, float]:
    from benchmarks.timing import shown_window

    with shown_window(1400, 900) as (app, win):
        return _measure(app, win)


def _measure(app, win) -> dict[str, float]:
    from gui.analysis import basins_panel, sweep_panel
    from gui.analysis.view3d_scene import lifted, surface_mesh, thin

    basins = basins_panel.install(win).widget()
    sweeps = sweep_panel.install(win).widget()
    app.processEvents()
    tab = win.explorer
    c = tab.controller
    c.wait_for_critical()
    app.processEvents()
    out: dict[str, float] = {}

    basins.area.setCurrentText("whole surface")
    adam = next(s for s in c.racers if s.config.rule == "adam")
    c.select(adam.key)
    times = []
    for _ in range(3):
        basins.compute()
        _until_idle(app, basins.worker)
        times.append(basins.last_seconds)
    out["basin_128x500_adam_e2e_s"] = min(times)
    out["basin_128x500_adam_core_s"] = basins.result.compute_seconds

    lr = sweeps.lr_page
    for r, box in lr.rule_boxes.items():
        box.setChecked(r in ("sgd", "momentum", "adam"))
    t = time.perf_counter()
    lr.compute()
    _until_idle(app, lr.worker)
    out["lr_sweep_60x3x500_e2e_s"] = time.perf_counter() - t

    mp = sweeps.map_page
    c.select(next(s for s in c.racers if s.config.rule == "momentum").key)
    mp.refresh_from_race()
    t = time.perf_counter()
    mp.compute()
    _until_idle(app, mp.worker)
    out["map_40x40x300_e2e_s"] = time.perf_counter() - t

    xs, ys, z = c.surface.grid(160)
    t = time.perf_counter()
    m = surface_mesh(xs, ys, z, False, 4.0)[0]
    out["view3d_mesh_160_ms"] = (time.perf_counter() - t) * 1000
    rng = np.random.default_rng(0)
    trails = [rng.uniform(-5, 5, (10_000, 2)) for _ in range(9)]
    frames = []
    for _ in range(20):
        t = time.perf_counter()
        for xy in trails:
            p = thin(xy)
            lifted(m, p, c.surface.value(p))
        frames.append((time.perf_counter() - t) * 1000)
    out["view3d_trails_9x10k_ms"] = statistics.median(frames)

    basins.shutdown()
    sweeps.shutdown()
    return out
