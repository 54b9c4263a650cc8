"""Shared fixtures. GUI tests run on Qt's offscreen platform, chosen before any Qt import."""

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


@pytest.fixture
def main_window(qtbot):
    """The main window, shown and exposed; closed and deleted explicitly at teardown so no
    pyqtgraph widget outlives the test (REFERENCE.md §6)."""
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def explorer(main_window):
    """The Explorer tab of a shown main window."""
    return main_window.explorer
