"""The Explorer tab through its widgets: clicks, keys, live edits, statuses, legend, explain."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def himmelblau(x: float, y: float) -> float:
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def himmelblau_grad(x: float, y: float) -> np.ndarray:
    a, b = x * x + y - 11, x + y * y - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def click(explorer, x: float, y: float, shift: bool = False) -> None:
    """A real mouse click on the plot's viewport at data coordinates (x, y)."""
    plot = explorer.plot
    QApplication.processEvents()  # let the layout settle before mapping data to pixels
    p = plot.data_to_widget(x, y)
    pos = QPoint(round(p.x()), round(p.y()))
    mod = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(plot.viewport(), pos)
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, mod, pos)


def slot_named(explorer, prefix: str):
    return next(s for s in explorer.controller.racers if s.name.startswith(prefix))


def select(explorer, slot) -> None:
    explorer.controller.select(slot.key)


def test_default_race_is_ready(explorer) -> None:
    c = explorer.controller
    assert c.surface.name == "himmelblau"
    assert [s.name for s in c.racers] == ["GD", "Momentum", "Adam"]
    assert len({s.colour for s in c.racers}) == 3
    assert explorer.legend.rowCount() == 3
    from surfaces.registry import surface_names

    assert sorted(explorer.picker.names()) == sorted(surface_names())


def test_click_restarts_every_run_at_the_clicked_point(explorer) -> None:
    click(explorer, 1.5, -2.25)
    pixel = explorer.plot.vb.viewPixelSize()
    for s in explorer.controller.race.active():
        sx, sy = s.run.starts[0]
        assert len(s.run.starts) == 1
        assert abs(sx - 1.5) <= pixel[0] and abs(sy + 2.25) <= pixel[1]
        assert s.run.t == 0


def test_shift_click_adds_a_start(explorer) -> None:
    click(explorer, 1.0, 1.0)
    click(explorer, -2.0, -1.0, shift=True)
    pixel = explorer.plot.vb.viewPixelSize()
    for s in explorer.controller.race.active():
        assert s.run.n_points == 2
        assert abs(s.run.starts[1, 0] + 2.0) <= pixel[0]
        assert abs(s.run.starts[1, 1] + 1.0) <= pixel[1]
    assert explorer.legend.rowCount() == 6


