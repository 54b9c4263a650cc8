"""HeadOverlays: the arrows drawn at each run's head (gradient, velocity, per-coordinate adaptive
step, Hessian eigen-directions). One line item per kind, fed precomputed segment pairs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from gui.explorer.fast_items import TrailCurve
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
    """Owns one line item per overlay kind inside a plot; hidden kinds draw nothing. The items
    are bounded by a fixed region (``set_region``, the reachable view) as the trails are, so a
    frame does not measure their new segments."""

    def __init__(self, plot: pg.PlotItem, region: QRectF) -> None:
        self.key = OverlayKey(plot.vb)
        self.items: dict[str, TrailCurve] = {}
        for kind, colour in OVERLAY_COLOURS.items():
            width = 2.0 if kind.startswith("eig") else 1.6
            item = TrailCurve(region, pen=pg.mkPen(colour, width=width), connect="pairs",
                              skipFiniteCheck=True)  # fmt: skip
            item.setZValue(30)
            plot.addItem(item)
            self.items[kind] = item

    def set_region(self, region: QRectF) -> None:
        for item in self.items.values():
            item.set_region(region)

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
                    item.set_points(_EMPTY, _EMPTY)
                continue
            item.set_points(seg[:, 0], seg[:, 1])  # finite: core's arrows are nan_to_num'd
