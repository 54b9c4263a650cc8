"""Draw mode end to end: a real mouse drag on the Explorer's plot (one event per move), each move
editing a bump, refreshing the surface, contours, runs, and painting the plot; and a formula
typed in the box until shown. The critical-point search waits for edits to pause (not timed)."""

from __future__ import annotations

import statistics
import time


def _send(vp, kind, p, button, buttons) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    g = QPointF(vp.mapToGlobal(p.toPoint()))
    ev = QMouseEvent(kind, p, g, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, ev)


def _drag_ms(app, tab, a, b, steps: int) -> list[float]:
    """Press at a, then time each move towards b (event → edited surface painted)."""
    from PySide6.QtCore import QEvent, Qt

    vp = tab.plot.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(vp, QEvent.Type.MouseButtonPress, a, left, left)
    times = []
    for k in range(1, steps + 1):
        t = time.perf_counter()
        _send(vp, QEvent.Type.MouseMove, a + (b - a) * (k / steps), none, left)
        vp.repaint()
        times.append((time.perf_counter() - t) * 1000)
        app.processEvents()
    _send(vp, QEvent.Type.MouseButtonRelease, b, left, none)
    app.processEvents()
    return times


def run() -> dict[str, float]:
    from PySide6.QtCore import QPointF

    from benchmarks.timing import shown_window

    with shown_window(1400, 900, private_data=True) as (app, win):  # not the user's surfaces
        tab = win.explorer
        tab.draw.set_active(True)
        app.processEvents()
        dig, move = [], []
        for i in range(4):  # dig four wells (a deepening drag each), then drag each one around
            a = QPointF(tab.plot.data_to_widget(-3.0 + 2.0 * i, 1.0))
            dig += _drag_ms(app, tab, a, a + QPointF(0, 120), 20)
        for b in list(tab.draw.drawing.bumps):
            a = QPointF(tab.plot.data_to_widget(b.x, b.y))
            move += _drag_ms(app, tab, a, a + QPointF(60, -80), 20)
        undo = []
        for _ in range(8):
            t = time.perf_counter()
            tab.draw.stack.undo()
            tab.plot.viewport().repaint()
            undo.append((time.perf_counter() - t) * 1000)
        tab.draw.set_active(False)
        formula = []
        for k in range(8):
            tab.formula.edit.setText(f"x**2 - y**2 + 0.{k + 1}*sin(3*x)")
            t = time.perf_counter()
            tab.formula.apply()
            tab.plot.viewport().repaint()
            formula.append((time.perf_counter() - t) * 1000)
            tab.controller.wait_for_critical()
            app.processEvents()
    return {
        "draw_dig_move_ms_median": statistics.median(dig),
        "draw_bump_drag_ms_median": statistics.median(move),
        "draw_bump_drag_ms_p90": sorted(move)[int(0.9 * len(move))],
        "draw_undo_ms_median": statistics.median(undo),
        "formula_apply_ms_median": statistics.median(formula),
    }


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:<28} {v:10.3f}")
