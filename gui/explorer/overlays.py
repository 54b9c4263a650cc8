"""HeadOverlays: the arrows drawn at each run's head (gradient, velocity, per-coordinate adaptive
step, Hessian eigen-directions). One line item per kind, fed precomputed segment pairs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.explorer.overlay_key import OverlayKey
from gui.theme import OVERLAY_COLOURS
from surfaces.i18n import QT_TRANSLATE_NOOP

OVERLAY_KINDS: dict[str, str] = {
    "gradient": QT_TRANSLATE_NOOP("Overlays", "Gradient arrow (−∇f)"),
    "velocity": QT_TRANSLATE_NOOP("Overlays", "Velocity arrow (momentum)"),
    "adaptive": QT_TRANSLATE_NOOP("Overlays", "Adaptive per-coordinate step"),
    "eigen": QT_TRANSLATE_NOOP("Overlays", "Hessian eigen-directions near saddles"),
}
_EMPTY = np.zeros(0)


class HeadOverlays:
    """Owns one PlotCurveItem per overlay kind inside a plot; hidden kinds draw nothing."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.key = OverlayKey(plot.vb)
        self.items: dict[str, pg.PlotCurveItem] = {}
        for kind, colour in OVERLAY_COLOURS.items():
            width = 2.0 if kind.startswith("eig") else 1.6
            item = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width), connect="pairs")
            item.setZValue(30)
            plot.addItem(item)
            self.items[kind] = item

    def set_segments(self, segments: dict[str, np.ndarray], kinds: set[str] | None = None) -> None:
        """segments: kind -> (2K, 2) array of segment end points; missing kinds are cleared.
        kinds: the overlays switched on (their entries in the key; default: those given)."""
        if kinds is None:
            kinds = {"eigen" if k.startswith("eig") else k for k in segments}
        self.key.show_kinds(kinds, {k: item.opts["pen"] for k, item in self.items.items()})
        shown = [seg for seg in segments.values() if len(seg)]
        self.key.avoid(np.vstack(shown) if shown else _EMPTY.reshape(0, 2))
        for kind, item in self.items.items():
            seg = segments.get(kind)
            if seg is None or len(seg) == 0:
                if item.xData is not None and len(item.xData):
                    item.setData(_EMPTY, _EMPTY)
                continue
            item.setData(seg[:, 0], seg[:, 1], connect="pairs", skipFiniteCheck=True)
