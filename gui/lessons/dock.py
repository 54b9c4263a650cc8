"""The Lessons dock of the main window, built on first use (Help > Lessons, F2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from gui.lessons.controller import LessonsController
from gui.lessons.panel import LessonsPanel

if TYPE_CHECKING:
    from gui.main_window import MainWindow

DOCK_WIDTH = 400


def lessons_dock(win: MainWindow, persist: bool = True) -> QDockWidget:
    """The window's Lessons dock (created hidden the first time). With ``persist``, progress,
    the language and the put-aside work live in the data folder; without, only in memory."""
    dock = getattr(win, "lessons_dock", None)
    if dock is not None:
        return dock
    from gui.i18n.language import restore_language
    from gui.session import data_dir

    folder = data_dir() if persist else None
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat) if folder else None
    controller = LessonsController(win, settings, folder)
    if settings is not None:
        restore_language(settings)
    panel = LessonsPanel(controller)
    dock = QDockWidget(QCoreApplication.translate("Lessons", "Lessons"), win)
    dock.setObjectName("lessons")
    dock.setWidget(panel)
    dock.setMinimumWidth(DOCK_WIDTH)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    win.lessons_dock = dock
    win.lessons = controller
    current = settings.value("lessons/current") if settings is not None else None
    first = controller.lessons.lessons[0].id if controller.lessons.lessons else None
    if isinstance(current, str) and controller.lessons.get(current) is not None:
        controller.show(current)
    elif first is not None:
        controller.show(first)
    return dock


def offer_on_first_start(win: MainWindow) -> bool:
    """Show the Lessons dock if this data folder has never offered it; True if it did now."""
    dock = lessons_dock(win)
    settings = win.lessons.settings
    if settings is None or settings.value("lessons/offered") is not None:
        return False
    settings.setValue("lessons/offered", True)
    dock.show()
    return True
