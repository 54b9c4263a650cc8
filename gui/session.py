"""Sessions in the window: File > New scene / Open… / Save / Save as…, the autosave with its
restore at start, and UI preferences in QSettings.

Everything lives in one data folder (gui.data_folder: locked per window, autosave off with the
reason when it cannot be written). The autosave writes every edit within about a second
(EDIT_DELAY_MS), the progress of a playing race at least every PROGRESS_DELAY_MS, and the scene
on close; a kill loses at most that. Every failed save is shown. Opening a scene builds all of it
before anything is replaced: a scene that cannot be built changes nothing."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from core.io.scene import Scene, SessionError, load_scene, save_scene
from core.race.scene import Cancelled, install_racers, race_scene
from gui.data_folder import folder_path, open_folder, put_aside
from gui.explorer.controller import ExplorerController
from gui.scene_replay import Interrupted, prepare
from surfaces.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from gui.window_api import WindowApi

EDIT_DELAY_MS = 1000  # an edit is on disk within about a second
PROGRESS_DELAY_MS = 8000  # a playing race's progress at least every 10 s (a save takes time too)
FILTER = QT_TRANSLATE_NOOP("SessionManager", "Scenes (*.json);;All files (*)")


def data_dir() -> Path:
    """Where the autosave and the UI settings live (created if it can be: if not, the session
    says autosave is off and why)."""
    path = folder_path()
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def show_scene(c: ExplorerController, scene: Scene, interactive: bool = True) -> list[int]:
    """Show a (validated) scene in the Explorer: surface, every run at its saved step (restored
    from its stored state, or re-run: a long replay in the background with a progress dialog,
    the window painting meanwhile, unless not ``interactive``), view settings. Every run is built
    before anything is replaced: SessionError, or Cancelled (the user cancelled the replay), and
    no change if one is not. Returns the racers' keys in order."""
    prepared = prepare(c, scene, interactive)
    c.pause()
    c.clear_runs()
    c.set_surface(scene.surface)
    return install_racers(c.race, scene, prepared.racers, prepared.swarm)


