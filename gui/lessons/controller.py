"""LessonsController: which lesson is shown and which one has its scene in the window, the tasks'
detectors, progress kept in the settings, the claims measured in the background, and the user's
own work put aside while lessons run ("Back to my work")."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from core.io.scene import SessionError
from core.lessons.claims import ClaimResult, check_lesson
from core.lessons.detect import Context, detected
from core.lessons.loader import Lessons, load_lessons
from core.lessons.model import ExplorerScene, Lesson
from core.lessons.stash import Stash, StashError, load_stash, save_stash
from gui.lessons import workspace
from gui.widgets.worker import TaskWorker

if TYPE_CHECKING:
    from gui.window_api import WindowApi

STASH_NAME = "lesson_stash.json"


class LessonsController(QObject):
    sigShown = Signal(object)  # the Lesson shown in the panel
    sigTasks = Signal(list)  # [bool] per task of the shown lesson: done?
    sigResults = Signal(str, list)  # lesson id, its ClaimResults
    sigProgress = Signal()  # a lesson's progress changed (the agenda's marks)
    sigStash = Signal(bool)  # whether the user's own work is put aside
    sigActive = Signal(object)  # the Lesson whose scene is in the window, or None

    def __init__(self, win: WindowApi, settings: QSettings | None, folder: Path | None,
                 lessons: Lessons | None = None) -> None:  # fmt: skip
        super().__init__(win)
        self.win = win
        self.settings = settings  # None: nothing is remembered (screenshots)
        self.stash_path = folder / STASH_NAME if folder is not None else None
        self.lessons = lessons or load_lessons()
        self.shown: Lesson | None = None
        self.active: Lesson | None = None
        self.results: dict[str, list[ClaimResult]] = {}
        self._stash: Stash | None = None
        self._live: dict | None = None
        self._ctx = Context()
        self._loading = False
        self._watched_network = False
        self._checked = False  # the gradient check was asked for during the active lesson
        self._done: dict[str, set[int]] = {}  # progress when there are no settings
        self.worker = TaskWorker(self)
        self.worker.sigFinished.connect(self._on_worker_finished)
        c = win.explorer.controller
        for sig in (c.sigStepped, c.sigRacersChanged, c.sigStartsChanged):
            sig.connect(self._on_changed)

    # --- progress ---------------------------------------------------------------------------------
    def done_tasks(self, lesson: Lesson) -> set[int]:
        if self.settings is None:
            return set(self._done.get(lesson.id, set()))
        raw = self.settings.value(f"lessons/tasks/{lesson.id}", "")
        return {int(i) for i in str(raw).split(",") if i.strip().isdigit()}

    def _set_done(self, lesson: Lesson, done: set[int]) -> None:
        if self.settings is None:
            self._done[lesson.id] = set(done)
        else:
            self.settings.setValue(f"lessons/tasks/{lesson.id}", ",".join(map(str, sorted(done))))
        self.sigProgress.emit()

    def is_done(self, lesson: Lesson) -> bool:
        return len(self.done_tasks(lesson)) >= len(lesson.tasks)

    def tasks_state(self, lesson: Lesson) -> list[bool]:
        done = self.done_tasks(lesson)
        return [i in done for i in range(len(lesson.tasks))]

    # --- showing and starting -------------------------------------------------------------------
    def show(self, lesson_id: str) -> Lesson | None:
        """Show a lesson's text in the panel (its scene is loaded by start)."""
        lesson = self.lessons.get(lesson_id)
        if lesson is None:
            return None
        self.shown = lesson
        if self.settings is not None:
            self.settings.setValue("lessons/current", lesson.id)
        self.sigShown.emit(lesson)
        self.sigTasks.emit(self.tasks_state(lesson))
        if lesson.id in self.results:
            self.sigResults.emit(lesson.id, self.results[lesson.id])
        else:
            self.worker.start(lambda _p, _c: (lesson.id, check_lesson(lesson)))
        return lesson

    def measure_now(self, lesson: Lesson) -> list[ClaimResult]:
        """The lesson's claims measured at once (screenshots and tests)."""
        if lesson.id not in self.results:
            self.results[lesson.id] = check_lesson(lesson)
        self.sigResults.emit(lesson.id, self.results[lesson.id])
        return self.results[lesson.id]

    def _on_worker_finished(self, out: tuple[str, list[ClaimResult]]) -> None:
        lesson_id, results = out
        self.results[lesson_id] = results
        self.sigResults.emit(lesson_id, results)

    def start(self, lesson_id: str | None = None) -> Lesson | None:
        """Load a lesson's scene into its tab (the shown lesson by default), first putting the
        user's own work aside unless it already is."""
        lesson = self.show(lesson_id) if lesson_id is not None else self.shown
        if lesson is None:
            return None
        if not self.has_stash():
            self._put_aside()
        self._loading = True
        try:
            keys = workspace.open_lesson_scene(self.win, lesson.scene)
        finally:
            self._loading = False
        scene = lesson.scene
        starts = scene.scene.starts.copy() if isinstance(scene, ExplorerScene) else None
        self._ctx = Context(self.win.explorer.controller.race, keys, starts)
        self._checked = False
        self.active = lesson
        if not isinstance(scene, ExplorerScene):
            self._watch_network()
        self.sigActive.emit(lesson)
        return lesson

    def step(self, delta: int) -> Lesson | None:
        """Previous (−1) or Next (+1): show and start that lesson."""
        ids = [x.id for x in self.lessons.lessons]
        if not ids:
            return None
        at = ids.index(self.shown.id) if self.shown is not None else -1
        target = min(max(at + delta, 0), len(ids) - 1)
        return self.start(ids[target])

    # --- the user's own work ----------------------------------------------------------------------
    def has_stash(self) -> bool:
        return self._stash is not None or (self.stash_path is not None and self.stash_path.exists())

    def _put_aside(self) -> None:
        self._stash, self._live = workspace.capture(self.win)
        if self.stash_path is not None:
            # an unsavable surface: the work is still kept for this session
            with contextlib.suppress(OSError, SessionError):
                save_stash(self.stash_path, self._stash)
        self.sigStash.emit(True)

    def back_to_my_work(self) -> str | None:
        """Restore the user's own scene exactly; None, or the one-line reason it could not."""
        stash, live = self._stash, self._live
        if stash is None and self.stash_path is not None and self.stash_path.exists():
            try:
                stash = load_stash(self.stash_path)
            except StashError as e:
                return str(e)
        if stash is None:
            return None
        self._loading = True
        try:
            workspace.restore(self.win, stash, live)
        finally:
            self._loading = False
        self._stash = self._live = None
        self.active = None
        self._ctx = Context()
        if self.stash_path is not None and self.stash_path.exists():
            os.remove(self.stash_path)
        self.sigStash.emit(False)
        self.sigActive.emit(None)
        return None

    # --- detectors --------------------------------------------------------------------------------
    def _watch_network(self) -> None:
        if self._watched_network or self.win.network is None:
            return
        tab = self.win.network
        for sig in (tab.ctl.sigWeightsChanged, tab.ctl.sigStepChanged, tab.ctl.sigNetworkChanged):
            sig.connect(self._on_changed)
        tab.check.sigCheckRequested.connect(self._on_check_requested)
        self._watched_network = True

    def _on_check_requested(self) -> None:
        self._checked = True
        self._on_changed()

    def _on_changed(self, *_: object) -> None:
        lesson = self.active
        if lesson is None or self._loading:
            return
        ctx = self._ctx
        if self.win.network is not None:
            c = self.win.network.ctl
            ctx.net, ctx.trainer, ctx.step = c.net, c.trainer, c.step_index
            ctx.checked = self._checked
        done = self.done_tasks(lesson)
        new = {i for i, t in enumerate(lesson.tasks) if i not in done and detected(t.detect, ctx)}
        if new:
            self._set_done(lesson, done | new)
            if self.shown is lesson:
                self.sigTasks.emit(self.tasks_state(lesson))

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker.wait(10.0)
