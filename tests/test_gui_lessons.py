"""The Lessons panel in the window: each lesson sets up exactly its scene, each task ticks when a
user does it through the widgets (and not before), "Back to my work" restores the user's scene bit
for bit (in the session and from the file after a restart), en and ru screenshots differ."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from core.io.scene import scene_to_dict
from core.lessons.loader import load_lessons
from core.lessons.model import ExplorerScene
from core.lessons.scenes import network, network_data
from core.race.scene import race_scene
from tests.test_gui_explorer import click

pytestmark = pytest.mark.gui
LESSONS = load_lessons().lessons
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def lessons(main_window, tmp_path, qtbot):
    """The window's lessons controller with its own data folder, the dock shown."""
    from gui.i18n import language
    from gui.lessons.controller import LessonsController
    from gui.lessons.dock import lessons_dock

    dock = lessons_dock(main_window, persist=False, fit=False)
    ctl = LessonsController(main_window, None, tmp_path)
    main_window.lessons_test = ctl
    dock.show()
    yield ctl
    ctl.back_to_my_work()
    ctl.shutdown()
    ctl.deleteLater()
    dock.hide()
    language.set_language("en")


def _scene_doc(race) -> dict:
    d = scene_to_dict(race_scene(race))
    d.pop("view")
    return d


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.id for x in LESSONS])
def test_starting_a_lesson_sets_up_exactly_its_scene(main_window, lessons, lesson) -> None:
    lessons.start(lesson.id)
    s = lesson.scene
    if isinstance(s, ExplorerScene):
        assert main_window.tabs.currentIndex() == 0
        got = _scene_doc(main_window.explorer.controller.race)
        want = scene_to_dict(s.scene)
        want.pop("view")
        got_runs = [{k: r[k] for k in ("rule", "hyper", "schedule", "estimate", "seed", "colour",
                                      "steps")} for r in got["runs"]]  # fmt: skip
        want_runs = [{k: r[k] for k in got_runs[0]} for r in want["runs"]]
        assert got_runs == want_runs
        for k in ("surface", "starts", "speed", "log_scale", "selected"):
            assert got[k] == want[k], k
        shown = {n[len("overlay_") :] for n, a in main_window.explorer.actions.items()
                 if n.startswith("overlay_") and a.isChecked()}  # fmt: skip
        assert shown == set(s.overlays)
    else:
        assert main_window.tabs.currentIndex() == 1
        c = main_window.network.ctl
        expected = network(s, {}, network_data(s))
        for w, e in zip(c.net.weights, expected.weights, strict=True):
            assert np.array_equal(w, e)
        assert c.net.activation == s.activation and c.trainer.t == 0
        assert (c.rule, c.hyper, c.schedule, c.batch) == (
            s.training.rule, s.training.hyper, s.training.schedule, s.batch)  # fmt: skip


# --- the user doing each task through the widgets ---------------------------------------------
def _select(win, index: int) -> None:
    win.explorer.runs.list.setCurrentRow(index)


def _play_until(win, qtbot, done, steps_per_tick: int = 20) -> None:
    steps_box = win.explorer.speed_widgets[0]
    steps_box.setValue(steps_per_tick)
    win.explorer.actions["play"].trigger()
    # A generous bound: waitUntil returns as soon as it holds; on a loaded 2-core machine the
    # Explorer reached only ~30 steps/s and 2,000 steps of six racers took over 20 s.
    qtbot.waitUntil(done, timeout=120000)
    win.explorer.controller.pause()


def _set_lr(win, index: int, value: float) -> None:
    _select(win, index)
    box = win.explorer.runs.hyper.lr.box
    box.setText(str(value))
    box.editingFinished.emit()


def _spin(win, index: int, name: str, value: float) -> None:
    _select(win, index)
    win.explorer.runs.hyper.spins[name].setValue(value)


def _net_play(win, qtbot, done) -> None:
    t = win.network.train
    t.speed.setValue(200)
    qtbot.mouseClick(t.play, LEFT)
    # A generous bound: waitUntil returns as soon as it holds; on a loaded 2-core machine the
    # Explorer reached only ~30 steps/s and 2,000 steps of six racers took over 20 s.
    qtbot.waitUntil(done, timeout=120000)
    win.network.ctl.pause()


def _schedule(win, index: int, mode: str) -> None:
    _select(win, index)
    box = win.explorer.schedule.mode
    box.setCurrentIndex(box.findData(mode))
    box.activated.emit(box.currentIndex())


