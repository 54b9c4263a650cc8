"""Log-axis tick labels: decades only, never a stack of 2…9·10ᵏ labels (Explorer loss side plot
and the Network tab's loss plot share gui.widgets.log_axis.LogAxis)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6 import QtWidgets

from gui.widgets.log_axis import decade_label, decade_range, log_ticks
from tests.legibility import axis_labels, overlapping

pytestmark = pytest.mark.gui
DECADE = re.compile(r"^10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
SUPER = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _exponent(label: str) -> int:
    return int(label[2:].translate(SUPER))


def test_log_ticks_label_decades_and_thin_them() -> None:
    assert decade_label(-3) == "10⁻³" and decade_label(0) == "10⁰" and decade_label(12) == "10¹²"
    assert decade_range(-0.77, -0.27) == (-1.0, 0.0)  # a short span still holds two decades
    assert decade_range(2.0, 2.0) == (2.0, 3.0)
    levels = log_ticks(-16.0, 3.0, 200.0)  # 19 decades in 200 px: every 2nd decade or sparser
    step, decades = levels[0]
    assert step >= 2 and len(levels) == 1  # no minor ticks when decades are this close
    assert all(float(k).is_integer() for k in decades)
    assert np.all(np.diff(decades) * 200.0 / 19.0 >= 20)
    step, decades = log_ticks(-1.0, 1.0, 300.0)[0]
    assert step == 1 and decades == [-1.0, 0.0, 1.0]
    minor = log_ticks(-1.0, 1.0, 300.0)[1][1]
    np.testing.assert_allclose(minor, np.log10([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
                                                2, 3, 4, 5, 6, 7, 8, 9]))  # fmt: skip


def _assert_decade_labels(axis) -> None:
    labels = axis_labels(axis)
    texts = [t for _, t in labels]
    assert texts, "the log axis shows no number at all"
    assert all(DECADE.match(t) for t in texts), texts
    assert not overlapping([r for r, _ in labels]), texts
    shown = sorted(_exponent(t) for t in texts)
    lo, hi = axis.range
    assert all(lo - 1e-9 <= k <= hi + 1e-9 for k in shown)


def test_explorer_loss_plot_labels_decades_only(explorer, qtbot) -> None:
    for name in ("rastrigin", "himmelblau"):
        explorer.controller.set_surface_name(name)
        explorer.controller.wait_for_critical()
        QtWidgets.QApplication.processEvents()
        for _ in range(3):
            explorer.controller.race.step(40)
            explorer._refresh_slow()
            QtWidgets.QApplication.processEvents()
            axis = explorer.side.loss_plot.getPlotItem().getAxis("left")
            assert axis.logMode
            _assert_decade_labels(axis)


def test_explorer_loss_plot_labels_decades_for_a_typed_bowl(explorer, qtbot) -> None:
    explorer.formula.edit.setText("x**2 + y**2")
    assert explorer.formula.apply()
    explorer.controller.wait_for_critical()
    explorer.controller.race.step(5)
    explorer._refresh_slow()
    QtWidgets.QApplication.processEvents()
    _assert_decade_labels(explorer.side.loss_plot.getPlotItem().getAxis("left"))


def test_network_loss_plot_labels_decades_once_training_starts(qtbot) -> None:
    from gui.network.tab import NetworkTab

    tab = NetworkTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    try:
        axis = tab.loss_plot.plot.getPlotItem().getAxis("left")
        for k in (1, 1, 2, 20, 300):
            for _ in range(k):
                tab.train.step.click()  # what the user does: one optimizer update per click
            QtWidgets.QApplication.processEvents()
            _assert_decade_labels(axis)
    finally:
        tab.shutdown()
        tab.close()
        tab.deleteLater()
        QtWidgets.QApplication.processEvents()


def test_a_view_without_a_decade_labels_two_and_five_only() -> None:
    (_spacing, values), *rest = log_ticks(0.1, 0.9, 200.0)  # 1.26 … 7.9: no decade inside
    assert not rest
    np.testing.assert_allclose(values, np.log10([2.0, 5.0]))


def test_sweep_plots_label_decades_without_piles(qtbot) -> None:
    from gui.analysis.sweep_lr_plot import LrSweepPlot

    plot = LrSweepPlot()
    qtbot.addWidget(plot)
    plot.resize(380, 470)
    plot.show()
    qtbot.waitExposed(plot)
    plot.loss_plot.setXRange(-4.0, 0.0, padding=0)
    plot.loss_plot.setYRange(-3.0, 1.0, padding=0.05)
    QtWidgets.QApplication.processEvents()
    for axis in (plot.loss_plot.getAxis("left"), plot.loss_plot.getAxis("bottom"),
                 plot.steps_plot.getAxis("bottom")):  # fmt: skip
        _assert_decade_labels(axis)
    plot.loss_plot.setYRange(0.1, 0.5, padding=0)  # less than a decade: 2·10⁰, no stack
    QtWidgets.QApplication.processEvents()
    labels = axis_labels(plot.loss_plot.getAxis("left"))
    assert [t for _, t in labels] == ["2·10⁰"]
