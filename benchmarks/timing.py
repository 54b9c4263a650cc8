"""Timing and the shown window shared by the benchmark modules."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow


def best_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """Best wall time of fn() over repeats (the machine is shared; the minimum is the signal)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


@contextmanager
def shown_window(width: int = 1280, height: int = 800, extras: bool = False,
                 private_data: bool = False) -> Iterator[tuple[QApplication, MainWindow]]:  # fmt: skip
    """(app, window): the main window shown on Qt's offscreen platform (unless a platform is set)
    with autosave off, every tool installed if ``extras``, and a fresh data folder if
    ``private_data`` (never the user's saved surfaces); shut down and deleted afterwards."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GDE_NO_AUTOSAVE", "1")
    with tempfile.TemporaryDirectory() as d:
        before = os.environ.get("GDE_DATA_DIR")
        if private_data:
            os.environ["GDE_DATA_DIR"] = d
        from PySide6.QtWidgets import QApplication

        from gui.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        win = MainWindow()
        win.resize(width, height)
        win.show()
        if extras:
            win.install_extras()
        app.processEvents()
        try:
            yield app, win
        finally:
            win.shutdown()
            win.close()
            win.deleteLater()
            app.processEvents()
            if private_data:
                os.environ.pop("GDE_DATA_DIR", None)
                if before is not None:
                    os.environ["GDE_DATA_DIR"] = before
