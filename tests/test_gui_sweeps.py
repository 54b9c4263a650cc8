"""Sweep panel: lr curves match single runs, map cells load into the run, cancel draws nothing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.optim.schedules import Schedule
from core.runs.run import Run

pytestmark = pytest.mark.gui


@pytest.fixture
def sweeps(main_window):
    """The window's sweep panel, its dock shown."""
    from PySide6.QtWidgets import QDockWidget

    dock = main_window.findChild(QDockWidget, "sweeps_dock")
    dock.show()
    main_window.explorer.controller.wait_for_critical()
    QApplication.processEvents()
    panel = dock.widget()
    yield panel
    panel.shutdown()


def slot_of(explorer, rule):
    return next(s for s in explorer.controller.racers if s.config.rule == rule)


def final_loss(surface, rule, hyper, lr, start, steps) -> float:
    """An independent generic run at one learning rate (inf if it diverged)."""
    run = Run(surface, rule, hyper, Schedule(lr=lr), [start], record=False)
    run.step(steps)
    return np.inf if run.diverged[0] else float(run.loss()[0])


def test_lr_sweep_curves_agree_with_single_runs(sweeps, explorer, qtbot):
    page = sweeps.lr_page
    c = explorer.controller
    c.pause()
    c.restart_at(-1.0, -4.0)
    for rule, box in page.rule_boxes.items():
        box.setChecked(rule in ("sgd", "momentum", "adam"))
    page.lr_lo.setValue(1e-3)
    page.lr_hi.setValue(0.3)
    page.points.setValue(9)
    page.steps.setValue(150)
    with qtbot.waitSignal(page.worker.sigFinished, timeout=30_000):
        page.row.run_button.click()
    res = page.result
    lrs = np.geomspace(1e-3, 0.3, 9)
    np.testing.assert_allclose(res.lrs, lrs, rtol=1e-12)
    assert [cv.rule for cv in res.curves] == ["sgd", "momentum", "adam"]
    for cv in res.curves:
        slot = slot_of(explorer, cv.rule)
        loss_item, _ = page.plot.curves[cv.rule]
        # Curve colour = that rule's run colour.
        assert loss_item.opts["pen"].color().name() == slot.colour
        for i in (0, 3, 6, 8):
            ref = final_loss(c.surface, cv.rule, slot.config.hyper, lrs[i], (-1.0, -4.0), 150)
            if np.isinf(ref):
                assert cv.diverged[i] and np.isnan(loss_item.yData[i])
            else:
                assert cv.final_loss[i] == pytest.approx(ref, rel=1e-9, abs=1e-300)
                # Plotted: f − f* with f* = 0 on Himmelblau (floored at 1e-16 for the log axis).
                assert loss_item.yData[i] == pytest.approx(max(ref, 1e-16), rel=1e-6)
    # GD at lr 0.3 on Himmelblau (curvature ~ 100 near the start) must diverge.
    assert res.curves[0].diverged[-1]


def run_map(page, qtbot, cells: int, steps: int):
    page.cells.setValue(cells)
    page.steps.setValue(steps)
    page.lr_lo.setValue(1e-4)
    page.lr_hi.setValue(0.1)
    with qtbot.waitSignal(page.worker.sigFinished, timeout=30_000):
        page.row.run_button.click()
    QApplication.processEvents()
    return page.result


def test_clicking_a_map_cell_loads_lr_and_momentum_into_the_run(sweeps, explorer, qtbot):
    page = sweeps.map_page
    sweeps.setCurrentWidget(page)
    mom = slot_of(explorer, "momentum")
    explorer.controller.select(mom.key)
    page.refresh_from_race()
    res = run_map(page, qtbot, cells=6, steps=60)
    assert res.param == "momentum" and res.final_loss.shape == (6, 6)
    np.testing.assert_allclose(res.values, np.linspace(0, 0.99, 6))
    # Spot-check one cell against a single run with those values.
    surface, start = explorer.controller.surface, tuple(explorer.controller.race.starts[0])
    ref = final_loss(surface, "momentum", mom.config.hyper.with_(momentum=res.values[4]), res.lrs[2],
                     start, 60)  # fmt: skip
    assert res.final_loss[4, 2] == pytest.approx(ref, rel=1e-9) or (
        np.isinf(ref) and res.diverged[4, 2]
    )
    plot = page.plot
    QApplication.processEvents()
    p = plot.data_to_widget(2, 4)
    pos = QPoint(round(p.x()), round(p.y()))
    QTest.mouseMove(plot.viewport(), pos)
    QTest.mouseClick(
        plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )
    QApplication.processEvents()
    slot = explorer.controller.race.racer(mom.key)
    assert slot.lr == pytest.approx(res.lrs[2], rel=1e-12)
    assert slot.config.hyper.momentum == pytest.approx(res.values[4], rel=1e-12)
    assert slot.run.hyper.momentum == pytest.approx(res.values[4], rel=1e-12)  # live run too
    mx, my = plot.marker.getData()
    assert mx[0] == pytest.approx(np.log10(res.lrs[2])) and my[0] == pytest.approx(res.values[4])


def test_adam_map_is_over_beta1_and_gd_has_none(sweeps, explorer, qtbot):
    page = sweeps.map_page
    explorer.controller.select(slot_of(explorer, "adam").key)
    page.refresh_from_race()
    assert page.row.run_button.isEnabled() and "β₁" in page.about.text()
    res = run_map(page, qtbot, cells=4, steps=20)
    assert res.param == "beta1" and res.rule == "adam"
    explorer.controller.select(slot_of(explorer, "sgd").key)
    page.refresh_from_race()
    assert not page.row.run_button.isEnabled()
    assert "no second hyperparameter" in page.about.text()


def test_cancelling_a_map_draws_nothing(sweeps, explorer, qtbot):
    page = sweeps.map_page
    explorer.controller.select(slot_of(explorer, "momentum").key)
    page.refresh_from_race()
    page.cells.setValue(400)
    page.steps.setValue(200_000)
    with qtbot.waitSignal(page.worker.sigProgress, timeout=10_000):
        page.row.run_button.click()
    with qtbot.waitSignal(page.worker.sigCancelled, timeout=5_000):
        page.row.cancel_button.click()
    assert page.worker.wait(5.0)
    assert page.result is None and page.plot.result is None
    assert page.plot.image.image is None
    assert page.row.run_button.isEnabled()
