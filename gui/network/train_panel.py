"""Training controls of the Network tab: play/pause/step, optimizer, live hyperparameters (the
Explorer's own HyperControls and SchedulePanel), gradient estimate and speed."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from core.optim.hyper import Hyper
from core.optim.schedules import READS, Schedule
from core.optim.table import rule_info
from gui.i18n.numbers import num
from gui.widgets.hyper_controls import HyperControls
from gui.widgets.schedule_panel import SchedulePanel
from surfaces.i18n import QT_TRANSLATE_NOOP

BATCHES = (
    (QT_TRANSLATE_NOOP("NetworkTrainPanel", "full batch (GD)"), None),
    (QT_TRANSLATE_NOOP("NetworkTrainPanel", "mini-batch 8"), 8),
    (QT_TRANSLATE_NOOP("NetworkTrainPanel", "mini-batch 16"), 16),
    (QT_TRANSLATE_NOOP("NetworkTrainPanel", "one sample (SGD)"), 1),
)


class NetworkTrainPanel(QtWidgets.QGroupBox):
    """Training controls; each signal names one request and carries its plain value."""

    sigPlayToggled = QtCore.Signal(bool)  # play (True) or pause
    sigStepRequested = QtCore.Signal()
    sigResetRequested = QtCore.Signal()
    sigRuleChosen = QtCore.Signal(str)
    sigConventionChosen = QtCore.Signal(str)
    sigBatchChosen = QtCore.Signal(object)  # examples per update, None for the full batch
    sigSpeedChanged = QtCore.Signal(int)  # updates per frame
    sigHyperEdited = QtCore.Signal(dict)  # the hyperparameters (and "lr") that changed
    sigScheduleEdited = QtCore.Signal(dict)  # the schedule fields that changed

    def __init__(self, rules: tuple[str, ...], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.QCoreApplication.translate("NetworkTrainPanel", "Training"), parent)
        self.play = QtWidgets.QPushButton(self.tr("Play"))
        # Qt's own media icons: the shipped fonts (DejaVu) have no ⏸ glyph, which drew a box.
        self.play.setIcon(self.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MediaPlay))
        self.play.setCheckable(True)
        self.play.setToolTip(self.tr("train continuously (the loss curve and the fit update live)"))
        self.step = QtWidgets.QPushButton(self.tr("Step"))
        self.step.setToolTip(self.tr("one optimizer update"))
        self.reset = QtWidgets.QPushButton(self.tr("Reset"))
        self.reset.setToolTip(self.tr("back to the initial weights, fresh optimizer state"))
        row = QtWidgets.QHBoxLayout()
        for b in (self.play, self.step, self.reset):
            row.addWidget(b)
        self.rule = QtWidgets.QComboBox()
        for r in rules:
            self.rule.addItem(QtCore.QCoreApplication.translate("Rule", rule_info(r).title), r)
        self.rule.setToolTip(self.tr("the update rule that trains the weights"))
        self.convention = QtWidgets.QComboBox()
        self.convention.addItem(self.tr("textbook"), "textbook")
        self.convention.addItem(self.tr("PyTorch"), "pytorch")
        self.convention.setToolTip(
            self.tr("update rules as on the lecture's slides, or as torch.optim computes them")
        )
        self.batch = QtWidgets.QComboBox()
        for label, b in BATCHES:
            self.batch.addItem(self.tr(label), b)
        self.speed = QtWidgets.QSpinBox()
        self.speed.setRange(1, 200)
        self.speed.setValue(5)
        self.speed.setSuffix(self.tr(" updates / frame"))
        self.batch.setToolTip(
            self.tr(
                "the gradient of each update: from every example (full batch), a mini-batch, or one"
            )
        )
        self.speed.setToolTip(self.tr("optimizer updates per animation frame while playing"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("optimizer"), self.rule)
        form.addRow(self.tr("convention"), self.convention)
        form.addRow(self.tr("gradient from"), self.batch)
        form.addRow(self.tr("speed"), self.speed)
        self.hyper = HyperControls()
        self.schedule = SchedulePanel()
        self.schedule.plot.setFixedHeight(80)
        self.status = QtWidgets.QLabel("")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(row)
        lay.addLayout(form)
        lay.addWidget(self.hyper)
        lay.addWidget(self.schedule)
        lay.addWidget(self.status)
        self.play.toggled.connect(self.sigPlayToggled)
        self.step.clicked.connect(self.sigStepRequested)
        self.reset.clicked.connect(self.sigResetRequested)
        self.rule.activated.connect(lambda _: self.sigRuleChosen.emit(self.rule.currentData()))
        self.convention.activated.connect(
            lambda _: self.sigConventionChosen.emit(self.convention.currentData())
        )
        self.batch.activated.connect(lambda _: self.sigBatchChosen.emit(self.batch.currentData()))
        self.speed.valueChanged.connect(lambda v: self.sigSpeedChanged.emit(int(v)))
        self.hyper.sigEdited.connect(self.sigHyperEdited)
        self.schedule.sigEdited.connect(self.sigScheduleEdited)

    def show_state(self, rule: str, hyper: Hyper, schedule: Schedule, lr: float, t: int,
                   running: bool, loss: float) -> None:  # fmt: skip
        """Display the model's values without emitting."""
        for w, v in ((self.rule, self.rule.findData(rule)),
                     (self.convention, self.convention.findData(hyper.convention))):  # fmt: skip
            w.blockSignals(True)
            w.setCurrentIndex(max(0, v))
            w.blockSignals(False)
        self.hyper.show_values(rule, hyper, lr, "lr" in READS[schedule.mode])
        self.schedule.show_schedule(schedule, t, "#3b4252")
        self.play.blockSignals(True)
        self.play.setChecked(running)
        self.play.setText(self.tr("Pause") if running else self.tr("Play"))
        icon = "SP_MediaPause" if running else "SP_MediaPlay"
        self.play.setIcon(self.style().standardIcon(getattr(QtWidgets.QStyle.StandardPixmap, icon)))
        self.play.blockSignals(False)
        self.status.setText(
            self.tr("update {t}   ·   loss {loss}   ·   η = {lr}").format(
                t=t, loss=num(loss, ".5g"), lr=num(schedule.at(t), ".4g")
            )
        )
