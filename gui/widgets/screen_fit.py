"""Fit a top-level window into the screen's available area: a window opened (or restored) larger
than a 1280×800 screen would have its bottom and right edge cut off."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtWidgets import QWidget


def fitted_size(preferred: QSize, available: QSize, frame: QSize | None = None) -> QSize:
    """The preferred client size, shrunk so that with the window frame it fits ``available``."""
    frame = frame if frame is not None else QSize(0, 0)
    return QSize(min(preferred.width(), available.width() - frame.width()),
                 min(preferred.height(), available.height() - frame.height()))  # fmt: skip


def fit_to_screen(win: QWidget, available: QRect | None = None) -> None:
    """Shrink ``win`` (never grow it) to the available screen geometry and move it inside; once
    shown, check again with the real frame (title bar, borders), which is known only then."""
    if available is None:
        screen = win.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
    _fit(win, available)
    QTimer.singleShot(0, lambda: _fit(win, available) if win.isVisible() else None)


def _fit(win: QWidget, available: QRect) -> None:
    if win.isFullScreen() or win.isMaximized():
        return
    frame = win.frameGeometry().size() - win.geometry().size() if win.isVisible() else QSize(0, 0)
    size = fitted_size(win.size(), available.size(), frame)
    if size != win.size():
        win.resize(size)
    g = win.frameGeometry()
    x = min(max(g.x(), available.left()), available.right() + 1 - g.width())
    y = min(max(g.y(), available.top()), available.bottom() + 1 - g.height())
    if (x, y) != (g.x(), g.y()):
        win.move(x, y)
