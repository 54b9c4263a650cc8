"""Basin-of-attraction maps (core/analysis/basins.py) and `main.py basins` (exit codes, JSON, PNG)."""

from __future__ import annotations

import io
import json
import struct

import numpy as np
import pytest
from PIL import Image

from core.analysis.basin_image import attractor_colours, basin_rgb, png_bytes
from core.analysis.basins import DIVERGED, UNCONVERGED, basin_map, grid_starts
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.run import Run
from surfaces.registry import get_surface
from tests.clirun import run_cli

# REFERENCE.md §4: Himmelblau's four minima (value 0).
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186),
                     (3.584428, -1.848126)]  # fmt: skip


def himmelblau_map(grid, **kw):
    s = get_surface("himmelblau")
    return basin_map(s, "adam", default_hyper("adam"), Schedule(lr=0.05), 500, grid, **kw)


def match_minima(attractors):
    """Index of the REFERENCE minimum each attractor sits on (within 1e-5)."""
    out = []
    for a in attractors:
        d = [np.hypot(a.x - x, a.y - y) for x, y in HIMMELBLAU_MINIMA]
        assert min(d) < 1e-5, (a.x, a.y)
        out.append(int(np.argmin(d)))
    return out


def test_himmelblau_has_the_four_minima_as_attractors():
    r = himmelblau_map(32)
    assert not r.cancelled and r.labels is not None
    assert [a.kind for a in r.attractors] == ["minimum"] * 4
    assert sorted(match_minima(r.attractors)) == [0, 1, 2, 3]
    assert r.diverged == 0 and r.unconverged == 0
    total = sum(a.fraction for a in r.attractors) + r.diverged + r.unconverged
    assert total == pytest.approx(1.0, abs=1e-12)
    # Labels count what the fractions say.
    for i, a in enumerate(r.attractors):
        assert np.count_nonzero(r.labels == i) / 32**2 == pytest.approx(a.fraction)


def test_labels_agree_with_single_runs_from_sampled_starts():
    r = himmelblau_map(16)
    xs, ys, _ = grid_starts(r.domain, 16)
    rng = np.random.default_rng(0)
    s = get_surface("himmelblau")
    for j, i in rng.integers(0, 16, size=(12, 2)):
        run = Run(s, "adam", default_hyper("adam"), Schedule(lr=0.05), [[xs[i], ys[j]]],
                  record=False)  # fmt: skip
        run.step(500)
        a = r.attractors[r.labels[j, i]]
        assert np.hypot(run.w[0, 0] - a.x, run.w[0, 1] - a.y) < 0.2


def test_fractions_are_stable_under_refinement():
    coarse, fine = himmelblau_map(32), himmelblau_map(64)
    fc = dict(
        zip(match_minima(coarse.attractors), [a.fraction for a in coarse.attractors], strict=True)
    )
    ff = dict(
        zip(match_minima(fine.attractors), [a.fraction for a in fine.attractors], strict=True)
    )
    for k in range(4):
        assert abs(fc[k] - ff[k]) < 0.03
        assert 0.15 < ff[k] < 0.35  # four basins of comparable size


def test_start_on_the_stable_manifold_stalls_at_the_saddle():
    # x² − y² with GD: x shrinks by (1 − 2η) per step, y grows by (1 + 2η) unless it is exactly 0.
    s = get_surface("saddle")
    g = 33  # odd: the middle row of cell centres is y = 0 exactly
    r = basin_map(s, "gd", default_hyper("sgd"), Schedule(lr=0.1), 200, g)
    _, ys, _ = grid_starts(r.domain, g)
    assert ys[16] == 0.0
    kinds = [a.kind for a in r.attractors]
    assert kinds == ["saddle"]
    assert (r.labels[16] == 0).all()
    others = np.delete(r.labels, 16, axis=0)
    assert (others == DIVERGED).all()  # 1.2^200 > 1e10: off the manifold every start explodes
    assert r.attractors[0].fraction == pytest.approx(1 / g)


def test_minima_missing_from_the_list_are_found_by_clustering():
    r = himmelblau_map(24, critical=())
    assert not any(a.known for a in r.attractors)
    assert [a.kind for a in r.attractors] == ["minimum"] * 4  # classified by the Hessian
    assert sorted(match_minima(r.attractors)) == [0, 1, 2, 3]


