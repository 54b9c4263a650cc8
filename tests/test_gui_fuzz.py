"""Random GUI input (hypothesis): clicks, shift-clicks, drags and wheel turns on the plot, the
Explorer's shortcuts, garbage typed into the rate and ε boxes, and every combo box and spin box of
the run and schedule panels, a few hundred events in all. No exception may escape (pytest-qt's
capture of exceptions raised in Qt slots and virtual methods), and afterwards the window must be
consistent: one legend row per enabled run and start point, every number finite unless diverged."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit

pytestmark = pytest.mark.gui

MAX_STARTS = 12  # shift-clicks beyond this restart instead, so a long example stays quick
SHIFT, NONE = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier
KEYS = {
    "Space": (Qt.Key.Key_Space, NONE),
    "Right": (Qt.Key.Key_Right, NONE),
    "S": (Qt.Key.Key_S, NONE),
    "R": (Qt.Key.Key_R, NONE),
    "L": (Qt.Key.Key_L, NONE),
    "F": (Qt.Key.Key_F, NONE),
    "E": (Qt.Key.Key_E, NONE),
    "G": (Qt.Key.Key_G, NONE),
    "V": (Qt.Key.Key_V, NONE),
    "A": (Qt.Key.Key_A, NONE),
    "H": (Qt.Key.Key_H, NONE),
    "Ctrl+N": (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
    "Ctrl+D": (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier),
    "Delete": (Qt.Key.Key_Delete, NONE),
}
# Typed rates near the float maximum are refused by the lr box (they used to overflow the side
# plots' auto-range): test_huge_learning_rate_does_not_break_the_side_plots.
TEXT = st.one_of(
    st.floats(-1e6, 1e6).map(repr),
    st.sampled_from(["1e7", "1.7976931348623157e+308"]),
    st.floats(1e-6, 5.0).map(lambda v: f"{v:.3g}"),
    st.text(max_size=8),
    st.sampled_from(["", "nan", "inf", "-inf", "-1", "0", " 0.5 ", "1e-400", "0x10", "1_0"]),
)
FRACTION = st.floats(-0.2, 1.2)  # of the domain: mostly inside, sometimes beyond the edge
EVENTS = st.one_of(
    st.tuples(st.just("click"), FRACTION, FRACTION, st.booleans()),
    st.tuples(st.just("drag"), FRACTION, FRACTION, FRACTION, FRACTION),
    st.tuples(st.just("wheel"), FRACTION, FRACTION, st.sampled_from([-240, -120, 120, 240])),
    st.tuples(st.just("key"), st.sampled_from(sorted(KEYS))),
    st.tuples(st.just("key"), st.sampled_from(["Space", "Right", "S", "R", "Ctrl+N", "Delete"])),
    st.tuples(st.just("text"), st.sampled_from(["lr", "eps"]), TEXT),
    st.tuples(st.just("combo"), st.sampled_from(["rule", "convention", "estimate", "mode"]),
              st.integers(0, 40)),
    st.tuples(st.just("spin"), st.sampled_from(["batch", "sigma", "momentum", "step_size", "gamma",
                                                "steps_per_tick"]), st.floats(-5, 2000)),
    st.tuples(st.just("surface"), st.integers(0, 40)),
    st.tuples(st.just("toggle_run"), st.integers(0, 20)),
    st.tuples(st.just("play"), st.integers(1, 4)),
)  # fmt: skip


class Driver:
    """Turns drawn events into real input on one main window."""

    def __init__(self, win, qtbot) -> None:
        self.win, self.tab, self.qtbot = win, win.explorer, qtbot
        self.vp = self.tab.plot.viewport()

    def point(self, fx: float, fy: float) -> QPointF:
        x0, x1, y0, y1 = self.tab.controller.surface.domain
        return QPointF(self.tab.plot.data_to_widget(x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)))

    def mouse(self, kind, p: QPointF, buttons, mods=NONE) -> None:
        g = QPointF(self.vp.mapToGlobal(p.toPoint()))
        ev = QMouseEvent(kind, p, g, Qt.MouseButton.LeftButton, buttons, mods)
        QApplication.sendEvent(self.vp, ev)

    def run(self, event: tuple) -> None:
        getattr(self, "_" + event[0])(*event[1:])
        QApplication.processEvents()

    def _click(self, fx: float, fy: float, shift: bool) -> None:
        shift = shift and len(self.tab.controller.race.starts) < MAX_STARTS
        p = self.point(fx, fy).toPoint()
        QTest.mouseMove(self.vp, p)
        QTest.mouseClick(self.vp, Qt.MouseButton.LeftButton, SHIFT if shift else NONE, p)

    def _drag(self, fx: float, fy: float, gx: float, gy: float) -> None:
        a, b = self.point(fx, fy), self.point(gx, gy)
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        self.mouse(QEvent.Type.MouseMove, a, none)
        self.mouse(QEvent.Type.MouseButtonPress, a, left)
        for k in (1, 2, 3):
            self.mouse(QEvent.Type.MouseMove, a + (b - a) * (k / 3), left)
        self.mouse(QEvent.Type.MouseButtonRelease, b, none)

    def _wheel(self, fx: float, fy: float, delta: int) -> None:
        from PySide6.QtGui import QWheelEvent

        p = self.point(fx, fy)
        g = QPointF(self.vp.mapToGlobal(p.toPoint()))
        ev = QWheelEvent(p, g, QPoint(0, 0), QPoint(0, delta), Qt.MouseButton.NoButton, NONE,
                         Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(self.vp, ev)

    def _key(self, name: str) -> None:
        key, mods = KEYS[name]
        if not self.win.isActiveWindow():  # shortcuts act in the active window (a dialog was)
            self.win.activateWindow()
            self.qtbot.waitUntil(self.win.isActiveWindow, timeout=2000)
        self.tab.plot.setFocus()  # as if the user clicked the plot: not typing into a box
        before, runs = self._state(), len(self.tab.controller.racers)
        QTest.keyClick(self.win, key, mods)
        if name == "Ctrl+N" and not self._typing():
            assert len(self.tab.controller.racers) == runs + 1
        if name == "E":
            dialog = self.tab.explain_dialog
            assert dialog is not None and dialog.isVisible()
            dialog.close()
        elif name in ("Right", "S") and not self._typing():
            moving = [d for _, d in before if not d]  # runs that have not wholly diverged
            if moving:
                assert self._state() != before  # the shortcut reached the window: a step was made

    @staticmethod
    def _typing() -> bool:
        """A text or spin box has the focus: it rightly takes → and S as editing keys."""
        return isinstance(QApplication.focusWidget(), (QLineEdit, QAbstractSpinBox, QComboBox))

    def _state(self) -> tuple:
        race = self.tab.controller.race
        return tuple((s.run.t, s.run.diverged.all()) for s in race.active() if s.run is not None)

    def _text(self, which: str, text: str) -> None:
        hyper = self.tab.runs.hyper
        box = hyper.lr.box if which == "lr" else hyper.eps
        box.setFocus()
        box.selectAll()
        box.setText(text)
        QTest.keyClick(box, Qt.Key.Key_Return)

    def _combo(self, which: str, index: int) -> None:
        panel = self.tab.schedule if which == "mode" else self.tab.runs
        combo = getattr(panel, which)
        if combo.count():
            i = index % combo.count()
            combo.setCurrentIndex(i)
            combo.activated.emit(i)  # as when the user picks the item

    def _spin(self, which: str, value: float) -> None:
        tab = self.tab
        box = {"batch": tab.runs.batch, "sigma": tab.runs.sigma,
               "momentum": tab.runs.hyper.spins.get("momentum"), "steps_per_tick":
               tab.steps_per_tick}.get(which) or tab.schedule.widgets[which]  # fmt: skip
        box.setValue(type(box.value())(value) if isinstance(box.value(), int) else value)

    def _surface(self, index: int) -> None:
        picker = self.tab.picker
        i = index % picker.count()
        picker.setCurrentIndex(i)
        picker.activated.emit(i)

    def _toggle_run(self, index: int) -> None:
        lst = self.tab.runs.list
        if lst.count():
            item = lst.item(index % lst.count())
            on = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)

    def _play(self, ticks: int) -> None:
        c = self.tab.controller
        self.tab.actions["play"].trigger()
        for _ in range(ticks if c.playing else 0):  # let the timer tick that many times
            with self.qtbot.waitSignal(c.sigStepped, timeout=3000):
                pass
        if c.playing and ticks % 2:
            self.tab.actions["play"].trigger()


def check_consistent(tab) -> None:
    """The legend shows every enabled run at every start, with finite numbers (or 'diverged')."""
    tab.controller.pause()
    tab._refresh_slow()
    race = tab.controller.race
    active = race.active()
    assert all(s.run.n_points == len(race.starts) for s in active)
    rows, _ = race.readouts()
    assert tab.legend.rowCount() == len(active) * len(race.starts) == len(rows)
    for _key, _colour, _name, step, loss, grad, lr, status in rows:
        assert step >= 0 and math.isfinite(lr) and lr >= 0
        assert status == "diverged" or (math.isfinite(loss) and math.isfinite(grad)), status
    for s in active:
        assert math.isfinite(s.config.schedule.at(s.run.t)) and s.config.hyper is s.run.hyper


# No shrinking: with a real window it takes minutes; the failing event list is printed whole.
@pytest.mark.slow
@settings(max_examples=5, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(events=st.lists(EVENTS, min_size=40, max_size=80))
def test_random_input_never_raises(main_window, qtbot, events) -> None:
    main_window.activateWindow()
    main_window.explorer.plot.setFocus()
    driver = Driver(main_window, qtbot)
    with qtbot.captureExceptions() as errors:
        for event in events:
            driver.run(event)
        main_window.explorer.controller.wait_for_critical()
        QApplication.processEvents()
    assert not errors, "".join(str(e[1]) for e in errors)
    check_consistent(main_window.explorer)


def test_huge_learning_rate_does_not_break_the_side_plots(main_window, qtbot) -> None:
    driver = Driver(main_window, qtbot)
    lr_widget = main_window.explorer.runs.hyper.lr
    before = lr_widget.value()
    with qtbot.captureExceptions() as errors:
        driver.run(("text", "lr", "1.7976931348623157e+308"))
        assert lr_widget.value() == before  # refused, and the box says why
        assert "from 0 to" in lr_widget.box.toolTip()
        for _ in range(3):
            driver.run(("key", "S"))
        main_window.explorer._refresh_slow()
        main_window.explorer.side.repaint()
        QApplication.processEvents()
    assert not errors, "".join(str(e[1]) for e in errors)
