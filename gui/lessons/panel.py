"""LessonsPanel: the lecture's agenda, the shown lesson's text with its measured numbers, its
"try this" tasks ticking as they are done, what the app checked, and the buttons to move through
the course. It talks only to the LessonsController."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.lessons.claims import ClaimResult, fill, lesson_values
from core.lessons.language import LANGUAGES, NAMES, pick
from core.lessons.model import Lesson
from gui.i18n import language
from gui.lessons.controller import LessonsController

_SCRIPTS = ((re.compile(r"_\{([^}]*)\}"), r"<sub>\1</sub>"), (re.compile(r"\^\{([^}]*)\}"), r"<sup>\1</sup>"),
            (re.compile(r"_([A-Za-z0-9]+)"), r"<sub>\1</sub>"), (re.compile(r"\^([A-Za-z0-9])"), r"<sup>\1</sup>"))  # fmt: skip


def _formula(text: str) -> str:
    """Escaped text with the slides' w_{t−1}, g_t^j written as sub- and superscripts."""
    out = html.escape(text)
    for pattern, repl in _SCRIPTS:
        out = pattern.sub(repl, out)
    return out


def lesson_html(lesson: Lesson, lang: str, results: list[ClaimResult] | None) -> str:
    """The lesson's text as HTML: paragraphs, formulas (lines indented by 4 spaces) set apart,
    measured numbers filled in, then the claims the app checked."""
    values = lesson_values(results) if results is not None else {}
    parts = []
    for block in pick(lesson.text, lang).split("\n\n"):
        lines = block.split("\n")
        if all(ln.startswith("    ") for ln in lines if ln.strip()):
            for ln in lines:
                parts.append(f'<p class="f">{_formula(fill(ln.strip(), values, lang))}</p>')
        else:
            text = " ".join(ln.strip() for ln in lines)
            parts.append(f"<p>{_formula(fill(text, values, lang))}</p>")
    if results is not None:
        head = {"en": "Checked by running this scene:", "ru": "Проверено запуском этой сцены:"}
        parts.append(f'<p class="h">{pick(head, lang)}</p>')
        for r in results:
            mark = "✓" if r.holds else "✗"
            parts.append(f'<p class="c">{mark} {_formula(r.text(lang))}</p>')
    style = ("<style>p { margin: 0 0 8px 0; } p.f { margin: 2px 0 8px 16px; font-family: serif;"
             " font-size: 15px; } p.h { font-weight: bold; margin-top: 10px; }"
             " p.c { color: #2f7d32; margin: 0 0 4px 0; }</style>")  # fmt: skip
    return style + "".join(parts)


