"""A long race stays as fast as a short one: what is drawn of a trail is bounded however many
pixels it reaches (a noisy run reaches a new one every step), and the legend's step column shows
6- and 7-digit counts whole."""

from __future__ import annotations

import numpy as np
import pytest

from gui.explorer.pixel_trail import PixelTrail
from gui.explorer.surface_plot import DRAWN_POINTS

pytestmark = pytest.mark.gui


def test_a_trail_reaching_new_pixels_every_step_is_drawn_bounded() -> None:
    rng = np.random.default_rng(3)
    pts = np.cumsum(rng.normal(size=(50_000, 2)), axis=0)  # a random walk: a new pixel each step
    t = PixelTrail()
    t.sync(pts, token=1, cell=(0.01, 0.01))
    assert t.n > 45_000  # every point kept for display ...
    x, y = t.drawn(DRAWN_POINTS)
    assert len(x) <= DRAWN_POINTS + 1  # ... but only a bounded share drawn
    assert (x[0], y[0]) == tuple(pts[0]) and (x[-1], y[-1]) == tuple(pts[-1])  # start and head
    step = np.flatnonzero(np.isin(t.x[: t.n], x[:-1]))  # which kept points are drawn
    s = int(np.diff(step)[0])
    assert s & (s - 1) == 0 and (np.diff(step) == s).all()  # every s-th, s a power of 2
    short = PixelTrail()
    short.sync(pts[:100], token=1, cell=(0.01, 0.01))
    assert len(short.drawn(DRAWN_POINTS)[0]) == short.n  # short trails are drawn whole


@pytest.mark.parametrize("step", [340_123, 1_164_104, 12_345_678])
def test_the_step_column_shows_whole_numbers(explorer, step) -> None:
    table = explorer.legend
    table.set_rows([(1, "#ff0000", "GD", step, 1.0, 0.5, 0.01, "moving")])
    item = table.item(0, 2)
    assert item.text() == f"{step:d}"
    width = table.fontMetrics().horizontalAdvance(item.text())
    assert table.columnWidth(2) >= width + 8  # room for the text and the cell's margins
