"""After typing a value and Enter, the window's one-key shortcuts work again: Space plays and
pauses the race instead of going into the box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _type_and_enter(qtbot, box, text: str) -> None:
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=2000)
    box.selectAll()
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return)


def test_space_plays_after_a_learning_rate_is_typed(main_window, explorer, qtbot):
    box = explorer.runs.hyper.lr.box
    _type_and_enter(qtbot, box, "0.02")
    c = explorer.controller
    assert c.selected.config.schedule.lr == pytest.approx(0.02)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not box, timeout=2000)
    assert not c.playing
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert c.playing and box.text().strip() == "0.02"  # Space went to the window, not the box
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert not c.playing


def test_space_plays_after_a_number_box_is_committed(main_window, explorer, qtbot):
    spin = explorer.steps_per_tick
    _type_and_enter(qtbot, spin, "5")
    assert explorer.controller.race.speed[0] == 5
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not spin, timeout=2000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert explorer.controller.playing
    explorer.controller.pause()


def test_a_refused_value_keeps_the_focus_to_be_corrected(main_window, explorer, qtbot):
    box = explorer.runs.hyper.lr.box
    _type_and_enter(qtbot, box, "abc")
    qtbot.wait(50)
    assert QApplication.focusWidget() is box and "from 0 to" in box.toolTip()


def test_a_choice_made_leaves_the_drop_down_to_the_wheel_of_the_panel(main_window, explorer, qtbot):
    """Scrolling the panel after choosing a schedule switched it to another (the box kept the
    focus, and a focused box takes the wheel)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    combo = explorer.schedule.mode
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=2000)
    i = combo.findData("triangular")
    combo.setCurrentIndex(i)
    combo.activated.emit(i)  # what choosing it in the list does
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not combo, timeout=2000)
    assert explorer.controller.selected.config.schedule.mode == "triangular"
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(centre, QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(combo, wheel)
    assert combo.currentData() == "triangular"
    assert explorer.controller.selected.config.schedule.mode == "triangular"
