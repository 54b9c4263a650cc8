"""What-if mode: one change of the lr slider during a drag with 3 racers × 1,000 steps on Himmelblau,
from the slider's value to a painted window (the edit, the throttled recompute of the changed run —
taken from the batch computed when the slider was pressed — the redraw of every path, legend and
side plots, painting forced as the tick benchmark does); the press itself; a change not made by a
drag (stepped value by value); and a
start moved (every run recomputed), the default 300-step horizon, and the core's recompute
alone (what the 1,000 sequential steps of one single-point Run cost here)."""

from __future__ import annotations

import statistics
import time

HORIZON = 1000
CHANGES = 24


def _timed(app, tab, mode, change) -> float:
    t = time.perf_counter()
    change()
    mode.flush()  # what the throttle's timer does when the event loop is free
    tab.plot.viewport().repaint()
    tab.legend.viewport().repaint()
    ms = (time.perf_counter() - t) * 1000
    app.processEvents()
    return ms


def _core_recompute_ms() -> list[float]:
    """The recompute alone (no Qt): the GD racer's 1,000 steps after each lr change."""
    from core.race.model import Race
    from core.race.whatif import WhatIf
    from surfaces.registry import get_surface

    race = Race(get_surface("himmelblau"))
    for rule, lr in (("gd", 0.01), ("momentum", 0.004), ("adam", 0.1)):
        race.add_racer(rule, lr)
    mode = WhatIf(race, HORIZON)
    mode.recompute()
    out = []
    for i in range(CHANGES):
        race.edit(race.racers[0].key, lr=0.01 - 0.0002 * i)
        t = time.perf_counter()
        mode.recompute()
        out.append((time.perf_counter() - t) * 1000)
    return out


def run() -> dict[str, float]:
    from benchmarks.timing import shown_window

    with shown_window(1400, 900, extras=True) as (app, win):
        tab, mode = win.explorer, win.whatif
        c = tab.controller
        c.wait_for_critical()
        app.processEvents()
        mode.horizon.setValue(HORIZON)
        mode.action.setChecked(True)
        app.processEvents()
        slider = tab.runs.hyper.lr.slider  # the selected run's (GD) learning rate
        ticks = [slider.value() - 3 * (i + 1) for i in range(CHANGES)]
        press = _timed(app, tab, mode, lambda: slider.setSliderDown(True))  # batch computed ahead
        drags = [_timed(app, tab, mode, lambda v=v: slider.setValue(v)) for v in ticks]
        slider.setSliderDown(False)
        app.processEvents()
        typed = [_timed(app, tab, mode, lambda v=v: slider.setValue(v)) for v in ticks[:8]]
        starts = [_timed(app, tab, mode, lambda i=i: c.move_start(0, 0.05 * i, -4.5))
                  for i in range(1, 9)]  # fmt: skip
        mode.horizon.setValue(300)
        slider.setSliderDown(True)
        short = [_timed(app, tab, mode, lambda v=v: slider.setValue(v)) for v in ticks]
        slider.setSliderDown(False)
        mode.action.setChecked(False)
    return {
        "whatif_drag_ms_median": statistics.median(drags),
        "whatif_drag_ms_p90": sorted(drags)[int(0.9 * len(drags))],
        "whatif_drag_press_ms": press,
        "whatif_change_unbatched_ms_median": statistics.median(typed),
        "whatif_start_moved_ms_median": statistics.median(starts),
        "whatif_drag_300_ms_median": statistics.median(short),
        "whatif_core_recompute_ms_median": statistics.median(_core_recompute_ms()),
    }


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:<32} {v:10.3f}")
