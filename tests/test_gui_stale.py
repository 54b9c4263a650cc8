"""No stale state: the formula box empties when the surface is no longer its formula (a preset, a
new scene), the η × β₁ map belongs to the run it was computed for and says so when another run is
selected or that run changed, and the basin overlay leaves the surface with its panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QDockWidget

from tests.test_gui_basins import compute, pixel
from tests.test_gui_formula import type_formula
from tests.test_gui_sweeps import run_map, slot_of

pytestmark = pytest.mark.gui


def _typed(explorer, qtbot, text: str) -> None:
    type_formula(explorer.formula, text)
    qtbot.waitUntil(
        lambda: getattr(explorer.controller.surface, "expr", None) == text, timeout=3000
    )


def test_picking_a_preset_empties_the_formula_box(explorer, qtbot) -> None:
    _typed(explorer, qtbot, "x**2 - y**2")
    explorer.picker.sigSurfaceChosen.emit("rosenbrock")
    QApplication.processEvents()
    assert explorer.controller.surface.name == "rosenbrock"
    assert explorer.formula.edit.text() == ""
    assert explorer.formula.domain[0].text() == f"{explorer.controller.surface.domain[0]:g}"


def test_a_pending_error_goes_with_the_preset(explorer, qtbot) -> None:
    box = explorer.formula
    type_formula(box, "x + (y")
    qtbot.waitUntil(lambda: box.error_message != "", timeout=3000)
    explorer.picker.sigSurfaceChosen.emit("booth")
    QApplication.processEvents()
    assert box.edit.text() == "" and box.error_message == "" and not box.error.isVisible()
    assert box.edit.styleSheet() == ""


def test_new_scene_empties_the_formula_box(main_window, explorer, qtbot) -> None:
    _typed(explorer, qtbot, "x**4 + y**2")
    explorer.controller.new_race()  # what File > New scene does (gui/session.py new_scene)
    QApplication.processEvents()
    assert explorer.controller.surface.name == "himmelblau"
    assert explorer.formula.edit.text() == ""


def test_a_drawing_on_a_formula_keeps_showing_it(explorer, qtbot) -> None:
    from surfaces.drawn import Bump, DrawnSurface

    _typed(explorer, qtbot, "x**2 + y**2")
    base = explorer.controller.surface
    explorer.controller.set_surface(DrawnSurface(base, [Bump(0.5, 0.5, -1.0, 0.4)]))
    QApplication.processEvents()
    assert explorer.formula.edit.text() == "x**2 + y**2"


@pytest.fixture
def sweeps(main_window):
    dock = main_window.findChild(QDockWidget, "sweeps_dock")
    dock.show()
    panel = dock.widget()
    yield panel
    panel.shutdown()


def test_the_map_names_its_own_run_and_clears_when_another_is_selected(sweeps, explorer, qtbot):
    page = sweeps.map_page
    c = explorer.controller
    adam, mom = slot_of(explorer, "adam"), slot_of(explorer, "momentum")
    c.select(adam.key)
    res = run_map(page, qtbot, cells=4, steps=20)
    assert res.param == "beta1" and page.result is res and page.map_name == "Adam"
    c.select(mom.key)
    QApplication.processEvents()
    assert page.result is None and page.plot.result is None
    assert "Momentum" in page.about.text() and "Adam" not in page.about.text()
    assert (
        "computed for Adam" in page.status.text() and "Momentum is selected" in page.status.text()
    )


def test_the_map_clears_when_its_run_changes_estimate(sweeps, explorer, qtbot):
    page = sweeps.map_page
    c = explorer.controller
    c.set_surface_name("linear_regression")
    mom = slot_of(explorer, "momentum")
    c.select(mom.key)
    c.edit_run(mom.key, {"estimate_kind": "minibatch", "batch": 8})
    run_map(page, qtbot, cells=4, steps=20)
    assert page.map_name == "Momentum (mini-batch 8)"
    c.edit_run(mom.key, {"estimate_kind": "full"})
    QApplication.processEvents()
    assert page.result is None and "mini-batch" not in page.about.text()
    # A surface switch renames the runs (no examples to sample): the page follows.
    c.edit_run(mom.key, {"estimate_kind": "minibatch", "batch": 8})
    c.set_surface_name("rosenbrock")
    QApplication.processEvents()
    name = c.race.racer(mom.key).name
    assert "mini-batch" not in name and name in page.about.text()
    assert "mini-batch 8" not in page.about.text()


def test_clicking_a_cell_of_the_map_keeps_it(sweeps, explorer, qtbot):
    page = sweeps.map_page
    mom = slot_of(explorer, "momentum")
    explorer.controller.select(mom.key)
    res = run_map(page, qtbot, cells=4, steps=20)
    explorer.controller.edit_run(mom.key, {"lr": float(res.lrs[1]), "momentum": 0.33})
    QApplication.processEvents()
    assert page.result is res  # its own run, same rule and estimate: still its map


def test_closing_the_basin_panel_removes_its_overlay(main_window, explorer, qtbot) -> None:
    dock = main_window.findChild(QDockWidget, "basins_dock")
    dock.toggleViewAction().trigger()
    panel = dock.widget()
    explorer.controller.wait_for_critical()
    QApplication.processEvents()
    compute(panel, qtbot, grid=16, steps=100)
    assert panel.overlay.drawn
    plot = explorer.plot
    with_map = pixel(plot, -4.0, 4.0)
    dock.toggleViewAction().trigger()  # View > Basin map again: the panel closes
    QApplication.processEvents()
    assert not dock.isVisible()
    assert not panel.overlay.drawn and not panel.overlay.image.isVisible()
    without = pixel(plot, -4.0, 4.0)
    assert np.abs(with_map - without).sum() > 20  # the colours on the surface changed back
    dock.toggleViewAction().trigger()  # reopened: its map is back
    QApplication.processEvents()
    assert panel.overlay.drawn
    np.testing.assert_allclose(pixel(plot, -4.0, 4.0), with_map, atol=2)
    panel.shutdown()
