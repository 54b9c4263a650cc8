"""The Explorer's actions (menus, toolbar, shortcuts), built in one place with their tooltips."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from gui.explorer.overlays import OVERLAY_KINDS

# name: (text, shortcuts, tooltip, checkable)
SPECS: dict[str, tuple[str, tuple[str, ...], str, bool]] = {
    "play": ("Play", ("Space",), "Play / pause the race (Space)", True),
    "step": ("Step", ("Right", "S"), "Advance every run by one update (→ or S)", False),
    "reset": ("Reset", ("R",), "Restart every run from its start points (R)", False),
    "explain": ("Explain step…", ("E",),
                "Decompose the selected run's next update with its formula and numbers (E)", False),
    "add_run": ("Add run", ("Ctrl+N",), "Add a run to the race (Ctrl+N)", False),
    "duplicate_run": ("Duplicate run", ("Ctrl+D",), "Copy the selected run (Ctrl+D)", False),
    "remove_run": ("Remove run", ("Delete",), "Remove the selected run (Del)", False),
    "log_scale": ("Log colour scale", ("L",), "Colour the surface by log(f − f_min) (L)", True),
    "fit_view": ("Fit view", ("F",), "Show the surface's whole domain again after zooming (F)",
                 False),
}  # fmt: skip
OVERLAY_KEYS = {"gradient": "G", "velocity": "V", "adaptive": "A", "eigen": "H"}


def make_actions(parent: QObject) -> dict[str, QAction]:
    """Every Explorer action by name; overlay toggles are named overlay_<kind>."""
    out: dict[str, QAction] = {}
    for name, (text, keys, tip, checkable) in SPECS.items():
        a = QAction(text, parent)
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setToolTip(tip)
        a.setStatusTip(tip)
        a.setCheckable(checkable)
        out[name] = a
    for kind, text in OVERLAY_KINDS.items():
        a = QAction(text, parent)
        key = OVERLAY_KEYS[kind]
        a.setShortcut(QKeySequence(key))
        a.setToolTip(f"Show the {text.lower()} at each run's head ({key})")
        a.setIconText(kind)  # the short toolbar label
        a.setCheckable(True)
        a.setChecked(kind in ("gradient", "velocity", "eigen"))
        out[f"overlay_{kind}"] = a
    return out
