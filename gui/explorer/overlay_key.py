"""OverlayKey: a small key in the plot's top-left corner saying what each head arrow is (the
gradient, velocity, adaptive-step and Hessian arrows had none); shown whenever an overlay is on,
with a line sample in each arrow's own colour."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen

ENTRIES: dict[str, tuple[tuple[str, str], ...]] = {  # toggle -> (item kind, key text) ...
    "gradient": (("gradient", "−∇f: downhill, length ∝ |∇f|"),),
    "velocity": (("velocity", "velocity (momentum)"),),
    "adaptive": (("adaptive", "adaptive step per coordinate"),),
    "eigen": (("eig_neg", "Hessian: curving down (λ &lt; 0)"),
              ("eig_pos", "Hessian: curving up (λ &gt; 0)")),
}  # fmt: skip
ORDER = tuple(ENTRIES)
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
            self.addItem(pg.PlotDataItem([0, 1], [0, 0], pen=sample), text)
        self.setVisible(bool(rows))

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
