"""The languages lessons (and, later, the whole window) are written in, and picking a text in one.

The one home of the language list: the command line's ``--lang`` choices, the lesson files'
validation and the window's language setting all read LANGUAGES."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT_LANGUAGE = "en"
NAMES: dict[str, str] = {"en": "English", "ru": "Русский"}


def pick(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else in the default language (every lesson text has both)."""
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE, "")
