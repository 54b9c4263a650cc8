"""The window on a 1280×800 screen: it opens inside the screen, and the Lessons dock docks beside
the Explorer even after the (wider) Network tab was built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from gui.widgets.screen_fit import fit_to_screen, fitted_size

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent
SCREEN = {"name": "small", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
          "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip


def test_fitted_size_shrinks_to_the_screen_and_never_grows() -> None:
    assert fitted_size(QSize(1400, 900), QSize(1280, 800)) == QSize(1280, 800)
    assert fitted_size(QSize(1400, 900), QSize(1280, 800), QSize(10, 40)) == QSize(1270, 760)
    assert fitted_size(QSize(900, 600), QSize(1280, 800)) == QSize(900, 600)


def test_fit_to_screen_moves_and_shrinks_a_widget(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.move(300, 200)
    fit_to_screen(w, QRect(0, 0, 1280, 800))
    g = w.frameGeometry()
    assert QRect(0, 0, 1280, 800).contains(g), g


def test_neither_tab_forces_a_400_px_dock_off_a_1280_px_screen(main_window) -> None:
    net = main_window.network_tab()
    main_window.show_tab("network")
    # the Network page is wide, but it scrolls sideways in its tab instead of widening the window
    assert net.minimumSizeHint().width() >= 900
    assert main_window.tabs.minimumSizeHint().width() + 400 + 24 <= 1280
    main_window.show_tab("explorer")
    assert main_window.tabs.minimumSizeHint().width() + 400 + 24 <= 1280


SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
out = {}
def probe():
    from gui.main_window import MainWindow
    win = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    g = win.frameGeometry()
    out["window"] = [g.x(), g.y(), g.width(), g.height()]
    win.network_tab()
    win.show_tab("network")
    app.processEvents()
    win.show_tab("explorer")
    win.show_lessons()
    QTimer.singleShot(1500, lambda: finish(win))
def finish(win):
    g = win.frameGeometry()
    out["after_lessons"] = [g.x(), g.y(), g.width(), g.height()]
    out["lessons_floating"] = win.lessons_dock.isFloating()
    out["plot_width"] = win.explorer.plot.width()
    out["frame"] = list(win.explorer.plot.frame())
    out["domain"] = list(win.explorer.controller.surface.domain)
    print(json.dumps(out))
    app.quit()
QTimer.singleShot(800, probe)
from gui.app import run_app
sys.exit(run_app(None, "explorer", None))
"""


@pytest.mark.slow
def test_the_window_opens_inside_a_1280x800_screen_and_lessons_dock(tmp_path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", GDE_NO_AUTOSAVE="1")
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True,
                       text=True, timeout=180)  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    screen = QRect(0, 0, 1280, 800)
    assert screen.contains(QRect(*out["window"])), out
    assert screen.contains(QRect(*out["after_lessons"])), out
    assert out["lessons_floating"] is False, out
    # the surface beside the docked lessons: usable, and showing the whole domain
    assert out["plot_width"] >= 440, out
    (x0, x1, y0, y1), (d0, d1, e0, e1) = out["frame"], out["domain"]
    assert x0 <= d0 + 1e-6 and x1 >= d1 - 1e-6 and y0 <= e0 + 1e-6 and y1 >= e1 - 1e-6, out


DOCKS_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDockWidget
app = QApplication(sys.argv[:1])
out = {}
def win_():
    from gui.main_window import MainWindow
    return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
def geometry(win):
    g = win.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]
def probe():
    win = win_()
    win.show_lessons()
    basins = win.findChild(QDockWidget, "basins_dock")
    basins.toggleViewAction().trigger()
    out["basins"] = basins.isVisible()
    win.show_tab("network")
    QTimer.singleShot(1200, lambda: on_network(win, basins))
def on_network(win, basins):
    out["network"] = geometry(win)
    out["basins_on_network"] = basins.isVisible()
    win.show_tab("explorer")
    QTimer.singleShot(1200, lambda: back(win, basins))
def back(win, basins):
    out["explorer"] = geometry(win)
    out["basins_back"] = basins.isVisible()
    print(json.dumps(out))
    app.quit()
QTimer.singleShot(800, probe)
from gui.app import run_app
sys.exit(run_app(None, "explorer", None, lang="ru"))
"""


@pytest.mark.slow
def test_tool_docks_step_aside_on_the_network_tab_and_the_window_stays_on_screen(tmp_path):
    """In Russian with Lessons and the basin map open, the Network tab once stretched the window to
    1610 px on a 1280-px screen: panels and the What-if and Swarm buttons ended up off its edge."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", GDE_NO_AUTOSAVE="1")
    r = subprocess.run([sys.executable, "-c", DOCKS_SCRIPT], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=180)  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    screen = QRect(0, 0, 1280, 800)
    assert out["basins"] and not out["basins_on_network"] and out["basins_back"], out
    assert screen.contains(QRect(*out["network"])), out
    assert screen.contains(QRect(*out["explorer"])), out
