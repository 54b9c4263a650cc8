"""The Explorer's Qt-free parts: heatmap colouring, pixel-merged trails, the race model."""

from __future__ import annotations

import numpy as np
import pytest

from core.race.model import Race
from core.race.overlays import arrows
from gui.explorer.heatmap import render, wants_log
from gui.explorer.pixel_trail import PixelTrail
from surfaces.registry import get_surface


def test_heatmap_colours_low_to_high_and_draws_contours() -> None:
    xs = np.linspace(0, 1, 64)
    z = np.tile(xs, (64, 1))  # f = x: colour must change left to right only
    h = render(z, log=False, n_levels=4)
    lum = h.rgba[..., :3].astype(int).sum(axis=2)
    assert lum[0, -1] > lum[0, 0]
    assert (lum == lum[0]).all()  # every row identical
    # Contours where the band (a quarter of the colour range) changes: 3 boundaries.
    u = np.clip((xs - h.lo) / (h.hi - h.lo), 0, 1)
    cols = np.flatnonzero(np.diff(np.minimum(np.floor(u * 4), 3)) != 0) + 1
    assert len(cols) == 3
    edges = np.flatnonzero(lum[0] < render(z, log=False, n_levels=1).rgba[0, :, :3].sum(axis=1))
    assert list(edges) == list(cols)
    plain = render(z, log=False, n_levels=1).rgba
    for c in cols:
        assert lum[0, c] < plain[0, c, :3].astype(int).sum()  # darkened
    assert h.rgba[..., 3].min() == 255


def test_heatmap_log_scale_and_non_finite_values() -> None:
    z = np.array([[0.0, 1.0], [1e6, np.inf]])
    h = render(z, log=True)
    assert h.position(0.0) == pytest.approx(0.0)
    assert h.position(1e6) == pytest.approx(1.0, abs=1e-6)
    # log10(f − f_min + δ) with δ = 1e-5 of the range (= 10 here), spread over [log δ, log(range + δ)]
    lo, hi = np.log10(10.0), np.log10(1e6 + 10.0)
    assert float(h.position(1e3)) == pytest.approx((np.log10(1e3 + 10.0) - lo) / (hi - lo))
    assert (h.rgba[1, 1] == h.rgba[1, 0]).all()  # +inf is coloured as the top of the scale
    labels = [t for _, t in h.ticks()]
    assert labels[0] == "0"
    assert wants_log(np.array([[0.0, 0.0, 0.0, 0.0]] * 3 + [[0.0, 0.0, 0.0, 1e6]]))


def test_pixel_trail_merges_points_in_one_pixel_and_ends_at_the_head() -> None:
    pts = np.array([[0.0, 0.0], [0.01, 0.02], [0.5, 0.5], [1.2, 0.1], [1.3, 0.15], [1.31, 0.16]])
    t = PixelTrail(capacity=2)
    t.sync(pts[:4], token=1, cell=(1.0, 1.0))
    assert t.n == 2  # (0,0)+(0.01,0.02)+(0.5,0.5) share a cell; (1.2,0.1) opens the next
    assert np.allclose(t.x[: t.n], [0.0, 1.2]) and np.allclose(t.y[: t.n], [0.0, 0.1])
    t.sync(pts, token=1, cell=(1.0, 1.0))
    assert t.n == 2 and (t.x[1], t.y[1]) == (1.31, 0.16)  # the head moved within its pixel
    t.sync(pts, token=2, cell=(0.1, 0.1))  # a new source: rebuilt at the finer cell
    assert t.n == 4 and (t.x[t.n - 1], t.y[t.n - 1]) == (1.31, 0.16)


def test_arrows_are_shaft_plus_two_barbs() -> None:
    seg = arrows(np.array([[1.0, 1.0]]), np.array([[2.0, 0.0]]))
    assert seg.shape == (6, 2)
    assert seg[0] == pytest.approx([1.0, 1.0]) and seg[1] == pytest.approx([3.0, 1.0])
    assert seg[3][0] < 3.0 and seg[5][0] < 3.0 and seg[3][1] == pytest.approx(2 - seg[5][1])


def test_race_edits_are_live_and_restarts_share_starts() -> None:
    race = Race(get_surface("booth"))
    a = race.add_racer("gd", 0.01)
    b = race.add_racer("adam", 0.1)
    race.restart_at(0.0, 0.0)
    race.add_start(2.0, 2.0)
    assert a.run.n_points == 2 and np.allclose(b.run.starts, [[0, 0], [2, 2]])
    race.step(3)
    race.edit(a.key, lr=0.02)
    w = a.run.w.copy()
    race.step(1)
    x, y = w[:, 0], w[:, 1]
    grad = np.stack([2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5),
                     4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5)], axis=1)  # fmt: skip
    assert np.allclose(a.run.w, w - 0.02 * grad)
    race.edit(a.key, schedule={"mode": "triangular"})
    assert a.config.schedule.max_lr == 0.02 and a.config.schedule.base_lr == pytest.approx(0.002)
    dup = race.duplicate_racer(b.key)
    assert dup.config.rule == "adam" and dup.colour not in (a.colour, b.colour)


def test_pixel_trail_follows_an_overwritten_newest_record() -> None:
    src = np.array([[0.0, 0.0], [5.0, 5.0], [9.0, 9.0]])
    t = PixelTrail()
    t.sync(src, token=1, cell=(1.0, 1.0))
    src[2] = (9.5, 7.0)  # strided recording replaced its newest record in place
    t.sync(src, token=1, cell=(1.0, 1.0))
    assert (t.x[t.n - 1], t.y[t.n - 1]) == (9.5, 7.0)
    grown = np.vstack([src, [[12.0, 3.0]]])
    t.sync(grown, token=1, cell=(1.0, 1.0))
    assert np.allclose(np.c_[t.x[: t.n], t.y[: t.n]], grown)


@pytest.mark.parametrize("convention", ["textbook", "pytorch"])
@pytest.mark.parametrize("rule", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                                  "adamw", "amsgrad", "newton", "sfn"])  # fmt: skip
def test_explain_step_predicts_the_real_next_step(rule: str, convention: str) -> None:
    from core.runs.explain import explain_step

    race = Race(get_surface("himmelblau"))
    slot = race.add_racer(rule, 0.01 if rule not in ("newton", "sfn") else 0.5)
    race.edit(slot.key, convention=convention, estimate_kind="noise", sigma=0.3)
    race.restart_at(1.0, 1.0)
    race.add_start(-1.0, 2.0)
    race.step(3)
    ex = explain_step(slot.run, 1)
    assert ex.lines[-1].startswith("result: w = ")
    race.step(1)
    assert np.allclose(slot.run.w[1], ex.w_next, rtol=0, atol=1e-12)
    # The terms shown, computed from REFERENCE.md's formulas, add up to the real step.
    assert np.allclose(ex.w_formula, slot.run.w[1], rtol=1e-10, atol=1e-12)
