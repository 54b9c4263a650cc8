"""DataView: the examples behind a data-defined surface and every racer's current model, moving as
it learns — for linear regression the n points (tᵢ, yᵢ) and each racer's line y = w₀ + w₁t; for
logistic regression the labelled points and each racer's decision boundary w₀x₁ + w₁x₂ = 0. The
examples a racer's last SGD or mini-batch step used are ringed in its colour.

``install(window)`` puts it above the Explorer's side plots, shown by View > Data and fitted
lines (Ctrl+Shift+L) on surfaces that have such examples; it reads the race through the
Explorer's controller, refreshing at most ten times a second."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from gui.explorer.controller import ExplorerController
from gui.theme import PLOT_BG
from surfaces.base import Surface
from surfaces.data import LinearRegression, LogisticRegression

MAX_LINES = 12  # run points drawn (a race of many starts shows its first ones)
CLASS_COLOURS = ("#74c0fc", "#ffa8a8")


def kind_of(surface: Surface) -> str | None:
    """'line' (linear regression), 'boundary' (logistic regression) or None (nothing to show)."""
    if isinstance(surface, LinearRegression):
        return "line"
    if isinstance(surface, LogisticRegression):
        return "boundary"
    return None


def model_segment(kind: str, w: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Two points (2, 2) of a racer's model across the box (x0, x1, y0, y1): the fitted line
    y = w₀ + w₁t, or the boundary w₀x₁ + w₁x₂ = 0 (NaN when it does not cross the box)."""
    x0, x1, y0, y1 = box
    w0, w1 = float(w[0]), float(w[1])
    if kind == "line":
        return np.array([[x0, w0 + w1 * x0], [x1, w0 + w1 * x1]])
    if abs(w1) >= abs(w0) and w1 != 0.0:  # x₂ = −w₀x₁/w₁
        return np.array([[x0, -w0 * x0 / w1], [x1, -w0 * x1 / w1]])
    if w0 != 0.0:  # steep: x₁ = −w₁x₂/w₀
        return np.array([[-w1 * y0 / w0, y0], [-w1 * y1 / w0, y1]])
    return np.full((2, 2), np.nan)


class DataView(QWidget):
    """The examples and the racers' models; fed plain arrays by ``set_surface``/``set_models``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=PLOT_BG, enableMenu=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        for ax in ("left", "bottom"):
            item.getAxis(ax).setTextPen("#c8ccd4")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#868e96")
        self.points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#1f2937", width=0.6))
        self.plot.addItem(self.points)
        self.lines: list[pg.PlotCurveItem] = []
        self.used: list[pg.ScatterPlotItem] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.note)
        self.kind: str | None = None
        self.xy = np.zeros((0, 2))
        self.box = (0.0, 1.0, 0.0, 1.0)

    def set_surface(self, surface: Surface) -> None:
        """Show the surface's examples (or say there are none to show)."""
        self.kind = kind_of(surface)
        item = self.plot.getPlotItem()
        if self.kind is None:
            self.xy = np.zeros((0, 2))
            self.points.setData([])
            self.set_models([])
            self.note.setText(
                self.tr("This surface has no examples to show (a data-defined one has).")
            )
            return
        X, t = getattr(surface, "X"), getattr(surface, "t")  # noqa: B009 - a DataSurface's data
        if self.kind == "line":
            self.xy = np.column_stack([X[:, 1], t])
            brushes = [pg.mkBrush("#e9ecef")] * len(t)
            item.setTitle(self.tr("data, lines y = w₀ + w₁t"), color="#e6e9ef", size="9pt")
            item.setLabel("bottom", self.tr("t (input)"))
            item.setLabel("left", self.tr("y (target)"))
        else:
            self.xy = np.asarray(X[:, :2], dtype=np.float64)
            brushes = [pg.mkBrush(CLASS_COLOURS[int(v > 0.5)]) for v in t]
            item.setTitle(self.tr("data, boundaries w₀x₁ + w₁x₂ = 0"), color="#e6e9ef", size="9pt")
            item.setLabel("bottom", "x₁")
            item.setLabel("left", "x₂")
        lo, hi = self.xy.min(axis=0), self.xy.max(axis=0)
        pad = 0.08 * (hi - lo + 1e-9)
        self.box = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
        self.points.setData(pos=self.xy, brush=brushes)
        x0, x1, y0, y1 = self.box
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.note.setText(
            self.tr("n = {v0} · ringed: used by the last SGD / mini-batch step").format(v0=len(t))
        )

    def set_models(self, rows: list[tuple[str, np.ndarray, np.ndarray | None]]) -> None:
        """rows: (colour, w (2,), examples its last step used (m,) or None) per run point."""
        rows = rows[:MAX_LINES] if self.kind is not None else []
        while len(self.lines) < len(rows):
            line = pg.PlotCurveItem()
            used = pg.ScatterPlotItem(size=13, brush=pg.mkBrush(None))
            line.setZValue(5)
            used.setZValue(6)
            self.plot.addItem(line)
            self.plot.addItem(used)
            self.lines.append(line)
            self.used.append(used)
        for k, (line, used) in enumerate(zip(self.lines, self.used, strict=True)):
            if k >= len(rows):
                line.setData([], [])
                used.setData([])
                continue
            colour, w, idx = rows[k]
            assert self.kind is not None
            seg = model_segment(self.kind, w, self.box)
            line.setData(seg[:, 0], seg[:, 1], pen=pg.mkPen(colour, width=2.2))
            if idx is None or len(idx) == len(self.xy):
                used.setData([])
            else:
                used.setData(pos=self.xy[np.asarray(idx)], pen=pg.mkPen(colour, width=2.4))

    def used_examples(self) -> list[np.ndarray]:
        """The ringed examples' positions per run point drawn (for tests)."""
        out = []
        for s in self.used:
            x, y = s.getData()
            out.append(np.column_stack([x, y]) if x is not None else np.zeros((0, 2)))
        return out


