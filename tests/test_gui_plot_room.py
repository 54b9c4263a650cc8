"""At 1280×800 an open dock (Basin map, Sweeps, Lessons) never squeezes the surface below a
usable size, and the legend's columns fit their content with the status column readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QStyle

from gui.explorer.legend_columns import MINIMA, fit_columns
from gui.explorer.legend_table import COLUMNS

pytestmark = pytest.mark.gui
USABLE_PX = 440  # the surface plot (heatmap, axes and colour bar) at least this wide


def _cut_cells(legend) -> list[str]:
    """Texts the legend draws elided: each is drawn in its cell's rect less the style's text
    margins (as Qt's item view does), so it is cut when it is wider than that."""
    margin = legend.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, legend) + 1
    fm = legend.fontMetrics()
    cut = []
    for row in range(legend.rowCount()):
        for col in range(1, len(COLUMNS)):
            item = legend.item(row, col)
            if item is None or not item.text():
                continue
            rect = legend.visualItemRect(item)
            inside = rect.left() >= 0 and rect.right() <= legend.viewport().width()
            room = rect.width() - 2 * margin
            if (
                not inside
                or fm.elidedText(item.text(), Qt.TextElideMode.ElideRight, room) != item.text()
            ):
                cut.append(item.text())
    return cut


def test_fit_columns_gives_run_names_way_before_statuses() -> None:
    wanted = [16, 150, 40, 70, 50, 60, 180]
    assert fit_columns(wanted, 800)[:6] == wanted[:6]  # room to spare: all as wanted ...
    assert sum(fit_columns(wanted, 800)) == 800  # ... and the status column takes the rest
    tight = fit_columns(wanted, 500)
    assert sum(tight) == 500 and tight[6] == 180 and tight[1] < 150
    tighter = fit_columns(wanted, 420)  # names at their minimum, then the status gives way
    assert tighter[1] == MINIMA[1] and tighter[6] < 180 and sum(tighter) == 420
    worst = fit_columns(wanted, 100)
    assert worst == list(MINIMA) or all(w >= m for w, m in zip(worst, MINIMA, strict=True))
    for widths in (tight, tighter, worst):  # numbers are never cut: a cut 3.1118e-10 reads 3.11
        assert widths[2:6] == wanted[2:6]


def _long_names_race(explorer) -> None:
    c = explorer.controller
    c.set_surface_name("linear_regression")
    key = c.add_run("sgd")
    c.edit_run(key, {"estimate_kind": "sample"})
    c.edit_run(c.racers[1].key, {"lr": 0.00412345})
    c.race.step(30)
    explorer._refresh_slow()
    QApplication.processEvents()


def test_legend_columns_fit_their_content(explorer) -> None:
    _long_names_race(explorer)
    legend = explorer.legend
    names = [legend.value(r, "run") for r in range(legend.rowCount())]
    assert "SGD (one sample)" in names
    assert _cut_cells(legend) == []
    row = names.index("SGD (one sample)")
    assert "SGD (one sample)" in legend.item(row, COLUMNS.index("run")).toolTip()
    lr = legend.item(1, COLUMNS.index("lr"))
    assert "0.00412345" in lr.toolTip()


@pytest.mark.parametrize("dock", ["basins_dock", "sweeps_dock", "lessons"])
def test_a_dock_at_1280_px_leaves_the_surface_usable(main_window, qtbot, dock) -> None:
    from gui.lessons.dock import lessons_dock

    lessons_dock(main_window, persist=False, fit=False)
    explorer = main_window.explorer
    main_window.resize(1280, 800)
    _long_names_race(explorer)
    d = main_window.findChild(QDockWidget, dock)
    d.show()
    d.raise_()
    qtbot.waitUntil(lambda: explorer.plot.width() >= USABLE_PX, timeout=3000)
    QApplication.processEvents()
    assert main_window.width() <= 1280 and not d.isFloating()
    assert d.width() >= 240  # the dock itself is usable too
    legend = explorer.legend
    status = COLUMNS.index("status")
    assert legend.columnWidth(status) >= legend.fontMetrics().horizontalAdvance("moving")
    cut = _cut_cells(legend)
    assert not [legend.value(r, "status") for r in range(legend.rowCount())
                if legend.value(r, "status") in cut]  # fmt: skip
    # the whole domain stays in view
    x0, x1, y0, y1 = explorer.plot.frame()
    d0, d1, e0, e1 = explorer.controller.surface.domain
    assert x0 <= d0 + 1e-9 and x1 >= d1 - 1e-9 and y0 <= e0 + 1e-9 and y1 >= e1 - 1e-9
    # the side plots come back once the dock closes
    d.hide()
    qtbot.waitUntil(lambda: explorer.side.isVisible(), timeout=3000)


def test_the_whole_domain_stays_in_view_through_a_narrow_moment(qtbot) -> None:
    """pyqtgraph rewrites the target range of an aspect-locked view when it resizes; a narrow
    moment (the window laying out, a dock opening) used to leave the domain's sides cut off."""
    import numpy as np

    from gui.explorer.surface_plot import SurfacePlot

    plot = SurfacePlot()
    qtbot.addWidget(plot)
    plot.resize(600, 500)
    plot.show()
    qtbot.waitExposed(plot)
    z = np.add.outer(np.linspace(-1, 1, 64) ** 2, np.linspace(-1, 1, 64) ** 2)
    plot.set_surface(z, (-5.0, 5.0, -5.0, 5.0), False, [])

    def shows_domain() -> bool:
        x0, x1, y0, y1 = plot.frame()
        return x0 <= -5 + 1e-6 and x1 >= 5 - 1e-6 and y0 <= -5 + 1e-6 and y1 >= 5 - 1e-6

    assert shows_domain()
    for width in (300, 220, 150):  # too narrow for the limits to keep x whole: x shrinks ...
        plot.resize(width, 500)
        QApplication.processEvents()
    plot.resize(420, 500)  # ... and stayed shrunk in a plot taller than wide
    qtbot.waitUntil(shows_domain, timeout=3000)
    # after the user zooms, a resize keeps their view
    QApplication.processEvents()
    plot.vb.scaleBy((0.5, 0.5))  # what the mouse wheel does
    zoomed = plot.frame()
    plot.resize(620, 500)
    QApplication.processEvents()
    QApplication.processEvents()
    assert plot.frame()[1] - plot.frame()[0] < 8.0 and zoomed[1] - zoomed[0] < 8.0


def test_a_narrow_legend_cuts_names_and_statuses_where_they_say_least(qtbot) -> None:
    """'converged: global …' hid which minimum; 'GD · st…' hid which start."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from gui.explorer.legend_table import LegendTable

    t = LegendTable()
    qtbot.addWidget(t)
    t.resize(420, 120)
    t.show()
    t.set_rows([(1, "#ff4d4d", "Adam · start 2", 12345, 3.11184e-10, 2.5e-6, 0.1,
                 "converged: global minimum")])  # fmt: skip
    QApplication.processEvents()
    assert t.columnWidth(3) >= t.fontMetrics().horizontalAdvance("3.11184e-10")  # number whole
    for col, kept in ((1, "2"), (6, "al minimum")):
        index = t.model().index(0, col)
        opt = QStyleOptionViewItem()
        opt.initFrom(t.viewport())
        opt.rect = t.visualRect(index)
        text = t.item(0, col).text()
        assert t.fontMetrics().horizontalAdvance(text) > opt.rect.width()  # it is cut ...
        shown = t.itemDelegateForColumn(col).shown(opt, index).text
        assert shown.endswith(kept) and shown.count("…") == 1  # ... once, where it says least
