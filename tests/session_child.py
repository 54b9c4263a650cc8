"""A real window started as `main.py` starts it, for tests that kill it (python -m
tests.session_child ACTION): once the autosave is restored it does ACTION, prints one line
saying what it sees (the autosave file, the status bar) and keeps running until it is killed.

    idle   nothing
    edit   play, add an RMSprop run and a start while playing (then the test kills it)
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _act(action: str) -> None:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    session = win.session
    if action == "edit":
        c = win.explorer.controller
        c.play()
        c.add_run("rmsprop")
        c.add_start(1.0, 1.0)
    status = session.status.toolTip() or win.statusBar().currentMessage()
    print(f"READY {session.autosave_path.name} | {status}", flush=True)


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app import run_app

    app = QApplication(sys.argv[:1])
    action = sys.argv[1] if len(sys.argv) > 1 else "idle"
    QTimer.singleShot(300, lambda: _act(action))  # after the autosave's restore (singleShot 0)
    del app  # run_app uses this instance
    return run_app()


if __name__ == "__main__":
    sys.exit(main())
