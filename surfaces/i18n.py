"""Marks texts that the window shows translated (core and surfaces stay Qt-free).

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; ``pyside6-lupdate`` (which reads
core/ and surfaces/ too) collects the marked texts into the translation files, and the window
looks each one up with ``QCoreApplication.translate(context, text)`` when it shows it. The command
line never translates: its output stays English."""

from __future__ import annotations

from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text


_translator: list[Callable[[str, str], str]] = [lambda context, text: text]


def translate(context: str, text: str) -> str:
    """A text core builds while it runs (a step of backprop, a rule's explanation), in the
    window's language once the window has set a translator; English otherwise (the command
    line). ``pyside6-lupdate`` collects these calls too."""
    return _translator[0](context, text)


def set_translator(function: Callable[[str, str], str]) -> None:
    """The window's translation function (QCoreApplication.translate); core stays Qt-free."""
    _translator[0] = function


_number: list[Callable[[float, str], str]] = [format]


def number(value: float, spec: str = "g") -> str:
    """A number in a text core builds for the window: the window's decimal point once it has
    set one ("0,01" in Russian); the dot otherwise (the command line, files)."""
    return _number[0](value, spec)


def separator() -> str:
    """Between the numbers of a vector: "; " where the decimal point is a comma, else ", "."""
    return "; " if "," in number(0.5) else ", "


def set_number_format(function: Callable[[float, str], str]) -> None:
    """The window's number format (gui.i18n.numbers.num); core stays Qt-free."""
    _number[0] = function
