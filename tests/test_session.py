"""Scene files without Qt: round trips reproduce runs exactly, broken or newer files are refused
with one line, and writes are atomic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.io.scene import (
    VERSION,
    RunSpec,
    Scene,
    SessionError,
    load_scene,
    parse_scene,
    save_scene,
    scene_to_dict,
)
from core.network.model import Network
from core.network.slice import slice_directions
from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.race.model import Race
from core.race.scene import first_config, race_scene, replay, restore_race
from core.runs.config import RunConfig
from core.runs.run import Run
from surfaces.drawn import Bump, DrawnSurface
from surfaces.formula import FormulaSurface
from surfaces.registry import get_surface

STARTS = np.array([[0.3, -1.7], [-2.1, 1.1]])


def run_of(surface, spec: RunSpec, starts=STARTS) -> Run:
    """A fresh core Run built from a spec's first settings and replayed to its steps."""
    c = first_config(spec)
    run = Run(surface, c.rule, c.hyper, c.schedule, starts, c.estimate, seed=c.seed)
    replay(run, spec)
    return run


def assert_same_run(a: Run, b: Run) -> None:
    assert a.t == b.t and a.rule == b.rule
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.diverged, b.diverged)
    ta, tb = a.trajectory, b.trajectory
    assert ta.count == tb.count
    np.testing.assert_array_equal(ta.xy[:, : ta.count], tb.xy[:, : tb.count])


def round_trip(tmp_path: Path, scene: Scene) -> Scene:
    path = tmp_path / "scene.json"
    save_scene(path, scene)
    return load_scene(path)


CASES = [
    ("sgd", "textbook", Schedule(lr=0.01), Estimate()),
    ("momentum", "pytorch", Schedule("triangular", base_lr=0.001, max_lr=0.02, step_size=7),
     Estimate()),
    ("nesterov", "textbook", Schedule("cosine_restarts", lr=0.01, t0=9, t_mult=2), Estimate()),
    ("adam", "pytorch", Schedule("exp_range", base_lr=0.01, max_lr=0.2, gamma=0.99), Estimate()),
    ("rmsprop", "textbook", Schedule("step", lr=0.02, step_size=11, gamma=0.7),
     Estimate("noise", sigma=0.5)),
    ("adagrad", "pytorch", Schedule("triangular2", base_lr=0.05, max_lr=0.5), Estimate()),
]  # fmt: skip
SURFACES = {
    "named": lambda: get_surface("himmelblau"),
    "formula": lambda: FormulaSurface("x**2 - y**2 + 0.3*sin(3*x) + 0.1*y**4", (-3, 3, -2, 2)),
    "drawn": lambda: DrawnSurface(
        get_surface("booth"), [Bump(1.0, 2.0, -30.0, 0.8), Bump(-2, 0.5, 12.5, 1.3)]
    ),
}


@pytest.mark.parametrize("surface_kind", list(SURFACES))
@pytest.mark.parametrize("rule, convention, schedule, estimate", CASES)
def test_round_trip_reproduces_runs(tmp_path, surface_kind, rule, convention, schedule, estimate):
    surface = SURFACES[surface_kind]()
    hyper = default_hyper(rule, convention)
    spec = RunSpec(RunConfig(rule, hyper, schedule, estimate, seed=7), "#d6336c", steps=60)
    original = run_of(surface, RunSpec(spec.config, "#000000", steps=0))
    original.step(60)
    loaded = round_trip(tmp_path, Scene(surface, STARTS, (spec,)))
    (got,) = loaded.runs
    assert got == spec
    assert type(loaded.surface) is type(surface) and loaded.surface.domain == surface.domain
    p = np.random.default_rng(0).uniform(-2, 2, (50, 2))
    np.testing.assert_array_equal(loaded.surface.value(p), surface.value(p))
    assert_same_run(original, run_of(loaded.surface, got, loaded.starts))


def test_loaded_gd_run_matches_the_closed_form(tmp_path):
    # f = x² + 3y²: GD multiplies x by (1 − 2η) and y by (1 − 6η) at every step.
    surface = FormulaSurface("x**2 + 3*y**2")
    spec = RunSpec(RunConfig("gd", default_hyper("sgd"), Schedule(lr=0.1), Estimate()), "#112233",
                   steps=10)  # fmt: skip
    scene = round_trip(tmp_path, Scene(surface, np.array([[1.0, -2.0]]), (spec,)))
    run = run_of(scene.surface, scene.runs[0], scene.starts)
    np.testing.assert_allclose(run.w[0], [0.8**10, -2.0 * 0.4**10], rtol=1e-12)
    assert run.t == 10


