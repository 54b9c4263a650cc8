"""3D view: explains itself on the offscreen platform; renders the surface and live trails under a
virtual X display (Xvfb + xcb, in a subprocess: this process is pinned to offscreen)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from gui.analysis.view3d_scene import LIFT, SceneMap, lifted, segments, surface_mesh, thin

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[1]


def test_offscreen_shows_why_3d_is_off(main_window, qtbot):
    from gui.analysis.view3d import View3DWindow

    win = main_window.findChild(View3DWindow)  # installed with the window's other tools
    assert win.action.shortcut().toString() == "Ctrl+3"
    win.action.setChecked(True)
    qtbot.waitExposed(win)
    v = win.view3d
    assert not v.available and v.view is None
    assert v.explanation.isVisible()
    assert "offscreen" in v.explanation.text() and "OpenGL" in v.explanation.text()
    assert not v.bar.isVisible()  # no controls for a view that cannot draw
    main_window.explorer.controller.step_once()  # stepping with no GL view is harmless
    win.close()
    assert not win.action.isChecked()


def test_scene_heights_follow_the_colour_scale():
    xs = np.linspace(-1, 1, 5)
    ys = np.linspace(-2, 2, 9)
    X, Y = np.meshgrid(xs, ys)
    z = X**2 + Y**2  # 0 at the centre, 5 at the corners
    m, sx, sy, sz, colours = surface_mesh(xs, ys, z, log=False, height=4.0)
    assert isinstance(m, SceneMap)
    assert sz.shape == (5, 9) and colours.shape == (5, 9, 4)
    assert sz[2, 4] == pytest.approx(0.0)  # the minimum sits at height 0
    assert sz.max() == pytest.approx(4.0)  # the top of the colour range at full height
    assert sx[2] == pytest.approx(0.0) and sy[4] == pytest.approx(0.0)
    assert sy[-1] - sy[0] == pytest.approx(10.0)  # the longer side spans SIDE units
    # A trail point at the minimum floats LIFT above the surface; non-finite points are dropped.
    pos = lifted(m, np.array([[0.0, 0.0], [np.nan, 1.0]]), np.array([0.0, np.nan]))
    np.testing.assert_allclose(pos, [[0.0, 0.0, LIFT]])
    # A trail that leaves the domain is cut at its edge: only pairs of points over the surface.
    xy = np.array([[0.0, 0.0], [0.5, 1.0], [3.0, 0.0], [0.9, -1.9], [1.0, -2.0]])
    p3 = lifted(m, xy, (xy**2).sum(axis=1))
    seg = segments(m, p3)
    assert seg.shape == (4, 3)  # (0,0)-(0.5,1) and (0.9,-1.9)-(1,-2); nothing to (3, 0)
    np.testing.assert_allclose(seg[:, :2], p3[[0, 1, 3, 4], :2])
    long = np.arange(10_000.0).reshape(-1, 2)
    t = thin(long, 100)
    assert len(t) <= 100 and (t[0] == long[0]).all() and (t[-1] == long[-1]).all()


GL_SCRIPT = r"""
import json, sys
import numpy as np
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.main_window import MainWindow
from gui.analysis.view3d import install
from gui.theme import PLOT_BG

win = MainWindow()
win3d = install(win)
win.show()
win3d.action.setChecked(True)
app.processEvents()
v = win3d.view3d
c = win.explorer.controller
c.add_start(-4.0, 4.0)
for _ in range(60):
    c.step_once()
app.processEvents()

def rgb(img):
    img = img.convertToFormat(img.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, : img.width(), 2::-1].astype(int)

def near(a, colour, tol=40):
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return int((np.abs(a - [r, g, b]).max(axis=2) <= tol).sum())

colours = sorted({s.colour for s in c.race.active()})
lines_before = sum(1 for line in v._lines if line.pos is not None and len(line.pos) > 1)
trails_before = sum(s.run.n_points for s in c.race.active())
with_trails = rgb(v.grab_image())
for line in v._lines:
    line.setVisible(False)
v._heads.setVisible(False)
without = rgb(v.view.grabFramebuffer())  # no refresh: the trails stay hidden
changed = np.abs(with_trails - without).max(axis=2) > 30
bg = np.array([int(PLOT_BG[i : i + 2], 16) for i in (1, 3, 5)])
for line in v._lines:
    line.setVisible(True)
before = sum(len(line.pos) for line in v._lines if line.pos is not None)
c.restart_at(-4.0, -4.0)  # a new start far from the old: the trails must follow the race
for _ in range(30):
    c.step_once()
app.processEvents()
heads = v._heads.pos[:, :2]
w = np.vstack([s.run.w for s in c.race.active()])
out = {
    "available": v.available,
    "segments_before": before,
    "segments_after": sum(len(line.pos) for line in v._lines if line.pos is not None and line.visible()),
    "heads_after": heads.tolist(),
    "expected_heads": np.stack(v.scene_map.xy(w[:, 0], w[:, 1]), axis=1).tolist(),
    "size": list(with_trails.shape[:2]),
    "non_background": float((np.abs(with_trails - bg).max(axis=2) > 12).mean()),
    "distinct": int(len(np.unique(with_trails.reshape(-1, 3), axis=0))),
    "changed": int(changed.sum()),
    "changed_in_run_colours": sum(near(with_trails[changed][None], col) for col in colours),
    "lines": lines_before,
    "trails": trails_before,
}
print(json.dumps(out))
win.shutdown(); win3d.close(); win.close(); win.deleteLater(); app.processEvents()
"""


def _free_display() -> int:
    for n in range(91, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    pytest.skip("no free X display number")


@pytest.fixture
def xvfb():
    """A private Xvfb server for the test, killed at teardown."""
    if shutil.which("Xvfb") is None:
        pytest.skip(
            "Xvfb is not installed (apt-get install xvfb): the OpenGL view needs an X server"
        )
    n = _free_display()
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    sock = Path(f"/tmp/.X11-unix/X{n}")
    deadline = time.monotonic() + 15
    while not sock.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the server's socket, not timing anything
    if not sock.exists():
        proc.kill()
        proc.wait()
        pytest.skip(f"Xvfb :{n} did not start")
    yield f":{n}"
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_gl_view_renders_surface_and_trails_under_xvfb(xvfb):
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    r = subprocess.run([sys.executable, "-c", GL_SCRIPT], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["available"], r.stderr[-2000:]
    assert out["size"][0] > 100 and out["size"][1] > 100
    assert out["non_background"] > 0.1  # the surface covers a good part of the frame
    assert out["distinct"] > 200  # shaded colours, not a flat fill
    assert out["lines"] == out["trails"] == 6  # 3 runs × 2 starts, each drawn
    # Hiding the trails changes the frame, and what they drew is in the runs' colours.
    assert out["changed"] > 200
    assert out["changed_in_run_colours"] > 0.3 * out["changed"]  # the rest: antialiased edges
    # After a restart the view follows the race: one trail per run, heads at the runs' points.
    assert 0 < out["segments_after"] < out["segments_before"]
    heads = np.array(out["heads_after"])
    expected = np.array(out["expected_heads"])
    assert heads.shape == (3, 2)
    np.testing.assert_allclose(heads, expected, atol=1e-9)


def test_offscreen_process_is_not_touched_by_gl():
    assert QApplication.platformName() == "offscreen"
