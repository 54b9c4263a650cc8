"""Small plots of the Network tab: the loss curve and the per-layer gradient-norm bars."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui.i18n.numbers import num
from gui.widgets.log_axis import LogAxis, padded_decades

LAYER_COLOURS = ("#4263eb", "#7048e8", "#ae3ec9", "#d6336c", "#f76707")


def _plot(title: str, axes: dict | None = None) -> pg.PlotWidget:
    w = pg.PlotWidget(background="w", axisItems=axes)
    w.setMenuEnabled(False)
    w.hideButtons()
    w.getPlotItem().setTitle(title, size="9pt", color="#374151")
    for ax in ("left", "bottom"):
        w.getPlotItem().getAxis(ax).setTextPen("#4b5563")
    return w


class LossCurvePlot(QtWidgets.QWidget):
    """Training loss per update on a log axis, with a marker at the snapshot on view."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = _plot(self.tr("loss (full batch)"), {"left": LogAxis("left")})
        self.plot.setLogMode(False, True)
        self.plot.getPlotItem().setLabel("bottom", self.tr("update"))
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.curve = self.plot.plot(pen=pg.mkPen("#d6336c", width=2))
        self.marker = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#868e96", width=1, style=QtCore.Qt.PenStyle.DashLine)
        )
        self.plot.addItem(self.marker)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)

    def set_losses(self, losses: list[float], at: int) -> None:
        y = np.asarray(losses, dtype=np.float64)
        y = np.maximum(y, 1e-12)  # log axis: a perfect fit would be −∞
        self.curve.setData(np.arange(len(y)), y)
        self.plot.setXRange(0, max(10, len(y) - 1), padding=0.02)
        logs = np.log10(y[np.isfinite(y)])
        if logs.size:  # whole decades: the axis always has labelled ticks (10ᵏ)
            span = padded_decades(
                float(logs.min()), float(logs.max()), self.plot.getPlotItem().vb.height()
            )
            self.plot.setYRange(*span, padding=0)
        self.marker.setValue(at)


class GradNormPlot(QtWidgets.QWidget):
    """‖(∂L/∂W_l, ∂L/∂b_l)‖ per layer (weights and biases, Grads.layer_norms) as bars on a log
    scale: a vanishing gradient is visible at a glance. Labels as the step-through writes them."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = _plot(self.tr("‖(∂L/∂W, ∂L/∂b)‖ per layer, biases included (log₁₀)"))
        self.plot.setMouseEnabled(False, False)
        self.plot.getPlotItem().setLabel("left", self.tr("log₁₀ ‖(∂L/∂W, ∂L/∂b)‖"))
        self.bars: pg.BarGraphItem | None = None
        self.labels: list[pg.TextItem] = []
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)

    def set_norms(self, norms: list[float]) -> None:
        p = self.plot
        if self.bars is not None:
            p.removeItem(self.bars)
        for t in self.labels:
            p.removeItem(t)
        n = np.asarray(norms, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where(n > 0, np.log10(n), -12.0)
        logs = np.where(np.isfinite(logs), logs, 3.0)
        base = float(min(-6.0, np.floor(logs.min()) - 1))
        top = float(max(0.0, np.ceil(logs.max()) + 0.5))
        x = np.arange(1, len(n) + 1)
        brushes = [pg.mkBrush(LAYER_COLOURS[i % len(LAYER_COLOURS)]) for i in range(len(n))]
        self.bars = pg.BarGraphItem(
            x=x, y0=base, height=logs - base, width=0.6, brushes=brushes, pen=None
        )
        p.addItem(self.bars)
        self.labels = []
        for xi, v, lg in zip(x, n, logs, strict=True):
            t = pg.TextItem(
                num(float(v), ".4g").replace("-", "−"), color="#1f2937", anchor=(0.5, 1.0)
            )
            t.setPos(float(xi), float(lg))
            p.addItem(t)
            self.labels.append(t)
        p.setYRange(base, top + 0.6, padding=0)
        p.setXRange(0.4, len(n) + 0.6, padding=0)
        ax = p.getPlotItem().getAxis("bottom")
        ax.setTicks([[(float(i), self.tr("layer {i}").format(i=i)) for i in x]])