def test_dragging_the_start_marker_moves_the_start(explorer, qtbot) -> None:
    """A real drag: press on the marker, move in steps, release; the runs restart from where the
    marker was dropped."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    plot = explorer.plot
    vp = plot.viewport()
    QApplication.processEvents()
    a = QPointF(plot.data_to_widget(*explorer.controller.race.starts[0]))
    b = QPointF(plot.data_to_widget(2.0, -1.0))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QEvent.Type, p: QPointF, buttons: Qt.MouseButton) -> None:
        g = QPointF(vp.mapToGlobal(p.toPoint()))
        ev = QMouseEvent(kind, p, g, left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, ev)

    send(QEvent.Type.MouseMove, a, none)
    send(QEvent.Type.MouseButtonPress, a, left)
    for k in range(1, 9):
        send(QEvent.Type.MouseMove, a + (b - a) * (k / 8), left)
    send(QEvent.Type.MouseButtonRelease, b, none)
    px = plot.vb.viewPixelSize()
    for s in explorer.controller.race.active():
        assert abs(s.run.starts[0, 0] - 2.0) <= 1.5 * px[0]
        assert abs(s.run.starts[0, 1] + 1.0) <= 1.5 * px[1]
        assert s.run.t == 0


def test_play_pause_step_reset_keys(explorer, main_window, qtbot) -> None:
    c = explorer.controller
    gd = slot_named(explorer, "GD")
    QTest.keyClick(main_window, Qt.Key.Key_Space)
    assert c.playing
    qtbot.waitUntil(lambda: gd.run.t >= 3, timeout=3000)
    QTest.keyClick(main_window, Qt.Key.Key_Space)
    assert not c.playing
    t = gd.run.t
    QTest.keyClick(main_window, Qt.Key.Key_Right)
    assert gd.run.t == t + 1
    QTest.keyClick(main_window, Qt.Key.Key_S)
    assert gd.run.t == t + 2
    assert explorer.legend.value(0, "step") == str(t + 2)
    QTest.keyClick(main_window, Qt.Key.Key_R)
    assert gd.run.t == 0
    assert np.allclose(gd.run.w, gd.run.starts)


def test_live_lr_change_alters_the_very_next_step(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    explorer.controller.step_once()
    x, y = gd.run.w[0]
    box = explorer.runs.hyper.lr.box
    box.setText("0.0025")
    box.editingFinished.emit()
    explorer.controller.step_once()
    expected = np.array([x, y]) - 0.0025 * himmelblau_grad(x, y)
    assert np.allclose(gd.run.w[0], expected, rtol=0, atol=1e-12)
    assert gd.run.trajectory.lr[gd.run.trajectory.count - 1] == pytest.approx(0.0025)


def test_switching_convention_mid_run(explorer) -> None:
    mom = slot_named(explorer, "Momentum")
    select(explorer, mom)
    for _ in range(5):
        explorer.controller.step_once()
    combo = explorer.runs.convention
    combo.setCurrentIndex(combo.findData("pytorch"))
    combo.activated.emit(combo.currentIndex())
    assert mom.config.hyper.convention == "pytorch"
    w = mom.run.w[0].copy()
    b = mom.run.state.v[0].copy()
    lr, mu = mom.lr, mom.config.hyper.momentum
    explorer.controller.step_once()
    b_new = mu * b + himmelblau_grad(*w)  # PyTorch: b ← μb + g ; w ← w − ηb
    assert np.allclose(mom.run.w[0], w - lr * b_new, atol=1e-12)


def test_switching_schedule_mid_run(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    for _ in range(5):
        explorer.controller.step_once()
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData("triangular"))
    panel.mode.activated.emit(panel.mode.currentIndex())
    assert gd.config.schedule.mode == "triangular"
    # triangular at t = 5 with s = 20: cycle 1, x = |5/20 − 1| = 0.75, lr = base + (max − base)·0.25
    base, top = gd.config.schedule.base_lr, gd.config.schedule.max_lr
    assert (base, top) == pytest.approx((0.001, 0.01))
    lr = base + (top - base) * 0.25
    w = gd.run.w[0].copy()
    explorer.controller.step_once()
    assert np.allclose(gd.run.w[0], w - lr * himmelblau_grad(*w), atol=1e-12)
    assert explorer.schedule.marker.value() == 6


def test_saddle_stable_axis_is_reported_stalled(explorer, qtbot) -> None:
    picker = explorer.picker
    picker.setCurrentIndex(picker.findData("saddle"))
    picker.activated.emit(picker.currentIndex())
    assert explorer.controller.surface.name == "saddle"
    click(explorer, 1.5, 0.0)
    gd = slot_named(explorer, "GD")
    assert gd.run.starts[0, 1] == pytest.approx(0.0, abs=explorer.plot.vb.viewPixelSize()[1])
    # Exactly on the stable axis (a click lands within a pixel of it; y = 0 is what we mean).
    explorer.controller.restart_at(1.5, 0.0)
    explorer.controller.race.step(400)
    explorer.controller.step_once()
    row = [s.name for s in explorer.controller.race.active()].index("GD")
    assert explorer.legend.value(row, "status") == "stalled at a saddle"


def test_divergence_shows_and_the_app_stays_usable(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    explorer.runs.hyper.lr.box.setText("0.5")
    explorer.runs.hyper.lr.box.editingFinished.emit()
    for _ in range(30):
        explorer.controller.step_once()
    assert gd.run.diverged.all()
    assert explorer.legend.value(0, "status") == "diverged"
    assert np.isfinite(gd.run.trajectory.xy[0, : gd.run.trajectory.count]).all()
    explorer.runs.hyper.lr.box.setText("0.01")
    explorer.runs.hyper.lr.box.editingFinished.emit()
    click(explorer, 2.0, 2.0)
    explorer.controller.step_once()
    assert not gd.run.diverged.any()
    assert explorer.legend.value(0, "status") == "moving"


def test_legend_values_match_the_surface(explorer) -> None:
    for _ in range(7):
        explorer.controller.step_once()
    for row, s in enumerate(explorer.controller.race.active()):
        x, y = s.run.w[0]
        assert float(explorer.legend.value(row, "loss")) == pytest.approx(
            himmelblau(x, y), rel=1e-5
        )
        g = float(np.hypot(*himmelblau_grad(x, y)))
        assert float(explorer.legend.value(row, "|∇f|")) == pytest.approx(g, rel=1e-2)
        assert explorer.legend.value(row, "step") == "7"
        assert float(explorer.legend.value(row, "lr")) == pytest.approx(s.lr)


def test_legend_follows_a_new_surface_after_the_plot(explorer, qtbot) -> None:
    """The plot of a new surface is painted first; the legend catches up on the next event-loop
    turn and then shows the restarted runs on the new surface (booth, by hand)."""
    explorer.controller.step_once()
    explorer.controller.set_surface_name("booth")
    qtbot.waitUntil(lambda: explorer.legend.value(0, "step") == "0", timeout=2000)
    x, y = explorer.controller.race.active()[0].run.w[0]
    booth = (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2
    assert float(explorer.legend.value(0, "loss")) == pytest.approx(booth, rel=1e-5)
    explorer.controller.step_once()  # a step right after is shown at once, not deferred
    assert explorer.legend.value(0, "step") == "1"


def test_the_hover_readout_goes_with_its_surface(main_window, explorer) -> None:
    explorer.sigCursorReadout.emit("x = 0.4  y = 0.7  f = 140.67")
    assert main_window.readout.text()
    explorer.controller.set_surface_name("rosenbrock")
    assert main_window.readout.text() == ""
