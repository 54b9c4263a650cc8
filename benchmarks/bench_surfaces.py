"""Surface figures: critical-point search, a drawn-surface edit on a 512² grid, grid evaluation."""

from __future__ import annotations

from benchmarks.timing import best_seconds
from surfaces.critical import find_critical_points
from surfaces.drawn import Bump, DrawnGrid, DrawnSurface
from surfaces.presets import get_preset
from surfaces.registry import get_surface


def run() -> dict[str, float]:
    # Fresh surfaces each time: find_critical_points caches per surface object.
    crit_h = 1000.0 * best_seconds(lambda: find_critical_points(get_preset("himmelblau")), 5)
    crit_r = 1000.0 * best_seconds(lambda: find_critical_points(get_preset("rastrigin")), 3)
    himmelblau = get_preset("himmelblau")
    grid_h = 1000.0 * best_seconds(lambda: himmelblau.grid(512), 10)
    logistic = get_surface("logistic_regression")
    grid_l = 1000.0 * best_seconds(lambda: logistic.grid(512), 3)

    drawn = DrawnSurface("himmelblau", [Bump(float(i % 5) - 2, float(i // 5) - 2, 20.0, 0.6)
                                        for i in range(20)])  # fmt: skip
    grid = DrawnGrid(drawn, 512)
    full = 1000.0 * best_seconds(grid.refresh, 3)
    k = [0]

    def move() -> None:  # drag bump 7 by a small step: subtract its old block, add the new one
        k[0] += 1
        grid.set_bump(7, Bump(0.01 * (k[0] % 50), 0.5, 20.0, 0.6))

    edit = 1000.0 * best_seconds(move, 50)
    add = 1000.0 * best_seconds(
        lambda: (grid.add_bump(Bump(1.0, 1.0, -10.0, 0.8)), grid.remove_bump(-1)), 50
    )
    return {
        "critical_himmelblau_ms": crit_h,
        "critical_rastrigin_441_ms": crit_r,
        "grid_himmelblau_512_ms": grid_h,
        "grid_logistic_512_ms": grid_l,
        "drawn_edit_512_ms": edit,
        "drawn_add_remove_512_ms": add,
        "drawn_full_recompute_512_20bumps_ms": full,
    }
