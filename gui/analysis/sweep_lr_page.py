"""LrSweepPage: final loss and steps-to-converge against the learning rate from the race's first
start point, one curve per chosen rule (the rule's run colour and hyperparameters when the race has
one), computed as one batched run per rule in a worker thread."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.analysis.sweeps import LrSweep, log_grid, lr_sweep
from core.optim.table import default_hyper
from gui.analysis.sweep_common import SWEEP_RULES, RunRow, f_star, lr_box, rule_colours, rule_name
from gui.analysis.sweep_lr_plot import LrSweepPlot
from gui.explorer.controller import ExplorerController
from gui.i18n.numbers import num
from gui.i18n.plurals import plurals
from gui.widgets.worker import TaskWorker


class LrSweepPage(QWidget):
    """Controls, the two plots and a status line for one Explorer controller."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.worker = TaskWorker(self)
        self.result: LrSweep | None = None
        self._surface = None  # the surface being swept
        self.rule_boxes = {r: QCheckBox(rule_name(r)) for r in SWEEP_RULES}
        self.lr_lo, self.lr_hi = lr_box(1e-4), lr_box(1.0)
        self.points = QSpinBox()
        self.points.setRange(2, 1000)
        self.points.setValue(60)
        self.points.setSuffix(self.tr(" rates"))
        self.steps = QSpinBox()
        self.steps.setRange(1, 200_000)
        self.steps.setValue(500)
        self.steps.setSingleStep(100)
        self.steps.setSuffix(self.tr(" steps"))
        for r, box in self.rule_boxes.items():
            box.setToolTip(self.tr("Include {v0} in the sweep").format(v0=rule_name(r)))
        self.lr_lo.setToolTip(
            self.tr("smallest learning rate η swept (rates are spaced evenly in log η)")
        )
        self.lr_hi.setToolTip(self.tr("largest learning rate η swept"))
        self.points.setToolTip(self.tr("how many learning rates between the two ends"))
        self.steps.setToolTip(self.tr("updates each run takes before its final loss is read"))
        self.row = RunRow(self.tr("Run sweep"), self.worker)
        self.plot = LrSweepPlot()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#4c566a;")
        self._layout()
        self.row.run_button.clicked.connect(self.compute)
        self.worker.sigFinished.connect(self._on_finished)
        self.worker.sigCancelled.connect(lambda: self.status.setText(self.tr("Cancelled.")))
        self.worker.sigFailed.connect(
            lambda m: self.status.setText(self.tr("Failed: {m}").format(m=m))
        )
        self.controller.sigRacersChanged.connect(self.refresh_from_race)
        self.controller.sigSelectedChanged.connect(self.refresh_from_race)
        self.controller.sigSurfaceChanged.connect(self._on_surface_changed)
        self.refresh_from_race()
        in_race = {r.config.rule for r in self.controller.racers}
        for r, box in self.rule_boxes.items():
            box.setChecked(r in in_race or not in_race)

    def _layout(self) -> None:
        rules = QGridLayout()
        for i, box in enumerate(self.rule_boxes.values()):
            rules.addWidget(box, i // 3, i % 3)
        span = QHBoxLayout()
        for w in (QLabel(self.tr("η from")), self.lr_lo, QLabel(self.tr("to")), self.lr_hi):
            span.addWidget(w)
        span.addStretch(1)
        size = QHBoxLayout()
        for w in (self.points, self.steps):
            size.addWidget(w)
        size.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(rules)
        lay.addLayout(span)
        lay.addLayout(size)
        lay.addWidget(self.row)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.status)

    def chosen_rules(self) -> list[str]:
        return [r for r, box in self.rule_boxes.items() if box.isChecked()]

    def compute(self) -> None:
        rules = self.chosen_rules()
        lo, hi = self.lr_lo.value(), self.lr_hi.value()
        if not rules:
            self.status.setText(self.tr("Tick at least one rule."))
            return
        if not lo < hi:
            self.status.setText(self.tr("The first learning rate must be below the last."))
            return
        surface = self.controller.surface
        start = tuple(map(float, self.controller.race.starts[0]))
        lrs = log_grid(lo, hi, self.points.value())
        steps = self.steps.value()
        hypers = {}
        for r in self.controller.racers:
            hypers.setdefault(r.config.rule, r.config.hyper)
        for r in rules:
            hypers.setdefault(r, default_hyper(r))

        def task(progress, cancel) -> LrSweep:
            return lr_sweep(surface, rules, start, steps, lrs, hypers=hypers, progress=progress,
                            cancel=cancel)  # fmt: skip

        self._surface = surface
        self.status.setText(
            self.tr("Sweeping {v0} rates × {v1} rules from {start}…").format(
                v0=len(lrs), v1=len(rules), start=start
            )
        )
        self.worker.start(task)

    def _on_finished(self, result: LrSweep) -> None:
        if self._surface is not self.controller.surface:
            self.status.setText(self.tr("The surface changed while sweeping: run it again."))
            return
        self.result = result
        losses = np.concatenate([c.final_loss for c in result.curves])
        fs = f_star(self.controller.race.critical, losses)
        rules = [c.rule for c in result.curves]
        self.plot.set_sweep(result, rule_colours(self.controller.racers, rules),
                            {r: rule_name(r) for r in rules}, fs)  # fmt: skip
        x, y = result.start
        self.status.setText(
            self.tr(
                "From ({x}, {y}), {steps} of full batch per rate, f* = {fs}; × = diverged. Computed in {compute_seconds} s."
            ).format(
                x=num(x, ".3g"),
                y=num(y, ".3g"),
                steps=plurals.steps(result.steps),
                fs=num(fs, ".4g"),
                compute_seconds=num(result.compute_seconds, ".2f"),
            )
        )
        self.refresh_from_race()

    def refresh_from_race(self, *_: object) -> None:
        """Mark the selected run's learning rate."""
        racer = self.controller.selected
        self.plot.set_current_lr(racer.lr if racer is not None else None)

    def _on_surface_changed(self, *_: object) -> None:
        self.worker.cancel()
        self.plot.clear_sweep()
        self.result = None
        self.status.setText(self.tr("New surface: run the sweep again."))

    def shutdown(self) -> None:
        self.worker.shutdown()
