"""The run editor shows exactly the fields the run reads: the rule's hyperparameters from its row of
the rule table (RMSprop's momentum μ and centered, weight decay, ...), the schedule's fields from
the schedule table (cyclic modes: explicit base and max lr, no η slider), and an lr(t) preview
that stays readable however long the run and is never cut by the panel's scroll bar."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from core.optim.schedules import MODES, READS
from core.optim.table import RULES
from tests.test_gui_explorer import himmelblau_grad, select, slot_named

pytestmark = pytest.mark.gui

# What each rule reads besides η, written out from REFERENCE.md §1 (independent of the table).
READ_BY_RULE = {
    "sgd": {"weight_decay"},
    "momentum": {"momentum", "weight_decay"},
    "nesterov": {"momentum", "weight_decay"},
    "adagrad": {"eps", "weight_decay"},
    "rmsprop": {"alpha", "eps", "rms_momentum", "centered", "weight_decay"},
    "adam": {"beta1", "beta2", "eps", "bias_correction", "weight_decay"},
    "adamw": {"beta1", "beta2", "eps", "bias_correction", "weight_decay"},
    "amsgrad": {"beta1", "beta2", "eps", "bias_correction", "weight_decay"},
    "newton": {"eps"},
    "sfn": {"eps"},
}


def visible_hyper_rows(hyper) -> set[str]:
    rows = {n for n, w in hyper.spins.items() if hyper.form.isRowVisible(w)}
    rows |= {n for n, w in hyper.switches.items() if hyper.form.isRowVisible(w)}
    if hyper.form.isRowVisible(hyper.eps):
        rows.add("eps")
    return rows


@pytest.mark.parametrize("rule", list(RULES))
def test_the_editor_shows_exactly_what_the_rule_reads(rule, explorer) -> None:
    c = explorer.controller
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    runs = explorer.runs
    runs.rule.setCurrentIndex(runs.rule.findData(rule))
    runs.rule.activated.emit(runs.rule.currentIndex())  # as the user picks it
    QApplication.processEvents()
    assert c.race.racer(gd.key).config.rule == rule
    assert visible_hyper_rows(runs.hyper) == READ_BY_RULE[rule]
    assert runs.hyper.form.isRowVisible(runs.hyper.lr)  # a constant rate: the η slider


def test_rmsprop_momentum_and_centered_fields_drive_the_run(explorer) -> None:
    """μ and centered edited in the panel: the next step is torch.optim.RMSprop's."""
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    runs = explorer.runs
    runs.rule.setCurrentIndex(runs.rule.findData("rmsprop"))
    runs.rule.activated.emit(runs.rule.currentIndex())
    runs.convention.setCurrentIndex(runs.convention.findData("pytorch"))
    runs.convention.activated.emit(runs.convention.currentIndex())
    runs.hyper.spins["rms_momentum"].setValue(0.5)
    runs.hyper.switches["centered"].setChecked(True)
    runs.hyper.spins["weight_decay"].setValue(0.1)
    r = explorer.controller.race.racer(gd.key)
    h = r.config.hyper
    assert (h.rms_momentum, h.centered, h.weight_decay) == (0.5, True, 0.1)
    w = r.run.w[0].copy()
    explorer.controller.step_once()
    g = himmelblau_grad(*w) + 0.1 * w
    a, eps, lr = h.alpha, h.eps, r.config.schedule.lr
    v, gbar = (1 - a) * g * g, (1 - a) * g
    b = g / (np.sqrt(v - gbar**2) + eps)  # μ·0 + g/(√ṽ + ε), the first step
    np.testing.assert_allclose(r.run.w[0], w - lr * b, rtol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_schedule_fields_are_what_the_schedule_reads(mode, explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData(mode))
    panel.mode.activated.emit(panel.mode.currentIndex())
    QApplication.processEvents()
    shown = {n for n, w in panel.widgets.items() if panel.form.isRowVisible(w)}
    assert shown == set(READS[mode]) - {"lr"}
    # η is the run's slider: shown exactly when the schedule reads it.
    assert explorer.runs.hyper.form.isRowVisible(explorer.runs.hyper.lr) == ("lr" in READS[mode])


def test_triangular_has_its_own_max_lr_field(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData("triangular"))
    panel.mode.activated.emit(panel.mode.currentIndex())
    panel.widgets["max_lr"].setValue(0.02)
    panel.widgets["base_lr"].setValue(0.002)
    s = explorer.controller.race.racer(gd.key).config.schedule
    assert (s.base_lr, s.max_lr) == (0.002, 0.02)
    # t = 0: lr = base; the next step uses it.
    w = gd.run.w[0].copy()
    explorer.controller.step_once()
    np.testing.assert_allclose(gd.run.w[0], w - 0.002 * himmelblau_grad(*w), rtol=1e-12)
    # Peak at t = s = 20: the field's value, not the old η.
    assert s.at(20) == pytest.approx(0.02)


def test_the_preview_is_a_readable_window_around_the_current_step(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData("triangular"))
    panel.mode.activated.emit(panel.mode.currentIndex())
    explorer.controller.race.step(2000)
    explorer.controller.pause()
    r = explorer.controller.race.racer(gd.key)
    panel.show_schedule(r.config.schedule, r.t, r.colour)
    (x0, x1), _ = panel.plot.getPlotItem().vb.viewRange()
    assert x0 <= 2000 <= x1
    assert x1 - x0 < 10 * r.config.schedule.step_size  # a few cycles, not 50 of them
    _, lrs = panel.curve.getData()
    peaks = np.sum((lrs[1:-1] > lrs[:-2]) & (lrs[1:-1] >= lrs[2:]))
    assert 2 <= peaks <= 4
    assert panel.marker.value() == 2000


def test_the_preview_is_not_cut_by_the_scroll_bar(main_window, explorer) -> None:
    main_window.resize(1280, 760)  # the panel needs scrolling at this height
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData("exp_range"))  # the most fields
    panel.mode.activated.emit(panel.mode.currentIndex())
    QApplication.processEvents()
    scroll = next(w for w in explorer.findChildren(QScrollArea) if w.isAncestorOf(panel))
    scroll.ensureWidgetVisible(panel.plot)
    QApplication.processEvents()
    vp = scroll.viewport()
    right = panel.plot.mapTo(vp, panel.plot.rect().topRight()).x()
    assert right < vp.width()
    bar = scroll.verticalScrollBar()
    if bar.isVisible():
        left_of_bar = bar.mapTo(scroll, QPoint(0, 0)).x()
        assert panel.plot.mapTo(scroll, panel.plot.rect().topRight()).x() < left_of_bar
    # The bottom axis' labels are inside the plot widget (the last one too).
    axis = panel.plot.getPlotItem().getAxis("bottom")
    box = axis.mapRectToScene(axis.boundingRect())
    assert box.right() <= panel.plot.width() + 0.5


