"""The network drawn as neurons and weighted edges; click a neuron or an edge to inspect it.

Edges are coloured by sign and drawn thicker for larger magnitude — of the weights, or of ∂L/∂W in
gradient mode (scaled across all layers, so a vanishing gradient shows as hair-thin early layers).
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n.numbers import num

POS, NEG = QtGui.QColor("#2b6cb0"), QtGui.QColor("#d64545")  # weights: blue +, red −
GPOS, GNEG = QtGui.QColor("#2f9e44"), QtGui.QColor("#e8590c")  # gradients: green +, orange −
PENDING = QtGui.QColor("#ced4da")  # a gradient the step-through has not computed yet
ACCENT = QtGui.QColor("#f59f00")
REUSED = QtGui.QColor("#ae3ec9")
VALUE_PX, LABEL_PX = 12, 11  # node numbers, bias and layer labels: pixel sizes at scale 1
DX_RANGE, DY_RANGE = (64.0, 190.0), (30.0, 62.0)  # neuron spacing, chosen to fill the view
MARGIN, TITLE_H, BIAS_H = 14.0, 34.0, 14.0


def _short(v: float) -> str:
    """A node's number in at most five characters: 0.42, −0.07, 3e-05; "–" when not computed."""
    if not np.isfinite(v):
        return "–"
    text = num(v, ".2f") if v == 0 or 0.01 <= abs(v) < 100 else f"{v:.0e}".replace("e-0", "e-")
    return text.replace("-", "−")


def _font(px: int) -> QtGui.QFont:
    f = QtGui.QFont()
    f.setPixelSize(px)
    return f


def _clip(a: QtCore.QPointF, b: QtCore.QPointF, rx: float, ry: float) -> QtCore.QLineF:
    """The segment between two neurons' centres cut at both ellipses: an edge never runs under
    the number inside a neuron."""
    d = b - a
    n = float(np.hypot(d.x(), d.y())) or 1.0
    ux, uy = d.x() / n, d.y() / n
    t = 1.0 / float(np.sqrt((ux / rx) ** 2 + (uy / ry) ** 2))
    u = QtCore.QPointF(ux * t, uy * t)
    return QtCore.QLineF(a + u, b - u)


