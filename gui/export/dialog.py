"""ExportDialog: choose format (PNG, SVG, animated GIF, MP4 video), size (1×, 2×, 3× the plot or
custom), theme (dark, or light for print and bright rooms), legend, frame rate and path; and the
helpers the window's menu calls to run an export with a progress dialog."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from gui.export.animation import MAX_FPS
from gui.export.figure import FigureStyle
from gui.export.formats import ANIMATED, export_race_file
from gui.export.render import View, check_writable, output_format
from gui.export.video import even_size
from surfaces.errors import UserError
from surfaces.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from core.race.model import Race

FORMATS = {"png": QT_TRANSLATE_NOOP("ExportDialog", "PNG image"), "svg": QT_TRANSLATE_NOOP("ExportDialog", "SVG vector drawing"), "gif": QT_TRANSLATE_NOOP("ExportDialog", "Animated GIF (step 0 → now)"),
           "mp4": QT_TRANSLATE_NOOP("ExportDialog", "MP4 video, H.264 (step 0 → now)")}  # fmt: skip
THEMES = {
    "dark": QT_TRANSLATE_NOOP("ExportDialog", "Dark"),
    "light": QT_TRANSLATE_NOOP("ExportDialog", "Light (white: print, bright rooms)"),
}
SCALES = (1, 2, 3)


@dataclass(frozen=True)
class ExportRequest:
    path: str
    fmt: str  # png, svg, gif or mp4
    size: tuple[int, int]
    theme: str = "dark"
    legend: bool = True
    fps: float | None = None  # animations; None: automatic


class ExportDialog(QDialog):
    """Format, size and path for exporting the current view; ``request()`` after it is accepted."""

    def __init__(self, base_size: tuple[int, int], folder: str | None = None, fmt: str = "png",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.base = (max(64, base_size[0]), max(64, base_size[1]))
        self.format = QComboBox()
        for key, text in FORMATS.items():
            self.format.addItem(self.tr(text), key)
        self.format.setToolTip(
            self.tr(
                "PNG: a picture at the chosen size · SVG: lines and text stay sharp at any zoom · "
                "GIF: the race replayed from step 0 to now, looping"
            )
        )
        self.scales = QButtonGroup(self)
        row = QHBoxLayout()
        for k in (*SCALES, 0):
            b = QRadioButton(f"{k}×" if k else self.tr("custom"))
            b.setToolTip(
                (
                    self.tr("{k} × the plot's size on screen ({w} × {h} px); 2× or more for slides")
                    if k == 1
                    else self.tr("{k} × the plot's size on screen ({w} × {h} px)")
                ).format(k=k, w=k * self.base[0], h=k * self.base[1])
                if k
                else self.tr("Any width and height in pixels")
            )
            self.scales.addButton(b, k)
            row.addWidget(b)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, v, what in ((self.width_box, self.base[0], self.tr("Width")),
                             (self.height_box, self.base[1], self.tr("Height"))):  # fmt: skip
            box.setRange(64, 8192)
            box.setValue(v)
            box.setSuffix(self.tr(" px"))
            box.setToolTip(self.tr("{what} of the exported picture in pixels").format(what=what))
            row.addWidget(box)
        self.pixels = QLabel()
        self.theme = QComboBox()
        for key, text in THEMES.items():
            self.theme.addItem(self.tr(text), key)
        self.theme.setToolTip(self.tr("Dark as on screen, or light: a white figure with dark text and a "
                              "colour map that prints well (slides on a projector, paper)"))  # fmt: skip
        self.legend = QCheckBox(self.tr("legend of runs and hyperparameters"))
        self.legend.setChecked(True)
        self.legend.setToolTip(self.tr("Leave it out for a clean picture of the paths alone"))
        self.fps = QSpinBox()
        self.fps.setRange(0, MAX_FPS)
        self.fps.setSpecialValueText(self.tr("automatic (about 6 s)"))
        self.fps.setSuffix(self.tr(" frames/s"))
        self.fps.setToolTip(
            self.tr("Frame rate of the animation; automatic plays it in about 6 seconds")
        )
        self.path = QLineEdit(os.path.join(folder or os.path.expanduser("~"), f"race.{fmt}"))
        self.path.setToolTip(self.tr("Where to save; the extension follows the format"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setToolTip(self.tr("Choose the file with a file dialog"))
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
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Size"), row)
        form.addRow("", self.pixels)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow("", self.legend)
        form.addRow(self.tr("Frame rate"), self.fps)
        form.addRow(self.tr("File"), path_row)
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

    def size(self) -> tuple[int, int]:
        k = self.scales.checkedId()
        if k > 0:
            return k * self.base[0], k * self.base[1]
        return self.width_box.value(), self.height_box.value()

    def request(self) -> ExportRequest:
        return ExportRequest(self.path.text().strip(), self.fmt, self.size(),
                             str(self.theme.currentData()), self.legend.isChecked(),
                             float(self.fps.value()) if self.fps.value() else None)  # fmt: skip

    # --- slots --------------------------------------------------------------------------------
    def _on_format_changed(self) -> None:
        # Slides want 2×; an animation at 2× gets large, so it starts at 1×.
        self.scales.button(1 if self.fmt in ANIMATED else 2).setChecked(True)
        self.fps.setEnabled(self.fmt in ANIMATED)
        stem, _ = os.path.splitext(self.path.text().strip() or "race")
        self.path.setText(f"{stem}.{self.fmt}")
        self._update_size()

    def _update_size(self) -> None:
        custom = self.scales.checkedId() == 0
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        w, h = self.size()
        note = (
            self.tr(" (the drawing's size; it stays sharp at any zoom)")
            if self.fmt == "svg"
            else ""
        )
        if self.fmt == "mp4" and even_size((w, h)) != (w, h):
            w, h = even_size((w, h))
            note = self.tr(" (a video's sides are even)")
        self.pixels.setText(self.tr("{w} × {h} px{note}").format(w=w, h=h, note=note))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            self.path.text(),
            f"{self.tr(FORMATS[self.fmt])} (*.{self.fmt})",
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


def export_animation_with_progress(parent: QWidget | None, race: Race, path: str,
                                   size: tuple[int, int], log: bool | None = None,
                                   view: View | None = None, *,
                                   style: FigureStyle | None = None,
                                   fps: float | None = None) -> bool:  # fmt: skip
    """Render a GIF or MP4 behind a progress dialog with Cancel; False if cancelled (then no
    file is left)."""
    from PySide6.QtWidgets import QApplication

    dlg = QProgressDialog(
        QCoreApplication.translate("dialog", "Rendering the animation…"),
        QCoreApplication.translate("dialog", "Cancel"),
        0,
        1,
        parent,
    )
    dlg.setWindowTitle(QCoreApplication.translate("dialog", "Export animation"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)

    def progress(done: int, n: int) -> None:
        dlg.setMaximum(n)
        dlg.setValue(done)
        dlg.setLabelText(
            QCoreApplication.translate(
                "dialog", "Rendering the animation… frame {done} of {n}"
            ).format(done=done, n=n)
        )
        QApplication.processEvents()

    try:
        return export_race_file(race, path, size, log, view, style=style, fps=fps,
                                progress=progress, cancelled=dlg.wasCanceled)  # fmt: skip
    finally:
        dlg.close()
        dlg.deleteLater()


def export_with_dialog(parent: QWidget | None, race: Race, plot_size: tuple[int, int],
                       log: bool | None = None, view: View | None = None,
                       fmt: str = "png", folder: str | None = None,
                       equal: bool = True) -> str | None:  # fmt: skip
    """File > Export: ask with an ExportDialog, export, report errors; the path written or None.
    equal: keep x and y at one scale (as the plot's View > Equal aspect)."""
    dialog = ExportDialog(plot_size, folder, fmt, parent)
    try:
        if not dialog.exec():  # 0: cancelled
            return None
        req = dialog.request()
    finally:
        dialog.deleteLater()
    style = FigureStyle(theme=req.theme, legend=req.legend, equal=equal)
    try:
        if req.fmt in ANIMATED:
            done = export_animation_with_progress(parent, race, req.path, req.size, log, view,
                                                  style=style, fps=req.fps)  # fmt: skip
            return req.path if done else None
        export_race_file(race, req.path, req.size, log, view, style=style)
    except (UserError, OSError) as e:
        QMessageBox.warning(parent, QCoreApplication.translate("dialog", "Export failed"), str(e))
        return None
    return req.path