def test_diverged_and_still_moving_starts():
    s = get_surface("rosenbrock")
    r = basin_map(s, "sgd", default_hyper("sgd"), Schedule(lr=0.01), 100, 16)
    assert r.diverged > 0.5 and (r.labels == DIVERGED).sum() / 256 == pytest.approx(r.diverged)
    slow = basin_map(s, "sgd", default_hyper("sgd"), Schedule(lr=1e-5), 3, 16)
    assert slow.unconverged > 0.9 and (slow.labels == UNCONVERGED).any()


def test_cancel_returns_a_cancelled_map_without_labels():
    calls: list[float] = []
    after_cancel: list[float] = []

    def cancel():
        calls.append(1)
        return len(calls) >= 3

    def progress(f):
        if len(calls) >= 3:
            after_cancel.append(f)

    r = himmelblau_map(128, cancel=cancel, progress=progress)
    assert r.cancelled and r.labels is None and r.attractors == ()
    assert len(after_cancel) <= 1  # nothing keeps reporting once cancel() said stop


def test_image_colours_and_png_structure():
    r = himmelblau_map(16)
    rgb = basin_rgb(r)
    assert rgb.shape == (16, 16, 3)
    # Row 0 of the image is the top (largest y): the start at top-left goes to (−2.8, 3.1).
    top_left = r.labels[15, 0]
    assert (rgb[0, 0] == attractor_colours(r)[top_left]).all()
    assert len({tuple(c) for c in rgb.reshape(-1, 3)}) == 4
    assert match_minima([r.attractors[top_left]]) == [1]
    data = png_bytes(rgb, scale=2)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    w, h, depth, colour_type = struct.unpack(">IIBB", data[16:26])
    assert (w, h, depth, colour_type) == (32, 32, 8, 2)  # 8-bit RGB
    # Decoded, every pixel is its map cell's colour, each cell a 2×2 block.
    px = np.asarray(Image.open(io.BytesIO(data)))
    assert px.shape == (32, 32, 3)
    for dy in (0, 1):
        for dx in (0, 1):
            np.testing.assert_array_equal(px[dy::2, dx::2], rgb)


# --- the command line ------------------------------------------------------------------------
def test_cli_json_fractions_sum_to_one():
    rc, out, err = run_cli("basins", "--surface", "himmelblau", "--optimizer", "adam", "--lr",
                           "0.05", "--steps", "300", "--grid", "24", "--format", "json")  # fmt: skip
    assert rc == 0, err
    d = json.loads(out)
    assert set(d) == {"attractors", "diverged", "unconverged", "compute_seconds"}
    total = sum(a["fraction"] for a in d["attractors"]) + d["diverged"] + d["unconverged"]
    assert total == pytest.approx(1.0, abs=1e-12)
    assert {a["kind"] for a in d["attractors"]} == {"minimum"}
    assert d["compute_seconds"] > 0


def test_cli_png_and_text(tmp_path, cli):
    out_png = tmp_path / "map.png"
    rc, out, err = cli("basins", "--formula", "x**2 - y**2", "--optimizer", "gd", "--lr",
                           "0.1", "--steps", "200", "--grid", "33", "--domain", "-2,2,-2,2",
                           "--out", str(out_png))  # fmt: skip
    assert rc == 0, err
    assert "saddle" in out and "diverged" in out
    data = out_png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (264, 264)  # 33 px scaled ×8 to ≥ 256


@pytest.mark.parametrize(
    "args",
    [
        ["--surface", "nowhere", "--optimizer", "adam", "--steps", "10", "--grid", "8"],
        ["--surface", "himmelblau", "--optimizer", "adamx", "--steps", "10", "--grid", "8"],
        ["--surface", "himmelblau", "--optimizer", "adam", "--steps", "-3", "--grid", "8"],
        ["--surface", "himmelblau", "--optimizer", "adam", "--steps", "10", "--grid", "1"],
        ["--surface", "himmelblau", "--optimizer", "adam", "--steps", "10", "--grid", "8",
         "--momentum", "1.5"],
        ["--surface", "himmelblau", "--optimizer", "adam", "--steps", "10", "--grid", "8",
         "--domain", "1,0,0,1"],
        ["--surface", "himmelblau", "--optimizer", "adam", "--steps", "10", "--grid", "8",
         "--out", "map.txt"],
        ["--formula", "__import__('os')", "--optimizer", "adam", "--steps", "10", "--grid", "8"],
    ],
)  # fmt: skip
def test_cli_bad_input_exits_2_with_one_line(args, cli):
    rc, _, err = cli("basins", *args)
    assert rc == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
