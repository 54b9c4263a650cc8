"""SurfacePicker: a combo box of every registered surface under its group's heading, then the
user's saved surfaces ("Your surfaces", right-click one to delete it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QMenu, QStyle, QStyleOptionComboBox, QStylePainter

from gui.i18n.terms import surface_text
from surfaces.i18n import QT_TRANSLATE_NOOP
from surfaces.registry import get_surface, grouped


class SurfacePicker(QComboBox):
    """Emits sigSurfaceChosen(name) when the user picks a surface (not when set in code)."""

    sigSurfaceChosen = Signal(str)
    sigDeleteRequested = Signal(str)  # a saved surface's key ("user:<name>")
    USER_GROUP = QT_TRANSLATE_NOOP("SurfacePicker", "Your surfaces")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        model = QStandardItemModel(self)
        bold = QFont()
        bold.setBold(True)
        self._bold = bold
        self._opened: QStandardItem | None = None
        self._opened_head: QStandardItem | None = None
        self._user_rows = 0  # saved surfaces listed (after their heading), before "Opened"
        self.context_menu: QMenu | None = None  # the right-click menu on a saved surface
        for group, names in grouped().items():
            head = QStandardItem(surface_text(group))
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setFont(bold)
            model.appendRow(head)
            for name in names:
                s = get_surface(name)
                item = QStandardItem("    " + (surface_text(s.title) or name))
                item.setData(name, Qt.ItemDataRole.UserRole)
                item.setToolTip(surface_text(s.description))
                model.appendRow(item)
        self.setModel(model)
        self.setMaxVisibleItems(30)
        self.activated.connect(self._on_activated)
        self._registry_rows = model.rowCount()
        self.view().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view().customContextMenuRequested.connect(self._on_view_context_menu)

    def names(self) -> list[str]:
        """The registry's surfaces listed."""
        return [n for i in range(self.count())
                if (n := self.itemData(i)) is not None
                and not n.startswith(("opened:", "user:"))]  # fmt: skip

    def set_user_surfaces(self, rows: list[tuple[str, str, str]]) -> None:
        """List saved surfaces (key, title, tooltip) under "Your surfaces", keeping the current."""
        current = self.currentData()
        model = self.model()
        if self._user_rows:
            model.removeRows(self._registry_rows, self._user_rows + 1)
        self._user_rows = len(rows)
        if rows:
            head = QStandardItem(self.tr(self.USER_GROUP))
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setFont(self._bold)
            items = [head]
            for key, title, tip in rows:
                item = QStandardItem("    " + title)
                item.setData(key, Qt.ItemDataRole.UserRole)
                item.setToolTip(self.tr("{tip}\n(right-click to delete)").format(tip=tip))
                items.append(item)
            for k, item in enumerate(items):
                model.insertRow(self._registry_rows + k, item)
        i = self.findData(current)
        if i >= 0:
            self.blockSignals(True)
            self.setCurrentIndex(i)
            self.blockSignals(False)

    def display_text(self) -> str:
        """What the closed box shows: "Your surfaces › title" for the user's own surfaces."""
        key = self.currentData() or ""
        title = self.currentText().strip()
        own = key.startswith("user:") or (
            key.startswith("opened:") and self._opened_head is not None
            and self._opened_head.text() == self.tr(self.USER_GROUP)
        )  # fmt: skip
        return f"{self.tr(self.USER_GROUP)} › {title}" if own else title

    def shown_text(self, opt: QStyleOptionComboBox | None = None) -> str:
        """display_text elided with "…" to the box's label room (a long typed formula was cut
        mid-word with no sign that it goes on); the whole of it is in the tooltip."""
        if opt is None:
            opt = QStyleOptionComboBox()
            self.initStyleOption(opt)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)  # fmt: skip
        return self.fontMetrics().elidedText(self.display_text(), Qt.TextElideMode.ElideRight,
                                             room.width() - 2)  # fmt: skip

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.shown_text(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def _on_view_context_menu(self, pos) -> None:
        key = self.view().indexAt(pos).data(Qt.ItemDataRole.UserRole)
        if not isinstance(key, str) or not key.startswith("user:"):
            return
        if self.context_menu is not None:
            self.context_menu.deleteLater()
        menu = self.context_menu = QMenu(self.view())
        act = menu.addAction(self.tr("Delete saved surface “{v0}”…").format(v0=key[len("user:") :]))
        act.triggered.connect(lambda: (self.hidePopup(), self.sigDeleteRequested.emit(key)))
        menu.popup(self.view().viewport().mapToGlobal(pos))

    def set_current(self, name: str, title: str = "", group: str = "") -> None:
        """Show the surface in use; one from elsewhere (a network slice, a drawing, a typed
        formula) is listed under "Opened" (or "Your surfaces") as long as it is the current one."""
        i = self.findData(name)
        model = self.model()
        if i < 0:
            if self._opened is None:
                head = QStandardItem(self.tr("Opened"))
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setFont(self._bold)
                self._opened_head = head
                self._opened = QStandardItem()
                self._opened.setFlags(Qt.ItemFlag.ItemIsEnabled)
                model.appendRow(head)
                model.appendRow(self._opened)
            assert self._opened_head is not None
            self._opened_head.setText(
                self.tr(self.USER_GROUP) if group == self.USER_GROUP else self.tr("Opened")
            )
            self._opened.setText("    " + (surface_text(title) or name))
            self._opened.setData(f"opened:{name}", Qt.ItemDataRole.UserRole)
            i = self._opened.row()
        self.blockSignals(True)
        self.setCurrentIndex(i)
        self.blockSignals(False)
        self.setToolTip(self.tr("{v0}\n(choose a loss surface)").format(v0=self.display_text()))

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if name is not None and not name.startswith("opened:"):  # the opened one is in use
            self.sigSurfaceChosen.emit(name)
