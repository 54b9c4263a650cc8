"""FormulaBox: type f(x, y) and a domain; checked as you type, applied when valid.

The text is parsed by surfaces.formula (never eval'ed). An error shows under the box with a caret
under the offending column and the field turns red; the surface on screen stays the last valid one.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.i18n.numbers import num, parse_number
from gui.widgets.number_box import NumberBox
from surfaces.base import SurfaceError
from surfaces.formula import EXAMPLE, FormulaError, FormulaSurface
from surfaces.formula.parse import ALLOWED_TEMPLATE, FUNCTIONS
from surfaces.i18n import QT_TRANSLATE_NOOP

DEBOUNCE_MS = 300
DEFAULT_DOMAIN = ("-3", "3", "-3", "3")
BAD_STYLE = "QLineEdit { background: #fbe3e4; color: #2e3440; border: 1px solid #bf616a; }"
TIP = QT_TRANSLATE_NOOP(
    "FormulaBox",
    "Type a loss surface f(x, y), e.g. x**2 - y**2 + 0.3*sin(3*x).\n"
    "It is checked as you type and shown as soon as it is valid (or press Enter).\n"
    "{allowed}.\n^ also means power; runs keep their start points.",
)
BOUNDS = (QT_TRANSLATE_NOOP("FormulaBox", "x min"), QT_TRANSLATE_NOOP("FormulaBox", "x max"),
          QT_TRANSLATE_NOOP("FormulaBox", "y min"), QT_TRANSLATE_NOOP("FormulaBox", "y max"))  # fmt: skip


def _float_or_none(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


class FormulaBox(QWidget):
    """Emits sigSurfaceTyped(FormulaSurface) when a valid formula (and domain) differs from the
    last one applied; errors are shown inline and nothing is emitted."""

    sigSurfaceTyped = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            self.tr("f(x, y), e.g. {example}").format(example=EXAMPLE)
        )  # fits a 1280-px window
        self.edit.setMinimumWidth(120)
        allowed = QCoreApplication.translate("Formula", ALLOWED_TEMPLATE).format(
            functions=", ".join(FUNCTIONS)
        )
        self.edit.setToolTip(self.tr(TIP).format(allowed=allowed[:1].upper() + allowed[1:]))
        self.edit.setClearButtonEnabled(True)
        self.domain = [NumberBox(t, self.tr("{what} of the domain").format(what=self.tr(what)),
                                 self.tr("a finite number; min < max"))
                       for t, what in zip(DEFAULT_DOMAIN, BOUNDS, strict=True)]  # fmt: skip
        # The formula and a caret under the faulty column: monospace and never wrapped, so the caret
        # stays under its character whatever the message below does.
        self.where = QLabel()
        self.where.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(False)
        self.where.setStyleSheet("color:#bf616a;")
        self.where.hide()
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color:#bf616a;")
        self.error.setWordWrap(True)
        self.error.hide()
        # x and y on a row each: boxes sized to their numbers always fit the panel's width
        domain_row = QGridLayout()
        domain_row.setHorizontalSpacing(3)
        domain_row.setVerticalSpacing(2)
        for k, box in enumerate(self.domain):
            row = k // 2
            if k % 2 == 0:
                domain_row.addWidget(QLabel(self.tr("domain  x") if k == 0 else "y"), row, 0,
                                     Qt.AlignmentFlag.AlignRight)  # fmt: skip
                domain_row.addWidget(QLabel("…"), row, 2)
            domain_row.addWidget(box, row, 1 + 2 * (k % 2))
        domain_row.setColumnStretch(4, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addWidget(self.edit)
        lay.addWidget(self.where)
        lay.addWidget(self.error)
        lay.addLayout(domain_row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.returnPressed.connect(self.apply)
        for box in self.domain:
            box.textEdited.connect(self._on_text_edited)
            box.returnPressed.connect(self.apply)
        self._applied: tuple[str, tuple[float, ...]] | None = None
        self.error_message = ""  # the inline error as plain text ("" when valid)

    # --- public -------------------------------------------------------------------------------
    def show_surface(self, surface: object) -> None:
        """Reflect the surface in use: a formula's text and domain; for other surfaces the domain
        (so the boxes never contradict the axes, and a formula typed next keeps the view) and an
        empty formula box."""
        domain = getattr(surface, "domain", None)
        if domain is not None and len(domain) == 4:
            for box, v in zip(self.domain, domain, strict=True):
                # Only when different: setText moves the cursor, and this runs as you type.
                if _float_or_none(box.text()) != v:
                    box.setText(num(v))  # the window's decimal point, as the rate box
                    self._mark(box, False)
        if isinstance(surface, FormulaSurface):
            if self.edit.text().strip() != surface.expr.strip():
                self.edit.setText(surface.expr)
            self._applied = (surface.expr.strip(), tuple(surface.domain))
            self._show_error(None)
            return
        self._applied = None
        base = getattr(surface, "base", None)  # a drawing keeps showing the formula it is drawn on
        if not (isinstance(base, FormulaSurface) and self.edit.text().strip() == base.expr.strip()):
            # A preset, a new scene, a network slice: the box must not show a formula that is
            # not on screen (nor its error); typing pending for the old one is dropped.
            self.timer.stop()
            self.edit.clear()
            self._show_error(None)

    def apply(self) -> bool:
        """Check now and emit if valid and new; returns whether the text is valid."""
        self.timer.stop()
        surface = self._check()
        if surface is None:
            return False
        key = (surface.expr.strip(), tuple(surface.domain))
        if key != self._applied:
            self._applied = key
            self.sigSurfaceTyped.emit(surface)
        return True

    # --- internals ----------------------------------------------------------------------------
    def _on_text_edited(self, _text: str) -> None:
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        self.apply()

    def _check(self) -> FormulaSurface | None:
        text = self.edit.text()
        if not text.strip():
            self._show_error(None)
            return None
        try:
            domain = self._domain()
            surface = FormulaSurface(text, domain)
        except FormulaError as e:
            self._show_error(e, text)
            return None
        except SurfaceError as e:
            self._show_error(e)
            return None
        self._show_error(None)
        return surface

    def _domain(self) -> tuple[float, float, float, float]:
        vals = []
        for box, what in zip(self.domain, BOUNDS, strict=True):
            v = _float_or_none(box.text())
            if v is None or not math.isfinite(v):
                self._mark(box, True)
                raise SurfaceError(
                    self.tr("{what} must be a finite number, got '{text}'").format(
                        what=self.tr(what), text=box.text()
                    )
                )
            self._mark(box, False)
            vals.append(v)
        for a, b, axis in ((0, 1, "x"), (2, 3, "y")):
            if not vals[a] < vals[b]:
                self._mark(self.domain[b], True)
                raise SurfaceError(self.tr("{axis} range: min must be below max").format(axis=axis))
        return vals[0], vals[1], vals[2], vals[3]

    def _mark(self, box: QLineEdit, bad: bool) -> None:
        box.setStyleSheet(BAD_STYLE if bad else "")

    def _show_error(self, err: Exception | None, text: str = "") -> None:
        """The message, with the formula and a caret under the column when it has one."""
        if err is None:
            self.edit.setStyleSheet("")
            for box in self.domain:
                self._mark(box, False)
            self.error_message = ""
            for label in (self.where, self.error):
                label.clear()
                label.hide()
            return
        col = getattr(err, "column", None)
        # The full list of what is allowed is in the tooltip: keep the inline message short.
        plain = str(err).split("; allowed:")[0]
        self.error_message = plain
        self.where.hide()
        if isinstance(err, FormulaError):
            self.edit.setStyleSheet(BAD_STYLE)
            if col is not None and text:
                line, caret = caret_lines(text, col, self._columns_shown())
                self.where.setText(f"{line}\n{caret}")
                self.where.setToolTip(text)
                self.where.show()
        self.error.setText(plain)
        self.error.show()

    def _columns_shown(self) -> int:
        """How many monospace characters fit the box's width (the formula line is cut to it)."""
        width = self.width() if self.width() > 50 else self.sizeHint().width()
        advance = QFontMetrics(self.where.font()).horizontalAdvance("m") or 8
        return max(12, (width - 6) // advance)


def caret_lines(text: str, column: int, width: int) -> tuple[str, str]:
    """The formula (a window of it around `column` when longer than `width` characters, cut ends
    shown as …) and the line with ^ under the 1-based column."""
    text = text.replace("\t", " ")
    i = max(0, min(column - 1, len(text)))
    if len(text) <= width:
        return text, " " * i + "^"
    start = max(0, min(i - width // 2, len(text) - width))
    end = start + width
    line = text[start:end]
    if start > 0:
        line = "…" + line[1:]
    if end < len(text):
        line = line[:-1] + "…"
    return line, " " * (i - start) + "^"
