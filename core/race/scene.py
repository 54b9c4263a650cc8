"""The Explorer's race as a scene and back, without Qt: what File > Save writes and Open restores."""

from __future__ import annotations

import numpy as np

from core.io.scene import Config, RunSpec, Scene, first_config, replay
from core.race.model import Race, RunSlot


def slot_spec(s: RunSlot) -> RunSpec:
    """A slot's full configuration, its edit history and its step count (0 when sitting out:
    a disabled run is not shown and restarts from step 0 when ticked again)."""
    run = s.run if s.enabled else None
    steps = run.t if run is not None else 0
    history = tuple(Config(r, h, sc, e, t) for t, r, h, sc, e in s.history) if steps else ()
    return RunSpec(Config(s.rule, s.hyper, s.schedule, s.estimate), s.colour, s.seed,
                   s.enabled, steps, s.name, history)  # fmt: skip


def race_scene(race: Race, **view: object) -> Scene:
    """The race as a scene; view holds view=, log_scale=, speed=, selected= (an index)."""
    specs = tuple(slot_spec(s) for s in race.slots)
    return Scene(race.surface, race.starts.copy(), specs, **view)  # type: ignore[arg-type]


def restore_race(race: Race, scene: Scene) -> list[int]:
    """Make the race the scene's (its surface must already be set): starts, slots, and every run
    replayed to its saved step. Returns the new slot keys in scene order."""
    race.slots = []
    race.starts = np.array(scene.starts, dtype=np.float64).reshape(-1, 2)
    keys = []
    for spec in scene.runs:
        c = first_config(spec)
        s = race.add_slot(c.rule, 0.01)
        s.hyper, s.schedule, s.estimate = c.hyper, c.schedule, c.estimate
        s.colour, s.seed, s.enabled = spec.colour, spec.seed, spec.enabled
        race.set_enabled(s.key, True)  # rebuild the run with the restored settings
        assert s.run is not None
        replay(s.run, spec)
        s.rule, s.hyper, s.schedule, s.estimate = (
            spec.config.rule, spec.config.hyper, spec.config.schedule, spec.config.estimate)  # fmt: skip
        s.history = [(h.until, h.rule, h.hyper, h.schedule, h.estimate) for h in spec.history]
        s.enabled = spec.enabled
        keys.append(s.key)
    return keys
