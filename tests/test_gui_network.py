"""pytest-qt tests of the Network tab: step-through, architecture editor, gradient check, training,
divergence, clicks on the diagram and "Open in Explorer"."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from core.network.check import LayerCheck
from core.network.datasets import make_dataset
from gui.network.check_panel import VERDICT_COLOUR
from gui.network.tab import NetworkTab

pytestmark = pytest.mark.gui
LEFT = QtCore.Qt.MouseButton.LeftButton


@pytest.fixture
def tab(qtbot):
    w = NetworkTab()
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.shutdown()
    w.close()
    w.deleteLater()
    QtWidgets.QApplication.processEvents()


def _num(v: float) -> str:
    return f"{v:.4g}".replace("-", "−")


def _sig(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _text(tab: NetworkTab) -> str:
    return tab.steps.text.toPlainText()


def test_forward_and_backward_steps_show_the_right_layer_and_numbers(tab, qtbot) -> None:
    c = tab.ctl
    net, x, y = c.net, c.dataset.x, c.dataset.y
    c.set_sample(2)
    s = 2
    w1, b1, w2, b2 = net.weights[0], net.biases[0], net.weights[1], net.biases[1]
    z1 = x[s] @ w1 + b1  # tanh hidden layer, sigmoid output (the tab's default network)
    a1 = np.tanh(z1)
    z2 = a1 @ w2 + b2
    a2 = _sig(z2)
    assert c.step.kind == "input" and tab.diagram.highlight == 0
    qtbot.mouseClick(tab.steps.next, LEFT)
    assert c.step.kind == "forward" and tab.diagram.highlight == 1
    for v in (*z1, *a1):
        assert _num(v) in _text(tab)
    qtbot.mouseClick(tab.steps.next, LEFT)
    assert tab.diagram.highlight == 2 and _num(a2[0]) in _text(tab)
    qtbot.mouseClick(tab.steps.next, LEFT)
    assert c.step.kind == "loss"
    a1_all = np.tanh(x @ w1 + b1)
    out_all = _sig(a1_all @ w2 + b2)
    assert _num(0.5 * np.mean(np.sum((y - out_all) ** 2, axis=1))) in _text(tab)
    assert tab.steps.next.text().startswith("Backward")
    qtbot.mouseClick(tab.steps.next, LEFT)
    n = len(x)
    d2 = (a2 - y[s]) * a2 * (1 - a2) / n
    assert c.step.kind == "backward" and c.step.layer == 2 and tab.diagram.highlight == 2
    assert tab.diagram.mode == "gradients"
    assert _num(d2[0]) in _text(tab)
    qtbot.mouseClick(tab.steps.next, LEFT)
    d1 = (d2 @ w2.T) * (1 - a1**2)
    assert c.step.layer == 1 and all(_num(v) in _text(tab) for v in d1)
    reused = tab.steps.reused_label.text()
    assert "reused, not recomputed" in reused and "δ₂" in reused and "z₁" in reused
    qtbot.mouseClick(tab.steps.back, LEFT)
    assert c.step.layer == 2 and c.step.kind == "backward"


def test_update_step_applies_one_gradient_step(tab, qtbot) -> None:
    c = tab.ctl
    before = c.net.to_vector()
    _, grads, _ = c.net.loss_and_grad(c.dataset.x, c.dataset.y)
    g = c.net.pack_grads(grads)
    c.set_step(len(c.steps) - 1)
    assert tab.steps.next.text().startswith("Update")
    qtbot.mouseClick(tab.steps.next, LEFT)
    lr = c.schedule.lr
    np.testing.assert_allclose(c.net.to_vector(), before - lr * g, rtol=1e-12, atol=1e-15)
    assert c.trainer.t == 1 and c.step.kind == "forward" and c.step.layer == 1
    assert tab.steps.scrub.maximum() == 1


def test_architecture_editor_rebuilds_the_network(tab) -> None:
    a = tab.arch
    a.n_hidden.setValue(2)
    a.sizes[0].setValue(5)
    a.sizes[1].setValue(2)
    assert tab.ctl.net.layers == (2, 5, 2, 1)
    assert len(tab.diagram.nodes) == 2 + 5 + 2 + 1
    assert len(tab.diagram.edges) == 2 * 5 + 5 * 2 + 2 * 1
    a.activation.setCurrentIndex(a.activation.findData("relu"))
    a.activation.activated.emit(a.activation.currentIndex())
    assert tab.ctl.net.activation == "relu"
    a.n_hidden.setValue(0)
    assert tab.ctl.net.layers == (2, 1)
    a.dataset.setCurrentIndex(a.dataset.findData("sine"))
    a.dataset.activated.emit(a.dataset.currentIndex())
    assert tab.ctl.net.layers[0] == 1 and tab.ctl.dataset.name == "sine"


def test_gradient_check_panel_is_coloured_by_thresholds(tab, qtbot) -> None:
    tab.tabs.setCurrentWidget(tab.check)
    qtbot.mouseClick(tab.check.run, LEFT)
    t = tab.check.table
    assert t.rowCount() == tab.ctl.net.n_layers
    for r in range(t.rowCount()):
        assert t.item(r, 5).text() == "good"
        assert t.item(r, 5).background().color() == QtGui.QColor(VERDICT_COLOUR["good"])
    tab.check.set_checks([LayerCheck(1, 0.5, 1e-9, 0.9, 1.0), LayerCheck(2, 1e-5, 1e-6, 1e-5, 1.0)])
    assert t.item(0, 5).text() == "wrong" and t.item(1, 5).text() == "check"
    # the per-weight worst entry is shown and coloured by its own threshold
    assert t.item(0, 4).text() == "9.00e-01"
    assert t.item(0, 4).background().color() == QtGui.QColor(VERDICT_COLOUR["wrong"])
    assert t.item(1, 4).background().color() == QtGui.QColor(VERDICT_COLOUR["check"])
    assert t.item(0, 2).background().color() == QtGui.QColor(VERDICT_COLOUR["wrong"])
    assert t.item(0, 3).background().color() == QtGui.QColor(VERDICT_COLOUR["good"])


def test_play_trains_and_the_loss_curve_follows(tab, qtbot) -> None:
    c = tab.ctl
    first = c.trainer.loss()
    qtbot.mouseClick(tab.train.play, LEFT)
    assert c.running and tab.train.play.text() == "Pause"
    qtbot.waitUntil(lambda: c.trainer.t >= 200, timeout=20_000)
    qtbot.mouseClick(tab.train.play, LEFT)
    assert not c.running
    assert c.trainer.losses[-1] < first
    xs, ys = tab.loss_plot.curve.getData()
    assert len(xs) == c.trainer.t + 1
    np.testing.assert_allclose(10 ** ys[-1], c.trainer.losses[-1])  # the axis is log₁₀
    # the scrubber shows an earlier snapshot without touching the training state
    tab.steps.scrub.setValue(0)
    np.testing.assert_array_equal(c.view_net().to_vector(), c.history[0])
    assert "(past)" in tab.steps.scrub_label.text()


def test_divergence_pauses_and_names_the_layer(tab, qtbot) -> None:
    c = tab.ctl
    c.set_dataset(make_dataset("regression", seed=0))
    c.new_network([4], "linear", "linear")
    c.edit_training({"lr": 9.0})
    qtbot.mouseClick(tab.train.play, LEFT)
    qtbot.waitUntil(lambda: not c.running, timeout=20_000)
    assert c.trainer.diverged is not None
    assert (
        tab.banner.isVisible() and "layer" in tab.banner.text() and "diverged" in tab.banner.text()
    )
    assert np.isfinite(c.net.to_vector()).all()
    assert np.isfinite(c.trainer.losses).all()


def _view_point(view: QtWidgets.QGraphicsView, p: QtCore.QPointF) -> QtCore.QPoint:
    return view.mapFromScene(p)


def test_clicking_the_diagram_inspects_edges_and_neurons(tab, qtbot) -> None:
    d = tab.diagram
    layers = tab.ctl.net.layers
    a, b = d.node_pos(layers, 0, 1), d.node_pos(layers, 1, 2)
    mid = QtCore.QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
    qtbot.mouseClick(d.viewport(), LEFT, pos=_view_point(d, mid))
    w = tab.ctl.net.weights[0][1, 2]
    assert "W1[2,3]" in tab.inspector.text() and f"{w:.4g}" in tab.inspector.text()
    qtbot.mouseClick(d.viewport(), LEFT, pos=_view_point(d, d.node_pos(layers, 1, 0)))
    assert tab.inspector.text().startswith("layer 1, neuron 1")
    z = tab.ctl.dataset.x[0] @ tab.ctl.net.weights[0][:, 0] + tab.ctl.net.biases[0][0]
    assert f"z = {z:.4g}" in tab.inspector.text()


def test_open_in_explorer_emits_a_surface_of_the_network_loss(tab, qtbot) -> None:
    c = tab.ctl
    c.train(20)
    tab.tabs.setCurrentWidget(tab.landscape)
    lp = tab.landscape
    lp.wi.setCurrentIndex(0)
    lp.wj.setCurrentIndex(4)
    with qtbot.waitSignal(tab.sigOpenInExplorer, timeout=5000) as sig:
        qtbot.mouseClick(lp.open, LEFT)
    surface = sig.args[0]
    assert surface.group == "Data-defined losses" and surface.n_samples == c.dataset.n
    pts = np.array([[0.3, -1.2], [-2.0, 0.7]])
    for p, v in zip(pts, surface.value(pts), strict=True):
        other = c.net.copy()
        vec = other.to_vector()
        vec[0], vec[4] = p
        other.set_vector(vec)
        assert v == pytest.approx(other.loss_and_grad(c.dataset.x, c.dataset.y)[0], rel=1e-12)
    lp.directions.setChecked(True)
    with qtbot.waitSignal(tab.sigOpenInExplorer, timeout=5000) as sig:
        qtbot.mouseClick(lp.open, LEFT)
    assert sig.args[0].value(np.zeros(2)) == pytest.approx(c.trainer.loss(), rel=1e-12)


def test_deep_sigmoid_vs_relu_example(tab, qtbot) -> None:
    qtbot.mouseClick(tab.arch.sig_example, LEFT)
    assert tab.ctl.net.layers == (2, 6, 6, 6, 6, 1) and tab.tabs.currentWidget() is tab.norms
    labels = [t.toPlainText().replace("−", "-") for t in tab.norms.labels]
    sig = [float(v) for v in labels]
    qtbot.mouseClick(tab.arch.relu_example, LEFT)
    relu = [float(t.toPlainText().replace("−", "-")) for t in tab.norms.labels]
    assert sig[0] < sig[-1] / 100  # vanished by two orders of magnitude over four sigmoid layers
    assert relu[0] > relu[-1] / 10


def test_save_and_load_network_file(tab, tmp_path: Path) -> None:
    c = tab.ctl
    c.train(5)
    path = tmp_path / "tab.json"
    tab.arch.sigSaveRequested.emit(str(path))
    vec = c.net.to_vector()
    c.new_network([2], "relu", "sigmoid")
    tab.arch.sigLoadRequested.emit(str(path))
    np.testing.assert_array_equal(c.net.to_vector(), vec)
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    tab.arch.sigLoadRequested.emit(str(bad))
    assert tab.banner.isVisible() and "not valid JSON" in tab.banner.text()


def test_the_tab_renders(tab) -> None:
    tab.ctl.train(30)
    tab.ctl.set_step(4)
    img = tab.grab().toImage()
    img.save("/tmp/net.png")
    assert img.width() >= 1200
    colours = {
        img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)
    }
    assert len(colours) > 50


def test_bad_choices_give_a_message_not_a_crash(tab) -> None:
    a = tab.arch
    a.dataset.setCurrentIndex(a.dataset.findData("sine"))
    a.dataset.activated.emit(a.dataset.currentIndex())
    layers = tab.ctl.net.layers
    a.loss.setCurrentIndex(a.loss.findData("bce"))
    a.loss.activated.emit(a.loss.currentIndex())
    assert tab.banner.isVisible() and "between 0 and 1" in tab.banner.text()
    assert tab.ctl.net.loss == "mse" and tab.ctl.net.layers == layers
    assert a.loss.currentData() == "mse"  # the editor shows the network still in place
    tab.train.sigScheduleEdited.emit({"mode": "triangular", "base_lr": 5.0})
    assert "max-lr" in tab.banner.text()
    assert tab.ctl.schedule.mode == "constant"
