"""The swarm (core/race/swarm.py, swarm_raster.py): particles move exactly as runs do, their shares
agree with `main.py basins`, live edits act on the next step, frames are drawn, memory stays put."""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from core.race.model import Race, critical_points
from core.race.racer import racer_config
from core.race.swarm import (
    MAX_PARTICLES,
    Swarm,
    SwarmError,
    SwarmSpec,
    by_minimum,
    swarm_starts,
)
from core.race.swarm_raster import (
    SwarmRaster,
    attractor_lut,
    hex_rgb,
    nearest_index,
    pack,
    unpack,
)
from core.runs.run import Run
from surfaces.registry import get_surface
from tests.reference_optim import ref_run
from tests.test_rules import himmel_grad, hp_dict

RACE = (("gd", 0.01, {}), ("momentum", 0.004, {"momentum": 0.9}), ("adam", 0.1, {}))


@pytest.fixture(scope="module")
def himmelblau():
    s = get_surface("himmelblau")
    return s, critical_points(s)


def make_race(himmelblau, rules=RACE) -> Race:
    s, crit = himmelblau
    race = Race(s, crit)
    for rule, lr, hp in rules:
        race.add_racer(racer_config(rule, lr, **hp))
    return race


def test_particles_equal_a_run_from_the_same_starts(himmelblau):
    race = make_race(himmelblau)
    spec = SwarmSpec("grid", 4096, (-5.0, 5.0, -5.0, 5.0))
    swarm = Swarm(race, spec)
    swarm.step(23)
    swarm.step(14, budget_s=10.0)
    for r in race.racers:
        c = r.config
        run = Run(race.surface, c.rule, c.hyper, c.schedule, swarm_starts(spec), c.estimate,
                  seed=c.seed, record=False)  # fmt: skip
        run.step(37)
        got = swarm.runs[r.key].w
        assert got.shape == (4096, 2)
        np.testing.assert_array_equal(got, run.w)  # exactly: the same arithmetic
        assert swarm.runs[r.key].t == 37


@pytest.mark.parametrize("i", [0, 1, 2])
def test_particles_follow_the_plain_reference(himmelblau, i):
    """Independent of core: a few particles against the plain-Python transcription of §1."""
    race = make_race(himmelblau)
    swarm = Swarm(race, SwarmSpec("cloud", 1024, (-5, 5, -5, 5), (1.0, -0.5), 2.0))
    swarm.step(30)
    r = race.racers[i]
    lr = RACE[i][1]
    for p in (0, 517, 1023):
        want = ref_run(r.config.rule, "textbook", himmel_grad, swarm.starts[p], [lr] * 30,
                       hp_dict(r.config.hyper))  # fmt: skip
        np.testing.assert_allclose(swarm.runs[r.key].w[p], want[-1], rtol=1e-10, atol=1e-12)


def test_starts_grid_is_the_basin_grid_and_cloud_fills_its_disc():
    g = swarm_starts(SwarmSpec("grid", 1024, (0.0, 4.0, -2.0, 2.0)))
    assert g.shape == (1024, 2)
    xs = np.unique(g[:, 0])
    np.testing.assert_allclose(xs, 0.0625 + 0.125 * np.arange(32))  # cell centres
    c = swarm_starts(SwarmSpec("cloud", 2000, (-5, 5, -5, 5), (1.0, 2.0), 0.5))
    d = np.hypot(c[:, 0] - 1.0, c[:, 1] - 2.0)
    assert d.max() <= 0.5 and len(np.unique(c, axis=0)) == 2000
    # evenly spread: each quarter of the disc holds a quarter of the points
    q = np.count_nonzero((c[:, 0] > 1.0) & (c[:, 1] > 2.0))
    assert abs(q - 500) < 25


@pytest.mark.parametrize("spec", [SwarmSpec(n=1000), SwarmSpec(n=MAX_PARTICLES + 1),
                                  SwarmSpec(kind="ring"), SwarmSpec(area=(1, 0, 0, 1)),
                                  SwarmSpec(kind="cloud", radius=0.0)])  # fmt: skip
def test_bad_specs_are_refused(spec):
    with pytest.raises(SwarmError):
        swarm_starts(spec)


