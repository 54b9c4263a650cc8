"""After an edit in a text or number box of the Explorer is committed with Enter, or a choice is
made in a drop-down list, the keyboard goes back to the surface plot, so the window's one-key
shortcuts (Space play/pause, S step, R reset, ...) work again instead of typing into the box, and
the mouse wheel scrolling the panel later cannot change the choice under it (gui/widgets/
wheel_guard: only a focused box takes the wheel; a schedule switched from triangular to cosine
restarts that way). A refused value keeps the focus in its box (marked with its error style) so it
can be corrected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget

_COMMIT = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FocusReturn(QObject):
    """Watches the key presses of every text and number box in ``window`` (those it has when
    this is made: the Explorer builds its boxes once): Enter hands the focus to ``target`` once
    the box has taken the value (its own handler runs first)."""

    def __init__(self, window: QWidget, target: QWidget) -> None:
        super().__init__(window)
        self.window, self.target = window, target
        target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for kind in (QLineEdit, QAbstractSpinBox):
            for box in window.findChildren(kind):
                box.installEventFilter(self)
        for combo in window.findChildren(QComboBox):
            combo.activated.connect(
                lambda _i, b=combo: QTimer.singleShot(0, lambda: self._give_back(b))
            )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _COMMIT
        ):
            QTimer.singleShot(0, lambda: self._give_back(obj))
        return False

    def _give_back(self, box: QObject) -> None:
        # A refused value (the box marks itself with an error style) keeps the focus: fix it.
        refused = isinstance(box, QWidget) and bool(box.styleSheet())
        if self.target.isVisible() and not refused:
            self.target.setFocus(Qt.FocusReason.OtherFocusReason)


def return_focus_after_edits(window: QWidget, target: QWidget) -> FocusReturn:
    return FocusReturn(window, target)