class DataViewTool:
    """Keeps a DataView in step with the Explorer's race; its ``action`` shows and hides it. The
    view is built the first time it is shown (``view``): the window's first paint does not wait
    for a plot it does not show."""

    def __init__(self, controller: ExplorerController, side: QWidget, action: QAction) -> None:
        self.controller, self.side, self.action = controller, side, action
        self._view: DataView | None = None
        self.before_lessons: bool | None = None  # shown before a lesson took over the window
        self._later = QTimer(side)
        self._later.setSingleShot(True)
        self._later.setInterval(100)
        self._later.timeout.connect(self.refresh)
        c = controller
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        for sig in (c.sigStepped, c.sigStartsChanged, c.sigRacersChanged):
            sig.connect(self._schedule)
        action.toggled.connect(self._on_toggled)

    @property
    def view(self) -> DataView:
        """The view, above the Explorer's side plots (created hidden on first use)."""
        if self._view is None:
            self._view = DataView()
            self._view.hide()
            self.side.layout().insertWidget(0, self._view, 3)
            self._view.set_surface(self.controller.surface)
        return self._view

    def _on_toggled(self, on: bool) -> None:
        if on or self._view is not None:
            self.view.setVisible(on)
        if on:
            self._on_surface_changed(self.controller.surface)

    def _on_surface_changed(self, surface: Surface, *_: object) -> None:
        if self.action.isChecked():
            self.view.set_surface(surface)
            self.refresh()

    def _schedule(self, *_: object) -> None:
        if self.action.isChecked() and not self._later.isActive():
            self._later.start()

    def refresh(self) -> None:
        """Every active run point's current weights and the examples its last step used."""
        if self._view is None:
            return  # never shown: nothing to refresh
        rows = []
        for r in self.controller.race.active():
            run = r.run
            if run is None:
                continue
            used = run.last_examples
            for i in range(run.n_points):
                rows.append((r.colour, run.w[i], None if used is None else used[i]))
        self._view.set_models(rows)


def install(window: QMainWindow) -> DataViewTool:
    """Above the Explorer's side plots, hidden until View > Data and fitted lines."""
    action = QAction(QCoreApplication.translate("data_view", "Data and fitted lines"), window)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    action.setToolTip(QCoreApplication.translate("data_view", "Beside the surface: the examples of a data-defined loss and each run's "
                      "current line or boundary, moving as it learns (Ctrl+Shift+L)"))  # fmt: skip
    from gui.view_menu import view_menu

    view_menu(window).addAction(action)
    window.addAction(action)
    tool = DataViewTool(window.explorer.controller, window.explorer.side, action)
    window.data_view = tool
    return tool
