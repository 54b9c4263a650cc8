"""Gradient check panel: backprop vs centred finite differences per layer, coloured by CS231n's
thresholds (≤ 1e-7 good, > 1e-2 wrong)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from core.network.check import LayerCheck
from gui.i18n.numbers import num
from surfaces.i18n import QT_TRANSLATE_NOOP

VERDICT_COLOUR = {"good": "#d3f9d8", "check": "#fff3bf", "wrong": "#ffc9c9"}


VERDICT_TEXT = {  # core/network/check.py's verdicts as the table shows them
    "good": QT_TRANSLATE_NOOP("NetworkCheckPanel", "good"),
    "check": QT_TRANSLATE_NOOP("NetworkCheckPanel", "check"),
    "wrong": QT_TRANSLATE_NOOP("NetworkCheckPanel", "wrong"),
}


class NetworkCheckPanel(QtWidgets.QWidget):
    """A table of LayerCheck rows; emits sigCheckRequested when the user asks for a check."""

    sigCheckRequested = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = QtWidgets.QPushButton(self.tr("Check gradients"))
        self.run.setToolTip(
            self.tr("compare backprop with (L(w + h) − L(w − h)) / 2h, h = 1e-5, for every weight")
        )
        self.auto = QtWidgets.QCheckBox(self.tr("after every step"))
        self.auto.setChecked(True)
        self.auto.setToolTip(self.tr("run the gradient check again after every training update"))
        self.table = QtWidgets.QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("layer"),
                "‖∂L/∂θ‖",
                self.tr("error W"),
                self.tr("error b"),
                self.tr("worst"),
                self.tr("verdict"),
            ]
        )
        self.table.horizontalHeaderItem(2).setToolTip(
            self.tr("relative error ‖a − n‖ / max(‖a‖, ‖n‖) of W")
        )
        self.table.horizontalHeaderItem(3).setToolTip(
            self.tr("relative error ‖a − n‖ / max(‖a‖, ‖n‖) of b")
        )
        self.table.horizontalHeaderItem(4).setToolTip(
            self.tr(
                "the largest per-weight relative error |a − n| / max(|a|, |n|) in the layer (CS231n);\n"
                "tiny entries of a vanished gradient can show round-off here, so the verdict uses the\n"
                "layer-wide ratio"
            )
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        note = QtWidgets.QLabel(self.tr("relative error ‖a − n‖ / max(‖a‖, ‖n‖):  ≤ 1e-7 good · up to 1e-2 check "
                                "(kinks, round-off) · > 1e-2 wrong"))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color:#495057")
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.run)
        row.addWidget(self.auto)
        row.addStretch(1)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        self.run.clicked.connect(self.sigCheckRequested)

    def set_checks(self, checks: list[LayerCheck]) -> None:
        self.table.setRowCount(len(checks))
        for r, c in enumerate(checks):
            cells = (
                f"W{c.layer}, b{c.layer}",
                num(c.grad_norm, ".3g"),
                num(c.rel_W, ".2e"),
                num(c.rel_b, ".2e"),
                num(c.worst_entry, ".2e"),
                self.tr(VERDICT_TEXT.get(c.verdict, c.verdict)),
            )
            for k, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
                if k >= 2:
                    rels = (c.rel_W, c.rel_b, c.worst_entry)
                    v = c.verdict if k == 5 else _verdict_of(rels[k - 2])
                    item.setBackground(QtGui.QColor(VERDICT_COLOUR[v]))
                self.table.setItem(r, k, item)


def _verdict_of(rel: float) -> str:
    from core.network.check import verdict

    return verdict(rel)