def test_seed_is_kept_and_matters(tmp_path):
    surface = get_surface("rosenbrock")
    c = RunConfig("sgd", default_hyper("sgd"), Schedule(lr=1e-3), Estimate("noise", sigma=3.0))
    specs = (RunSpec(c.with_(seed=11), "#aa0000", steps=40),
             RunSpec(c.with_(seed=12), "#00aa00", steps=40))  # fmt: skip
    scene = round_trip(tmp_path, Scene(surface, STARTS, specs))
    a, b = (run_of(scene.surface, s) for s in scene.runs)
    assert [s.config.seed for s in scene.runs] == [11, 12]
    assert_same_run(a, run_of(surface, specs[0]))
    assert not np.array_equal(a.w, b.w)  # a different seed draws different noise


def test_race_with_live_edits_replays_exactly(tmp_path):
    """Edits made mid-race (rate, momentum, rule switch, schedule) are replayed at their step."""
    race = Race(get_surface("six_hump_camel"), critical=())
    for rule in ("gd", "momentum", "nesterov", "adam"):
        race.add_racer(rule, 0.01)
    race.add_start(1.0, -0.5)
    race.step(25)
    a, b, c, d = (s.key for s in race.racers)
    race.edit(b, lr=0.002, momentum=0.5)
    race.edit(c, rule="rmsprop")
    race.edit(a, colour="#123456")  # colour only: nothing to replay
    race.step(13)
    race.edit(d, schedule={"mode": "triangular"})
    race.edit(b, lr=0.003)
    race.step(9)
    race.set_enabled(c, False)
    race.select(b)
    race.set_view_range((-1.0, 1.5, -0.5, 2.0))
    race.set_speed(7, 30)
    scene = round_trip(tmp_path, race_scene(race))
    assert (scene.selected, scene.view, scene.speed) == (1, (-1.0, 1.5, -0.5, 2.0), (7, 30))
    assert [len(s.history) for s in scene.runs] == [0, 2, 0, 1]
    assert scene.runs[2].enabled is False and scene.runs[0].colour == "#123456"
    copy = Race(scene.surface, critical=())
    restore_race(copy, scene)
    assert [s.name for s in copy.racers] == [s.name for s in race.racers]
    assert copy.selected.name == race.selected.name and copy.speed == (7, 30)
    assert copy.view_range == (-1.0, 1.5, -0.5, 2.0)
    for old, new in zip(race.active(), copy.active(), strict=True):
        assert_same_run(old.run, new.run)
        assert new.config == old.config and new.history == old.history
    # the restored race goes on exactly like the original
    race.step(5)
    copy.step(5)
    for old, new in zip(race.active(), copy.active(), strict=True):
        np.testing.assert_array_equal(old.run.w, new.run.w)


def test_network_slice_is_stored_exactly(tmp_path):
    net = Network.random([2, 3, 1], "tanh", "sigmoid", seed=3)
    x = np.random.default_rng(1).normal(size=(12, 2))
    y = (x[:, :1] > 0).astype(float)
    surface = slice_directions(net, x, y, seed=5)
    c = RunConfig("sgd", default_hyper("sgd"), Schedule(lr=0.5), Estimate("minibatch", batch=4), 2)
    spec = RunSpec(c, "#445566", steps=30)
    loaded = round_trip(tmp_path, Scene(surface, np.array([[0.1, -0.2]]), (spec,)))
    p = np.random.default_rng(2).uniform(-1, 1, (20, 2))
    np.testing.assert_array_equal(loaded.surface.value(p), surface.value(p))
    assert loaded.surface.name == surface.name
    starts = np.array([[0.1, -0.2]])
    assert_same_run(run_of(surface, spec, starts), run_of(loaded.surface, loaded.runs[0], starts))


def test_unsavable_surface_is_refused(tmp_path):
    surface = FormulaSurface("x**2 + y**2")
    object.__setattr__(surface, "name", "formula")
    weird = get_surface("booth")
    weird.name = "no_such_surface"
    path = tmp_path / "s.json"
    with pytest.raises(SessionError, match="cannot be saved"):
        save_scene(path, Scene(weird, STARTS, ()))
    assert not path.exists() and list(tmp_path.iterdir()) == []


# --- broken and future files ---------------------------------------------------------------------
def good_doc() -> dict:
    c = RunConfig("adam", default_hyper("adam"), Schedule(lr=0.05), Estimate())
    scene = Scene(
        get_surface("beale"), STARTS, (RunSpec(c, "#abcdef", steps=5),), view=(-1, 1, -2, 2)
    )
    return json.loads(json.dumps(scene_to_dict(scene)))


