"""Loss landscape: pick two weights, or two random filter-normalised directions (Li et al. 2018),
preview the network's loss over that plane, and open it in the Explorer as a surface."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from surfaces.base import Surface


@dataclass(frozen=True)
class SliceSpec:
    """A plane through the weights: two weights i, j ("weights") or two random directions drawn
    from seed ("directions"), span wide on each side of the current weights."""

    mode: str
    i: int
    j: int
    seed: int
    span: float


class NetworkLandscapePanel(QtWidgets.QWidget):
    """Emits sigPlaneChanged(SliceSpec) when the plane changes and sigOpenRequested(SliceSpec)
    for "Open in Explorer"."""

    sigPlaneChanged = QtCore.Signal(object)
    sigOpenRequested = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights = QtWidgets.QRadioButton(self.tr("two weights"))
        self.directions = QtWidgets.QRadioButton(
            self.tr("two random directions")
        )  # filter-normalised: tip
        self.weights.setChecked(True)
        self.weights.setToolTip(
            self.tr("the loss as two chosen weights vary, all others held fixed")
        )
        self.directions.setToolTip(
            self.tr(
                "the loss along two random directions in weight space, each scaled like the weights\n"
                "it moves (filter normalisation, Li et al. 2018), through the current weights"
            )
        )
        self.wi = QtWidgets.QComboBox()
        self.wj = QtWidgets.QComboBox()
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setPrefix(self.tr("seed "))
        self.wi.setToolTip(self.tr("the weight along the plane's horizontal axis"))
        self.wj.setToolTip(self.tr("the weight along the plane's vertical axis"))
        self.seed.setToolTip(self.tr("random seed of the two directions"))
        self.span = QtWidgets.QDoubleSpinBox()
        self.span.setRange(0.05, 50.0)
        self.span.setValue(3.0)
        self.span.setPrefix("± ")
        self.span.setToolTip(self.tr("half-width of the plane around the current weights"))
        self.open = QtWidgets.QPushButton(self.tr("Open in Explorer ↗"))
        self.open.setToolTip(
            self.tr(
                "race optimizers on this slice of the real network loss (SGD samples real examples)"
            )
        )
        self.open.setStyleSheet("font-weight:600")
        grid = QtWidgets.QGridLayout()
        grid.addWidget(self.weights, 0, 0)
        grid.addWidget(self.wi, 0, 1)
        grid.addWidget(self.wj, 0, 2)
        grid.addWidget(self.directions, 1, 0, 1, 2)
        grid.addWidget(self.seed, 1, 2)
        grid.addWidget(QtWidgets.QLabel(self.tr("span")), 2, 0)
        grid.addWidget(self.span, 2, 1)
        grid.addWidget(self.open, 2, 2)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.here = pg.ScatterPlotItem(size=12, symbol="x", pen=pg.mkPen("w", width=2.5), brush="w")
        self.plot.addItem(self.image)
        self.plot.addItem(self.here)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.plot, 1)
        for w in (self.weights, self.directions):
            w.toggled.connect(self._on_mode_toggled)
        for cb in (self.wi, self.wj):
            cb.activated.connect(self._emit_changed)
        self.seed.valueChanged.connect(self._emit_changed)
        self.span.valueChanged.connect(self._emit_changed)
        self.open.clicked.connect(lambda: self.sigOpenRequested.emit(self.spec()))
        self._on_mode_toggled()

    def set_params(self, names: list[str]) -> None:
        """The network's parameter names (a new architecture); keeps the choice if still valid."""
        if [self.wi.itemText(k) for k in range(self.wi.count())] == names:
            return
        for k, cb in enumerate((self.wi, self.wj)):
            cb.blockSignals(True)
            cb.clear()
            cb.addItems(names)
            cb.setCurrentIndex(min(k, len(names) - 1))
            cb.blockSignals(False)

    def spec(self) -> SliceSpec:
        mode = "weights" if self.weights.isChecked() else "directions"
        return SliceSpec(mode, self.wi.currentIndex(), self.wj.currentIndex(), self.seed.value(),
                         self.span.value())  # fmt: skip

    def _on_mode_toggled(self, *_: object) -> None:
        w = self.weights.isChecked()
        self.wi.setEnabled(w)
        self.wj.setEnabled(w)
        self.seed.setEnabled(not w)
        self.span.blockSignals(True)
        self.span.setValue(3.0 if w else 1.0)
        self.span.blockSignals(False)
        self._emit_changed()

    def _emit_changed(self, *_: object) -> None:
        self.sigPlaneChanged.emit(self.spec())

    def set_preview(self, surface: Surface | None, message: str = "") -> None:
        """Draw the surface's values over its domain with a cross at the current weights."""
        pi = self.plot.getPlotItem()
        if surface is None:
            self.image.clear()
            self.here.setData([], [])
            pi.setTitle(message, size="9pt", color="#c92a2a")
            return
        xs, ys, z = surface.grid(48)
        z = np.log10(np.maximum(np.nan_to_num(z, nan=np.nanmax(z), posinf=1e12), 1e-12))
        self.image.setImage(z.T)
        self.image.setRect(QtCore.QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        cx, cy = getattr(surface, "current", (0.0, 0.0))
        self.here.setData([cx], [cy])
        labels = getattr(surface, "axis_labels", ("x", "y"))
        pi.setLabel("bottom", labels[0])
        pi.setLabel("left", labels[1])
        pi.setTitle(
            self.tr("log₁₀ loss over the plane  (× = the network now)"), size="9pt", color="#374151"
        )
        self.plot.autoRange()
