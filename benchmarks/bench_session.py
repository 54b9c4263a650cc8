"""Scene files: save and open a race of 9 runs (every rule family, one start each) stepped 10 000
times on Himmelblau, one of them edited live at step 5 000; re-running it (what opening a file
without stored states does) takes the race's own stepping time. And opening (reading, checking,
restoring every run) a scene of 3 runs at step 1 000 000, each with the trail the Explorer keeps
by then (15 626 records, stride 64): runs store their state, so this does not grow with steps."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

import numpy as np

from core.io.scene import Scene, load_scene, save_scene
from core.race.model import Race
from core.race.scene import race_scene, restore_race
from surfaces.registry import get_surface

RULES = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "gd")
STEPS = 10_000


def _million_step_scene() -> Scene:
    """3 runs as they stand after 1 000 000 steps: the state of a short race with the step and
    trail size of a million steps (the time to open depends on sizes, not on the values)."""
    race = Race(get_surface("himmelblau"), critical=())
    for rule, lr in (("gd", 0.002), ("momentum", 0.002), ("adam", 0.05)):
        race.add_racer(rule, lr)
    race.step(500)
    t, stride = 1_000_000, 64
    steps = np.arange(0, t + 1, stride, dtype=np.int64)
    specs = []
    for spec in race_scene(race).runs:
        s = spec.state
        assert s is not None
        pick = np.linspace(0, len(s.trail_step) - 1, len(steps)).round().astype(int)
        big = dataclasses.replace(s, t=t, trail_step=steps, trail_xy=s.trail_xy[:, pick],
                                  trail_lr=np.full(len(steps), s.trail_lr[-1]), stride=stride)  # fmt: skip
        specs.append(dataclasses.replace(spec, steps=t, state=big))
    return dataclasses.replace(race_scene(race), runs=tuple(specs))


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
        stateless = tuple(dataclasses.replace(s, state=None) for s in scene.runs)
        restore_race(copy, dataclasses.replace(scene, runs=stateless))  # as older files open
        t3 = time.perf_counter()
        size = path.stat().st_size
        big = Path(d) / "million.json"
        save_scene(big, _million_step_scene())
        t4 = time.perf_counter()
        scene = load_scene(big)
        million = Race(scene.surface, critical=())
        restore_race(million, scene)
        t5 = time.perf_counter()
        assert million.t == 1_000_000
        big_size = big.stat().st_size
    assert all((a.run.w == b.run.w).all() for a, b in zip(race.racers, copy.racers, strict=True))
    return {
        "session_save_9x10k_ms": (t1 - t0) * 1e3,
        "session_parse_9x10k_ms": (t2 - t1) * 1e3,
        "session_replay_9x10k_s": t3 - t2,
        "session_file_kb": size / 1e3,
        "scene_open_3x1M_s": t5 - t4,
        "scene_3x1M_file_kb": big_size / 1e3,
    }
