"""HyperControls: the live hyperparameter editors of one run (lr on a log slider, then one editor
per hyperparameter of the rule table); only those the run's rule reads are shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSlider, QWidget

from core.optim.hyper import PARAMS, Hyper
from core.optim.table import rule_info
from gui.i18n.numbers import num, parse_number
from gui.widgets.log_slider import LogSlider

_DECIMALS = {"beta2": 4, "weight_decay": 4}  # digits a spin box shows (3 otherwise)
_MAX = {"unit": 0.9999, "nonneg": 10.0}  # the top of each range a spin box offers
# Decays that are dragged as well as typed (as Distill's momentum slider), 0 to 0.999 in 0.001s
SLIDERS = ("momentum", "alpha", "beta1", "rms_momentum")
_SLIDER_TICKS = 1000


def _tr(text: str) -> str:
    """A hyperparameter's label or help in the window's language (marked in core/optim/hyper.py)."""
    return QCoreApplication.translate("Hyper", text)


class HyperControls(QWidget):
    """Emits sigEdited({name: value}) for one changed value at a time."""

    sigEdited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.lr = LogSlider()
        self.lr.setToolTip(self.tr("learning rate η (log slider; type an exact value in the box)"))
        self.form.addRow(self.tr("learning rate η"), self.lr)
        self.lr.sigValueChanged.connect(lambda v: self.sigEdited.emit({"lr": v}))
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.sliders: dict[str, QSlider] = {}  # under their spin boxes, the whole row wide
        self.switches: dict[str, QCheckBox] = {}
        self._eps_value = 1e-8
        for p in PARAMS.values():
            if p.kind in _MAX:
                sb = QDoubleSpinBox()
                dec = _DECIMALS.get(p.name, 3)
                sb.setDecimals(dec)
                sb.setSingleStep(10.0 ** (1 - dec))
                sb.setRange(0.0, _MAX[p.kind])
                sb.setToolTip(_tr(p.help))
                sb.setKeyboardTracking(False)
                sb.valueChanged.connect(lambda v, n=p.name: self.sigEdited.emit({n: float(v)}))
                self.form.addRow(_tr(p.label), sb)
                self.spins[p.name] = sb
                if p.name in SLIDERS:
                    self.sliders[p.name] = self._slider(sb, p.label)
            elif p.kind == "switch":
                box = QCheckBox(_tr(p.label))
                box.setToolTip(_tr(p.help))
                box.toggled.connect(lambda on, n=p.name: self.sigEdited.emit({n: bool(on)}))
                self.form.addRow("", box)
                self.switches[p.name] = box
        self.eps = QLineEdit()
        self.eps.setToolTip(_tr(PARAMS["eps"].help))
        self.eps.editingFinished.connect(self._on_eps_edited)
        self.form.addRow(_tr(PARAMS["eps"].label), self.eps)

    def _slider(self, sb: QDoubleSpinBox, label: str) -> QSlider:
        """A slider under the spin box: dragging it sets the box (which emits the edit)."""
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, _SLIDER_TICKS - 1)
        slider.setToolTip(
            self.tr("drag to change {label} (the box above takes an exact value)").format(
                label=label
            )
        )
        slider.valueChanged.connect(lambda tick: sb.setValue(tick / _SLIDER_TICKS))
        sb.valueChanged.connect(lambda v: self._show_tick(slider, v))
        self.form.addRow(slider)
        return slider

    def drag_values(self, slider: QSlider) -> tuple[str, list[float]] | None:
        """What dragging one of these sliders edits: the setting's name and its value at every
        tick (exactly what the edit will carry); None for another slider."""
        if slider is self.lr.slider:
            return "lr", [self.lr.value_at(t) for t in range(slider.maximum() + 1)]
        name = next((n for n, s in self.sliders.items() if s is slider), None)
        if name is None:
            return None
        sb = self.spins[name]  # it rounds to its decimals, as QDoubleSpinBox.setValue does
        lo, hi, dec = sb.minimum(), sb.maximum(), sb.decimals()
        return name, [min(hi, max(lo, float(f"{t / _SLIDER_TICKS:.{dec}f}")))
                      for t in range(slider.maximum() + 1)]  # fmt: skip

    @staticmethod
    def _show_tick(slider: QSlider, v: float) -> None:
        if not slider.isSliderDown():  # a drag under way already shows its own position
            slider.blockSignals(True)
            slider.setValue(min(_SLIDER_TICKS - 1, round(v * _SLIDER_TICKS)))
            slider.blockSignals(False)

    def show_values(self, rule: str, hyper: Hyper, lr: float, lr_read: bool = True) -> None:
        """Display a run's values without emitting, showing only the rows its rule reads (and the
        η slider only when the schedule reads η: cyclic modes have base and max lr fields)."""
        used = rule_info(rule).params
        self.blockSignals(True)  # our own sigEdited stays quiet while showing the model
        self.lr.set_value(lr)
        self.form.setRowVisible(self.lr, lr_read)
        for name, sb in self.spins.items():
            sb.blockSignals(True)
            sb.setValue(float(getattr(hyper, name)))
            sb.blockSignals(False)
            self.form.setRowVisible(sb, name in used)
            if name in self.sliders:
                self._show_tick(self.sliders[name], sb.value())
                self.form.setRowVisible(self.sliders[name], name in used)
        for name, box in self.switches.items():
            box.blockSignals(True)
            box.setChecked(bool(getattr(hyper, name)))
            box.blockSignals(False)
            self.form.setRowVisible(box, name in used)
        self._eps_value = hyper.eps
        self.eps.setText(num(hyper.eps, "g"))
        self.form.setRowVisible(self.eps, "eps" in used)
        self.blockSignals(False)

    def _on_eps_edited(self) -> None:
        try:
            v = parse_number(self.eps.text())
        except ValueError:
            v = -1.0
        if not v > 0 or v == float("inf"):
            self.eps.setText(num(self._eps_value, "g"))
            return
        if v != self._eps_value:
            self._eps_value = v
            self.sigEdited.emit({"eps": v})
