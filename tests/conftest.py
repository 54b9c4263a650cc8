"""Shared fixtures. GUI tests run on Qt's offscreen platform, chosen before any Qt import."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


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
