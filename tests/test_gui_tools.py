"""Explorer tools: explain step, overlays, run management, estimates, log scale, readout."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.test_gui_explorer import himmelblau, himmelblau_grad, select, slot_named

pytestmark = pytest.mark.gui


def test_explain_gd_step_matches_a_hand_computed_step(explorer, main_window) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    explorer.controller.step_once()
    QTest.keyClick(main_window, Qt.Key.Key_E)
    dlg = explorer.explain_dialog
    assert dlg is not None and dlg.isVisible()
    w = gd.run.w[0].copy()
    expected = w - 0.01 * himmelblau_grad(*w)
    ex = explorer.controller.explain(gd.key)
    assert np.allclose(ex.w_next, expected, atol=1e-12)
    assert dlg.formula.text() == "w ← w − η g"
    assert "η = lr(1) = 0.01" in dlg.body.toPlainText()
    dlg.step_button.click()
    assert np.allclose(gd.run.w[0], expected, atol=1e-12)
    assert "start" not in dlg.header.text()  # one start: nothing to say which
    explorer.controller.add_start(1.0, 1.0)
    explorer.open_explain()
    assert "GD · start 1" in dlg.header.text()  # several: it says which one it explains
    dlg.close()


def test_explain_textbook_adam_terms(explorer) -> None:
    adam = slot_named(explorer, "Adam")
    for _ in range(3):
        explorer.controller.step_once()
    r = adam.run
    w, m, v = r.w[0].copy(), r.state.m[0].copy(), r.state.v[0].copy()
    g = himmelblau_grad(*w)
    m1, v1 = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
    expected = w - 0.1 * m1 / np.sqrt(v1 + 1e-8)  # the slide's Adam: no bias correction
    ex = explorer.controller.explain(adam.key)
    assert np.allclose(ex.w_next, expected, atol=1e-12)
    assert any(line.startswith("h ← β₁ h + (1−β₁) g") for line in ex.lines)
    explorer.controller.step_once()
    assert np.allclose(r.w[0], expected, atol=1e-12)


def test_gradient_overlay_points_downhill(explorer) -> None:
    explorer.controller.restart_at(1.0, 1.0)
    segs = explorer.controller.overlays({"gradient"})["gradient"]
    gd_first = segs[:2]  # the first run's shaft: head → head + shown(−∇f)
    assert np.allclose(gd_first[0], (1.0, 1.0))
    d = gd_first[1] - gd_first[0]
    g = himmelblau_grad(1.0, 1.0)
    cos = float(d @ -g / np.linalg.norm(d) / np.linalg.norm(g))
    assert cos == pytest.approx(1.0, abs=1e-12)


def test_velocity_and_eigen_overlays(explorer, qtbot) -> None:
    c = explorer.controller
    for _ in range(3):
        c.step_once()
    assert "velocity" in c.overlays({"velocity"})  # Momentum is in the default race
    c.set_surface_name("saddle")
    c.restart_at(0.05, 0.02)
    eig = c.overlays({"eigen"})
    # x² − y²: eigen-directions are the axes (negative curvature along y).
    neg = eig["eig_neg"][:2]
    pos = eig["eig_pos"][:2]
    assert abs((neg[1] - neg[0])[0]) < 1e-12 and abs((pos[1] - pos[0])[1]) < 1e-12


def test_add_duplicate_remove_enable_runs(explorer) -> None:
    c = explorer.controller
    panel = explorer.runs
    panel.add_button.click()
    assert len(c.racers) == 4
    new = c.racers[-1]
    assert c.selected is new
    panel.dup_button.click()
    assert len(c.racers) == 5
    assert c.racers[-1].config.rule == new.config.rule and c.racers[-1].colour != new.colour
    assert len({s.colour for s in c.racers}) == 5
    panel.remove_button.click()
    assert len(c.racers) == 4
    item = panel.list.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    gd = c.racers[0]
    assert not gd.enabled
    t = gd.run.t
    c.step_once()
    assert gd.run.t == t  # a disabled run sits out
    assert explorer.legend.rowCount() == 3
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert gd.enabled and explorer.legend.rowCount() == 4


def test_rule_change_is_live_and_rule_tooltips_show_the_update(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    combo = explorer.runs.rule
    i = combo.findData("rmsprop")
    assert "G ← α G + (1−α) g²" in combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(i)
    combo.activated.emit(i)
    assert gd.config.rule == "rmsprop" and gd.run.rule == "rmsprop"
    assert explorer.runs.hyper.form.isRowVisible(explorer.runs.hyper.spins["alpha"])
    assert not explorer.runs.hyper.form.isRowVisible(explorer.runs.hyper.spins["beta1"])


def test_noise_estimate_and_no_minibatch_on_analytic_surfaces(explorer) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    combo = explorer.runs.estimate
    assert not combo.model().item(combo.findData("minibatch")).isEnabled()
    combo.setCurrentIndex(combo.findData("noise"))
    combo.activated.emit(combo.currentIndex())
    explorer.runs.sigma.setValue(0.5)
    assert gd.config.estimate.kind == "noise" and gd.config.estimate.sigma == pytest.approx(0.5)
    assert gd.name == "SGD (noise σ=0.5)"


def test_minibatch_on_a_data_surface(explorer, qtbot) -> None:
    from surfaces.registry import surface_names

    data = [n for n in surface_names() if n.startswith("linear_regression")]
    if not data:
        pytest.skip("no data-defined surface registered")
    explorer.controller.set_surface_name(data[0])
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    combo = explorer.runs.estimate
    assert combo.model().item(combo.findData("minibatch")).isEnabled()
    explorer.runs.batch.setValue(4)
    combo.setCurrentIndex(combo.findData("minibatch"))
    combo.activated.emit(combo.currentIndex())
    assert gd.run.estimate.kind == "minibatch" and gd.run.estimate.batch == 4


def test_log_scale_key_and_surface_switch(explorer, main_window, qtbot) -> None:
    assert not explorer.plot.heatmap.log
    QTest.keyClick(main_window, Qt.Key.Key_L)
    assert explorer.plot.heatmap.log and explorer.log_box.isChecked()
    with qtbot.waitSignal(explorer.controller.sigCriticalReady, timeout=10000):
        picker = explorer.picker
        picker.setCurrentIndex(picker.findData("six_hump_camel"))
        picker.activated.emit(picker.currentIndex())
    # REFERENCE.md §4: 6 minima, 2 maxima and 7 saddles in [−2, 2] × [−1, 1]
    kinds = [c.kind for c in explorer.controller.race.critical]
    assert kinds.count("minimum") == 6 and kinds.count("saddle") == 7
    assert len(explorer.plot.critical.data) == len(kinds)


def test_cursor_readout(explorer, main_window) -> None:
    explorer.plot.sigCursorMoved.emit(1.0, 2.0)
    text = main_window.readout.text()
    assert f"f = {himmelblau(1.0, 2.0):.6g}" in text
    assert f"|∇f| = {np.hypot(*himmelblau_grad(1.0, 2.0)):.4g}" in text


def test_network_open_in_explorer(main_window) -> None:
    from surfaces.registry import get_surface

    net = main_window.network_tab()
    main_window.show_tab("network")
    net.sigOpenInExplorer.emit(get_surface("booth"))
    assert main_window.tabs.currentWidget() is main_window.explorer
    assert main_window.explorer.controller.surface.name == "booth"
    assert main_window.explorer.picker.currentText().strip() == "Booth"


def test_a_rejected_schedule_edit_shows_a_message_and_keeps_the_old_value(
    explorer, main_window
) -> None:
    gd = slot_named(explorer, "GD")
    select(explorer, gd)
    panel = explorer.schedule
    panel.mode.setCurrentIndex(panel.mode.findData("triangular"))
    panel.mode.activated.emit(panel.mode.currentIndex())
    base = gd.config.schedule.base_lr
    panel.widgets["base_lr"].setValue(5.0)  # above max-lr (0.01): not a valid triangular cycle
    assert gd.config.schedule.base_lr == base
    assert "max-lr" in main_window.statusBar().currentMessage()
    assert panel.widgets["base_lr"].value() == pytest.approx(base)


def test_installed_tools_share_the_menus_without_clashing_shortcuts(main_window) -> None:
    seen: dict[str, str] = {}
    for top in main_window.menuBar().actions():
        for a in top.menu().actions():
            key = a.shortcut().toString()
            if key:
                assert key not in seen, f"{key} used by {seen[key]} and {a.text()}"
                seen[key] = a.text()
    assert {"Ctrl+E", "Ctrl+B", "Space", "E", "Ctrl+Q"} <= set(seen)


def test_hovering_a_critical_point_names_it(explorer, qtbot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    saddle = next(c for c in explorer.controller.race.critical if c.kind == "saddle")
    plot = explorer.plot
    QApplication.processEvents()
    p = plot.data_to_widget(saddle.x, saddle.y)
    for dx in (6, 3, 0):  # approach it, as a hand would
        QTest.mouseMove(plot.viewport(), QPoint(round(p.x()) + dx, round(p.y())))
    qtbot.waitUntil(lambda: "saddle" in plot.vb.toolTip(), timeout=2000)
    tip = plot.vb.toolTip()
    assert "saddle" in tip and f"{saddle.value:.5g}" in tip


def test_choosing_a_run_colour_recolours_it_everywhere(explorer, monkeypatch) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    adam = slot_named(explorer, "Adam")
    select(explorer, adam)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    explorer.runs.colour.click()
    assert adam.colour == "#123456"
    explorer.controller.step_once()
    row = [s.key for s in explorer.controller.race.active()].index(adam.key)
    assert explorer.legend.item(row, 0).background().color().name() == "#123456"
    thin, _ = explorer.plot._trails[row]
    assert thin.opts["pen"].color().name() == "#123456"


def test_fit_view_after_zooming(explorer, main_window) -> None:
    vb = explorer.plot.vb
    vb.scaleBy((0.25, 0.25))
    assert vb.viewRange()[0][1] - vb.viewRange()[0][0] < 5
    QTest.keyClick(main_window, Qt.Key.Key_F)
    (x0, x1), (y0, y1) = vb.viewRange()
    # The whole domain [-5, 5]² at equal scale: one axis shows exactly it, the other centred
    # around it with room to spare, and one data unit spans as many pixels across as up.
    tight = [(x0, x1) == pytest.approx((-5, 5)), (y0, y1) == pytest.approx((-5, 5))]
    assert any(tight)
    assert x0 <= -5 + 1e-9 and x1 >= 5 - 1e-9 and y0 <= -5 + 1e-9 and y1 >= 5 - 1e-9
    assert x0 + x1 == pytest.approx(0, abs=1e-9) and y0 + y1 == pytest.approx(0, abs=1e-9)
    size = vb.size()
    assert size.width() / (x1 - x0) == pytest.approx(size.height() / (y1 - y0), rel=1e-3)


def test_leaving_the_explorer_pauses_and_disables_its_keys(explorer, main_window) -> None:
    explorer.controller.play()
    main_window.show_tab("network")
    assert not explorer.controller.playing
    assert not explorer.actions["play"].isEnabled()
    main_window.show_tab("explorer")
    assert explorer.actions["play"].isEnabled()


def test_a_drawn_surface_gets_its_critical_points_from_the_search(explorer, qtbot) -> None:
    drawn = pytest.importorskip("surfaces.drawn")
    surface = drawn.DrawnSurface("booth", [drawn.Bump(-4.0, 4.0, 50.0, 0.8)])
    with qtbot.waitSignal(explorer.controller.sigCriticalReady, timeout=10000):
        explorer.controller.set_surface(surface)
    assert explorer.picker.currentText().strip() == surface.title  # listed under "Opened"
    kinds = sorted(c.kind for c in explorer.controller.race.critical)
    assert "minimum" in kinds  # Booth's (1, 3), now found by the search
    assert any(
        abs(c.x - 1) < 1e-3 and abs(c.y - 3) < 1e-3 for c in explorer.controller.race.critical
    )


def test_an_edited_drawing_keeps_the_starts_and_uses_the_given_values(explorer, qtbot) -> None:
    drawn = pytest.importorskip("surfaces.drawn")
    c = explorer.controller
    surface = drawn.DrawnSurface("himmelblau")
    with qtbot.waitSignal(c.sigCriticalReady, timeout=10000):
        c.set_surface(surface)
    c.restart_at(1.0, -1.0)
    grid = drawn.DrawnGrid(surface, n=explorer.grid)
    grid.add_bump(drawn.Bump(0.0, 0.0, -80.0, 1.0))  # dig a well at the origin
    with qtbot.waitSignal(c.sigCriticalReady, timeout=10000):
        c.set_surface(surface, values=grid.z, keep_starts=True)
    assert np.allclose(c.race.starts, [[1.0, -1.0]])
    assert all(s.run.t == 0 for s in c.race.active())
    assert explorer._z is grid.z  # the heatmap shows the given values, not a recompute
    f00 = himmelblau(0.0, 0.0) - 80.0
    assert float(surface.value(np.array([0.0, 0.0]))) == pytest.approx(f00)
