"""A long race against a fresh one: the redraw tick (stepping at ×1000 within the tick's budget
plus a forced paint) of 3 noisy runs whose trails reach a new pixel at every step, at the start
and with full trails (20 000 records each, as after a long race: restored from a stored state, so
the benchmark does not take an hour). Flat figures mean rate and key response stay flat."""

from __future__ import annotations

import dataclasses
import statistics
import time


def _ticks(app, c, tab, n: int = 60) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        c._on_timer_tick()
        tab.plot.viewport().repaint()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run() -> dict[str, float]:
    from benchmarks.timing import shown_window

    with shown_window() as (app, win):
        return _measure(app, win)


def _measure(app, win) -> dict[str, float]:
    import numpy as np

    from core.race.model import TRAIL_POINTS
    from core.race.scene import race_scene
    from gui.session import show_scene

    tab, c = win.explorer, win.explorer.controller
    for r in list(c.racers):
        c.edit_run(r.key, {"estimate_kind": "noise", "sigma": 5.0})
    c.set_speed(1000, 60)
    c.play()  # legend and side plots refresh 10 times a second, as when playing
    short = _ticks(app, c, tab)
    c.pause()
    scene = race_scene(c.race)
    rng = np.random.default_rng(0)
    runs = []
    for spec in scene.runs:  # each trail a random walk of TRAIL_POINTS records, ending at the head
        s = spec.state
        n = TRAIL_POINTS
        walk = np.cumsum(rng.normal(scale=0.02, size=(1, n, 2)), axis=1)
        walk += s.w[:, None, :] - walk[:, -1:, :]
        t = s.t + n * 32
        big = dataclasses.replace(s, t=t, trail_step=np.append(np.arange(n - 1) * 32, t),
                                  trail_xy=walk, trail_lr=np.full(n, s.trail_lr[-1]), stride=32)  # fmt: skip
        runs.append(dataclasses.replace(spec, steps=t, state=big))
    show_scene(c, dataclasses.replace(scene, runs=tuple(runs)))
    app.processEvents()
    c.play()
    long = _ticks(app, c, tab)
    c.pause()
    return {"long_race_tick_ms_start": short, "long_race_tick_ms_full_trails": long}
