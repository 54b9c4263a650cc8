"""FirstHint: the one line a new window says about what to do ("click the surface to set a start,
Space to play"), over the top of the surface plot until the first click on the surface."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from surfaces.i18n import QT_TRANSLATE_NOOP

TEXT = QT_TRANSLATE_NOOP("FirstHint", "Click the surface to set a start, Space to play")


class FirstHint(QLabel):
    """A label floating over `plot` (a SurfacePlot), centred near its top; it hides for good at
    the plot's first sigClicked (or when `played`, a signal, first fires: Space was found)."""

    def __init__(self, plot: QWidget, played: object = None) -> None:
        super().__init__(QCoreApplication.translate("FirstHint", TEXT), plot)
        self.setObjectName("firstHint")
        self.setToolTip(self.tr("Shift+click adds more starts; F1 lists every key"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the plot
        self.setStyleSheet(
            "QLabel#firstHint { background: rgba(20, 24, 32, 200); color: #eceff4; "
            "border: 1px solid #88c0d0; border-radius: 6px; padding: 5px 12px; font-size: 11pt; }"
        )
        self.done = False
        plot.sigClicked.connect(self._on_plot_clicked)
        if played is not None:
            played.connect(self._on_plot_clicked)
        plot.installEventFilter(self)
        self._place()
        self.show()

    def _on_plot_clicked(self, *_: object) -> None:
        self.done = True
        self.hide()

    def _place(self) -> None:
        self.adjustSize()
        parent = self.parentWidget()
        x = max(0, (parent.width() - self.width()) // 2)
        # Below the middle, not at the top: the top corners hold the arrows' key.
        self.move(x, max(12, int(parent.height() * 0.62)))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self.done:
            self._place()
        return False
