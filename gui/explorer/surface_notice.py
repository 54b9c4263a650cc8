"""SurfaceNotice: after a switch to another surface, a notice over the bottom of the surface plot
saying what changed for the racers (an estimate turned into noise σ = 1, a rate that diverges
there within a few steps) with a button that sets every racer to the surface's suggested rate.
Runs > Use suggested learning rates does the same at any time. The words come from
core.race.advice; the suggested rates from the surface registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from gui.explorer.controller import ExplorerController

if TYPE_CHECKING:  # core.race.advice is imported at the first surface switch, not at start
    from core.race.advice import RacerAdvice


class SurfaceNotice(QFrame):
    """Child of the plot; hidden until a surface switch has something to say."""

    def __init__(self, plot: QWidget, controller: ExplorerController) -> None:
        super().__init__(plot)
        self.controller = controller
        self.setObjectName("surfaceNotice")
        self.setStyleSheet(
            "QFrame#surfaceNotice { background: rgba(46, 52, 64, 235); border: 1px solid #ebcb8b;"
            " border-radius: 6px; } QLabel { color: #eceff4; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.apply_button = QPushButton(self.tr("Use suggested rates"))
        self.apply_button.setToolTip(
            self.tr("Set each run's learning rate η to what this surface suggests")
        )
        self.close_button = QPushButton(self.tr("Dismiss"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.apply_button)
        lay.addWidget(self.close_button)
        self.advice: list[RacerAdvice] = []
        self._surface_name = controller.surface.name
        self.apply_button.clicked.connect(self.apply_suggested)
        self.close_button.clicked.connect(self.hide)
        controller.sigSurfaceChanged.connect(self._on_surface_changed)
        plot.installEventFilter(self)
        self.hide()

    def _on_surface_changed(self, surface: object, _values: object) -> None:
        race = self.controller.race
        name = getattr(surface, "name", "")
        if name == self._surface_name and not race.fallbacks:
            self.hide()  # the same surface again, or edited (a drawing): nothing new to say
            return
        self._surface_name = name
        from core.race.advice import surface_advice

        self.advice = surface_advice(race.surface, race.racers, race.starts, race.fallbacks)
        if not self.advice:
            self.hide()
            return
        lines = [line for a in self.advice for line in a.lines]
        self.text.setText("\n".join(lines))
        self.apply_button.setVisible(any(a.suggested is not None for a in self.advice))
        self._place()
        self.show()
        self.raise_()

    def apply_suggested(self) -> int:
        """Every racer to its rule's suggested rate on this surface; returns how many changed."""
        changed = apply_suggested_rates(self.controller)
        self.hide()
        return changed

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(parent.width() - 24, 640)
        self.setFixedWidth(max(200, width))
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 60)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def apply_suggested_rates(controller: ExplorerController) -> int:
    """Set each racer's η (a cyclic schedule's peak) to the surface's suggestion for its rule."""
    from core.race.advice import suggested_rate

    changed = 0
    for r in list(controller.racers):
        rate = suggested_rate(controller.surface, r.config.rule)
        if rate is not None and rate != r.lr and controller.edit_run(r.key, {"lr": rate}):
            changed += 1
    return changed


def install(window: QMainWindow) -> SurfaceNotice:
    """The notice over the Explorer's plot, and Runs > Use suggested learning rates."""
    tab = window.explorer
    notice = SurfaceNotice(tab.plot, tab.controller)
    action = QAction(
        QCoreApplication.translate("surface_notice", "Use suggested learning rates"), window
    )
    action.setToolTip(
        QCoreApplication.translate(
            "surface_notice",
            "Set every run's η to the rate the current surface suggests for its rule",
        )
    )

    def use() -> None:
        n = apply_suggested_rates(tab.controller)
        notice.hide()
        s = tab.controller.surface
        tab.sigMessage.emit(QCoreApplication.translate("surface_notice", "{n} run(s) set to the rates suggested for {title}").format(n=n, title=s.title) if n else
                            QCoreApplication.translate("surface_notice", "No suggested rates for {title} (or every run uses them)").format(title=s.title))  # fmt: skip

    action.triggered.connect(use)
    for top in window.menuBar().actions():
        if top.menu() is not None and top.text().replace("&", "") == "Runs":
            top.menu().addSeparator()
            top.menu().addAction(action)
    notice.action = action
    return notice
