"""What-if recomputation (core, no Qt): each shown path is exactly a fresh Run of the racer's
current settings from its start, the same seed keeps the same noise, unchanged racers are not
recomputed, and the race goes on live from the recomputed paths."""

from __future__ import annotations

import numpy as np
import pytest

from core.optim.estimates import Estimate
from core.race.model import Race
from core.race.racer import racer_config
from core.race.whatif import HORIZON_MAX, HorizonError, WhatIf, check_horizon
from core.runs.run import Run
from surfaces.registry import get_surface


def fresh_path(race: Race, racer, steps: int) -> np.ndarray:
    """The oracle: a Run built here from the racer's settings, stepped on its own."""
    c = racer.config
    run = Run(race.surface, c.rule, c.hyper, c.schedule, race.starts, c.estimate, seed=c.seed)
    run.step(steps)
    assert run.trajectory is not None
    return run.trajectory.xy[:, : run.trajectory.count].copy()


def shown_path(racer) -> np.ndarray:
    tr = racer.run.trajectory
    return tr.xy[:, : tr.count]


@pytest.fixture
def race() -> Race:
    r = Race(get_surface("himmelblau"))
    r.add_racer("gd", 0.01)
    r.add_racer("momentum", 0.004, momentum=0.9)
    r.add_racer("adam", 0.1)
    return r


def test_recomputed_paths_equal_fresh_runs_of_the_new_settings(race) -> None:
    w = WhatIf(race, horizon=300)
    race.step(40)  # a live race under way, its history discarded by the mode
    w.recompute()
    gd, mom, adam = race.racers
    race.edit(gd.key, lr=0.02)
    race.edit(mom.key, momentum=0.7)
    race.edit(adam.key, schedule={"mode": "cosine_restarts", "t0": 40})
    race.set_starts(np.array([[1.0, -4.0], [-4.0, 4.0]]))
    assert w.recompute() == race.racers
    for r in race.racers:
        assert r.run.t == 300 and r.history == []
        assert np.array_equal(shown_path(r), fresh_path(race, r, 300))
    assert race.t == 300


def test_only_racers_whose_settings_changed_are_recomputed(race) -> None:
    w = WhatIf(race, horizon=200)
    w.recompute()
    before = [r.run for r in race.racers]
    gd = race.racers[0]
    race.edit(gd.key, lr=0.005)
    assert w.stale() == [gd]
    assert w.recompute() == [gd]
    assert [r.run for r in race.racers][1:] == before[1:]  # the same objects, untouched
    assert w.recompute() == []  # nothing left to do: no event, no redraw
    assert np.array_equal(shown_path(gd), fresh_path(race, gd, 200))


def test_a_recompute_is_one_event_and_the_horizon_is_respected(race) -> None:
    w = WhatIf(race, horizon=HORIZON_MAX)
    seen: list[int] = []
    race.events.stepped.connect(seen.append)
    w.recompute()
    assert seen == [HORIZON_MAX]
    assert w.recomputes == 1
    w.horizon = 50
    w.recompute()
    assert [r.run.t for r in race.racers] == [50, 50, 50]


def test_same_seed_same_noise_so_dragging_lr_shows_only_its_effect(race) -> None:
    race.set_racers([])
    noisy = race.add_racer(racer_config("sgd", 0.01).with_(estimate=Estimate("noise", sigma=5.0),
                                                         seed=7))  # fmt: skip
    w = WhatIf(race, horizon=150)
    w.recompute()
    first = shown_path(noisy).copy()
    assert np.array_equal(first, fresh_path(race, noisy, 150))
    race.edit(noisy.key, lr=0.011)
    w.recompute()
    assert np.array_equal(shown_path(noisy), fresh_path(race, noisy, 150))
    race.edit(noisy.key, lr=0.01)  # back: exactly the first path again (the same noise)
    w.recompute()
    assert np.array_equal(shown_path(noisy), first)


def test_new_seed_draws_another_sample_for_random_gradients_only(race) -> None:
    gd = race.racers[0]
    noisy = race.add_racer(racer_config("sgd", 0.01).with_(estimate=Estimate("noise", sigma=5.0)))
    w = WhatIf(race, horizon=100)
    w.recompute()
    old = shown_path(noisy).copy()
    assert w.new_seed(np.random.default_rng(1)) == [noisy]
    assert noisy.config.seed != 0 and gd.config.seed == 0
    assert w.recompute() == [noisy]
    assert not np.array_equal(shown_path(noisy), old)
    assert np.array_equal(shown_path(noisy), fresh_path(race, noisy, 100))


def test_the_race_goes_on_live_from_the_recomputed_paths(race) -> None:
    w = WhatIf(race, horizon=120)
    w.recompute()
    adam = race.racers[2]
    race.edit(adam.key, lr=0.05)
    w.recompute()
    assert not w.moved()
    race.step(30)  # the mode is off: the live race continues
    assert w.moved()
    for r in race.racers:
        assert r.run.t == 150
        assert np.array_equal(shown_path(r), fresh_path(race, r, 150))


def test_rebuilt_or_newly_enabled_runs_are_stale(race) -> None:
    w = WhatIf(race, horizon=80)
    w.recompute()
    race.reset()
    assert w.stale() == race.racers
    w.recompute()
    gd = race.racers[0]
    race.set_enabled(gd.key, False)
    assert w.stale() == []
    race.set_enabled(gd.key, True)
    assert w.stale() == [gd]


