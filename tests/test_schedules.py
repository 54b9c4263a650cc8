"""Schedules against their formulas (REFERENCE.md §2) and against step-by-step re-implementations of
torch's CyclicLR / CosineAnnealingWarmRestarts / StepLR / ExponentialLR state machines."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.optim.schedules import Schedule, ScheduleError

T = np.arange(0, 2000)


def cyclic_ref(t, base, mx, s, mode, gamma):
    cycle = math.floor(1 + t / (2 * s))
    x = abs(t / s - 2 * cycle + 1)
    scale = {"triangular": 1.0, "triangular2": 1 / 2 ** (cycle - 1), "exp_range": gamma**t}[mode]
    return base + (mx - base) * max(0.0, 1 - x) * scale


@pytest.mark.parametrize("mode", ["triangular", "triangular2", "exp_range"])
@pytest.mark.parametrize("s", [1, 7, 20])
def test_cyclic_formula(mode, s):
    sch = Schedule(mode, base_lr=0.001, max_lr=0.1, step_size=s, gamma=0.999)
    want = [cyclic_ref(t, 0.001, 0.1, s, mode, 0.999) for t in T]
    np.testing.assert_allclose(sch(T), want, rtol=1e-13, atol=1e-16)


def test_triangular_boundaries_by_hand():
    sch = Schedule("triangular", base_lr=0.0, max_lr=1.0, step_size=4)
    # up 0, .25, .5, .75, peak 1 at t = 4, down to 0 at t = 8, up again
    assert sch(np.arange(0, 10)).tolist() == [0, 0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25, 0.0, 0.25]
    tri2 = Schedule("triangular2", base_lr=0.0, max_lr=1.0, step_size=4)
    assert tri2.at(4) == 1.0
    assert tri2.at(12) == 0.5  # second cycle's peak is halved
    assert tri2.at(20) == 0.25


def sgdr_iterative(n, eta, eta_min, t0, mult):
    """torch CosineAnnealingWarmRestarts.step() without an epoch argument, as a loop."""
    out = []
    t_cur, t_i = 0, t0
    for _ in range(n):
        out.append(eta_min + (eta - eta_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2)
        t_cur += 1
        if t_cur >= t_i:
            t_cur -= t_i
            t_i *= mult
    return out


@pytest.mark.parametrize(("t0", "mult"), [(10, 1), (10, 2), (1, 2), (7, 3), (50, 1), (3, 5)])
def test_cosine_restarts_matches_torch_state_machine(t0, mult):
    sch = Schedule("cosine_restarts", lr=0.1, t0=t0, t_mult=mult, eta_min=0.001)
    np.testing.assert_allclose(sch(T), sgdr_iterative(len(T), 0.1, 0.001, t0, mult), rtol=1e-12)


def test_cosine_restart_points():
    sch = Schedule("cosine_restarts", lr=1.0, t0=10, t_mult=2, eta_min=0.0)
    # restarts at t = 10, 30, 70: the rate jumps back to η there
    for t in (0, 10, 30, 70, 150):
        assert sch.at(t) == pytest.approx(1.0)
    assert sch.at(5) == pytest.approx(0.5)  # halfway through the first period
    assert sch.at(20) == pytest.approx(0.5)  # halfway through the second (length 20)


def test_step_and_exponential_decay():
    st = Schedule("step", lr=0.1, step_size=3, gamma=0.5)
    assert st(np.arange(8)).tolist() == pytest.approx([0.1] * 3 + [0.05] * 3 + [0.025] * 2)
    ex = Schedule("exponential", lr=0.1, gamma=0.9)
    np.testing.assert_allclose(ex(np.arange(50)), 0.1 * 0.9 ** np.arange(50), rtol=1e-13)


def test_constant_and_scalar_evaluation():
    sch = Schedule(lr=0.03)
    assert sch.at(12345) == 0.03
    assert sch(np.arange(5)).shape == (5,)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"mode": "weird"}, "unknown schedule 'weird'"),
        ({"lr": -0.1}, "lr must be a finite number ≥ 0"),
        ({"lr": float("nan")}, "lr must be a finite number"),
        ({"mode": "triangular", "base_lr": 0.1, "max_lr": 0.01}, "max-lr"),
        ({"mode": "triangular", "step_size": 0}, "step-size must be a whole number from 1 to"),
        ({"mode": "cosine_restarts", "t0": 0}, "t0 must be a whole number from 1 to"),
        # beyond these the step arithmetic overflows (a scene with t0 1e19 once opened halfway)
        ({"mode": "cosine_restarts", "t0": 1e19}, "t0 must be a whole number from 1 to 1000000000"),
        ({"mode": "triangular", "step_size": 1e20}, "step-size must be a whole number from 1 to"),
        (
            {"mode": "cosine_restarts", "t_mult": 10**6},
            "t-mult must be a whole number from 1 to 1000",
        ),
        ({"mode": "exponential", "gamma": 1.5}, "gamma must be in"),
    ],
)
def test_bad_schedules(kwargs, fragment):
    with pytest.raises(ScheduleError, match=fragment):
        Schedule(**kwargs)


def test_user_edits_carry_the_rate_across_modes():
    const = Schedule(lr=0.05)
    cyc = const.edited({"mode": "triangular"})
    assert (cyc.max_lr, cyc.base_lr) == (0.05, 0.005)
    assert cyc.headline_lr == 0.05
    back = cyc.with_(max_lr=0.2).edited({"mode": "cosine_restarts"})
    assert back.lr == 0.2 and back.headline_lr == 0.2
    # the headline rate of a cyclic mode is its peak; base-lr follows it down, never up
    assert cyc.edited({}, lr=0.001).base_lr == 0.001
    assert cyc.edited({}, lr=0.5).base_lr == 0.005
    assert const.edited({}, lr=0.3) == Schedule(lr=0.3)
    assert const.edited({"mode": "step", "gamma": 0.5}).lr == 0.05


def test_triangular2_many_cycles_settles_at_base_without_overflow_warnings():
    # After ~1100 halvings 2^(cycle−1) overflows a float; the scale 1/2^(cycle−1) is just 0 there.
    s = Schedule("triangular2", base_lr=0.001, max_lr=0.1, step_size=1)
    t = np.arange(0, 3001)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        lr = s(t)
    assert lr[1] == pytest.approx(0.1)  # peak of the first cycle
    assert lr[3] == pytest.approx(0.001 + 0.099 / 2)  # second cycle: half the height
    assert lr[2999] == 0.001 and lr[3000] == 0.001
