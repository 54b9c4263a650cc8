"""DrawPanel: the row of drawing buttons in the Surface group (draw mode, hill/well, undo, redo,
save as preset) and a one-line hint shown while draw mode is on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from surfaces.i18n import QT_TRANSLATE_NOOP

HINT = QT_TRANSLATE_NOOP("DrawPanel", "drag: {} · wheel: brush · drag a dot: move · Del: delete")
DIG, RAISE = (
    QT_TRANSLATE_NOOP("DrawPanel", "dig a well (longer = deeper)"),
    QT_TRANSLATE_NOOP("DrawPanel", "raise a hill (longer = higher)"),
)


class DrawPanel(QWidget):
    """Tool buttons bound to the given actions (their tooltips explain the gestures)."""

    def __init__(self, actions: dict[str, QAction], save: QAction,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        self.buttons: dict[str, QToolButton] = {}
        for name, text in (("draw", self.tr("✎ Draw")), ("hill", ""), ("undo", "↶"), ("redo", "↷")):
            b = QToolButton()
            b.setDefaultAction(actions[name])
            if text:
                b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(b)
            self.buttons[name] = b
        self.buttons["draw"].setMinimumWidth(64)
        actions["hill"].setText(self.tr("Well"))
        row.addStretch(1)
        save_button = QToolButton()
        save_button.setDefaultAction(save)
        save_button.setText(self.tr("Save…"))
        row.addWidget(save_button)
        self.buttons["save"] = save_button
        self.hint = QLabel(self.tr(HINT).format(self.tr(DIG)))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#8fbcbb;")
        self.hint.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.hint)
        actions["draw"].toggled.connect(self.hint.setVisible)
        actions["hill"].toggled.connect(
            lambda on: self.hint.setText(self.tr(HINT).format(self.tr(RAISE if on else DIG)))
        )
        # A button's text follows its action; keep the short labels chosen above.
        actions["draw"].changed.connect(lambda: self.buttons["draw"].setText(self.tr("✎ Draw")))
        actions["undo"].changed.connect(lambda: self.buttons["undo"].setText("↶"))
        actions["redo"].changed.connect(lambda: self.buttons["redo"].setText("↷"))
        save.changed.connect(lambda: save_button.setText(self.tr("Save…")))
