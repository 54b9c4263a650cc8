"""Basin overlay in the Explorer: computed in a worker, drawn only when complete, cancellable."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from core.analysis.basins import DIVERGED, UNCONVERGED
from core.runs.run import Run

pytestmark = pytest.mark.gui

# Himmelblau's four minima (REFERENCE.md §4).
MINIMA = np.array(
    [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
)


@pytest.fixture
def panel(main_window, qtbot):
    """The window's basin panel, its dock shown."""
    from PySide6.QtWidgets import QDockWidget

    dock = main_window.findChild(QDockWidget, "basins_dock")
    dock.show()
    p = dock.widget()
    main_window.explorer.controller.wait_for_critical()
    QApplication.processEvents()
    yield p
    p.shutdown()


def compute(panel, qtbot, grid: int, steps: int, area: str = "whole surface"):
    panel.area.setCurrentText(area)
    panel.grid.setValue(grid)
    panel.steps.setValue(steps)
    with qtbot.waitSignal(panel.worker.sigFinished, timeout=30_000):
        panel.compute_button.click()
    QApplication.processEvents()
    return panel.result


def pixel(widget, x: float, y: float) -> np.ndarray:
    """RGB of the plot at data point (x, y)."""
    img = widget.grab().toImage()
    p = widget.data_to_widget(x, y)
    c = img.pixelColor(round(p.x() * img.devicePixelRatio()), round(p.y() * img.devicePixelRatio()))
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def test_himmelblau_basins_show_four_minima_with_fractions_summing_to_one(panel, explorer, qtbot):
    gd = next(s for s in explorer.controller.racers if s.config.rule == "sgd")
    explorer.controller.select(gd.key)
    res = compute(panel, qtbot, grid=32, steps=400)
    assert res.labels.shape == (32, 32)
    assert [a.kind for a in res.attractors] == ["minimum"] * 4
    found = np.array([(a.x, a.y) for a in res.attractors])
    for m in MINIMA:  # each reference minimum is one attractor
        assert np.min(np.hypot(*(found - m).T)) < 1e-3
    total = sum(a.fraction for a in res.attractors) + res.diverged + res.unconverged
    assert total == pytest.approx(1.0, abs=1e-12)
    assert all(a.fraction > 0.1 for a in res.attractors)  # four comparable basins
    # Drawn: one colour per attractor in the overlay image, a legend row per attractor.
    img = panel.overlay.image.image
    colours = {tuple(c) for c in img.reshape(-1, 4)[:, :3]}
    assert len(colours) == 4
    assert panel.overlay.drawn
    assert panel.legend.text().count("minimum at") == 4


def test_a_cell_is_labelled_where_a_single_run_from_it_ends(panel, explorer, qtbot):
    """The label of one cell agrees with an independent generic Run from that cell's centre."""
    gd = next(s for s in explorer.controller.racers if s.config.rule == "sgd")
    explorer.controller.select(gd.key)
    res = compute(panel, qtbot, grid=24, steps=400)
    for i, j in ((3, 20), (20, 20), (12, 2), (5, 5)):
        run = Run(explorer.controller.surface, gd.config.rule, gd.config.hyper, gd.config.schedule,
                  [(res.xs[i], res.ys[j])], record=False)  # fmt: skip
        run.step(400)
        lab = res.labels[j, i]
        assert lab not in (DIVERGED, UNCONVERGED)
        a = res.attractors[lab]
        assert np.hypot(run.w[0, 0] - a.x, run.w[0, 1] - a.y) < 0.05


def test_overlay_tints_the_plot_and_follows_toggle_and_opacity(panel, explorer, qtbot):
    explorer.controller.pause()
    res = compute(panel, qtbot, grid=32, steps=300)
    plot = explorer.plot
    plot.overlays.key.hide()  # the arrows' key may sit in this corner
    x, y = 4.2, 4.2  # away from markers and trails
    i = int((x - res.domain[0]) / (res.domain[1] - res.domain[0]) * 32)
    j = int((y - res.domain[2]) / (res.domain[3] - res.domain[2]) * 32)
    rgba = panel.overlay.image.image[j, i, :3].astype(float)
    panel.opacity.setValue(100)
    QApplication.processEvents()
    on = pixel(plot, x, y)
    assert np.abs(on - rgba).max() <= 3
    panel.show_box.setChecked(False)
    QApplication.processEvents()
    off = pixel(plot, x, y)
    assert np.abs(off - rgba).max() > 20
    assert not panel.overlay.drawn


