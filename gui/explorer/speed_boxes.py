"""SpeedBoxes: the two spin boxes of the race's speed (updates per tick, ticks per second) that the
window puts in its toolbar; edits go out as one signal, the model's speed comes back in."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSpinBox


class SpeedBoxes(QObject):
    """``widgets`` = (updates per tick, ticks per second); emits sigSpeedEdited(steps, ticks)."""

    sigSpeedEdited = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.steps_per_tick = QSpinBox()
        self.steps_per_tick.setRange(1, 1000)
        self.steps_per_tick.setToolTip(
            self.tr("Updates each run takes per animation tick (speed × n)")
        )
        self.steps_per_tick.setPrefix("× ")
        self.ticks_per_second = QSpinBox()
        self.ticks_per_second.setRange(1, 240)
        self.ticks_per_second.setValue(60)
        self.ticks_per_second.setSuffix(self.tr(" ticks/s"))
        self.ticks_per_second.setToolTip(self.tr("Animation ticks per second while playing"))
        self.widgets = (self.steps_per_tick, self.ticks_per_second)
        for box in self.widgets:
            box.valueChanged.connect(self._on_box_value_changed)

    def show_speed(self, steps_per_tick: int, ticks_per_second: int) -> None:
        """Display the model's speed without emitting."""
        for box, v in zip(self.widgets, (steps_per_tick, ticks_per_second), strict=True):
            box.blockSignals(True)
            box.setValue(v)
            box.blockSignals(False)

    def _on_box_value_changed(self, _value: int) -> None:
        self.sigSpeedEdited.emit(self.steps_per_tick.value(), self.ticks_per_second.value())
