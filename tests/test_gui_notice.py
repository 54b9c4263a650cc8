"""Switching surface says what changed for the runs: the notice over the plot names the racer whose
mini-batch became noise σ = 1 and each rate that diverges there, and offers the surface's suggested
rates (the notice's button and Runs > Use suggested learning rates)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from surfaces.registry import suggested_lr
from tests.test_gui_explorer import slot_named

pytestmark = pytest.mark.gui


def test_switching_surface_names_the_racer_and_its_new_estimate(main_window, explorer) -> None:
    c = explorer.controller
    c.set_surface_name("linear_regression")
    gd = slot_named(explorer, "GD")
    c.edit_run(gd.key, {"estimate_kind": "minibatch", "batch": 8})
    notice = main_window.surface_notice
    c.set_surface_name("rosenbrock")
    QApplication.processEvents()
    assert notice.isVisible()
    text = notice.text.text()
    assert "SGD (mini-batch 8) is now SGD (noise σ=1)" in text and "Rosenbrock" in text
    # Drawn over the plot, above its bottom edge.
    assert explorer.plot.rect().contains(notice.geometry())
    assert notice.apply_button.isVisible()


def test_a_diverging_rate_is_named_and_the_suggestion_applied(main_window, explorer) -> None:
    c = explorer.controller
    notice = main_window.surface_notice
    mom = slot_named(explorer, "Momentum")
    c.edit_run(mom.key, {"lr": 0.01})
    c.set_surface_name("rosenbrock")
    QApplication.processEvents()
    assert notice.isVisible()
    assert "Momentum: η = 0.01 diverges at step" in notice.text.text()
    notice.apply_button.click()
    QApplication.processEvents()
    assert not notice.isVisible()
    for r in c.racers:
        kind = {"sgd": "plain", "momentum": "momentum", "adam": "adaptive"}[r.config.rule]
        assert r.lr == suggested_lr("rosenbrock", kind)
    assert all(not r.run.diverged.any() for r in c.racers)
    c.race.step(200)
    assert all(not r.run.diverged.any() for r in c.racers)


def test_a_switch_with_nothing_to_say_shows_nothing(main_window, explorer) -> None:
    c = explorer.controller
    c.set_surface_name("booth")
    QApplication.processEvents()
    assert not main_window.surface_notice.isVisible()


def test_the_runs_menu_offers_the_suggested_rates(main_window, explorer) -> None:
    c = explorer.controller
    c.set_surface_name("goldstein_price")
    action = main_window.surface_notice.action
    runs = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "R&uns")
    assert action in runs.actions()
    action.trigger()
    gd = slot_named(explorer, "GD")
    assert gd.lr == suggested_lr("goldstein_price", "plain")
    assert "Goldstein" in main_window.statusBar().currentMessage()
