"""Words from core shown in the window that core does not mark itself: the kinds of critical point."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.i18n.numbers import num
from surfaces.i18n import QT_TRANSLATE_NOOP

KINDS = {
    "minimum": QT_TRANSLATE_NOOP("Critical", "minimum"),
    "maximum": QT_TRANSLATE_NOOP("Critical", "maximum"),
    "saddle": QT_TRANSLATE_NOOP("Critical", "saddle"),
    "degenerate": QT_TRANSLATE_NOOP("Critical", "degenerate"),
}


def kind_text(kind: str) -> str:
    """A critical point's kind in the window's language."""
    return QCoreApplication.translate("Critical", KINDS.get(kind, kind))


def critical_label(kind: str, value: float) -> str:
    """A critical point's marker label: its kind and f, in the window's language and numbers."""
    return f"{kind_text(kind)}, f = {num(value, '.5g')}"


def surface_text(text: str) -> str:
    """A surface's title, description or group in the window's language (marked in surfaces/)."""
    return QCoreApplication.translate("Surface", text) if text else text


def at_point(x: float, y: float) -> str:
    """A critical point's place in its marker's tooltip."""
    return QCoreApplication.translate("SurfacePlot", "at ({x}, {y})").format(
        x=num(x, ".4g"), y=num(y, ".4g")
    )
