"""The Explorer's actions (menus, toolbar, shortcuts), built in one place with their tooltips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from gui.explorer.overlays import OVERLAY_KINDS
from surfaces.i18n import QT_TRANSLATE_NOOP

# name: (text, shortcuts, tooltip, checkable)
SPECS: dict[str, tuple[str, tuple[str, ...], str, bool]] = {
    "play": (QT_TRANSLATE_NOOP("Actions", "Play"), ("Space",), QT_TRANSLATE_NOOP("Actions", "Play / pause the race (Space)"), True),
    "step": (QT_TRANSLATE_NOOP("Actions", "Step"), ("Right", "S"), QT_TRANSLATE_NOOP("Actions", "Advance every run by one update (→ or S)"), False),
    "reset": (QT_TRANSLATE_NOOP("Actions", "Reset"), ("R",), QT_TRANSLATE_NOOP("Actions", "Restart every run from its start points (R)"), False),
    "explain": (QT_TRANSLATE_NOOP("Actions", "Explain step…"), ("E",),
                QT_TRANSLATE_NOOP("Actions", "Decompose the selected run's next update with its formula and numbers (E)"), False),
    "add_run": (QT_TRANSLATE_NOOP("Actions", "Add run"), ("Ctrl+N",), QT_TRANSLATE_NOOP("Actions", "Add a run to the race (Ctrl+N)"), False),
    "duplicate_run": (QT_TRANSLATE_NOOP("Actions", "Duplicate run"), ("Ctrl+D",), QT_TRANSLATE_NOOP("Actions", "Copy the selected run (Ctrl+D)"), False),
    "remove_run": (QT_TRANSLATE_NOOP("Actions", "Remove run"), ("Delete",), QT_TRANSLATE_NOOP("Actions", "Remove the selected run (Del)"), False),
    "log_scale": (QT_TRANSLATE_NOOP("Actions", "Log colour scale"), ("L",), QT_TRANSLATE_NOOP("Actions", "Colour the surface by log(f − f_min) (L)"), True),
    "fit_view": (QT_TRANSLATE_NOOP("Actions", "Fit view"), ("F",), QT_TRANSLATE_NOOP("Actions", "Show the surface's whole domain again after zooming (F)"),
                 False),
}  # fmt: skip
TOOLBAR_SHORT = {  # the toolbar's labels of menu actions (English: the menu's; Russian: shorter)
    "explain": QT_TRANSLATE_NOOP("Toolbar", "Explain step"),
    "log_scale": QT_TRANSLATE_NOOP("Toolbar", "Log colour scale"),
}
OVERLAY_KEYS = {"gradient": "G", "velocity": "V", "adaptive": "A", "eigen": "H"}
OVERLAY_SHORT = {  # the toolbar labels
    "gradient": QT_TRANSLATE_NOOP("Overlays", "gradient"),
    "velocity": QT_TRANSLATE_NOOP("Overlays", "velocity"),
    "adaptive": QT_TRANSLATE_NOOP("Overlays", "adaptive"),
    "eigen": QT_TRANSLATE_NOOP("Overlays", "eigen"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def make_actions(parent: QObject) -> dict[str, QAction]:
    """Every Explorer action by name; overlay toggles are named overlay_<kind>."""
    out: dict[str, QAction] = {}
    for name, (text, keys, tip, checkable) in SPECS.items():
        a = QAction(_tr(text), parent)
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setToolTip(_tr(tip))
        a.setStatusTip(_tr(tip))
        a.setCheckable(checkable)
        if name in TOOLBAR_SHORT:
            a.setIconText(QCoreApplication.translate("Toolbar", TOOLBAR_SHORT[name]))
        out[name] = a
    for kind, text in OVERLAY_KINDS.items():
        a = QAction(QCoreApplication.translate("Overlays", text), parent)
        key = OVERLAY_KEYS[kind]
        a.setShortcut(QKeySequence(key))
        a.setToolTip(
            QCoreApplication.translate(
                "Actions", "Show the {what} at each run's head ({key})"
            ).format(what=QCoreApplication.translate("Overlays", text).lower(), key=key)
        )
        a.setIconText(QCoreApplication.translate("Overlays", OVERLAY_SHORT[kind]))  # toolbar label
        a.setCheckable(True)
        a.setChecked(kind in ("gradient", "velocity", "eigen"))
        out[f"overlay_{kind}"] = a
    return out
