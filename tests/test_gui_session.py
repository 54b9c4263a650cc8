"""Sessions in the window: Save then Open in a fresh window, autosave on close and restore,
broken files changing nothing, preferences. Every file lives under tmp_path."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from surfaces.drawn import Bump, DrawnSurface
from surfaces.formula import FormulaSurface
from surfaces.registry import get_surface

pytestmark = pytest.mark.gui


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    """Main windows with sessions installed on a data folder under tmp_path; all closed at the end."""
    from gui.main_window import MainWindow
    from gui.session import install

    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path / "data"))
    made = []

    def make():
        win = MainWindow()
        win.resize(1200, 800)
        manager = install(win)
        # the offscreen screen is small and would clamp a restored geometry: sizes stay as set
        manager.restore_preferences(geometry=False)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.shutdown()
        win.close()
        win.deleteLater()
    QApplication.processEvents()


def legend(win) -> list[tuple[str, ...]]:
    """Every legend cell's text, row by row."""
    table = win.explorer.legend
    cols = range(1, table.columnCount())
    return [tuple(table.item(r, c).text() for c in cols) for r in range(table.rowCount())]


def busy_scene(win) -> None:
    """A scene with something in every part: a drawing, two starts, edited and added runs."""
    tab, c = win.explorer, win.explorer.controller
    c.set_surface(DrawnSurface(get_surface("himmelblau"), [Bump(1.0, 1.0, -40.0, 0.7)]))
    c.restart_at(-1.0, -3.5)
    c.add_start(2.5, 3.0)
    momentum = c.racers[1].key
    tab.runs.list.setCurrentRow(1)  # the user picks Momentum in the run list
    c.race.step(30)
    c.edit_run(momentum, {"lr": 0.002})  # a live edit at step 30
    c.add_run("rmsprop")
    c.edit_run(c.racers[-1].key, {"convention": "pytorch", "schedule": {"mode": "triangular"}})
    c.set_enabled(c.racers[0].key, False)
    c.race.step(45)
    tab.log_box.setChecked(not tab.log_box.isChecked())
    tab.steps_per_tick.setValue(7)
    tab.plot.vb.setRange(xRange=(-2.0, 1.5), yRange=(-4.0, 0.5), padding=0)
    tab._refresh_slow()


def same_scene(a, b) -> None:
    ta, tb = a.explorer, b.explorer
    assert legend(a) == legend(b) and len(legend(a)) == 3 * 2  # (2 enabled + rmsprop) × 2 starts
    assert [s.name for s in ta.controller.racers] == [s.name for s in tb.controller.racers]
    assert [s.enabled for s in ta.controller.racers] == [s.enabled for s in tb.controller.racers]
    for sa, sb in zip(ta.controller.race.active(), tb.controller.race.active(), strict=True):
        assert (sa.run.w == sb.run.w).all() and sa.run.t == sb.run.t
        assert (sa.config.hyper, sa.config.schedule, sa.colour) == (
            sb.config.hyper,
            sb.config.schedule,
            sb.colour,
        )
    assert tb.controller.surface.to_dict() == ta.controller.surface.to_dict()
    assert tb.log_box.isChecked() == ta.log_box.isChecked()
    assert tb.steps_per_tick.value() == 7
    assert tb.controller.selected is not None
    assert tb.controller.selected.name == ta.controller.selected.name
    (x0, x1), (y0, y1) = tb.plot.vb.viewRange()
    # The view asked for, (-2, 1.5) × (-4, 0.5), widened to equal x and y scale as saved.
    saved = tuple(v for r in ta.plot.vb.viewRange() for v in r)
    assert (x0, x1, y0, y1) == pytest.approx(saved, abs=1e-6)
    assert x0 <= -2.0 + 1e-9 and x1 >= 1.5 - 1e-9 and y0 <= -4.0 + 1e-9 and y1 >= 0.5 - 1e-9


def test_save_then_open_in_a_fresh_window(make_window, tmp_path, monkeypatch):
    a = make_window()
    busy_scene(a)
    path = tmp_path / "lesson"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    a.session.actions["save_as"].trigger()
    saved = tmp_path / "lesson.json"  # the suffix is added
    assert json.loads(saved.read_text())["format"] == "gd-explorer-scene"
    assert a.windowTitle().startswith("lesson.json")
    b = make_window()
    assert legend(b) != legend(a)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    b.session.actions["open"].trigger()
    b.explorer._refresh_slow()
    same_scene(a, b)
    # Ctrl+S after Open writes back to the same file
    b.explorer.controller.step_once()
    b.session.actions["save"].trigger()
    assert json.loads(saved.read_text())["runs"][1]["steps"] == 76


def test_autosave_on_close_is_restored_next_start(make_window, tmp_path):
    a = make_window()
    busy_scene(a)
    a.close()
    auto = tmp_path / "data" / "autosave.json"
    assert auto.exists()
    b = make_window()
    assert b.session.restore_autosave()
    b.explorer._refresh_slow()
    same_scene(a, b)
    assert "Restored" in b.statusBar().currentMessage()


def test_autosave_follows_changes(make_window, tmp_path, qtbot):
    win = make_window()
    win.session.timer.setInterval(10)
    auto = tmp_path / "data" / "autosave.json"
    assert not auto.exists()
    win.explorer.controller.set_surface(FormulaSurface("x**2 + 2*y**2 - x*y"))
    qtbot.waitUntil(auto.exists, timeout=3000)
    doc = json.loads(auto.read_text())
    assert doc["surface"] == {"kind": "formula", "expr": "x**2 + 2*y**2 - x*y",
                              "domain": [-3.0, 3.0, -3.0, 3.0]}  # fmt: skip


