"""ParamMapPlot: final loss over (lr, momentum | α | β₁) as a heatmap on a log lr axis (Distill's
α–β picture). Diverged cells are red; a click reports the cell's (lr, value)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt, Signal

from core.analysis.sweeps import ParamMap
from gui.analysis.sweep_lr_plot import AXIS_PEN, AXIS_TEXT, gap_above
from gui.i18n.numbers import num
from gui.theme import PLOT_BG
from surfaces.i18n import QT_TRANSLATE_NOOP

DIVERGED_RGB = (214, 39, 40)
CMAP = "viridis"
PARAM_TEXT = {
    "momentum": QT_TRANSLATE_NOOP("ParamMapPlot", "momentum α"),
    "alpha": QT_TRANSLATE_NOOP("ParamMapPlot", "RMSprop α"),
    "beta1": "β₁",
    "beta2": "β₂",
}


def map_levels(gap: NDArray[np.float64]) -> tuple[float, float]:
    """log10 colour range of the finite gaps (at least one decade wide)."""
    fin = gap[np.isfinite(gap)]
    if not fin.size:
        return -1.0, 1.0
    lg = np.log10(fin)
    lo, hi = float(lg.min()), float(lg.max())
    return (lo, hi) if hi - lo >= 1 else (lo - 0.5, lo + 0.5)


def map_rgba(gap: NDArray[np.float64], levels: tuple[float, float]) -> NDArray[np.uint8]:
    """(rows, cols, 4) image: viridis of log10 gap, diverged (NaN) cells red."""
    lut = pg.colormap.get(CMAP).getLookupTable(nPts=256, alpha=False)
    lo, hi = levels
    with np.errstate(all="ignore"):
        u = np.clip((np.log10(gap) - lo) / (hi - lo), 0, 1)
    idx = np.nan_to_num(u * 255, nan=0).astype(np.intp)
    out = np.full((*gap.shape, 4), 255, dtype=np.uint8)
    out[..., :3] = lut[idx]
    out[~np.isfinite(gap), :3] = DIVERGED_RGB
    return out


class ParamMapPlot(pg.GraphicsLayoutWidget):
    """The heatmap, a colour bar and a marker at the selected run's values."""

    sigCellClicked = Signal(float, float)  # lr, value of the second parameter
    sigCellHovered = Signal(str)  # a readout line ("" when the cursor leaves)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground(PLOT_BG)
        self.plot: pg.PlotItem = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        for ax in ("left", "bottom"):
            self.plot.getAxis(ax).setTextPen(AXIS_TEXT)
            self.plot.getAxis(ax).setPen(AXIS_PEN)
        self.plot.setLabel("bottom", self.tr("learning rate η (log)"), color=AXIS_TEXT)
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)  # no "(x0.001)" on log₁₀ η
        # Before the first map: the default η span and a [0, 1] parameter, not pyqtgraph's ±500.
        self.plot.setRange(xRange=(-4.0, 0.0), yRange=(0.0, 1.0), padding=0)
        self._decade_ticks(-4.0, 0.0)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.marker = pg.ScatterPlotItem(symbol="+", size=18, pen=pg.mkPen("#ffffff", width=2))
        self.plot.addItem(self.marker)
        self.bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get(CMAP),
                                   interactive=False, label="log₁₀(f − f*)", width=14,
                                   colorMapMenu=False)  # fmt: skip
        self.bar.getAxis("right").setTextPen(AXIS_TEXT)
        self.addItem(self.bar, row=0, col=1)
        self.result: ParamMap | None = None
        self.gap: NDArray[np.float64] | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)

    def set_map(self, result: ParamMap, f_star: float) -> None:
        self.result = result
        self.gap = gap_above(result.final_loss, f_star)
        levels = map_levels(self.gap)
        self.image.setImage(map_rgba(self.gap, levels), autoLevels=False)
        lx = np.log10(result.lrs)
        dx = (lx[-1] - lx[0]) / max(1, len(lx) - 1)
        v = result.values
        dv = (v[-1] - v[0]) / max(1, len(v) - 1)
        rect = QRectF(lx[0] - dx / 2, v[0] - dv / 2, lx[-1] - lx[0] + dx, v[-1] - v[0] + dv)
        self.image.setRect(rect)
        self.plot.setRange(rect=rect, padding=0)
        self._decade_ticks(rect.left(), rect.right())
        self.plot.setLabel(
            "left", self.tr(PARAM_TEXT.get(result.param, result.param)), color=AXIS_TEXT
        )
        self.bar.setLevels(levels)

    def _decade_ticks(self, lo: float, hi: float) -> None:
        """Label whole decades of log₁₀ η as η itself (0.001, 0.01, ...), as the lr sweep does."""
        decades = np.arange(np.ceil(lo), np.floor(hi) + 1)
        self.plot.getAxis("bottom").setTicks([[(d, num(10.0**d)) for d in decades], []])

    def set_current(self, lr: float | None, value: float | None) -> None:
        """Mark the selected run's (lr, value) on the map."""
        if lr is None or value is None or not lr > 0:
            self.marker.setData([])
        else:
            self.marker.setData([np.log10(lr)], [value])

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(column, row) of the cell under plot coordinates (log10 lr, value), or None."""
        if self.result is None:
            return None
        r = self.image.mapRectToParent(self.image.boundingRect())
        if not r.contains(QPointF(x, y)):
            return None
        ncol, nrow = len(self.result.lrs), len(self.result.values)
        i = min(ncol - 1, int((x - r.left()) / r.width() * ncol))
        j = min(nrow - 1, int((y - r.top()) / r.height() * nrow))
        return i, j

    def data_to_widget(self, i: int, j: int) -> QPointF:
        """Viewport pixel of the centre of cell (i, j) (for tests)."""
        assert self.result is not None
        p = QPointF(float(np.log10(self.result.lrs[i])), float(self.result.values[j]))
        return self.mapFromScene(self.plot.vb.mapViewToScene(p))

    def _cell_from_scene(self, pos) -> tuple[int, int] | None:
        if not self.plot.vb.sceneBoundingRect().contains(pos):
            return None
        p = self.plot.vb.mapSceneToView(pos)
        return self.cell_at(p.x(), p.y())

    def _on_scene_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        cell = self._cell_from_scene(ev.scenePos())
        if cell is not None and self.result is not None:
            i, j = cell
            self.sigCellClicked.emit(float(self.result.lrs[i]), float(self.result.values[j]))

    def _on_scene_moved(self, pos) -> None:
        cell = self._cell_from_scene(pos)
        if cell is None or self.result is None or self.gap is None:
            self.sigCellHovered.emit("")
            return
        i, j = cell
        r = self.result
        name = self.tr(PARAM_TEXT.get(r.param, r.param))
        if r.diverged[j, i]:
            what = self.tr("diverged")
        else:
            conv = int(r.converged_at[j, i])
            when = (self.tr("converged at step {step}").format(step=conv) if conv >= 0
                    else self.tr("not converged"))  # fmt: skip
            what = f"f − f* = {num(self.gap[j, i], '.3g')}, {when}"
        self.sigCellHovered.emit(
            f"η = {num(r.lrs[i], '.3g')}, {name} = {num(r.values[j], '.3g')}: {what}"
        )