def test_shares_sum_to_one_and_agree_with_the_basins_command(himmelblau, cli):
    race = make_race(himmelblau, (("adam", 0.05, {}),))
    domain = tuple(float(v) for v in race.surface.domain)
    swarm = Swarm(race, SwarmSpec("grid", 1024, domain))
    swarm.step(400)
    (share,) = swarm.shares()
    total = sum(a.fraction for a in share.attractors) + share.diverged + share.moving
    assert total == pytest.approx(1.0, abs=1e-12)
    rc, out, err = cli("basins", "--surface", "himmelblau", "--optimizer", "adam", "--lr", "0.05",
                       "--steps", "400", "--grid", "32", "--format", "json")  # fmt: skip
    assert rc == 0, err
    d = json.loads(out)
    want = sorted((round(a["x"], 6), round(a["y"], 6), a["fraction"]) for a in d["attractors"])
    got = sorted((round(a.x, 6), round(a.y, 6), a.fraction) for a in share.attractors)
    assert got == want and len(got) == 4  # converged into Himmelblau's four minima
    assert (share.diverged, share.moving) == (d["diverged"], d["unconverged"]) == (0.0, 0.0)


def test_shares_count_diverged_and_moving(himmelblau):
    race = make_race(himmelblau, (("gd", 0.05, {}), ("gd", 1e-5, {})))
    swarm = Swarm(race, SwarmSpec("grid", 1024, (-5, 5, -5, 5)))
    swarm.step(20)
    wild, slow = swarm.shares()
    assert wild.diverged > 0.5  # η far too large on Himmelblau's steep walls
    # barely started: only the starts already next to a critical point count as arrived
    assert slow.moving > 0.95 and slow.diverged == 0.0
    assert 0 < sum(a.fraction for a in slow.attractors) < 0.05


def test_live_edit_takes_effect_on_the_next_step(himmelblau):
    race = make_race(himmelblau)
    spec = SwarmSpec("grid", 1024, (-5, 5, -5, 5))
    swarm = Swarm(race, spec)
    swarm.step(10)
    adam = race.racers[2]
    before = swarm.runs[adam.key].w.copy()
    race.edit(adam.key, lr=0.02, beta1=0.5)
    swarm.step(1)
    # the oracle: a run taking 10 steps with the old settings, then one with the new ones
    old = racer_config("adam", 0.1)
    run = Run(race.surface, "adam", old.hyper, old.schedule, swarm_starts(spec), record=False)
    run.step(10)
    np.testing.assert_array_equal(run.w, before)
    run.hyper, run.schedule = adam.config.hyper, adam.config.schedule
    run.step(1)
    np.testing.assert_array_equal(swarm.runs[adam.key].w, run.w)
    unedited = Run(race.surface, "adam", old.hyper, old.schedule, swarm_starts(spec), record=False)
    unedited.step(11)
    assert np.abs(unedited.w - run.w).max() > 1e-6  # the edit changed the step
    assert swarm.history[adam.key][0][0] == 10  # remembered for a replay


def test_racers_added_removed_and_disabled_are_followed(himmelblau):
    race = make_race(himmelblau)
    swarm = Swarm(race, SwarmSpec("grid", 1024, (-5, 5, -5, 5)))
    swarm.step(3)
    gd, mom, _ = race.racers
    race.set_enabled(mom.key, False)
    race.remove_racer(gd.key)
    new = race.add_racer("rmsprop", 0.01)
    assert set(swarm.runs) == {race.racers[1].key, new.key}
    assert swarm.runs[new.key].t == 0 and swarm.t == 3
    swarm.close()
    race.add_racer("gd", 0.01)
    assert not swarm.runs  # a closed swarm no longer follows the race


def test_replay_reaches_the_same_particles_through_edits(himmelblau):
    race = make_race(himmelblau)
    swarm = Swarm(race, SwarmSpec("cloud", 1024, (-5, 5, -5, 5), (0.0, -4.0), 1.5))
    swarm.step(7)
    race.edit(race.racers[0].key, lr=0.03)
    swarm.step(5)
    race.edit(race.racers[1].key, schedule={"mode": "triangular", "base_lr": 0.001,
                                            "max_lr": 0.01, "step_size": 4})  # fmt: skip
    swarm.step(9)
    twin = swarm.replayed()
    for t in (0, 4, 12):
        twin.advance_to(t)
    twin.advance_to(21)
    for key, run in swarm.runs.items():
        np.testing.assert_array_equal(twin.runs[key].w, run.w)


