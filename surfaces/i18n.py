"""Marks texts that the window shows translated (core and surfaces stay Qt-free).

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; ``pyside6-lupdate`` (which reads
core/ and surfaces/ too) collects the marked texts into the translation files, and the window
looks each one up with ``QCoreApplication.translate(context, text)`` when it shows it. The command
line never translates: its output stays English."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text
