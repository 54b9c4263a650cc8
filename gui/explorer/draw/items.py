"""What draw mode shows on the plot: a dot per bump (its handle), a ring around the selected
bump and a ring for the brush under the cursor. Rings are in data coordinates (radius 2σ, where a
bump has fallen to 14 % of its height), so they show the bump's real footprint."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsEllipseItem

from surfaces.drawn import Bump

HILL_RGB, WELL_RGB = "#ebcb8b", "#88c0d0"
RING_SIGMAS = 2.0


def _ring(colour: str, style: Qt.PenStyle) -> QGraphicsEllipseItem:
    pen = pg.mkPen(colour, width=1.5, style=style)
    pen.setCosmetic(True)
    ring = QGraphicsEllipseItem()
    ring.setPen(pen)
    ring.setZValue(60)
    ring.setVisible(False)
    return ring


def _place(ring: QGraphicsEllipseItem, x: float, y: float, r: float) -> None:
    ring.setRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    ring.setVisible(True)


class DrawItems:
    """The draw-mode items of one PlotItem; hidden outside draw mode."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.handles = pg.ScatterPlotItem(pxMode=True, size=11)
        self.handles.setZValue(61)
        self.selected = _ring("#ffffff", Qt.PenStyle.SolidLine)
        self.brush = _ring("#eceff4", Qt.PenStyle.DashLine)
        for item in (self.handles, self.selected, self.brush):
            plot.addItem(item)
        self.handles.setVisible(False)

    def show_bumps(self, bumps: list[Bump], selected: int | None) -> None:
        if not bumps:
            self.handles.setData([])
        else:
            xy = np.array([(b.x, b.y) for b in bumps])
            self.handles.setData(
                pos=xy,
                brush=[pg.mkBrush(HILL_RGB if b.height >= 0 else WELL_RGB) for b in bumps],
                symbol=["t1" if b.height >= 0 else "t" for b in bumps],
                pen=pg.mkPen("#0b0f18", width=1),
            )
        if selected is not None and 0 <= selected < len(bumps):
            b = bumps[selected]
            _place(self.selected, b.x, b.y, RING_SIGMAS * b.width)
        else:
            self.selected.setVisible(False)

    def show_brush(self, x: float, y: float, width: float, hill: bool) -> None:
        pen = self.brush.pen()
        pen.setColor(pg.mkColor(HILL_RGB if hill else WELL_RGB))
        self.brush.setPen(pen)
        _place(self.brush, x, y, RING_SIGMAS * width)

    def hide_brush(self) -> None:
        self.brush.setVisible(False)

    def set_active(self, on: bool) -> None:
        self.handles.setVisible(on)
        if not on:
            self.selected.setVisible(False)
            self.brush.setVisible(False)
