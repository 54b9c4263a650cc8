"""How the starts of one run are told apart: start k's trail has its own dash pattern (solid,
dashed, dotted, ...), its ⊕ marker carries its number, and the legend and the Runs list show the
same numbers and line samples. Before, every start of a run was drawn in the same colour and
style and nothing said which trail began where."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from gui.i18n.plurals import plurals

DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)  # fmt: skip
# the number beside a start's ⊕ marker: bold, white on a dark box, up and right of the marker
START_LABEL = {"color": "#ffffff", "fill": (16, 21, 31, 200), "offset": (8, -8), "anchor": (0, 1)}


def start_dash(i: int) -> Qt.PenStyle:
    """The dash pattern of start i (0-based), repeating after five."""
    return DASHES[i % len(DASHES)]


def start_pen(colour: str, width: float, i: int) -> QPen:
    """A trail pen: the run's colour, start i's dash (flat caps keep short dashes distinct)."""
    pen = pg.mkPen(colour, width=width)
    pen.setStyle(start_dash(i))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


LINE_ICON = (28, 12)  # px of a legend row's line sample


def line_icon(colour: str, i: int) -> QIcon:
    """A short line in the run's colour with start i's dash."""
    width, height = LINE_ICON
    pix = QPixmap(width, height)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(colour), 2.5)
    pen.setStyle(start_dash(i))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    p.drawLine(QPointF(1, height / 2), QPointF(width - 1, height / 2))
    p.end()
    return QIcon(pix)


def start_label(i: int, n: int) -> str:
    """The ⊕ marker's label: its number when there are several starts, else none."""
    return str(i + 1) if n > 1 else ""


def start_numbers(keys: list[int]) -> list[int]:
    """For legend rows in run order (one key per row), each row's start number (0-based)."""
    out, prev, k = [], None, 0
    for key in keys:
        k = k + 1 if key == prev else 0
        prev = key
        out.append(k)
    return out


def starts_suffix(n: int) -> str:
    """What the Runs list adds to a run's name when it runs from several starts."""
    return f"  ({plurals.starts(n)})" if n > 1 else ""
