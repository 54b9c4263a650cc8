"""SidePlots: loss against step (log scale when the minimum is known) and lr against step, one
curve per run point in the run's colour."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.theme import PLOT_BG
from surfaces.i18n import QT_TRANSLATE_NOOP


def _style(plot: pg.PlotWidget, title: str) -> None:
    """Dark plot; what the y axis shows is in the title (a rotated left label crowds the
    tick labels of a narrow side plot)."""
    item = plot.getPlotItem()
    item.setTitle(title, color="#e6e9ef", size="10pt")
    item.showGrid(x=True, y=True, alpha=0.2)
    for ax in ("left", "bottom"):
        item.getAxis(ax).setTextPen("#c8ccd4")
        item.getAxis(ax).setPen("#5a6272")
    item.setLabel(
        "bottom", QCoreApplication.translate("side_plots", "step"), color="#c8ccd4"
    )  # after setPen, which recolours labels
    plot.setMenuEnabled(False)
    for ax in ("left", "bottom"):
        item.getAxis(ax).enableAutoSIPrefix(False)
    # A fixed tick-label column: room for "10⁻¹⁵" or "0.0001" from the first paint (an axis
    # that grows only after painting hides labels in a first screenshot), and the two stacked
    # plots' step axes line up.
    item.getAxis("left").setWidth(52)
    item.setLimits(xMin=0)  # steps start at 0: a lone first point is not centred on −50…50
    item.setXRange(0, 100)
    item.enableAutoRange(x=True, y=True)  # follow the data (setXRange above switched it off)


LOSS_TITLES = {
    True: QT_TRANSLATE_NOOP("SidePlots", "loss  f − f*  (log)"),
    False: QT_TRANSLATE_NOOP("SidePlots", "loss  f"),
}
LR_TITLE = QT_TRANSLATE_NOOP("SidePlots", "learning rate η per run")
MAX_SHOWN = 2000


def _stride(a: np.ndarray) -> int:
    return max(1, -(-len(a) // MAX_SHOWN))


class SidePlots(QWidget):
    """Fed (colour, steps, loss, lr) per run point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = pg.PlotWidget(background=PLOT_BG)
        self.lr_plot = pg.PlotWidget(background=PLOT_BG)
        _style(self.loss_plot, self.tr(LOSS_TITLES[False]))
        _style(self.lr_plot, self.tr(LR_TITLE))
        self.loss_plot.setToolTip(
            self.tr("The loss of every run point against its step, in the run's colour")
        )
        self.lr_plot.setToolTip(
            self.tr(
                "The learning rate η each run point uses at each step, in the run's colour\n"
                "(as in the run list and the table below the surface)"
            )
        )
        self.lr_plot.setXLink(self.loss_plot)
        self.setMinimumWidth(230)  # the titles and tick labels stay readable beside a dock
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.loss_plot, 3)
        lay.addWidget(self.lr_plot, 2)
        self._loss: list[pg.PlotCurveItem] = []
        self._lr: list[pg.PlotCurveItem] = []
        self.f_star: float | None = None

    def set_reference(self, f_star: float | None) -> None:
        """Plot f − f* on a log axis when the global minimum value f* is known, else f itself."""
        if (f_star is None) != (self.f_star is None):
            # The old curves are in the other scale (f −2.6e6 read as 10^−2.6e6 overflows the
            # log axis): drop them until set_curves brings values in the new one.
            for c in self._loss:
                c.setData([], [])
            self.loss_plot.getPlotItem().setYRange(0.0, 1.0, padding=0)
            self.loss_plot.getPlotItem().enableAutoRange(y=True)
        self.f_star = f_star
        # The curves get log10 values from us (light PlotCurveItems); the axis labels decades.
        self.loss_plot.getPlotItem().getAxis("left").setLogMode(f_star is not None)
        self.loss_plot.getPlotItem().setTitle(self.tr(LOSS_TITLES[f_star is not None]), color="#e6e9ef",
                                              size="10pt")  # fmt: skip

    @staticmethod
    def _curves(
        plot: pg.PlotWidget, pool: list[pg.PlotCurveItem], n: int
    ) -> list[pg.PlotCurveItem]:
        while len(pool) < n:
            c = pg.PlotCurveItem(connect="finite")
            plot.addItem(c)
            pool.append(c)
        for c in pool[n:]:
            c.setVisible(False)
        for c in pool[:n]:
            c.setVisible(True)
        return pool[:n]

    @staticmethod
    def _show(c: pg.PlotCurveItem, colour: str, x: np.ndarray, y: np.ndarray) -> None:
        if c.opts["pen"].color().name() != colour:
            c.setPen(pg.mkPen(colour, width=1.6))
        c.setData(x, y, connect="finite")

    def set_curves(self, rows: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]) -> None:
        """rows: (colour, steps, loss, lr) per run point (arrays of equal length). Long histories
        are thinned to about MAX_SHOWN points by striding (a view, no copy)."""
        rows = [(c, s[:: _stride(s)], f[:: _stride(s)], r[:: _stride(s)]) for c, s, f, r in rows]
        loss_curves = self._curves(self.loss_plot, self._loss, len(rows))
        lr_curves = self._curves(self.lr_plot, self._lr, len(rows))
        for c, d, (colour, steps, loss, lr) in zip(loss_curves, lr_curves, rows, strict=True):
            if self.f_star is None:
                y = loss
            else:
                with np.errstate(all="ignore"):
                    y = np.log10(np.maximum(loss - self.f_star, 1e-16))
                    # Beyond 10³⁰⁰ the axis's own 10**tick overflows: break the line there.
                    y = np.where(y > 300.0, np.nan, y)
            self._show(c, colour, steps, y)
            self._show(d, colour, steps, lr)
