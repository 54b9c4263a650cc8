"""The window's current language: the one place that holds it. ``--lang`` sets it at start, the
Lessons panel's switch changes it (and remembers it in the settings); anything shown in a language
listens to ``notifier.sigChanged``. The translation of the whole interface can install its Qt
translators here, in set_language."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from core.lessons.language import DEFAULT_LANGUAGE, LANGUAGES

SETTINGS_KEY = "ui/language"


class LanguageNotifier(QObject):
    sigChanged = Signal(str)  # the new language code


notifier = LanguageNotifier()
_current = [DEFAULT_LANGUAGE]


def current() -> str:
    return _current[0]


def set_language(lang: str, settings: QSettings | None = None) -> None:
    """Switch the language (ValueError for one the window does not have)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; choose one of: {', '.join(LANGUAGES)}")
    if settings is not None:
        settings.setValue(SETTINGS_KEY, lang)
    if lang != _current[0]:
        _current[0] = lang
        notifier.sigChanged.emit(lang)


def restore_language(settings: QSettings) -> None:
    """The language chosen last time, if any."""
    lang = settings.value(SETTINGS_KEY)
    if isinstance(lang, str) and lang in LANGUAGES:
        set_language(lang)