def test_memory_does_not_grow_with_steps(himmelblau):
    race = make_race(himmelblau)
    swarm = Swarm(race, SwarmSpec("grid", 4096, (-5, 5, -5, 5)))
    raster = SwarmRaster()

    def tick(k: int) -> None:
        swarm.step(k)
        raster.draw([(run.w, np.array(pack((255, 0, 0)))) for _, run in swarm.layers()],
                    (-5, 5, -5, 5), (300, 300), fade=0.8)  # fmt: skip

    tick(20)
    tracemalloc.start()
    try:
        tick(5)
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(60):
            tick(5)
        now, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert swarm.t == 325
    assert now - base < 200_000  # no per-step history: 300 more steps add nothing that stays
    for run in swarm.runs.values():
        assert run.trajectory is None and run.w.shape == (4096, 2)


def test_raster_draws_every_particle_in_its_colour():
    raster = SwarmRaster()
    pts = np.array([[0.05, 0.05], [0.95, 0.95], [0.95, 0.05], [5.0, 5.0], [np.nan, 0.0]])
    red = np.array(pack(hex_rgb("#ff0000")))
    argb = raster.draw([(pts, red)], (0.0, 1.0, 0.0, 1.0), (10, 10))
    assert argb.shape == (10, 10) and argb.dtype == np.uint32
    rgba = unpack(argb)
    on = np.argwhere(rgba[..., 3] == 255)
    assert sorted(map(tuple, on)) == [(0, 0), (0, 9), (9, 9)]  # row 0 at y0; outside ones skipped
    assert tuple(rgba[9, 9]) == (255, 0, 0, 255)
    assert int(argb[9, 9]) == 0xFFFF0000  # what Qt's ARGB32_Premultiplied reads
    # a second frame with fade keeps a dimmer tail (colour and alpha alike) where it was
    raster.draw([(pts[:1] + 0.5, red)], (0.0, 1.0, 0.0, 1.0), (10, 10), fade=0.5)
    rgba = unpack(raster.argb)
    assert tuple(rgba[5, 5]) == (255, 0, 0, 255)
    assert tuple(rgba[0, 0]) == (127, 0, 0, 127)  # 255 × 128/256, premultiplied
    raster.draw([], (0.0, 1.0, 0.0, 1.0), (10, 10))
    assert raster.drawn == 0


def test_fade_scales_every_channel_exactly():
    raster = SwarmRaster()
    rng = np.random.default_rng(3)
    px = rng.integers(0, 256, (40, 40, 4), dtype=np.uint32)
    raster.draw([], (0, 1, 0, 1), (40, 40))
    raster.argb[...] = px[..., 3] << 24 | px[..., 0] << 16 | px[..., 1] << 8 | px[..., 2]
    raster.draw([], (0, 1, 0, 1), (40, 40), fade=0.75)
    want = (px * 192) >> 8  # each byte × round(256 · 0.75) / 256, rounded down
    np.testing.assert_array_equal(unpack(raster.argb), want.astype(np.uint8))


def test_attractor_colours_are_the_nearest_minimum(himmelblau):
    race = make_race(himmelblau)
    swarm = Swarm(race, SwarmSpec("grid", 1024, (-5, 5, -5, 5)))
    mins = swarm.minima()
    assert len(mins) == 4
    idx = nearest_index(mins + 0.1, mins)
    np.testing.assert_array_equal(idx, np.arange(4))
    lut = attractor_lut(len(mins))
    assert len(set(lut.tolist())) == 5  # four minima in four colours, and grey
    assert (nearest_index(mins, np.zeros((0, 2))) == 0).all()  # no minima: the grey entry


def test_shares_by_minimum_line_up_with_the_race_minima(himmelblau):
    race = make_race(himmelblau, (("adam", 0.05, {}),))
    swarm = Swarm(race, SwarmSpec("grid", 1024, (-5, 5, -5, 5)))
    swarm.step(400)
    (share,) = swarm.shares()
    mins = swarm.minima()
    row = by_minimum(share, mins, 10.0)
    assert row.shape == (5,) and row[-1] == 0.0
    for a in share.attractors:  # each minimum's column holds the share converged there
        j = int(np.argmin(np.hypot(mins[:, 0] - a.x, mins[:, 1] - a.y)))
        assert row[j] == a.fraction


