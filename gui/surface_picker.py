"""SurfacePicker: a combo box of every registered surface under its group's heading."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from surfaces.registry import get_surface, grouped


class SurfacePicker(QComboBox):
    """Emits sigSurfaceChosen(name) when the user picks a surface (not when set in code)."""

    sigSurfaceChosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        model = QStandardItemModel(self)
        bold = QFont()
        bold.setBold(True)
        for group, names in grouped().items():
            head = QStandardItem(group)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setFont(bold)
            model.appendRow(head)
            for name in names:
                s = get_surface(name)
                item = QStandardItem("    " + (s.title or name))
                item.setData(name, Qt.ItemDataRole.UserRole)
                item.setToolTip(s.description)
                model.appendRow(item)
        self.setModel(model)
        self.setMaxVisibleItems(30)
        self.activated.connect(self._on_activated)

    def names(self) -> list[str]:
        return [n for i in range(self.count()) if (n := self.itemData(i)) is not None]

    def set_current(self, name: str) -> None:
        i = self.findData(name)
        if i >= 0:
            self.blockSignals(True)
            self.setCurrentIndex(i)
            self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if name is not None:
            self.sigSurfaceChosen.emit(name)
