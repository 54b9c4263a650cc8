"""NumberBox: a line edit for one number that is always wide enough to show it whole (a fixed
46-px box showed Rastrigin's "-5.12" as "5.12", its minus sign scrolled away), with the full
value in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QStyle, QStyleOptionFrame, QWidget

MIN_CHARS = 4  # room for "-5.1" even in an empty box
QT_MARGIN = 2  # QLineEdit's own horizontal margin either side of the text
CURSOR = 2


class NumberBox(QLineEdit):
    """A QLineEdit sized to its text; ``what`` names the value in the tooltip."""

    def __init__(self, text: str = "", what: str = "", hint: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(text, parent)
        self.what, self.hint = what, hint
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_text_changed)
        self._on_text_changed(text)

    def needed_width(self, text: str | None = None) -> int:
        """Pixels the box needs to show ``text`` (default: its own) without scrolling."""
        fm = self.fontMetrics()
        t = self.text() if text is None else text
        inner = max(fm.horizontalAdvance(t), fm.horizontalAdvance("0") * MIN_CHARS)
        m = self.textMargins()
        w = inner + 2 * QT_MARGIN + CURSOR + m.left() + m.right()
        opt = QStyleOptionFrame()
        self.initStyleOption(opt)
        size = QSize(w, fm.height())
        return (
            self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, opt, size, self).width()
        )

    def sizeHint(self) -> QSize:
        return QSize(self.needed_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.needed_width(), super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setCursorPosition(0)  # the start of the number (its sign) in view

    def _on_text_changed(self, text: str) -> None:
        tip = f"{self.what}: {text}" if self.what else text
        self.setToolTip(f"{tip}\n{self.hint}" if self.hint else tip)
        self.updateGeometry()
