"""Surface switches are never silent: the advice names each racer whose estimate fell back to noise
and each rate that diverges on the new surface, with the surface's suggested rate; every
suggested rate in the registry really descends on its surface."""

from __future__ import annotations

import numpy as np
import pytest

from core.optim.schedules import Schedule
from core.optim.table import RULES, default_hyper
from core.race.advice import diverges_at, suggested_rate, surface_advice
from core.race.model import Race, default_start
from core.race.racer import racer_config
from core.runs.run import Run
from surfaces.registry import SUGGESTED_LR, get_surface, suggested_lr, surface_names


def _race() -> tuple[Race, int, int]:
    race = Race(get_surface("linear_regression"))
    sgd = race.add_racer(racer_config("sgd", 0.05))
    race.edit(sgd.key, estimate_kind="minibatch", batch=8)
    mom = race.add_racer(racer_config("momentum", 0.01))
    return race, sgd.key, mom.key


def test_a_mini_batch_racer_that_becomes_noise_is_named() -> None:
    race, sgd, _ = _race()
    race.set_surface(get_surface("rosenbrock"))
    assert race.fallbacks == ((sgd, "SGD (mini-batch 8)", "SGD (noise σ=1)"),)
    advice = {a.key: a for a in surface_advice(race.surface, race.racers, race.starts,
                                               race.fallbacks)}  # fmt: skip
    first = advice[sgd].lines[0]
    assert "SGD (mini-batch 8) is now SGD (noise σ=1)" in first and "Rosenbrock" in first


def test_a_rate_that_diverges_on_the_new_surface_is_named_with_the_suggestion() -> None:
    race, _, mom = _race()
    race.set_surface(get_surface("rosenbrock"))
    advice = {a.key: a for a in surface_advice(race.surface, race.racers, race.starts)}
    line = advice[mom].lines[-1]
    assert line.startswith("Momentum: η = 0.01 diverges at step ")
    assert f"try η = {SUGGESTED_LR['rosenbrock']['momentum']:g}" in line
    # The step it names: a plain loop of the textbook momentum update from the same start.
    w, h = np.array(race.starts[0]), np.zeros(2)
    f = get_surface("rosenbrock")
    step = int(line.split("step ")[1].split()[0])
    for _ in range(step):
        h = 0.9 * h + 0.01 * f.gradient(w[None])[0]
        w = w - h
    assert (
        not np.isfinite(f.value(w[None])[0])
        or np.abs(w).max() > 1e3
        or abs(f.value(w[None])[0]) > 1e6 * abs(f.value(race.starts)[0])
    )


def test_nothing_to_say_when_rates_suit_the_surface() -> None:
    race = Race(get_surface("rosenbrock"))
    race.add_racer(racer_config("sgd", suggested_lr("rosenbrock", "plain")))
    race.set_surface(get_surface("rosenbrock"))
    assert surface_advice(race.surface, race.racers, race.starts, race.fallbacks) == []


def test_formulas_have_no_suggestion_but_divergence_is_still_named() -> None:
    from surfaces.formula import FormulaSurface

    race = Race(FormulaSurface("50*x**2 + y**2"))
    r = race.add_racer(racer_config("sgd", 0.1))
    assert suggested_rate(race.surface, "sgd") is None
    assert diverges_at(race.surface, r, race.starts) is not None
    (advice,) = surface_advice(race.surface, race.racers, race.starts)
    assert "diverges" in advice.lines[0] and "try" not in advice.lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("name", surface_names())
def test_every_suggested_rate_descends_on_its_surface(name) -> None:
    """From a 5×5 grid of starts over the domain none of the rules of a kind diverges in 300
    steps at the suggested rate, and from the default start the loss falls (both conventions)."""
    s = get_surface(name)
    x0, x1, y0, y1 = s.domain
    xs = np.linspace(x0 + 0.1 * (x1 - x0), x1 - 0.1 * (x1 - x0), 5)
    ys = np.linspace(y0 + 0.1 * (y1 - y0), y1 - 0.1 * (y1 - y0), 5)
    grid = np.array([(x, y) for x in xs for y in ys])
    start = np.array([default_start(s)])
    for rule, info in RULES.items():
        lr = suggested_lr(name, info.kind)
        if lr is None:
            continue
        for conv in ("textbook", "pytorch"):
            hyper = default_hyper(rule, conv)
            spread = Run(s, rule, hyper, Schedule(lr=lr), np.vstack([grid, start]), record=False)
            spread.step(300)
            assert not spread.diverged.any(), (name, rule, conv, lr)
            run = Run(s, rule, hyper, Schedule(lr=lr), start)
            before = float(run.loss()[0])
            run.step(300)
            assert float(run.loss()[0]) < before, (name, rule, conv, lr)
