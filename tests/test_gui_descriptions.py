"""Surface descriptions say what the window shows: the showcase surface picked from the surface
box, with the race the window opens with (GD η 0.01, Momentum η 0.004 α 0.9, Adam η 0.1) from the
surface's default start, run for as long as a student watches, ends where its description says."""

from __future__ import annotations

import re

import numpy as np
import pytest

pytestmark = pytest.mark.gui

WATCHED = 1000  # steps: about 17 s at the window's default 60 steps a second


def quoted_losses(text: str) -> list[float]:
    """The numbers a description quotes in parentheses, e.g. "(−0.59)" → -0.59."""
    return [float(m.replace("−", "-")) for m in re.findall(r"\(([−-]?\d+\.\d+)\)", text)]


def test_local_vs_global_default_race_ends_as_the_description_says(main_window) -> None:
    explorer = main_window.explorer
    explorer._on_picker_surface_chosen("local_vs_global")  # what choosing it in the box does
    race = explorer.controller.race
    assert race.surface.name == "local_vs_global"
    text = explorer.description.text()
    assert (
        "GD settles in the shallow local one" in text and "momentum carries over the ridge" in text
    )
    shallow, deep = quoted_losses(text)
    gd, mom, adam = race.racers
    assert (gd.config.rule, mom.config.rule) == ("sgd", "momentum")
    assert (gd.lr, mom.lr, mom.config.hyper.momentum) == (0.01, 0.004, 0.9)  # the default race
    assert race.starts[0, 0] > 1.0  # "from the start at the lower right"
    assert race.starts[0, 1] < 0.0
    race.step(WATCHED)
    # the shallow well is the right one (x > 0), the deep one the left (x < 0), by hand:
    # on the valley floor y = 0.3x², f = x⁴/4 − x² + 0.3x, minima at x ≈ 1.33 and x ≈ −1.48
    assert gd.run.status() == ["local_min"] and gd.run.w[0, 0] > 1.0
    assert round(float(gd.run.loss()[0]), 2) == shallow
    assert mom.run.status() == ["global_min"] and mom.run.w[0, 0] < -1.0
    assert round(float(mom.run.loss()[0]), 2) == deep
    assert adam.run.status() == ["global_min"]  # not in the text, but it ends there too


def _path_length(xy: np.ndarray) -> float:
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


def test_plateau_default_race_gd_crawls_adam_walks_straight_in(main_window) -> None:
    explorer = main_window.explorer
    explorer._on_picker_surface_chosen("plateau")
    race = explorer.controller.race
    text = explorer.description.text()
    assert "GD's steps shrink" in text and "Adam divides by the gradient's size" in text
    gd, _, adam = race.racers
    start = race.starts[0].copy()
    race.step(WATCHED)
    centre = np.array([1.0, 0.5])  # the well, by the formula r²/(r² + s²) around (1, 0.5)
    # GD crawls: after 1000 steps it has moved under 0.1 of the 4.4 to the well
    assert np.hypot(*(gd.run.w[0] - start)) < 0.1 and gd.run.status() == ["moving"]
    # Adam walks straight in: the path to the well's edge (r = 0.5) is within 20 % of the straight
    # line, and it ends in the well
    tr = adam.run.trajectory
    xy = tr.xy[0, : tr.count]
    k = int(np.argmax(np.hypot(*(xy - centre).T) < 0.5))
    assert 0 < k < 50 and _path_length(xy[: k + 1]) < 1.2 * np.hypot(*(xy[k] - xy[0]))
    assert adam.run.status() == ["global_min"] and np.hypot(*(adam.run.w[0] - centre)) < 1e-3


def test_ellipse_default_race_momentum_builds_speed_along_the_floor(main_window) -> None:
    explorer = main_window.explorer
    explorer._on_picker_surface_chosen("ellipse")
    race = explorer.controller.race
    assert "momentum builds speed there" in explorer.description.text()
    gd, mom, _ = race.racers
    race.step(WATCHED)
    # the bowl's minimum is (0, 0): Momentum is over 3 times nearer to it, its loss under a tenth
    assert np.hypot(*mom.run.w[0]) * 3 < np.hypot(*gd.run.w[0])
    assert float(mom.run.loss()[0]) < 0.1 * float(gd.run.loss()[0])
