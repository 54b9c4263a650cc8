"""SurfacePlot: the loss surface as a heatmap with baked contours and a colour bar, critical-point
markers, the runs' trails and heads, draggable start markers and head overlays.

It only draws what it is given and reports the mouse as data coordinates (plain floats). The x and
y scales are equal by default (a square domain is square); trails that leave the frame are
clipped there with a small arrowhead in the run's colour where they leave. ``set_theme`` switches
between the dark, light and high-contrast looks (gui.theme)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from core.race.snap import SnapLine, nearest_line
from gui.explorer.fast_items import HeadDots, TrailCurve, cache_on_device
from gui.explorer.fit_keeper import FitKeeper
from gui.explorer.frame_exits import cached_trail_exits
from gui.explorer.heatmap import Heatmap, render
from gui.explorer.overlays import HeadOverlays
from gui.explorer.pixel_trail import PixelTrail
from gui.explorer.start_styles import START_LABEL, start_label, start_pen
from gui.i18n.terms import at_point
from gui.theme import CRITICAL_STYLE, DARK, Theme, colour_map, run_colour

TAIL_POINTS = 80  # display points of each trail's recent stretch drawn bold
DRAWN_POINTS = 2000  # display points of a whole trail at most (tick time stays flat)
TRAIL_WIDTHS = (1.0, 2.5)  # px: the whole trail, its recent stretch
TICK_PT, LABEL_PT = 9.0, 10.0  # axis fonts at scale 1
MARKER_PX, HEAD_PX, EXIT_PX = 13, 5.5, 10
# Exit arrowheads pointing out of the frame through its left, right, bottom or top edge.
EXIT_SYMBOLS = ("t3", "t2", "t", "t1")


def _critical_tip(x: float, y: float, data: object) -> str:
    return f"{data}\n{at_point(x, y)}"


class SurfacePlot(pg.GraphicsLayoutWidget):
    """The Explorer's main plot. Signals carry data coordinates. ``colour_bar`` is the
    pg.ColorBarItem beside the plot (as tall as it). With Ctrl held a click lands exactly on the
    nearest of ``snap_lines`` (an axis, or a line through a saddle)."""

    sigClicked = Signal(float, float, bool)  # x, y, shift held (add a start instead of restarting)
    sigMessage = Signal(str)  # for the status bar: where a Ctrl+click was snapped to
    sigStartMoved = Signal(int, float, float)  # start index, new x, y (while dragging)
    sigCursorMoved = Signal(float, float)
    sigCursorLeft = Signal()

    def __init__(self, parent=None, theme: Theme = DARK) -> None:
        super().__init__(parent)
        self.theme, self.scale = theme, 1.0
        self.ci.layout.setContentsMargins(4, 4, 4, 4)
        self.plot: pg.PlotItem = self.addPlot(row=0, col=0, enableMenu=False)  # none to build
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.vb: pg.ViewBox = self.plot.vb
        self.vb.setAspectLocked(True, ratio=1)
        self.image = pg.ImageItem(axisOrder="row-major")
        # The heatmap never changes between frames: cache its scaled rendering on the device.
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.image)
        self.critical = pg.ScatterPlotItem(hoverable=True, tip=_critical_tip, pxMode=True)
        self.critical.setZValue(10)
        self.plot.addItem(self.critical)
        self._critical_points: list[tuple[float, float, str, str]] = []
        self._region = QRectF(-15, -15, 30, 30)  # everything the view can show (set per surface)
        self.heads = HeadDots(self._region)
        self.heads.setZValue(40)
        self.plot.addItem(self.heads)
        self.exits = pg.ScatterPlotItem(pxMode=True)
        self.exits.setZValue(45)
        self.plot.addItem(self.exits)
        self.overlays = HeadOverlays(self.plot, self._region)
        self._trails: list[tuple[TrailCurve, TrailCurve]] = []
        self._pixel_trails: list[PixelTrail] = []
        self._run_colours: list[str] = []  # of the shown trails, as given
        self._run_starts: list[int] = []  # ... and the start each one began from
        self._trail_colours: list[str] = []  # ... as the theme draws them
        self._heads: tuple[np.ndarray, list[str]] = (np.zeros((0, 2)), [])
        self._exit_cache: list[tuple[object, int, np.ndarray, np.ndarray]] = []
        self._exits_shown = False
        self._n_trails = 0
        self.trail_widths = TRAIL_WIDTHS
        self._starts: list[pg.TargetItem] = []
        self._shown_starts: np.ndarray | None = None
        self.colour_bar = pg.ColorBarItem(values=(0, 1), width=16, interactive=False,
                                          colorMapMenu=False)  # fmt: skip
        self.colour_bar.setImageItem([], insert_in=self.plot)  # beside the view box, as tall
        self.colour_bar.axis.setWidth(None)  # room for a tick label like 3.8×10⁻⁵
        # Axes only ever widen for larger tick labels; remember their first text room so a
        # return to smaller fonts (leaving presentation mode) gives the same layout again.
        self._text_room = {ax: (ax.textWidth, ax.textHeight) for ax in self._axes()}
        self.heatmap: Heatmap | None = None
        self._z: np.ndarray | None = None
        self._domain = (-1.0, 1.0, -1.0, 1.0)
        self.fit_keeper = FitKeeper(self)
        self.axis_labels = ("x", "y")
        self.snap_lines: list[SnapLine] = []
        self.set_theme(theme)
        self.vb.sigRangeChanged.connect(lambda *_: self._update_exits(force=True))
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)
        # Axes and markers are copied from pixmaps: a frame repaints the runs.
        cache_on_device(*self._axes(), self.critical)

    # --- look ---------------------------------------------------------------------------------
    def set_theme(self, theme: Theme, scale: float = 1.0) -> None:
        """Draw with theme's colours; fonts, lines and markers × scale (1.5 for a lecture hall)."""
        self.theme, self.scale = theme, scale
        self.setBackground(theme.background)
        axes = [self.plot.getAxis(a) for a in ("left", "bottom")]
        axes += [self.colour_bar.getAxis(a) for a in ("left", "right", "top", "bottom")]
        for ax in axes:
            ax.setTextPen(theme.axis_text)
            ax.setPen(theme.axis_pen)
        self.set_fonts(TICK_PT * scale, LABEL_PT * scale)
        self.colour_bar.setColorMap(colour_map(theme))
        self.trail_widths = (TRAIL_WIDTHS[0] * scale, TRAIL_WIDTHS[1] * scale)
        self._pen_trails()
        self.heads.radius = HEAD_PX * scale
        self.set_heads(*self._heads)
        for t in self._starts:
            t.setPen(pg.mkPen(theme.start, width=2 * scale))
        colours = dict(theme.overlays)
        self.overlays.key.set_text_colour(theme.text, theme.background)
        for kind, item in self.overlays.items.items():
            item.setPen(pg.mkPen(colours.get(kind, theme.text), width=item.opts["pen"].widthF()))
        if self._z is not None and self.heatmap is not None:
            self.set_log_scale(self._z, self.heatmap.log)
        self.set_critical(self._critical_points)
        self._update_exits(force=True)

    def set_fonts(self, tick_pt: float, label_pt: float) -> None:
        """Tick labels and axis titles (x, y, f) at these point sizes."""
        font = QFont()
        font.setPointSizeF(tick_pt)
        self._label_style = {"color": self.theme.axis_text, "font-size": f"{label_pt:.3g}pt"}
        for ax in self._axes():
            ax.textWidth, ax.textHeight = self._text_room[ax]
            ax.setStyle(tickFont=font)
        self.plot.setLabel("bottom", self.axis_labels[0], **self._label_style)
        self.plot.setLabel("left", self.axis_labels[1], **self._label_style)
        if self.heatmap is not None:
            self._update_bar()

    def keep_top_free(self, px: int) -> None:
        """A panel lies over the plot's top ``px`` pixels: the arrows' key sits below it."""
        self.overlays.key.set_top_inset(px)

    def set_context(self, axis_labels: tuple[str, str], snap_lines: list[SnapLine]) -> None:
        """Name the axes (a data surface's weights w₀, w₁; a network's W1[1,1], ...) and give the
        lines a Ctrl+click snaps onto."""
        self.axis_labels = (str(axis_labels[0]), str(axis_labels[1]))
        self.snap_lines = list(snap_lines)
        self.plot.setLabel("bottom", self.axis_labels[0], **self._label_style)
        self.plot.setLabel("left", self.axis_labels[1], **self._label_style)

    def snap_hint(self, x: float, y: float) -> str:
        """What a Ctrl+click here would snap onto, when a line is near (a twentieth of the view)."""
        line = nearest_line(self.snap_lines, x, y)
        (x0, x1), (y0, y1) = self.vb.viewRange()
        if line is None or line.distance(x, y) > 0.05 * max(x1 - x0, y1 - y0):
            return ""
        return "   · " + self.tr("Ctrl+click: start exactly on {label}").format(label=line.label)

    def _axes(self) -> list[pg.AxisItem]:
        """The axes with tick labels: the plot's x and y, the colour bar's values."""
        return [self.plot.getAxis("left"), self.plot.getAxis("bottom"), self.colour_bar.axis]

    def set_trail_widths(self, thin: float, bold: float) -> None:
        """Line widths in px of every trail and of its recent stretch."""
        self.trail_widths = (thin, bold)
        self._pen_trails()

    # --- aspect -------------------------------------------------------------------------------
    @property
    def equal_aspect(self) -> bool:
        return bool(self.vb.state["aspectLocked"])

    def set_equal_aspect(self, on: bool) -> None:
        """Equal x and y scale (a square domain is square), or stretch the domain to the plot."""
        self.vb.setAspectLocked(on, ratio=1)
        self.fit_view()

    def frame(self) -> tuple[float, float, float, float]:
        """The rectangle the plot shows (x0, x1, y0, y1)."""
        (x0, x1), (y0, y1) = self.vb.viewRange()
        return x0, x1, y0, y1

    # --- surface ------------------------------------------------------------------------------
    def set_surface(self, z: np.ndarray, domain: tuple[float, float, float, float], log: bool,
                    critical: list[tuple[float, float, str, str]], fit: bool = True) -> None:  # fmt: skip
        """Draw z (ny, nx) over domain; critical: (x, y, kind, hover text) per point; fit: show
        the whole domain (not while a drawing is edited)."""
        x0, x1, y0, y1 = domain
        self._z = z
        self.heatmap = render(z, log, theme=self.theme)
        self.image.setImage(self.heatmap.rgba, autoLevels=False)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._update_bar()
        self.set_critical(critical)
        self._domain = (x0, x1, y0, y1)
        w, h = x1 - x0, y1 - y0
        self.vb.setLimits(xMin=x0 - w, xMax=x1 + w, yMin=y0 - h, yMax=y1 + h)
        self._region = QRectF(x0 - w, y0 - h, 3 * w, 3 * h)
        for item in (*(c for pair in self._trails for c in pair), self.heads, self.overlays):
            item.set_region(self._region)
        if fit:
            self.fit_view()

    def fit_view(self) -> None:
        """Show the whole domain, and keep it in view through resizes until the user zooms."""
        self.fit_keeper.fit()

    def set_critical(self, critical: list[tuple[float, float, str, str]]) -> None:
        """Markers with one symbol and fill per kind; hovering shows the text."""
        self._critical_points = list(critical)
        if not critical:
            self.critical.setData([])
            return
        th, k = self.theme, self.scale
        kinds = [c[2] if c[2] in CRITICAL_STYLE else "degenerate" for c in critical]
        filled = [CRITICAL_STYLE[kind][1] for kind in kinds]
        self.critical.setData(
            x=[c[0] for c in critical],
            y=[c[1] for c in critical],
            symbol=[CRITICAL_STYLE[kind][0] for kind in kinds],
            brush=[pg.mkBrush(th.marker) if f else pg.mkBrush(None) for f in filled],
            pen=[pg.mkPen(th.marker_edge, width=k) if f else pg.mkPen(th.marker, width=2 * k)
                 for f in filled],
            size=MARKER_PX * k,
            data=[c[3] for c in critical],
        )  # fmt: skip

    def set_log_scale(self, z: np.ndarray, log: bool) -> None:
        self._z = z
        self.heatmap = render(z, log, theme=self.theme)
        self.image.setImage(self.heatmap.rgba, autoLevels=False)
        self._update_bar()

    def _update_bar(self) -> None:
        assert self.heatmap is not None
        ax = self.colour_bar.axis
        ax.setTicks([self.heatmap.ticks(), []])
        ax.setLabel(self.tr("f (log scale)") if self.heatmap.log else "f", **self._label_style)

    # --- runs ---------------------------------------------------------------------------------
    def set_trails(self, trails: list[tuple[str, np.ndarray, object]]) -> None:
        """One trail per (colour, xy (count, 2), token[, start]); token changes when the source is
        replaced or re-decimated. Each trail is a thin line (Qt's fast antialiased path) with its
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
        self._run_colours = [t[0] for t in trails]
        starts = [t[3] if len(t) > 3 else 0 for t in trails]  # (colour, xy, token[, start])
        colours = [run_colour(c, self.theme) for c in self._run_colours]
        if colours != self._trail_colours or starts != self._run_starts:
            self._run_starts = starts
            self._pen_trails()
        changed = False
        for (thin, bold), pt, (_, xy, token, *_) in zip(
            self._trails, self._pixel_trails, trails, strict=False
        ):
            before = pt.head()
            pt.sync(xy, token, cell)
            if pt.head() != before or not thin.isVisible():
                changed = True
                n = pt.n
                thin.set_points(*pt.drawn(DRAWN_POINTS))
                k = max(0, n - TAIL_POINTS)
                bold.set_points(pt.x[k:n], pt.y[k:n])
            thin.setVisible(True)
            bold.setVisible(True)
        for thin, bold in self._trails[len(trails) :]:
            changed |= thin.isVisible()
            thin.setVisible(False)
            bold.setVisible(False)
        self._n_trails = len(trails)
        if changed:
            self._update_exits()

    def _update_exits(self, force: bool = False) -> None:
        """Arrowheads where the shown trails leave the frame, nudged inside it by half their size
        so the view's clipping leaves them whole."""
        frame = self.frame()
        if force:
            self._exit_cache = []
        del self._exit_cache[self._n_trails :]
        pts, edges, colours = [], [], []
        for i in range(self._n_trails):
            p, e = self._trail_exits(i, frame)
            pts.append(p)
            edges.append(e)
            colours += [self._trail_colours[i]] * len(e) if i < len(self._trail_colours) else []
        edge = np.concatenate(edges) if edges else np.zeros(0, dtype=np.intp)
        if not len(edge) or len(colours) != len(edge):
            if self._exits_shown:
                self.exits.setData([])
                self._exits_shown = False
            return
        size = EXIT_PX * self.scale
        px, py = (float(v) for v in self.vb.viewPixelSize())
        inward = np.array([[px, 0], [-px, 0], [0, py], [0, -py]]) * (size / 2)
        self.exits.setData(
            pos=np.vstack(pts) + inward[edge], symbol=[EXIT_SYMBOLS[e] for e in edge], size=size,
            brush=[pg.mkBrush(c) for c in colours], pen=pg.mkPen(self.theme.background, width=1),
        )  # fmt: skip
        self._exits_shown = True

    def _trail_exits(self, i: int, frame: tuple[float, float, float, float]):
        return cached_trail_exits(self._exit_cache, i, self._pixel_trails[i], frame)

    def _pen_trails(self) -> None:
        """Each shown trail's line in its run's colour (as the theme draws it) and width."""
        self._trail_colours = [run_colour(c, self.theme) for c in self._run_colours]
        for (thin, bold), colour, k in zip(
            self._trails, self._trail_colours, self._run_starts, strict=False
        ):
            thin.setPen(start_pen(colour, self.trail_widths[0], k))
            bold.setPen(start_pen(colour, self.trail_widths[1], k))

    def set_heads(self, xy: np.ndarray, colours: list[str]) -> None:
        self._heads = (xy, list(colours))
        self.heads.set_points(xy, [run_colour(c, self.theme) for c in colours])

    def set_starts(self, starts: np.ndarray) -> None:
        """Draggable crosshair per start point (nothing to do when they are shown, unmoved)."""
        shown = all(t.isVisible() for t in self._starts[: len(starts)])  # a mode may hide them
        if shown and self._shown_starts is not None and np.array_equal(self._shown_starts, starts):
            return
        self._shown_starts = np.array(starts, dtype=np.float64)
        while len(self._starts) < len(starts):
            pen = pg.mkPen(self.theme.start, width=2 * self.scale)
            t = pg.TargetItem(size=16, pen=pen, movable=True)
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
                t.setLabel(start_label(i, len(starts)), START_LABEL)
                t.blockSignals(False)

    def set_overlays(self, segments: dict[str, np.ndarray], kinds: set[str] | None = None) -> None:
        self.overlays.set_segments(segments, kinds)  # kinds: those switched on, for the key

    def run_items(self) -> list[QGraphicsItem]:
        """What is drawn for the runs: trails, heads, exit arrows, overlays, start markers."""
        return [*(c for pair in self._trails for c in pair), self.heads, self.exits,
                *self.overlays.items.values(), *self._starts]  # fmt: skip

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
        x, y = float(p.x()), float(p.y())
        line = nearest_line(self.snap_lines, x, y)
        if ev.modifiers() & Qt.KeyboardModifier.ControlModifier and line is not None:
            x, y = line.project(x, y)
            snapped = self.tr("start snapped exactly onto {label}")
            self.sigMessage.emit(snapped.format(label=line.label))
        shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.sigClicked.emit(x, y, shift)

    def _on_scene_moved(self, pos: QPointF) -> None:
        if self.vb.sceneBoundingRect().contains(pos):
            p = self.vb.mapSceneToView(pos)
            self.sigCursorMoved.emit(float(p.x()), float(p.y()))
        else:
            self.sigCursorLeft.emit()
