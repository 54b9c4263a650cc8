"""The Network tab's optimizer race through its widgets: the checked rules train copies of the same
network side by side (each curve checked against that rule trained alone by a hand-written GD /
momentum loop), the curves are overlaid, any racer's boundary goes to the data plot, and the
optimizer-comparison lesson prepares its six rules."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def net_tab(main_window):
    nt = main_window.network_tab()
    main_window.show_tab("network")
    yield nt
    nt.race.pause()
    nt.race.set_rules(("sgd", "momentum", "adam"))
    main_window.show_tab("explorer")


def _hand_losses(net, x, y, rule: str, lr: float, steps: int) -> list[float]:
    """Full-batch GD (w − ηg) or textbook momentum (h ← 0.9h + ηg, w − h) on the flat vector,
    the gradient from the network's own backprop (checked against numpy elsewhere)."""
    v = net.to_vector()
    h = np.zeros_like(v)
    out = []
    for _ in range(steps + 1):
        out.append(float(net.vector_loss(v, x, y)))
        g = net.vector_grad(v[None, :], x, y)[0]
        h = 0.9 * h + lr * g if rule == "momentum" else lr * g
        v = v - h
    return out


def test_race_of_copies_of_the_same_network(net_tab, qtbot) -> None:
    c = net_tab.ctl
    c.set_batch(None)
    c.train(20)  # the race starts from the network as it is now, not from its initialisation
    start = c.net.to_vector().copy()
    race = net_tab.race
    race.set_rules(("sgd", "momentum"))
    race.rates["sgd"].setValue(0.5)
    race.rates["momentum"].setValue(0.1)
    qtbot.mouseClick(race.start_button, LEFT)
    assert net_tab.tabs.currentWidget() is race
    qtbot.mouseClick(race.step_button, LEFT)
    r = race.race
    assert r is not None and [e.name for e in r.entries] == ["GD / SGD", "Momentum"]
    assert [t.t for t in r.trainers] == [50, 50]
    x, y = c.dataset.x, c.dataset.y
    for t, rule, lr in zip(r.trainers, ("sgd", "momentum"), (0.5, 0.1), strict=True):
        np.testing.assert_allclose(t.losses, _hand_losses(c.net, x, y, rule, lr, 50), rtol=1e-10)
        assert t.net is not c.net
    np.testing.assert_array_equal(c.net.to_vector(), start)  # the tab's own network untouched
    assert len(race.curves) == 2  # overlaid
    xs, _ys = race.curves[1].getData()
    assert len(xs) == 51


def test_boundary_of_any_racer_on_the_data_plot(net_tab, qtbot, monkeypatch) -> None:
    race = net_tab.race
    race.set_rules(("sgd", "adam"))
    qtbot.mouseClick(race.start_button, LEFT)
    qtbot.mouseClick(race.step_button, LEFT)
    shown = []
    monkeypatch.setattr(net_tab.data_plot, "set_view", lambda net, data, s: shown.append(net))
    race.shown.setCurrentIndex(1)
    race.shown.activated.emit(1)
    assert shown and shown[-1] is race.race.trainers[1].net
    race.shown.setCurrentIndex(0)
    race.shown.activated.emit(0)
    assert shown[-1] is race.race.trainers[0].net


def test_play_trains_every_racer(net_tab, qtbot) -> None:
    race = net_tab.race
    race.set_rules(("momentum", "rmsprop", "adam"))
    qtbot.mouseClick(race.start_button, LEFT)
    qtbot.mouseClick(race.play, LEFT)
    qtbot.waitUntil(lambda: min(t.t for t in race.race.trainers) >= 20, timeout=20_000)
    qtbot.mouseClick(race.play, LEFT)
    assert not race.timer.isActive()
    assert len({t.losses[0] for t in race.race.trainers}) == 1  # one initial network


def test_comparison_lesson_prepares_its_network_race(main_window, tmp_path) -> None:
    from core.lessons.loader import load_lessons
    from gui.lessons.controller import LessonsController

    lesson = next(x for x in load_lessons().lessons if x.id == "optimizer_comparison")
    ctl = LessonsController(main_window, None, tmp_path)
    try:
        ctl.start("optimizer_comparison")
        main_window.show_tab("network")  # built (if it was not) and prepared when first shown
        race = main_window.network.race
        checked = tuple(r for r, b in race.boxes.items() if b.isChecked())
        assert checked == lesson.scene.network_race
        assert race.race is not None and len(race.race.trainers) == 6
    finally:
        ctl.back_to_my_work()
        ctl.shutdown()
        ctl.deleteLater()


def test_no_rule_checked_says_so(net_tab, qtbot) -> None:
    race = net_tab.race
    race.set_rules(())
    qtbot.mouseClick(race.start_button, LEFT)
    assert race.race is None and not race.play.isEnabled() and not race.curves
    assert "check at least one optimizer" in race.plot.getPlotItem().titleLabel.text
    race.set_rules(("adam",))
    qtbot.mouseClick(race.start_button, LEFT)
    assert race.race is not None and race.play.isEnabled()
