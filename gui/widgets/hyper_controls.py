"""HyperControls: the live hyperparameter editors of one run (lr on a log slider, momentum,
betas, alpha, eps, weight decay, bias correction); only those the rule reads are shown."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLineEdit, QWidget

from core.optim.hyper import Hyper
from gui.widgets.log_slider import LogSlider

# Which hyperparameters each rule reads (besides lr).
USES: dict[str, tuple[str, ...]] = {
    "sgd": (),
    "momentum": ("momentum",),
    "nesterov": ("momentum",),
    "adagrad": ("eps",),
    "rmsprop": ("alpha", "eps"),
    "adam": ("beta1", "beta2", "eps", "bias_correction"),
    "adamw": ("beta1", "beta2", "eps", "bias_correction", "weight_decay"),
    "amsgrad": ("beta1", "beta2", "eps", "bias_correction"),
    "newton": ("eps",),
    "sfn": ("eps",),
}
_SPIN = {  # name: (label, decimals, step, tooltip)
    "momentum": ("momentum α", 3, 0.01, "α (textbook) / μ (PyTorch): how much velocity is kept"),
    "alpha": ("decay α", 3, 0.01, "RMSprop: decay of the squared-gradient average G"),
    "beta1": ("β₁", 3, 0.01, "Adam: decay of the gradient average"),
    "beta2": ("β₂", 4, 0.001, "Adam: decay of the squared-gradient average"),
    "weight_decay": ("weight decay λ", 4, 0.001, "AdamW: decoupled weight decay"),
}


class HyperControls(QWidget):
    """Emits sigEdited({name: value}) for one changed value at a time."""

    sigEdited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.lr = LogSlider()
        self.lr.setToolTip("learning rate η (log slider; type an exact value in the box)")
        self.form.addRow("learning rate η", self.lr)
        self.lr.sigValueChanged.connect(lambda v: self.sigEdited.emit({"lr": v}))
        self.spins: dict[str, QDoubleSpinBox] = {}
        for name, (label, dec, step, tip) in _SPIN.items():
            sb = QDoubleSpinBox()
            sb.setDecimals(dec)
            sb.setSingleStep(step)
            sb.setRange(0.0, 0.9999 if name != "weight_decay" else 10.0)
            sb.setToolTip(tip)
            sb.setKeyboardTracking(False)
            sb.valueChanged.connect(lambda v, n=name: self.sigEdited.emit({n: float(v)}))
            self.form.addRow(label, sb)
            self.spins[name] = sb
        self.eps = QLineEdit()
        self.eps.setToolTip("ε > 0: inside the root (textbook) or added to it (PyTorch)")
        self.eps.editingFinished.connect(self._on_eps_edited)
        self.form.addRow("ε", self.eps)
        self.bias = QCheckBox("bias correction")
        self.bias.setToolTip("Adam: divide by 1−β₁ᵗ and 1−β₂ᵗ (as in the paper and PyTorch)")
        self.bias.toggled.connect(lambda on: self.sigEdited.emit({"bias_correction": bool(on)}))
        self.form.addRow("", self.bias)
        self._eps_value = 1e-8

    def show_values(self, rule: str, hyper: Hyper, lr: float) -> None:
        """Display a run's values without emitting, showing only the rows its rule uses."""
        used = USES.get(rule, ())
        self.blockSignals(True)  # our own sigEdited stays quiet while showing the model
        self.lr.set_value(lr)
        for name, sb in self.spins.items():
            sb.blockSignals(True)
            sb.setValue(float(getattr(hyper, name)))
            sb.blockSignals(False)
            self.form.setRowVisible(sb, name in used)
        self._eps_value = hyper.eps
        self.eps.setText(f"{hyper.eps:g}")
        self.form.setRowVisible(self.eps, "eps" in used)
        self.bias.blockSignals(True)
        self.bias.setChecked(hyper.bias_correction)
        self.bias.blockSignals(False)
        self.form.setRowVisible(self.bias, "bias_correction" in used)
        self.blockSignals(False)

    def _on_eps_edited(self) -> None:
        try:
            v = float(self.eps.text())
        except ValueError:
            v = -1.0
        if not v > 0 or v == float("inf"):
            self.eps.setText(f"{self._eps_value:g}")
            return
        if v != self._eps_value:
            self._eps_value = v
            self.sigEdited.emit({"eps": v})
