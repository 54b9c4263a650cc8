"""Colours, fonts and the application style: one place, so every run keeps its colour everywhere."""

from __future__ import annotations

# Heatmap: deep navy (low loss) through slate to pale sand (high loss); low saturation so the
# run colours pop. Stops are (position, (r, g, b)).
HEATMAP_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
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

STYLE_SHEET = """
QWidget { font-size: 10pt; }
QGroupBox { font-weight: 600; border: 1px solid #d4d8df; border-radius: 6px; margin-top: 10px;
            padding-top: 6px; background: #fbfbfc; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #3b4252; }
QTableWidget { gridline-color: #e2e5ea; }
QHeaderView::section { background: #eceef2; border: none; padding: 3px 6px; font-weight: 600; }
QToolBar { spacing: 4px; }
QTabBar::tab { padding: 6px 12px; }
"""


def heatmap_lut(n: int = 256):
    """An (n, 3) uint8 lookup table interpolating HEATMAP_STOPS."""
    import numpy as np

    pos = np.array([p for p, _ in HEATMAP_STOPS])
    rgb = np.array([c for _, c in HEATMAP_STOPS], dtype=np.float64)
    t = np.linspace(0.0, 1.0, n)
    return np.stack([np.interp(t, pos, rgb[:, k]) for k in range(3)], axis=1).astype(np.uint8)


def apply_style(app) -> None:
    """Fusion style with a light palette and the shared style sheet."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