class LessonsPanel(QWidget):
    """The Lessons dock's contents."""

    def __init__(self, controller: LessonsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(NAMES[lang], lang)
        self.language.setToolTip(self.tr("Language of the lessons"))
        self.agenda = QListWidget()
        self.agenda.setToolTip(
            self.tr("The lecture's agenda: ✓ marks a lesson whose tasks are all done")
        )
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.tasks_box = QWidget()
        self.tasks_layout = QVBoxLayout(self.tasks_box)
        self.tasks_layout.setContentsMargins(0, 0, 0, 0)
        self.task_labels: list[QLabel] = []
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.start_button = QPushButton(self.tr("Start lesson"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.back_button = QPushButton(self.tr("Back to my work"))
        self.back_button.setToolTip(
            self.tr("Put back the scene you had before the lessons, exactly")
        )
        self.start_button.setToolTip(self.tr("Load this lesson's scene into its tab"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61e1e;")
        self.message.hide()
        self._layout()
        self._connect()
        self._fill_agenda()
        self.back_button.setEnabled(controller.has_stash())
        self._set_language(language.current())

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Lecture: 50 shades of gradient descent")), 1)
        top.addWidget(self.language)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.title)
        bl.addWidget(self.text, 1)
        tasks_head = QLabel(self.tr("Try this:"))
        tasks_head.setStyleSheet("font-weight: bold;")
        bl.addWidget(tasks_head)
        bl.addWidget(self.tasks_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.agenda)
        split.addWidget(body)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([150, 600])
        nav = QHBoxLayout()
        for b in (self.prev_button, self.start_button, self.next_button):
            nav.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.message)
        lay.addLayout(nav)
        lay.addWidget(self.back_button)

    def _connect(self) -> None:
        c = self.controller
        c.sigShown.connect(self._on_controller_shown)
        c.sigTasks.connect(self._on_controller_tasks)
        c.sigResults.connect(self._on_controller_results)
        c.sigProgress.connect(self._fill_agenda)
        c.sigStash.connect(self.back_button.setEnabled)
        c.sigActive.connect(lambda _l: self._show_buttons())
        self.agenda.itemClicked.connect(self._on_agenda_clicked)
        self.prev_button.clicked.connect(lambda: c.step(-1))
        self.next_button.clicked.connect(lambda: c.step(+1))
        self.start_button.clicked.connect(lambda: c.start())
        self.back_button.clicked.connect(self._on_back_clicked)
        self.language.activated.connect(
            lambda i: language.set_language(self.language.itemData(i), c.settings)
        )
        language.notifier.sigChanged.connect(self._set_language)

    # --- slots ------------------------------------------------------------------------------------
    def _set_language(self, lang: str) -> None:
        self.language.setCurrentIndex(LANGUAGES.index(lang))
        self._fill_agenda()
        if self.controller.shown is not None:
            self._on_controller_shown(self.controller.shown)
            self._on_controller_tasks(self.controller.tasks_state(self.controller.shown))

    def _fill_agenda(self) -> None:
        lang = language.current()
        c = self.controller
        self.agenda.clear()
        for i, lesson in enumerate(c.lessons.lessons, 1):
            mark = "  ✓" if c.is_done(lesson) else ""
            item = QListWidgetItem(f"{i}. {pick(lesson.title, lang)}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.id)
            self.agenda.addItem(item)
            if c.shown is lesson:
                self.agenda.setCurrentItem(item)

    def _on_agenda_clicked(self, item: QListWidgetItem) -> None:
        self.controller.show(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_controller_shown(self, lesson: Lesson) -> None:
        lang = language.current()
        self.title.setText(pick(lesson.title, lang))
        self.text.setHtml(lesson_html(lesson, lang, self.controller.results.get(lesson.id)))
        for lb in self.task_labels:
            self.tasks_layout.removeWidget(lb)
            lb.hide()
            lb.deleteLater()
        self.task_labels = []
        for _ in lesson.tasks:
            lb = QLabel()
            lb.setWordWrap(True)
            self.tasks_layout.addWidget(lb)
            self.task_labels.append(lb)
        ids = [x.id for x in self.controller.lessons.lessons]
        for i in range(self.agenda.count()):
            if self.agenda.item(i).data(Qt.ItemDataRole.UserRole) == lesson.id:
                self.agenda.setCurrentRow(i)
        self.prev_button.setEnabled(ids.index(lesson.id) > 0)
        self.next_button.setEnabled(ids.index(lesson.id) < len(ids) - 1)
        self._show_buttons()

    def _show_buttons(self) -> None:
        c = self.controller
        on = c.shown is not None and c.active is c.shown
        self.start_button.setText(self.tr("Restart lesson") if on else self.tr("Start lesson"))

    def _on_controller_tasks(self, state: list[bool]) -> None:
        lesson = self.controller.shown
        if lesson is None:
            return
        lang = language.current()
        for lb, t, done in zip(self.task_labels, lesson.tasks, state, strict=False):
            box = "☑" if done else "☐"
            lb.setText(f"{box} {pick(t.text, lang)}")
            lb.setStyleSheet("color: #2f7d32;" if done else "")

    def _on_controller_results(self, lesson_id: str, results: list) -> None:
        lesson = self.controller.shown
        if lesson is not None and lesson.id == lesson_id:
            self.text.setHtml(lesson_html(lesson, language.current(), results))

    def shutdown(self) -> None:
        """Wait for a claim check still running (before the window goes away)."""
        self.controller.shutdown()

    def _on_back_clicked(self) -> None:
        problem = self.controller.back_to_my_work()
        self.message.setText(problem or "")
        self.message.setVisible(bool(problem))