def test_the_wheel_scrolls_the_panel_and_leaves_the_boxes_alone(main_window, explorer) -> None:
    """Found on a walk through the window: scrolling the side panel with the wheel changed the
    rule and convention of the selected run as their boxes passed under the cursor."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    main_window.resize(1280, 700)
    QApplication.processEvents()
    runs = explorer.runs
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    explorer.plot.setFocus()
    scroll = next(w for w in explorer.findChildren(QScrollArea) if w.isAncestorOf(runs))
    bar = scroll.verticalScrollBar()
    bar.setValue(0)
    for box in (runs.rule, runs.convention, runs.hyper.lr.slider, runs.hyper.spins["momentum"]):
        centre = QPointF(box.rect().center())
        ev = QWheelEvent(centre, box.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                         Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(box, ev)
    c = explorer.controller.race.racer(gd.key).config
    assert (c.rule, c.hyper.convention, c.schedule.lr) == ("sgd", "textbook", 0.01)
    assert bar.value() > 0  # the panel scrolled instead
    # Focused (clicked or tabbed to), a box still takes the wheel.
    runs.rule.setFocus()
    centre = QPointF(runs.rule.rect().center())
    QApplication.sendEvent(runs.rule, QWheelEvent(
        centre, runs.rule.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False))  # fmt: skip
    assert runs.rule.currentIndex() != runs.rule.findData("sgd")
