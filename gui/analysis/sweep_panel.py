"""SweepPanel: the hyperparameter sweeps as two tabs — a learning-rate sweep per rule and a
two-parameter map for the selected run. ``install(window)`` adds it as a dock with a View action."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from gui.analysis.basins_panel import install_dock
from gui.analysis.sweep_lr_page import LrSweepPage
from gui.analysis.sweep_map_page import ParamMapPage
from gui.explorer.controller import ExplorerController


class SweepPanel(QTabWidget):
    """The two sweep pages of one Explorer controller."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lr_page = LrSweepPage(controller)
        self.map_page = ParamMapPage(controller)
        self.addTab(self.lr_page, self.tr("Learning-rate sweep"))
        self.addTab(self.map_page, self.tr("η × momentum / β₁ map"))
        self.setDocumentMode(True)

    def shutdown(self) -> None:
        self.lr_page.shutdown()
        self.map_page.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.shutdown()
        return False


def install(window: QMainWindow) -> QDockWidget:
    """Add the panel as a hidden dock, toggled by View > Hyperparameter sweeps (Ctrl+Shift+H)."""
    return install_dock(
        window,
        SweepPanel(window.explorer.controller),
        (QCoreApplication.translate("SweepPanel", "Hyperparameter sweeps"), "sweeps_dock"),
        (QCoreApplication.translate("SweepPanel", "Hyperparameter sweeps"), "Ctrl+Shift+H"),
        QCoreApplication.translate(
            "SweepPanel",
            "Final loss against the learning rate, and over η × momentum (Ctrl+Shift+H)",
        ),
    )
