"""Colours, fonts and the application style: one place, so every run keeps its colour everywhere.

The surface plot and its exports come in themes (THEMES): "dark" (the window's own), "light" (a
white figure for paper and bright projectors) and "contrast" (black with bright lines, for a
lecture hall). A theme's colour map is a pyqtgraph ColorMap; the heatmap, the colour bar and the
3D view all read their colours from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyqtgraph as pg

Stops = tuple[tuple[float, tuple[int, int, int]], ...]  # (position, (r, g, b))

# Heatmap: deep navy (low loss) through slate to pale sand (high loss); low saturation so the
# run colours pop.
HEATMAP_STOPS: Stops = (
    (0.00, (16, 32, 64)),
    (0.20, (34, 76, 112)),
    (0.45, (66, 124, 142)),
    (0.70, (136, 166, 158)),
    (1.00, (232, 224, 200)),
)
CONTOUR_RGB = (8, 14, 28)
CONTOUR_ALPHA = 0.38

# Critical-point markers: neutral white shapes, so they never look like a run's colour.
# kind: (symbol, filled)
CRITICAL_STYLE: dict[str, tuple[str, bool]] = {
    "minimum": ("o", False),
    "maximum": ("t1", False),
    "saddle": ("x", True),
    "degenerate": ("d", False),
}
MARKER_RGB = "#f1f3f5"

# Head overlays.
OVERLAY_COLOURS: dict[str, str] = {
    "gradient": "#ffffff",
    "velocity": "#ffa94d",
    "adaptive": "#66d9ef",
    "eig_neg": "#ff6b6b",
    "eig_pos": "#74c0fc",
}

PLOT_BG = "#10151f"
PANEL_BG = "#f4f5f7"
TEXT = "#1d2330"


@dataclass(frozen=True)
class Theme:
    """How the surface plot and its pictures look. Colours are '#rrggbb'."""

    name: str
    background: str  # figure and plot
    text: str  # title, legend names, status
    muted: str  # hyperparameters, secondary text
    axis_text: str
    axis_pen: str
    heatmap: Stops
    contour_rgb: tuple[int, int, int]
    contour_alpha: float
    marker: str  # critical-point markers
    marker_edge: str  # outline of filled markers
    start: str  # the start crosshairs
    overlays: tuple[tuple[str, str], ...]  # head-overlay kind -> colour
    status: tuple[tuple[str, str], ...]  # legend status text -> colour
    deepen_runs: bool = False  # run colours darkened to stand out on white


DARK = Theme(
    name="dark", background=PLOT_BG, text="#e6e9ef", muted="#9aa3b2", axis_text="#c8ccd4",
    axis_pen="#5a6272", heatmap=HEATMAP_STOPS, contour_rgb=CONTOUR_RGB,
    contour_alpha=CONTOUR_ALPHA, marker=MARKER_RGB, marker_edge="#0b0f18", start="#ffffff",
    overlays=tuple(OVERLAY_COLOURS.items()),
    status=(("diverged", "#ff8787"), ("stalled at a saddle", "#ffc078"),
            ("converged: global minimum", "#8ce99a"), ("converged: local minimum", "#74c0fc")),
)  # fmt: skip
# Light: a pale, low-saturation map whose lightness rises with f (it stays readable printed in
# grey), dark text and markers, and deepened run colours.
LIGHT = Theme(
    name="light", background="#ffffff", text="#1d2330", muted="#596273", axis_text="#2b3240",
    axis_pen="#6b7385",
    heatmap=((0.00, (138, 168, 204)), (0.25, (176, 200, 220)), (0.50, (208, 222, 226)),
             (0.75, (232, 234, 224)), (1.00, (250, 246, 234))),
    contour_rgb=(40, 52, 72), contour_alpha=0.30, marker="#1d2330", marker_edge="#ffffff",
    start="#1d2330",
    overlays=(("gradient", "#1d2330"), ("velocity", "#d9480f"), ("adaptive", "#0c8599"),
              ("eig_neg", "#c92a2a"), ("eig_pos", "#1864ab")),
    status=(("diverged", "#c92a2a"), ("stalled at a saddle", "#d9480f"),
            ("converged: global minimum", "#2b8a3e"), ("converged: local minimum", "#1864ab")),
    deepen_runs=True,
)  # fmt: skip
# High contrast: black, a dark map with bright light contours, white text.
CONTRAST = Theme(
    name="contrast", background="#000000", text="#ffffff", muted="#d0d4dc", axis_text="#ffffff",
    axis_pen="#c0c4cc",
    heatmap=((0.00, (0, 0, 0)), (0.35, (18, 40, 78)), (0.70, (44, 92, 124)),
             (1.00, (116, 148, 160))),
    contour_rgb=(230, 236, 245), contour_alpha=0.22, marker="#ffffff", marker_edge="#000000",
    start="#ffffff", overlays=tuple(OVERLAY_COLOURS.items()),
    status=(("diverged", "#ff8787"), ("stalled at a saddle", "#ffc078"),
            ("converged: global minimum", "#8ce99a"), ("converged: local minimum", "#74c0fc")),
)  # fmt: skip
THEMES: dict[str, Theme] = {t.name: t for t in (DARK, LIGHT, CONTRAST)}


def get_theme(name: str) -> Theme:
    """The theme called name (ValueError naming the choices)."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme '{name}'; choose one of: {', '.join(THEMES)}") from None


@cache
def colour_map(theme: Theme = DARK) -> pg.ColorMap:
    """The theme's heatmap colours as a pyqtgraph ColorMap (low f at 0, high f at 1)."""
    import pyqtgraph as pg

    return pg.ColorMap([p for p, _ in theme.heatmap], [c for _, c in theme.heatmap])


def heatmap_lut(n: int = 256, theme: Theme = DARK) -> np.ndarray:
    """An (n, 3) uint8 lookup table of the theme's colour map."""
    return colour_map(theme).getLookupTable(0.0, 1.0, n, alpha=False)


def run_colour(colour: str, theme: Theme = DARK) -> str:
    """A run's colour as the theme draws it: itself on dark backgrounds; on white, the same hue
    made deep enough to read as a thin line (yellow becomes ochre, white becomes ink)."""
    if not theme.deepen_runs:
        return colour
    from PySide6.QtGui import QColor

    c = QColor(colour)
    h, s, lum, _ = c.getHslF()
    if s < 0.1:  # white or grey: ink
        return "#212529"
    return QColor.fromHslF(h, min(1.0, s * 0.95 + 0.05), min(lum, 0.36 + 0.06 * s)).name()


def style_sheet(scale: float = 1.0) -> str:
    """The application style sheet; scale multiplies the font size (presentation mode)."""
    return f"""
QWidget {{ font-size: {10 * scale:.3g}pt; }}
QGroupBox {{ font-weight: 600; border: 1px solid #d4d8df; border-radius: 6px; margin-top: 10px;
            padding-top: 6px; background: #fbfbfc; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #3b4252; }}
QTableWidget {{ gridline-color: #e2e5ea; }}
QHeaderView::section {{ background: #eceef2; border: none; padding: 3px 6px; font-weight: 600; }}
QToolBar {{ spacing: 4px; }}
QTabBar::tab {{ padding: 6px 12px; }}
"""


STYLE_SHEET = style_sheet()


def apply_style(app) -> None:
    """Fusion style with a light palette and the shared style sheet."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
