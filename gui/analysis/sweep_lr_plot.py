"""LrSweepPlot: a learning-rate sweep as two stacked plots on a log lr axis — final loss above the
best value (log scale) and steps to converge — one curve per rule, diverged rates marked ×."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, Qt

from core.analysis.sweeps import LrSweep
from gui.theme import PLOT_BG
from gui.widgets.log_axis import LogAxis

FLOOR = 1e-16  # gaps below this are drawn at it (a log axis has no zero)
AXIS_TEXT, AXIS_PEN = "#c8ccd4", "#5a6272"


def gap_above(final_loss: NDArray[np.float64], f_star: float) -> NDArray[np.float64]:
    """f − f* floored at FLOOR, NaN where the run diverged (so the curve breaks there)."""
    gap = np.asarray(final_loss, dtype=np.float64) - f_star
    with np.errstate(invalid="ignore"):
        out = np.maximum(gap, FLOOR)
    out[~np.isfinite(gap)] = np.nan
    return out


def _drawable(x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[NDArray, NDArray]:
    """The data, or nothing when no value is finite (pyqtgraph warns on all-NaN symbols)."""
    return (x, y) if np.isfinite(y).any() else (x[:0], y[:0])


def _style(p: pg.PlotItem, left: str) -> None:
    p.setMenuEnabled(False)
    p.hideButtons()
    p.showGrid(x=True, y=True, alpha=0.15)
    for ax in ("left", "bottom"):
        p.getAxis(ax).setTextPen(AXIS_TEXT)
        p.getAxis(ax).setPen(AXIS_PEN)
    p.setLabel("left", left, color=AXIS_TEXT)
    p.setLabel(
        "bottom",
        QCoreApplication.translate("sweep_lr_plot", "learning rate η (log)"),
        color=AXIS_TEXT,
    )
    p.setLogMode(x=True)
    p.getAxis("left").enableAutoSIPrefix(False)


class LrSweepPlot(pg.GraphicsLayoutWidget):
    """Draws an LrSweep; ``curves`` maps rule -> (loss curve, steps curve) for tests."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground(PLOT_BG)
        # decades only on the log axes (gui.widgets.log_axis): minor labels piled up here too
        axes = {"left": LogAxis("left"), "bottom": LogAxis("bottom")}
        self.loss_plot: pg.PlotItem = self.addPlot(row=0, col=0, axisItems=axes)
        self.steps_plot: pg.PlotItem = self.addPlot(row=1, col=0,
                                                    axisItems={"bottom": LogAxis("bottom")})  # fmt: skip
        _style(self.loss_plot, self.tr("final f − f* (log)"))
        _style(self.steps_plot, self.tr("steps to converge"))
        self.loss_plot.setLogMode(x=True, y=True)
        self.steps_plot.setXLink(self.loss_plot)
        self.legend = self.steps_plot.addLegend(offset=(-8, 8), labelTextColor=AXIS_TEXT)
        self.legend.setBrush(pg.mkBrush(16, 21, 31, 200))
        self.curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._items: list[tuple[pg.PlotItem, pg.GraphicsObject]] = []
        self.marker = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#ffffff", width=1, style=Qt.PenStyle.DashLine)
        )
        self.marker.setVisible(False)
        self.loss_plot.addItem(self.marker, ignoreBounds=True)
        self.sweep: LrSweep | None = None

    def clear_sweep(self) -> None:
        for plot, it in self._items:
            plot.removeItem(it)
        self._items.clear()
        self.curves.clear()
        self.legend.clear()
        self.sweep = None

    def set_sweep(self, sweep: LrSweep, colours: dict[str, str], names: dict[str, str],
                  f_star: float) -> None:  # fmt: skip
        """One pair of curves per rule; × above the loss curves (a row per rule) where a rate diverged."""
        self.clear_sweep()
        self.sweep = sweep
        lrs = sweep.lrs
        gaps = [gap_above(c.final_loss, f_star) for c in sweep.curves]
        finite = np.concatenate([g[np.isfinite(g)] for g in gaps]) if gaps else np.array([])
        top = float(finite.max()) * 10 if finite.size else 1.0
        for k, (curve, gap) in enumerate(zip(sweep.curves, gaps, strict=True)):
            colour = colours.get(curve.rule, "#ffffff")
            pen = pg.mkPen(colour, width=2)
            loss = self.loss_plot.plot(*_drawable(lrs, gap), pen=pen, connect="finite", symbol="o",
                                       symbolSize=4, symbolBrush=colour, symbolPen=None)  # fmt: skip
            conv = curve.converged_at.astype(np.float64)
            conv[(curve.converged_at < 0) | curve.diverged] = np.nan
            steps = self.steps_plot.plot(*_drawable(lrs, conv), pen=pen, connect="finite", symbol="o",
                                         symbolSize=4, symbolBrush=colour, symbolPen=None,
                                         name=names.get(curve.rule, curve.rule))  # fmt: skip
            self.curves[curve.rule] = (loss, steps)
            self._items += [(self.loss_plot, loss), (self.steps_plot, steps)]
            if curve.diverged.any():
                xs = lrs[curve.diverged]
                # A data item, so the plot's log mode applies to it as to the curves.
                cross = self.loss_plot.plot(xs, np.full(len(xs), top * 4.0**k), pen=None, symbol="x",
                                            symbolSize=9, symbolBrush=colour, symbolPen=None)  # fmt: skip
                self._items.append((self.loss_plot, cross))
        self.loss_plot.enableAutoRange()
        self.steps_plot.enableAutoRange()

    def set_current_lr(self, lr: float | None) -> None:
        """A dashed line at the selected run's lr (the plots' x is log10 lr)."""
        if lr is None or not lr > 0:
            self.marker.setVisible(False)
            return
        self.marker.setPos(np.log10(lr))
        self.marker.setVisible(True)
