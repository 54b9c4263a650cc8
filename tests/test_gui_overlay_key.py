"""A key on the plot says what the head arrows are whenever an overlay is switched on."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from gui.theme import OVERLAY_COLOURS

pytestmark = pytest.mark.gui
OVERLAYS = ("overlay_gradient", "overlay_velocity", "overlay_adaptive", "overlay_eigen")


def _only(explorer, *names: str) -> None:
    for n in OVERLAYS:
        explorer.actions[n].setChecked(n in names)
    explorer.controller.race.step(5)
    explorer._draw_runs()
    QApplication.processEvents()


def _key_pixels(explorer) -> np.ndarray:
    """The plot's grabbed pixels inside the key's box, as (h, w, 3) RGB."""
    key = explorer.plot.overlays.key
    rect = explorer.plot.mapFromScene(key.sceneBoundingRect()).boundingRect()
    img = explorer.plot.grab(rect).toImage()
    return np.array([[img.pixelColor(x, y).getRgb()[:3] for x in range(img.width())]
                     for y in range(img.height())])  # fmt: skip


def _has_colour(pixels: np.ndarray, colour: str, tol: int = 60) -> bool:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return bool((np.abs(pixels.astype(int) - rgb).sum(axis=2) < tol).any())


def _nearest(pixels: np.ndarray, kind: str) -> int:
    c = OVERLAY_COLOURS[kind]
    rgb = np.array([int(c[i : i + 2], 16) for i in (1, 3, 5)])
    return int(np.abs(pixels.astype(int) - rgb).sum(axis=2).min())


def test_no_overlay_no_key(explorer) -> None:
    _only(explorer)
    assert not explorer.plot.overlays.key.isVisible()


def test_key_lists_the_overlays_switched_on_in_their_colours(explorer) -> None:
    key = explorer.plot.overlays.key
    _only(explorer, "overlay_gradient")
    assert key.isVisible()
    assert len(key.texts()) == 1 and "∇f" in key.texts()[0]
    _only(explorer, "overlay_gradient", "overlay_velocity", "overlay_eigen")
    texts = key.texts()
    assert len(texts) == 4
    assert "velocity" in texts[1] and "λ < 0" in texts[2] and "λ > 0" in texts[3]
    pixels = _key_pixels(explorer)
    for kind in ("velocity", "eig_neg", "eig_pos"):
        assert _has_colour(pixels, OVERLAY_COLOURS[kind]), (kind, _nearest(pixels, kind))
    _only(explorer, "overlay_adaptive")
    assert len(key.texts()) == 1 and "adaptive" in key.texts()[0]


def test_the_key_moves_off_a_start_it_would_cover(explorer) -> None:
    """A start under the key's corner (linear regression starts near the top-left) was hidden."""
    explorer.controller.set_surface_name("linear_regression")
    explorer.controller.wait_for_critical()
    _only(explorer, "overlay_gradient")
    key = explorer.plot.overlays.key
    key.place(0)
    QApplication.processEvents()
    under = explorer.plot.vb.mapSceneToView(key.sceneBoundingRect().center())
    explorer.controller.restart_at(float(under.x()), float(under.y()))
    _only(explorer, "overlay_gradient")
    start = explorer.plot.vb.mapViewToScene(
        QPointF(*map(float, explorer.controller.race.starts[0]))
    )
    assert key.isVisible() and key.corner != 0
    assert not key.sceneBoundingRect().contains(start)


def test_arrows_are_drawn_on_a_surface_far_from_the_origin(explorer) -> None:
    """The arrow items have fixed bounds (no per-frame measuring): they must follow the
    surface's region, or a surface away from the origin would have its arrows culled unseen."""
    from surfaces.formula import FormulaSurface

    c = explorer.controller
    c.set_surface(FormulaSurface("(x - 203)**2 + (y + 150)**2", (200.0, 206.0, -153.0, -147.0)))
    try:
        c.restart_at(201.0, -149.0)
        _only(explorer, "overlay_gradient")
        item = explorer.plot.overlays.items["gradient"]
        segs = c.overlays({"gradient"})["gradient"]
        x, y = item.getData()
        assert np.allclose(np.column_stack([x, y]), segs)  # what is drawn is what core computed
        vb = explorer.plot.vb
        shown = item.mapRectToScene(item.boundingRect())
        head = vb.mapViewToScene(QPointF(*segs[0]))
        tip = vb.mapViewToScene(QPointF(*segs[1]))
        assert shown.contains(head) and shown.contains(tip)  # not culled: Qt paints it
        assert vb.sceneBoundingRect().contains(head)
    finally:
        explorer.actions["overlay_gradient"].setChecked(False)
        c.set_surface_name("himmelblau")
