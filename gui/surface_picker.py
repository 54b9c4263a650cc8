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
        self._bold = bold
        self._opened: QStandardItem | None = None
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
        """The registry's surfaces listed."""
        return [n for i in range(self.count())
                if (n := self.itemData(i)) is not None and not n.startswith("opened:")]  # fmt: skip

    def set_current(self, name: str, title: str = "") -> None:
        """Show the surface in use; one from elsewhere (a network slice, a drawing) is listed
        under "Opened" as long as it is the current one."""
        i = self.findData(name)
        model = self.model()
        if i < 0:
            if self._opened is None:
                head = QStandardItem("Opened")
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setFont(self._bold)
                self._opened = QStandardItem()
                self._opened.setFlags(Qt.ItemFlag.ItemIsEnabled)
                model.appendRow(head)  # type: ignore[attr-defined]
                model.appendRow(self._opened)  # type: ignore[attr-defined]
            self._opened.setText("    " + (title or name))
            self._opened.setData(f"opened:{name}", Qt.ItemDataRole.UserRole)
            i = self._opened.row()
        self.blockSignals(True)
        self.setCurrentIndex(i)
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if name is not None and not name.startswith("opened:"):  # the opened one is in use
            self.sigSurfaceChosen.emit(name)
