"""Every text the window shows uses glyphs its font has: a missing glyph draws an empty box (the
Network tab's Pause button once showed one for ⏸)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QStyle,
    QTabWidget,
)

pytestmark = pytest.mark.gui


def _plain(text: str) -> str:
    if "<" not in text:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _missing(win) -> dict[str, set[str]]:
    """Characters (outside ASCII) that the font of the widget showing them lacks, and where."""
    shown: list[tuple[str, object]] = []
    for w in win.findChildren(QAbstractButton):
        shown.append((w.text(), w.font()))
    for w in win.findChildren(QLabel):
        shown.append((_plain(w.text()), w.font()))
    for w in win.findChildren(QGroupBox):
        shown.append((w.title(), w.font()))
    for w in win.findChildren(QComboBox):
        shown += [(w.itemText(i), w.font()) for i in range(w.count())]
    for w in win.findChildren(QTabWidget):
        shown += [(w.tabText(i), w.font()) for i in range(w.count())]
    shown += [(a.text(), QApplication.font()) for a in win.findChildren(QAction)]
    bad: dict[str, set[str]] = {}
    for text, font in shown:
        fm = QFontMetrics(font)
        for ch in text:
            if ord(ch) > 127 and not ch.isspace() and not fm.inFontUcs4(ord(ch)):
                bad.setdefault(ch, set()).add(text[:40])
    return bad


def test_network_play_button_uses_icons_not_missing_glyphs(main_window, qtbot) -> None:
    tab = main_window.network_tab()
    main_window.show_tab("network")
    play = tab.train.play
    assert play.text() == "Play" and not play.icon().isNull()
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    try:
        assert tab.ctl.running
        assert play.text() == "Pause" and not play.icon().isNull()
        pause = main_window.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        assert play.icon().pixmap(16).toImage() == pause.pixmap(16).toImage()
        assert _missing(main_window) == {}
    finally:
        tab.ctl.pause()
    assert play.text() == "Play"


def test_every_text_of_the_window_has_its_glyphs(main_window) -> None:
    from gui.lessons.dock import lessons_dock

    main_window.network_tab()
    lessons_dock(main_window, persist=False, fit=False)
    assert _missing(main_window) == {}
