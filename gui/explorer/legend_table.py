"""LegendTable: one row per run point with its colour, step, loss, |∇f|, current lr and status."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

COLUMNS = ("", "run", "step", "loss", "|∇f|", "lr", "status")
HEADER_TIPS = ("the run's colour", "run (and start point)", "updates taken",
               "f at the current point", "gradient norm at the current point",
               "learning rate of the next update", "moving, converged (global / local minimum), "
               "stalled at a saddle, or diverged")  # fmt: skip
STATUS_COLOURS = {"diverged": "#c92a2a", "stalled at a saddle": "#b35c00",
                  "converged: global minimum": "#2b8a3e", "converged: local minimum": "#1864ab"}  # fmt: skip


class LegendTable(QTableWidget):
    """Rows are (key, colour, name, step, loss, grad, lr, status); clicking a row selects its run."""

    sigRunClicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        for col, tip in enumerate(HEADER_TIPS):
            self.horizontalHeaderItem(col).setToolTip(tip)
        self.setToolTip("One row per run point: click a row to select its run "
                        "(hover a column title for what it shows)")  # fmt: skip
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

    def _fit_steps(self, rows: list[tuple]) -> None:
        """Widen the step column when the counts get more digits: whole numbers, never cut."""
        digits = max((len(f"{r[3]:d}") for r in rows), default=1)
        if digits != getattr(self, "_digits", 0):
            self._digits = digits
            need = self.fontMetrics().horizontalAdvance("8" * digits) + 14
            if self.columnWidth(2) < need:
                self.setColumnWidth(2, need)

    def set_rows(self, rows: list[tuple[int, str, str, int, float, float, float, str]]) -> None:
        self._keys = [r[0] for r in rows]
        self._fit_steps(rows)
        if self.rowCount() != len(rows):
            self.setRowCount(len(rows))
        for i, (_, colour, name, step, loss, grad, lr, status) in enumerate(rows):
            sw = self._cell(i, 0)
            if sw.background().color() != QColor(colour):
                sw.setBackground(QColor(colour))
            texts = (name, f"{step:d}", f"{loss:.6g}", f"{grad:.3g}", f"{lr:.4g}", status)
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
