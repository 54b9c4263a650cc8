"""The Lessons dock of the main window, built on first use (Help > Lessons, F2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from gui.lessons.controller import LessonsController
from gui.lessons.panel import LessonsPanel

if TYPE_CHECKING:
    from gui.window_api import WindowApi

DOCK_WIDTH = 400


def lessons_dock(win: WindowApi, persist: bool = True, fit: bool = True) -> QDockWidget:
    """The window's Lessons dock (created hidden the first time). With ``persist``, progress,
    the language and the put-aside work live in the data folder; without, only in memory.
    With ``fit``, the dock floats where docking it would push the window past the screen
    (a screenshot renders the window at its own size instead)."""
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
    if fit:
        fitter = _DockFitter(win, dock)
        win.tabs.currentChanged.connect(lambda _i: fitter.fit())
        dock.visibilityChanged.connect(lambda _on: fitter.fit())
        dock.fitter = fitter
    current = settings.value("lessons/current") if settings is not None else None
    first = controller.lessons.lessons[0].id if controller.lessons.lessons else None
    if isinstance(current, str) and controller.lessons.get(current) is not None:
        controller.show(current)
    elif first is not None:
        controller.show(first)
    return dock


class _DockFitter:
    """Keeps the window on the screen: where the tabs and the docked panel together are wider
    than the screen (once the Network tab is built, at 1280 px), the panel floats at the
    screen's right edge instead, and docks again when the tabs fit beside it."""

    def __init__(self, win: WindowApi, dock: QDockWidget) -> None:
        self.win, self.dock, self.floated = win, dock, False

    def fit(self) -> None:
        win, dock = self.win, self.dock
        screen = win.screen().availableGeometry() if win.screen() is not None else None
        if screen is None or not dock.isVisible():
            return
        # the tab widget is as wide as its widest page (the Network tab once it is built)
        need = win.tabs.minimumSizeHint().width() + DOCK_WIDTH + 24
        if need > screen.width() and not dock.isFloating():
            self.floated = True
            dock.setFloating(True)
            dock.setGeometry(screen.right() - DOCK_WIDTH, screen.top() + 60, DOCK_WIDTH,
                             screen.height() - 90)  # fmt: skip
        elif need <= screen.width() and self.floated and dock.isFloating():
            self.floated = False
            dock.setFloating(False)
        QTimer.singleShot(0, lambda: self._keep_on_screen(screen.width()))

    def _keep_on_screen(self, width: int) -> None:
        """A docked panel beside a wider tab may have stretched the window past the screen."""
        if self.win.width() > width and not self.win.isFullScreen():
            self.win.resize(width, self.win.height())


def offer_on_first_start(win: WindowApi) -> bool:
    """Show the Lessons dock if this data folder has never offered it; True if it did now."""
    dock = lessons_dock(win)
    settings = win.lessons.settings
    if settings is None or settings.value("lessons/offered") is not None:
        return False
    settings.setValue("lessons/offered", True)
    dock.show()
    return True
