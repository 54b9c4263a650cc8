"""PlotRoom: keeps the surface plot at a usable width when the Explorer narrows (a Basin map,
Sweeps or Lessons dock opened beside it on a 1280-px screen squeezed it to ~300 px). Below
PLOT_MIN px the side plots step aside; they come back once the plot and they both fit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QSplitter

from surfaces.i18n import QT_TRANSLATE_NOOP

PLOT_MIN = 480  # px of the centre column (plot and legend): the surface about 380 px across
SPARE = 24  # hysteresis: the side plots return only with this much room to spare
HIDDEN_NOTE = QT_TRANSLATE_NOOP(  # one status-bar line beside the cursor readout at 1280 px
    "PlotRoom",
    "Side plots hidden to leave the surface room: widen the window or close a side panel",
)


class PlotRoom(QObject):
    """Watches the Explorer's splitter (controls | plot and legend | side plots)."""

    def __init__(self, splitter: QSplitter, message: Callable[[str], None] | None = None) -> None:
        super().__init__(splitter)
        self.splitter, self.message = splitter, message
        self.stepped_aside = False  # the side plots are hidden by us, not by the user (F9)
        self._queued = False
        splitter.installEventFilter(self)
        self.side.installEventFilter(self)

    @property
    def side(self):
        return self.splitter.widget(2)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._queue()  # once the splitter has laid its children out
        return False

    def _queue(self) -> None:
        # QTimer.singleShot, not a member QTimer: a member zero-timer started during the first
        # show was seen never to fire under the offscreen platform
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self._on_queued)

    def _on_queued(self) -> None:
        self._queued = False
        self.check()

    def room(self) -> int:
        """Width the centre column would get with the side plots shown at their minimum."""
        s = self.splitter
        left = s.widget(0)
        used = 0 if left.isHidden() else left.width()
        handles = s.handleWidth() * (1 if left.isHidden() else 2)
        side = max(self.side.minimumWidth(), self.side.minimumSizeHint().width())
        return s.width() - used - handles - side

    def check(self) -> None:
        side = self.side
        # isHidden, not isVisible: the window may not be shown yet when its layout settles
        if not side.isHidden() and self.room() < PLOT_MIN:
            side.hide()
            self.stepped_aside = True
            if self.message is not None:
                self.message(QCoreApplication.translate("PlotRoom", HIDDEN_NOTE))
        elif self.stepped_aside and side.isHidden():
            if self.splitter.widget(0).isHidden():
                self.stepped_aside = False  # the user hid the side panels (F9): theirs now
            elif self.room() >= PLOT_MIN + SPARE:
                self.stepped_aside = False
                side.show()
