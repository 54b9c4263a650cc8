"""UserSurfaces: the saved surfaces ("Your surfaces" in the surface list) for the GUI: asks for a
name when saving, confirms replacing and deleting, and reports files it had to skip.

Storage is core.io.user_surfaces (one JSON file per surface) in the app's data folder, or in
$GDE_DATA_DIR when set (tests point it at a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from core.io.user_surfaces import GROUP, PREFIX, UserPreset, UserPresetStore
from surfaces.base import Surface, SurfaceError
from surfaces.i18n import QT_TRANSLATE_NOOP

SAVE_TIP = QT_TRANSLATE_NOOP(
    "ExplorerTab",
    "Save the typed or drawn surface under a name; it is listed under “Your surfaces”.",
)


def default_folder() -> Path:
    """Where saved surfaces live: $GDE_DATA_DIR/surfaces, else the app's data location."""
    root = os.environ.get("GDE_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    return Path(root) / "surfaces"


class UserSurfaces(QObject):
    """Loads, saves and deletes saved surfaces; sigListChanged carries (key, title, tooltip)
    rows for the surface list, sigMessage one-line notes for the status bar."""

    sigListChanged = Signal(list)
    sigMessage = Signal(str)

    def __init__(self, folder: str | os.PathLike[str] | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = UserPresetStore(folder if folder is not None else default_folder())
        self.presets: dict[str, UserPreset] = {}

    def reload(self) -> None:
        presets, problems = self.store.load()
        self.presets = {q.key: q for q in presets}
        self.sigListChanged.emit(self.rows())
        if problems:
            more = self.tr(" (and %n more)", "", len(problems) - 1) if len(problems) > 1 else ""
            # Later, so a window being built has connected its status bar by then.
            QTimer.singleShot(0, self, lambda: self.sigMessage.emit(problems[0] + more))

    def rows(self) -> list[tuple[str, str, str]]:
        return [(k, q.name, q.summary) for k, q in self.presets.items()]

    def surface(self, key: str) -> Surface:
        """A fresh surface for a list key "user:<name>" (SurfaceError if it went away)."""
        if key not in self.presets:
            raise SurfaceError(f"no saved surface '{key[len(PREFIX) :]}'")
        return self.presets[key].build()

    def save(self, surface: Surface, name: str) -> bool:
        """Save under name (replacing one of that name); False with a message on failure."""
        try:
            preset = self.store.save(surface, name)
        except (SurfaceError, OSError) as e:
            self.sigMessage.emit(self.tr("could not save the surface: {e}").format(e=e))
            return False
        # The surface in use is now the saved one: the list shows it under its name.
        surface.name, surface.title, surface.group = preset.key, preset.name, GROUP
        self.reload()
        self.sigMessage.emit(
            self.tr("saved “{name}” under Your surfaces ({path})").format(
                name=preset.name, path=preset.path
            )
        )
        return True

    def save_interactively(self, surface: Surface, parent: QWidget) -> bool:
        """Ask for a name (confirming a replacement) and save."""
        suggested = surface.title if surface.name.startswith(PREFIX) else ""
        if not suggested:
            expr = getattr(surface, "expr", None) or getattr(getattr(surface, "base", None),
                                                            "expr", None)  # fmt: skip
            suggested = (expr or self.tr("My surface"))[:40]
        name, ok = QInputDialog.getText(parent, self.tr("Save surface as preset"),
                                        self.tr("Name (listed under “Your surfaces”):"), text=suggested)  # fmt: skip
        if not ok or not name.strip():
            return False
        if PREFIX + name.strip() in self.presets:
            answer = QMessageBox.question(parent, self.tr("Replace saved surface"),
                                          self.tr("Replace the saved surface “{name}”?").format(name=name.strip()))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.save(surface, name)

    def delete(self, key: str, parent: QWidget | None = None) -> bool:
        """Delete a saved surface (asking first when parent is given)."""
        q = self.presets.get(key)
        if q is None:
            return False
        if parent is not None:
            answer = QMessageBox.question(parent, self.tr("Delete saved surface"),
                                          self.tr("Delete the saved surface “{name}”?").format(name=q.name))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.store.delete(q.name)
        except OSError as e:
            self.sigMessage.emit(
                self.tr("could not delete “{name}”: {error}").format(
                    name=q.name, error=e.strerror or e
                )
            )
            return False
        self.reload()
        self.sigMessage.emit(self.tr("deleted “{name}”").format(name=q.name))
        return True
