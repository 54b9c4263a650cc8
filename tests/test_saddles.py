"""Saddles as a new user meets them: each saddle preset's default start lies on the line where GD
stalls, the descriptions say what the default start does, a snap puts a start exactly on such a
line, noise or a nudge escapes, Newton is attracted and saddle-free Newton escapes."""

from __future__ import annotations

import numpy as np
import pytest

from core.optim.estimates import Estimate
from core.race.model import Race, default_start
from core.race.racer import racer_config
from core.race.snap import nearest_line, snap_lines
from surfaces.registry import get_surface


def _race(name: str, start: tuple[float, float] | None = None, **config: object) -> Race:
    race = Race(get_surface(name))
    if start is not None:
        race.set_starts(np.array([start]))
    rule = str(config.pop("rule", "gd"))
    lr = float(config.pop("lr", 0.01))
    estimate = config.pop("estimate", None)
    c = racer_config(rule, lr, **config)
    if estimate is not None:
        c = c.with_(estimate=estimate)
    race.add_racer(c)
    return race


@pytest.mark.parametrize(("name", "line"), [("saddle", 1), ("saddle_two_minima", 0)])
def test_saddle_presets_start_on_the_stable_line(name: str, line: int) -> None:
    # x² − y²: the stable manifold of (0, 0) is y = 0; (x² − 1)²/2 + y²: it is x = 0.
    assert default_start(get_surface(name))[line] == 0.0


@pytest.mark.parametrize("name", ["saddle", "saddle_two_minima"])
def test_gd_from_the_default_start_stalls_with_a_falling_gradient(name: str) -> None:
    race = _race(name, lr=0.01)
    race.step(600)
    run = race.racers[0].run
    assert run is not None and run.status() == ["saddle"]
    g = run.trajectory.grad_norm[0, : run.trajectory.count]
    # what the side plot draws: |∇f| falls step after step (never rises), by orders of magnitude
    assert np.all(np.diff(g) <= 1e-15) and g[-1] < 1e-4 * g[0]
    assert np.hypot(*run.w[0]) < 0.01  # at the saddle (0, 0), not at a minimum


def test_descriptions_match_the_default_starts() -> None:
    """What each showcase's description promises, from its default start with default settings."""
    assert "y = 0" in get_surface("saddle").description
    assert "x = 0" in get_surface("saddle_two_minima").description
    # local_vs_global: "from the start at the lower right, plain GD settles in the shallow well
    # (−0.59); momentum carries over the ridge into the deep one (−1.43)" (with the window's own
    # default race: tests/test_gui_descriptions.py)
    assert default_start(get_surface("local_vs_global"))[0] > 1.0
    gd = _race("local_vs_global", lr=0.01)
    mom = _race("local_vs_global", rule="momentum", lr=0.01, momentum=0.9)
    gd.step(3000)
    mom.step(3000)
    assert gd.racers[0].run.status() == ["local_min"]
    assert float(gd.racers[0].run.loss()[0]) == pytest.approx(-0.59, abs=0.01)
    assert mom.racers[0].run.status() == ["global_min"]
    assert float(mom.racers[0].run.loss()[0]) == pytest.approx(-1.43, abs=0.01)


def test_snap_puts_a_near_click_exactly_on_the_line() -> None:
    s = get_surface("saddle")
    lines = snap_lines(s, s.known_critical)
    line = nearest_line(lines, 1.5, 0.07)
    assert line is not None and "y = 0" in line.label
    assert line.project(1.5, 0.07) == (1.5, 0.0)  # exactly: y is 0.0, not 1e-17
    # unsnapped, the same click escapes; snapped, it stalls
    off, on = _race("saddle", (1.5, 0.07)), _race("saddle", line.project(1.5, 0.07))
    off.step(600)
    on.step(600)
    assert off.racers[0].run.status() != ["saddle"] and abs(off.racers[0].run.w[0, 1]) > 1.0
    assert on.racers[0].run.status() == ["saddle"]


