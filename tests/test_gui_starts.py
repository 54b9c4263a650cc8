"""A run with several starts (Shift+click): each start has its number on its ⊕ marker and its own
dash pattern; the legend groups each run's starts with their numbers and line samples, and the
Runs list says how many starts each run has."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui
STARTS = [(1.0, 1.0), (-2.0, -1.0), (2.5, -3.0)]


def _click(explorer, x: float, y: float, shift: bool) -> None:
    plot = explorer.plot
    QApplication.processEvents()
    p = plot.data_to_widget(x, y)
    pos = QPoint(round(p.x()), round(p.y()))
    mod = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(plot.viewport(), pos)
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, mod, pos)


def _three_starts(explorer) -> None:
    for i, (x, y) in enumerate(STARTS):
        _click(explorer, x, y, shift=i > 0)
    explorer.controller.race.step(20)
    explorer._on_stepped()
    explorer._refresh_slow()
    QApplication.processEvents()


def test_each_start_has_its_number_and_dash(explorer) -> None:
    _three_starts(explorer)
    plot = explorer.plot
    markers = [t for t in plot._starts if t.isVisible()]
    assert len(markers) == 3
    assert [t.label().toPlainText() for t in markers] == ["1", "2", "3"]
    n_runs = len(explorer.controller.race.active())
    shown = [pair for pair in plot._trails if pair[0].isVisible()]
    assert len(shown) == 3 * n_runs
    for r in range(n_runs):  # trails come run by run, start by start
        styles = [shown[3 * r + k][0].opts["pen"].style() for k in range(3)]
        assert len(set(styles)) == 3, styles
        colours = {shown[3 * r + k][0].opts["pen"].color().name() for k in range(3)}
        assert len(colours) == 1  # one run, one colour


def test_one_start_has_no_number(explorer) -> None:
    _click(explorer, 1.0, 1.0, shift=False)
    markers = [t for t in explorer.plot._starts if t.isVisible()]
    assert len(markers) == 1 and markers[0].label() is None
    assert explorer.legend.item(0, 1).icon().isNull()


def test_legend_groups_starts_by_run_and_runs_list_agrees(explorer) -> None:
    _three_starts(explorer)
    legend, runs = explorer.legend, explorer.runs.list
    racers = explorer.controller.race.active()
    assert legend.rowCount() == 3 * len(racers)
    for r, racer in enumerate(racers):
        names = [legend.value(3 * r + k, "run") for k in range(3)]
        assert names == [f"{racer.name} · start {k + 1}" for k in range(3)]
        icons = [legend.item(3 * r + k, 1).icon().pixmap(28, 12).toImage() for k in range(3)]
        assert not icons[0].isNull() and icons[0] != icons[1] and icons[1] != icons[2]
        assert runs.item(r).text() == f"{racer.name}  (3 starts)"
    # back to one start: the list and the legend say so
    _click(explorer, 0.5, 0.5, shift=False)
    explorer._refresh_slow()
    assert [runs.item(i).text() for i in range(runs.count())] == [r.name for r in racers]
    assert legend.rowCount() == len(racers)
