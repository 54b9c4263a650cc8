"""Re-running a scene's runs without stored states, Qt-free: prepare_racers reports its progress
over the steps it re-runs and stops when its cancel hook says so, the race untouched."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.race.model import Race
from core.race.scene import REPLAY_CHUNK, Cancelled, prepare_racers, race_scene, replay_steps
from surfaces.registry import get_surface


def _stateless(steps: int):
    race = Race(get_surface("himmelblau"), critical=())
    race.add_racer("gd", 0.002)
    race.add_racer("adam", 0.05)
    race.step(steps)
    scene = race_scene(race)
    runs = list(scene.runs)
    runs[0] = dataclasses.replace(runs[0], state=None)  # only the first is re-run
    return race, dataclasses.replace(scene, runs=tuple(runs))


def test_progress_counts_the_steps_re_run():
    race, scene = _stateless(2500)
    assert replay_steps(scene) == 2500
    seen = []
    target = Race(get_surface("himmelblau"), critical=())
    before = [(r.key, r.run.t) for r in target.racers]
    racers = prepare_racers(target, scene, progress=seen.append)
    # a report per chunk of steps re-run (the stored run adds none), rising to the whole
    assert seen == pytest.approx([1000 / 2500, 2000 / 2500, 1.0])
    assert REPLAY_CHUNK == 1000
    for got, want in zip(racers, race.racers, strict=True):
        assert got.run.t == want.run.t == 2500
        assert np.array_equal(got.run.w, want.run.w)
    assert [(r.key, r.run.t) for r in target.racers] == before  # built, not installed


def test_cancel_stops_the_replay_and_changes_nothing():
    _, scene = _stateless(5000)
    target = Race(get_surface("himmelblau"), critical=())
    before = [(r.key, r.run.t) for r in target.racers]
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3  # the third look: after 2 000 of 5 000 steps

    with pytest.raises(Cancelled):
        prepare_racers(target, scene, cancel=cancel)
    assert len(asked) == 3
    assert [(r.key, r.run.t) for r in target.racers] == before
    with pytest.raises(Cancelled):  # cancelled before it starts: nothing is run at all
        prepare_racers(target, scene, cancel=lambda: True)
