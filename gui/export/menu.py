"""The Explorer's export actions for the window's File menu: Export… (Ctrl+E), Export animation…
(Ctrl+Shift+E), Export trajectories… and Copy as PyTorch code (Ctrl+Shift+C). The window adds them
with one call; each reads the Explorer's race model (runs, selection, view range, colour scale)
when triggered."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from core.io.pytorch_code import CodeError
from gui.explorer.controller import ExplorerController
from gui.export.dialog import export_with_dialog
from gui.export.render import copy_pytorch_code, export_trajectories
from surfaces.errors import UserError
from surfaces.i18n import QT_TRANSLATE_NOOP

# name: (text, shortcut, tooltip)
SPECS: dict[str, tuple[str, str, str]] = {
    "export": (QT_TRANSLATE_NOOP("ExportActions", "Export image…"), "Ctrl+E",
               QT_TRANSLATE_NOOP("ExportActions", "Save the plot with a legend of runs as PNG (2× for slides) or SVG (Ctrl+E)")),
    "export_animation": (QT_TRANSLATE_NOOP("ExportActions", "Export animation…"), "Ctrl+Shift+E",
                         QT_TRANSLATE_NOOP("ExportActions", "Save the race from step 0 to now as an MP4 video or a looping GIF "
                         "(Ctrl+Shift+E)")),
    "export_trajectories": (QT_TRANSLATE_NOOP("ExportActions", "Export trajectories…"), "",
                            QT_TRANSLATE_NOOP("ExportActions", "Save every run's path as CSV or JSON (step, x, y, loss, lr, as `trace`)")),
    "copy_pytorch": (QT_TRANSLATE_NOOP("ExportActions", "Copy as PyTorch code"), "Ctrl+Shift+C",
                     QT_TRANSLATE_NOOP("ExportActions", "Copy a script that reproduces the selected run with torch.optim (Ctrl+Shift+C)")),
}  # fmt: skip


class ExportActions(QObject):
    """The four actions and their slots for one Explorer controller; ``plot_size`` gives the
    on-screen size of the plot, the default size of a picture, and ``equal_aspect`` whether the
    plot shows x and y at the same scale (the picture then does too)."""

    def __init__(self, window: QMainWindow, controller: ExplorerController,
                 plot_size: Callable[[], tuple[int, int]],
                 equal_aspect: Callable[[], bool]) -> None:  # fmt: skip
        super().__init__(window)
        self.window, self.controller, self.plot_size = window, controller, plot_size
        self.equal_aspect = equal_aspect
        self._folder = os.path.expanduser("~")  # without a session (tests of the menu alone)
        self.actions: dict[str, QAction] = {}
        for name, (text, key, tip) in SPECS.items():
            a = QAction(self.tr(text), window)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setToolTip(self.tr(tip))
            a.setStatusTip(self.tr(tip))
            self.actions[name] = a
        self.actions["export"].triggered.connect(lambda: self._on_export_triggered("png"))
        self.actions["export_animation"].triggered.connect(lambda: self._on_export_triggered("mp4"))
        self.actions["export_trajectories"].triggered.connect(self._on_trajectories_triggered)
        self.actions["copy_pytorch"].triggered.connect(self._on_copy_pytorch_triggered)

    def add_to(self, menu: QMenu) -> None:
        for a in self.actions.values():
            menu.addAction(a)
        menu.setToolTipsVisible(True)

    # --- what the Explorer shows ----------------------------------------------------------------
    @property
    def race(self):
        return self.controller.race

    def _message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    @property
    def folder(self) -> str:
        """Where the export dialogs open: the window's one last folder (shared with scenes)."""
        session = getattr(self.window, "session", None)
        return session.last_dir() if session is not None else self._folder

    def _remember(self, path: str) -> None:
        session = getattr(self.window, "session", None)
        if session is not None:
            session.remember_dir(path)
        self._folder = os.path.dirname(os.path.abspath(path))

    # --- slots ----------------------------------------------------------------------------------
    def _on_export_triggered(self, fmt: str) -> None:
        race = self.race
        x0, x1, y0, y1 = race.view_range
        path = export_with_dialog(
            self.window, race, self.plot_size(), log=race.log_scale,
            view=((x0, x1), (y0, y1)), fmt=fmt, folder=self.folder, equal=self.equal_aspect(),
        )  # fmt: skip
        if path:
            self._remember(path)
            self._message(self.tr("Saved {path}").format(path=path))

    def _on_trajectories_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export trajectories"), os.path.join(self.folder, "race.csv"),
            self.tr("CSV (*.csv);;JSON (*.json)"),
        )  # fmt: skip
        if not path:
            return
        try:
            written = export_trajectories(self.race, path)
        except (UserError, OSError) as e:
            QMessageBox.warning(self.window, self.tr("Export failed"), str(e))
            return
        self._remember(path)
        more = f" and {len(written) - 1} more" if len(written) > 1 else ""
        self._message(self.tr("Saved {v0}{more}").format(v0=written[0], more=more))

    def _on_copy_pytorch_triggered(self) -> None:
        racer = self.race.selected
        if racer is None:
            self._message(self.tr("No run to copy"))
            return
        try:
            copy_pytorch_code(self.race, racer.key)
        except CodeError as e:
            QMessageBox.information(self.window, self.tr("Copy as PyTorch code"), str(e))
            return
        self._message(
            self.tr("Copied PyTorch code for {name} to the clipboard").format(name=racer.name)
        )
