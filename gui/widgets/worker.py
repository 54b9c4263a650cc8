"""TaskWorker: run one long computation at a time in a background thread, with progress and cancel.

The computation is a plain function ``fn(progress, cancel) -> result`` (the core's callback
convention: ``progress(fraction)``, ``cancel() -> bool``). Results come back through queued Qt
signals in the GUI thread. A cancelled task never delivers a result, so a view cannot draw half of
one; a task started while another runs cancels the old one first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

Task = Callable[[Callable[[float], None], Callable[[], bool]], object]
PROGRESS_STEPS = 200  # progress is reported in 0.5 % increments at most


class TaskWorker(QObject):
    """Owns at most one running task. Signals fire in the GUI thread."""

    sigStarted = Signal()
    sigProgress = Signal(float)  # fraction done in [0, 1]
    sigFinished = Signal(object)  # the task's result
    sigCancelled = Signal()
    sigFailed = Signal(str)  # a one-line message
    _sigDone = Signal(int, object, object)  # (generation, result, error), from the thread
    _sigStep = Signal(int, float)  # (generation, fraction), from the thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gen = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sigDone.connect(self._on_done)
        self._sigStep.connect(self._on_step)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, fn: Task) -> None:
        """Run fn in a new thread (cancelling any task still running)."""
        self.cancel()
        self._gen += 1
        gen, stop = self._gen, threading.Event()
        self._stop = stop
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
                result, error = None, str(e) or type(e).__name__
            self._sigDone.emit(gen, result, error)

        self._thread = threading.Thread(target=body, daemon=True, name="TaskWorker")
        self.sigStarted.emit()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the running task to stop; it reports sigCancelled (not a result) when it does."""
        if self.running:
            self._stop.set()

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until the thread ends (tests, shutdown); True if it ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

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
