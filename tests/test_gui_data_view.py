"""The data view beside the surface: linear regression's examples and each racer's line, moving as
it learns, the examples an SGD / mini-batch step used ringed (checked against a hand-computed
update), the side plot against examples processed (GD n per step, SGD 1, mini-batch m), the
|∇f| plot, and lessons that ask for the data view opening it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from core.optim.estimates import Estimate
from core.race.racer import racer_config

pytestmark = pytest.mark.gui


@pytest.fixture
def data_race(main_window):
    tool = main_window.data_view
    tool.action.setChecked(True)
    c = main_window.explorer.controller
    c.set_surface_name("linear_regression")
    for r in list(c.racers):
        c.remove_run(r.key)
    keys = [
        c.add_run(racer_config("gd", 0.1)),
        c.add_run(racer_config("sgd", 0.05).with_(estimate=Estimate("sample"))),
        c.add_run(racer_config("sgd", 0.05).with_(estimate=Estimate("minibatch", batch=4))),
    ]
    yield main_window, tool, c, [c.race.racer(k) for k in keys]
    tool.action.setChecked(False)
    main_window.explorer.side.x_axis.setCurrentIndex(0)
    main_window.explorer.side.quantity.setCurrentIndex(0)


def _line_through(view, k: int) -> np.ndarray:
    x, y = view.lines[k].getData()
    return np.column_stack([x, y])


def test_examples_and_each_racers_line(data_race) -> None:
    win, tool, c, racers = data_race
    view = tool.view
    assert view.isVisible()
    s = c.surface
    pts = np.column_stack(view.points.getData())
    np.testing.assert_array_equal(pts, np.column_stack([s.X[:, 1], s.t]))  # (tᵢ, yᵢ), n of them
    before = [_line_through(view, k).copy() for k in range(3)]
    c.race.step(20)
    tool.refresh()
    for k, r in enumerate(racers):
        seg = _line_through(view, k)
        w0, w1 = r.run.w[0]
        np.testing.assert_allclose(seg[:, 1], w0 + w1 * seg[:, 0], rtol=1e-12)  # y = w₀ + w₁t
        assert not np.allclose(seg, before[k])  # it moved as the racer learned
    assert win.explorer.plot.plot.getAxis("bottom").labelText == "w₀"


def test_ringed_examples_are_the_ones_the_step_used(data_race) -> None:
    """Reproduce the last update by hand from the ringed examples: ℓ = (y − w₀ − w₁t)²."""
    _win, tool, c, racers = data_race
    c.race.step(7)
    before = [r.run.w[0].copy() for r in racers]
    c.race.step(1)
    tool.refresh()
    rings = tool.view.used_examples()
    assert len(rings[0]) == 0  # GD reads every example: nothing singled out
    assert [len(rings[1]), len(rings[2])] == [1, 4]
    for k in (1, 2):
        t, y = rings[k][:, 0], rings[k][:, 1]
        w0, w1 = before[k]
        r = y - w0 - w1 * t
        g = np.array([-2 * r.mean(), -2 * (r * t).mean()])
        np.testing.assert_allclose(racers[k].run.w[0], before[k] - 0.05 * g, rtol=1e-12)


def test_side_plot_against_examples_processed(data_race) -> None:
    win, _tool, c, _racers = data_race
    side = win.explorer.side
    side.x_axis.setCurrentIndex(side.x_axis.findData("examples"))
    c.race.step(10)
    win.explorer._refresh_slow()
    n = c.surface.n_samples
    ends = [float(side._loss[k].getData()[0][-1]) for k in range(3)]
    assert ends == [10.0 * n, 10.0, 40.0]  # GD n per step, SGD 1, mini-batch 4
    assert side.loss_plot.getPlotItem().getAxis("bottom").labelText == "examples processed"


def test_gradient_norm_plot_falls_at_the_saddle(main_window) -> None:
    c = main_window.explorer.controller
    c.set_surface_name("saddle")
    side = main_window.explorer.side
    side.quantity.setCurrentIndex(side.quantity.findData("grad"))
    try:
        c.race.step(300)
        main_window.explorer._refresh_slow()
        gd = next(k for k, r in enumerate(c.race.active()) if r.name == "GD")
        y = side._loss[gd].getData()[1]
        run = c.race.active()[gd].run
        g = run.trajectory.grad_norm[0, : run.trajectory.count]
        np.testing.assert_allclose(y, np.log10(g))  # log₁₀ |∇f|, falling step after step
        assert np.all(np.diff(y) < 0) and y[-1] < y[0] - 2
        assert "|∇f|" in side.loss_plot.getPlotItem().titleLabel.text
    finally:
        side.quantity.setCurrentIndex(0)


def test_lessons_with_data_view_open_it(main_window, tmp_path) -> None:
    from gui.lessons.controller import LessonsController

    ctl = LessonsController(main_window, None, tmp_path)
    main_window.data_view.action.setChecked(False)
    try:
        ctl.start("gd")
        QApplication.processEvents()
        assert main_window.data_view.action.isChecked() and main_window.data_view.view.isVisible()
        ctl.start("momentum")  # an analytic surface: no data view
        assert not main_window.data_view.action.isChecked()
        ctl.start("sgd")
        ctl.back_to_my_work()  # the user had it hidden: hidden again
        assert not main_window.data_view.action.isChecked()
    finally:
        ctl.back_to_my_work()
        ctl.shutdown()
        ctl.deleteLater()
        main_window.data_view.action.setChecked(False)


def test_the_data_view_is_built_when_first_shown(qapp, monkeypatch, tmp_path) -> None:
    """A fresh window has its View > Data action (and shortcut) but no data plot yet; the first
    Ctrl+Shift+L builds it above the side plots, showing the current surface's examples."""
    from gui.main_window import MainWindow

    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path / "data"))
    win = MainWindow()
    try:
        tool = win.data_view
        assert tool.action.shortcut().toString() == "Ctrl+Shift+L"
        assert tool.action in win.actions()
        assert tool._view is None
        win.explorer.controller.set_surface_name("linear_regression")
        assert tool._view is None  # a surface switch with the view hidden builds nothing
        tool.action.setChecked(True)
        view = tool._view
        assert view is not None and not view.isHidden()
        assert win.explorer.side.layout().indexOf(view) == 0
        n = len(win.explorer.controller.surface.t)
        assert len(view.points.getData()[0]) == n  # the examples of linear regression
        tool.action.setChecked(False)
        assert view.isHidden() and tool._view is view  # hidden, kept for next time
    finally:
        win.shutdown()
        win.close()
        win.deleteLater()
        qapp.processEvents()
