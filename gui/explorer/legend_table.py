"""LegendTable: one row per run point with its colour, step, loss, |∇f|, current lr and status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
)

from gui.explorer.legend_columns import fit_columns
from gui.explorer.start_styles import LINE_ICON, line_icon, start_numbers
from gui.i18n.numbers import num
from surfaces.i18n import QT_TRANSLATE_NOOP

COLUMNS = ("", QT_TRANSLATE_NOOP("LegendTable", "run"), QT_TRANSLATE_NOOP("LegendTable", "step"),
           QT_TRANSLATE_NOOP("LegendTable", "loss"), "|∇f|", QT_TRANSLATE_NOOP("LegendTable", "lr"),
           QT_TRANSLATE_NOOP("LegendTable", "status"))  # fmt: skip
HEADER_TIPS = (QT_TRANSLATE_NOOP("LegendTable", "the run's colour"), QT_TRANSLATE_NOOP("LegendTable", "run (and start point)"), QT_TRANSLATE_NOOP("LegendTable", "updates taken"),
               QT_TRANSLATE_NOOP("LegendTable", "f at the current point"), QT_TRANSLATE_NOOP("LegendTable", "gradient norm at the current point"),
               QT_TRANSLATE_NOOP("LegendTable", "learning rate of the next update"), QT_TRANSLATE_NOOP("LegendTable", "moving, converged (global / local minimum), "
               "stalled at a saddle, or diverged"))  # fmt: skip
_LOOK_ROLE = Qt.ItemDataRole.UserRole + 1  # (colour, start) of the name cell's line sample
STATUS_COLOURS = {"diverged": "#c92a2a", "stalled at a saddle": "#b35c00",
                  "converged: global minimum": "#2b8a3e", "converged: local minimum": "#1864ab"}  # fmt: skip


TEXT_MARGIN = (
    3  # px the item view's style keeps either side of a cell's text (QStyle's focus margin)
)


class _Elide(QStyledItemDelegate):
    """Cuts a column's text where it says least: a run name in the middle ("Adam · s…t 2" keeps
    which start), a status at its start ("…global minimum" keeps which minimum)."""

    def __init__(self, mode: Qt.TextElideMode, parent: QTableWidget) -> None:
        super().__init__(parent)
        self.mode = mode

    def shown(self, option: QStyleOptionViewItem, index) -> QStyleOptionViewItem:
        """The cell as painted: its text cut here, not by the style (given ElideLeft, the style
        cut both ends: "…verged: global …")."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        room = opt.rect.width() - 2 * (TEXT_MARGIN + 1)
        opt.text = opt.fontMetrics.elidedText(opt.text, self.mode, room)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        return opt

    def paint(self, painter, option, index) -> None:
        opt = self.shown(option, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


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
        # Widths follow the content (legend_columns.fit_columns), measured once per refresh.
        h.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h.setStretchLastSection(False)
        h.setMinimumSectionSize(16)
        # Numbers are never cut (legend_columns): a table too narrow for them scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setItemDelegateForColumn(1, _Elide(Qt.TextElideMode.ElideMiddle, self))
        self.setItemDelegateForColumn(6, _Elide(Qt.TextElideMode.ElideLeft, self))
        self._wanted: list[int] = [0] * len(COLUMNS)
        self._names: list[str] = []
        self.verticalHeader().setDefaultSectionSize(22)
        self.setIconSize(QSize(*LINE_ICON))  # the start's line sample at full length
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
            self._step_need = self.fontMetrics().horizontalAdvance("8" * digits) + 14
            if self.columnWidth(2) < self._step_need:
                self.setColumnWidth(2, self._step_need)

    def set_rows(self, rows: list[tuple[int, str, str, int, float, float, float, str]]) -> None:
        self._keys = [r[0] for r in rows]
        self._fit_steps(rows)
        if self.rowCount() != len(rows):
            self.setRowCount(len(rows))
        for i, (_, colour, name, step, loss, grad, lr, status) in enumerate(rows):
            sw = self._cell(i, 0)
            if sw.background().color() != QColor(colour):
                sw.setBackground(QColor(colour))
            shown = QCoreApplication.translate("Status", status)
            texts = (name, f"{step:d}", num(loss, ".6g"), num(grad, ".3g"), num(lr, ".4g"), shown)
            tips = (name, f"{step:d}", num(loss, ".12g"), num(grad, ".12g"), num(lr, ".12g"), shown)
            for col, (text, tip) in enumerate(zip(texts, tips, strict=True), start=1):
                cell = self._cell(i, col)
                if cell.text() != text:
                    cell.setText(text)
                    cell.setToolTip(f"{self.tr(COLUMNS[col])}: {tip}")
            st = self._cell(i, 6)
            st.setForeground(QColor(STATUS_COLOURS.get(status, "#1d2330")))
        self._show_starts(rows)
        names = [r[2] for r in rows]
        if names != self._names:  # other runs: numbers may be narrower now
            self._names, self._wanted = names, [0] * len(COLUMNS)
        self.fit_columns()

    def _show_starts(self, rows: list[tuple]) -> None:
        """Rows of a run with several starts get the start's line sample (its dash, as on the
        plot) before the name; a run with one start shows none."""
        keys = [r[0] for r in rows]
        for i, (k, row) in enumerate(zip(start_numbers(keys), rows, strict=True)):
            several = keys.count(row[0]) > 1
            look = (row[1], k) if several else None
            cell = self._cell(i, 1)
            if cell.data(_LOOK_ROLE) != look:
                cell.setData(_LOOK_ROLE, look)
                cell.setIcon(line_icon(row[1], k) if several else QIcon())

    def fit_columns(self) -> None:
        """Every column as wide as its widest cell and title (numbers never shrink back during a
        race, so columns do not jitter), within the table's width (legend_columns)."""
        h = self.horizontalHeader()
        wanted = [max(self.sizeHintForColumn(c), h.sectionSizeHint(c), old)
                  for c, old in enumerate(self._wanted)]  # fmt: skip
        wanted[2] = max(wanted[2], getattr(self, "_step_need", 0))  # whole counts, with margins
        self._wanted = wanted
        for col, width in enumerate(fit_columns(wanted, self.viewport().width())):
            if self.columnWidth(col) != width:
                self.setColumnWidth(col, width)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._wanted = [0] * len(COLUMNS)  # presentation fonts and back: measure afresh
            self.fit_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def value(self, row: int, column: str) -> str:
        """Displayed text of a cell by column title (for tests and copy)."""
        item = self.item(row, COLUMNS.index(column))
        return item.text() if item is not None else ""
