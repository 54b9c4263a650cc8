"""SurfacePlot: the loss surface as a heatmap with baked contours and a colour bar, critical-point
markers, the runs' trails and heads, draggable start markers and head overlays.

It only draws what it is given and reports the mouse as data coordinates (plain floats)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from gui.explorer.fast_items import HeadDots, TrailCurve
from gui.explorer.heatmap import Heatmap, render
from gui.explorer.overlays import HeadOverlays
from gui.explorer.pixel_trail import PixelTrail
from gui.theme import CRITICAL_STYLE, MARKER_RGB, PLOT_BG, heatmap_lut

TAIL_POINTS = 80  # display points of each trail's recent stretch drawn bold


def _critical_tip(x: float, y: float, data: object) -> str:
    return f"{data}\nat ({x:.4g}, {y:.4g})"


class SurfacePlot(pg.GraphicsLayoutWidget):
    """The Explorer's main plot. Signals carry data coordinates."""

    sigClicked = Signal(float, float, bool)  # x, y, shift held (add a start instead of restarting)
    sigStartMoved = Signal(int, float, float)  # start index, new x, y (while dragging)
    sigCursorMoved = Signal(float, float)
    sigCursorLeft = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground(PLOT_BG)
        self.ci.layout.setContentsMargins(4, 4, 4, 4)
        self.plot: pg.PlotItem = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(False)
        for ax in ("left", "bottom"):
            self.plot.getAxis(ax).setTextPen("#c8ccd4")
            self.plot.getAxis(ax).setPen("#5a6272")
        self.plot.setLabel("bottom", "x", color="#c8ccd4")
        self.plot.setLabel("left", "y", color="#c8ccd4")
        self.vb: pg.ViewBox = self.plot.vb
        self.image = pg.ImageItem(axisOrder="row-major")
        # The heatmap never changes between frames: cache its scaled rendering on the device.
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.image)
        self.critical = pg.ScatterPlotItem(hoverable=True, tip=_critical_tip, pxMode=True)
        filled, hollow = pg.mkBrush(MARKER_RGB), pg.mkBrush(None)
        self._brushes = {k: filled if f else hollow for k, (_, f) in CRITICAL_STYLE.items()}
        self._pens = {k: pg.mkPen("#0b0f18", width=1) if f else pg.mkPen(MARKER_RGB, width=2)
                      for k, (_, f) in CRITICAL_STYLE.items()}  # fmt: skip
        self.critical.setZValue(10)
        self.plot.addItem(self.critical)
        self._region = QRectF(-15, -15, 30, 30)  # everything the view can show (set per surface)
        self.heads = HeadDots(self._region)
        self.heads.setZValue(40)
        self.plot.addItem(self.heads)
        self.overlays = HeadOverlays(self.plot)
        self._trails: list[tuple[TrailCurve, TrailCurve]] = []
        self._pixel_trails: list[PixelTrail] = []
        self._starts: list[pg.TargetItem] = []
        self._shown_starts: np.ndarray | None = None
        self._bar = self._make_colour_bar()
        self.heatmap: Heatmap | None = None
        self._domain = (-1.0, 1.0, -1.0, 1.0)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)

    # --- colour bar ---------------------------------------------------------------------------
    def _make_colour_bar(self) -> pg.PlotItem:
        bar = self.addPlot(row=0, col=1)
        bar.setMenuEnabled(False)
        bar.hideButtons()
        bar.setMouseEnabled(False, False)
        bar.hideAxis("left")
        bar.hideAxis("bottom")
        bar.showAxis("right")
        bar.getAxis("right").setTextPen("#c8ccd4")
        bar.getAxis("right").setPen("#5a6272")
        bar.setFixedWidth(72)  # room for a tick label like 3.8×10⁻⁵
        lut = heatmap_lut()
        img = np.empty((256, 1, 4), dtype=np.uint8)
        img[:, 0, :3] = lut
        img[:, 0, 3] = 255
        strip = pg.ImageItem(img, axisOrder="row-major")
        strip.setRect(QRectF(0, 0, 1, 1))
        bar.addItem(strip)
        bar.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        return bar

    # --- surface ------------------------------------------------------------------------------
    def set_surface(self, z: np.ndarray, domain: tuple[float, float, float, float], log: bool,
                    critical: list[tuple[float, float, str, str]], fit: bool = True) -> None:  # fmt: skip
        """Draw z (ny, nx) over domain; critical: (x, y, kind, hover text) per point; fit: show
        the whole domain (not while a drawing is edited)."""
        x0, x1, y0, y1 = domain
        self.heatmap = render(z, log)
        self.image.setImage(self.heatmap.rgba, autoLevels=False)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._update_bar()
        self.set_critical(critical)
        self._domain = (x0, x1, y0, y1)
        w, h = x1 - x0, y1 - y0
        self.vb.setLimits(xMin=x0 - w, xMax=x1 + w, yMin=y0 - h, yMax=y1 + h)
        self._region = QRectF(x0 - w, y0 - h, 3 * w, 3 * h)
        for item in (*(c for pair in self._trails for c in pair), self.heads):
            item.set_region(self._region)
        if fit:
            self.fit_view()

    def fit_view(self) -> None:
        """Show the whole domain (the mouse wheel zooms, dragging pans)."""
        x0, x1, y0, y1 = self._domain
        self.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def set_critical(self, critical: list[tuple[float, float, str, str]]) -> None:
        """Markers with one symbol and fill per kind; hovering shows the text."""
        if not critical:
            self.critical.setData([])
            return
        kinds = [k if k in CRITICAL_STYLE else "degenerate" for _, _, k, _ in critical]
        self.critical.setData(
            x=[c[0] for c in critical],
            y=[c[1] for c in critical],
            symbol=[CRITICAL_STYLE[k][0] for k in kinds],
            brush=[self._brushes[k] for k in kinds],
            pen=[self._pens[k] for k in kinds],
            size=13,
            data=[c[3] for c in critical],
        )

    def set_log_scale(self, z: np.ndarray, log: bool) -> None:
        self.heatmap = render(z, log)
        self.image.setImage(self.heatmap.rgba, autoLevels=False)
        self._update_bar()

    def _update_bar(self) -> None:
        assert self.heatmap is not None
        ax = self._bar.getAxis("right")
        ax.setTicks([self.heatmap.ticks(), []])
        ax.setLabel("f (log scale)" if self.heatmap.log else "f", color="#c8ccd4")

    # --- runs ---------------------------------------------------------------------------------
    def set_trails(self, trails: list[tuple[str, np.ndarray, object]]) -> None:
        """One trail per (colour, xy (count, 2), token); token changes when the source is
        replaced or re-decimated. Each trail is a 1-px line (Qt's fast antialiased path) with its
        most recent stretch drawn bold; items and display buffers are reused between calls."""
        while len(self._trails) < len(trails):
            thin = TrailCurve(self._region, skipFiniteCheck=True, antialias=True)
            bold = TrailCurve(self._region, skipFiniteCheck=True, antialias=True)
            thin.setZValue(20)
            bold.setZValue(21)
            self.plot.addItem(thin)
            self.plot.addItem(bold)
            self._trails.append((thin, bold))
            self._pixel_trails.append(PixelTrail())
        px = self.vb.viewPixelSize()
        cell = (float(px[0]), float(px[1]))
        for (thin, bold), pt, (colour, xy, token) in zip(
            self._trails, self._pixel_trails, trails, strict=False
        ):
            if thin.opts["pen"].color().name() != colour:
                thin.setPen(pg.mkPen(colour, width=1))
                bold.setPen(pg.mkPen(colour, width=2.5))
            before = pt.head()
            pt.sync(xy, token, cell)
            if pt.head() != before or not thin.isVisible():
                n = pt.n
                thin.setData(pt.x[:n], pt.y[:n], skipFiniteCheck=True)
                k = max(0, n - TAIL_POINTS)
                bold.setData(pt.x[k:n], pt.y[k:n], skipFiniteCheck=True)
            thin.setVisible(True)
            bold.setVisible(True)
        for thin, bold in self._trails[len(trails) :]:
            thin.setVisible(False)
            bold.setVisible(False)

    def set_heads(self, xy: np.ndarray, colours: list[str]) -> None:
        self.heads.set_points(xy, colours)

    def set_starts(self, starts: np.ndarray) -> None:
        """Draggable crosshair per start point (nothing to do when they have not moved)."""
        if self._shown_starts is not None and np.array_equal(self._shown_starts, starts):
            return
        self._shown_starts = np.array(starts, dtype=np.float64)
        while len(self._starts) < len(starts):
            t = pg.TargetItem(size=16, pen=pg.mkPen("#ffffff", width=2), movable=True)
            t.setZValue(50)
            i = len(self._starts)
            t.sigPositionChanged.connect(lambda item, i=i: self._on_start_dragged(i, item))
            self.plot.addItem(t)
            self._starts.append(t)
        for i, t in enumerate(self._starts):
            t.setVisible(i < len(starts))
            if i < len(starts):
                t.blockSignals(True)
                t.setPos(QPointF(*map(float, starts[i])))
                t.blockSignals(False)

    def set_overlays(self, segments: dict[str, np.ndarray]) -> None:
        self.overlays.set_segments(segments)

    # --- mouse --------------------------------------------------------------------------------
    def data_to_widget(self, x: float, y: float) -> QPointF:
        """Where data point (x, y) is in viewport pixels (for tests and tooltips)."""
        return self.mapFromScene(self.vb.mapViewToScene(QPointF(x, y)))

    def _on_start_dragged(self, i: int, item: pg.TargetItem) -> None:
        p = item.pos()
        self.sigStartMoved.emit(i, float(p.x()), float(p.y()))

    def _on_scene_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or ev.double() or ev.isAccepted():
            return
        pos = ev.scenePos()
        if not self.vb.sceneBoundingRect().contains(pos):
            return
        p = self.vb.mapSceneToView(pos)
        shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.sigClicked.emit(float(p.x()), float(p.y()), shift)

    def _on_scene_moved(self, pos: QPointF) -> None:
        if self.vb.sceneBoundingRect().contains(pos):
            p = self.vb.mapSceneToView(pos)
            self.sigCursorMoved.emit(float(p.x()), float(p.y()))
        else:
            self.sigCursorLeft.emit()