BROKEN = '{"format": "gd-explorer-scene", "surf'


def test_broken_autosave_starts_with_the_default_scene(make_window, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    win = make_window()
    before = legend(win)
    for i in range(7):  # seven broken starts: the last five broken files are kept, by time
        (data / "autosave.json").write_text(BROKEN + "x" * i)
        assert not win.session.restore_autosave()
    assert legend(win) == before and win.explorer.controller.surface.name == "himmelblau"
    message = win.statusBar().currentMessage()
    assert "Could not restore the last session" in message and "not valid JSON" in message
    assert "Unterminated string starting at line 1" in message and "at at" not in message
    kept = sorted(data.glob("autosave.broken-*.json"))
    assert len(kept) == 5 and not (data / "autosave.json").exists()
    assert all(re.fullmatch(r"autosave\.broken-\d{8}-\d{6}(-\d+)?\.json", p.name) for p in kept)
    assert {len(p.read_text()) for p in kept} == {len(BROKEN) + i for i in range(2, 7)}  # newest
    assert kept[-1].name in message


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(version=99), "newer than this app"),
        (lambda d: d["runs"][0]["hyper"].update(momentum=1.0), "momentum must be in"),
        (lambda d: d["runs"][2].update(rule="nope"), "unknown optimizer"),
    ],
)
def test_opening_a_bad_file_changes_nothing(make_window, tmp_path, monkeypatch, change, message):
    win = make_window()
    good = tmp_path / "good.json"
    assert win.session.save_to(good) is None
    doc = json.loads(good.read_text())
    change(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    c = win.explorer.controller
    c.restart_at(1.0, 1.0)
    c.race.step(12)
    win.explorer._refresh_slow()
    before = (legend(win), [s.key for s in c.racers], c.surface, win.session.path)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    win.session.actions["open"].trigger()
    assert len(warnings) == 1 and message in warnings[0] and "\n" not in warnings[0]
    assert before == (legend(win), [s.key for s in c.racers], c.surface, win.session.path)


def test_new_scene_and_preferences(make_window, qtbot):
    a = make_window()
    busy_scene(a)
    a.explorer.actions["overlay_gradient"].setChecked(False)
    a.explorer.actions["overlay_adaptive"].setChecked(True)
    a.explorer.splitter.setSizes([250, 800, 150])
    sizes = a.explorer.splitter.sizes()
    a.session.actions["new"].trigger()
    a.explorer._refresh_slow()
    assert [s.name for s in a.explorer.controller.racers] == ["GD", "Momentum", "Adam"]
    assert a.explorer.controller.surface.name == "himmelblau" and len(legend(a)) == 3
    a.close()
    b = make_window()
    on = {
        n for n, act in b.explorer.actions.items() if n.startswith("overlay_") and act.isChecked()
    }
    assert on == {"overlay_velocity", "overlay_adaptive", "overlay_eigen"}
    qtbot.waitUntil(lambda: b.explorer.splitter.sizes() == sizes, timeout=2000)
    assert b.session.settings.contains("window/geometry")


def test_screenshot_mode_neither_restores_nor_autosaves(tmp_path, monkeypatch, qtbot):
    from gui.app import run_app

    data = tmp_path / "data"
    data.mkdir()
    (data / "autosave.json").write_text("not even json")
    monkeypatch.setenv("GDE_DATA_DIR", str(data))
    assert run_app(screenshot=str(tmp_path / "shot.png"), size=(900, 600)) == 0
    assert (tmp_path / "shot.png").stat().st_size > 1000
    assert sorted(p.name for p in data.iterdir()) == ["autosave.json"]  # untouched


def test_edits_and_progress_are_autosaved_while_playing(make_window, tmp_path, qtbot, monkeypatch):
    """A run and a start added while the race plays are saved without a pause, and so is the
    race's progress (here with shorter delays; the real ones are held by a killed process in
    test_autosave_kill)."""
    import gui.session

    monkeypatch.setattr(gui.session, "PROGRESS_DELAY_MS", 400)
    win = make_window()
    auto = tmp_path / "data" / "autosave.json"
    c = win.explorer.controller
    c.play()
    c.add_run("rmsprop")
    c.add_start(1.0, 1.0)
    qtbot.waitUntil(auto.exists, timeout=3000)
    doc = json.loads(auto.read_text())
    assert c.playing and len(doc["runs"]) == 4 and len(doc["starts"]) == 2
    first = doc["runs"][0]["steps"]
    qtbot.waitUntil(lambda: json.loads(auto.read_text())["runs"][0]["steps"] > first + 5,
                    timeout=5000)  # fmt: skip
    assert c.playing
    c.pause()
    c.step_once()  # a step by hand while paused is saved within the edit delay
    t = c.race.t
    qtbot.waitUntil(lambda: json.loads(auto.read_text())["runs"][0]["steps"] == t, timeout=3000)
    c.play()
    qtbot.waitUntil(lambda: c.race.t > t + 3, timeout=3000)
    win.close()  # and the close saves the last state
    assert json.loads(auto.read_text())["runs"][0]["steps"] == c.race.racers[0].t


def test_exports_and_scenes_share_one_last_folder(make_window, tmp_path) -> None:
    """The README keeps "the last folder": an export to one folder, then Save scene opened in the
    home folder (each dialog kept its own)."""
    win = make_window()
    win.install_extras()
    exports, session = win.export_actions, win.session
    exports._remember(str(tmp_path / "race.png"))
    assert session.last_dir() == str(tmp_path)
    session.remember_dir(str(tmp_path / "sub" / "scene.json"))
    assert exports.folder == str(tmp_path / "sub")
