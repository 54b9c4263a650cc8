"""Scene files: save and open a race of 9 runs (every rule family, one start each) stepped 10 000
times on Himmelblau, one of them edited live at step 5 000. Opening re-runs every step, so its
time is the race's own stepping time; writing and parsing are small next to it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from core.io.scene import load_scene, save_scene
from core.race.model import Race
from core.race.scene import race_scene, restore_race
from surfaces.registry import get_surface

RULES = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "gd")
STEPS = 10_000


def run() -> dict[str, float]:
    race = Race(get_surface("himmelblau"), critical=())
    for rule in RULES:
        race.add_racer(rule, 0.002)
    race.step(STEPS // 2)
    race.edit(race.racers[1].key, lr=0.001)
    race.step(STEPS // 2)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "scene.json"
        t0 = time.perf_counter()
        save_scene(path, race_scene(race))
        t1 = time.perf_counter()
        scene = load_scene(path)
        t2 = time.perf_counter()
        copy = Race(scene.surface, critical=())
        restore_race(copy, scene)
        t3 = time.perf_counter()
        size = path.stat().st_size
    assert all((a.run.w == b.run.w).all() for a, b in zip(race.racers, copy.racers, strict=True))
    return {
        "session_save_9x10k_ms": (t1 - t0) * 1e3,
        "session_parse_9x10k_ms": (t2 - t1) * 1e3,
        "session_replay_9x10k_s": t3 - t2,
        "session_file_kb": size / 1e3,
    }
