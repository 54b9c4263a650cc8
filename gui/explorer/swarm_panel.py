"""SwarmPanel: the Swarm mode's controls (how many particles, a grid over the view or a cloud at a
click and its size, colour by racer or by minimum, fading tails) and its live table: per racer the
share of particles at each minimum, elsewhere, diverged and still moving. Widgets only: the mode
(gui.explorer.swarm_mode) reads the controls and hands the table its numbers."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.analysis.basin_image import DIVERGED_COLOUR, KIND_COLOURS, PALETTE
from core.race.swarm import SwarmShare
from gui.i18n.numbers import num
from surfaces.i18n import QT_TRANSLATE_NOOP

COUNTS = (1024, 4096, 16_384, 65_536)
DEFAULT_COUNT = 16_384
HELP = (QT_TRANSLATE_NOOP("SwarmPanel", "<b>Click</b> the surface: drop a cloud there (<b>Ctrl+wheel</b> sizes it). "
        "Space plays, → steps, R puts every particle back. W leaves."))  # fmt: skip


def _hex(rgb) -> str:
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _swatch(colour: str) -> str:
    return (f"<span style='background:{colour};color:{colour};border:1px solid #6b7280;'>"
            "&nbsp;&nbsp;&nbsp;</span>")  # fmt: skip


def _pct(v: float) -> str:
    if v <= 0:
        return "<span style='color:#9aa3b2'>–</span>"
    return f"{num(100 * v, '.1f')} %" if v >= 0.001 else f"&lt;{num(0.1, '.1f')} %"


class SwarmPanel(QWidget):
    """Controls and table; ``sigDropGrid`` asks for a grid over the view, ``sigStyleChanged`` for
    a redraw (colours or tails), ``sigCountChanged`` for a new swarm of that many particles."""

    sigDropGrid = Signal()
    sigCountChanged = Signal(int)
    sigStyleChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = QComboBox()
        for n in COUNTS:
            self.count.addItem(self.tr("{n:,} particles").format(n=n), n)
        self.count.setCurrentIndex(COUNTS.index(DEFAULT_COUNT))
        self.count.setToolTip(
            self.tr("How many start points the next swarm has (every racer moves all)")
        )
        self.grid_button = QPushButton(self.tr("Drop a grid over the view"))
        self.grid_button.setToolTip(self.tr("Start a particle at the centre of every cell of a grid "
                                    "over the visible area (as a basin map's starts)"))  # fmt: skip
        self.radius = QDoubleSpinBox()
        self.radius.setDecimals(3)
        self.radius.setRange(1e-3, 1e6)
        self.radius.setToolTip(
            self.tr("Radius of the cloud a click drops (Ctrl+wheel over the plot)")
        )
        self.colour_by = QComboBox()
        self.colour_by.addItem(self.tr("its racer's colour"), "racer")
        self.colour_by.addItem(self.tr("the minimum it heads to"), "attractor")
        self.colour_by.setToolTip(self.tr("Colour each particle by the racer moving it, or by the "
                                  "nearest minimum (the basin map's colours)"))  # fmt: skip
        self.tail = QCheckBox(self.tr("fading tails"))
        self.tail.setChecked(True)
        self.tail.setToolTip(self.tr("Leave a short fading trace behind each particle"))
        self.help = QLabel(self.tr(HELP))
        self.help.setWordWrap(True)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.table = QLabel()
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setWordWrap(True)
        self.note = QLabel(self.tr("Shares: where each racer's particles stand now, judged as a basin "
                           "map judges end points (within 2 % of the view's size of a critical "
                           "point and barely moving)."))  # fmt: skip
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#6b7280;")
        form = QFormLayout()
        form.addRow(self.tr("size"), self.count)
        form.addRow(self.tr("cloud radius"), self.radius)
        form.addRow(self.tr("colour by"), self.colour_by)
        form.addRow("", self.tail)
        lay = QVBoxLayout(self)
        lay.addWidget(self.help)
        lay.addLayout(form)
        lay.addWidget(self.grid_button)
        lay.addWidget(self.header)
        lay.addWidget(self.table)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.grid_button.clicked.connect(self.sigDropGrid)
        self.count.currentIndexChanged.connect(lambda _i: self.sigCountChanged.emit(self.n))
        self.colour_by.currentIndexChanged.connect(lambda _i: self.sigStyleChanged.emit())
        self.tail.toggled.connect(lambda _on: self.sigStyleChanged.emit())

    @property
    def n(self) -> int:
        return int(self.count.currentData())

    @property
    def colour_mode(self) -> str:
        return str(self.colour_by.currentData())

    def show_shares(self, title: str, shares: list[SwarmShare], rows: list[np.ndarray],
                    minima: np.ndarray) -> None:  # fmt: skip
        """The table: a column per racer; a row per minimum (in the minima's palette colours),
        then elsewhere, diverged and still moving. ``rows[i]`` is racer i's fractions by minimum
        (core.race.swarm.by_minimum)."""
        self.header.setText(title)
        if not shares:
            self.table.setText(self.tr("<i>No racer is enabled: tick one in Runs.</i>"))
            return
        head = "".join(f"<th align='right'>&nbsp;<span style='color:{s.colour}'>■</span> "
                       f"{s.name}</th>" for s in shares)  # fmt: skip
        at = self.tr("minimum at")
        lines = [f"<tr><th align='left'>{at}</th>{head}</tr>"]

        def line(swatch: str, label: str, values: list[float]) -> None:
            cells = "".join(f"<td align='right'>&nbsp;{_pct(v)}</td>" for v in values)
            lines.append(f"<tr><td>{swatch}&nbsp;{label}</td>{cells}</tr>")

        k = len(minima)
        for j in range(k):
            x, y = minima[j]
            colour = _hex(PALETTE[j % len(PALETTE)])
            where = self.tr("({x}, {y})").format(x=num(x, ".3g"), y=num(y, ".3g"))
            line(_swatch(colour), where, [float(r[j]) for r in rows])
        if any(r[k] > 0 for r in rows):
            line(
                _swatch(_hex(KIND_COLOURS["saddle"])),
                self.tr("elsewhere"),
                [float(r[k]) for r in rows],
            )
        line(_swatch(_hex(DIVERGED_COLOUR)), self.tr("diverged"), [s.diverged for s in shares])
        line(_swatch("#ffffff"), self.tr("still moving"), [s.moving for s in shares])
        self.table.setText("<table cellspacing='3'>{}</table>".format("".join(lines)))
