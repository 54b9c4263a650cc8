"""The network drawn as neurons and weighted edges; click a neuron or an edge to inspect it.

Edges are coloured by sign and drawn thicker for larger magnitude — of the weights, or of ∂L/∂W in
gradient mode (scaled across all layers, so a vanishing gradient shows as hair-thin early layers).
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

POS, NEG = QtGui.QColor("#2b6cb0"), QtGui.QColor("#d64545")  # weights: blue +, red −
GPOS, GNEG = QtGui.QColor("#2f9e44"), QtGui.QColor("#e8590c")  # gradients: green +, orange −
ACCENT = QtGui.QColor("#f59f00")
REUSED = QtGui.QColor("#ae3ec9")
NODE_R = 20.0
DX, DY = 190.0, 62.0


def _short(v: float) -> str:
    """A node's number in at most five characters: 0.42, −0.07, 3e-05."""
    if not np.isfinite(v):
        return "–"
    text = f"{v:.2f}" if v == 0 or 0.01 <= abs(v) < 100 else f"{v:.0e}".replace("e-0", "e-")
    return text.replace("-", "−")


class NetworkDiagram(QtWidgets.QGraphicsView):
    """Neurons and edges of a network; emits what was clicked as plain ints."""

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
        self.selected: tuple[int, ...] = ()
        self.edges: dict[tuple[int, int, int], QtWidgets.QGraphicsLineItem] = {}
        self.nodes: dict[tuple[int, int], QtWidgets.QGraphicsEllipseItem] = {}

    @staticmethod
    def node_pos(layers: tuple[int, ...], layer: int, k: int) -> QtCore.QPointF:
        dx = DX if len(layers) <= 4 else DX * 0.7  # deep nets: keep the neurons readable
        return QtCore.QPointF(layer * dx, (k - (layers[layer] - 1) / 2.0) * DY)

    def set_data(self, layers: tuple[int, ...], weights: list[np.ndarray], grads: list[np.ndarray],
                 biases: list[np.ndarray], acts: list[np.ndarray], names: list[str]) -> None:  # fmt: skip
        """Redraw: weights/grads per layer (n_in, n_out), biases, activations a_l of one sample."""
        sc = self.scene()
        sc.clear()
        self.edges.clear()
        self.nodes.clear()
        mats = grads if self.mode == "gradients" else weights
        big = max((float(np.abs(m).max()) for m in mats if m.size), default=0.0) or 1.0
        pos_c, neg_c = (GPOS, GNEG) if self.mode == "gradients" else (POS, NEG)
        for l, m in enumerate(mats, start=1):  # noqa: E741
            for i in range(m.shape[0]):
                for j in range(m.shape[1]):
                    v = float(m[i, j])
                    mag = np.sqrt(abs(v) / big) if np.isfinite(v) else 1.0
                    c = QtGui.QColor(pos_c if v >= 0 else neg_c)
                    fade = 1.0 if self.highlight <= 0 or l == self.highlight else 0.3
                    c.setAlphaF((0.25 + 0.75 * mag) * fade)
                    pen = QtGui.QPen(c, 0.6 + 7.0 * mag)
                    pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
                    a, b = self.node_pos(layers, l - 1, i), self.node_pos(layers, l, j)
                    item = sc.addLine(QtCore.QLineF(a, b), pen)
                    item.setData(0, ("edge", l, i, j))
                    item.setZValue(mag)
                    item.setToolTip(f"W{l}[{i + 1},{j + 1}] = {v:.4g}")
                    self.edges[(l, i, j)] = item
        font = QtGui.QFont()
        font.setPointSizeF(8.5)
        for layer, n in enumerate(layers):
            hl = layer == self.highlight
            for k in range(n):
                p = self.node_pos(layers, layer, k)
                r = QtCore.QRectF(p.x() - NODE_R, p.y() - NODE_R, 2 * NODE_R, 2 * NODE_R)
                pen = QtGui.QPen(ACCENT if hl else QtGui.QColor("#4a5568"), 3.0 if hl else 1.4)
                fill = QtGui.QColor("#fff4d6") if hl else QtGui.QColor("#ffffff")
                if layer in self.reused and not hl:  # stored earlier, read again now: dashed
                    pen = QtGui.QPen(REUSED, 2.6, QtCore.Qt.PenStyle.DashLine)
                if (layer, k) == self.selected:
                    pen = QtGui.QPen(QtGui.QColor("#111827"), 3.0)
                node = sc.addEllipse(r, pen, QtGui.QBrush(fill))
                node.setZValue(10)
                node.setData(0, ("node", layer, k))
                self.nodes[(layer, k)] = node
                val = acts[layer][k] if layer < len(acts) else np.nan
                t = sc.addSimpleText(_short(val), font)
                t.setZValue(11)
                br = t.boundingRect()
                t.setPos(p.x() - br.width() / 2, p.y() - br.height() / 2)
                t.setData(0, ("node", layer, k))
                if layer > 0:
                    bt = sc.addSimpleText(f"b={biases[layer - 1][k]:+.2f}", font)
                    bt.setBrush(QtGui.QColor("#6b7280"))
                    bt.setZValue(11)
                    bb = bt.boundingRect()
                    bt.setPos(p.x() - bb.width() / 2, p.y() + NODE_R + 1)
            title = (
                self.tr("input x")
                if layer == 0
                else (
                    self.tr("output ŷ")
                    if layer == len(layers) - 1
                    else self.tr("hidden {layer}").format(layer=layer)
                )
            )
            if 0 < layer < len(layers) - 1 or layer == len(layers) - 1:
                title += f"  ({names[layer - 1]})"
            tt = sc.addSimpleText(title, font)
            tt.setBrush(ACCENT.darker(130) if hl else QtGui.QColor("#374151"))
            top = self.node_pos(layers, layer, 0).y() - NODE_R - 22
            tb = tt.boundingRect()
            tt.setPos(
                self.node_pos(layers, layer, 0).x() - tb.width() / 2,
                min(top, -max(layers) * DY / 2 - 8),
            )
        if len(self.selected) == 3 and self.selected in self.edges:
            e = self.edges[self.selected]
            pen = e.pen()
            pen.setColor(QtGui.QColor("#111827"))
            e.setPen(pen)
            e.setZValue(9)
        self._fit()

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
        rect = sc.itemsBoundingRect().adjusted(-24, -16, 24, 16)
        sc.setSceneRect(rect)
        self.fitInView(rect, QtCore.Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

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
