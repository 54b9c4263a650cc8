"""RunPanel: the list of runs (colour, name, enabled) with add/remove/duplicate, and the editor of
the selected run: rule, convention, gradient estimate and live hyperparameters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.optim.schedules import READS
from core.optim.table import RULES, rule_info
from core.race.racer import Racer
from gui.explorer.start_styles import starts_suffix
from gui.widgets.hyper_controls import HyperControls
from surfaces.i18n import QT_TRANSLATE_NOOP

# (combo label, rule key) of every rule, in the order of the rules table
RULE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    [(info.title, key) for key, info in RULES.items()]
)
_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 1  # the colour a list item's swatch shows
ESTIMATES = ((QT_TRANSLATE_NOOP("RunPanel", "full batch (GD)"), "full"),
             (QT_TRANSLATE_NOOP("RunPanel", "one sample (SGD)"), "sample"),
             (QT_TRANSLATE_NOOP("RunPanel", "mini-batch m"), "minibatch"),
             (QT_TRANSLATE_NOOP("RunPanel", "gradient noise σ"), "noise"))  # fmt: skip


def swatch(colour: str, size: int = 14) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    return QIcon(pm)


def rule_tooltip(key: str) -> str:
    info = rule_info(key)
    return QCoreApplication.translate(
        "RunPanel", "{title}\ntextbook: {textbook}\nPyTorch: {pytorch}"
    ).format(
        title=tr_rule(info.title), textbook=tr_rule(info.textbook), pytorch=tr_rule(info.pytorch)
    )


def tr_rule(text: str) -> str:
    """A rule's title or formula in the window's language (marked in core/optim)."""
    return QCoreApplication.translate("Rule", text)


class RunPanel(QWidget):
    """Run list + editor. Signals carry the run key and plain values."""

    sigSelected = Signal(int)
    sigAddRequested = Signal()
    sigRemoveRequested = Signal(int)
    sigDuplicateRequested = Signal(int)
    sigEnabledChanged = Signal(int, bool)
    sigEdited = Signal(int, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(112)
        self.list.setToolTip(
            self.tr("Runs: tick to race, untick to sit out; select one to edit it")
        )
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.dup_button = QPushButton(self.tr("Duplicate"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for b, tip in ((self.add_button, self.tr("Add a run (Ctrl+N)")),
                       (self.dup_button, self.tr("Duplicate the selected run (Ctrl+D)")),
                       (self.remove_button, self.tr("Remove the selected run (Del)"))):  # fmt: skip
            b.setToolTip(tip)
            buttons.addWidget(b)
        self.rule = QComboBox()
        for i, (label, key) in enumerate(RULE_CHOICES):
            self.rule.addItem(tr_rule(label), key)
            self.rule.setItemData(i, rule_tooltip(key), Qt.ItemDataRole.ToolTipRole)
        self.convention = QComboBox()
        self.convention.addItem(self.tr("textbook (lecture)"), "textbook")
        self.convention.addItem(self.tr("PyTorch (torch.optim)"), "pytorch")
        self.convention.setToolTip(
            self.tr("Which form of the update rule: the lecture's or torch.optim's")
        )
        self.estimate = QComboBox()
        for label, kind in ESTIMATES:
            self.estimate.addItem(self.tr(label), kind)
        self.estimate.setToolTip(self.tr("How the gradient is estimated (one sample and mini-batch need a "
                                 "data-defined surface; noise works everywhere)"))  # fmt: skip
        self.batch = QSpinBox()
        self.batch.setRange(1, 100000)
        self.batch.setToolTip(self.tr("mini-batch size m"))
        self.sigma = QDoubleSpinBox()
        self.sigma.setRange(0.0, 1000.0)
        self.sigma.setDecimals(3)
        self.sigma.setSingleStep(0.1)
        self.sigma.setToolTip(self.tr("standard deviation σ of the Gaussian noise added to ∇f"))
        for sb in (self.batch, self.sigma):
            sb.setKeyboardTracking(False)
        self.hyper = HyperControls()
        self.colour = QPushButton()
        self.colour.setToolTip(
            self.tr("The run's colour everywhere: trail, head, legend and plots")
        )
        self.colour.clicked.connect(self._on_colour_clicked)
        form = QFormLayout()
        form.addRow(self.tr("colour"), self.colour)
        form.addRow(self.tr("rule"), self.rule)
        form.addRow(self.tr("convention"), self.convention)
        form.addRow(self.tr("gradient"), self.estimate)
        form.addRow(self.tr("batch m"), self.batch)
        form.addRow(self.tr("noise σ"), self.sigma)
        self.form = form
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        lay.addLayout(form)
        lay.addWidget(self.hyper)
        self._key: int | None = None
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.add_button.clicked.connect(self.sigAddRequested)
        self.dup_button.clicked.connect(lambda: self._emit_key(self.sigDuplicateRequested))
        self.remove_button.clicked.connect(lambda: self._emit_key(self.sigRemoveRequested))
        self.rule.activated.connect(lambda _: self._edit(rule=self.rule.currentData()))
        self.convention.activated.connect(
            lambda _: self._edit(convention=self.convention.currentData())
        )
        self.estimate.activated.connect(self._on_estimate_chosen)
        self.batch.valueChanged.connect(lambda _: self._on_estimate_chosen())
        self.sigma.valueChanged.connect(lambda _: self._on_estimate_chosen())
        self.hyper.sigEdited.connect(lambda d: self._edit(**d))

    @property
    def current_key(self) -> int | None:
        return self._key

    def _emit_key(self, signal) -> None:
        if self._key is not None:
            signal.emit(self._key)

    def _edit(self, **changes: object) -> None:
        if self._key is not None:
            self.sigEdited.emit(self._key, changes)

    def _on_colour_clicked(self) -> None:
        current = QColor(self.colour.text() or "#ffffff")
        chosen = QColorDialog.getColor(current, self, self.tr("Run colour"))
        if chosen.isValid() and chosen != current:
            self._edit(colour=chosen.name())

    def _on_estimate_chosen(self) -> None:
        kind = self.estimate.currentData()
        self._edit(estimate_kind=kind, batch=self.batch.value(), sigma=self.sigma.value())

    # --- showing the model --------------------------------------------------------------------
    def show_runs(self, racers: list[Racer], selected: int | None, n_samples: int) -> None:
        """Rebuild the list and the editor from the racers (no signals emitted)."""
        self.list.blockSignals(True)
        keys = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        if keys != [s.key for s in racers]:  # structure changed: rebuild (else update in place,
            self.list.clear()  # never deleting the item whose signal we may be handling)
            for s in racers:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, s.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.list.addItem(item)
        row = 0
        for i, s in enumerate(racers):
            item = self.list.item(i)
            name = s.name + starts_suffix(s.run.n_points if s.run is not None else 1)
            if item.text() != name or item.data(_COLOUR_ROLE) != s.colour:
                item.setText(name)
                item.setIcon(swatch(s.colour))
                item.setData(_COLOUR_ROLE, s.colour)
            item.setCheckState(Qt.CheckState.Checked if s.enabled else Qt.CheckState.Unchecked)
            item.setToolTip(rule_tooltip(s.config.rule))
            if s.key == selected:
                row = i
        if racers:
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._key = racers[row].key if racers else None
        self._show_editor(racers[row] if racers else None, n_samples)

    def _show_editor(self, s: Racer | None, n_samples: int) -> None:
        widgets = (self.colour, self.rule, self.convention, self.estimate, self.batch, self.sigma,
                   self.hyper)  # fmt: skip
        for w in widgets:
            w.setEnabled(s is not None)
            w.blockSignals(True)
        if s is not None:
            c = s.config
            self.colour.setIcon(swatch(s.colour, 18))
            self.colour.setText(s.colour)
            self.rule.setCurrentIndex(max(0, self.rule.findData(c.rule)))
            self.rule.setToolTip(rule_tooltip(c.rule))
            self.convention.setCurrentIndex(max(0, self.convention.findData(c.hyper.convention)))
            self.estimate.setCurrentIndex(max(0, self.estimate.findData(c.estimate.kind)))
            model = self.estimate.model()
            for i, (_, kind) in enumerate(ESTIMATES):
                ok = n_samples > 0 or kind in ("full", "noise")
                model.item(i).setEnabled(ok)
            self.batch.setValue(int(c.estimate.batch))
            self.sigma.setValue(float(c.estimate.sigma))
            self.form.setRowVisible(self.batch, c.estimate.kind == "minibatch")
            self.form.setRowVisible(self.sigma, c.estimate.kind == "noise")
            self.hyper.show_values(c.rule, c.hyper, s.lr, "lr" in READS[c.schedule.mode])
        for w in widgets:
            w.blockSignals(False)

    # --- racers --------------------------------------------------------------------------------
    def _on_list_current_changed(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is not None:
            self._key = int(item.data(Qt.ItemDataRole.UserRole))
            self.sigSelected.emit(self._key)

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        key = int(item.data(Qt.ItemDataRole.UserRole))
        self.sigEnabledChanged.emit(key, item.checkState() == Qt.CheckState.Checked)
