"""`main.py --screenshot FILE --scene SCENE.json [--size WxH]`: the scene is opened as File > Open
opens it (every run at its saved point, its view) and rendered; a refused scene is one line on
stderr and exit 2, in a fresh process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.io.scene import save_scene
from core.race.model import Race
from core.race.scene import race_scene
from surfaces.registry import get_surface
from tests.test_screenshot import _run

pytestmark = pytest.mark.gui


def _scene_file(tmp_path: Path) -> tuple[Path, Race]:
    race = Race(get_surface("rosenbrock"), critical=())
    race.add_racer("adam", 0.05)
    race.add_racer("momentum", 0.001, momentum=0.9)
    race.step(40)
    race.set_view_range((-2.0, 2.0, -1.0, 3.0))
    path = tmp_path / "scene.json"
    save_scene(path, race_scene(race))
    return path, race


def test_screenshot_opens_the_scene_as_file_open_does(tmp_path, monkeypatch, qapp):
    import gui.session
    from gui.app import run_app

    path, race = _scene_file(tmp_path)
    seen = []
    original = gui.session.show_scene

    def spy(c, scene, **kw):
        assert kw == {"interactive": False}  # headless: replayed at once, no progress dialog
        keys = original(c, scene, **kw)
        seen.append((c.surface.name, c.race.view_range, [(r.t, r.run.w.copy()) for r in c.racers]))
        return keys

    monkeypatch.setattr(gui.session, "show_scene", spy)
    out = tmp_path / "shot.png"
    assert run_app(screenshot=str(out), size=(900, 600), scene=str(path)) == 0
    ((name, view, runs),) = seen
    assert name == "rosenbrock" and view == (-2.0, 2.0, -1.0, 3.0)
    for (t, w), r in zip(runs, race.racers, strict=True):
        assert t == r.t == 40
        np.testing.assert_array_equal(w, r.run.w)
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (900, 600)


def test_a_refused_scene_is_one_line_and_exit_2(tmp_path):
    path, _ = _scene_file(tmp_path)
    doc = json.loads(path.read_text())
    doc["runs"][0]["schedule"]["t0"] = 1e19
    path.write_text(json.dumps(doc))
    r = _run("--screenshot", str(tmp_path / "x.png"), "--scene", str(path), "--size", "600x400")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "scene.json" in lines[0] and "t0 must be" in lines[0], r.stderr
    assert not (tmp_path / "x.png").exists()
