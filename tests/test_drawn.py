"""Drawn surfaces: bump maths, derivatives, the incremental grid, files and their errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from core.io.drawn_file import load_drawn, save_drawn
from surfaces.base import SurfaceError
from surfaces.drawn import Bump, DrawnGrid, DrawnSurface, bump_grid
from surfaces.presets import get_preset

BUMPS = [Bump(1.0, 1.5, 40.0, 0.7), Bump(-2.0, -1.0, -60.0, 1.2), Bump(0.3, -3.0, 25.0, 0.4)]


def drawing() -> DrawnSurface:
    return DrawnSurface("himmelblau", BUMPS)


def test_bump_adds_its_height_at_the_centre_and_e_half_one_width_away() -> None:
    s = DrawnSurface("himmelblau", [Bump(1.0, 2.0, 5.0, 0.5)])
    base = get_preset("himmelblau")
    for p, k in [((1.0, 2.0), 1.0), ((1.5, 2.0), np.exp(-0.5)), ((1.0, 1.0), np.exp(-2.0))]:
        assert float(s.value(np.array(p)) - base.value(np.array(p))) == pytest.approx(5.0 * k)
    # At the centre the bump adds no slope and −h/w² of curvature on each axis.
    c = np.array([1.0, 2.0])
    np.testing.assert_allclose(s.gradient(c) - base.gradient(c), [0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(s.hessian(c) - base.hessian(c), [[-20.0, 0.0], [0.0, -20.0]])


def test_derivatives_match_finite_differences_over_the_domain() -> None:
    s = drawing()
    xs = np.linspace(-5, 5, 30)
    p = np.stack(np.meshgrid(xs, xs), axis=-1).reshape(-1, 2)
    h = 1e-5
    fd_g = np.stack([(s.value(p + e) - s.value(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    fd_h = np.stack([(s.gradient(p + e) - s.gradient(p - e)) / (2 * h) for e in np.eye(2) * h], -1)
    scale_g = np.abs(fd_g).max()
    np.testing.assert_allclose(s.gradient(p), fd_g, rtol=1e-6, atol=1e-7 * scale_g)
    np.testing.assert_allclose(s.hessian(p), fd_h, rtol=1e-6, atol=1e-7 * np.abs(fd_h).max())
    assert s.value(p.reshape(30, 30, 2)).shape == (30, 30)


def test_bump_grid_is_the_bump_on_its_block_and_negligible_outside() -> None:
    xs = np.linspace(-5, 5, 101)
    ys = np.linspace(-4, 4, 81)
    b = Bump(0.5, -1.0, 3.0, 0.3)
    rows, cols, block = bump_grid(b, xs, ys)
    full = 3.0 * np.exp(-((xs[None, :] - 0.5) ** 2 + (ys[:, None] + 1.0) ** 2) / (2 * 0.09))
    np.testing.assert_allclose(block, full[rows, cols], rtol=1e-12)
    outside = full.copy()
    outside[rows, cols] = 0.0
    assert outside.max() < 1e-15


def test_incremental_grid_equals_a_full_recompute_after_edits() -> None:
    s = drawing()
    g = DrawnGrid(s, 128)
    g.add_bump(Bump(3.0, 3.0, -30.0, 0.5))
    g.set_bump(0, Bump(1.2, 1.4, 45.0, 0.9))  # move + resize + change height
    g.remove_bump(1)
    g.add_bump(Bump(-4.0, 4.0, 10.0, 2.0))
    _, _, z = s.grid(128)
    np.testing.assert_allclose(g.z, z, rtol=1e-12, atol=1e-9)
    assert len(s.bumps) == 4 and s.revision == 4


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    s = DrawnSurface("six_hump_camel", [Bump(0.5, 0.2, -0.8, 0.3)], domain=(-1.5, 1.5, -1, 1))
    f = tmp_path / "d.json"
    save_drawn(s, f)
    doc = json.loads(f.read_text())
    assert doc == {
        "version": 1,
        "base": {"surface": "six_hump_camel"},
        "domain": [-1.5, 1.5, -1.0, 1.0],
        "bumps": [{"x": 0.5, "y": 0.2, "height": -0.8, "width": 0.3}],
    }
    t = load_drawn(f)
    assert t.domain == (-1.5, 1.5, -1.0, 1.0) and t.bumps == s.bumps
    p = np.random.default_rng(0).uniform(-1, 1, (20, 2))
    np.testing.assert_array_equal(t.value(p), s.value(p))
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]  # no temporary left behind


def test_formula_base_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("surfaces.formula")
    from surfaces.formula import FormulaSurface

    s = DrawnSurface(FormulaSurface("x**2 - y**2"), [Bump(0, 0, -1, 0.5)], (-2, 2, -2, 2))
    f = tmp_path / "f.json"
    save_drawn(s, f)
    assert json.loads(f.read_text())["base"] == {"formula": "x**2 - y**2"}
    t = load_drawn(f)
    assert t.value(np.array([1.0, 0.5])) == pytest.approx(1 - 0.25 - np.exp(-1.25 / 0.5))


def test_failed_save_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "d.json"
    f.write_text("old")

    def boom(*_a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save_drawn(drawing(), f)
    assert f.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


GOOD = {"version": 1, "base": {"surface": "himmelblau"}, "domain": [-5, 5, -5, 5], "bumps": []}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ({**GOOD, "version": 2}, "newer than this app"),
        ({**GOOD, "version": "1"}, "'version' must be a whole number"),
        ({k: v for k, v in GOOD.items() if k != "base"}, "missing 'base'"),
        ({**GOOD, "base": {"surface": "himmelblau", "formula": "x"}}, "base must be"),
        ({**GOOD, "base": {"surface": "nope"}}, "unknown surface 'nope'"),
        ({**GOOD, "domain": [5, -5, -5, 5]}, "xmin < xmax"),
        ({**GOOD, "domain": [0, 1]}, "four numbers"),
        ({**GOOD, "bumps": {"x": 1}}, "'bumps' must be a list"),
        (
            {**GOOD, "bumps": [{"x": 0, "y": 0, "height": 1, "width": 0}]},
            "bump 0 width must be > 0",
        ),
        ({**GOOD, "bumps": [{"x": 0, "y": 0, "hieght": 1, "width": 1}]}, "unknown key 'hieght'"),
        ({**GOOD, "bumps": [{"x": True, "y": 0, "height": 1, "width": 1}]}, "bump 0 x must be"),
        (
            '{"version": 1, "base": {"surface": "saddle"}, "domain": [0, NaN, 0, 1], "bumps": []}',
            "finite number",
        ),
    ],
)
def test_malformed_files_say_what_is_wrong(tmp_path: Path, doc: object, message: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    with pytest.raises(SurfaceError, match=message):
        load_drawn(f)


def test_missing_file() -> None:
    with pytest.raises(SurfaceError, match="no such drawn surface file"):
        load_drawn("/nonexistent/dir/x.json")


def test_cli_uses_the_drawn_file(tmp_path: Path, cli) -> None:
    f = tmp_path / "d.json"
    save_drawn(DrawnSurface("plateau", [Bump(-2.5, -2.5, -1.0, 0.3)]), f)
    rc, out, err = cli("critical", "--surface-file", str(f), "--format", "json")
    assert rc == 0, err
    assert len(json.loads(out)["points"]) == 3
    rc, out, err = cli("trace", "--surface-file", str(f), "--optimizer", "adam", "--lr", "0.05",
                       "--start", "-2,-2", "--steps", "300")  # fmt: skip
    assert rc == 0, err
    last = out.strip().splitlines()[-1].split(",")
    assert np.hypot(float(last[1]) + 2.5, float(last[2]) + 2.5) < 0.1  # fell into the drawn well
    f.write_text('{"version": 7}')
    rc, out, err = cli("critical", "--surface-file", str(f))
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "newer" in err


def test_far_away_points_give_values_not_warnings() -> None:
    s = drawing()
    p = np.array([[1e200, -1e200], [np.inf, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # numpy warns on these
        s.value(p), s.gradient(p), s.hessian(p)
