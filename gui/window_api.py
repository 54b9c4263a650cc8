"""What the tools installed into the main window (the session's scene files, the lessons) use of it,
as a protocol: they depend on the window's shape, not on gui.main_window, which opens them (a
module that imported the window it is opened by made an import cycle)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QTabWidget

    from gui.explorer.tab import ExplorerTab
    from gui.network.tab import NetworkTab


class WindowApi(Protocol):
    """The main window (gui.main_window.MainWindow, a QMainWindow) as its tools see it."""

    explorer: ExplorerTab
    network: NetworkTab | None
    tabs: QTabWidget
    file_menu: QMenu

    def network_tab(self) -> NetworkTab: ...

    def show_tab(self, name: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def addDockWidget(self, area: object, dock: QDockWidget) -> None: ...
