"""Critical-point search: counts and places against the reference, degenerate cases, the CLI."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from surfaces.critical import find_critical_points
from surfaces.drawn import Bump, DrawnSurface
from surfaces.presets import get_preset
from surfaces.registry import get_surface
from tests.clirun import run_cli


def kinds(points) -> Counter:
    return Counter(c.kind for c in points)


def assert_distinct(points, tol: float = 1e-6) -> None:
    xy = np.array([[c.x, c.y] for c in points])
    d = np.hypot(*(xy[:, None] - xy[None]).transpose(2, 0, 1)) + np.eye(len(xy))
    assert d.min() > tol


def test_himmelblau_nine_points_where_the_reference_puts_them() -> None:
    pts = find_critical_points(get_preset("himmelblau"), (-5, 5, -5, 5))
    assert kinds(pts) == Counter(minimum=4, maximum=1, saddle=4)
    assert_distinct(pts)
    minima = sorted((round(c.x, 6), round(c.y, 6)) for c in pts if c.kind == "minimum")
    ref = sorted([(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)])
    np.testing.assert_allclose(minima, ref, atol=2e-6)
    (mx,) = (c for c in pts if c.kind == "maximum")
    assert (mx.x, mx.y, mx.value) == pytest.approx((-0.270845, -0.923039, 181.617), abs=1e-3)
    for c in pts:  # eigenvalue signs agree with the kind
        lo, hi = c.eigenvalues
        assert {"minimum": lo > 0, "maximum": hi < 0, "saddle": lo < 0 < hi}[c.kind]


def test_six_hump_camel_fifteen_points() -> None:
    pts = find_critical_points(get_preset("six_hump_camel"), (-2, 2, -1, 1))
    assert kinds(pts) == Counter(minimum=6, maximum=2, saddle=7)
    assert_distinct(pts)
    glob = [c for c in pts if c.value < -1.03]
    assert sorted((round(c.x, 4), round(c.y, 4)) for c in glob) == [
        (-0.0898, 0.7127),
        (0.0898, -0.7127),
    ]


def test_rastrigin_count_matches_a_one_dimensional_root_count() -> None:
    # Separable: critical points are pairs of roots of g(t) = 2t + 20π sin 2πt; count sign changes.
    s = get_preset("rastrigin")
    t = np.linspace(-5.12, 5.12, 200_000)  # even: t = 0 (a root) is not on the grid
    g = 2 * t + 20 * np.pi * np.sin(2 * np.pi * t)
    roots = int(np.sum(np.sign(g[1:]) != np.sign(g[:-1])))
    n_min = int(np.sum((np.sign(g[1:]) > 0) & (np.sign(g[:-1]) < 0)))
    pts = find_critical_points(s)
    assert len(pts) == roots * roots
    assert kinds(pts)["minimum"] == n_min * n_min
    assert kinds(pts)["maximum"] == (roots - n_min) ** 2


def test_saddle_and_degenerate_monkey_saddle() -> None:
    (p,) = find_critical_points(get_preset("saddle"))
    assert (p.x, p.y, p.kind) == (0.0, 0.0, "saddle")
    assert p.eigenvalues == pytest.approx((-2.0, 2.0))
    (m,) = find_critical_points(get_preset("monkey_saddle"))
    assert m.kind == "degenerate"
    assert abs(m.x) < 1e-9 and abs(m.y) < 1e-9


def test_domain_restricts_the_search() -> None:
    pts = find_critical_points(get_preset("himmelblau"), (0, 5, 0, 5))
    got = sorted((round(c.x, 3), round(c.y, 3), c.kind) for c in pts)
    assert got == [(0.087, 2.884, "saddle"), (3.0, 2.0, "minimum"), (3.385, 0.074, "saddle")]


def test_drawn_surface_without_formula() -> None:
    # A narrow well dug into the plateau far from its own well: a new minimum and a saddle.
    s = DrawnSurface("plateau", [Bump(-2.5, -2.5, -1.0, 0.3)])
    pts = find_critical_points(s)
    assert kinds(pts) == Counter(minimum=2, saddle=1)
    new = min((c for c in pts if c.kind == "minimum"), key=lambda c: np.hypot(c.x + 2.5, c.y + 2.5))
    assert np.hypot(new.x + 2.5, new.y + 2.5) < 0.05
    h = 1e-6
    for c in pts:  # independent check: centred differences of f vanish there
        p = np.array([c.x, c.y])
        fd = [(s.value(p + e) - s.value(p - e)) / (2 * h) for e in np.eye(2) * h]
        assert np.hypot(*fd) < 1e-6
    # Editing the drawing changes the answer (the cache follows the revision).
    s.remove_bump(0)
    assert kinds(find_critical_points(s)) == Counter(minimum=1)


def test_line_of_critical_points_is_reported_once() -> None:
    pytest.importorskip("surfaces.formula")
    from surfaces.formula import FormulaSurface

    pts = find_critical_points(FormulaSurface("x**2"))
    assert len(pts) == 1 and pts[0].kind == "degenerate" and pts[0].x == 0.0


def test_known_critical_of_small_presets_and_showcases_is_complete() -> None:
    for name in ("himmelblau", "six_hump_camel", "beale", "goldstein_price", "rosenbrock", "booth",
                 "saddle", "local_vs_global", "plateau", "ellipse", "saddle_two_minima",
                 "linear_regression", "logistic_regression"):  # fmt: skip
        s = get_surface(name)
        found = sorted((round(c.x, 5), round(c.y, 5), c.kind) for c in find_critical_points(s))
        known = sorted((round(c.x, 5), round(c.y, 5), c.kind) for c in s.known_critical)
        assert found == known, name


def test_results_are_deterministic_and_cached() -> None:
    a = find_critical_points(get_preset("six_hump_camel"))
    b = find_critical_points(get_preset("six_hump_camel"))
    assert a == b
    s = get_preset("himmelblau")
    assert find_critical_points(s) is find_critical_points(s)


def test_cli_json_himmelblau() -> None:
    rc, out, err = run_cli("critical", "--surface", "himmelblau", "--domain", "-5,5,-5,5",
                           "--format", "json")  # fmt: skip
    assert rc == 0, err
    doc = json.loads(out)
    assert set(doc) == {"points"}
    pts = doc["points"]
    assert len(pts) == 9
    assert Counter(p["kind"] for p in pts) == Counter(minimum=4, maximum=1, saddle=4)
    for p in pts:
        assert set(p) == {"x", "y", "value", "kind", "eigenvalues"} and len(p["eigenvalues"]) == 2


def test_cli_text_one_line_per_point_and_negative_domain(cli) -> None:
    rc, out, err = cli("critical", "--surface", "six_hump_camel", "--domain", "-2,2,-1,1")
    assert rc == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 16  # header + 15
    assert len({len(line.split()[0]) <= 10 for line in lines[1:]}) == 1


def test_cli_bad_name_is_one_line_exit_2(cli) -> None:
    rc, out, err = cli("critical", "--surface", "nope", "--format", "json")
    assert rc == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "himmelblau" in err


def test_underflowed_tails_are_not_critical_points() -> None:
    pytest.importorskip("surfaces.formula")
    from surfaces.formula import FormulaSurface

    # exp(100xy) is exactly 0 (with ∇f and H) far into the xy < 0 quadrants: only the saddle is real.
    pts = find_critical_points(FormulaSurface("exp(100*x*y)"))
    assert [(c.x, c.y, c.kind) for c in pts] == [(0.0, 0.0, "saddle")]


def test_cli_huge_domains(cli) -> None:
    # A domain near the float limit: the seed grid must not overflow (no warnings on stderr) ...
    rc, out, err = cli("critical", "--formula", "(x-1)**2+(y-1)**2", "--domain", "0,1e300,0,1e300",
                       "--format", "json")  # fmt: skip
    assert rc == 0 and err == "", err
    assert [(p["x"], p["y"]) for p in json.loads(out)["points"]] == [(1.0, 1.0)]
    # ... and one whose width is not even a finite number is refused in one line.
    rc, out, err = cli("critical", "--formula", "x**2+y**2", "--domain=-1e308,1e308,-1,1")
    assert rc == 2 and err.count("\n") == 1 and "domain" in err, err
