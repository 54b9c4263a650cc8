"""Helpers of the legibility tests: what an axis draws, and overlapping label boxes."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter


def axis_labels(axis) -> list[tuple[object, str]]:
    """(rect, text) of every tick label the pyqtgraph axis draws at its current size."""
    img = QImage(8, 8, QImage.Format.Format_ARGB32)
    p = QPainter(img)
    try:
        specs = axis.generateDrawSpecs(p)
    finally:
        p.end()
    if specs is None:
        return []
    return [(rect, text) for rect, _flags, text in specs[2] if text]


def overlapping(rects: list) -> list[tuple[int, int]]:
    """Index pairs of rectangles that intersect."""
    return [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects))
            if rects[i].intersects(rects[j])]  # fmt: skip
