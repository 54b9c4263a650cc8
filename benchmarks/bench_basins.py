"""Basin map of Adam (lr 0.05) on Himmelblau, 256×256 starts × 500 steps: as `main.py basins`
computes it (forked processes, one per core) and as the GUI does (one process, in its worker)."""

from __future__ import annotations

from core.analysis.basins import basin_map, critical_points
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.procs import cpu_count
from surfaces.registry import get_surface


def run() -> dict[str, float]:
    s = get_surface("himmelblau")
    critical_points(s)  # cached per surface, as in the app (computed once for the markers)
    out = {}
    for key, procs in (("basins_adam_256x256x500_s", min(8, cpu_count())),
                       ("basins_adam_256x256x500_1proc_s", 1)):  # fmt: skip
        best = float("inf")
        for _ in range(3):  # the machine is shared: report the best of three
            r = basin_map(s, "adam", default_hyper("adam"), Schedule(lr=0.05), 500, 256,
                          processes=procs)  # fmt: skip
            best = min(best, r.compute_seconds)
        out[key] = best
    return out