def open_scene(c: ExplorerController, path: str | os.PathLike[str]) -> str | None:
    """Read, build and show a scene file as File > Open does; None, or the one-line reason why
    not (then nothing changed). Cancelled if the user cancels its replay (nothing changed)."""
    try:
        show_scene(c, load_scene(path))
    except SessionError as e:
        return str(e)
    return None


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
        self.data = open_folder(folder)
        self.folder = self.data.path
        self.autosave_path = self.data.autosave
        self.settings = QSettings(str(self.folder / "ui.ini"), QSettings.Format.IniFormat)
        self.path: Path | None = None  # the scene file being edited, if any
        self.actions = self._make_actions()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.autosave)
        self.problem: str | None = None  # why the last autosave failed
        self.opening = False  # the autosave is being restored (a replay may take a while)
        self.status = QLabel()  # autosave off or failing: says so until it works again
        self.status.setStyleSheet("color: #e8590c")
        window.statusBar().addPermanentWidget(self.status)
        c = controller
        for sig in (c.sigSurfaceChanged, c.sigStartsChanged, c.sigRacersChanged,
                    c.sigSelectedChanged, c.sigViewRangeChanged, c.sigLogScaleChanged,
                    c.sigSpeedChanged, c.sigPlayingChanged):  # fmt: skip
            sig.connect(self._on_edit)
        c.sigStepped.connect(self._on_stepped)
        self.sigMessage.connect(lambda m: window.statusBar().showMessage(m, 10000))
        window.installEventFilter(self)
        if self.data.problem is not None:
            self._show_problem(f"Autosave is off: {self.data.problem}", once=True)
        elif self.data.note is not None:  # another window has the folder: said until closed
            self.status.setText(self.data.note)
            self.status.setToolTip(self.data.note)
            QTimer.singleShot(0, lambda: self.sigMessage.emit(self.data.note or ""))

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
        """Show a (validated) scene (SessionError and no change if it cannot be built)."""
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
        """Load and show a scene; on a problem nothing changes and the reason is returned (a
        replay the user cancels changes nothing either, and says so in the status bar)."""
        try:  # the scene shown meanwhile is the user's: it is autosaved as ever
            problem = open_scene(self.controller, path)
        except Cancelled:
            self.sigMessage.emit(
                self.tr("Opening {name} was cancelled; the scene is as it was").format(
                    name=Path(path).name
                )
            )
            return None
        if problem is not None:
            return problem
        self._set_path(Path(path))
        self.sigMessage.emit(self.tr("Opened {name}").format(name=Path(path).name))
        return None

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        title = QCoreApplication.translate("MainWindow", "Gradient Descent Explorer")
        self.window.setWindowTitle(f"{path.name} — {title}" if path else title)

    # --- the menu's handlers --------------------------------------------------------------------
    def last_dir(self) -> str:
        """The folder a file dialog opens in: where the last scene or export went (kept across
        starts), else the home folder."""
        return str(self.settings.value("files/last_dir", str(Path.home())))

    def remember_dir(self, path: str) -> None:
        self.settings.setValue("files/last_dir", str(Path(path).resolve().parent))

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open scene"), self.last_dir(), self.tr(FILTER)
        )
        if path:
            self.remember_dir(path)
            self.report_open(path)

    def report_open(self, path: str | os.PathLike[str]) -> None:
        """Open a scene file; a problem is shown to the user (and nothing changes)."""
        self._report(self.open_path(path), self.tr("Could not open the scene"))

    def _on_save(self) -> None:
        if self.path is None:
            self._on_save_as()
        else:
            self._report(self.save_to(self.path), self.tr("Could not save the scene"))

    def _on_save_as(self) -> None:
        start = str(Path(self.last_dir()) / "scene.json")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save scene"), start, self.tr(FILTER)
        )
        if path:
            if not Path(path).suffix:
                path += ".json"
            self.remember_dir(path)
            self._report(self.save_to(path), self.tr("Could not save the scene"))

    def _report(self, problem: str | None, title: str) -> None:
        if problem is not None:
            self.sigMessage.emit(problem)
            QMessageBox.warning(self.window, title, problem)

    # --- autosave -------------------------------------------------------------------------------
    def _due_in(self, ms: int) -> None:
        """Autosave at the latest in ms (an earlier due time stands: no write is put off)."""
        if not self.timer.isActive() or self.timer.remainingTime() > ms:
            self.timer.start(ms)

    def _on_edit(self, *_: object) -> None:
        self._due_in(EDIT_DELAY_MS)

    def _on_stepped(self, *_: object) -> None:
        # a step by hand is an edit; a playing race's progress is saved every few seconds
        self._due_in(PROGRESS_DELAY_MS if self.controller.playing else EDIT_DELAY_MS)

    def autosave(self) -> bool:
        """Write the scene to this window's autosave file now (also while the race plays); a
        failure is shown in the status bar until a save works again."""
        self.timer.stop()
        if self.opening:  # the default scene shown is not the work the autosave holds: later
            self._due_in(EDIT_DELAY_MS)
            return False
        if not self.data.writable:
            return False
        try:
            save_scene(self.autosave_path, self.scene())
        except SessionError as e:
            self._show_problem(f"Autosave failed: {e}")
            return False
        if self.problem is not None:
            self.problem = None
            self.status.setText(self.data.note or "")
            self.status.setToolTip(self.data.note or "")
            self.sigMessage.emit(self.tr("Autosave works again"))
        return True

    def _show_problem(self, text: str, once: bool = False) -> None:
        """Show an autosave problem in the status bar; a new problem is also announced."""
        self.status.setText(text if len(text) < 90 else text[:88] + "…")
        self.status.setToolTip(text)
        if text != self.problem:
            self.problem = text
            QTimer.singleShot(0, lambda: self.sigMessage.emit(text))

    def restore_autosave(self) -> bool:
        """Show the autosaved scene, if any; a broken one, or one whose replay the user cancels,
        is kept aside (named by the time, the last few kept) and the default scene stays, with a
        note in the status bar. Nothing is autosaved meanwhile (the default scene is not work)."""
        if not self.autosave_path.exists():
            return False
        was, self.opening = self.opening, True
        try:
            scene = load_scene(self.autosave_path)
            show_scene(self.controller, scene)
        except Interrupted:  # the window is closing: the autosave stays for the next start
            return False
        except (SessionError, Cancelled) as e:
            why = "cancelled" if isinstance(e, Cancelled) else "broken"
            try:
                kept = self.tr("kept as {name}").format(
                    name=put_aside(self.autosave_path, why).name
                )
            except OSError as err:
                kept = self.tr("left in place: {error}").format(error=err.strerror or err)
            if isinstance(e, Cancelled):
                text = self.tr("Restoring the last session was cancelled; the file {kept}")
            else:
                text = self.tr(
                    "Could not restore the last session ({e}); started afresh, the file {kept}"
                )
            self.sigMessage.emit(text.format(e=e, kept=kept))
            return False
        finally:
            self.opening = was
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
            self.autosave()
            self.save_preferences()
            self.data.release()
        return False


def install(window: WindowApi, folder: Path | None = None) -> SessionManager:
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
