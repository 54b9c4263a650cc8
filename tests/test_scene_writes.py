"""Scene files are written atomically: a failed or interrupted write keeps the old file and leaves
no temporary file behind."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from core.io.scene import (
    VERSION,
    RunSpec,
    Scene,
    SessionError,
    load_scene,
    save_scene,
)
from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.config import RunConfig
from surfaces.registry import get_surface

STARTS = np.array([[0.3, -1.7], [-2.1, 1.1]])


def _scene(lr: float) -> Scene:
    c = RunConfig("gd", default_hyper("sgd"), Schedule(lr=lr), Estimate())
    return Scene(get_surface("booth"), STARTS, (RunSpec(c, "#010203", steps=3),))


class _HalfWriter:
    """A file object that writes half of what it is given, then fails (a full disk, a kill)."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, text):
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


@pytest.mark.parametrize("failure", ["write", "fsync", "replace"])
def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch, failure):
    path = tmp_path / "scene.json"
    save_scene(path, _scene(0.01))
    before = path.read_bytes()

    def boom(*_a, **_k):
        raise OSError(5, "Input/output error")

    if failure == "write":
        real = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _HalfWriter(real(*a, **k)))
    else:
        monkeypatch.setattr(os, failure, boom)
    with pytest.raises(SessionError, match="cannot write"):
        save_scene(path, _scene(0.02))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["scene.json"]
    assert load_scene(path).runs[0].config.schedule.lr == 0.01


def test_interrupt_during_write_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "scene.json"
    save_scene(path, _scene(0.01))

    def interrupt(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_scene(path, _scene(0.02))
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["scene.json"]
    assert load_scene(path).runs[0].config.schedule.lr == 0.01


def test_successful_write_replaces_the_file(tmp_path):
    path = tmp_path / "scene.json"
    save_scene(path, _scene(0.01))
    save_scene(path, _scene(0.03))
    doc = json.loads(path.read_text())
    assert doc["format"] == "gd-explorer-scene" and doc["version"] == VERSION
    assert doc["runs"][0]["schedule"]["lr"] == 0.03
    assert [p.name for p in tmp_path.iterdir()] == ["scene.json"]


# --- any corruption is a SessionError, never another exception -----------------------------------
