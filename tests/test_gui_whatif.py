"""What-if mode through the window: a real slider drag redraws every path from its start (throttled,
ending on the last value's path), the ghost of the paths before the drag goes when it ends, and
turning the mode off races live again from the current settings."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from core.optim.estimates import Estimate
from core.race.racer import racer_config
from core.runs.run import Run

pytestmark = pytest.mark.gui


@pytest.fixture
def whatif(main_window):
    """The window's what-if mode, off again (and its horizon back) after the test."""
    mode = main_window.whatif
    yield mode
    mode.action.setChecked(False)
    mode.horizon.setValue(300)


def fresh_path(race, racer, steps: int) -> np.ndarray:
    """The oracle: a Run of the racer's settings from the race's starts, built and stepped here."""
    c = racer.config
    run = Run(race.surface, c.rule, c.hyper, c.schedule, race.starts, c.estimate, seed=c.seed)
    run.step(steps)
    return run.trajectory.xy[:, : run.trajectory.count].copy()


def shown(racer) -> np.ndarray:
    tr = racer.run.trajectory
    return tr.xy[:, : tr.count]


def handle_centre(slider) -> QPoint:
    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                         QStyle.SubControl.SC_SliderHandle, slider)  # fmt: skip
    return rect.center()


def counter(mode) -> list[int]:
    passes: list[int] = []
    mode.sigRedrawn.connect(passes.append)
    return passes