def test_cancel_stops_the_worker_and_draws_nothing(panel, qtbot):
    panel.area.setCurrentText("whole surface")
    panel.grid.setValue(512)
    panel.steps.setValue(200_000)  # minutes of work if it were not cancelled
    with qtbot.waitSignal(panel.worker.sigProgress, timeout=10_000):
        panel.compute_button.click()
    assert panel.cancel_button.isEnabled()
    with qtbot.waitSignal(panel.worker.sigCancelled, timeout=5_000):
        panel.cancel_button.click()
    assert panel.worker.wait(5.0)
    QApplication.processEvents()
    assert panel.result is None
    assert not panel.overlay.drawn and not panel.overlay.image.isVisible()
    assert panel.overlay.image.image is None
    assert panel.compute_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert "Cancelled" in panel.status.text()


def test_new_surface_clears_the_overlay(panel, explorer, qtbot):
    compute(panel, qtbot, grid=16, steps=100)
    assert panel.overlay.drawn
    explorer.controller.set_surface_name("booth")
    QApplication.processEvents()
    assert not panel.overlay.drawn and panel.result is None
    assert panel.legend.text() == ""


def test_view_menu_action_toggles_the_dock(main_window):
    from PySide6.QtWidgets import QDockWidget

    dock = main_window.findChild(QDockWidget, "basins_dock")
    action = dock.toggleViewAction()
    assert action.shortcut().toString() == "Ctrl+B"
    view = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&View")
    assert action in view.actions()
    assert not dock.isVisible()
    action.trigger()
    assert dock.isVisible()
    dock.widget().shutdown()


# --- the generic worker ------------------------------------------------------------------------
def test_worker_reports_progress_then_the_result(qtbot):
    from gui.widgets.worker import TaskWorker

    w = TaskWorker()
    seen: list[float] = []
    w.sigProgress.connect(seen.append)

    def task(progress, cancel):
        for i in range(1, 5):
            progress(i / 4)
        return 42

    with qtbot.waitSignal(w.sigFinished, timeout=5_000) as blocker:
        w.start(task)
    assert blocker.args == [42]
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert w.wait(5.0)


def test_worker_turns_an_exception_into_a_message(qtbot):
    from gui.widgets.worker import TaskWorker

    w = TaskWorker()

    def task(progress, cancel):
        raise ValueError("the grid must be at least 2")

    with qtbot.waitSignal(w.sigFailed, timeout=5_000) as blocker:
        w.start(task)
    assert blocker.args == ["the grid must be at least 2"]


def test_a_bug_in_a_task_keeps_its_traceback_on_stderr_bad_input_does_not(qtbot, capfd):
    from gui.widgets.worker import TaskWorker
    from surfaces.errors import UserError

    w = TaskWorker()
    for exc in (UserError("the grid must be at least 2"), KeyError("oops")):

        def task(progress, cancel, exc=exc):
            raise exc

        with qtbot.waitSignal(w.sigFailed, timeout=5_000):
            w.start(task)
        assert w.wait(5.0)
        err = capfd.readouterr().err
        assert ("Traceback" in err) == isinstance(exc, KeyError)


def test_a_new_task_supersedes_the_running_one(qtbot):
    """Only the newest task's result arrives; the old one sees its cancel flag and stops."""
    import threading

    from gui.widgets.worker import TaskWorker

    w = TaskWorker()
    results: list[object] = []
    cancels: list[object] = []
    w.sigFinished.connect(results.append)
    w.sigCancelled.connect(lambda: cancels.append(True))
    started, stopped = threading.Event(), threading.Event()

    def slow(progress, cancel):
        started.set()
        while not cancel():
            threading.Event().wait(0.001)
        stopped.set()
        return "old"

    w.start(slow)
    assert started.wait(5.0)
    with qtbot.waitSignal(w.sigFinished, timeout=5_000):
        w.start(lambda progress, cancel: "new")
    assert stopped.wait(5.0)
    qtbot.waitUntil(lambda: not w.running)
    QApplication.processEvents()
    assert results == ["new"] and cancels == []
