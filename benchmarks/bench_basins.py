"""Basin map of Adam (lr 0.05) on Himmelblau: 256×256 starts × 500 steps, as `main.py basins`."""

from __future__ import annotations

from core.basins import basin_map, critical_points
from core.hyper import default_hyper
from core.schedules import Schedule
from surfaces.registry import get_surface


def run() -> dict[str, float]:
    s = get_surface("himmelblau")
    critical_points(s)  # cached per surface, as in the app (computed once for the markers)
    best = float("inf")
    for _ in range(3):  # the machine is shared: report the best of three
        r = basin_map(s, "adam", default_hyper("adam"), Schedule(lr=0.05), 500, 256)
        best = min(best, r.compute_seconds)
    return {"basins_adam_256x256x500_s": best}
