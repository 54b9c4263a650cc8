"""SwarmView: a swarm on the surface plot as one image (a point raster of every particle,
core.race.swarm_raster), coloured by racer or by the minimum each particle is heading to, and the
dashed circle that previews where a click drops a cloud. One item however many particles."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsEllipseItem

from core.race.swarm import Swarm
from core.race.swarm_raster import (
    SwarmRaster,
    attractor_lut,
    hex_rgb,
    nearest_index,
    pack,
)
from gui.theme import DARK, Theme, run_colour

Z_VALUE = 30  # over the heatmap, basin map (5) and critical markers (10), like the trails (20)
CELL_PX = 2  # screen pixels per raster cell: a particle is a 2×2-pixel dot
DOT = 1  # cells per particle (2: a 2×2-cell dot, for rasters of one pixel per cell)
TAIL_FADE = 0.78  # share of a particle's dot left after one frame (a tail of a few frames)


class RasterItem(pg.GraphicsObject):
    """A packed ARGB32-premultiplied raster (core.race.swarm_raster) painted over a rectangle in
    data coordinates, straight from the array: no conversion, no copy, one drawImage."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF(0, 0, 1, 1)
        self._argb = np.zeros((1, 1), dtype=np.uint32)
        self._image = QImage()

    def set_raster(self, argb: np.ndarray, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        if argb is not self._argb or self._image.isNull():
            self._argb = argb  # the image reads this array's memory: keep it alive
            h, w = argb.shape
            self._image = QImage(argb.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p: QPainter, *args: object) -> None:
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self._rect, self._image)


class SwarmView:
    """The image and the cloud preview, for whoever owns the plot to add (data coordinates)."""

    def __init__(self, theme: Theme = DARK) -> None:
        self.theme = theme
        self.image = RasterItem()
        self.image.setZValue(Z_VALUE)
        self.image.setVisible(False)
        self.raster = SwarmRaster()
        self.colour_by = "racer"
        self.tail = True
        self.preview = QGraphicsEllipseItem()
        pen = pg.mkPen("#ffffff", width=1.5, style=Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.preview.setPen(pen)
        self.preview.setZValue(Z_VALUE + 1)
        self.preview.setVisible(False)

    def items(self) -> tuple:
        return self.image, self.preview

    def layers(self, swarm: Swarm) -> list[tuple[np.ndarray, np.ndarray]]:
        """(points, packed colours) per moving racer, as the raster draws them."""
        out = []
        by_minimum = self.colour_by == "attractor"
        minima = swarm.minima() if by_minimum else None
        lut = attractor_lut(len(minima)) if minima is not None else None
        for r, run in swarm.layers():
            w = run.w
            if lut is not None and minima is not None:
                out.append((w, lut[nearest_index(w, minima)]))
            else:
                out.append((w, np.array(pack(hex_rgb(run_colour(r.colour, self.theme))))))
        return out

    def draw(self, swarm: Swarm | None, view: tuple[float, float, float, float],
             pixels: tuple[int, int]) -> None:  # fmt: skip
        """Draw the swarm over ``view`` at the plot's size in pixels (hidden without a swarm)."""
        if swarm is None:
            self.image.setVisible(False)
            return
        size = (max(1, pixels[0] // CELL_PX), max(1, pixels[1] // CELL_PX))
        fade = TAIL_FADE if self.tail else 0.0
        argb = self.raster.draw(self.layers(swarm), view, size, fade, DOT)
        x0, x1, y0, y1 = view
        self.image.set_raster(argb, QRectF(x0, y0, x1 - x0, y1 - y0))
        self.image.setVisible(True)

    def clear(self) -> None:
        self.image.setVisible(False)
        self.preview.setVisible(False)

    def show_preview(self, x: float, y: float, radius: float) -> None:
        self.preview.setRect(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
        self.preview.setVisible(True)
