"""Re-running a scene's runs without stored states, and its swarm, Qt-free: prepare_racers and
prepare_scene report their progress over the steps they re-run and stop when their cancel hook
says so, the race untouched; a swarm replayed off the race is attached to it on install."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.race.model import Race
from core.race.scene import (
    REPLAY_CHUNK,
    Cancelled,
    install_racers,
    prepare_racers,
    prepare_scene,
    race_scene,
    replay_steps,
)
from core.race.swarm import Swarm
from core.runs.swarm_spec import SwarmSpec
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


def _swarmed(steps: int):
    """A race of 2 runs with a swarm of 1 024 particles stepped live ``steps`` times, the second
    run edited live halfway."""
    race = Race(get_surface("himmelblau"), critical=())
    race.add_racer("gd", 0.002)
    race.add_racer("adam", 0.05)
    race.swarm = Swarm(race, SwarmSpec(n=1024))
    race.swarm.step(steps // 2)
    race.edit(race.racers[1].key, lr=0.01)
    race.swarm.step(steps - steps // 2)
    return race


def test_a_swarm_is_replayed_off_the_race_then_attached():
    race = _swarmed(300)
    scene = race_scene(race)
    assert replay_steps(scene) == 600  # the runs store their state: only the swarm re-runs
    target = Race(get_surface("himmelblau"), critical=())
    seen = []
    prepared = prepare_scene(target, scene, progress=seen.append)
    assert target.swarm is None and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) >= 2
    live = race.swarm
    for got, want in zip(prepared.racers, race.racers, strict=True):
        assert np.array_equal(prepared.swarm.runs[got.key].w, live.runs[want.key].w)
    install_racers(target, scene, prepared.racers, prepared.swarm)
    assert target.swarm is prepared.swarm and prepared.swarm.race is target
    target.swarm.step(1)  # it follows its new race: steps, and a live edit reaches it
    first = target.racers[0]
    before = first.config
    target.edit(first.key, lr=0.004)
    assert first.config != before and prepared.swarm.configs[first.key] == first.config


def test_cancel_stops_a_swarm_replay():
    scene = race_scene(_swarmed(2000))
    target = Race(get_surface("himmelblau"), critical=())
    asked = []
    with pytest.raises(Cancelled):
        prepare_scene(target, scene, cancel=lambda: asked.append(1) or len(asked) > 3)
    assert target.swarm is None and len(asked) == 4