def test_a_diverging_run_stops_where_it_diverged(race) -> None:
    gd = race.racers[0]
    race.edit(gd.key, lr=10.0)
    w = WhatIf(race, horizon=1000)
    w.recompute()
    assert gd.run.diverged.all() and gd.run.t < 1000
    n = gd.run.trajectory.count
    assert np.array_equal(shown_path(gd), fresh_path(race, gd, 1000)[:, :n])


@pytest.mark.parametrize("bad", [0, -3, HORIZON_MAX + 1, 2.5, True, "300", None])
def test_bad_horizons_are_refused_with_the_allowed_range(bad) -> None:
    with pytest.raises(HorizonError, match="1 to 5,000"):
        check_horizon(bad)


def test_good_horizons_are_accepted() -> None:
    assert check_horizon(1) == 1
    assert check_horizon(np.int64(5000)) == 5000


# --- a drag computed ahead as one batch -------------------------------------------------------
def slider_rates() -> list[float]:
    """What the lr slider gives at its 1,001 ticks (the GUI's LogSlider.value_at, written out)."""
    return [float(f"{1e-5 * 1e6 ** (t / 1000):.3g}") for t in range(1001)]


def assert_same_run(a: Run, b: Run) -> None:
    """Everything a view reads and everything the race goes on from, bit for bit."""
    ta, tb = a.trajectory, b.trajectory
    assert a.t == b.t and ta.count == tb.count and ta.stride == tb.stride
    n = ta.count
    for x, y in ((ta.xy, tb.xy), (ta.loss, tb.loss), (ta.grad_norm, tb.grad_norm)):
        assert np.array_equal(x[:, :n], y[:, :n])
    assert np.array_equal(ta.lr[:n], tb.lr[:n]) and np.array_equal(ta.step[:n], tb.step[:n])
    assert np.array_equal(a.w, b.w) and np.array_equal(a.last_step, b.last_step)
    assert np.array_equal(a.diverged, b.diverged)
    for f, g in zip(a.state, b.state, strict=True):
        assert np.array_equal(f, g)


def oracle(race: Race, racer, steps: int) -> Run:
    c = racer.config
    run = Run(race.surface, c.rule, c.hyper, c.schedule, race.starts, c.estimate, seed=c.seed,
              max_points=20_000)  # fmt: skip
    run.step(steps)
    return run


@pytest.mark.parametrize(("k", "name", "values", "centre", "picks"), [
    (0, "lr", slider_rates(), 400, (380, 401, 455)),  # GD
    (2, "lr", slider_rates(), 700, (650, 699, 760)),  # Adam
    (1, "momentum", [t / 1000 for t in range(1000)], 900, (850, 877, 930)),
    (2, "beta1", [t / 1000 for t in range(1000)], 900, (800, 901, 990)),
    (3, "rms_momentum", [t / 1000 for t in range(1000)], 0, (100, 300, 700)),  # a slider's RMSprop μ
])  # fmt: skip
def test_a_drag_computed_ahead_shows_exactly_fresh_runs(race, k, name, values, centre, picks):
    race.set_starts(np.array([[1.0, -4.0], [-4.0, 4.0]]))
    race.add_racer("rmsprop", 0.01)
    w = WhatIf(race, horizon=250)
    w.recompute()
    r = race.racers[k]
    assert w.prepare(r.key, name, values, centre) > 100
    for i in picks:
        race.edit(r.key, **{name: values[i]})
        assert w.recompute() == [r] and not w.batch_missed
        assert_same_run(r.run, oracle(race, r, 250))
    assert w.adopted == len(picks)  # none of them was stepped on its own
    race.step(30)  # and the race goes on live from an adopted path as from its own
    assert_same_run(r.run, oracle(race, r, 280))


def test_a_value_beyond_the_batch_or_diverging_is_stepped_on_its_own(race) -> None:
    race.set_starts(np.array([[1.0, -4.0], [-4.0, 4.0]]))
    w = WhatIf(race, horizon=1000)
    w.recompute()
    gd = race.racers[0]
    rates = slider_rates()
    n = w.prepare(gd.key, "lr", rates, 200)
    assert 100 < n < len(rates)  # as many values as the batch's size allows
    race.edit(gd.key, lr=rates[520])  # far from the press: not in the batch
    w.recompute()
    assert w.batch_missed and w.adopted == 0
    assert_same_run(gd.run, oracle(race, gd, 1000))
    w.prepare(gd.key, "lr", rates, 820)
    race.edit(gd.key, lr=rates[830])  # in the batch, but GD diverges there: stopped early
    w.recompute()
    assert w.adopted == 0 and gd.run.diverged.all() and gd.run.t < 1000
    tr = gd.run.trajectory
    assert np.array_equal(shown_path(gd), fresh_path(race, gd, 1000)[:, : tr.count])


def test_no_batch_for_random_gradients_or_after_a_new_surface(race) -> None:
    w = WhatIf(race, horizon=100)
    gd, mom, _ = race.racers
    race.edit(gd.key, estimate_kind="noise", sigma=1.0)
    w.recompute()
    assert w.prepare(gd.key, "lr", slider_rates(), 300) == 0  # its noise depends on the batch
    assert w.prepare(mom.key, "lr", slider_rates(), 300) > 0
    race.set_surface(get_surface("rosenbrock"))
    race.edit(mom.key, lr=slider_rates()[301])
    w.recompute()
    assert w.adopted == 0
    assert np.array_equal(shown_path(mom), fresh_path(race, mom, 100))
