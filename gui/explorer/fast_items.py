"""Plot items for what changes every frame: trails whose bounds are fixed to the visible area
(no per-frame min/max over 10,000 points) and head dots painted directly in device pixels; and
``cache_on_device`` for the items around them that do not change between frames."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


def cache_on_device(*items: QGraphicsItem) -> None:
    """Paint items that rarely change (axes, markers) once into a pixmap that each frame
    only copies; an item's own update() paints it again. Applies to each item's descendants too,
    except curves, which change every frame."""
    stack = list(items)
    while stack:
        item = stack.pop()
        if not isinstance(item, pg.PlotCurveItem):
            item.setCacheMode(DEVICE_CACHE)
        stack.extend(item.childItems())


class TrailCurve(pg.PlotCurveItem):
    """A PlotCurveItem whose bounding rect is a fixed region (the reachable view) instead of its
    data's min/max, which pyqtgraph would recompute on every setData."""

    def __init__(self, region: QRectF, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._region = QRectF(region)

    def set_region(self, region: QRectF) -> None:
        self.prepareGeometryChange()
        self._region = QRectF(region)

    def boundingRect(self) -> QRectF:
        return self._region

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        return (None, None)  # never drives auto-range: the view shows the surface's domain

    def set_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """New points (1-D float arrays, finite): what setData does for a trail, less its checks,
        bounds bookkeeping and signal, which a fixed bounding rect does not need."""
        self.xData, self.yData = x, y
        self.path = self.fillPath = self._fillPathList = self._mouseShape = None
        self._lineSegmentsRendered = False
        self.update()

    def paint(self, p: QPainter, opt: object, widget: object) -> None:
        """PlotCurveItem.paint for an unfilled, unshadowed curve, without its per-call profiler
        and exception wrapper (18 trails are painted every frame)."""
        pen = self.opts["pen"]
        if self.xData is None or len(self.xData) == 0 or pen.style() == Qt.PenStyle.NoPen:
            return
        export = self._exportOpts  # False, or a pyqtgraph exporter's options
        aa = export.get("antialias", True) if export is not False else self.opts["antialias"]
        p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        p.setPen(pen)
        if self._shouldUseDrawLineSegments(pen):
            p.drawLines(*self._getLineSegments())
        else:
            p.drawPath(self.getPath())


class HeadDots(pg.GraphicsObject):
    """Filled circles of a fixed pixel radius at data points, each in its own colour."""

    def __init__(self, region: QRectF, radius: float = 5.5) -> None:
        super().__init__()
        self._region = QRectF(region)
        self.radius = radius
        self.xy = np.zeros((0, 2))
        self._brushes: list[QBrush] = []
        self._colours: list[str] = []
        self._pen = QPen(QColor("#10151f"), 1.5)

    def set_region(self, region: QRectF) -> None:
        self.prepareGeometryChange()
        self._region = QRectF(region)

    def set_points(self, xy: np.ndarray, colours: list[str]) -> None:
        self.xy = np.asarray(xy, dtype=np.float64)
        if colours != self._colours:
            self._colours = list(colours)
            self._brushes = [QBrush(QColor(c)) for c in colours]
        self.update()

    def boundingRect(self) -> QRectF:
        return self._region

    def paint(self, p: QPainter, *args: object) -> None:
        if not len(self.xy):
            return
        tr = p.transform()
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(self._pen)
        r = self.radius
        for (x, y), brush in zip(self.xy, self._brushes, strict=False):
            if np.isfinite(x) and np.isfinite(y):
                p.setBrush(brush)
                p.drawEllipse(tr.map(QPointF(float(x), float(y))), r, r)
        p.restore()
