"""Exports called from the GUI: export_image at 2×, race pictures and animations (progress, cancel
without a partial file), trajectories identical to `trace`, the PyTorch code of a run, and the
ExportDialog."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QLabel

import main
from core.io.pytorch_code import CodeError
from core.race.colours import RUN_COLOURS
from gui.export.cli import build_race
from gui.export.dialog import ExportDialog
from gui.export.gif import export_race_gif, frame_steps
from gui.export.render import (
    ExportError,
    export_image,
    export_race_image,
    export_trajectories,
    logical_size,
    race_pytorch_code,
)


def _args(*argv: str):
    return main.parse_args(["export", *argv])


def _race(rules: str = "gd,adam", steps: int = 60, *extra: str):
    return build_race(_args("--surface", "himmelblau", "--optimizer", rules, "--lr", "0.01",
                            "--start", "0,-4.5", "--steps", str(steps), "--out", "x.png",
                            *extra))  # fmt: skip


@pytest.fixture
def widget(qtbot):
    w = QLabel("Gradient descent")
    w.setStyleSheet("background:#203040;color:#ffd23f;font-size:20pt;")
    w.resize(300, 120)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    w.deleteLater()
    QApplication.processEvents()


def test_export_image_png_at_twice_the_size(widget, tmp_path) -> None:
    path = str(tmp_path / "w.png")
    export_image(widget, path, (600, 240))
    img = np.asarray(Image.open(path).convert("RGB")).astype(int)
    assert img.shape == (240, 600, 3)
    bg = (np.abs(img - [0x20, 0x30, 0x40]).sum(axis=-1) < 10).mean()
    text = (np.abs(img - [0xFF, 0xD2, 0x3F]).sum(axis=-1) < 60).sum()
    assert bg > 0.5 and text > 200  # the label's background fills it, its text is drawn
    export_image(widget, str(tmp_path / "w1.png"))
    assert Image.open(tmp_path / "w1.png").size == (300, 120)
    # At 2× the text covers about four times the pixels of 1× (vector scaling, not a blur).
    one = np.asarray(Image.open(tmp_path / "w1.png").convert("RGB")).astype(int)
    text1 = (np.abs(one - [0xFF, 0xD2, 0x3F]).sum(axis=-1) < 60).sum()
    assert 2.5 < text / text1 < 6


def test_export_image_svg_and_bad_extension(widget, tmp_path) -> None:
    path = tmp_path / "w.svg"
    export_image(widget, str(path))
    assert path.read_text().lstrip().startswith("<?xml") and "<svg" in path.read_text()
    with pytest.raises(ExportError, match=r"\.png, \.svg"):
        export_image(widget, str(tmp_path / "w.gif"))


def test_race_image_from_the_gui_race(qtbot, tmp_path) -> None:
    race = _race("gd,momentum")
    path = tmp_path / "r.png"
    export_race_image(race, str(path), (900, 600))
    px = np.asarray(Image.open(path).convert("RGB")).astype(int)
    assert px.shape == (600, 900, 3)
    for colour in RUN_COLOURS[:2]:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(px - rgb).sum(axis=-1) < 40).sum() > 30


def test_race_image_keeps_the_users_zoom(qtbot, tmp_path) -> None:
    race = _race("gd")
    a, b = tmp_path / "all.png", tmp_path / "zoom.png"
    export_race_image(race, str(a), (600, 400))
    export_race_image(race, str(b), (600, 400), view=((-4.5, -3.0), (-4.0, -2.5)))
    assert not np.array_equal(np.asarray(Image.open(a)), np.asarray(Image.open(b)))


def test_gif_progress_and_frames(qtbot, tmp_path) -> None:
    race = _race("gd,adam", 30)
    calls = []
    path = tmp_path / "a.gif"
    assert export_race_gif(race, str(path), (320, 240), progress=lambda d, n: calls.append((d, n)))
    img = Image.open(path)
    assert img.n_frames == 31 and img.size == (320, 240)
    assert calls[-1] == (31, 31) and len(calls) == 31


def test_gif_cancel_stops_early_and_leaves_no_file(qtbot, tmp_path) -> None:
    race = _race("gd", 200)
    done = []
    path = tmp_path / "c.gif"
    ok = export_race_gif(race, str(path), (320, 240), progress=lambda d, n: done.append(d),
                         cancelled=lambda: len(done) >= 3)  # fmt: skip
    assert ok is False
    assert len(done) == 3  # stopped at once, not after rendering every frame
    assert os.listdir(tmp_path) == []


def test_frame_steps() -> None:
    assert frame_steps(5) == [0, 1, 2, 3, 4, 5]
    s = frame_steps(10_000)
    assert len(s) == 120 and s[0] == 0 and s[-1] == 10_000 and s == sorted(set(s))
    assert logical_size((1200, 800)) == (1200, 800)
    assert logical_size((2400, 1600)) == (1200, 800)
    assert logical_size((1000, 700)) == (1000, 700)
    assert logical_size((450, 300)) == (900, 600)  # small pictures are shrunk layouts


TRACE = ["--surface", "rosenbrock", "--lr", "0.001", "--start", "-1.5,2.5", "--steps", "80"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_trajectories_equal_trace(tmp_path, capsys, fmt) -> None:
    race = build_race(_args(*TRACE, "--optimizer", "momentum", "--out", "x.png"))
    path = tmp_path / f"t.{fmt}"
    assert export_trajectories(race, str(path)) == [str(path)]
    capsys.readouterr()
    assert main.main(["trace", *TRACE, "--optimizer", "momentum", "--format", fmt]) == 0
    assert path.read_text() == capsys.readouterr().out


def test_trajectories_of_several_runs_one_file_each(tmp_path, capsys) -> None:
    race = build_race(_args(*TRACE, "--optimizer", "gd,adam", "--out", "x.png"))
    paths = export_trajectories(race, str(tmp_path / "race.json"))
    assert [os.path.basename(p) for p in paths] == ["race-1-gd.json", "race-2-adam.json"]
    capsys.readouterr()
    main.main(["trace", *TRACE, "--optimizer", "adam", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert json.loads(Path(paths[1]).read_text()) == rows
    assert list(rows[0]) == ["step", "x", "y", "loss", "lr"]
    with pytest.raises(ExportError, match=r"\.csv, \.json"):
        export_trajectories(race, str(tmp_path / "race.txt"))


def test_trajectory_stops_at_divergence(tmp_path, capsys) -> None:
    argv = ["--surface", "rosenbrock", "--optimizer", "gd", "--lr", "0.5", "--start", "-1.5,2.5",
            "--steps", "40"]  # fmt: skip
    race = build_race(_args(*argv, "--out", "x.png"))
    export_trajectories(race, str(tmp_path / "d.csv"))
    capsys.readouterr()
    main.main(["trace", *argv])
    want = capsys.readouterr().out
    assert (tmp_path / "d.csv").read_text() == want
    assert len(want.splitlines()) < 41


def test_pytorch_code_of_a_gui_run() -> None:
    race = _race("adam,newton", 25, "--convention", "pytorch")
    adam, newton = (s.key for s in race.racers)
    code = race_pytorch_code(race, adam)
    ast.parse(code)
    assert "torch.optim.Adam([w], lr=0.01" in code and "steps = 25" in code
    assert "torch.tensor([0.0, -4.5]" in code
    with pytest.raises(CodeError):
        race_pytorch_code(race, newton)


def test_export_dialog_defaults_and_sizes(qtbot, tmp_path) -> None:
    d = ExportDialog((700, 500), str(tmp_path))
    qtbot.addWidget(d)
    req = d.request()
    assert req.fmt == "png" and req.size == (1400, 1000)  # slides: 2× by default
    assert req.path == os.path.join(str(tmp_path), "race.png")
    d.scales.button(3).setChecked(True)
    assert d.request().size == (2100, 1500)
    d.format.setCurrentIndex(2)
    req = d.request()
    assert req.fmt == "gif" and req.path.endswith("race.gif") and req.size == (700, 500)
    d.scales.button(0).setChecked(True)
    d.width_box.setValue(640)
    d.height_box.setValue(360)
    assert d.request().size == (640, 360)
    assert "640 × 360 px" in d.pixels.text()
    assert all(b.toolTip() for b in d.scales.buttons()) and d.format.toolTip()


def test_export_dialog_rejects_a_bad_path(qtbot, tmp_path) -> None:
    d = ExportDialog((700, 500), str(tmp_path))
    qtbot.addWidget(d)
    d.path.setText(str(tmp_path / "missing" / "race.png"))
    d._on_save_clicked()
    assert "does not exist" in d.error.text() and d.result() == 0
    d.path.setText(str(tmp_path / "race.jpg"))
    d._on_save_clicked()
    assert ".png" in d.error.text()
    d.path.setText(str(tmp_path / "ok.png"))
    d._on_save_clicked()
    assert d.error.text() == "" and d.result() == 1


def test_export_from_the_explorer_tab(explorer, tmp_path) -> None:
    """The live Explorer race (default surface and runs) exports as a picture and an animation."""
    race = explorer.controller.race
    race.step(40)
    w, h = explorer.plot.width(), explorer.plot.height()
    path = tmp_path / "live.png"
    export_race_image(race, str(path), (2 * w, 2 * h), view=explorer.plot.vb.viewRange())
    assert Image.open(path).size == (2 * w, 2 * h)
    gif = tmp_path / "live.gif"
    assert export_race_gif(race, str(gif), (w, h), max_frames=8)
    assert Image.open(gif).n_frames == 8


def test_file_menu_actions_on_the_main_window(main_window, tmp_path, monkeypatch) -> None:
    """The four export actions as the window will wire them, each fired once."""
    from PySide6.QtWidgets import QFileDialog

    acts = main_window.export_actions
    file_menu = main_window.file_menu.actions()
    assert all(a in file_menu for a in acts.actions.values())
    assert acts.actions["export"].shortcut().toString() == "Ctrl+E"
    main_window.explorer.controller.race.step(30)

    def accept(self) -> int:
        self.path.setText(str(tmp_path / "menu.png"))
        return 1

    monkeypatch.setattr(ExportDialog, "exec", accept)
    acts.actions["export"].trigger()
    plot = main_window.explorer.plot
    assert Image.open(tmp_path / "menu.png").size == (2 * plot.width(), 2 * plot.height())
    assert "menu.png" in main_window.statusBar().currentMessage()

    target = str(tmp_path / "paths.json")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    acts.actions["export_trajectories"].trigger()
    files = sorted(p.name for p in tmp_path.glob("paths*.json"))
    assert files and all(json.loads((tmp_path / f).read_text())[0]["step"] == 0 for f in files)

    acts.actions["copy_pytorch"].trigger()
    code = QApplication.clipboard().text()
    assert (
        "import torch" in code and "Copied PyTorch code" in main_window.statusBar().currentMessage()
    )
    ast.parse(code)


def test_animation_with_progress_dialog_and_its_cancel(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from gui.export.dialog import export_animation_with_progress

    race = _race("gd", 12)
    path = tmp_path / "p.gif"
    assert export_animation_with_progress(None, race, str(path), (320, 240))
    assert Image.open(path).n_frames == 13
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    for name in ("q.gif", "q.mp4"):
        assert not export_animation_with_progress(None, race, str(tmp_path / name), (320, 240))
    assert sorted(os.listdir(tmp_path)) == ["p.gif"]


def test_a_legend_line_breaks_between_settings_never_inside_one() -> None:
    from gui.export.figure import _unbroken

    line = _unbroken("textbook · η 0.01 · β₁ 0.9, β₂ 0.999, ε 1e-08, bias corr. off")
    parts = [p for part in line.split(" · ") for p in part.split(", ")]
    assert parts == ["textbook", "η\u00a00.01", "β₁\u00a00.9", "β₂\u00a00.999", "ε\u00a01e-08",
                     "bias\u00a0corr.\u00a0off"]  # fmt: skip