def _crosses(line: QtCore.QLineF, rect: QtCore.QRectF) -> bool:
    """Does the segment pass through the rectangle (an edge across a label)?"""
    if rect.contains(line.p1()) or rect.contains(line.p2()):
        return True
    corners = [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
    for k in range(4):
        side = QtCore.QLineF(corners[k], corners[(k + 1) % 4])
        if line.intersects(side)[0] == QtCore.QLineF.IntersectionType.BoundedIntersection:
            return True
    return False


class NetworkDiagram(QtWidgets.QGraphicsView):
    """Neurons and edges of a network; emits what was clicked as plain ints. The spacing follows
    the view's size so that the numbers stay at their pixel size (4 hidden layers of 8 fit a
    1280×800 window); edges stop at the neurons' outlines and a bias label that an edge would
    cross is left out (the bias is in the neuron's tooltip and the inspector)."""

    sigNodeClicked = QtCore.Signal(int, int)  # layer (0 = inputs), neuron
    sigEdgeClicked = QtCore.Signal(int, int, int)  # weight layer l (1-based), from i, to j

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QtGui.QColor("#fbfbfd"))
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(320, 220)
        self.mode = "weights"
        self.highlight = -1
        self.reused: frozenset[int] = frozenset()  # layers whose stored values the step reuses
        self.pending: frozenset[int] = frozenset()  # weight layers whose ∂L/∂W is not yet computed
        self.selected: tuple[int, ...] = ()
        self.edges: dict[tuple[int, int, int], QtWidgets.QGraphicsLineItem] = {}
        self.nodes: dict[tuple[int, int], QtWidgets.QGraphicsEllipseItem] = {}
        self.labels: list[QtWidgets.QGraphicsSimpleTextItem] = []  # every text drawn
        self._dx, self._dy = DX_RANGE[1], DY_RANGE[1]
        self.rx = self.ry = 20.0
        self._args: tuple | None = None

    def node_pos(self, layers: tuple[int, ...], layer: int, k: int) -> QtCore.QPointF:
        return QtCore.QPointF(layer * self._dx, (k - (layers[layer] - 1) / 2.0) * self._dy)

    def _layout(self, layers: tuple[int, ...]) -> None:
        """Spacing and neuron size for this view: as roomy as the view allows, never so tight
        that a number does not fit inside its neuron."""
        vw, vh = max(self.viewport().width(), 1), max(self.viewport().height(), 1)
        fm = QtGui.QFontMetricsF(_font(VALUE_PX))
        half_w, half_h = fm.horizontalAdvance("−0.00") / 2 + 1, fm.height() / 2
        rows = max(layers)
        dy = (vh - 2 * MARGIN - TITLE_H - BIAS_H) / max(rows, 1)
        self._dy = float(np.clip(dy, *DY_RANGE))
        self.ry = float(np.clip(0.42 * self._dy, half_h + 4, 20.0))
        # the number's box fits inside the ellipse: (w/2rx)² + (h/2ry)² ≤ 1
        self.rx = max(self.ry, half_w / float(np.sqrt(max(1.0 - (half_h / self.ry) ** 2, 0.05))))
        dx = (vw - 2 * MARGIN - 2 * self.rx) / max(len(layers) - 1, 1)
        self._dx = float(np.clip(dx, max(DX_RANGE[0], 3 * self.rx), DX_RANGE[1]))

    def set_data(self, layers: tuple[int, ...], weights: list[np.ndarray], grads: list[np.ndarray],
                 biases: list[np.ndarray], acts: list[np.ndarray], names: list[str]) -> None:  # fmt: skip
        """Redraw: weights/grads per layer (n_in, n_out), biases, the numbers a_l (or δ_l) of
        one sample per layer (NaN: not computed at this step, drawn as "–")."""
        self._args = (layers, weights, grads, biases, acts, names)
        self._layout(tuple(layers))
        sc = self.scene()
        sc.clear()
        self.edges.clear()
        self.nodes.clear()
        self.labels = []
        mats = grads if self.mode == "gradients" else weights
        shown = [m for l, m in enumerate(mats, start=1) if not self._pending(l)]  # noqa: E741
        big = max((float(np.abs(m).max()) for m in shown if m.size), default=0.0) or 1.0
        pos_c, neg_c = (GPOS, GNEG) if self.mode == "gradients" else (POS, NEG)
        lines: list[QtCore.QLineF] = []
        for l, m in enumerate(mats, start=1):  # noqa: E741
            for i in range(m.shape[0]):
                for j in range(m.shape[1]):
                    v = float(m[i, j])
                    line = _clip(self.node_pos(layers, l - 1, i), self.node_pos(layers, l, j),
                                 self.rx, self.ry)  # fmt: skip
                    lines.append(line)
                    if self._pending(l):
                        pen, mag = QtGui.QPen(PENDING, 0.8), 0.0
                        tip = f"∂L/∂W{l}[{i + 1},{j + 1}]: not computed yet at this step"
                    else:
                        mag = np.sqrt(abs(v) / big) if np.isfinite(v) else 1.0
                        c = QtGui.QColor(pos_c if v >= 0 else neg_c)
                        fade = 1.0 if self.highlight <= 0 or l == self.highlight else 0.3
                        c.setAlphaF((0.25 + 0.75 * mag) * fade)
                        pen = QtGui.QPen(c, 0.6 + 7.0 * mag)
                        tip = f"W{l}[{i + 1},{j + 1}] = {num(v, '.4g')}"
                    pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
                    item = sc.addLine(line, pen)
                    item.setData(0, ("edge", l, i, j))
                    item.setZValue(mag)
                    item.setToolTip(tip)
                    self.edges[(l, i, j)] = item
        for layer, n in enumerate(layers):
            for k in range(n):
                self._node(layers, layer, k, acts, biases, lines)
            self._title(layers, layer, names)
        if len(self.selected) == 3 and self.selected in self.edges:
            e = self.edges[self.selected]
            pen = e.pen()
            pen.setColor(QtGui.QColor("#111827"))
            e.setPen(pen)
            e.setZValue(9)
        self._fit()

    def _pending(self, l: int) -> bool:  # noqa: E741
        return self.mode == "gradients" and l in self.pending

    def _text(
        self, text: str, px: int, colour: str = "#111827"
    ) -> QtWidgets.QGraphicsSimpleTextItem:
        t = self.scene().addSimpleText(text, _font(px))
        t.setBrush(QtGui.QColor(colour))
        t.setZValue(11)
        self.labels.append(t)
        return t

    def _node(self, layers, layer: int, k: int, acts, biases, lines) -> None:
        hl = layer == self.highlight
        p = self.node_pos(layers, layer, k)
        r = QtCore.QRectF(p.x() - self.rx, p.y() - self.ry, 2 * self.rx, 2 * self.ry)
        pen = QtGui.QPen(ACCENT if hl else QtGui.QColor("#4a5568"), 3.0 if hl else 1.4)
        fill = QtGui.QColor("#fff4d6") if hl else QtGui.QColor("#ffffff")
        if layer in self.reused and not hl:  # stored earlier, read again now: dashed
            pen = QtGui.QPen(REUSED, 2.6, QtCore.Qt.PenStyle.DashLine)
        if (layer, k) == self.selected:
            pen = QtGui.QPen(QtGui.QColor("#111827"), 3.0)
        node = self.scene().addEllipse(r, pen, QtGui.QBrush(fill))
        node.setZValue(10)
        node.setData(0, ("node", layer, k))
        if layer > 0:
            node.setToolTip(f"b{layer}[{k + 1}] = {num(biases[layer - 1][k], '.4g')}")
        self.nodes[(layer, k)] = node
        val = acts[layer][k] if layer < len(acts) else np.nan
        t = self._text(_short(float(val)), VALUE_PX)
        br = t.boundingRect()
        t.setPos(p.x() - br.width() / 2, p.y() - br.height() / 2)
        t.setData(0, ("node", layer, k))
        if layer > 0 and self._dy - 2 * self.ry >= BIAS_H:
            bt = self._text(f"b={num(biases[layer - 1][k], '+.2f')}", LABEL_PX, "#6b7280")
            bb = bt.boundingRect()
            bt.setPos(p.x() - bb.width() / 2, p.y() + self.ry + 1)
            if any(_crosses(ln, bt.sceneBoundingRect()) for ln in lines):
                self.labels.remove(bt)  # it would sit across an edge: the tooltip has it
                self.scene().removeItem(bt)

    def _title(self, layers, layer: int, names: list[str]) -> None:
        last = len(layers) - 1
        title = (self.tr("input x") if layer == 0 else self.tr("output ŷ") if layer == last
                 else self.tr("hidden {layer}").format(layer=layer))  # fmt: skip
        if layer > 0:
            title += f"\n({names[layer - 1]})"
        tt = self._text(title, LABEL_PX, "#374151")
        if layer == self.highlight:
            tt.setBrush(ACCENT.darker(130))
        tb = tt.boundingRect()
        top = -(max(layers) - 1) / 2.0 * self._dy - self.ry - 4 - tb.height()
        tt.setPos(self.node_pos(layers, layer, 0).x() - tb.width() / 2, top)

    def legend(self) -> str:
        """What the colours, widths and node numbers mean in the current mode (rich text)."""
        if self.mode == "gradients":
            return self.tr("edges ∂L/∂W: <span style='color:#2f9e44'>■ +</span> <span style='color:#e8590c'>■ −</span>,"
                    " width ∝ √|∂L/∂W| · nodes: δ = ∂L/∂z (selected sample)"
                    " · <span style='color:#ae3ec9'>dashed</span>: stored values reused")  # fmt: skip
        return self.tr("edges W: <span style='color:#2b6cb0'>■ +</span> <span style='color:#d64545'>■ −</span>,"
                " width ∝ √|w| · nodes: a = f(z) (selected sample), b = bias")  # fmt: skip

    def _fit(self) -> None:
        sc = self.scene()
        rect = sc.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        sc.setSceneRect(rect)
        self.fitInView(rect, QtCore.Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._args is not None:
            self.set_data(*self._args)  # the spacing follows the view's size

    def item_info(self, pos: QtCore.QPoint) -> tuple | None:
        """What lies under a view position: ('node', layer, k), ('edge', l, i, j) or None."""
        for item in self.items(pos):
            data = item.data(0)
            if data and data[0] == "node":
                return data
        hits = [it.data(0) for it in self.items(QtCore.QRect(pos.x() - 3, pos.y() - 3, 7, 7))]
        for data in hits:
            if data and data[0] == "edge":
                return data
        return None

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        info = self.item_info(event.position().toPoint())
        if info is None:
            super().mousePressEvent(event)
            return
        self.selected = tuple(info[1:])
        if info[0] == "node":
            self.sigNodeClicked.emit(int(info[1]), int(info[2]))
        else:
            self.sigEdgeClicked.emit(int(info[1]), int(info[2]), int(info[3]))
