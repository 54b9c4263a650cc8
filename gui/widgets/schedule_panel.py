"""SchedulePanel: the selected run's learning-rate schedule (mode and its parameters) with a small
lr(t) plot and a marker at the current step."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from core.optim.schedules import CYCLIC, MODES, READS, Schedule
from surfaces.i18n import QT_TRANSLATE_NOOP

_MODE_TIPS = {
    "constant": QT_TRANSLATE_NOOP("SchedulePanel", "η at every step"),
    "triangular": QT_TRANSLATE_NOOP(
        "SchedulePanel", "Smith's cyclic lr: up and down between base-lr and max-lr, half-period s"
    ),
    "triangular2": QT_TRANSLATE_NOOP("SchedulePanel", "cyclic, the amplitude halves every cycle"),
    "exp_range": QT_TRANSLATE_NOOP("SchedulePanel", "cyclic, the amplitude decays as γᵗ"),
    "cosine_restarts": QT_TRANSLATE_NOOP(
        "SchedulePanel", "SGDR: cosine from η down to η_min over T₀ steps, then restart (×T_mult)"
    ),
    "step": QT_TRANSLATE_NOOP("SchedulePanel", "η·γ^⌊t/s⌋: drop by γ every s steps"),
    "exponential": "η·γᵗ",
}
_MODE_NAMES = {  # the list's names of the modes of core/optim/schedules.py
    "constant": QT_TRANSLATE_NOOP("SchedulePanel", "constant"),
    "triangular": QT_TRANSLATE_NOOP("SchedulePanel", "triangular"),
    "triangular2": QT_TRANSLATE_NOOP("SchedulePanel", "triangular2"),
    "exp_range": QT_TRANSLATE_NOOP("SchedulePanel", "exp range"),
    "cosine_restarts": QT_TRANSLATE_NOOP("SchedulePanel", "cosine restarts"),
    "step": QT_TRANSLATE_NOOP("SchedulePanel", "step"),
    "exponential": QT_TRANSLATE_NOOP("SchedulePanel", "exponential"),
}
_FIELD_TIPS = {
    "base_lr": QT_TRANSLATE_NOOP("SchedulePanel", "lowest lr of each cycle (base-lr)"),
    "max_lr": QT_TRANSLATE_NOOP("SchedulePanel", "highest lr of each cycle, its peak (max-lr)"),
    "eta_min": QT_TRANSLATE_NOOP("SchedulePanel", "lr at the end of each cosine cycle"),
    "gamma": QT_TRANSLATE_NOOP(
        "SchedulePanel",
        "decay factor γ in (0, 1]: per drop (step), per step (exponential),\n"
        "per step of the cycle's amplitude (exp range)",
    ),
    "step_size": QT_TRANSLATE_NOOP(
        "SchedulePanel", "s: half a cycle, in steps (cyclic modes), or steps between drops (step)"
    ),
    "t0": QT_TRANSLATE_NOOP("SchedulePanel", "length of the first cosine cycle, in steps"),
    "t_mult": QT_TRANSLATE_NOOP(
        "SchedulePanel", "each cosine cycle is T_mult times longer than the one before"
    ),
}
PREVIEW_SAMPLES = 1500  # points of the lr(t) curve: fewer than the plot's pixels are not needed


def fields_shown(mode: str) -> tuple[str, ...]:
    """The panel's fields for a mode: what the schedule reads (core READS) except η, which is the
    run's learning-rate slider."""
    return tuple(f for f in READS[mode] if f != "lr")


