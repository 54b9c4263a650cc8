"""Autosave against real kills (kill -9) of real windows, each on its own data folder: edits made
while playing survive a kill a moment later, a second window on one folder keeps its own
autosave, a killed window's lock and half-written temporaries do not outlive it, and a data
folder that cannot be created still starts the window with autosave off."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.clirun import ROOT

pytestmark = pytest.mark.gui


def start(data: Path, action: str = "idle") -> tuple[subprocess.Popen, str]:
    """A window on that data folder, after it did ACTION; returns it and the line it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDE_DATA_DIR=str(data))
    env.pop("GDE_NO_AUTOSAVE", None)
    p = subprocess.Popen([sys.executable, "-m", "tests.session_child", action], cwd=ROOT,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    line = p.stdout.readline()
    if not line.startswith("READY"):
        p.kill()
        raise AssertionError(f"the window did not start: {line}{p.stderr.read()}")
    return p, line


def kill(p: subprocess.Popen) -> str:
    p.send_signal(signal.SIGKILL)
    p.wait(10)
    return p.stderr.read()


def test_edits_while_playing_survive_a_kill(tmp_path):
    data = tmp_path / "data"
    p, _ = start(data, "edit")
    time.sleep(2.0)  # the edit delay is about a second
    assert "Traceback" not in kill(p)
    doc = json.loads((data / "autosave.json").read_text())
    assert len(doc["runs"]) == 4 and len(doc["starts"]) == 2
    assert doc["runs"][3]["rule"] == "rmsprop"


def test_two_windows_one_folder_and_the_leftovers_of_a_kill(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # what a save killed midway leaves: ours is removed at start, other files stay
    leftovers = [data / ".autosave.0badc0de.json", data / ".autosave.json.12ab.tmp"]
    for f in leftovers:
        f.write_text("{partial")
    (data / "notes.txt").write_text("mine")
    a, line_a = start(data)
    assert "READY autosave.json" in line_a
    assert not any(f.exists() for f in leftovers) and (data / "notes.txt").exists()
    b, line_b = start(data)
    assert "READY autosave-2.json" in line_b and "Another window uses the data folder" in line_b
    kill(b)
    kill(a)  # a's lock is stale now: the next window takes the folder's first autosave again
    c, line_c = start(data)
    assert "READY autosave.json" in line_c
    kill(c)


def test_a_data_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    p, line = start(blocker / "data")
    assert "Autosave is off: cannot create the data folder" in line
    err = kill(p)
    assert "Traceback" not in err
