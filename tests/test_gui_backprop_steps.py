"""The backprop step-through at 1280×800: every step's formulas and its "reused, not recomputed"
values in sight without scrolling, no δ in the diagram before its step computes it, the bars and the
step text quoting the same per-layer norm, and a legible diagram with 4 hidden layers of 8."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _num(v: float) -> str:
    return f"{v:.4g}".replace("-", "−")


@pytest.fixture
def net_tab(main_window):
    main_window.resize(1280, 800)
    nt = main_window.network_tab()
    main_window.show_tab("network")
    for _ in range(3):
        QApplication.processEvents()
    yield nt
    nt.ctl.new_network([3], "tanh", "sigmoid")
    main_window.show_tab("explorer")


def _settle() -> None:
    for _ in range(2):
        QApplication.processEvents()


def _in_window(widget, window) -> bool:
    top = widget.mapTo(window, widget.rect().topLeft())
    bottom = widget.mapTo(window, widget.rect().bottomRight())
    return widget.isVisible() and top.y() >= 0 and bottom.y() <= window.height()


@pytest.mark.parametrize("hidden", [[3], [8, 8, 8, 8]])
def test_every_step_fits_without_scrolling(net_tab, main_window, hidden) -> None:
    c = net_tab.ctl
    c.new_network(hidden, "sigmoid" if len(hidden) > 1 else "tanh", "sigmoid")
    _settle()
    assert main_window.height() <= 800
    for i, step in enumerate(c.steps):
        c.set_step(i)
        _settle()
        sb = net_tab.steps.text.verticalScrollBar()
        assert sb.maximum() == 0, (i, step.title, sb.maximum())
        assert _in_window(net_tab.steps.text, main_window)
        if step.reused:
            label = net_tab.steps.reused_label
            assert _in_window(label, main_window)
            assert "reused, not recomputed" in label.text()
            assert all(r.split(" ")[0] in label.text() for r in step.reused)


def _node_texts(diagram) -> dict[tuple[int, int], str]:
    return {item.data(0)[1:]: item.text() for item in diagram.labels
            if item.data(0) and item.data(0)[0] == "node"}  # fmt: skip


def test_no_delta_is_drawn_before_its_step(net_tab) -> None:
    c = net_tab.ctl
    c.new_network([4, 3], "tanh", "sigmoid")
    box = net_tab.edge_mode
    box.setCurrentIndex(box.findData("gradients"))
    box.activated.emit(box.currentIndex())
    d = net_tab.diagram
    L = c.net.n_layers
    for i, step in enumerate(c.steps):
        c.set_step(i)
        texts = _node_texts(d)
        if step.kind == "backward":
            done = set(range(step.layer, L + 1))
        elif step.kind == "update":
            done = set(range(1, L + 1))
        else:
            done = set()
        for (layer, _k), text in texts.items():
            if layer == 0:
                continue
            assert (text == "–") == (layer not in done), (step.title, layer, text)
        for (l, _i, _j), edge in d.edges.items():  # noqa: E741
            assert ("not computed" in edge.toolTip()) == (l not in done), (step.title, l)
    box.setCurrentIndex(box.findData("auto"))
    box.activated.emit(box.currentIndex())


def test_bars_and_step_text_quote_the_same_norm(net_tab) -> None:
    """‖(∂L/∂W_l, ∂L/∂b_l)‖ from an independent numpy backprop of the 2-3-1 tanh/sigmoid MSE net."""
    c = net_tab.ctl
    c.new_network([3], "tanh", "sigmoid")
    c.train(3)
    net, x, y = c.net, c.dataset.x, c.dataset.y
    w1, b1, w2, b2 = net.weights[0], net.biases[0], net.weights[1], net.biases[1]
    a1 = np.tanh(x @ w1 + b1)
    out = 1.0 / (1.0 + np.exp(-(a1 @ w2 + b2)))
    d2 = (out - y) * out * (1 - out) / len(x)
    d1 = (d2 @ w2.T) * (1 - a1**2)
    norms = [np.sqrt(np.sum((x.T @ d1) ** 2) + np.sum(d1.sum(0) ** 2)),
             np.sqrt(np.sum((a1.T @ d2) ** 2) + np.sum(d2.sum(0) ** 2))]  # fmt: skip
    bars = [t.toPlainText() for t in net_tab.norms.labels]
    assert bars == [_num(v) for v in norms]
    for layer in (1, 2):
        i = next(k for k, s in enumerate(c.steps) if s.kind == "backward" and s.layer == layer)
        c.set_step(i)
        text = net_tab.steps.text.toPlainText()
        assert f"‖(∂L/∂W{'₁₂'[layer - 1]}, ∂L/∂b{'₁₂'[layer - 1]})‖ = {bars[layer - 1]}" in text
        assert "weights and biases" in text
    assert "biases included" in net_tab.norms.plot.getPlotItem().titleLabel.text


def _crosses(p, q, rect) -> bool:
    """Liang–Barsky: does segment p→q meet the rectangle?"""
    x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return False
        else:
            t = qk / pk
            if pk < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
    return lo <= hi


@pytest.mark.parametrize("hidden", [[3], [8, 8, 8, 8]])
def test_diagram_is_legible(net_tab, hidden) -> None:
    c = net_tab.ctl
    c.new_network(hidden, "sigmoid", "sigmoid")
    _settle()
    d = net_tab.diagram
    scale = d.transform().m22()
    values = [t for t in d.labels if t.data(0) and t.data(0)[0] == "node"]
    assert len(values) == sum(c.net.layers)
    for t in values:
        assert t.font().pixelSize() * scale >= 11  # rendered pixel height of the number
        # the number lies inside its neuron
        node = d.nodes[t.data(0)[1:]]
        assert node.sceneBoundingRect().contains(t.sceneBoundingRect().center())
    lines = [e.line() for e in d.edges.values()]
    assert max(e.zValue() for e in d.edges.values()) < min(n.zValue() for n in d.nodes.values())
    for t in d.labels:
        r = t.sceneBoundingRect().adjusted(1, 1, -1, -1)
        own = d.nodes.get(t.data(0)[1:]) if t.data(0) else None  # a number's own neuron
        for ln in lines:
            p, q = (ln.p1().x(), ln.p1().y()), (ln.p2().x(), ln.p2().y())
            if not _crosses(p, q, r):
                continue
            # Only under the opaque neuron the number sits in (drawn over every edge): hidden.
            assert own is not None, (t.text(), p, q)
            e = own.rect()
            cx, cy, rx, ry = e.center().x(), e.center().y(), e.width() / 2, e.height() / 2
            for s in np.linspace(0.0, 1.0, 400):
                x, y = p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])
                if r.contains(x, y):
                    assert ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1.0, (t.text(), p, q)
    if hidden == [3]:  # roomy: the biases are written under the neurons
        assert sum(t.text().startswith("b=") for t in d.labels) == 4
