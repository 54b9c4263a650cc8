"""Saddles in the window: the Saddle preset stalls GD as it opens, Ctrl+click snaps a start exactly
onto the axis (and the status bar says so before and after), axes named after the surface's
coordinates."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _click(explorer, x: float, y: float, mod=Qt.KeyboardModifier.NoModifier) -> None:
    plot = explorer.plot
    QApplication.processEvents()
    p = plot.data_to_widget(x, y)
    pos = QPoint(round(p.x()), round(p.y()))
    QTest.mouseMove(plot.viewport(), pos)
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, mod, pos)


def _gd(explorer):
    return next(r for r in explorer.controller.racers if r.name.startswith("GD"))


def test_saddle_preset_stalls_gd_as_chosen(explorer) -> None:
    picker = explorer.picker
    picker.activated.emit(picker.findData("saddle"))  # what choosing it in the list emits
    c = explorer.controller
    assert c.surface.name == "saddle"
    assert c.race.starts.tolist() == [[1.5, 0.0]]
    c.race.step(600)
    explorer._refresh_slow()
    gd = _gd(explorer)
    assert gd.run.status() == ["saddle"]
    rows = [explorer.legend.item(i, j).text() for i in range(explorer.legend.rowCount())
            for j in range(explorer.legend.columnCount()) if explorer.legend.item(i, j)]  # fmt: skip
    assert any("stalled at a saddle" in t for t in rows)


def test_ctrl_click_snaps_onto_the_axis(explorer, main_window) -> None:
    explorer.controller.set_surface_name("saddle")
    QApplication.processEvents()
    plot = explorer.plot
    hint = plot.snap_hint(1.2, 0.06)
    assert "Ctrl+click" in hint and "y = 0" in hint
    messages: list[str] = []
    explorer.sigMessage.connect(messages.append)
    _click(explorer, 1.2, 0.06)  # a plain click lands where the mouse is: a little off the axis
    y_plain = explorer.controller.race.starts[0, 1]
    assert y_plain != 0.0
    _click(explorer, 1.2, 0.06, Qt.KeyboardModifier.ControlModifier)
    sx, sy = explorer.controller.race.starts[0]
    pixel = plot.vb.viewPixelSize()
    assert sy == 0.0 and abs(sx - 1.2) <= pixel[0]  # exactly on the stable line
    assert any("snapped exactly onto the axis y = 0" in m for m in messages)
    explorer.sigMessage.disconnect(messages.append)
    explorer.controller.race.step(600)
    assert _gd(explorer).run.status() == ["saddle"]


def test_data_surface_axes_are_the_weights(explorer) -> None:
    explorer.controller.set_surface_name("linear_regression")
    QApplication.processEvents()
    item = explorer.plot.plot
    assert item.getAxis("bottom").labelText == "w₀"
    assert item.getAxis("left").labelText == "w₁"
    explorer.controller.set_surface_name("himmelblau")
    assert item.getAxis("bottom").labelText == "x"
    assert np.isfinite(explorer.controller.race.starts).all()


def test_network_slice_opens_at_the_networks_weights(main_window, qtbot) -> None:
    """Network → Loss landscape → Open in Explorer: the race starts at the trained network's own
    two weights, named on the axes, in a domain centred there; its loss is the network's."""
    nt = main_window.network_tab()
    c = nt.ctl
    c.train(200)
    nt.tabs.setCurrentWidget(nt.landscape)
    lp = nt.landscape
    lp.weights.setChecked(True)
    lp.wi.setCurrentIndex(0)
    lp.wj.setCurrentIndex(1)
    qtbot.mouseClick(lp.open, Qt.MouseButton.LeftButton)
    ex = main_window.explorer
    assert main_window.tabs.currentWidget() is ex
    w = c.net.weights[0]
    start = ex.controller.race.starts
    assert start.tolist() == [[w[0, 0], w[0, 1]]]  # W1[1,1], W1[1,2] exactly
    names = c.net.param_names()
    assert names[:2] == ["W1[1,1]", "W1[1,2]"]
    axes = ex.plot.plot
    assert axes.getAxis("bottom").labelText == "W1[1,1]"
    assert axes.getAxis("left").labelText == "W1[1,2]"
    x0, x1, y0, y1 = ex.controller.surface.domain
    assert (x0 + x1) / 2 == pytest.approx(w[0, 0]) and (y0 + y1) / 2 == pytest.approx(w[0, 1])
    loss0 = float(ex.controller.race.racers[0].run.loss()[0])
    assert loss0 == pytest.approx(c.trainer.loss(), rel=1e-12)
    assert loss0 < c.trainer.losses[0]  # trained: lower than the untrained network's loss
