"""What both sweep pages read from the race: the start, a loss reference f*, rule names and colours,
and the small controls they share (a log-scale lr range and the run/cancel/progress row)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QProgressBar, QPushButton, QWidget

from core.optim.table import rule_info
from core.race.colours import RUN_COLOURS
from gui.widgets.worker import TaskWorker

SWEEP_RULES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


def rule_name(rule: str) -> str:
    """Short display name: GD for full-batch SGD (the sweeps use full-batch gradients)."""
    return "GD" if rule == "sgd" else rule_info(rule).title


def rule_colours(racers, rules) -> dict[str, str]:
    """A run's colour for a rule it runs (the first such run); unused theme colours otherwise."""
    out: dict[str, str] = {}
    for r in racers:
        out.setdefault(r.config.rule, r.colour)
    spare = [c for c in RUN_COLOURS if c not in out.values()] or list(RUN_COLOURS)
    for i, r in enumerate(r for r in rules if r not in out):
        out[r] = spare[i % len(spare)]
    return out


def f_star(critical, losses: np.ndarray) -> float:
    """The reference the plots subtract: the lowest known minimum, else the lowest final loss
    when it is negative, else 0 (a log axis needs f − f* > 0)."""
    mins = [c.value for c in critical if c.kind == "minimum" and np.isfinite(c.value)]
    fin = losses[np.isfinite(losses)]
    if mins:
        return float(min(min(mins), fin.min())) if fin.size else float(min(mins))
    return float(min(0.0, fin.min())) if fin.size else 0.0


def lr_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(6)
    box.setRange(1e-6, 100.0)
    box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    box.setValue(value)
    return box


class RunRow(QWidget):
    """Run and Cancel buttons with a progress bar, driven by a TaskWorker."""

    def __init__(self, text: str, worker: TaskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_button = QPushButton(text)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.run_button.setToolTip(
            self.tr("Start the computation in the background (the race stays usable)")
        )
        self.cancel_button.setToolTip(self.tr("Stop the computation; nothing is kept"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.run_button)
        lay.addWidget(self.cancel_button)
        lay.addWidget(self.progress, 1)
        self.cancel_button.clicked.connect(worker.cancel)
        worker.sigStarted.connect(lambda: self.set_busy(True))
        worker.sigProgress.connect(lambda f: self.progress.setValue(round(1000 * f)))
        for sig in (worker.sigFinished, worker.sigCancelled, worker.sigFailed):
            sig.connect(lambda *_: self.set_busy(False))

    def set_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setValue(0)
