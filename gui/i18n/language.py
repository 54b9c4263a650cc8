"""The window's current language: the one place that holds it. ``--lang`` sets it at start, the
View > Language menu and the Lessons panel's switch change it (and remember it in the settings);
anything shown in a language listens to ``notifier.sigChanged``.

The interface's texts come from Qt's translation system: ``start(lang)`` installs the compiled
translation ``gui/i18n/gd_explorer_<lang>.qm`` (and Qt's own, for its standard buttons) before the
window is built and sets the default QLocale (the decimal comma in Russian). A language is offered
when its ``.qm`` file is there: adding one needs no code change."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
)

from core.lessons.language import DEFAULT_LANGUAGE, NAMES
from gui.i18n import CATALOG, FOLDER, languages

SETTINGS_KEY = "ui/language"


class LanguageNotifier(QObject):
    sigChanged = Signal(str)  # the new language code


notifier = LanguageNotifier()
_current = [DEFAULT_LANGUAGE]
_installed: list[str] = [DEFAULT_LANGUAGE]  # the language the window's texts were built in
_translators: list[QTranslator] = []
_keys: list[QObject] = []  # the filter letting number boxes take "0.01" as well as "0,01"


def native_name(lang: str) -> str:
    """The language's own name for itself ("English", "Русский")."""
    if lang in NAMES:
        return NAMES[lang]
    name = QLocale(lang).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else lang


def current() -> str:
    return _current[0]


def installed() -> str:
    """The language the window's menus and panels are shown in (changed by a restart)."""
    return _installed[0]


def set_language(lang: str, settings: QSettings | None = None) -> None:
    """Switch the language (ValueError for one the window does not have). Lessons follow at
    once; the window's own texts follow after a restart."""
    if lang not in languages():
        raise ValueError(f"unknown language '{lang}'; choose one of: {', '.join(languages())}")
    if settings is not None:
        settings.setValue(SETTINGS_KEY, lang)
    if lang != _current[0]:
        _current[0] = lang
        notifier.sigChanged.emit(lang)


def restore_language(settings: QSettings) -> None:
    """The language chosen last time, if any."""
    lang = settings.value(SETTINGS_KEY)
    if isinstance(lang, str) and lang in languages():
        set_language(lang)


def system_language() -> str:
    """The system locale's language when the window has it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in languages() else DEFAULT_LANGUAGE


def saved_language(settings: QSettings | None) -> str | None:
    lang = settings.value(SETTINGS_KEY) if settings is not None else None
    return lang if isinstance(lang, str) and lang in languages() else None


def start(lang: str) -> None:
    """Install the translators of ``lang`` (before any widget is built) and make it current."""
    app = QCoreApplication.instance()
    assert app is not None, "start() needs the QApplication"
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    QLocale.setDefault(QLocale(lang))
    from gui.i18n.numbers import DecimalPointKeys, localize_plot_ticks, num, use_locale

    use_locale(QLocale(lang))
    localize_plot_ticks()
    if not _keys:
        _keys.append(DecimalPointKeys(app))
        app.installEventFilter(_keys[0])
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"{CATALOG}_{lang}", str(FOLDER)), (f"qtbase_{lang}", qt_dir)):
        t = QTranslator(app)  # English too: its catalogue holds the plural forms
        if t.load(name, folder):
            app.installTranslator(t)
            _translators.append(t)
    from surfaces.i18n import set_number_format, set_translator

    set_translator(QCoreApplication.translate)  # texts core builds (backprop steps, …)
    set_number_format(num)  # and their numbers (the decimal comma)
    _installed[0] = lang
    set_language(lang)
