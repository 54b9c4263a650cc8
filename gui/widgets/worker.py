"""TaskWorker: the one way the GUI runs long computations in the background (basin maps, sweeps,
critical-point searches), with progress and cancel, on a QThreadPool of its own.

The computation is a plain function ``fn(progress, cancel) -> result`` (the core's callback
convention: ``progress(fraction)``, ``cancel() -> bool``). Results come back through queued Qt
signals in the GUI thread. A cancelled task never delivers a result, so a view cannot draw half of
one; a task started while another runs cancels the old one first, and only the newest task's
outcome is reported.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from surfaces.errors import UserError

Task = Callable[[Callable[[float], None], Callable[[], bool]], object]
PROGRESS_STEPS = 200  # progress is reported in 0.5 % increments at most
MAX_THREADS = 4  # superseded tasks that ignore their cancel flag may still be finishing


class TaskWorker(QObject):
    """Runs the newest of its tasks in a thread pool. Signals fire in the GUI thread."""

    sigStarted = Signal()
    sigProgress = Signal(float)  # fraction done in [0, 1]
    sigFinished = Signal(object)  # the task's result
    sigCancelled = Signal()
    sigFailed = Signal(str)  # a one-line message
    _sigDone = Signal(int, object, object)  # (generation, result, error), from the pool
    _sigStep = Signal(int, float)  # (generation, fraction), from the pool

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gen = 0
        self._stop = threading.Event()
        self._done = threading.Event()
        self._done.set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(MAX_THREADS)
        self._sigDone.connect(self._on_done)
        self._sigStep.connect(self._on_step)

    @property
    def running(self) -> bool:
        """Whether the newest task is still computing."""
        return not self._done.is_set()

    def start(self, fn: Task) -> None:
        """Run fn in the pool (cancelling any task still running)."""
        self.cancel()
        self._gen += 1
        gen, stop, done = self._gen, threading.Event(), threading.Event()
        self._stop, self._done = stop, done
        last = [-1]

        def progress(fraction: float) -> None:
            tick = int(max(0.0, min(1.0, fraction)) * PROGRESS_STEPS)
            if tick != last[0]:  # a signal per visible change, not per callback
                last[0] = tick
                self._sigStep.emit(gen, tick / PROGRESS_STEPS)

        def body() -> None:
            try:
                result, error = fn(progress, stop.is_set), None
            except Exception as e:  # reported as a message, never a crash of the window
                if not isinstance(e, UserError) and not stop.is_set():
                    traceback.print_exc()  # a bug, not bad input: its traceback goes to stderr too
                result, error = None, str(e) or type(e).__name__
            done.set()
            self._sigDone.emit(gen, result, error)

        self.sigStarted.emit()
        self.pool.start(body)

    def cancel(self) -> None:
        """Ask the running task to stop; it reports sigCancelled (not a result) when it does."""
        if self.running:
            self._stop.set()

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until every task of this worker has ended (tests, shutdown); True if they did."""
        return self.pool.waitForDone(round(timeout * 1000))

    def shutdown(self) -> None:
        self.cancel()
        self.wait()

    def _on_step(self, gen: int, fraction: float) -> None:
        if gen == self._gen and not self._stop.is_set():
            self.sigProgress.emit(fraction)

    def _on_done(self, gen: int, result: object, error: object) -> None:
        if gen != self._gen:
            return  # a task superseded by a newer one: its outcome is nobody's business
        if self._stop.is_set() or getattr(result, "cancelled", False):
            self.sigCancelled.emit()
        elif error is not None:
            self.sigFailed.emit(str(error))
        else:
            self.sigFinished.emit(result)
