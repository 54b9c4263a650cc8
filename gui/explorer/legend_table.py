"""LegendTable: one row per run point with its colour, step, loss, |∇f|, current lr and status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gui.i18n.numbers import num
from surfaces.i18n import QT_TRANSLATE_NOOP

COLUMNS = ("", QT_TRANSLATE_NOOP("LegendTable", "run"), QT_TRANSLATE_NOOP("LegendTable", "step"),
           QT_TRANSLATE_NOOP("LegendTable", "loss"), "|∇f|", QT_TRANSLATE_NOOP("LegendTable", "lr"),
           QT_TRANSLATE_NOOP("LegendTable", "status"))  # fmt: skip
HEADER_TIPS = (QT_TRANSLATE_NOOP("LegendTable", "the run's colour"), QT_TRANSLATE_NOOP("LegendTable", "run (and start point)"), QT_TRANSLATE_NOOP("LegendTable", "updates taken"),
               QT_TRANSLATE_NOOP("LegendTable", "f at the current point"), QT_TRANSLATE_NOOP("LegendTable", "gradient norm at the current point"),
               QT_TRANSLATE_NOOP("LegendTable", "learning rate of the next update"), QT_TRANSLATE_NOOP("LegendTable", "moving, converged (global / local minimum), "
               "stalled at a saddle, or diverged"))  # fmt: skip
STATUS_COLOURS = {"diverged": "#c92a2a", "stalled at a saddle": "#b35c00",
                  "converged: global minimum": "#2b8a3e", "converged: local minimum": "#1864ab"}  # fmt: skip


class LegendTable(QTableWidget):
    """Rows are (key, colour, name, step, loss, grad, lr, status); clicking a row selects its run."""

    sigRunClicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        for col, tip in enumerate(HEADER_TIPS):
            self.horizontalHeaderItem(col).setToolTip(self.tr(tip))
        self.setToolTip(self.tr("One row per run point: click a row to select its run "
                        "(hover a column title for what it shows)"))  # fmt: skip
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        h = self.horizontalHeader()
        # Fixed widths: resize-to-contents would re-measure every cell on every refresh.
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Only the status column takes the spare width: run names are short, statuses long.
        h.setStretchLastSection(True)
        h.setMinimumSectionSize(16)
        for col, width in enumerate((16, 110, 52, 108, 72, 60, 200)):
            self.setColumnWidth(col, width)
        self.verticalHeader().setDefaultSectionSize(22)
        self._keys: list[int] = []
        self.cellClicked.connect(lambda row, _col: self.sigRunClicked.emit(self._keys[row]))

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            if col >= 2 and col <= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, col, item)
        return item

    def set_rows(self, rows: list[tuple[int, str, str, int, float, float, float, str]]) -> None:
        self._keys = [r[0] for r in rows]
        if self.rowCount() != len(rows):
            self.setRowCount(len(rows))
        for i, (_, colour, name, step, loss, grad, lr, status) in enumerate(rows):
            sw = self._cell(i, 0)
            if sw.background().color() != QColor(colour):
                sw.setBackground(QColor(colour))
            shown = QCoreApplication.translate("Status", status)
            texts = (name, f"{step:d}", num(loss, ".6g"), num(grad, ".3g"), num(lr, ".4g"), shown)
            for col, text in enumerate(texts, start=1):
                cell = self._cell(i, col)
                if cell.text() != text:
                    cell.setText(text)
            st = self._cell(i, 6)
            st.setForeground(QColor(STATUS_COLOURS.get(status, "#1d2330")))

    def value(self, row: int, column: str) -> str:
        """Displayed text of a cell by column title (for tests and copy)."""
        item = self.item(row, COLUMNS.index(column))
        return item.text() if item is not None else ""
