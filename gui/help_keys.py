"""Help > Keyboard and mouse (F1): the mouse gestures, then every keyboard shortcut of the window
read from its actions (menus first, in menu order, then actions that live outside the menus), so
the list cannot drift from what the keys really do."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
)

from surfaces.i18n import QT_TRANSLATE_NOOP

TITLE = QT_TRANSLATE_NOOP("HelpKeys", "Keyboard and mouse")
MOUSE_HEADING = QT_TRANSLATE_NOOP("HelpKeys", "Mouse")
KEYS_HEADING = QT_TRANSLATE_NOOP("HelpKeys", "Keyboard")

MOUSE = (
    (QT_TRANSLATE_NOOP("HelpKeys", "Click the surface"), QT_TRANSLATE_NOOP("HelpKeys", "every enabled run restarts there")),
    (QT_TRANSLATE_NOOP("HelpKeys", "Shift+click"), QT_TRANSLATE_NOOP("HelpKeys", "add another start point")),
    (QT_TRANSLATE_NOOP("HelpKeys", "Ctrl+click"), QT_TRANSLATE_NOOP("HelpKeys", "the start lands exactly on the nearest axis or saddle line")),
    (QT_TRANSLATE_NOOP("HelpKeys", "Drag a start marker"), QT_TRANSLATE_NOOP("HelpKeys", "move that start")),
    (QT_TRANSLATE_NOOP("HelpKeys", "Wheel / drag"), QT_TRANSLATE_NOOP("HelpKeys", "zoom / pan the surface")),
    (QT_TRANSLATE_NOOP("HelpKeys", "Draw mode (D)"), QT_TRANSLATE_NOOP("HelpKeys", "drag to dig a well or raise a hill; the wheel sets the brush, or resizes "
                      "the bump under the cursor; drag a bump's dot to move it")),
)  # fmt: skip


def _label(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…").strip()


def _keys(action: QAction) -> str:
    return QCoreApplication.translate("HelpKeys", " or ").join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    )


def _menu_actions(menu: QMenu) -> list[QAction]:
    out: list[QAction] = []
    for a in menu.actions():
        sub = a.menu()
        if isinstance(sub, QMenu):
            out += _menu_actions(sub)
        elif not a.isSeparator():
            out.append(a)
    return out


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action of the window that has a shortcut: the menus' actions
    in menu order, then the others (e.g. the drawing tool's), each action once."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        where = top.text().replace("&", "")
        for a in _menu_actions(menu):
            seen.add(id(a))
            if a.shortcuts():
                rows.append((where, _label(a), _keys(a)))
    for a in window.findChildren(QAction):
        if id(a) not in seen and a.shortcuts() and _label(a):
            seen.add(id(a))
            rows.append((QCoreApplication.translate("HelpKeys", "Other"), _label(a), _keys(a)))
    return rows


def help_html(window: QMainWindow) -> str:
    """The help text as a small HTML document: mouse, then the shortcuts grouped by menu."""
    cell = "<tr><td style='padding-right:14px'><b>{}</b></td><td>{}</td></tr>"
    mouse = escape(QCoreApplication.translate("HelpKeys", MOUSE_HEADING))
    keyboard = escape(QCoreApplication.translate("HelpKeys", KEYS_HEADING))
    parts = [f"<h3>{mouse}</h3><table>"]
    parts += [
        cell.format(
            escape(QCoreApplication.translate("HelpKeys", k)),
            escape(QCoreApplication.translate("HelpKeys", v)),
        )
        for k, v in MOUSE
    ]
    parts.append(f"</table><h3>{keyboard}</h3><table>")
    last = None
    for where, what, keys in shortcut_rows(window):
        if where != last:
            parts.append(f"<tr><td colspan=2><i>{escape(where)}</i></td></tr>")
            last = where
        parts.append(cell.format(escape(keys), escape(what)))
    parts.append("</table>")
    return "".join(parts)


class HelpDialog(QDialog):
    """The help in a scrolling page sized to fit the screen (the list is longer than a laptop's
    800 pixels), with a Close button."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(QCoreApplication.translate("HelpKeys", TITLE))
        self.browser = QTextBrowser()
        self.browser.setHtml(help_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        screen = window.screen().availableGeometry()
        self.resize(min(620, screen.width() - 40), min(760, screen.height() - 80))


def show_help(window: QMainWindow) -> None:
    HelpDialog(window).exec()
