"""OverlayKey: a small key in the plot's top-left corner saying what each head arrow is (the
gradient, velocity, adaptive-step and Hessian arrows had none); shown whenever an overlay is on,
with a line sample in each arrow's own colour."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPen

from surfaces.i18n import QT_TRANSLATE_NOOP

ENTRIES: dict[str, tuple[tuple[str, str], ...]] = {  # toggle -> (item kind, key text) ...
    "gradient": (("gradient", QT_TRANSLATE_NOOP("OverlayKey", "−∇f: downhill, length ∝ |∇f|")),),
    "velocity": (("velocity", QT_TRANSLATE_NOOP("OverlayKey", "velocity (momentum)")),),
    "adaptive": (("adaptive", QT_TRANSLATE_NOOP("OverlayKey", "adaptive step per coordinate")),),
    "eigen": (("eig_neg", QT_TRANSLATE_NOOP("OverlayKey", "Hessian: curving down (λ &lt; 0)")),
              ("eig_pos", QT_TRANSLATE_NOOP("OverlayKey", "Hessian: curving up (λ &gt; 0)"))),
}  # fmt: skip
ORDER = tuple(ENTRIES)
MARGIN = 6  # px between the key and the plot's edge
# corners as (item anchor = parent anchor, offset sign): top-left, top-right, bottom-left, -right
CORNERS = (((0, 0), (1, 1)), ((1, 0), (-1, 1)), ((0, 1), (1, -1)), ((1, 1), (-1, -1)))
SAMPLE_PX = 3.0


class OverlayKey(pg.LegendItem):
    """Anchored to the view box, not to data: it stays in the corner while zooming."""

    def __init__(self, vb: pg.ViewBox) -> None:
        super().__init__(offset=(6, 6), brush=pg.mkBrush(16, 21, 31, 190),
                         pen=pg.mkPen(90, 98, 114), labelTextSize="8pt",
                         labelTextColor="#e6e9ef", verSpacing=-4)  # fmt: skip
        self.setParentItem(vb)
        self.setZValue(60)
        self._shown: tuple = ()
        self.corner = 0
        self.top_inset = 0  # px kept free at the top of the plot (a panel sits there)
        self.hide()

    def show_kinds(self, kinds: set[str], pens: dict[str, QPen]) -> None:
        """The entries of the toggled overlays, in a fixed order, each with its item's pen."""
        rows = [(kind, text, pens[kind]) for toggle in ORDER if toggle in kinds
                for kind, text in ENTRIES[toggle] if kind in pens]  # fmt: skip
        look = tuple((k, t, p.color().name(), p.widthF()) for k, t, p in rows)
        if look == self._shown:
            return
        self._shown = look
        self.clear()
        for _kind, text, pen in rows:
            sample = QPen(pen)
            sample.setWidthF(max(pen.widthF(), SAMPLE_PX))  # a 1.6-px line blurs to half its hue
            label = QCoreApplication.translate("OverlayKey", text)
            self.addItem(pg.PlotDataItem([0, 1], [0, 0], pen=sample), label)
        self.setVisible(bool(rows))
        self.place(self.corner)  # anchored again at its new size (a bottom corner grows up)

    def avoid(self, points: np.ndarray) -> None:
        """Sit in the corner of the plot where the key covers fewest of these data points (the
        heads and their arrows): a start in the top-left corner was hidden under it. It goes
        back to the top-left as soon as that corner is free."""
        if not self.isVisible() or len(points) == 0:
            return
        vb = self.parentItem()
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = vb.width(), vb.height()
        if not (w > 0 and h > 0 and x1 > x0 and y1 > y0):
            return
        px = (points[:, 0] - x0) / (x1 - x0) * w
        py = (y1 - points[:, 1]) / (y1 - y0) * h
        kw, kh = self.width() + MARGIN, self.height() + MARGIN
        counts = []
        for (ax, ay), _sign in CORNERS:
            inx = (px <= kw) if ax == 0 else (px >= w - kw)
            iny = (py <= kh + self.top_inset) if ay == 0 else (py >= h - kh)
            counts.append(int(np.count_nonzero(inx & iny)))
        best = 0 if counts[0] == 0 else int(np.argmin(counts))  # home: the top-left corner
        if best != self.corner and counts[best] <= counts[self.corner]:
            self.place(best)

    def place(self, corner: int) -> None:
        """Anchor the key in corner 0-3 (top-left, top-right, bottom-left, bottom-right)."""
        self.corner = corner
        self.layout.activate()  # the size of the rows just added, not the old one
        (ax, ay), (sx, sy) = CORNERS[corner]
        down = sy * MARGIN + (self.top_inset if ay == 0 else 0)
        self.anchor(itemPos=(ax, ay), parentPos=(ax, ay), offset=(sx * MARGIN, down))

    def set_top_inset(self, px: int) -> None:
        """Keep the top ``px`` pixels of the plot free (a panel over them): top corners sit below."""
        if px != self.top_inset:
            self.top_inset = px
            self.place(self.corner)

    def texts(self) -> list[str]:
        """The key's entries as plain text (the labels are HTML)."""
        return [html.unescape(label.text) for _sample, label in self.items]

    def set_text_colour(self, colour: str, background: str) -> None:
        """Theme: label colour, and the theme's background (translucent) behind them."""
        fill = QColor(background)
        fill.setAlpha(200)
        self.setLabelTextColor(colour)
        self.setBrush(pg.mkBrush(fill))
        self._shown = ()  # labels are re-made in the new colour at the next show_kinds
