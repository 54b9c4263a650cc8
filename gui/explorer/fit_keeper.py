"""FitKeeper: a surface plot that shows its whole domain keeps showing it when it is resized.

pyqtgraph's aspect-locked view box rewrites its target range on every resize; a narrow moment
(the window laying out, a dock opening) shrank the target, and the plot went on cutting off the
domain's sides ("x −4 … 4" of −5 … 5) after it widened again. Until the user zooms or pans (or a
scene sets another view), every resize fits the domain again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


class FitKeeper(QObject):
    """Owned by the SurfacePlot; ``fit`` shows the plot's domain and remembers it did."""

    def __init__(self, plot) -> None:
        super().__init__(plot)
        self.plot, self.fitted, self._quiet = plot, True, False
        self._queued = False
        plot.installEventFilter(self)
        plot.vb.sigRangeChanged.connect(self._on_range_changed)

    def fit(self) -> None:
        """Show the whole domain (the mouse wheel zooms, dragging pans)."""
        x0, x1, y0, y1 = self.plot._domain
        self._quiet = True
        try:
            self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        finally:
            self._quiet = False
        self.fitted = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.fitted:
            self._quiet = True  # what the view box does while resizing is not the user's view
            if not self._queued:  # (a static single shot: see PlotRoom._queue)
                self._queued = True
                QTimer.singleShot(0, self._on_refit_timeout)
        return False

    def _on_range_changed(self, *_: object) -> None:
        if not self._quiet:
            self.fitted = False  # zoomed, panned, or another view set: keep it

    def _on_refit_timeout(self) -> None:
        self._quiet = self._queued = False
        if self.fitted:
            self.fit()