def test_racers_piled_on_one_cell_all_show():
    """Three racers' particles on the same cells: mixed, each racer keeps some of the cells."""
    rng = np.random.default_rng(0)
    pts = rng.uniform(0, 1, (3000, 2))
    cols = [np.array(pack(c)) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    raster = SwarmRaster()
    raster.draw([(pts, c) for c in cols], (0, 1, 0, 1), (8, 8), mix=False)
    assert set(np.unique(raster.argb).tolist()) == {int(cols[2])}  # drawn in turn: the last wins
    raster.draw([(pts, c) for c in cols], (0, 1, 0, 1), (8, 8))
    shown = np.unique(raster.argb, return_counts=True)
    assert set(shown[0].tolist()) == {int(c) for c in cols} and shown[1].min() > 5


# --- scenes --------------------------------------------------------------------------------------
def _scene_race(himmelblau):
    race = make_race(himmelblau)
    race.swarm = Swarm(race, SwarmSpec("cloud", 1024, (-5, 5, -5, 5), (0.5, -1.0), 1.2, seed=3))
    race.swarm.colour_by = "attractor"
    race.swarm.step(8)
    race.edit(race.racers[2].key, lr=0.03, beta1=0.8)
    race.swarm.step(5)
    race.set_enabled(race.racers[0].key, False)  # sits out: no particles of its own
    return race


def test_scene_keeps_the_swarm_exactly_and_older_scenes_still_open(himmelblau):
    import copy

    from core.io.scene import VERSION, parse_scene, scene_to_dict
    from core.race.scene import race_scene, restore_race

    race = _scene_race(himmelblau)
    doc = scene_to_dict(race_scene(race))
    assert doc["version"] == VERSION  # an optional section: no new version
    sw = doc["swarm"]
    assert (sw["kind"], sw["particles"], sw["colour_by"]) == ("cloud", 1024, "attractor")
    assert [r["steps"] for r in sw["runs"]] == [0, 13, 13]
    assert [len(r["history"]) for r in sw["runs"]] == [0, 0, 1]
    scene = parse_scene(json.dumps(doc))
    fresh = Race(*himmelblau)
    keys = restore_race(fresh, scene)
    got = fresh.swarm
    assert isinstance(got, Swarm) and got.colour_by == "attractor" and got.spec == race.swarm.spec
    assert set(got.runs) == set(keys[1:])
    for old, new in zip(race.racers[1:], fresh.racers[1:], strict=True):
        np.testing.assert_array_equal(got.runs[new.key].w, race.swarm.runs[old.key].w)
        assert got.runs[new.key].t == 13
    # an older scene (no swarm section) opens, and restoring it drops the swarm
    older = copy.deepcopy(doc)
    del older["swarm"]
    restore_race(fresh, parse_scene(json.dumps(older)))
    assert fresh.swarm is None


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.update(particles=12), "1,024 to 65,536"),
    (lambda s: s.update(kind="ring"), "grid or a cloud"),
    (lambda s: s.update(area=[1, 0, 0, 1]), "x0 < x1"),
    (lambda s: s.update(colour_by="rainbow"), "colour_by"),
    (lambda s: s["runs"].pop(), "one entry per run"),
    (lambda s: s["runs"][2].update(steps=-1), r"swarm runs\[2\] steps"),
    (lambda s: s["runs"][2]["history"][0].update(until=99), "until"),
    (lambda s: s.update(extra=1), "unknown key 'extra'"),
])  # fmt: skip
def test_broken_swarm_sections_are_refused_in_one_line(himmelblau, change, message):
    from core.io.scene import SessionError, parse_scene, scene_to_dict
    from core.race.scene import race_scene

    doc = scene_to_dict(race_scene(_scene_race(himmelblau)))
    change(doc["swarm"])
    with pytest.raises(SessionError, match=message) as e:
        parse_scene(json.dumps(doc))
    assert "\n" not in str(e.value)


def test_two_pixel_dots_cover_their_square_and_stop_at_the_edges():
    raster = SwarmRaster()
    pts = np.array([[0.25, 0.25], [0.95, 0.95]])
    argb = raster.draw([(pts, np.array(pack((0, 255, 0))))], (0, 1, 0, 1), (10, 10), dot=2)
    on = sorted(map(tuple, np.argwhere(argb != 0)))
    assert on == [(2, 2), (2, 3), (3, 2), (3, 3), (9, 9)]
