"""SidePlots: loss (log scale when the minimum is known) or |∇f| (log) against step or against the
examples processed, and lr against the same axis, one curve per run point in the run's colour.

"Examples processed" is the slide's cost argument: a GD step reads all n examples, an SGD step
one, a mini-batch step m (on a data-defined surface; elsewhere there are no examples)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from gui.theme import PLOT_BG
from gui.widgets.log_axis import LogAxis, padded_decades
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
GRAD_TITLE = QT_TRANSLATE_NOOP("SidePlots", "gradient norm  |∇f|  (log)")
X_LABELS = {
    "step": QT_TRANSLATE_NOOP("SidePlots", "step"),
    "examples": QT_TRANSLATE_NOOP("SidePlots", "examples processed"),
}
LR_TITLE = QT_TRANSLATE_NOOP("SidePlots", "learning rate η per run")
MAX_SHOWN = 2000


def _stride(a: np.ndarray) -> int:
    return max(1, -(-len(a) // MAX_SHOWN))


class SidePlots(QWidget):
    """Fed (colour, steps, loss, lr) per run point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = pg.PlotWidget(background=PLOT_BG, axisItems={"left": LogAxis("left")},
                                      enableMenu=False)  # fmt: skip
        self.lr_plot = pg.PlotWidget(background=PLOT_BG, enableMenu=False)
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
        self.quantity = QComboBox()
        self.quantity.addItem(self.tr("loss"), "loss")
        self.quantity.addItem("|∇f|", "grad")
        self.quantity.setToolTip(self.tr("Plot the loss, or the gradient's norm |∇f| (log scale): at a "
                                 "saddle |∇f| falls towards 0 while the loss stays put"))  # fmt: skip
        self.x_axis = QComboBox()
        self.x_axis.addItem(self.tr("against step"), "step")
        self.x_axis.addItem(self.tr("against examples processed"), "examples")
        self.x_axis.setToolTip(self.tr("On a data-defined surface: the cost in examples read — a GD step "
                               "reads all n, SGD 1, a mini-batch m (O(n) against O(1))"))  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.quantity)
        row.addWidget(self.x_axis, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.loss_plot, 3)
        lay.addWidget(self.lr_plot, 2)
        self._loss: list[pg.PlotCurveItem] = []
        self._lr: list[pg.PlotCurveItem] = []
        self.f_star: float | None = None
        self._rows: list[tuple] = []
        self.quantity.currentIndexChanged.connect(self._on_choice_changed)
        self.x_axis.currentIndexChanged.connect(self._on_choice_changed)

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
        self._axes_look()

    def _axes_look(self) -> None:
        grad = self.quantity.currentData() == "grad"
        item = self.loss_plot.getPlotItem()
        item.getAxis("left").setLogMode(grad or self.f_star is not None)
        title = GRAD_TITLE if grad else LOSS_TITLES[self.f_star is not None]
        item.setTitle(self.tr(title), color="#e6e9ef", size="10pt")
        x = self.tr(X_LABELS[self.x_axis.currentData()])
        for p in (self.loss_plot, self.lr_plot):
            p.getPlotItem().setLabel("bottom", x, color="#c8ccd4")

    def _on_choice_changed(self, *_: object) -> None:
        for c in self._loss:  # values of the other quantity must not meet the new axis
            c.setData([], [])
        self._axes_look()
        self.set_curves(self._rows)
        for p in (self.loss_plot, self.lr_plot):
            p.getPlotItem().enableAutoRange(x=True, y=True)

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

    def set_curves(self, rows: list[tuple]) -> None:
        """rows: (colour, steps, loss, lr, |∇f|, examples per step) per run point (arrays of equal
        length). Long histories are thinned to about MAX_SHOWN points by striding (a view)."""
        self._rows = rows
        examples = self.x_axis.currentData() == "examples" and any(r[5] > 0 for r in rows)
        grad = self.quantity.currentData() == "grad"
        loss_curves = self._curves(self.loss_plot, self._loss, len(rows))
        lr_curves = self._curves(self.lr_plot, self._lr, len(rows))
        for c, d, row in zip(loss_curves, lr_curves, rows, strict=True):
            colour, steps, loss, lr, gnorm, cost = row
            k = _stride(steps)
            steps, loss, lr, gnorm = steps[::k], loss[::k], lr[::k], gnorm[::k]
            x = steps * float(cost) if examples else steps
            with np.errstate(all="ignore"):
                if grad:
                    y = np.log10(np.maximum(gnorm, 1e-16))
                elif self.f_star is None:
                    y = loss
                else:
                    y = np.log10(np.maximum(loss - self.f_star, 1e-16))
                # Beyond 10³⁰⁰ the axis's own 10**tick overflows: break the line there.
                if grad or self.f_star is not None:
                    y = np.where(y > 300.0, np.nan, y)
            self._show(c, colour, x, y)
            self._show(d, colour, x, lr)
        if grad or self.f_star is not None:
            self._fit_decades()

    def _fit_decades(self) -> None:
        """On the log axis the y range spans whole decades: there is always a labelled tick."""
        ys = [c.yData for c in self._loss if c.isVisible() and c.yData is not None]
        finite = [y[np.isfinite(y)] for y in ys]
        finite = [y for y in finite if y.size]
        if not finite:
            return
        lo = min(float(y.min()) for y in finite)
        hi = max(float(y.max()) for y in finite)
        item = self.loss_plot.getPlotItem()
        a, b = padded_decades(lo, hi, item.vb.height())
        if item.vb.state["autoRange"][1] or item.vb.targetRange()[1] != [a, b]:
            item.setYRange(a, b, padding=0)
