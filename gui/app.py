"""Start the application: the window, or an offscreen screenshot of it (`--screenshot`)."""

from __future__ import annotations

import os
import sys

SCREENSHOT_STEPS = 150


def _check_writable(path: str) -> str | None:
    """A one-line reason why the screenshot cannot be written there, or None."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        return f"cannot write screenshot '{path}': directory '{folder}' does not exist"
    if not os.access(folder, os.W_OK):
        return f"cannot write screenshot '{path}': directory '{folder}' is not writable"
    if not path.lower().endswith(".png"):
        return f"screenshot '{path}' must be a .png file"
    return None


def run_app(screenshot: str | None = None, tab: str = "explorer",
            size: tuple[int, int] | None = None) -> int:  # fmt: skip
    """Show the window (or save a PNG of it when screenshot is given); returns the exit code."""
    if screenshot is not None:
        problem = _check_writable(screenshot)
        if problem:
            sys.stderr.write(f"main.py: error: {problem}\n")
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.theme import apply_style

    pg.setConfigOptions(antialias=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Gradient Descent Explorer")
    apply_style(app)
    win = MainWindow()
    if size is not None:
        win.resize(*size)
    win.show_tab(tab)
    code = 0
    try:
        if screenshot is not None:
            win.show()
            # Let the default race run a little so the picture shows trails, not only markers.
            win.explorer.controller.race.step(SCREENSHOT_STEPS)
            app.processEvents()
            # Light PNG compression (quality 80 of 100): a much faster save, a slightly larger file.
            if not win.grab().save(screenshot, "PNG", 80):
                sys.stderr.write(f"main.py: error: could not write screenshot '{screenshot}'\n")
                code = 2
        else:
            from PySide6.QtCore import QTimer

            if os.environ.get("GDE_NO_AUTOSAVE") != "1":  # sessions: off for scripted runs
                from gui.session import install

                session = install(win)
                session.restore_preferences(geometry=size is None)
                QTimer.singleShot(0, session.restore_autosave)
            win.show()

            QTimer.singleShot(0, win.install_extras)  # export, basins, sweeps, 3D: after 1st paint
            code = app.exec()
    finally:
        # Widgets alive at interpreter shutdown can crash PySide6 (REFERENCE.md §6).
        win.shutdown()
        win.close()
        win.deleteLater()
        app.processEvents()
        del win
    return code