def _do(win, qtbot, lesson_id: str, task: int, done) -> None:
    e = win.explorer
    play = lambda n=20: _play_until(win, qtbot, done, n)  # noqa: E731
    actions = {
        ("gd", 0): play, ("gd", 1): lambda: click(e, 1.0, 1.0),
        ("gd", 2): lambda: _set_lr(win, 0, 0.001),
        ("sgd", 0): play, ("sgd", 1): lambda: _set_lr(win, 1, 0.3),
        ("minibatch", 0): play,
        ("minibatch", 1): lambda: (_select(win, 1), e.runs.batch.setValue(20)),
        ("learning_rate", 0): play, ("learning_rate", 1): lambda: (_set_lr(win, 1, 0.45), play()),
        ("momentum", 0): play, ("momentum", 1): lambda: _spin(win, 1, "momentum", 0.0),
        ("nesterov", 0): play, ("nesterov", 1): lambda: _spin(win, 1, "momentum", 0.95),
        ("adagrad", 0): lambda: e.actions["step"].trigger(), ("adagrad", 1): play,
        ("rmsprop", 0): play, ("rmsprop", 1): lambda: _spin(win, 1, "alpha", 0.99),
        ("adam", 0): play, ("adam", 1): lambda: _spin(win, 1, "beta1", 0.0),
        ("bias_correction", 0): lambda: e.actions["step"].trigger(),
        ("bias_correction", 1): lambda: (
            _select(win, 0), qtbot.mouseClick(e.runs.hyper.switches["bias_correction"], LEFT)),
        ("optimizer_comparison", 0): lambda: play(200),
        ("optimizer_comparison", 1): lambda: click(e, 0.5, 2.0),
        ("local_minimum", 0): lambda: play(50), ("local_minimum", 1): lambda: click(e, -1.5, 1.0),
        ("saddle", 0): play, ("saddle", 1): lambda: click(e, 0.3, 1.5),
        ("cyclic_lr", 0): lambda: play(50), ("cyclic_lr", 1): lambda: _schedule(win, 0, "triangular"),
        ("backprop", 0): lambda: [qtbot.mouseClick(win.network.steps.next, LEFT) for _ in range(6)],
        ("backprop", 1): lambda: qtbot.mouseClick(win.network.check.run, LEFT),
        ("backprop", 2): lambda: _net_play(win, qtbot, done),
        ("vanishing_gradient", 0): lambda: _net_play(win, qtbot, done),
        ("vanishing_gradient", 1): lambda: qtbot.mouseClick(win.network.arch.relu_example, LEFT),
    }  # fmt: skip
    actions[(lesson_id, task)]()


TASKS = [(x.id, i) for x in LESSONS for i in range(len(x.tasks))]


@pytest.mark.slow
@pytest.mark.parametrize(("lesson_id", "task"), TASKS, ids=[f"{a}-{b}" for a, b in TASKS])
def test_each_task_ticks_when_done_through_the_widgets_and_not_before(
    main_window, lessons, qtbot, lesson_id, task
) -> None:
    lesson = lessons.start(lesson_id)
    state = lambda: lessons.tasks_state(lesson)[task]  # noqa: E731
    assert not any(lessons.tasks_state(lesson))
    qtbot.wait(50)  # a few timer ticks of nothing done: still nothing ticked
    assert not state()
    _do(main_window, qtbot, lesson_id, task, state)
    qtbot.waitUntil(state, timeout=5000)
    label = main_window.lessons_dock.widget()  # the panel shows the controller it was built with
    assert label is not None


def test_the_panel_ticks_a_task_it_shows(main_window, qtbot) -> None:
    from gui.lessons.dock import lessons_dock

    main_window.show_lessons()
    dock = lessons_dock(main_window)
    panel, ctl = dock.widget(), main_window.lessons
    ctl.start("saddle")
    assert panel.task_labels[0].text().startswith("☐")
    _play_until(main_window, qtbot, lambda: ctl.tasks_state(ctl.shown)[0])
    assert panel.task_labels[0].text().startswith("☑")
    ctl.back_to_my_work()