def test_snap_lines_follow_a_tilted_saddle() -> None:
    """Through a saddle whose axes are not the coordinate axes: its Hessian's eigen-directions."""
    from surfaces.critical import find_critical_points
    from surfaces.formula.surface import FormulaSurface

    s = FormulaSurface("x*y")  # saddle at (0, 0) with eigen-directions y = ±x
    lines = snap_lines(s, tuple(find_critical_points(s)))
    slopes = sorted(round(ln.dy / ln.dx, 9) for ln in lines if ln.dx and ln.dy)
    assert slopes == [-1.0, 1.0]
    x, y = nearest_line(lines, 1.0, 1.1).project(1.0, 1.1)
    assert x == pytest.approx(1.05) and y == pytest.approx(1.05)


def test_noise_and_a_nudge_escape_the_saddle() -> None:
    noisy = _race("saddle", lr=0.01, estimate=Estimate("noise", sigma=0.1))
    nudged = _race("saddle", (1.5, 1e-3), lr=0.01)
    for race in (noisy, nudged):
        race.step(600)
        run = race.racers[0].run
        assert run.status() != ["saddle"]
        assert abs(run.w[0, 1]) > 1.0  # down the falling direction −y² (off to ±∞)
    two = _race("saddle_two_minima", lr=0.1, estimate=Estimate("noise", sigma=0.1))
    two.step(300)
    w = two.racers[0].run.w[0]  # jittering (the noise never stops) in one of the valleys (±1, 0)
    assert abs(abs(w[0]) - 1.0) < 0.3 and float(two.racers[0].run.loss()[0]) < 0.05


def test_newton_is_attracted_and_saddle_free_newton_escapes() -> None:
    # Off the stable line on purpose: Newton still jumps to the saddle (a zero of ∇f), while
    # saddle-free Newton (|H|⁻¹g) moves downhill along the negative-curvature direction.
    for name, start in (("saddle", (1.0, 0.5)), ("saddle_two_minima", (0.3, 1.0))):
        newton = _race(name, start, rule="newton", lr=1.0)
        sfn = _race(name, start, rule="sfn", lr=1.0)
        newton.step(50)
        sfn.step(50)
        assert newton.racers[0].run.status() == ["saddle"], name
        assert np.hypot(*newton.racers[0].run.w[0]) < 1e-9
        assert sfn.racers[0].run.status() != ["saddle"], name
    assert sfn.racers[0].run.status() == ["global_min"]


def test_ellipse_description_zig_zag_near_the_limit_creep_below() -> None:
    """'GD's η must stay under 2/5 (near it GD zig-zags across), so it creeps along the floor'."""
    from surfaces.showcase import ELLIPSE_ANGLE

    across = np.array([-np.sin(ELLIPSE_ANGLE), np.cos(ELLIPSE_ANGLE)])  # the steep direction
    along = np.array([np.cos(ELLIPSE_ANGLE), np.sin(ELLIPSE_ANGLE)])
    fast, slow = _race("ellipse", lr=0.39), _race("ellipse", lr=0.01)
    fast.step(20)
    slow.step(300)
    v = fast.racers[0].run.trajectory.points(0) @ across
    assert np.all(np.sign(v[1:]) != np.sign(v[:-1]))  # the cross-valley coordinate flips each step
    u = slow.racers[0].run.w[0] @ along
    u0 = np.array(default_start(get_surface("ellipse"))) @ along
    assert abs(u) > 0.5 * abs(u0)  # 300 steps later still more than half way from the minimum
    too_big = _race("ellipse", lr=0.41)  # over 2/5: |1 − 5η| > 1, the zig-zag grows
    too_big.step(300)
    w = too_big.racers[0].run.trajectory.points(0) @ across
    assert abs(w[-1]) > 1000 * abs(w[0])