def preview_window(schedule: Schedule, t: int) -> tuple[int, int]:
    """The steps the lr(t) preview shows around step t: about three cycles (cyclic, cosine with
    restarts, step decay), so each cycle stays readable however long the run, with t in the first
    third; the whole run for the monotone modes. The window moves in sixths of its width, so the
    curve is rebuilt only now and then."""
    if schedule.mode in CYCLIC or schedule.mode == "step":
        width = 6 * schedule.step_size
    elif schedule.mode == "cosine_restarts":
        _, period = schedule.sgdr_position(np.array([t]))
        width = int(3 * max(schedule.t0, float(period[0])))
    else:
        return 0, 1 << (int(max(200, 1.5 * t)) - 1).bit_length()
    width = max(width, 30)
    hop = max(1, width // 6)
    start = max(0, (t - width // 3) // hop * hop)
    return start, start + width


class SchedulePanel(QWidget):
    """Emits sigEdited({field: value}) with Schedule field names."""

    sigEdited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        for i, m in enumerate(MODES):
            self.mode.addItem(self.tr(_MODE_NAMES.get(m, m.replace("_", " "))), m)
            self.mode.setItemData(i, self.tr(_MODE_TIPS[m]), 3)  # 3 = ToolTipRole
        self.mode.setToolTip(self.tr("learning-rate schedule lr(t)"))
        form = QFormLayout()
        form.addRow(self.tr("schedule"), self.mode)
        self.widgets: dict[str, QWidget] = {}
        for name, label in (
            ("base_lr", self.tr("base lr")),
            ("max_lr", self.tr("max lr")),
            ("eta_min", "η min"),
        ):
            sb = QDoubleSpinBox()
            sb.setDecimals(5)
            sb.setRange(0.0, 100.0)
            sb.setSingleStep(0.001)
            self.widgets[name] = sb
            form.addRow(label, sb)
        g = QDoubleSpinBox()
        g.setDecimals(4)
        g.setRange(0.0001, 1.0)
        g.setSingleStep(0.001)
        self.widgets["gamma"] = g
        form.addRow("γ", g)
        for name, label, hi in (("step_size", self.tr("step size s"), 10**6), ("t0", "T₀", 10**6),
                                ("t_mult", "T_mult", 100)):  # fmt: skip
            ib = QSpinBox()
            ib.setRange(1, hi)
            self.widgets[name] = ib
            form.addRow(label, ib)
        for name, w in self.widgets.items():
            w.setToolTip(self.tr(_FIELD_TIPS[name]))
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v, n=name: self.sigEdited.emit({n: v}))
        self.form = form
        self.plot = pg.PlotWidget(background="w", enableMenu=False)  # no context menu to build
        self.plot.setFixedHeight(110)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        for ax in ("left", "bottom"):
            self.plot.getPlotItem().getAxis(ax).enableAutoSIPrefix(False)
        self.plot.getPlotItem().setLabel("bottom", self.tr("step t"))
        self.plot.getPlotItem().setLabel("left", self.tr("lr"))
        self.curve = self.plot.plot(pen=pg.mkPen("#3b4252", width=1.5))
        self.marker = pg.InfiniteLine(angle=90, pen=pg.mkPen("#d6336c", width=1.5))
        self.plot.addItem(self.marker)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.plot)
        self.mode.activated.connect(
            lambda _: self.sigEdited.emit({"mode": self.mode.currentData()})
        )
        self._shown: tuple[Schedule, tuple[int, int], str] | None = None

    def show_schedule(self, schedule: Schedule, t: int, colour: str, force: bool = False) -> None:
        """Display a schedule (no signals) and mark step t on its lr(t) curve. force: also
        when unchanged (after a rejected edit, to show the values still in use)."""
        window = preview_window(schedule, t)
        if force or self._shown != (schedule, window, colour):
            self._shown = (schedule, window, colour)
            self.mode.blockSignals(True)
            self.mode.setCurrentIndex(max(0, self.mode.findData(schedule.mode)))
            self.mode.blockSignals(False)
            for name, w in self.widgets.items():
                w.blockSignals(True)
                v = schedule.gamma_value if name == "gamma" else getattr(schedule, name)
                w.setValue(v)
                w.blockSignals(False)
                self.form.setRowVisible(w, name in fields_shown(schedule.mode))
            t0, t1 = window
            ts = np.unique(np.linspace(t0, t1, PREVIEW_SAMPLES).astype(np.int64))
            self.curve.setData(ts, schedule(ts))
            self.curve.setPen(pg.mkPen(colour if colour != "#ffffff" else "#3b4252", width=1.8))
            self.plot.setXRange(t0, t1, padding=0.02)
            self.plot.setYRange(0, max(schedule.peak(), 1e-12) * 1.1, padding=0)
        self.marker.setValue(t)
