"""Shared fixtures. GUI tests run on Qt's offscreen platform, chosen before any Qt import.

The GUI tests share one main window (built once, with every tool installed), reset to the state of
a fresh window before each test: building a window per test was most of the suite's time."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Keep every test (and the subprocesses it starts) away from the user's real data folder:
    autosaves, saved surfaces and UI settings go to a fresh temporary folder."""
    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path / "gde-data"))


@pytest.fixture
def cli(capsys, request):
    """Run ``main.main(argv)`` in this process: ``cli("trace", "--surface", ...)`` returns
    (exit code, stdout, stderr). Exit codes and clean shutdown of real processes are tested with
    tests.clirun.run_cli, in a few tests only."""
    from tests.clirun import run_main

    def run(*argv: str) -> tuple[int, str, str]:
        if argv[:1] == ("export",):
            request.getfixturevalue("qapp")  # the one QApplication of the test session
        return run_main(capsys, *argv)

    return run


class _Fresh:
    """What a newly built window looks like, to put the shared one back before each test."""

    def __init__(self, win) -> None:
        from PySide6.QtWidgets import QApplication

        tab = win.explorer
        self.checked = {n: a.isChecked() for n, a in tab.actions.items() if a.isCheckable()}
        self.splitter = tab.splitter.sizes()
        self.size = win.size()
        self.focus = QApplication.focusWidget()
        self.theme = tab.plot.theme
        self.tools: list[tuple[object, str, object]] = []

    def add_tools(self, win) -> None:
        """Remember the controls of the tools installed in docks (area, grid size, opacity, ...)."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QComboBox,
            QDockWidget,
            QDoubleSpinBox,
            QSlider,
            QSpinBox,
            QTabWidget,
        )

        getters = ((QAbstractButton, "isChecked", "setChecked"), (QComboBox, "currentIndex",
                   "setCurrentIndex"), (QSpinBox, "value", "setValue"), (QDoubleSpinBox, "value",
                   "setValue"), (QSlider, "value", "setValue"), (QTabWidget, "currentIndex",
                   "setCurrentIndex"))  # fmt: skip
        for dock in win.findChildren(QDockWidget):
            for kind, get, put in getters:
                for w in dock.widget().findChildren(kind):
                    if kind is not QAbstractButton or w.isCheckable():
                        self.tools.append((w, put, getattr(w, get)()))

    def restore(self, win) -> None:
        from PySide6.QtWidgets import QApplication, QDockWidget

        from core.io.user_surfaces import UserPresetStore
        from gui.analysis.view3d import View3DWindow
        from gui.explorer.user_surfaces import default_folder

        tab, c = win.explorer, win.explorer.controller
        if getattr(win, "swarm_mode", None) is not None:
            win.swarm_mode.set_active(False)
        if win.network is not None:
            win.network.ctl.pause()
        win.show_tab("explorer")
        for dock in win.findChildren(QDockWidget):
            dock.hide()
            shutdown = getattr(dock.widget(), "shutdown", None)
            if shutdown is not None:
                shutdown()  # cancel and wait for a computation still running
        for view in win.findChildren(View3DWindow):
            view.action.setChecked(False)
        if tab.explain_dialog is not None:
            tab.explain_dialog.close()
        for act in (tab.draw.actions["draw"], tab.draw.actions["hill"]):
            act.setChecked(False)
        tab.formula.timer.stop()
        tab.formula.edit.clear()
        c.new_race()
        tab.plot.set_theme(self.theme)  # fonts and axis room as built (no earlier surface's labels)
        for name, on in self.checked.items():
            tab.actions[name].setChecked(on)
        for w, put, value in self.tools:
            getattr(w, put)(value)
        tab.user_surfaces.store = UserPresetStore(default_folder())
        tab.user_surfaces.reload()
        tab.splitter.setSizes(self.splitter)
        win.resize(self.size)
        win.statusBar().clearMessage()
        win.readout.clear()
        c.wait_for_critical()
        QApplication.processEvents()
        tab.draw.stack.clear()
        if self.focus is not None:
            self.focus.setFocus()
        win.activateWindow()
        QApplication.processEvents()


@pytest.fixture(scope="session")
def _shared_window(qapp):
    """The one main window of the GUI tests, shown and exposed; closed and deleted explicitly
    at the end so no pyqtgraph widget outlives the session (REFERENCE.md §6)."""
    import pyqtgraph as pg
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    # Deliver every synthetic mouse move: pyqtgraph drops moves closer than 1/100 s apart by
    # default, which would make drags and hovers depend on sleeps between events.
    pg.setConfigOption("mouseRateLimit", -1)
    from gui.i18n.language import start

    start("en")  # as the app does before any widget: "3 starts", not "3 start(s)", in any order
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    assert QTest.qWaitForWindowExposed(win)
    QApplication.processEvents()
    fresh = _Fresh(win)
    win.install_extras()
    fresh.add_tools(win)
    yield win, fresh
    win.shutdown()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def main_window(_shared_window, qtbot):
    """The shared main window, as freshly built (default surface and race, tools hidden)."""
    win, fresh = _shared_window
    fresh.restore(win)
    yield win
    win.explorer.controller.pause()


@pytest.fixture
def explorer(main_window):
    """The Explorer tab of the shared main window."""
    return main_window.explorer
