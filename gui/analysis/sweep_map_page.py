"""ParamMapPage: final loss over lr × (momentum | RMSprop α | β₁) for the selected run's rule from
the race's first start, as one batched run in a worker thread. Clicking a cell loads its values
into that run through the controller."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from core.analysis.sweeps import SECOND_PARAM, ParamMap, log_grid, param_map
from gui.analysis.sweep_common import RunRow, f_star, lr_box, rule_name
from gui.analysis.sweep_map_plot import PARAM_TEXT, ParamMapPlot
from gui.explorer.controller import ExplorerController
from gui.i18n.numbers import Shown, num
from gui.i18n.plurals import plurals
from gui.widgets.worker import TaskWorker


class ParamMapPage(QWidget):
    """Controls, the map and a readout for one Explorer controller."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.worker = TaskWorker(self)
        self.result: ParamMap | None = None
        self.map_key: int | None = None  # the run the map was computed for (clicks edit it)
        self.map_name = ""  # that run's name (rule and estimate) when the map was computed
        self._pending: tuple = (None, None)  # (surface, run key) being computed
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.lr_lo, self.lr_hi = lr_box(1e-4), lr_box(1.0)
        self.cells = QSpinBox()
        self.cells.setRange(2, 400)
        self.cells.setValue(40)
        self.cells.setSuffix(self.tr(" cells a side"))
        self.steps = QSpinBox()
        self.steps.setRange(1, 200_000)
        self.steps.setValue(300)
        self.steps.setSingleStep(100)
        self.steps.setSuffix(self.tr(" steps"))
        self.lr_lo.setToolTip(self.tr("smallest learning rate η of the map (log-spaced columns)"))
        self.lr_hi.setToolTip(self.tr("largest learning rate η of the map"))
        self.cells.setToolTip(self.tr("cells per side of the map: cells² runs in one batch"))
        self.steps.setToolTip(self.tr("updates each run takes before its final loss is read"))
        self.row = RunRow(self.tr("Compute map"), self.worker)
        self.plot = ParamMapPlot()
        self.readout = QLabel(" ")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#4c566a;")
        span = QHBoxLayout()
        for w in (QLabel(self.tr("η from")), self.lr_lo, QLabel(self.tr("to")), self.lr_hi):
            span.addWidget(w)
        span.addStretch(1)
        size = QHBoxLayout()
        for w in (self.cells, self.steps):
            size.addWidget(w)
        size.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.about)
        lay.addLayout(span)
        lay.addLayout(size)
        lay.addWidget(self.row)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.readout)
        lay.addWidget(self.status)
        self.row.run_button.clicked.connect(self.compute)
        self.worker.sigFinished.connect(self._on_finished)
        self.worker.sigCancelled.connect(lambda: self.status.setText(self.tr("Cancelled.")))
        self.worker.sigFailed.connect(
            lambda m: self.status.setText(self.tr("Failed: {m}").format(m=m))
        )
        self.plot.sigCellClicked.connect(self._on_cell_clicked)
        self.plot.sigCellHovered.connect(lambda t: self.readout.setText(t or " "))
        self.controller.sigRacersChanged.connect(self.refresh_from_race)
        self.controller.sigSelectedChanged.connect(self.refresh_from_race)
        self.controller.sigSurfaceChanged.connect(self._on_surface_changed)
        self.refresh_from_race()

    def refresh_from_race(self, *_: object) -> None:
        """Describe what the map will show, and mark the mapped run's current values."""
        racer = self.controller.selected
        param = SECOND_PARAM.get(racer.config.rule) if racer is not None else None
        if racer is None or param is None:
            name = racer.name if racer is not None else self.tr("no run")
            self.about.setText(self.tr("<b>{name}</b> has no second hyperparameter to map: select a Momentum, Nesterov, RMSprop or Adam run.").format(name=name))  # fmt: skip
            self.row.run_button.setEnabled(False)
        else:
            self.about.setText(
                self.tr(
                    "<b style='color:{colour}'>■</b> <b>{name}</b> (the selected run): final loss over η × {v2} from the first start. Click a cell to load its values into the run."
                ).format(
                    colour=racer.colour,
                    name=racer.name,
                    v2=QCoreApplication.translate("ParamMapPlot", PARAM_TEXT[param]),
                )
            )
            self.row.run_button.setEnabled(not self.worker.running)
        mapped = next((r for r in self.controller.racers if r.key == self.map_key), None)
        if self.result is not None and (racer is None or mapped is not racer
                                        or mapped.name != self.map_name):  # fmt: skip
            # The map belongs to one run as it was: another selection, or that run changed
            # (rule, estimate, convention), makes it someone else's map. Say so and clear it.
            now = racer.name if racer is not None else "no run"
            self._clear(f"The map was computed for {self.map_name}; {now} is selected now: "
                        "compute the map again.")  # fmt: skip
            return
        if mapped is not None and self.result is not None:
            value = getattr(mapped.config.hyper, self.result.param)
            self.plot.set_current(mapped.lr, value)

    def compute(self) -> None:
        racer = self.controller.selected
        if racer is None or racer.config.rule not in SECOND_PARAM:
            return
        lo, hi = self.lr_lo.value(), self.lr_hi.value()
        if not lo < hi:
            self.status.setText(self.tr("The first learning rate must be below the last."))
            return
        surface, rule, hyper = self.controller.surface, racer.config.rule, racer.config.hyper
        start = tuple(map(float, self.controller.race.starts[0]))
        n, steps = self.cells.value(), self.steps.value()
        lrs = log_grid(lo, hi, n)
        values = [0.99 * i / (n - 1) for i in range(n)]

        def task(progress, cancel) -> ParamMap:
            return param_map(surface, rule, start, steps, lrs, values, hyper=hyper,
                             progress=progress, cancel=cancel)  # fmt: skip

        self._pending = (surface, racer.key)
        self.status.setText(
            self.tr("Computing {n}×{n} settings × {steps}…").format(n=n, steps=plurals.steps(steps))
        )
        self.worker.start(task)

    def _on_finished(self, result: ParamMap) -> None:
        surface, key = self._pending
        if surface is not self.controller.surface:
            self.status.setText(self.tr("The surface changed while computing: run it again."))
            return
        mapped = next((r for r in self.controller.racers if r.key == key), None)
        if mapped is None or mapped is not self.controller.selected:
            self.status.setText(self.tr("The selected run changed while computing: run it again."))
            return
        self.result, self.map_key, self.map_name = result, key, mapped.name
        fs = f_star(self.controller.race.critical, result.final_loss.ravel())
        self.plot.set_map(result, fs)
        self.status.setText(
            self.tr(
                "{rule}: {settings} × {steps} of full batch, f* = {fs}; red = diverged. Computed in {compute_seconds} s."
            ).format(
                rule=rule_name(result.rule),
                settings=plurals.settings(result.final_loss.size),
                steps=plurals.steps(result.steps),
                fs=num(fs, ".4g"),
                compute_seconds=num(result.compute_seconds, ".2f"),
            )
        )
        self.refresh_from_race()

    def _on_cell_clicked(self, lr: float, value: float) -> None:
        if self.result is None or self.map_key is None:
            return
        if not any(r.key == self.map_key for r in self.controller.racers):
            self.status.setText(self.tr("The run this map was computed for is gone."))
            return
        if self.controller.edit_run(self.map_key, {"lr": lr, self.result.param: value}):
            name = QCoreApplication.translate(
                "ParamMapPlot", PARAM_TEXT.get(self.result.param, self.result.param)
            )
            self.status.setText(
                self.tr("Loaded η = {lr:.3g}, {name} = {value:.3g} into the run.").format(
                    lr=Shown(lr), name=name, value=Shown(value)
                )
            )

    def _on_surface_changed(self, *_: object) -> None:
        self.worker.cancel()
        self._clear("New surface: compute the map again.")
        self.refresh_from_race()  # the runs' names may have changed with it (estimates)

    def _clear(self, message: str) -> None:
        self.result = self.map_key = None
        self.map_name = ""
        self.plot.result = None
        self.plot.image.clear()
        self.plot.set_current(None, None)
        self.status.setText(message)

    def shutdown(self) -> None:
        self.worker.shutdown()
