"""Swarm mode in the window: W / toolbar / View menu, the play timer moving every particle, clicks
dropping clouds (Ctrl+wheel sizing them), the runs' trails stepping aside, live edits, the shares
table, a frame that is not blank, and animations and pictures of the swarm."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.runs.run import Run
from gui.theme import run_colour
from surfaces.registry import get_surface


@pytest.fixture
def mode(main_window):
    m = main_window.swarm_mode
    main_window.explorer.controller.wait_for_critical()
    QApplication.processEvents()
    yield m
    m.set_active(False)


def plot_rgb(explorer) -> np.ndarray:
    img = explorer.plot.grab().toImage().convertToFormat(img_format())
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=w * h * 4).reshape(h, w, 4)
    return arr[..., :3].copy()


def img_format():
    from PySide6.QtGui import QImage

    return QImage.Format.Format_RGBX8888


def count_colour(rgb: np.ndarray, colour: str, tol: int = 12) -> int:
    c = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int(np.count_nonzero(np.abs(rgb.astype(int) - c).max(axis=2) <= tol))


def test_w_toggles_the_mode_from_toolbar_menu_and_key(main_window, mode, qtbot):
    tab = main_window.explorer
    assert mode.action in main_window.toolbar.actions()
    view_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&View")
    assert mode.action in view_menu.actions()
    assert mode.action.shortcut().toString() == "W"
    taken = {s.toString() for a in main_window.findChildren(type(mode.action))
             for s in a.shortcuts() if a is not mode.action}  # fmt: skip
    assert "W" not in taken
    QTest.keyClick(main_window, Qt.Key.Key_W)
    assert mode.active and tab.controller.race.swarm is not None
    swarm = tab.controller.race.swarm
    assert swarm.n == 16_384 and swarm.spec.kind == "grid"
    assert set(swarm.runs) == {r.key for r in tab.controller.racers}
    assert all(item.opacity() == 0.0 for item in tab.plot.run_items())  # trails step aside
    assert mode.panel.isVisible() and not tab.side.isVisible()
    QTest.keyClick(main_window, Qt.Key.Key_W)
    assert not mode.active and tab.controller.race.swarm is None
    assert all(item.opacity() == 1.0 for item in tab.plot.run_items())
    assert tab.side.isVisible() and not mode.view.image.isVisible()
    markers = [t for t in tab.plot.run_items() if isinstance(t, pg.TargetItem)]
    starts = markers[
        : len(tab.controller.race.starts)
    ]  # (spare markers of earlier starts stay hidden)
    assert starts and all(t.isVisible() for t in starts)  # the start markers are back too


def test_play_moves_every_particle_as_a_run_and_draws_them(main_window, mode, qtbot):
    tab = main_window.explorer
    c = tab.controller
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(4096))
    mode.set_active(True)
    swarm = c.race.swarm
    assert swarm.n == 4096
    t_race = c.race.t
    for _ in range(3):
        c.timer.timeout.emit()  # the play timer's tick
    QApplication.processEvents()
    early = plot_rgb(tab)
    for r in c.racers:  # every racer's particles show in its colour
        assert count_colour(early, run_colour(r.colour, tab.plot.theme)) > 200, r.name
    for _ in range(37):
        c.timer.timeout.emit()
    assert swarm.t == 40 and c.race.t == t_race  # the swarm moved, the hidden runs did not
    for r in c.racers:
        run = Run(c.surface, r.config.rule, r.config.hyper, r.config.schedule, swarm.starts,
                  r.config.estimate, seed=r.config.seed, record=False)  # fmt: skip
        run.step(40)
        np.testing.assert_array_equal(swarm.runs[r.key].w, run.w)
    QApplication.processEvents()
    after = plot_rgb(tab)
    mode.view.image.setVisible(False)
    bare = plot_rgb(tab)  # the same plot without the particles
    mode.view.image.setVisible(True)
    changed = np.abs(after.astype(int) - bare.astype(int)).max(axis=2) > 0
    assert np.count_nonzero(changed) > 1000
    assert mode.view.raster.drawn > 1000
    # Step (→) and Reset (R) act on the swarm in this mode
    QTest.keyClick(main_window, Qt.Key.Key_Right)
    assert swarm.t == 41
    QTest.keyClick(main_window, Qt.Key.Key_R)
    assert swarm.t == 0
    np.testing.assert_array_equal(swarm.runs[c.racers[0].key].w, swarm.starts)


def test_click_drops_a_cloud_and_ctrl_wheel_sizes_it(main_window, mode, qtbot):
    tab = main_window.explorer
    mode.set_active(True)
    QApplication.processEvents()
    plot = tab.plot
    p = plot.data_to_widget(1.0, -2.0)
    pos = QPoint(round(p.x()), round(p.y()))
    r0 = mode.panel.radius.value()
    wheel = QWheelEvent(QPointF(pos), QPointF(plot.viewport().mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)  # fmt: skip
    view = tab.controller.race.view_range
    QApplication.sendEvent(plot.viewport(), wheel)
    assert mode.panel.radius.value() == pytest.approx(r0 * 1.15**2)
    assert tab.controller.race.view_range == view  # Ctrl+wheel sizes the cloud, does not zoom
    QTest.mouseMove(plot.viewport(), pos)
    assert mode.view.preview.isVisible()
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos)  # fmt: skip
    swarm = tab.controller.race.swarm
    assert swarm.spec.kind == "cloud" and swarm.spec.radius == pytest.approx(r0 * 1.15**2)
    assert swarm.spec.centre == pytest.approx((1.0, -2.0), abs=0.05)
    d = np.hypot(
        swarm.starts[:, 0] - swarm.spec.centre[0], swarm.starts[:, 1] - swarm.spec.centre[1]
    )
    assert d.max() <= swarm.spec.radius + 1e-12


def test_live_edit_in_the_run_panel_reaches_the_swarm_and_the_table_counts(main_window, mode):
    tab = main_window.explorer
    c = tab.controller
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(1024))
    mode.set_active(True)
    swarm = c.race.swarm
    swarm.step(5)
    adam = next(r for r in c.racers if r.config.rule == "adam")
    assert c.edit_run(adam.key, {"lr": 0.05})
    assert swarm.runs[adam.key].schedule.lr == 0.05  # in force for the next step
    assert swarm.history[adam.key][-1][0] == 5
    swarm.step(600)
    mode.show_shares()
    text = mode.panel.table.text()
    for r in c.racers:
        assert r.name in text
    assert "(3, 2)" in text and "diverged" in text and "still moving" in text
    assert "step <b>605</b>" in mode.panel.header.text()


def test_new_surface_drops_a_fresh_grid_on_it(main_window, mode, qtbot):
    tab = main_window.explorer
    mode.set_active(True)
    tab.controller.set_surface(get_surface("six_hump_camel"))
    qtbot.waitUntil(lambda: tab.controller.race.swarm.race.surface.name == "six_hump_camel"
                    and tab.controller.race.swarm.t == 0)  # fmt: skip
    swarm = tab.controller.race.swarm
    x0, x1, y0, y1 = swarm.spec.area
    d0, d1, e0, e1 = tab.controller.surface.domain
    assert d0 <= x0 < x1 <= d1 and e0 <= y0 < y1 <= e1  # the visible part of the new domain
    assert all(run.surface is tab.controller.surface for run in swarm.runs.values())


def test_animation_replays_the_swarm_through_its_edits(main_window, mode, tmp_path):
    from gui.export.animation import Frames
    from gui.export.gif import export_race_gif
    from gui.export.render import export_race_image

    tab = main_window.explorer
    c = tab.controller
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(1024))
    mode.set_active(True)
    swarm = c.race.swarm
    swarm.step(6)
    gd = c.racers[0]
    c.edit_run(gd.key, {"lr": 0.02})
    swarm.step(9)
    with Frames(c.race, (480, 360), 120) as frames:
        assert frames.steps == list(range(16))
        first = np.asarray(frames.render(0).convertToFormat(img_format()).constBits()).copy()
        last_img = frames.render(15).convertToFormat(img_format())
        for key, run in swarm.runs.items():  # the replay reached exactly the live particles
            np.testing.assert_array_equal(frames.layer.shown.runs[key].w, run.w)
        assert "% at minima" in frames.figure.notes[0]
    last = np.asarray(last_img.constBits()).copy()
    assert not np.array_equal(first, last)
    path = tmp_path / "swarm.gif"
    assert export_race_gif(c.race, str(path), (320, 240))
    assert Image.open(path).n_frames == 16
    png = tmp_path / "swarm.png"
    export_race_image(c.race, str(png), (600, 400))
    rgb = np.asarray(Image.open(png).convert("RGB"))
    colours = {run_colour(r.colour) for r in c.racers}
    assert sum(count_colour(rgb, col) for col in colours) > 100  # particles in the picture


def test_a_saved_scene_brings_the_swarm_back(main_window, mode, tmp_path, qtbot):
    from core.io.scene import load_scene, save_scene
    from core.race.scene import race_scene
    from gui.session import show_scene

    c = main_window.explorer.controller
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(1024))
    mode.set_active(True)
    mode.panel.colour_by.setCurrentIndex(mode.panel.colour_by.findData("attractor"))
    mode.drop_cloud(-1.0, 1.0)
    swarm = c.race.swarm
    swarm.step(7)
    c.edit_run(c.racers[1].key, {"lr": 0.002})
    swarm.step(4)
    saved = {i: swarm.runs[r.key].w.copy() for i, r in enumerate(c.racers)}
    path = tmp_path / "swarm-scene.json"
    save_scene(path, race_scene(c.race))
    QTest.keyClick(main_window, Qt.Key.Key_W)  # leave: the swarm is gone
    assert c.race.swarm is None
    show_scene(c, load_scene(path))
    QApplication.processEvents()
    qtbot.wait(10)  # a deferred re-drop for the new surface must not replace the scene's swarm
    QApplication.processEvents()
    assert mode.active and mode.panel.colour_mode == "attractor"
    got = c.race.swarm
    assert got.spec.kind == "cloud" and got.t == 11
    for i, r in enumerate(c.racers):
        np.testing.assert_array_equal(got.runs[r.key].w, saved[i])
    assert mode.view.image.isVisible()


def test_mp4_of_the_swarm_shows_the_particles_moving(main_window, mode, tmp_path):
    import imageio_ffmpeg

    from gui.export.video import export_race_mp4

    c = main_window.explorer.controller
    mode.panel.count.setCurrentIndex(mode.panel.count.findData(4096))
    mode.set_active(True)
    c.race.swarm.step(12)
    out = tmp_path / "swarm.mp4"
    assert export_race_mp4(c.race, str(out), (480, 360), fps=10)
    frames = imageio_ffmpeg.read_frames(str(out))
    meta = next(frames)
    assert meta["size"] == (480, 360)
    pixels = [np.frombuffer(f, dtype=np.uint8).reshape(360, 480, 3) for f in frames]
    assert len(pixels) == 13 + 19  # steps 0..12, the last held 2 s
    assert np.abs(pixels[0].astype(int) - pixels[12]).max(axis=2).astype(bool).sum() > 500
    for r in c.racers:  # each racer's particles in its colour (video colours are approximate)
        rgb = np.array([int(r.colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(pixels[3].astype(int) - rgb).sum(axis=-1) < 90).sum() > 30, r.name
