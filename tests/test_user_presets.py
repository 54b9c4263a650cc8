"""Saved user surfaces: the JSON store (no Qt), and "Save surface as preset…" in the window,
round trip through a temporary folder (never the real home)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from core.io.user_surfaces import UserPresetStore
from surfaces.base import SurfaceError
from surfaces.drawn import Bump, DrawnSurface
from surfaces.formula import FormulaSurface
from surfaces.registry import get_surface


def himmelblau(x: float, y: float) -> float:
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


# --- the store ---------------------------------------------------------------------------------
def test_formula_round_trip(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(FormulaSurface("x**2 + 2*y", (-1, 4, -2, 2)), "  Tilted bowl ")
    (q,), problems = UserPresetStore(tmp_path).load()
    assert problems == []
    assert q.name == "Tilted bowl" and q.key == "user:Tilted bowl"
    s = q.build()
    assert s.name == "user:Tilted bowl" and s.title == "Tilted bowl" and s.group == "Your surfaces"
    assert s.domain == (-1, 4, -2, 2)
    assert float(s.value(np.array([1.0, 2.0]))) == 5.0


def test_drawn_round_trip_keeps_base_and_bumps(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(DrawnSurface("himmelblau", [Bump(1.0, -1.0, -30.0, 0.5)]), "dig")
    (q,), _ = store.load()
    s = q.build()
    assert isinstance(s, DrawnSurface) and s.bumps == [Bump(1.0, -1.0, -30.0, 0.5)]
    x, y = 1.3, -0.8
    bump = -30.0 * math.exp(-((x - 1.0) ** 2 + (y + 1.0) ** 2) / (2 * 0.25))
    assert float(s.value(np.array([x, y]))) == pytest.approx(himmelblau(x, y) + bump, rel=1e-12)


def test_saving_a_name_again_replaces_it(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(FormulaSurface("x"), "same")
    store.save(FormulaSurface("y"), "same")
    presets, _ = store.load()
    assert [q.doc["formula"] for q in presets] == ["y"]
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_names_that_share_a_file_stem_get_separate_files(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(FormulaSurface("x"), "a/b")
    store.save(FormulaSurface("y"), "a?b")
    assert sorted(q.name for q in store.load()[0]) == ["a/b", "a?b"]


def test_delete(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(FormulaSurface("x"), "one")
    store.save(FormulaSurface("y"), "two")
    assert store.delete("one") and not store.delete("one")
    assert [q.name for q in store.load()[0]] == ["two"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "tab\there"])
def test_bad_names_are_refused(tmp_path, name) -> None:
    with pytest.raises(SurfaceError):
        UserPresetStore(tmp_path).save(FormulaSurface("x"), name)


def test_only_formulas_and_drawings_can_be_saved(tmp_path) -> None:
    with pytest.raises(SurfaceError, match="only typed formulas and drawings"):
        UserPresetStore(tmp_path).save(get_surface("himmelblau"), "h")
    assert not list(tmp_path.glob("*.json"))


BROKEN = {
    "garbage.json": "{not json",
    "future.json": json.dumps({"version": 99, "name": "f", "formula": "x"}),
    "evil.json": json.dumps({"version": 1, "name": "e", "formula": "__import__('os')"}),
    "both.json": json.dumps({"version": 1, "name": "b", "formula": "x", "drawn": {}}),
    "noname.json": json.dumps({"version": 1, "formula": "x"}),
    "baddomain.json": json.dumps({"version": 1, "name": "d", "formula": "x", "domain": [1, 0, 0, 1]}),
    "badbump.json": json.dumps({"version": 1, "name": "bb", "drawn": {
        "version": 1, "base": {"surface": "himmelblau"}, "domain": [-5, 5, -5, 5],
        "bumps": [{"x": 0, "y": 0, "height": 1, "width": -1}]}}),
    "list.json": "[1, 2]",
}  # fmt: skip


def test_broken_files_are_skipped_with_a_reason_each(tmp_path) -> None:
    store = UserPresetStore(tmp_path)
    store.save(FormulaSurface("x*y"), "good")
    for name, text in BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00bad")
    presets, problems = store.load()
    assert [q.name for q in presets] == ["good"]
    assert len(problems) == len(BROKEN) + 1
    for name in [*BROKEN, "binary.json"]:
        assert sum(name in p for p in problems) == 1, name
    assert any("newer" in p for p in problems)
    assert any("unknown function" in p or "not allowed" in p for p in problems)


def test_a_duplicate_name_in_two_files_keeps_the_first(tmp_path) -> None:
    doc = {"version": 1, "name": "twin", "formula": "x"}
    (tmp_path / "a.json").write_text(json.dumps(doc))
    (tmp_path / "b.json").write_text(json.dumps({**doc, "formula": "y"}))
    presets, problems = UserPresetStore(tmp_path).load()
    assert [q.doc["formula"] for q in presets] == ["x"]
    assert len(problems) == 1 and "b.json" in problems[0]


def test_missing_folder_is_empty(tmp_path) -> None:
    assert UserPresetStore(tmp_path / "nope").load() == ([], [])


# --- the window ----------------------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path))
    return tmp_path / "surfaces"


def _new_window(qtbot):
    from gui.main_window import MainWindow

    win = MainWindow()
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win) -> None:
    from PySide6.QtWidgets import QApplication

    win.shutdown()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


@pytest.mark.gui
def test_save_as_preset_is_listed_in_the_next_window(data_dir, main_window, qtbot,
                                                     monkeypatch) -> None:  # fmt: skip
    from PySide6.QtWidgets import QInputDialog

    tab = main_window.explorer
    drawing = DrawnSurface("himmelblau", [Bump(2.0, -1.0, -50.0, 0.7)])
    tab.controller.set_surface(drawing)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("My valley", True))
    tab.save_surface_action.trigger()
    assert tab.picker.currentData() == "user:My valley"
    assert tab.picker.display_text() == "Your surfaces › My valley"
    assert len(list(data_dir.glob("*.json"))) == 1

    win = _new_window(qtbot)
    try:
        picker = win.explorer.picker
        i = picker.findData("user:My valley")
        assert i >= 0
        assert "user:My valley" not in picker.names()  # names() lists the registry only
        picker.setCurrentIndex(i)
        picker.activated.emit(i)
        s = win.explorer.controller.surface
        assert s.title == "My valley" and s.bumps == drawing.bumps
        pts = np.array([[2.0, -1.0], [0.3, 0.4], [-3.0, 2.5]])
        assert np.array_equal(s.value(pts), drawing.value(pts))
        # Deleting it removes the file and the list entry; the surface in use stays.
        assert win.explorer.user_surfaces.delete("user:My valley")
        assert picker.findData("user:My valley") < 0
        assert not list(data_dir.glob("*.json"))
        assert win.explorer.controller.surface is s
    finally:
        _close(win)


@pytest.mark.gui
def test_broken_preset_file_is_skipped_with_a_status_message(data_dir, qtbot) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "broken.json").write_text("{oops", encoding="utf-8")
    UserPresetStore(data_dir).save(FormulaSurface("x**2 + y**2"), "bowl")
    win = _new_window(qtbot)
    try:
        qtbot.waitUntil(lambda: "broken.json" in win.statusBar().currentMessage(), timeout=3000)
        assert "skipped" in win.statusBar().currentMessage()
        assert win.explorer.picker.findData("user:bowl") >= 0
    finally:
        _close(win)


@pytest.mark.gui
def test_only_savable_surfaces_are_saved(data_dir, main_window, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    tab = main_window.explorer
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("h", True))
    tab.save_surface_action.trigger()  # Himmelblau itself is already in the list
    assert "only typed formulas and drawings" in main_window.statusBar().currentMessage()
    assert not data_dir.exists() or not list(data_dir.glob("*.json"))


@pytest.mark.gui
def test_right_click_delete_in_the_surface_list(data_dir, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    UserPresetStore(data_dir).save(FormulaSurface("x**2 + y**2"), "bowl")
    win = _new_window(qtbot)
    try:
        picker = win.explorer.picker
        row = picker.findData("user:bowl")
        picker.showPopup()
        view = picker.view()
        qtbot.waitUntil(view.isVisible, timeout=3000)
        pos = view.visualRect(view.model().index(row, 0)).center()
        assert view.indexAt(pos).row() == row
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)  # fmt: skip
        view.customContextMenuRequested.emit(pos)
        menu = picker.context_menu
        assert [x.text() for x in menu.actions()] == ["Delete saved surface “bowl”…"]
        menu.actions()[0].trigger()
        assert picker.findData("user:bowl") < 0
        assert not list(data_dir.glob("*.json"))
        # A right-click on a built-in surface offers nothing.
        menu.close()
        picker.context_menu = None
        view.customContextMenuRequested.emit(view.visualRect(view.model().index(1, 0)).center())
        assert picker.context_menu is None
    finally:
        _close(win)
