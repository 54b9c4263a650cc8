"""Numbers as people read them in the window's language (the Russian decimal comma), and typed
numbers read in either form ("0.01" and "0,01"). Files and the command line always use the dot."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

_point = ["."]  # the window's decimal point: set by language.start (the command line keeps ".")


def use_locale(locale: QLocale) -> None:
    _point[0] = locale.decimalPoint()


def num(value: float, spec: str = "g") -> str:
    """``format(value, spec)`` with the window's decimal point ("0,01" in Russian)."""
    text = format(value, spec)
    return text.replace(".", _point[0]) if _point[0] != "." else text


class Shown(float):
    """A number that a translated template formats with the window's decimal point:
    ``tr("lr {lr:.3g}").format(lr=Shown(x))`` gives "lr 0,05" in Russian (the template's own
    format spec stays, so its translations need no change)."""

    def __format__(self, spec: str) -> str:
        return num(float(self), spec or "g")


def parse_number(text: str) -> float:
    """A typed number: the dot or the comma as the decimal point, "−" as minus (ValueError)."""
    t = text.strip().replace("−", "-").replace(" ", "").replace("\u00a0", "")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    return float(t)


class DecimalPointKeys(QObject):
    """Lets number boxes take the dot where the locale writes a comma: a "." typed into a
    QDoubleSpinBox becomes the locale's decimal point (installed on the application)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text() == "."
            and isinstance(obj, QLineEdit)
            and isinstance(obj.parent(), QDoubleSpinBox)
        ):
            point = obj.parent().locale().decimalPoint()
            if point != ".":
                obj.insert(point)
                return True
        return False


def localize_plot_ticks() -> None:
    """pyqtgraph's tick labels ("0.5") with the window's decimal point ("0,5" in Russian)."""
    import pyqtgraph as pg

    plain = pg.AxisItem.tickStrings
    if getattr(plain, "localized", False):
        return

    def tick_strings(self, values, scale, spacing):
        texts = plain(self, values, scale, spacing)
        return [t.replace(".", _point[0]) for t in texts] if _point[0] != "." else texts

    tick_strings.localized = True  # type: ignore[attr-defined]
    pg.AxisItem.tickStrings = tick_strings
