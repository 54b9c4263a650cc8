"""Showcase surfaces: exact derivatives, and each one stages the behaviour it promises."""

from __future__ import annotations

import numpy as np
import pytest

from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.run import Run
from surfaces.registry import get_surface
from surfaces.showcase import SHOWCASES

GROUPS = {
    "local_vs_global": "Local minima",
    "plateau": "Plateaus & valleys",
    "ellipse": "Plateaus & valleys",
    "saddle_two_minima": "Saddles",
}


def run(
    name: str, rule: str, lr: float, start, steps: int, estimate: Estimate | None = None
) -> Run:
    r = Run(get_surface(name), rule, default_hyper(rule, "textbook"),
            Schedule(mode="constant", lr=lr), np.array([start], dtype=float), estimate)  # fmt: skip
    r.step(steps)
    return r


@pytest.mark.parametrize("name", list(SHOWCASES))
def test_registered_in_its_group_with_text(name: str) -> None:
    s = get_surface(name)
    assert s.group == GROUPS[name] and s.title and len(s.description) > 40


@pytest.mark.parametrize("name", list(SHOWCASES))
def test_derivatives_match_finite_differences(name: str) -> None:
    s = get_surface(name)
    x0, x1, y0, y1 = s.domain
    xs, ys = np.linspace(x0, x1, 40), np.linspace(y0, y1, 40)
    p = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    h = 1e-5
    fd_g = np.stack([(s.value(p + e) - s.value(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    fd_h = np.stack([(s.gradient(p + e) - s.gradient(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    np.testing.assert_allclose(s.gradient(p), fd_g, rtol=1e-6, atol=1e-7 * np.abs(fd_g).max())
    np.testing.assert_allclose(s.hessian(p), fd_h, rtol=1e-6, atol=1e-7 * np.abs(fd_h).max())


def test_local_vs_global_momentum_escapes_where_gd_stays() -> None:
    s = get_surface("local_vs_global")
    mins = sorted((c for c in s.known_critical if c.kind == "minimum"), key=lambda c: c.value)
    assert len(mins) == 2 and [c.kind for c in s.known_critical].count("saddle") == 1
    # Hand check: on the valley floor y = 0.3x², f = x⁴/4 − x² + 0.3x.
    for c in mins:
        assert c.y == pytest.approx(0.3 * c.x**2)
        assert c.value == pytest.approx(c.x**4 / 4 - c.x**2 + 0.3 * c.x)
    assert mins[0].x < 0 < mins[1].x and mins[0].value < mins[1].value - 0.5
    gd = run("local_vs_global", "sgd", 0.01, (2.0, -1.0), 3000)
    mom = run("local_vs_global", "momentum", 0.01, (2.0, -1.0), 3000)
    assert gd.status() == ["local_min"] and gd.w[0, 0] > 0
    assert mom.status() == ["global_min"] and mom.w[0, 0] < 0


def test_plateau_gd_crawls_adam_arrives() -> None:
    s = get_surface("plateau")
    (c,) = s.known_critical
    assert (c.x, c.y, c.value, c.kind) == pytest.approx((1.0, 0.5, 0.0, "minimum"))
    start = (-3.0, -3.0)
    assert np.hypot(*s.gradient(np.array(start))) < 0.01  # the plain really is flat
    gd = run("plateau", "sgd", 0.1, start, 300)
    adam = run("plateau", "adam", 0.05, start, 300)
    assert np.hypot(*(gd.w[0] - start)) < 0.5
    assert np.hypot(gd.w[0, 0] - 1.0, gd.w[0, 1] - 0.5) > 4.0
    assert np.hypot(adam.w[0, 0] - 1.0, adam.w[0, 1] - 0.5) < 0.01


def test_ellipse_condition_number_and_momentum_speedup() -> None:
    s = get_surface("ellipse")
    ev = np.linalg.eigvalsh(s.hessian(np.zeros(2)))
    np.testing.assert_allclose(ev, [0.05, 5.0])
    # Independent check of the rotation: the steep axis is at 30° + 90°.
    v = np.array([-np.sin(np.pi / 6), np.cos(np.pi / 6)])
    assert float(s.value(v)) == pytest.approx(2.5)

    def steps_to_converge(rule: str, lr: float) -> int:
        r = run("ellipse", rule, lr, (-2.5, 2.0), 0)
        for k in range(1, 5000):
            r.step(1)
            if np.hypot(*r.w[0]) < 1e-3:
                return k
        return 5000

    gd = steps_to_converge("sgd", 0.39)  # near the best constant rate 2/(λmin + λmax)
    mom = steps_to_converge("momentum", 0.1)
    assert mom * 2 < gd


def test_saddle_two_minima_gd_stalls_noise_escapes() -> None:
    s = get_surface("saddle_two_minima")
    assert sorted(c.kind for c in s.known_critical) == ["minimum", "minimum", "saddle"]
    assert float(s.value(np.zeros(2))) == 0.5 and float(s.value(np.array([1.0, 0.0]))) == 0.0
    gd = run("saddle_two_minima", "sgd", 0.01, (0.0, 1.5), 2000)
    assert gd.status() == ["saddle"]
    noisy = run("saddle_two_minima", "sgd", 0.01, (0.0, 1.5), 3000, Estimate("noise", sigma=0.5))
    assert abs(abs(noisy.w[0, 0]) - 1.0) < 0.2
