"""Building a scene's racers without freezing the window: runs without a stored state (scenes of
versions 1 and 2, hand-written lesson scenes) are re-run step by step, which can take a minute.

A short replay runs at once (no dialog flashes). A longer one runs in the background (the
project's TaskWorker) while a local event loop keeps the window painting and answering, under a
window-modal progress dialog ("Replaying scene… N of M steps", Cancel) that shows only if the
replay lasts more than SHOW_AFTER_MS (the window's input is held back before it shows too). The caller still gets the racers back (or an exception), so
File > Open, the autosave restore, lessons and ``--screenshot`` share one path; nothing of the race
is changed here, so a cancel or a failure leaves the scene shown as it was."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QLocale, QObject, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from core.io.scene import Scene, SessionError
from core.race.scene import Cancelled, Prepared, prepare_scene, replay_steps
from gui.explorer.controller import ExplorerController
from gui.widgets.worker import PROGRESS_STEPS, TaskWorker

SYNC_STEPS = 3000  # replays this short (a few hundredths of a second) run at once
SHOW_AFTER_MS = 300  # the dialog shows only for a replay that lasts longer

_busy = [False]  # one scene opens at a time (the dialog is modal; this guards other callers)
_headless = [False]  # a screenshot: every replay runs at once, no dialog


@contextlib.contextmanager
def headless() -> Iterator[None]:
    """Within: scenes replay at once without a dialog (``--screenshot``, lessons included)."""
    before, _headless[0] = _headless[0], True
    try:
        yield
    finally:
        _headless[0] = before


class Interrupted(Cancelled):
    """The replay's event loop ended without an outcome: the application is quitting."""


class ReplayDialog(QProgressDialog):
    """The progress of a replay, with Cancel; shown after SHOW_AFTER_MS only."""

    def __init__(self, parent: QWidget | None, total: int) -> None:
        super().__init__(parent)
        self.total = total
        self.setWindowTitle(self.tr("Opening the scene"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, PROGRESS_STEPS)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.set_fraction(0.0)

    def set_fraction(self, fraction: float) -> None:
        done = QLocale().toString(round(fraction * self.total))
        self.setLabelText(
            self.tr("Replaying scene… {done} of %Ln steps", "", self.total).format(done=done)
        )
        self.setValue(round(fraction * PROGRESS_STEPS))


_INPUT = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.KeyPress,
          QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyRelease, QEvent.Type.Wheel,
          QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.Close}  # fmt: skip


class _InputGuard(QObject):
    """Drops the window's input (clicks, keys, shortcuts, closing) while a replay runs: the
    modal dialog does so once it shows, this also before it does (SHOW_AFTER_MS)."""

    def __init__(self, window: QWidget | None) -> None:
        super().__init__()
        self.target = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.target is None or event.type() not in _INPUT:
            return False
        if event.type() == QEvent.Type.Shortcut:  # sent to the window's actions
            return True
        if isinstance(obj, QWidget) and obj.window() is self.target:
            event.ignore()  # a close refused
            return True
        return False


def _window_of(c: ExplorerController) -> QWidget | None:
    parent = c.parent()
    if isinstance(parent, QWidget):
        return parent.window()
    return QApplication.activeWindow()


def prepare(c: ExplorerController, scene: Scene, interactive: bool = True) -> Prepared:
    """The scene's racers and swarm, built as core.race.scene.prepare_scene does, the window kept
    alive meanwhile (``interactive``: a long replay, or any swarm's, runs in the background with
    a progress dialog; otherwise at once, under a wait cursor). SessionError if a run cannot be
    built, Cancelled if the user cancels (Interrupted if the application quits meanwhile);
    either way the race is unchanged."""
    total = replay_steps(scene)
    if _busy[0]:
        raise SessionError(
            QCoreApplication.translate("ReplayDialog", "Another scene is still being opened")
        )
    swarm = scene.swarm is not None and any(scene.swarm.steps)
    if not interactive or _headless[0] or (total <= SYNC_STEPS and not swarm):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return prepare_scene(c.race, scene)
        finally:
            QApplication.restoreOverrideCursor()
    _busy[0] = True
    playing = c.playing
    c.pause()  # the race shown stays as it is (and leaves the CPU to the replay)
    try:
        prepared = _in_background(c, scene, total)
    except BaseException:
        if playing:
            c.play()
        raise
    finally:
        _busy[0] = False
    return prepared


def _in_background(c: ExplorerController, scene: Scene, total: int) -> Prepared:
    dialog = ReplayDialog(_window_of(c), total)
    holder = QObject()  # parent of the worker: both go when the replay ends
    worker = TaskWorker(holder)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finish(kind: str, value: object = None) -> None:
        outcome[kind] = value
        loop.quit()

    worker.sigProgress.connect(dialog.set_fraction)
    worker.sigFinished.connect(lambda prepared: finish("prepared", prepared))
    worker.sigFailed.connect(lambda message: finish("failed", message))
    worker.sigCancelled.connect(lambda: finish("cancelled"))
    dialog.canceled.connect(worker.cancel)
    guard = _InputGuard(dialog.parentWidget())
    active = QApplication.activeWindow()
    app = QApplication.instance()
    app.installEventFilter(guard)
    worker.start(lambda progress, cancel: prepare_scene(c.race, scene, progress, cancel))
    try:
        loop.exec()
    finally:
        app.removeEventFilter(guard)
        worker.cancel()
        worker.wait()
        dialog.close()
        dialog.deleteLater()
        holder.deleteLater()
        if active is not None and QApplication.activeWindow() is None:
            active.activateWindow()  # the keys go back where they went (the dialog had them)
    if "failed" in outcome:
        raise SessionError(str(outcome["failed"]))
    if "cancelled" in outcome:
        raise Cancelled
    if "prepared" not in outcome:  # QCoreApplication.exit() ends every event loop
        raise Interrupted
    prepared = outcome["prepared"]
    assert isinstance(prepared, Prepared)
    return prepared
