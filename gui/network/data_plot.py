"""The data and what the network makes of it: a decision map with its 0.5 boundary for 2-D
inputs, the fitted curve for 1-D regression. Click a point to follow that sample."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.network.datasets import Dataset
from core.network.model import Network, prediction_grid

CLASS_COLOURS = ("#1c7ed6", "#f76707")  # label 0, label 1


def _diverging_lut() -> np.ndarray:
    """Pale blue (0) → white (0.5) → pale orange (1): the classes' colours, faded."""
    t = np.linspace(0.0, 1.0, 256)[:, None]
    lo, mid, hi = np.array([165, 206, 247]), np.array([250, 250, 252]), np.array([255, 200, 150])
    rgb = np.where(t < 0.5, lo + (mid - lo) * (t / 0.5), mid + (hi - mid) * ((t - 0.5) / 0.5))
    return rgb.astype(np.uint8)


class NetworkDataPlot(QtWidgets.QWidget):
    """Emits sigSampleClicked(index) when a data point is clicked."""

    sigSampleClicked = QtCore.Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(False)
        pi = self.plot.getPlotItem()
        pi.setTitle(self.tr("data and the network's output"), size="9pt", color="#374151")
        self.image = pg.ImageItem()
        self.image.setLookupTable(_diverging_lut())
        self.image.setLevels((0.0, 1.0))
        self.iso = pg.IsocurveItem(level=0.5, pen=pg.mkPen("#212529", width=2))
        self.iso.setParentItem(self.image)
        self.fit = pg.PlotDataItem(pen=pg.mkPen("#d6336c", width=2.5))
        self.scatter = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1))
        self.ring = pg.ScatterPlotItem(size=18, pen=pg.mkPen("#212529", width=2), brush=None)
        for it in (self.image, self.fit, self.scatter, self.ring):
            self.plot.addItem(it)
        self.note = pg.TextItem("", color="#495057", anchor=(0.5, 0.5))
        self.plot.addItem(self.note)
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)
        self._key: tuple | None = None

    def set_view(self, net: Network, data: Dataset, sample: int) -> None:
        """Redraw the prediction over the data (cheap: one forward pass over a grid)."""
        x, y = data.x, data.y
        key = (id(data), x.shape[1])
        pi = self.plot.getPlotItem()
        self.note.setText("")
        if x.shape[1] == 1:
            self.image.hide()
            lo, hi = float(x.min()), float(x.max())
            pad = 0.1 * max(hi - lo, 1e-6)
            xs = np.linspace(lo - pad, hi + pad, 200)
            with np.errstate(all="ignore"):
                pred = net.predict(xs[:, None])[:, 0]
            self.fit.setData(xs, pred)
            self.fit.show()
            self.scatter.setData(
                x[:, 0], y[:, 0], brush=pg.mkBrush("#495057"), data=np.arange(len(x))
            )
            self.ring.setData([x[sample, 0]], [y[sample, 0]])
            pi.setLabel("bottom", "x")
            pi.setLabel("left", "y")
        elif x.shape[1] == 2:
            self.fit.hide()
            xs, ys, z = prediction_grid(net, x, 90)
            lo, hi = (
                (0.0, 1.0) if data.task == "classification" else (float(y.min()), float(y.max()))
            )
            self.image.setImage(np.nan_to_num(z.T, nan=0.5), levels=(lo, hi if hi > lo else lo + 1))
            self.image.setRect(QtCore.QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
            self.iso.setLevel(0.5 if data.task == "classification" else 0.5 * (lo + hi))
            self.iso.setData(np.nan_to_num(z.T, nan=0.5))
            self.image.show()
            if data.task == "classification":
                brushes = [pg.mkBrush(CLASS_COLOURS[int(v > 0.5)]) for v in y[:, 0]]
            else:
                t = (y[:, 0] - lo) / max(hi - lo, 1e-12)
                lut = _diverging_lut()
                brushes = [pg.mkBrush(*lut[int(np.clip(v, 0, 1) * 255)].tolist()) for v in t]
            self.scatter.setData(x[:, 0], x[:, 1], brush=brushes, data=np.arange(len(x)))
            self.ring.setData([x[sample, 0]], [x[sample, 1]])
            pi.setLabel("bottom", "x₁")
            pi.setLabel("left", "x₂")
        else:
            self.image.hide()
            self.fit.hide()
            self.scatter.setData([], [])
            self.ring.setData([], [])
            self.note.setText(
                self.tr("{v0} inputs: no 2-D picture of the data").format(v0=x.shape[1])
            )
            self.note.setPos(0.5, 0.5)
        if key != self._key:
            self._key = key
            self.plot.autoRange()

    def _on_scatter_clicked(self, _item: object, points: list) -> None:
        if len(points):
            self.sigSampleClicked.emit(int(points[0].data()))