def test_saddle_lesson_shows_newton_and_saddle_free_newton(main_window, lessons, qtbot) -> None:
    """What the text says of Newton (orange) and saddle-free Newton (violet) happens on screen:
    from the lesson's start on x = 0 both end on the saddle (0, 0); after the second task's click
    at (0.3, 1.5) Newton still does, saddle-free Newton reaches the minimum (1, 0)."""
    lesson = lessons.start("saddle")
    e = main_window.explorer
    names = [e.runs.list.item(i).text() for i in range(e.runs.list.count())]
    assert names[3:] == ["Newton", "Saddle-free Newton"]
    race = e.controller.race
    assert [r.colour for r in race.racers[3:]] == ["#ff8c1a", "#c77dff"]  # orange, violet
    assert "Newton's method (orange)" in lesson.text["en"] and "(violet)" in lesson.text["en"]

    def ends(n: int = 50) -> list[tuple[float, float]]:
        for _ in range(n):
            e.actions["step"].trigger()
        return [tuple(r.run.w[0]) for r in race.racers[3:]]

    for w in ends():  # on the line x = 0: both on the saddle
        assert np.hypot(*w) < 1e-6
    assert [e.legend.value(i, "status") for i in (3, 4)] == ["stalled at a saddle"] * 2
    click(e, 0.3, 1.5)
    assert lessons.tasks_state(lesson)[1]
    newton, sfn = ends()
    assert np.hypot(*newton) < 1e-6  # Newton: still the saddle
    assert np.hypot(sfn[0] - 1.0, sfn[1]) < 1e-6  # saddle-free Newton: the minimum (1, 0)
    assert e.legend.value(4, "status").startswith("converged")


# --- back to my work ------------------------------------------------------------------------------
def _my_work(win, qtbot) -> None:
    """A scene of the user's own: another surface, an edited run mid-race, a second start."""
    c = win.explorer.controller
    win.explorer.picker.set_current("rosenbrock", "", "")
    c.set_surface_name("rosenbrock")
    click(win.explorer, -1.0, 2.0)
    for _ in range(37):
        win.explorer.actions["step"].trigger()
    _set_lr(win, 1, 0.0007)
    for _ in range(5):
        win.explorer.actions["step"].trigger()
    click(win.explorer, 1.5, -0.5, shift=True)
    win.explorer.actions["overlay_velocity"].setChecked(True)


def _snapshot(win) -> tuple[dict, list[np.ndarray]]:
    """The scene (every run's settings, history and step, starts, surface, speed, selection)
    and every trail. The view range is left out: the plot widens a restored range to its own
    aspect (as File > Open does), so it is compared approximately by the tests."""
    race = win.explorer.controller.race
    trails = [t[1].copy() for t in race.trails()[0]]
    d = scene_to_dict(race_scene(race))
    d["view"] = None
    return d, trails


def test_back_to_my_work_restores_the_scene_bit_for_bit(main_window, lessons, qtbot) -> None:
    _my_work(main_window, qtbot)
    before, trails = _snapshot(main_window)
    lessons.start("momentum")
    lessons.start("nesterov")  # moving on keeps the work put aside, not the lesson's scene
    _play_until(main_window, qtbot, lambda: main_window.explorer.controller.race.t >= 40)
    assert lessons.back_to_my_work() is None
    after, trails_after = _snapshot(main_window)
    assert after == before
    assert all(np.array_equal(a, b) for a, b in zip(trails, trails_after, strict=True))
    assert main_window.explorer.actions["overlay_velocity"].isChecked()
    assert not lessons.has_stash()


def test_back_to_my_work_after_a_restart_reads_the_file(
    main_window, lessons, qtbot, tmp_path
) -> None:
    from gui.lessons.controller import LessonsController

    _my_work(main_window, qtbot)
    before, _ = _snapshot(main_window)
    lessons.start("vanishing_gradient")  # the network tab is taken over too
    lessons.start("gd")
    assert (tmp_path / "lesson_stash.json").exists()
    later = LessonsController(main_window, None, tmp_path)  # a new session: memory is gone
    assert later.has_stash()
    assert later.back_to_my_work() is None
    after, _ = _snapshot(main_window)
    assert after == before
    assert not (tmp_path / "lesson_stash.json").exists()
    later.deleteLater()


# --- screenshots -------------------------------------------------------------------------------
@pytest.mark.slow
def test_en_and_ru_screenshots_of_a_lesson_differ_and_are_not_blank(cli, qapp, tmp_path) -> None:
    import main

    shots = {}
    for lang in ("en", "ru"):
        path = tmp_path / f"{lang}.png"
        assert main.main(["--screenshot", str(path), "--lesson", "saddle", "--lang", lang,
                          "--size", "1280x800"]) == 0  # fmt: skip
        img = QImage(str(path))
        assert (img.width(), img.height()) == (1280, 800)
        shots[lang] = img
    from gui.i18n import language

    language.set_language("en")
    for img in shots.values():
        colours = {img.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
        assert len(colours) > 50  # a picture, not a blank window
    # the lesson panel (right side) differs between the languages
    right = [(x, y) for x in range(900, 1280, 4) for y in range(200, 700, 4)]
    differ = sum(shots["en"].pixel(x, y) != shots["ru"].pixel(x, y) for x, y in right)
    assert differ > 500


def test_unknown_lesson_for_the_window_exits_2(capsys) -> None:
    import main

    assert main.main(["--screenshot", "/tmp/x.png", "--lesson", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown lesson 'nope'" in err
