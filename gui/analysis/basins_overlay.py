"""BasinOverlay: a finished basin map drawn over the surface plot as one semi-transparent image,
and the legend rows that name its colours. Drawing happens only from a complete BasinMap."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QRectF

from core.analysis.basin_image import DIVERGED_COLOUR, UNCONVERGED_COLOUR, attractor_colours
from core.analysis.basins import DIVERGED, UNCONVERGED, BasinMap
from gui.i18n.numbers import num
from gui.i18n.plurals import plurals
from surfaces.i18n import QT_TRANSLATE_NOOP

Z_VALUE = 5  # above the heatmap (0), below critical markers (10) and trails (20)
KIND_TEXT = {"saddle": QT_TRANSLATE_NOOP("BasinOverlay", "stalled at a saddle"), "degenerate": QT_TRANSLATE_NOOP("BasinOverlay", "stalled at a degenerate point"),
             "maximum": QT_TRANSLATE_NOOP("BasinOverlay", "stuck on a maximum")}  # fmt: skip


def basin_rgba(result: BasinMap) -> NDArray[np.uint8]:
    """(G, G, 4) image with row j at ys[j] (row-major, as the heatmap), opaque."""
    if result.labels is None:
        raise ValueError("a cancelled basin map has nothing to draw")
    k = len(result.attractors)
    lut = np.full((k + 2, 4), 255, dtype=np.uint8)
    lut[:k, :3] = attractor_colours(result)
    lut[k, :3] = DIVERGED_COLOUR
    lut[k + 1, :3] = UNCONVERGED_COLOUR
    lab = result.labels.astype(np.int64)
    idx = np.where(lab == DIVERGED, k, np.where(lab == UNCONVERGED, k + 1, lab))
    return lut[idx]


def _coordinate(v: float, result: BasinMap) -> str:
    """A coordinate to 4 digits; rounding noise far below the domain's scale (-6.89e-16 for a
    point found on the x axis) reads as the 0 it is."""
    x0, x1, y0, y1 = result.domain
    scale = max(abs(x1 - x0), abs(y1 - y0), 1e-300)
    return "0" if abs(v) < 1e-9 * scale else num(v, ".4g")


def legend_rows(result: BasinMap, limit: int = 8) -> list[tuple[str, str]]:
    """(hex colour, rich text) per attractor (the first ``limit``; the rest summed in one row),
    then diverged and still moving, always listed so the key to their colours is visible."""
    rows = []
    colours = attractor_colours(result)
    for (r, g, b), a in zip(colours[:limit], result.attractors[:limit], strict=True):
        where = QCoreApplication.translate("BasinOverlay", "({x}, {y})").format(
            x=_coordinate(a.x, result), y=_coordinate(a.y, result)
        )
        found = "" if a.known else QCoreApplication.translate("BasinOverlay", " (found)")
        if a.kind == "minimum":
            value = 0.0 if abs(a.value) < 1e-12 else a.value
            text = QCoreApplication.translate(
                "BasinOverlay", "minimum at {where}{found}, f = {value}"
            ).format(where=where, found=found, value=num(value, ".4g"))
        else:
            text = QCoreApplication.translate("BasinOverlay", "{kind} {where}{found}").format(
                kind=QCoreApplication.translate("BasinOverlay", KIND_TEXT.get(a.kind, a.kind)),
                where=where,
                found=found,
            )
        rows.append((f"#{r:02x}{g:02x}{b:02x}", f"<b>{num(100 * a.fraction, '.1f')} %</b> {text}"))
    rest = result.attractors[limit:]
    if rest:
        share = sum(a.fraction for a in rest)
        more = plurals.more_attractors(len(rest))
        rows.append(("", f"<b>{num(100 * share, '.1f')} %</b> {more}"))
    for colour, name, share in ((DIVERGED_COLOUR, QT_TRANSLATE_NOOP("BasinOverlay", "diverged"), result.diverged),
                                (UNCONVERGED_COLOUR, QT_TRANSLATE_NOOP("BasinOverlay", "still moving"), result.unconverged)):  # fmt: skip
        rows.append(
            (
                "#{:02x}{:02x}{:02x}".format(*colour),
                f"<b>{num(100 * share, '.1f')} %</b> {QCoreApplication.translate('BasinOverlay', name)}",
            )
        )
    return rows


class BasinOverlay:
    """The overlay image, for whoever owns the plot to add (in data coordinates); hidden until a
    map is set."""

    def __init__(self, opacity: float = 0.55) -> None:
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_VALUE)
        self.image.setOpacity(opacity)
        self.image.setVisible(False)
        self.result: BasinMap | None = None
        self._enabled = True  # the panel's "show overlay" box
        self._panel_open = True  # a closed Basin panel leaves no map on the surface

    def set_map(self, result: BasinMap) -> None:
        """Show a complete map over its domain (a cancelled one raises ValueError)."""
        rgba = basin_rgba(result)
        x0, x1, y0, y1 = result.domain
        self.image.setImage(rgba, autoLevels=False)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.result = result
        self._update()

    def clear(self) -> None:
        self.result = None
        self.image.clear()
        self.image.setVisible(False)

    def set_enabled(self, on: bool) -> None:
        self._enabled = on
        self._update()

    def set_panel_open(self, on: bool) -> None:
        """Hide the map while its panel is closed (and show it again when the panel reopens)."""
        self._panel_open = on
        self._update()

    def _update(self) -> None:
        self.image.setVisible(self._enabled and self._panel_open and self.result is not None)

    def set_opacity(self, opacity: float) -> None:
        self.image.setOpacity(max(0.0, min(1.0, opacity)))

    @property
    def drawn(self) -> bool:
        """Whether a map is currently visible on the plot."""
        return self.result is not None and self.image.isVisible()
