"""The window's View menu, found by its title: the tools installed after the window is built
(data view, basin map, sweeps, what-if, swarm) add their actions there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu


def view_menu(window: QMainWindow) -> QMenu:
    """The window's View menu (created if it has none)."""
    title = QCoreApplication.translate("MainWindow", "&View")
    for act in window.menuBar().actions():
        if act.menu() is not None and act.text() == title:
            return act.menu()
    return window.menuBar().addMenu(title)
