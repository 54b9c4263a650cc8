"""ExportDialog: choose format (PNG, SVG, animated GIF), size (1×, 2×, 3× the plot or custom) and
path; and the helpers the window's menu calls to run an export with a progress dialog."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from gui.export.gif import export_race_gif, frame_steps
from gui.export.render import View, check_writable, export_race_image, output_format
from surfaces.errors import UserError

if TYPE_CHECKING:
    from core.race.model import Race

FORMATS = {"png": "PNG image", "svg": "SVG vector drawing", "gif": "Animated GIF (step 0 → now)"}
SCALES = (1, 2, 3)


@dataclass(frozen=True)
class ExportRequest:
    path: str
    fmt: str  # png, svg or gif
    size: tuple[int, int]


class ExportDialog(QDialog):
    """Format, size and path for exporting the current view; ``request()`` after it is accepted."""

    def __init__(self, base_size: tuple[int, int], folder: str | None = None, fmt: str = "png",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.base = (max(64, base_size[0]), max(64, base_size[1]))
        self.format = QComboBox()
        for key, text in FORMATS.items():
            self.format.addItem(text, key)
        self.format.setToolTip(
            "PNG: a picture at the chosen size · SVG: lines and text stay sharp at any zoom · "
            "GIF: the race replayed from step 0 to now, looping"
        )
        self.scales = QButtonGroup(self)
        row = QHBoxLayout()
        for k in (*SCALES, 0):
            b = QRadioButton(f"{k}×" if k else "custom")
            b.setToolTip(
                f"{k} × the plot's size on screen ({k * self.base[0]} × {k * self.base[1]} px)"
                + ("; 2× or more for slides" if k == 1 else "")
                if k
                else "Any width and height in pixels"
            )
            self.scales.addButton(b, k)
            row.addWidget(b)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, v, what in ((self.width_box, self.base[0], "Width"),
                             (self.height_box, self.base[1], "Height")):  # fmt: skip
            box.setRange(64, 8192)
            box.setValue(v)
            box.setSuffix(" px")
            box.setToolTip(f"{what} of the exported picture in pixels")
            row.addWidget(box)
        self.pixels = QLabel()
        self.path = QLineEdit(os.path.join(folder or os.path.expanduser("~"), f"race.{fmt}"))
        self.path.setToolTip("Where to save; the extension follows the format")
        browse = QPushButton("Browse…")
        browse.setToolTip("Choose the file with a file dialog")
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c92a2a;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Size", row)
        form.addRow("", self.pixels)
        form.addRow("File", path_row)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.scales.idToggled.connect(lambda _id, _on: self._update_size())
        self.width_box.valueChanged.connect(lambda _v: self._update_size())
        self.height_box.valueChanged.connect(lambda _v: self._update_size())
        self.format.setCurrentIndex(list(FORMATS).index(fmt))
        self._on_format_changed()

    # --- state --------------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def size(self) -> tuple[int, int]:  # type: ignore[override]
        k = self.scales.checkedId()
        if k > 0:
            return k * self.base[0], k * self.base[1]
        return self.width_box.value(), self.height_box.value()

    def request(self) -> ExportRequest:
        return ExportRequest(self.path.text().strip(), self.fmt, self.size())

    # --- slots --------------------------------------------------------------------------------
    def _on_format_changed(self) -> None:
        # Slides want 2×; an animation at 2× gets large, so it starts at 1×.
        self.scales.button(1 if self.fmt == "gif" else 2).setChecked(True)
        stem, _ = os.path.splitext(self.path.text().strip() or "race")
        self.path.setText(f"{stem}.{self.fmt}")
        self._update_size()

    def _update_size(self) -> None:
        custom = self.scales.checkedId() == 0
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        w, h = self.size()
        note = " (the drawing's size; it stays sharp at any zoom)" if self.fmt == "svg" else ""
        self.pixels.setText(f"{w} × {h} px{note}")

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.path.text(), f"{FORMATS[self.fmt]} (*.{self.fmt})"
        )
        if path:
            if not path.lower().endswith(f".{self.fmt}"):
                path += f".{self.fmt}"
            self.path.setText(path)

    def _on_save_clicked(self) -> None:
        path = self.path.text().strip()
        try:
            output_format(path, (self.fmt,))
            check_writable(path)
        except UserError as e:
            self.error.setText(str(e))
            return
        self.error.clear()
        self.accept()


def export_gif_with_progress(parent: QWidget | None, race: Race, path: str,
                             size: tuple[int, int], log: bool | None = None,
                             view: View | None = None) -> bool:  # fmt: skip
    """Render the animation behind a progress dialog with Cancel; False if cancelled."""
    from PySide6.QtWidgets import QApplication

    total = len(frame_steps(race.t))
    dlg = QProgressDialog("Rendering the animation…", "Cancel", 0, total, parent)
    dlg.setWindowTitle("Export animation")
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)

    def progress(done: int, n: int) -> None:
        dlg.setMaximum(n)
        dlg.setValue(done)
        QApplication.processEvents()

    try:
        return export_race_gif(race, path, size, log, view, progress, dlg.wasCanceled)
    finally:
        dlg.close()
        dlg.deleteLater()


def export_with_dialog(parent: QWidget | None, race: Race, plot_size: tuple[int, int],
                       log: bool | None = None, view: View | None = None,
                       fmt: str = "png", folder: str | None = None) -> str | None:  # fmt: skip
    """File > Export: ask with an ExportDialog, export, report errors; the path written or None."""
    dialog = ExportDialog(plot_size, folder, fmt, parent)
    try:
        if not dialog.exec():  # 0: cancelled
            return None
        req = dialog.request()
    finally:
        dialog.deleteLater()
    try:
        if req.fmt == "gif":
            return req.path if export_gif_with_progress(parent, race, req.path, req.size, log,
                                                        view) else None  # fmt: skip
        export_race_image(race, req.path, req.size, log, view)
    except (UserError, OSError) as e:
        QMessageBox.warning(parent, "Export failed", str(e))
        return None
    return req.path
