"""Data and architecture editor: dataset, hidden layers and neurons, activations, loss, initialisation;
the "deep sigmoid vs ReLU" example; loading and saving network files."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets

from core.network.datasets import DATASETS
from core.network.model import ACTIVATIONS, INITS

MAX_HIDDEN = 4


@dataclass(frozen=True)
class ArchSpec:
    """A network to build: hidden layer sizes, activations, loss and initialisation."""

    hidden: tuple[int, ...]
    activation: str
    output_activation: str
    loss: str = "mse"
    init: str = "xavier"
    seed: int = 0


class NetworkArchPanel(QtWidgets.QGroupBox):
    """The data and architecture editor; each signal names one request with its plain value."""

    sigBuildRequested = QtCore.Signal(object)  # an ArchSpec
    sigDatasetChosen = QtCore.Signal(str, int)  # generated data set, its seed
    sigCsvChosen = QtCore.Signal(str)  # path of training data
    sigLoadRequested = QtCore.Signal(str)  # path of a network file
    sigSaveRequested = QtCore.Signal(str)
    sigExampleRequested = QtCore.Signal(str)  # a name of the tab's examples

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.QCoreApplication.translate("NetworkArchPanel", "Network"), parent)
        self.dataset = QtWidgets.QComboBox()
        for name in DATASETS:
            self.dataset.addItem(name, name)
        self.dataset.addItem(self.tr("CSV file…"), "csv")
        self.data_seed = QtWidgets.QSpinBox()
        self.data_seed.setRange(0, 9999)
        self.data_seed.setPrefix(self.tr("seed "))
        self.dataset.setToolTip(
            self.tr("the training examples: two inputs x₁, x₂ and a target y each")
        )
        self.data_seed.setToolTip(
            self.tr("random seed that draws the data set (same seed, same points)")
        )
        drow = QtWidgets.QHBoxLayout()
        drow.addWidget(self.dataset, 1)
        drow.addWidget(self.data_seed)
        self.n_hidden = QtWidgets.QSpinBox()
        self.n_hidden.setRange(0, MAX_HIDDEN)
        self.n_hidden.setToolTip(self.tr("number of hidden layers (0–4)"))
        self.n_hidden.setPrefix(self.tr("layers: "))
        self.sizes = []
        srow = QtWidgets.QHBoxLayout()
        srow.addWidget(self.n_hidden)
        for _ in range(MAX_HIDDEN):
            sb = QtWidgets.QSpinBox()
            sb.setRange(1, 8)
            sb.setFixedWidth(44)
            sb.setToolTip(self.tr("neurons in this hidden layer (1–8)"))
            self.sizes.append(sb)
            srow.addWidget(sb)
        self.activation = QtWidgets.QComboBox()
        self.output_activation = QtWidgets.QComboBox()
        for cb in (self.activation, self.output_activation):
            for a, (_, _, tip) in ACTIVATIONS.items():
                cb.addItem(a, a)
                cb.setItemData(cb.count() - 1, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        self.activation.setToolTip(
            self.tr("activation f of the hidden layers (hover an item for its formula)")
        )
        self.output_activation.setToolTip(self.tr("activation of the output neuron ŷ"))
        self.loss = QtWidgets.QComboBox()
        self.loss.setToolTip(
            self.tr("the loss L(y, ŷ) that training minimises and backprop differentiates")
        )
        self.loss.addItem(self.tr("½‖y − ŷ‖² (MSE)"), "mse")
        self.loss.addItem(self.tr("cross-entropy (sigmoid output)"), "bce")
        self.init = QtWidgets.QComboBox()
        self.init.addItems(INITS)
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setPrefix(self.tr("seed "))
        self.init.setToolTip(self.tr("how the initial weights are drawn (their scale per layer)"))
        self.seed.setToolTip(self.tr("random seed of the initial weights (same seed, same start)"))
        irow = QtWidgets.QHBoxLayout()
        irow.addWidget(self.init, 1)
        irow.addWidget(self.seed)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("data"), drow)
        form.addRow(self.tr("hidden"), srow)
        form.addRow(self.tr("activation"), self.activation)
        form.addRow(self.tr("output"), self.output_activation)
        form.addRow(self.tr("loss"), self.loss)
        form.addRow(self.tr("init"), irow)
        self.sig_example = QtWidgets.QPushButton(self.tr("Deep sigmoid"))
        self.relu_example = QtWidgets.QPushButton(self.tr("Deep ReLU"))
        for b, tip in ((self.sig_example, self.tr("4 hidden sigmoid layers: watch the gradient vanish")),
                       (self.relu_example, self.tr("the same depth with ReLU: gradients survive"))):  # fmt: skip
            b.setToolTip(tip)
        self.load = QtWidgets.QPushButton(self.tr("Load…"))
        self.save = QtWidgets.QPushButton(self.tr("Save…"))
        self.load.setToolTip(self.tr("open a saved network (architecture, weights and data)"))
        self.save.setToolTip(
            self.tr("save this network (architecture, weights and data) to a file")
        )
        erow = QtWidgets.QHBoxLayout()
        for b in (self.sig_example, self.relu_example, self.load, self.save):
            erow.addWidget(b)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(erow)
        self._quiet = False
        for w in (self.activation, self.output_activation, self.loss, self.init):
            w.activated.connect(self._on_edited)
        for sb in (self.n_hidden, self.seed, *self.sizes):
            sb.valueChanged.connect(self._on_edited)
        self.dataset.activated.connect(self._on_dataset_activated)
        self.data_seed.valueChanged.connect(self._on_dataset_activated)
        self.sig_example.clicked.connect(lambda: self.sigExampleRequested.emit("deep_sigmoid"))
        self.relu_example.clicked.connect(lambda: self.sigExampleRequested.emit("deep_relu"))
        self.load.clicked.connect(self._on_load_clicked)
        self.save.clicked.connect(self._on_save_clicked)

    def show_network(self, layers: tuple[int, ...], activation: str, output_activation: str,
                     loss: str, dataset: str, init: str = "", seed: int = -1) -> None:  # fmt: skip
        """Display the model's architecture without emitting."""
        self._quiet = True
        hidden = layers[1:-1]
        self.n_hidden.setValue(len(hidden))
        for k, sb in enumerate(self.sizes):
            if k < len(hidden):
                sb.setValue(hidden[k])
            sb.setVisible(k < len(hidden))
        for cb, v in ((self.activation, activation), (self.output_activation, output_activation),
                      (self.loss, loss), (self.dataset, dataset)):  # fmt: skip
            i = cb.findData(v)
            if i >= 0:
                cb.setCurrentIndex(i)
        if init:
            self.init.setCurrentText(init)
        if seed >= 0:
            self.seed.setValue(seed)
        self._quiet = False

    def spec(self) -> ArchSpec:
        n = self.n_hidden.value()
        return ArchSpec(tuple(sb.value() for sb in self.sizes[:n]), self.activation.currentData(),
                        self.output_activation.currentData(), self.loss.currentData(),
                        self.init.currentText(), self.seed.value())  # fmt: skip

    def _on_edited(self, *_: object) -> None:
        for k, sb in enumerate(self.sizes):
            sb.setVisible(k < self.n_hidden.value())
        if self._quiet:
            return
        spec = self.spec()
        if spec.loss == "bce" and spec.output_activation != "sigmoid":
            self._quiet = True
            self.output_activation.setCurrentIndex(self.output_activation.findData("sigmoid"))
            self._quiet = False
            spec = self.spec()
        self.sigBuildRequested.emit(spec)

    def _on_dataset_activated(self, *_: object) -> None:
        if self._quiet:
            return
        name = self.dataset.currentData()
        if name == "csv":
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Training data (x1,x2,y[,y2])"), "",
                                                            self.tr("CSV files (*.csv);;All files (*)"))  # fmt: skip
            if path:
                self.sigCsvChosen.emit(path)
            return
        self.sigDatasetChosen.emit(name, self.data_seed.value())

    def _on_load_clicked(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Load network"), "", self.tr("Network (*.json)")
        )
        if path:
            self.sigLoadRequested.emit(path)

    def _on_save_clicked(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Save network"), "network.json",
                                                        self.tr("Network (*.json)"))  # fmt: skip
        if path:
            self.sigSaveRequested.emit(path)
