"""Draw mode through real mouse events on the plot: a drag digs one Gaussian well at the pressed
point, bumps move, resize and delete, and undo/redo restore the exact surface; runs keep going."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from surfaces.drawn import Bump, DrawnSurface

pytestmark = pytest.mark.gui
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
PTS = np.array([[1.0, -1.0], [1.2, -0.7], [-2.0, 2.0], [3.0, 2.0], [0.0, -4.5]])


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path))


def himmelblau(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def himmelblau_grad(x: float, y: float) -> np.ndarray:
    a, b = x * x + y - 11, x + y * y - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def gauss(b: Bump, x, y):
    return b.height * np.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.width**2))


def pixel(explorer, x: float, y: float) -> QPointF:
    QApplication.processEvents()
    p = explorer.plot.data_to_widget(x, y)
    return QPointF(round(p.x()), round(p.y()))


def send(explorer, kind: QEvent.Type, p: QPointF, button, buttons) -> None:
    vp = explorer.plot.viewport()
    g = QPointF(vp.mapToGlobal(p.toPoint()))
    QApplication.sendEvent(
        vp, QMouseEvent(kind, p, g, button, buttons, Qt.KeyboardModifier.NoModifier)
    )


def drag(explorer, a: QPointF, b: QPointF, steps: int = 6) -> None:
    """Press at a, move to b in steps, release at b (a real drag on the viewport)."""
    send(explorer, QEvent.Type.MouseMove, a, NONE, NONE)
    send(explorer, QEvent.Type.MouseButtonPress, a, LEFT, LEFT)
    for k in range(1, steps + 1):
        send(explorer, QEvent.Type.MouseMove, a + (b - a) * (k / steps), NONE, LEFT)
    send(explorer, QEvent.Type.MouseButtonRelease, b, LEFT, NONE)


def wheel(explorer, p: QPointF, notches: int) -> None:
    vp = explorer.plot.viewport()
    ev = QWheelEvent(p, QPointF(vp.mapToGlobal(p.toPoint())), QPoint(0, 0), QPoint(0, 120 * notches),
                     NONE, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(vp, ev)


def data_at(explorer, p: QPointF) -> tuple[float, float]:
    q = explorer.plot.vb.mapSceneToView(explorer.plot.mapToScene(p.toPoint()))
    return q.x(), q.y()


@pytest.fixture
def drawing(explorer, main_window):
    """Draw mode on (the D key) over Himmelblau, with one well dug at (1, -1)."""
    QTest.keyClick(main_window, Qt.Key.Key_D)
    assert explorer.draw.active
    a = pixel(explorer, 1.0, -1.0)
    drag(explorer, a, a + QPointF(0, 60))
    return explorer.controller.surface


def test_a_drag_digs_one_well_at_the_pressed_point(explorer, drawing) -> None:
    c, tool = explorer.controller, explorer.draw
    starts = c.race.starts.copy()
    assert isinstance(drawing, DrawnSurface) and drawing.base.name == "himmelblau"
    (b,) = drawing.bumps
    cx, cy = data_at(explorer, pixel(explorer, 1.0, -1.0))
    assert (b.x, b.y) == pytest.approx((cx, cy), abs=1e-9)
    px = explorer.plot.vb.viewPixelSize()
    assert abs(b.x - 1.0) <= px[0] and abs(b.y + 1.0) <= px[1]
    assert b.height < 0 and b.width == pytest.approx(tool.brush_width())
    # At the centre the surface drops by exactly the well's depth.
    assert float(drawing.value(np.array([b.x, b.y]))) == pytest.approx(
        himmelblau(b.x, b.y) + b.height, rel=1e-12
    )
    assert tool.stack.count() == 1  # the whole drag is one undo step
    # The press did not restart the runs at the clicked point.
    assert np.array_equal(c.race.starts, starts)
    # The heatmap shows the edited values (kept up to date bump by bump).
    grid = tool.grid
    j, i = np.searchsorted(grid.ys, b.y), np.searchsorted(grid.xs, b.x)
    x, y = grid.xs[i], grid.ys[j]
    assert grid.z[j, i] == pytest.approx(himmelblau(x, y) + float(gauss(b, x, y)), rel=1e-9)


def test_a_longer_drag_digs_deeper_and_hill_mode_raises(explorer, drawing) -> None:
    short = drawing.bumps[0].height
    a = pixel(explorer, -3.0, 3.0)
    drag(explorer, a, a + QPointF(0, 180))
    assert drawing.bumps[1].height < short < 0
    explorer.draw.actions["hill"].setChecked(True)
    drag(explorer, pixel(explorer, 3.0, -3.0), pixel(explorer, 3.0, -3.0) + QPointF(40, 0))
    assert drawing.bumps[2].height > 0
    assert explorer.draw.stack.count() == 3


def test_move_undo_redo_restore_exact_values(explorer, drawing, main_window) -> None:
    tool = explorer.draw
    before = drawing.value(PTS)
    old = drawing.bumps[0]
    drag(explorer, pixel(explorer, old.x, old.y), pixel(explorer, -2.0, 2.0))
    (moved,) = drawing.bumps
    assert (moved.x, moved.y) != (old.x, old.y) and (moved.height, moved.width) == (
        old.height,
        old.width,
    )
    assert abs(moved.x + 2.0) < 0.05 and abs(moved.y - 2.0) < 0.05
    assert tool.stack.count() == 2
    after = drawing.value(PTS)
    QTest.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert drawing.bumps == [old] and np.array_equal(drawing.value(PTS), before)
    QTest.keyClick(main_window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert drawing.bumps == [moved] and np.array_equal(drawing.value(PTS), after)
    # Undo everything: plain Himmelblau again, exactly.
    tool.stack.undo()
    tool.stack.undo()
    assert drawing.bumps == []
    assert np.array_equal(drawing.value(PTS), [himmelblau(x, y) for x, y in PTS])


def test_select_and_delete_then_undo(explorer, drawing, main_window) -> None:
    tool = explorer.draw
    n_runs = len(explorer.controller.racers)
    a = pixel(explorer, -2.5, 2.5)
    drag(explorer, a, a + QPointF(0, 30))
    before = drawing.value(PTS)
    first, second = drawing.bumps
    # A click on the first bump's dot selects it; Del deletes the bump, not a run.
    p = pixel(explorer, first.x, first.y)
    send(explorer, QEvent.Type.MouseButtonPress, p, LEFT, LEFT)
    send(explorer, QEvent.Type.MouseButtonRelease, p, LEFT, NONE)
    assert tool.selected == 0
    QTest.keyClick(main_window, Qt.Key.Key_Delete)
    assert drawing.bumps == [second]
    assert len(explorer.controller.racers) == n_runs
    expected = [himmelblau(x, y) + gauss(second, x, y) for x, y in PTS]
    assert np.allclose(drawing.value(PTS), expected, rtol=1e-13, atol=0)
    tool.stack.undo()  # the deleted bump comes back in its place: exactly the same sums
    assert drawing.bumps[0] == first and np.array_equal(drawing.value(PTS), before)
    tool.stack.redo()
    assert drawing.bumps == [second]


def test_wheel_resizes_the_selected_bump_in_one_step(explorer, drawing) -> None:
    tool = explorer.draw
    b = drawing.bumps[0]
    assert tool.selected == 0
    centre = pixel(explorer, b.x, b.y)
    wheel(explorer, centre, 1)
    wheel(explorer, centre, 1)
    assert drawing.bumps[0].width == pytest.approx(b.width * 1.15**2, rel=1e-12)
    assert tool.stack.count() == 2  # the two notches merged
    tool.stack.undo()
    assert drawing.bumps == [b]
    # Away from the selected bump the wheel changes the brush (and nothing is undoable).
    brush = tool.brush_width()
    wheel(explorer, pixel(explorer, -4.0, -4.0), -1)
    assert tool.brush_width() == pytest.approx(brush / 1.15, rel=1e-12)
    assert tool.stack.count() == 2 and tool.stack.index() == 1


def test_runs_keep_going_on_the_drawn_surface(explorer, drawing, qtbot) -> None:
    c = explorer.controller
    gd = next(s for s in c.racers if s.name == "GD")
    b = drawing.bumps[0]
    x, y = 0.7, -0.6
    c.restart_at(x, y)  # as a click would outside draw mode
    c.step_once()
    e = float(gauss(b, x, y))
    grad = himmelblau_grad(x, y) - e / b.width**2 * np.array([x - b.x, y - b.y])
    expected = np.array([x, y]) - 0.01 * grad  # GD runs at η = 0.01
    assert np.allclose(gd.run.w[0], expected, rtol=0, atol=1e-12)
    c.play()  # and the race keeps playing on the drawing
    t = gd.run.t
    qtbot.waitUntil(lambda: gd.run.t >= t + 3, timeout=3000)
    c.pause()


def test_critical_points_follow_the_drawing(explorer, drawing, qtbot) -> None:
    """A well dug on Himmelblau's maximum turns it into a minimum: once the edits pause the
    search finds it, where the hand-computed gradient (base + well) vanishes."""
    top = (-0.270845, -0.923039)
    a = pixel(explorer, *top)
    drag(explorer, a, a + QPointF(0, 120))
    b = drawing.bumps[1]

    def near() -> list:
        return [p for p in explorer.controller.race.critical
                if p.kind == "minimum" and math.hypot(p.x - b.x, p.y - b.y) < b.width]  # fmt: skip

    qtbot.waitUntil(lambda: bool(near()), timeout=10000)
    (m,) = near()
    grad = himmelblau_grad(m.x, m.y)
    for w in drawing.bumps:  # both wells
        grad -= float(gauss(w, m.x, m.y)) / w.width**2 * np.array([m.x - w.x, m.y - w.y])
    assert np.hypot(*grad) < 1e-6


def test_clicks_restart_runs_again_after_leaving_draw_mode(explorer, drawing, main_window) -> None:
    c = explorer.controller
    QTest.keyClick(main_window, Qt.Key.Key_D)
    assert not explorer.draw.active
    p = pixel(explorer, -1.0, 1.0)
    QTest.mouseMove(explorer.plot.viewport(), p.toPoint())
    QTest.mouseClick(explorer.plot.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, p.toPoint())
    assert c.race.starts[0] == pytest.approx((-1.0, 1.0), abs=0.05)
    assert len(drawing.bumps) == 1


def test_choosing_another_surface_drops_the_drawing_history(explorer, drawing) -> None:
    explorer.controller.set_surface_name("booth")
    assert explorer.draw.stack.count() == 0 and explorer.draw.drawing is None
    a = pixel(explorer, 0.0, 0.0)
    drag(explorer, a, a)
    s = explorer.controller.surface
    assert isinstance(s, DrawnSurface) and s.base.name == "booth" and len(s.bumps) == 1


def test_drawing_keeps_the_zoom(explorer, main_window) -> None:
    vb = explorer.plot.vb
    vb.setRange(xRange=(0.0, 2.0), yRange=(-2.0, 0.0), padding=0)
    zoom = [list(r) for r in vb.viewRange()]  # that region at equal x and y scale
    assert zoom[1] == pytest.approx([-2.0, 0.0]) or zoom[0] == pytest.approx([0.0, 2.0])
    QTest.keyClick(main_window, Qt.Key.Key_D)
    a = pixel(explorer, 1.0, -1.0)
    drag(explorer, a, a + QPointF(0, 40))
    assert len(explorer.controller.surface.bumps) == 1
    (x0, x1), (y0, y1) = vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx((*zoom[0], *zoom[1]), abs=1e-9)
    explorer.controller.set_surface_name("booth")  # another surface: the whole domain again
    (x0, x1), (y0, y1) = vb.viewRange()
    assert [x0, x1] == pytest.approx([-10.0, 10.0]) or [y0, y1] == pytest.approx([-10.0, 10.0])
    assert x0 <= -10 + 1e-9 and x1 >= 10 - 1e-9 and y0 <= -10 + 1e-9 and y1 >= 10 - 1e-9


# --- random gestures ---------------------------------------------------------------------------
_xy = st.floats(-4.5, 4.5)
_op = st.one_of(
    st.tuples(st.just("drag"), _xy, _xy, st.integers(-150, 150), st.integers(-150, 150)),
    st.tuples(st.just("grab"), st.integers(0, 5), st.integers(-80, 80), st.integers(-80, 80)),
    st.tuples(st.just("wheel"), _xy, _xy, st.integers(-3, 3)),
    st.tuples(st.just("select_wheel"), st.integers(0, 5), st.integers(-2, 2)),
    st.sampled_from([("undo",), ("redo",), ("delete",), ("hill",), ("escape",)]),
)


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(_op, min_size=1, max_size=10))
def test_random_gestures_keep_grid_and_history_consistent(explorer, main_window, ops) -> None:
    """Any sequence of drags, grabs, wheels, keys and undo/redo: no exception; undo then redo is
    a no-op after every step; the heatmap grid equals a full recompute; undoing everything gives
    the base exactly, and redoing all returns to the same bumps."""
    c, tool = explorer.controller, explorer.draw
    c.set_surface_name("himmelblau")
    tool.set_active(True)
    for op in ops:
        kind = op[0]
        d = tool.drawing
        if kind == "drag":
            a = pixel(explorer, op[1], op[2])
            drag(explorer, a, a + QPointF(op[3], op[4]), steps=3)
        elif kind in ("grab", "select_wheel") and d is not None and d.bumps:
            b = d.bumps[op[1] % len(d.bumps)]
            a = pixel(explorer, b.x, b.y)
            if kind == "grab":
                drag(explorer, a, a + QPointF(op[2], op[3]), steps=3)
            else:
                drag(explorer, a, a, steps=1)
                wheel(explorer, a, op[2])
        elif kind == "wheel":
            wheel(explorer, pixel(explorer, op[1], op[2]), op[3])
        elif kind == "undo":
            tool.stack.undo()
        elif kind == "redo":
            tool.stack.redo()
        elif kind == "delete":
            QTest.keyClick(main_window, Qt.Key.Key_Backspace)
        elif kind == "hill":
            tool.actions["hill"].toggle()
        elif kind == "escape":
            QTest.keyClick(main_window, Qt.Key.Key_Escape)
        if tool.drawing is not None and tool.stack.canUndo():  # undo then redo changes nothing
            snap = list(tool.drawing.bumps)
            tool.stack.undo()
            tool.stack.redo()
            assert tool.drawing.bumps == snap
    d = tool.drawing
    if d is None:
        return
    assert c.surface is d
    g = tool.grid
    full = d.value(np.stack(np.meshgrid(g.xs, g.ys), axis=-1))
    assert np.allclose(g.z, full, rtol=1e-9, atol=1e-9 * float(np.abs(full).max()))
    final, index = list(d.bumps), tool.stack.index()
    tool.stack.setIndex(0)
    assert d.bumps == []
    assert np.array_equal(d.value(PTS), [himmelblau(x, y) for x, y in PTS])
    tool.stack.setIndex(index)
    assert d.bumps == final
