"""Swarm mode speed: one tick = every particle of every racer steps once and the frame is drawn
(the play timer's tick, then a forced paint of the plot, as the Explorer's tick benchmark does).
16,384 particles × GD, Momentum and Adam on Himmelblau, and 65,536 particles × Adam."""

from __future__ import annotations

import statistics
import time

TICKS = 120
CASES = {
    "16k_x3": (16_384, (("gd", 0.01, {}), ("momentum", 0.004, {"momentum": 0.9}),
                        ("adam", 0.1, {}))),
    "65k_x1": (65_536, (("adam", 0.1, {}),)),
}  # fmt: skip


def _ticks(app, win, n: int, racers) -> list[float]:
    from core.race.racer import racer_config

    tab = win.explorer
    c, mode = tab.controller, win.swarm_mode
    c.clear_runs()
    for rule, lr, hp in racers:
        c.add_run(racer_config(rule, lr, **hp))
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(n))
    mode.set_active(True)
    mode.drop_grid()
    app.processEvents()
    assert mode.swarm is not None and mode.swarm.n == n
    c.set_speed(1, 1000)
    c.play()  # as when playing: the table and legend refresh a few times a second, not every tick
    out, cpu = [], []
    for _ in range(TICKS):
        t, p = time.perf_counter(), time.process_time()
        c.timer.timeout.emit()  # the timer tick: in swarm mode it moves the swarm
        tab.plot.viewport().repaint()
        out.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - p) * 1000)
    c.pause()
    assert mode.swarm.t == TICKS
    mode.set_active(False)
    app.processEvents()
    return out, cpu


def run() -> dict[str, float]:
    from benchmarks.timing import shown_window

    out: dict[str, float] = {}
    with shown_window(extras=True) as (app, win):
        win.explorer.controller.wait_for_critical()
        app.processEvents()
        for name, (n, racers) in CASES.items():
            ticks, cpu = _ticks(app, win, n, racers)
            ticks.sort()
            out[f"swarm_tick_ms_median_{name}"] = statistics.median(ticks)
            out[f"swarm_tick_ms_p90_{name}"] = ticks[int(0.9 * len(ticks))]
            # the process's own CPU time per tick: what a tick costs when no one else needs the cores
            out[f"swarm_tick_cpu_ms_median_{name}"] = statistics.median(cpu)
    return out
