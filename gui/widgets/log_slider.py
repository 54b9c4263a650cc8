"""LogSlider: a learning-rate slider on a log scale with an exact value box beside it."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSlider, QWidget

from gui.i18n.numbers import num, parse_number

_TICKS = 1000
# Typed rates above this are refused: no surface here needs them, and rates near the float maximum
# overflow the side plots' auto-range.
MAX_TYPED = 1e6
_INVALID = "QLineEdit { border: 1px solid #e05050; }"


class LogSlider(QWidget):
    """Emits sigValueChanged(float) while dragging and when an exact value is typed."""

    sigValueChanged = Signal(float)

    def __init__(self, lo: float = 1e-5, hi: float = 10.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lo, self.hi = lo, hi
        self._value = lo
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, _TICKS)
        self.box = QLineEdit()
        self.box.setFixedWidth(74)
        self.box.setAlignment(Qt.AlignmentFlag.AlignRight)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.box)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.box.editingFinished.connect(self._on_box_edited)

    def value(self) -> float:
        return self._value

    def set_value(self, v: float) -> None:
        """Show v without emitting (the model already has it)."""
        self._value = float(v)
        self.slider.blockSignals(True)
        self.slider.setValue(self._tick(v))
        self.slider.blockSignals(False)
        self.box.setText(num(v, ".4g"))

    def _tick(self, v: float) -> int:
        if v <= self.lo:
            return 0
        frac = math.log10(v / self.lo) / math.log10(self.hi / self.lo)
        return round(min(1.0, frac) * _TICKS)

    def value_at(self, tick: int) -> float:
        """The rate the slider gives at a tick (rounded to 3 significant digits)."""
        raw = self.lo * (self.hi / self.lo) ** (tick / _TICKS)
        return float(f"{raw:.3g}")

    def _on_slider_moved(self, tick: int) -> None:
        v = self.value_at(tick)
        self._value = v
        self.box.setText(num(v, ".4g"))
        self.sigValueChanged.emit(v)

    def _on_box_edited(self) -> None:
        try:
            v = parse_number(self.box.text())
        except ValueError:
            v = float("nan")
        if not math.isfinite(v) or not 0 <= v <= MAX_TYPED:
            self.box.setText(num(self._value, ".4g"))  # reject: show the value still in use
            self.box.setToolTip(
                self.tr("the learning rate must be a number from 0 to {MAX_TYPED:g}").format(
                    MAX_TYPED=MAX_TYPED
                )
            )
            self.box.setStyleSheet(_INVALID)
            return
        self.box.setStyleSheet("")
        self.box.setToolTip("")
        if v == self._value:
            return
        self._value = v
        self.slider.blockSignals(True)
        self.slider.setValue(self._tick(v))
        self.slider.blockSignals(False)
        self.sigValueChanged.emit(v)
