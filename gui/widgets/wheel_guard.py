"""WheelGuard: in a scrolling side panel, the mouse wheel scrolls the panel; a combo box, spin box
or slider under the cursor changes its value by wheel only once it has the keyboard focus (clicked or
tabbed to). Without it, scrolling the Explorer's panel silently switched runs to another rule or
convention as the boxes passed under the cursor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QScrollArea, QWidget


class WheelGuard(QObject):
    """Event filter for the value widgets inside one scroll area."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.guarded: list[QWidget] = []
        for kind in (QComboBox, QAbstractSpinBox, QAbstractSlider):
            for w in area.widget().findChildren(kind):
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not focus it
                w.installEventFilter(self)
                self.guarded.append(w)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget)
        if wheel and not watched.hasFocus():
            # Give the wheel to the panel instead: it scrolls, the value stays.
            bar = self.area.verticalScrollBar()
            steps = event.angleDelta().y() / 120
            bar.setValue(bar.value() - round(steps * bar.singleStep() * 3))
            return True
        return False


def guard_scroll_areas(root: QWidget) -> list[WheelGuard]:
    """A WheelGuard on every scroll area under `root` (the Explorer's side panel, ...)."""
    return [WheelGuard(a) for a in root.findChildren(QScrollArea) if a.widget() is not None]
