"""Start the application: the window, or an offscreen screenshot of it (`--screenshot`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

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


def _open_lesson_now(win, lesson: str) -> None:
    """A screenshot of a lesson: its scene loaded, its claims measured, its panel shown, the
    race a little way in (nothing of the user's is touched: nothing is kept)."""
    from core.lessons.model import ExplorerScene
    from gui.lessons.dock import lessons_dock

    dock = lessons_dock(win, persist=False, fit=False)
    dock.show()
    started = win.lessons.start(lesson)
    win.lessons.measure_now(started)
    if isinstance(started.scene, ExplorerScene):
        win.explorer.controller.race.step(SCREENSHOT_STEPS)


def _install_lessons(win, lesson: str | None, lang: str | None,
                     persist: bool) -> Callable[[], object] | None:  # fmt: skip
    """The Lessons dock, offered on the very first start; with ``lesson``, shown and the start of
    that lesson returned (to call after the autosave is restored, so the user's own scene is the
    one put aside)."""
    from gui.i18n.language import set_language
    from gui.lessons.dock import lessons_dock, offer_on_first_start

    dock = lessons_dock(win, persist)
    if lang is not None:
        set_language(lang, win.lessons.settings)
    if lesson is not None:
        dock.show()
        return lambda: win.lessons.start(lesson)
    if persist and not offer_on_first_start(win) and win.lessons.has_stash():
        dock.show()  # lessons were under way: "Back to my work" stays at hand
    return None


def _start_session(session, scene: str | None, lesson: Callable[[], object] | None) -> None:
    """The autosave restored, the scene of the command line (if any) opened over it, then the
    lesson of the command line started: in turn, each replay ended before the next begins."""
    if session is not None:
        session.restore_autosave()
        if scene is not None:
            session.report_open(scene)
    if lesson is not None:
        lesson()


def _start_language(lang: str | None, remembered: bool) -> str:
    """The window's language, before any widget is built: ``--lang``, else the one chosen last
    time (not for screenshots), else the system locale's. Returns the one installed before."""
    from gui.i18n.language import installed, saved_language, start, system_language

    before = installed()
    if lang is None and remembered:
        from gui.i18n.menu import settings

        lang = saved_language(settings())
    start(lang or system_language())
    return before


# What Qt's offscreen platform says about every window it cannot size as asked: harmless (there
# is no screen), yet it was each --screenshot's only output, twice.
_OFFSCREEN_NOTES = ("This plugin does not support propagateSizeHints()",)


def _quiet_offscreen_notes() -> None:
    """Let every Qt message through to stderr except the offscreen platform's notes above."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: object, _context: object, message: str) -> None:
        if message not in _OFFSCREEN_NOTES:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run_app(screenshot: str | None = None, tab: str = "explorer",
            size: tuple[int, int] | None = None, lesson: str | None = None,
            lang: str | None = None, scene: str | None = None) -> int:  # fmt: skip
    """Show the window (or save a PNG of it when screenshot is given), optionally opened on a
    lesson with its text in ``lang``, or on a scene file; returns the exit code (2 with one line
    on stderr for a scene that cannot be opened)."""
    if lesson is not None:
        from core.lessons.loader import load_lessons

        known = load_lessons()
        if known.get(lesson) is None:
            ids = ", ".join(x.id for x in known.lessons)
            sys.stderr.write(f"main.py: error: unknown lesson '{lesson}'; choose from: {ids}\n")
            return 2
    loaded = None
    if scene is not None:  # a refused file is refused before any window is made
        from core.io.scene import SessionError, load_scene

        try:
            loaded = load_scene(scene)
        except SessionError as e:
            sys.stderr.write(f"main.py: error: {e}\n")
            return 2
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
    _quiet_offscreen_notes()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Gradient Descent Explorer")
    apply_style(app)
    from gui.i18n.language import set_language

    language_before = _start_language(lang, remembered=screenshot is None)

    win = MainWindow()
    if size is not None:
        win.resize(*size)
    win.show_tab(tab)
    code = 0
    try:
        if screenshot is not None:
            if lang is not None:
                set_language(lang)
            win.show()
            if loaded is not None:  # as File > Open does, and shown as it was saved
                from core.io.scene import SessionError
                from gui import session

                try:
                    session.show_scene(win.explorer.controller, loaded, interactive=False)
                except SessionError as e:
                    sys.stderr.write(f"main.py: error: {e}\n")
                    return 2
                win.explorer._refresh_slow()
            elif lesson is not None:
                from gui.scene_replay import headless

                with headless():  # its scene replays at once: no progress dialog in the picture
                    _open_lesson_now(win, lesson)
            else:  # let the default race run a little: the picture shows trails, not markers
                win.explorer.controller.race.step(SCREENSHOT_STEPS)
            app.processEvents()
            # Light PNG compression (quality 80 of 100): a much faster save, a slightly larger file.
            if not win.grab().save(screenshot, "PNG", 80):
                sys.stderr.write(f"main.py: error: could not write screenshot '{screenshot}'\n")
                code = 2
        else:
            from PySide6.QtCore import QTimer

            session = None
            if os.environ.get("GDE_NO_AUTOSAVE") != "1":  # sessions: off for scripted runs
                from gui.session import install

                session = install(win)
                session.restore_preferences(geometry=size is None)
            if size is None:  # 1400×900 (or a saved size) on a smaller screen: fit it
                from gui.widgets.screen_fit import fit_to_screen

                fit_to_screen(win)
            start = _install_lessons(win, lesson, lang, os.environ.get("GDE_NO_AUTOSAVE") != "1")
            win.show()
            # once the window shows (a long replay then has its progress dialog), one after the
            # other: the autosave, the scene asked for over it, the lesson (which puts it aside)
            QTimer.singleShot(0, lambda: _start_session(session, scene, start))

            QTimer.singleShot(0, win.install_extras)  # export, basins, sweeps, 3D: after 1st paint
            code = app.exec()
    finally:
        # Widgets alive at interpreter shutdown can crash PySide6 (REFERENCE.md §6).
        win.shutdown()
        win.close()
        win.deleteLater()
        app.processEvents()
        del win
        if screenshot is not None:  # a screenshot leaves the process's language as it was
            from gui.i18n.language import start

            start(language_before)
    return code
