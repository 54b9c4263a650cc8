"""Sessions in the window: File > New scene / Open… / Save / Save as…, the autosave (throttled
after changes, and on close) with its restore at start, and UI preferences in QSettings.

Everything lives in one data folder: QStandardPaths' AppDataLocation, or $GDE_DATA_DIR when set
(tests point it at a temporary folder so they never touch the user's home)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from core.io.scene import Scene, SessionError, load_scene, save_scene
from core.race.scene import race_scene, restore_race
from gui.explorer.controller import ExplorerController
from surfaces.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from gui.main_window import MainWindow

AUTOSAVE_NAME = "autosave.json"
AUTOSAVE_DELAY_MS = 2000  # at most one autosave per 2 s while things change
FILTER = QT_TRANSLATE_NOOP("SessionManager", "Scenes (*.json);;All files (*)")


def data_dir() -> Path:
    """Where the autosave and the UI settings live (created if missing)."""
    override = os.environ.get("GDE_DATA_DIR")
    base = override or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    path = Path(base or Path.home() / ".gd-explorer")
    path.mkdir(parents=True, exist_ok=True)
    return path


def show_scene(c: ExplorerController, scene: Scene) -> list[int]:
    """Show a (validated) scene in the Explorer: surface, runs replayed to their steps, view
    settings. Returns the racers' keys in the scene's order."""
    c.pause()
    c.clear_runs()
    c.set_surface(scene.surface)
    # re-running the saved steps takes as long as the race did (≈ 0.4 s per 10 000 steps)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return restore_race(c.race, scene)
    finally:
        QApplication.restoreOverrideCursor()


Preferences = tuple[Callable[[QSettings], None], Callable[[QSettings], None]]  # (save, restore)


class SessionManager(QObject):
    """Owns the scene file actions, the autosave timer and the UI preferences of one window; the
    scene is the race model of ``controller``. Parts of the window with preferences of their own
    (splitter sizes, ...) register their save and restore functions in ``preferences``."""

    sigMessage = Signal(str)

    def __init__(self, window: QMainWindow, controller: ExplorerController,
                 folder: Path | None = None) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.preferences: list[Preferences] = []
        self.folder = folder or data_dir()
        self.autosave_path = self.folder / AUTOSAVE_NAME
        self.settings = QSettings(str(self.folder / "ui.ini"), QSettings.Format.IniFormat)
        self.path: Path | None = None  # the scene file being edited, if any
        self.actions = self._make_actions()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.autosave)
        c = controller
        for sig in (c.sigSurfaceChanged, c.sigStartsChanged, c.sigRacersChanged, c.sigStepped,
                    c.sigSelectedChanged, c.sigViewRangeChanged, c.sigLogScaleChanged,
                    c.sigSpeedChanged):  # fmt: skip
            sig.connect(self._on_changed)
        self.sigMessage.connect(lambda m: window.statusBar().showMessage(m, 10000))
        window.installEventFilter(self)

    def _make_actions(self) -> dict[str, QAction]:
        specs = (("new", QT_TRANSLATE_NOOP("SessionManager", "New scene"), None, self.new_scene),
                 ("open", QT_TRANSLATE_NOOP("SessionManager", "Open scene…"), "Ctrl+O", self._on_open),
                 ("save", QT_TRANSLATE_NOOP("SessionManager", "Save scene"), "Ctrl+S", self._on_save),
                 ("save_as", QT_TRANSLATE_NOOP("SessionManager", "Save scene as…"), "Ctrl+Shift+S", self._on_save_as))  # fmt: skip
        tips = {"new": QT_TRANSLATE_NOOP("SessionManager", "Start again from the default surface and race"),
                "open": QT_TRANSLATE_NOOP("SessionManager", "Open a scene file: surface, runs, starts and view"),
                "save": QT_TRANSLATE_NOOP("SessionManager", "Save the scene (surface, runs, starts, view) to its file"),
                "save_as": QT_TRANSLATE_NOOP("SessionManager", "Save the scene to a new file")}  # fmt: skip
        out = {}
        for name, text, key, slot in specs:
            a = QAction(self.tr(text), self.window)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setToolTip(self.tr(tips[name]) + (f" ({key})" if key else ""))
            a.triggered.connect(slot)
            out[name] = a
        return out

    # --- scenes -------------------------------------------------------------------------------
    def scene(self) -> Scene:
        """The window's current scene."""
        return race_scene(self.controller.race)

    def apply(self, scene: Scene) -> None:
        """Show a (validated) scene: surface, runs replayed to their steps, view settings."""
        show_scene(self.controller, scene)

    def new_scene(self) -> None:
        """The default surface and race, as at first start."""
        self.controller.new_race()
        self._set_path(None)

    def save_to(self, path: str | os.PathLike[str]) -> str | None:
        """Write the scene; None on success, else the one-line reason (nothing written)."""
        try:
            save_scene(path, self.scene())
        except SessionError as e:
            return str(e)
        self._set_path(Path(path))
        self.sigMessage.emit(self.tr("Saved the scene to {name}").format(name=Path(path).name))
        return None

    def open_path(self, path: str | os.PathLike[str]) -> str | None:
        """Load and show a scene; on a problem nothing changes and the reason is returned."""
        try:
            scene = load_scene(path)
        except SessionError as e:
            return str(e)
        self.apply(scene)
        self._set_path(Path(path))
        self.sigMessage.emit(self.tr("Opened {name}").format(name=Path(path).name))
        return None

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        title = QCoreApplication.translate("MainWindow", "Gradient Descent Explorer")
        self.window.setWindowTitle(f"{path.name} — {title}" if path else title)

    # --- the menu's handlers --------------------------------------------------------------------
    def _last_dir(self) -> str:
        return str(self.settings.value("files/last_dir", str(Path.home())))

    def _remember_dir(self, path: str) -> None:
        self.settings.setValue("files/last_dir", str(Path(path).parent))

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open scene"), self._last_dir(), self.tr(FILTER)
        )
        if path:
            self._remember_dir(path)
            self._report(self.open_path(path), self.tr("Could not open the scene"))

    def _on_save(self) -> None:
        if self.path is None:
            self._on_save_as()
        else:
            self._report(self.save_to(self.path), self.tr("Could not save the scene"))

    def _on_save_as(self) -> None:
        start = str(Path(self._last_dir()) / "scene.json")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save scene"), start, self.tr(FILTER)
        )
        if path:
            if not Path(path).suffix:
                path += ".json"
            self._remember_dir(path)
            self._report(self.save_to(path), self.tr("Could not save the scene"))

    def _report(self, problem: str | None, title: str) -> None:
        if problem is not None:
            self.sigMessage.emit(problem)
            QMessageBox.warning(self.window, title, problem)

    # --- autosave -------------------------------------------------------------------------------
    def _on_changed(self, *_: object) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def autosave(self, force: bool = False) -> bool:
        """Write the scene to the autosave file (silently skipped for an unsavable surface).
        While the race plays only the step counts change: wait for the pause (or the close)."""
        self.timer.stop()
        if self.controller.playing and not force:
            self.timer.start()
            return False
        try:
            save_scene(self.autosave_path, self.scene())
        except SessionError:
            return False
        return True

    def restore_autosave(self) -> bool:
        """Show the autosaved scene, if any; a broken one is kept aside and the default scene
        stays, with a note in the status bar."""
        if not self.autosave_path.exists():
            return False
        try:
            scene = load_scene(self.autosave_path)
        except SessionError as e:
            aside = self.autosave_path.with_name("autosave.broken.json")
            os.replace(self.autosave_path, aside)
            self.sigMessage.emit(
                self.tr("Could not restore the last session ({e}); started afresh").format(e=e)
            )
            return False
        self.apply(scene)
        self.sigMessage.emit(self.tr("Restored the last session"))
        return True

    # --- UI preferences ---------------------------------------------------------------------------
    def restore_preferences(self, geometry: bool = True) -> None:
        s = self.settings
        if geometry and s.contains("window/geometry"):
            self.window.restoreGeometry(s.value("window/geometry"))
        for _, restore in self.preferences:
            restore(s)

    def save_preferences(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.window.saveGeometry())
        for save, _ in self.preferences:
            save(s)
        s.sync()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.autosave(force=True)
            self.save_preferences()
        return False


def install(window: MainWindow, folder: Path | None = None) -> SessionManager:
    """Add the scene actions at the top of the window's File menu and start autosaving the
    Explorer's scene (with the Explorer's own preferences)."""
    explorer = window.explorer
    manager = SessionManager(window, explorer.controller, folder)
    manager.preferences.append((explorer.save_preferences, explorer.restore_preferences))
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    for a in manager.actions.values():
        menu.insertAction(first, a)
    menu.insertSeparator(first)
    menu.setToolTipsVisible(True)
    window.session = manager
    return manager
