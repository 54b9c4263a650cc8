"""The session never loses work quietly: a scene that cannot be built changes nothing (and the
autosave is not touched), views are kept drawable, every failed autosave is shown, and an
unwritable data folder turns autosave off with the reason while explicit saves still work."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.test_gui_session import legend
from tests.test_gui_session import make_window as make_window  # the fixture

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("field", [{"t0": 1e19, "mode": "cosine_restarts"},
                                   {"step_size": 1e20, "mode": "triangular"}])  # fmt: skip
def test_a_scene_that_overflows_changes_nothing(make_window, tmp_path, qtbot, monkeypatch, field):
    win = make_window()
    c = win.explorer.controller
    c.add_run("rmsprop")
    c.race.step(20)
    qtbot.wait(1500)  # the window settles (its view range): then the autosave is up to date
    assert win.session.autosave()
    auto = win.session.autosave_path
    saved = auto.read_bytes()
    doc = json.loads(saved)
    doc["runs"][0]["schedule"].update(field)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    win.explorer._refresh_slow()
    before = (legend(win), [r.key for r in c.racers], c.surface)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    problem = win.session.open_path(bad)
    assert problem is not None and "\n" not in problem and "runs[0]" in problem
    qtbot.wait(1500)  # longer than the edit delay: nothing was changed, nothing is saved
    win.explorer._refresh_slow()
    assert before == (legend(win), [r.key for r in c.racers], c.surface)
    assert auto.read_bytes() == saved


def test_a_huge_view_is_clamped_and_the_scene_still_saves(make_window, tmp_path):
    win = make_window()
    good = tmp_path / "s.json"
    assert win.session.save_to(good) is None
    doc = json.loads(good.read_text())
    doc["view"] = [-1e308, 1e308, -1e308, 1e308]
    good.write_text(json.dumps(doc))
    assert win.session.open_path(good) is None
    QApplication.processEvents()
    x0, x1, y0, y1 = win.explorer.controller.race.view_range
    assert -1e13 < x0 < x1 < 1e13 and -1e13 < y0 < y1 < 1e13
    assert win.session.save_to(tmp_path / "again.json") is None
    assert win.session.autosave()


def test_a_failing_autosave_is_shown_until_it_works_again(make_window):
    win = make_window()
    auto = win.session.autosave_path
    auto.mkdir()  # a folder where the file should be: the write fails
    assert not win.session.autosave()
    assert "Autosave failed: cannot write" in win.session.status.text()
    os.rmdir(auto)
    assert win.session.autosave()
    assert win.session.status.text() == ""


def test_an_unwritable_data_folder_turns_autosave_off(qtbot, tmp_path, monkeypatch):
    """/proc/self exists but takes no new file, even for root."""
    from gui.main_window import MainWindow
    from gui.session import install

    monkeypatch.setenv("GDE_DATA_DIR", "/proc/self")
    win = MainWindow()
    try:
        session = install(win)
        assert not session.data.writable
        assert (
            "Autosave is off: cannot write in the data folder /proc/self"
            in session.status.toolTip()
        )
        assert not session.autosave()
        assert session.save_to(tmp_path / "elsewhere.json") is None  # explicit saves work
        assert (tmp_path / "elsewhere.json").exists()
    finally:
        win.shutdown()
        win.close()
        win.deleteLater()
        QApplication.processEvents()


def test_a_broken_autosave_that_cannot_be_moved(make_window, monkeypatch):
    import gui.data_folder

    win = make_window()
    win.session.autosave_path.write_text("{broken")

    def refuse(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(gui.data_folder.os, "replace", refuse)
    assert not win.session.restore_autosave()  # no PermissionError escapes
    message = win.statusBar().currentMessage()
    assert "started afresh" in message and "left in place: Permission denied" in message
