"""Scenes store each run's whole state (version 3): opening takes no re-running, yet the stored
state is exactly what re-running the race gives (checked here against a replay of the same
settings and edits), and the restored race goes on exactly as the original would."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from core.io.scene import SessionError, load_scene, parse_scene, save_scene
from core.race.model import Race
from core.race.scene import prepare_racers, race_scene, restore_race
from core.runs.run import Run
from surfaces.registry import get_surface


def busy_race() -> Race:
    """Four racers over two starts: noise (a random stream), a live edit, a rule switch, and a
    point that diverges (its rule state goes non-finite)."""
    race = Race(get_surface("himmelblau"), critical=())
    race.add_racer("gd", 0.01)
    race.add_racer("momentum", 0.004, momentum=0.9)
    race.add_racer("adam", 0.1)
    race.add_racer("gd", 0.2)  # far too large a rate: diverges
    race.add_start(2.5, 3.0)
    race.edit(race.racers[1].key, estimate_kind="noise", sigma=2.0)
    race.step(40)
    race.edit(race.racers[1].key, lr=0.002)
    race.edit(race.racers[2].key, rule="rmsprop")
    race.step(35)
    return race


def assert_same(a: Run, b: Run) -> None:
    assert a.t == b.t and a.rule == b.rule
    np.testing.assert_array_equal(a.w, b.w)
    for fa, fb in zip(a.state, b.state, strict=True):
        np.testing.assert_array_equal(fa, fb)
    np.testing.assert_array_equal(a.diverged, b.diverged)
    np.testing.assert_array_equal(a.stopped_at, b.stopped_at)
    np.testing.assert_array_equal(a.last_step, b.last_step)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    ta, tb = a.trajectory, b.trajectory
    assert (ta.count, ta.stride) == (tb.count, tb.stride)
    n = ta.count
    np.testing.assert_array_equal(ta.step[:n], tb.step[:n])
    np.testing.assert_array_equal(ta.xy[:, :n], tb.xy[:, :n])
    np.testing.assert_array_equal(ta.lr[:n], tb.lr[:n])
    np.testing.assert_allclose(ta.loss[:, :n], tb.loss[:, :n], rtol=1e-13)


def test_stored_state_equals_a_rerun_and_goes_on_alike(tmp_path):
    race = busy_race()
    assert race.racers[3].run.diverged.any()  # the test covers a diverged point
    save_scene(tmp_path / "s.json", race_scene(race))
    scene = load_scene(tmp_path / "s.json")
    assert all(s.state is not None for s in scene.runs)
    stored = Race(scene.surface, critical=())
    restore_race(stored, scene)
    # the same scene without its states: every run re-run through its history
    rerun = Race(scene.surface, critical=())
    restore_race(rerun, dataclasses.replace(
        scene, runs=tuple(dataclasses.replace(s, state=None) for s in scene.runs)))  # fmt: skip
    for old, a, b in zip(race.racers, stored.racers, rerun.racers, strict=True):
        assert_same(a.run, b.run)
        assert_same(old.run, a.run)
        assert a.config == old.config and a.history == old.history
    for r in (race, stored, rerun):
        r.step(30)
    for old, a, b in zip(race.racers, stored.racers, rerun.racers, strict=True):
        assert_same(a.run, b.run)
        assert_same(old.run, a.run)


def test_opening_runs_no_step(tmp_path, monkeypatch):
    race = busy_race()
    save_scene(tmp_path / "s.json", race_scene(race))

    def refuse(self, k=1):
        raise AssertionError("opening a stored run must not step it")

    monkeypatch.setattr(Run, "step", refuse)
    copy = Race(get_surface("himmelblau"), critical=())
    restore_race(copy, load_scene(tmp_path / "s.json"))
    assert [r.t for r in copy.racers] == [r.t for r in race.racers] == [75, 75, 75, 40]


def test_a_long_trail_is_thinned_like_the_run_thins_it():
    run = Run(get_surface("himmelblau"), "gd", busy_race().racers[0].config.hyper,
              busy_race().racers[0].config.schedule, np.array([[0.0, -4.5]]), max_points=64)  # fmt: skip
    run.step(500)
    snap = run.snapshot().thinned(40)
    steps = snap.trail_step
    assert len(steps) <= 40 and steps[0] == 0 and steps[-1] == 500
    assert snap.stride == 2 * run.trajectory.stride
    assert all(s % snap.stride == 0 for s in steps[:-1])


def test_a_race_past_a_million_steps_is_written_and_opened(tmp_path):
    """The app wrote scenes at step 1 164 104 that it then refused: a stored run has no limit."""
    race = Race(get_surface("himmelblau"), critical=())
    race.add_racer("adam", 0.05)
    race.step(20)
    run = race.racers[0].run
    t = 1_164_104
    run.t = t  # as if it had run that long: the last record is at the run's step
    run.trajectory.step[run.trajectory.count - 1] = t
    save_scene(tmp_path / "long.json", race_scene(race))
    scene = load_scene(tmp_path / "long.json")
    assert scene.runs[0].steps == t
    copy = Race(scene.surface, critical=())
    restore_race(copy, scene)
    assert copy.t == t
    np.testing.assert_array_equal(copy.racers[0].run.w, run.w)


def _doc(race: Race, tmp_path) -> dict:
    save_scene(tmp_path / "s.json", race_scene(race))
    return json.loads((tmp_path / "s.json").read_text())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["runs"][0]["state"].update(points="AAAA"), "state points holds 0 numbers"),
        (lambda d: d["runs"][0]["state"].update(points="not base64!"), "not valid base64"),
        (lambda d: d["runs"][0].update(steps=3), "state is at step 75, not at its steps 3"),
        (lambda d: d["runs"][0]["state"].update(extra=1), "state has unknown key 'extra'"),
        (lambda d: d["runs"][0]["state"]["trail"].update(stride=3), "power of 2"),
        (lambda d: d.update(version=2), r"runs\[0\] has unknown key 'state'"),
    ],
)
def test_broken_states_are_refused_in_one_line(tmp_path, mutate, message):
    d = _doc(busy_race(), tmp_path)
    mutate(d)
    with pytest.raises(SessionError, match=message) as e:
        parse_scene(json.dumps(d))
    assert "\n" not in str(e.value)


def test_a_state_that_does_not_fit_its_rule_changes_nothing(tmp_path):
    """Opening is all-or-nothing: a run that cannot be rebuilt (an rmsprop state given to adam)
    refuses the whole scene before the race is touched."""
    d = _doc(busy_race(), tmp_path)
    d["runs"][2]["rule"] = "gd"  # its stored rule state has rmsprop's four fields, GD's one
    d["runs"][2]["history"] = []
    scene = parse_scene(json.dumps(d))
    target = Race(get_surface("rosenbrock"), critical=())
    target.add_racer("gd", 0.001)
    target.step(3)
    before = [(r.key, r.t) for r in target.racers]
    with pytest.raises(SessionError, match=r"runs\[2\] cannot be rebuilt"):
        prepare_racers(target, scene)
    with pytest.raises(SessionError):
        restore_race(target, scene)
    assert [(r.key, r.t) for r in target.racers] == before
    assert target.surface.name == "rosenbrock"


def test_trails_are_thinned_to_fit_the_file(tmp_path, monkeypatch):
    """However long the trails, what is written stays within what reading accepts: the longest
    trails are thinned (start and head exact) until all fit the budget."""
    import core.io.scene as scene_io

    monkeypatch.setattr(scene_io, "TRAIL_BYTES", 20_000)
    race = busy_race()
    race.step(400)
    before = [r.run.trajectory.count for r in race.racers]
    save_scene(tmp_path / "s.json", race_scene(race))
    scene = load_scene(tmp_path / "s.json")
    after = [len(s.state.trail_step) for s in scene.runs]
    assert sum(n * 16 * 3 for n in after) <= 20_000 < sum(n * 16 * 3 for n in before)
    copy = Race(scene.surface, critical=())
    restore_race(copy, scene)
    for old, new in zip(race.racers, copy.racers, strict=True):
        tr = new.run.trajectory
        assert tr.step[0] == 0 and tr.step[tr.count - 1] == old.run.t
        np.testing.assert_array_equal(tr.xy[:, tr.count - 1], old.run.w)
        np.testing.assert_array_equal(new.run.w, old.run.w)
