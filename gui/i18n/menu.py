"""View > Language: one checkable entry per language (in its own name), remembered in the
settings. The lessons switch at once; the window's own texts on the next start, as the menu says."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import language


def settings() -> QSettings:
    from gui.session import data_dir

    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)


class LanguageMenu(QMenu):
    """The menu; ``actions_by_lang[code]`` is each language's entry."""

    def __init__(self, parent: QWidget, status: object | None = None) -> None:
        super().__init__(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
        self.setToolTipsVisible(True)
        self._status = status  # a callable showing a message, or None
        self.group = QActionGroup(self)
        self.actions_by_lang: dict[str, QAction] = {}
        for lang in language.languages():
            act = QAction(language.native_name(lang), self)
            act.setCheckable(True)
            act.setData(lang)
            act.setToolTip(self.tr("Menus and panels change on the next start; lessons at once"))
            act.triggered.connect(lambda _on=False, code=lang: self.choose(code))
            self.group.addAction(act)
            self.addAction(act)
            self.actions_by_lang[lang] = act
        self.addSeparator()
        self.note = self.addAction(self.tr("(applies after a restart)"))
        self.note.setEnabled(False)
        language.notifier.sigChanged.connect(self._show)
        self._show(language.current())

    def choose(self, lang: str) -> None:
        language.set_language(lang, settings())
        if lang != language.installed() and self._status is not None:
            self._status(
                self.tr(
                    "Language: {name}. Restart the app to see the menus and panels in it."
                ).format(name=language.native_name(lang))
            )

    def _show(self, lang: str) -> None:
        act = self.actions_by_lang.get(lang)
        if act is not None:
            act.setChecked(True)