def _set(path: str, value):
    def mutate(d):
        *keys, last = path.split(".")
        for k in keys:
            d = d[int(k)] if k.isdigit() else d[k]
        if value is KeyError:
            del d[int(last) if last.isdigit() else last]
        else:
            d[int(last) if last.isdigit() else last] = value

    return mutate


BROKEN = [
    ("version", _set("version", VERSION + 1), "newer than this app"),
    ("format", _set("format", "something-else"), "not a scene file"),
    ("no runs", _set("runs", KeyError), "missing 'runs'"),
    ("steps type", _set("runs.0.steps", "10"), "steps must be a whole number"),
    ("negative steps", _set("runs.0.steps", -1), "steps must be a whole number"),
    ("rule", _set("runs.0.rule", "lbfgs"), "unknown optimizer 'lbfgs'"),
    ("surface", _set("surface.name", "nowhere"), "unknown surface 'nowhere'"),
    ("surface kind", _set("surface.kind", "magic"), "unknown surface kind"),
    ("momentum", _set("runs.0.hyper.beta1", 1.5), r"beta1 must be in \[0, 1\)"),
    ("hyper key", _set("runs.0.hyper.betta", 0.5), "unknown key 'betta'"),
    ("hyper type", _set("runs.0.hyper.eps", "tiny"), "eps must be a finite number"),
    ("schedule", _set("runs.0.schedule.mode", "zigzag"), "unknown schedule 'zigzag'"),
    ("lr", _set("runs.0.schedule.lr", -0.1), "lr must be a finite number ≥ 0"),
    ("estimate", _set("runs.0.estimate", {"kind": "minibatch", "batch": 4}), "data-defined"),
    ("colour", _set("runs.0.colour", "red"), "colour must look like #rrggbb"),
    ("start", _set("starts.1", [1.0]), r"starts\[1\] must be a point"),
    ("view", _set("view", [1, 0, 0, 1]), "xmin < xmax"),
    ("history", _set("runs.0.history", [{"until": 9}]), "missing"),
    ("formula", _set("surface", {"kind": "formula", "expr": "x + import os", "domain": [0, 1, 0, 1]}),
     "formula|syntax|invalid"),
    ("drawn", _set("surface", {"kind": "drawn", "base": {"surface": "booth"},
                               "domain": [0, 1, 0, 1], "bumps": [{"x": 0}]}), "bump 0"),
]  # fmt: skip


@pytest.mark.parametrize("mutate, message", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_documents_are_refused_with_one_line(tmp_path, mutate, message):
    doc = good_doc()
    mutate(doc)
    path = tmp_path / "broken.json"
    text = json.dumps(doc)
    path.write_text(text)
    with pytest.raises(SessionError, match=message) as info:
        load_scene(path)
    assert "\n" not in str(info.value) and str(info.value).startswith("broken.json: ")
    assert path.read_text() == text  # loading never touches the file


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"format": "gd-explorer-scene", "version": 1,', "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "not a scene file"),
        ("[" * 100_000, "nested too deeply|not valid JSON"),
    ],
)
def test_malformed_json_is_refused(text, message):
    with pytest.raises(SessionError, match=message):
        parse_scene(text)


def test_nan_and_infinity_are_refused():
    for token in ("NaN", "Infinity", "-Infinity"):
        text = json.dumps(good_doc()).replace('"steps": 5', f'"steps": 5, "seed": {token}')
        with pytest.raises(SessionError, match="finite"):
            parse_scene(text)
    text = json.dumps(good_doc()).replace('"lr": 0.05', '"lr": NaN')
    with pytest.raises(SessionError, match="finite"):
        parse_scene(text)


def test_good_document_loads():
    scene = parse_scene(json.dumps(good_doc()))
    assert scene.view == (-1, 1, -2, 2) and scene.runs[0].steps == 5
    np.testing.assert_array_equal(scene.starts, STARTS)


# --- atomic writes ---------------------------------------------------------------------------------
def _paths(d, prefix=()):
    """Every (path to a value) in a JSON document."""
    yield prefix
    items = d.items() if isinstance(d, dict) else enumerate(d) if isinstance(d, list) else ()
    for k, v in items:
        yield from _paths(v, (*prefix, k))


JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(max_size=5),
    st.floats(allow_nan=False, allow_infinity=False), st.builds(list), st.builds(dict),
    st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=4),
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_corruption_is_refused_cleanly(data):
    doc = good_doc()
    paths = [p for p in _paths(doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        target = doc
        try:
            for k in path[:-1]:
                target = target[k]
            if data.draw(st.booleans()) and isinstance(target, dict):
                target.pop(path[-1], None)
            else:
                target[path[-1]] = data.draw(JUNK)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    try:
        scene = parse_scene(json.dumps(doc))
    except SessionError as e:
        assert "\n" not in str(e)
    else:
        assert all(np.isfinite(scene.starts).ravel())
        for spec in scene.runs:  # whatever loads must also run
            if spec.steps <= 1000:
                run_of(scene.surface, spec, scene.starts)


def test_saved_user_surface_keeps_its_name(tmp_path):
    surface = DrawnSurface(FormulaSurface("x**2 + y**2"), [Bump(0.5, 0.5, -1.0, 0.3)])
    surface.name, surface.title, surface.description = "user:bowl", "bowl", "Saved surface “bowl”"
    loaded = round_trip(tmp_path, Scene(surface, STARTS, ())).surface
    assert (loaded.name, loaded.title, loaded.description) == ("user:bowl", "bowl",
                                                               "Saved surface “bowl”")  # fmt: skip
    assert loaded.base.expr == "x**2 + y**2" and loaded.bumps == surface.bumps
    doc = good_doc()
    doc["surface"] = {
        "kind": "formula",
        "expr": "x*y",
        "domain": [0, 1, 0, 1],
        "label": {"name": 3},
    }
    with pytest.raises(SessionError, match="label"):
        parse_scene(json.dumps(doc))


def test_a_version_1_file_from_before_runconfig_still_opens():
    """A scene written by an earlier release (seed beside the settings, history entries without
    one) loads with every setting in place and the run's seed in each history entry."""
    text = """{"format": "gd-explorer-scene", "version": 1,
     "surface": {"kind": "named", "name": "booth"}, "starts": [[1.0, 2.0]],
     "runs": [{"name": "Momentum", "rule": "momentum",
               "hyper": {"momentum": 0.9, "convention": "pytorch"},
               "schedule": {"mode": "constant", "lr": 0.01},
               "estimate": {"kind": "noise", "batch": 8, "sigma": 0.25},
               "seed": 5, "colour": "#123456", "enabled": true, "steps": 20,
               "history": [{"rule": "sgd", "hyper": {}, "schedule": {"mode": "constant", "lr": 0.02},
                            "estimate": {"kind": "full"}, "until": 8}]}],
     "view": [-5, 5, -5, 5], "log_scale": false,
     "speed": {"steps_per_tick": 3, "ticks_per_second": 30}, "selected": 0}"""
    scene = parse_scene(text)
    (spec,) = scene.runs
    c = spec.config
    assert (c.rule, c.hyper.momentum, c.hyper.convention, c.schedule.lr) == (
        "momentum", 0.9, "pytorch", 0.01)  # fmt: skip
    assert (c.estimate.kind, c.estimate.sigma, c.seed) == ("noise", 0.25, 5)
    ((until, h),) = spec.history
    assert (until, h.rule, h.schedule.lr, h.estimate.kind, h.seed) == (8, "sgd", 0.02, "full", 5)
    assert (spec.colour, spec.steps, scene.speed, scene.selected) == ("#123456", 20, (3, 30), 0)
    # Replayed: 8 GD steps at 0.02 from (1, 2), then momentum. Booth's gradient by hand.
    run = run_of(scene.surface, spec, scene.starts)
    assert run.t == 20 and run.rule == "momentum"
    w = np.array([1.0, 2.0])
    for _ in range(8):
        x, y = w
        w = w - 0.02 * np.array([2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5),
                                 4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5)])  # fmt: skip
    tr = run.trajectory
    at8 = list(tr.step[: tr.count]).index(8)
    np.testing.assert_allclose(tr.xy[0, at8], w, rtol=1e-12)


def test_version_1_weight_decay_meant_adamw_only():
    """Version 1 stored weight_decay = 0.01 for every rule but only AdamW read it; now every rule
    that lists it reads it (torch's coupled L2), so a version-1 scene opens with λ = 0 elsewhere."""
    runs = [{"rule": r, "hyper": {"weight_decay": 0.01}, "schedule": {"mode": "constant"},
             "estimate": {"kind": "full"}, "colour": "#123456", "steps": 3}
            for r in ("adam", "adamw", "momentum")]  # fmt: skip
    doc = {"format": "gd-explorer-scene", "surface": {"kind": "named", "name": "booth"},
           "starts": [[1.0, 2.0]], "runs": runs}  # fmt: skip
    old = parse_scene(json.dumps({**doc, "version": 1}))
    assert [s.config.hyper.weight_decay for s in old.runs] == [0.0, 0.01, 0.0]
    new = parse_scene(json.dumps({**doc, "version": 2}))
    assert [s.config.hyper.weight_decay for s in new.runs] == [0.01, 0.01, 0.01]