def test_turning_on_recomputes_every_path_and_pauses(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    c.play()
    qtbot.waitUntil(lambda: c.race.t > 3)
    whatif.action.trigger()
    assert whatif.on and not c.playing
    assert explorer.legend.value(0, "step") == "300"
    for r in c.racers:
        assert r.run.t == 300 and np.array_equal(shown(r), fresh_path(c.race, r, 300))
    assert whatif.banner.isVisible() and whatif.horizon.text() == "300 steps"


def test_dragging_the_lr_slider_redraws_the_whole_path_throttled(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    gd = c.racers[0]
    c.select(gd.key)
    whatif.action.trigger()
    before = shown(gd).copy()
    passes = counter(whatif)
    slider = explorer.runs.hyper.lr.slider
    slider.setFocus()
    start = handle_centre(slider)
    adopted = whatif.core.adopted
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    values, ghost_during = [], []
    for i in range(1, 21):  # 20 values, each a real mouse move with the button held
        QTest.mouseMove(slider, start + QPoint(-2 * i, 0))
        values.append(slider.value())
        QApplication.processEvents()
        ghost_during.append(whatif.ghost_shown)
    assert slider.isSliderDown() and len(set(values)) == 20
    assert 1 <= len(passes) <= 20
    assert all(ghost_during)  # the paths before the drag stay faintly visible while it lasts
    ghost_xy = whatif._ghost_items[0].getData()
    assert np.allclose(ghost_xy[0][: len(before[0])], before[0][:, 0])
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(-40, 0))  # fmt: skip
    qtbot.waitUntil(lambda: not whatif._pending.isActive())
    assert not whatif.ghost_shown  # the drag ended: the ghost is gone
    last = explorer.runs.hyper.lr.value()
    assert gd.lr == last and last < 0.01
    assert np.array_equal(shown(gd), fresh_path(c.race, gd, 300))  # the last value's path
    assert not np.array_equal(shown(gd), before)
    # every redraw of the drag took its path from the batch computed when the slider was pressed
    assert whatif.core.adopted - adopted == len(passes)
    assert explorer.legend.value(0, "lr") == f"{last:.4g}"


def test_many_changes_at_once_cost_one_pass_with_the_latest_values(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    whatif.action.trigger()
    passes = counter(whatif)
    mom = c.racers[1]
    for v in np.linspace(0.001, 0.006, 20):  # faster than a pass: nothing queues up
        c.edit_run(mom.key, {"lr": float(v)})
    qtbot.waitUntil(lambda: passes == [1])
    QApplication.processEvents()
    assert passes == [1] and mom.lr == 0.006
    assert np.array_equal(shown(mom), fresh_path(c.race, mom, 300))


def test_turning_off_races_live_from_the_current_settings(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    c.play()
    whatif.action.trigger()
    adam = c.racers[2]
    c.edit_run(adam.key, {"lr": 0.05})
    c.move_start(0, 1.0, -4.0)
    whatif.action.trigger()  # off: the change still waiting is applied first, then play resumes
    assert not whatif.on and c.playing
    assert not whatif.banner.isVisible()
    c.pause()
    t = c.race.t
    assert t >= 300
    for r in c.racers:
        assert r.config.schedule.lr == (0.05 if r is adam else r.config.schedule.lr)
        assert np.array_equal(shown(r), fresh_path(c.race, r, r.run.t))
    assert np.array_equal(c.race.starts, [[1.0, -4.0]])


def test_step_or_play_while_on_goes_live(explorer, main_window, whatif, qtbot) -> None:
    c = explorer.controller
    whatif.action.trigger()
    QTest.keyClick(main_window, Qt.Key.Key_S)  # one step by hand
    assert not whatif.on and c.race.t == 301
    QTest.keyClick(main_window, Qt.Key.Key_I)  # the shortcut turns it on again
    assert whatif.on and c.race.t == 300
    explorer.actions["play"].trigger()
    assert not whatif.on and c.playing


def test_horizon_and_reset(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    whatif.action.trigger()
    whatif.horizon.setValue(5000)
    qtbot.waitUntil(lambda: c.race.t == 5000)
    assert whatif.horizon.maximum() == 5000
    whatif.horizon.setValue(120)
    qtbot.waitUntil(lambda: c.race.t == 120)
    c.reset()  # the runs are rebuilt at step 0; the mode puts their paths back
    qtbot.waitUntil(lambda: c.race.t == 120)
    assert whatif.on


def test_new_seed_shows_another_noise_sample(explorer, main_window, whatif, qtbot) -> None:
    c = explorer.controller
    whatif.action.trigger()
    assert whatif.seed_action.isEnabled()
    whatif.seed_action.trigger()  # no random gradient: a message says what to choose
    assert "random gradient" in main_window.statusBar().currentMessage()
    key = c.add_run(racer_config("sgd", 0.01).with_(estimate=Estimate("noise", sigma=3.0)))
    qtbot.waitUntil(lambda: not whatif.core.stale())
    noisy = c.race.racer(key)
    old, seed = shown(noisy).copy(), noisy.config.seed
    whatif.seed_action.trigger()
    assert noisy.config.seed != seed
    qtbot.waitUntil(lambda: not whatif.core.stale())
    assert not np.array_equal(shown(noisy), old)
    assert np.array_equal(shown(noisy), fresh_path(c.race, noisy, 300))


def test_dragging_a_start_recomputes_and_ghost_fades(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    whatif.action.trigger()
    before = [shown(r).copy() for r in c.racers]
    c.move_start(0, -1.0, -4.0)
    qtbot.waitUntil(lambda: not whatif.core.stale())
    assert whatif.ghost_shown  # not a slider drag: the ghost stays a moment ...
    for r, old in zip(c.racers, before, strict=True):
        assert not np.array_equal(shown(r), old)
        assert np.array_equal(shown(r), fresh_path(c.race, r, 300))
    qtbot.waitUntil(lambda: not whatif.ghost_shown, timeout=5000)  # ... then goes


def test_the_network_tab_turns_it_off(main_window, whatif) -> None:
    whatif.action.trigger()
    main_window.show_tab("network")
    assert not whatif.on and not whatif.action.isEnabled()
    main_window.show_tab("explorer")
    assert whatif.action.isEnabled()


def test_dragging_the_momentum_slider_redraws_its_path(explorer, whatif, qtbot) -> None:
    c = explorer.controller
    mom = c.racers[1]
    c.select(mom.key)
    whatif.action.trigger()
    slider = explorer.runs.hyper.sliders["momentum"]
    assert slider.isVisible() and slider.value() == 900
    assert not explorer.runs.hyper.sliders["beta1"].isVisible()  # momentum reads no β₁
    start = handle_centre(slider)
    passes, adopted = counter(whatif), whatif.core.adopted
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 11):
        QTest.mouseMove(slider, start + QPoint(-6 * i, 0))
        QApplication.processEvents()
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(-60, 0))  # fmt: skip
    qtbot.waitUntil(lambda: not whatif.core.stale())
    assert mom.config.hyper.momentum == pytest.approx(slider.value() / 1000)
    assert mom.config.hyper.momentum < 0.9
    assert explorer.runs.hyper.spins["momentum"].value() == mom.config.hyper.momentum
    assert np.array_equal(shown(mom), fresh_path(c.race, mom, 300))
    assert not whatif.ghost_shown
    assert whatif.core.adopted - adopted == len(passes) > 0  # each from the batch


def test_a_new_surface_drops_the_ghost_a_drawing_edit_keeps_it(explorer, whatif, qtbot) -> None:
    from surfaces.drawn import Bump, DrawnGrid, DrawnSurface
    from surfaces.registry import get_surface

    c = explorer.controller
    drawing = DrawnSurface("himmelblau")
    c.set_surface(drawing, keep_starts=True)
    whatif.action.trigger()
    before = [shown(r).copy() for r in c.racers]
    grid = DrawnGrid(drawing, n=explorer.grid)
    grid.add_bump(Bump(-1.0, -3.0, -60.0, 0.8))  # a well beside the paths: they bend into it
    c.set_surface(drawing, values=grid.z, keep_starts=True)
    qtbot.waitUntil(lambda: not whatif.core.stale())
    assert whatif.ghost_shown
    assert any(not np.array_equal(shown(r), b) for r, b in zip(c.racers, before, strict=True))
    for r in c.racers:
        assert np.array_equal(shown(r), fresh_path(c.race, r, 300))
    c.set_surface(get_surface("rosenbrock"))
    qtbot.waitUntil(lambda: not whatif.core.stale())
    assert not whatif.ghost_shown and c.race.t == 300


def test_the_panel_never_covers_the_arrows_key(main_window, explorer, whatif, qtbot) -> None:
    main_window.resize(1100, 800)  # a narrow plot: the panel takes two rows
    explorer.actions["overlay_gradient"].setChecked(True)
    key = explorer.plot.overlays.key
    qtbot.waitUntil(key.isVisible)

    def key_rect():
        QApplication.processEvents()
        return explorer.plot.mapFromScene(key.sceneBoundingRect()).boundingRect()

    home = key_rect()
    whatif.action.trigger()
    assert whatif.banner.isVisible() and not key_rect().intersects(whatif.banner.geometry())
    plot = explorer.plot  # nor the colour bar right of the surface's frame
    frame = plot.mapFromScene(plot.vb.sceneBoundingRect()).boundingRect()
    assert whatif.banner.geometry().right() <= frame.right()
    whatif.action.trigger()
    top = key.corner in (0, 1)  # the key may have moved off the runs' heads meanwhile
    assert key.top_inset == 0 and (not top or key_rect().top() == home.top())  # top free again
