"""Defects found driving the window at 1280×800 as a first-time student would."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def test_a_long_surface_name_is_elided_visibly_with_the_full_text_in_the_tooltip(explorer) -> None:
    """A typed formula listed under "Your surfaces" was cut mid-word ("… + si") in the picker."""
    formula = "0.5*x**2 + 3*y**2 + sin(3*x) + 0.1*cos(5*y)"
    explorer.formula.edit.setText(formula)
    assert explorer.formula.apply()
    picker = explorer.picker
    picker.setMaximumWidth(300)  # as narrow as in the side panel at 1280 px, whatever ran before
    try:
        QApplication.processEvents()
        full, shown = picker.display_text(), picker.shown_text()
        assert formula in full
        assert shown.endswith("…") and len(shown) < len(full)
        assert picker.fontMetrics().horizontalAdvance(shown) < picker.width()
        assert formula in picker.toolTip()
    finally:
        picker.setMaximumWidth(16_777_215)


def test_basin_legend_prints_rounding_noise_as_zero() -> None:
    """A minimum found by clustering on the x axis was listed at (−2.323, −6.89e−16)."""
    import numpy as np

    from core.analysis.basins import Attractor, BasinMap
    from gui.analysis.basins_overlay import legend_rows

    found = Attractor(-2.3231, -6.89e-16, "minimum", 2.065, 0.055, known=False)
    small = Attractor(1e-7, 0.25, "minimum", 0.0, 0.9)  # a real small coordinate stays
    m = BasinMap(np.zeros((2, 2), np.int32), (found, small), 0.0, 0.0, np.zeros(2), np.zeros(2),
                 (-2.0, 2.0, -2.0, 2.0), 500, 0.1)  # fmt: skip
    rows = [text for _, text in legend_rows(m)]
    assert "minimum at (-2.323, 0) (found)" in rows[0]
    assert "(1e-07, 0.25)" in rows[1]
