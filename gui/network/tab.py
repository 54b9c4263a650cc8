"""The Network tab: a tiny network's forward pass and backprop, layer by layer, and its training.

Left: data, architecture and training controls. Centre: the network diagram and the step-through.
Right: the data with the network's output, the loss curve, gradient norms, the gradient check and
the loss landscape ("Open in Explorer" emits a NetworkSliceSurface for the Explorer tab).
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from core.network.datasets import DatasetError, load_csv, make_dataset
from core.network.model import NetworkError
from core.optim.base import RuleError
from core.optim.hyper import HyperError
from core.optim.schedules import ScheduleError
from gui.i18n.numbers import Shown
from gui.network.arch_panel import ArchSpec, NetworkArchPanel
from gui.network.check_panel import NetworkCheckPanel
from gui.network.controller import RULES, NetworkController
from gui.network.data_plot import NetworkDataPlot
from gui.network.diagram import NetworkDiagram
from gui.network.diagram_values import node_values, pending_gradients
from gui.network.landscape_panel import NetworkLandscapePanel, SliceSpec
from gui.network.plots import GradNormPlot, LossCurvePlot
from gui.network.steps_panel import NetworkStepsPanel
from surfaces.base import SurfaceError

EXAMPLES = {  # one click: the vanishing gradient of a deep sigmoid net, and ReLU beside it
    "deep_sigmoid": ArchSpec((6, 6, 6, 6), "sigmoid", "sigmoid", "mse", "xavier", 0),
    "deep_relu": ArchSpec((6, 6, 6, 6), "relu", "sigmoid", "mse", "he", 0),
}


class NetworkTab(QtWidgets.QWidget):
    """The second tab of the main window."""

    sigOpenInExplorer = QtCore.Signal(object)  # a surfaces.Surface (NetworkSliceSurface)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = NetworkController(self)
        self.arch = NetworkArchPanel()
        from gui.network.train_panel import NetworkTrainPanel

        self.train = NetworkTrainPanel(RULES)
        self.diagram = NetworkDiagram()
        self.edge_mode = QtWidgets.QComboBox()
        self.edge_mode.addItem(self.tr("edges: auto (W forward, ∂L/∂W backward)"), "auto")
        self.edge_mode.addItem(self.tr("edges: weights W"), "weights")
        self.edge_mode.addItem(self.tr("edges: gradients ∂L/∂W"), "gradients")
        self.edge_mode.setToolTip(self.tr("what the edges' colour and width show"))
        self.inspector = QtWidgets.QLabel(self.tr("Click a neuron or an edge to see its numbers."))
        self.inspector.setWordWrap(True)
        self.inspector.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QtWidgets.QLabel("")
        self.legend.setStyleSheet("color:#6b7280")
        self.legend.setWordWrap(True)
        self.banner = QtWidgets.QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#ffe3e3; color:#a61e1e; padding:4px 8px; border-radius:4px;"
        )
        self.banner.hide()
        self.steps = NetworkStepsPanel()
        self.data_plot = NetworkDataPlot()
        self.loss_plot = LossCurvePlot()
        self.norms = GradNormPlot()
        self.check = NetworkCheckPanel()
        self.landscape = NetworkLandscapePanel()
        from gui.network.race_panel import NetworkRacePanel

        self.race = NetworkRacePanel()
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(self.norms, self.tr("Gradient norms"))
        self.tabs.addTab(self.check, self.tr("Gradient check"))
        self.tabs.addTab(self.landscape, self.tr("Loss landscape"))
        self.tabs.addTab(self.race, self.tr("Optimizer race"))
        for i, tip in enumerate((self.tr("‖(∂L/∂W, ∂L/∂b)‖ of each layer: a vanishing gradient shows at a glance"),
                                 self.tr("backprop against finite differences, layer by layer"),
                                 self.tr("the loss on a plane through the current weights"),
                                 self.tr("several optimizers train copies of this network side by side"))):  # fmt: skip
            self.tabs.setTabToolTip(i, tip)
        self._layout()
        self._preview = QtCore.QTimer(self)
        self._preview.setSingleShot(True)
        self._preview.setInterval(250)
        self._preview.timeout.connect(self._on_preview_timeout)
        self._connect()
        self._on_network_changed()
        self._on_weights_changed()
        self._on_step_changed(self.ctl.step_index)

    # --- assembly --------------------------------------------------------------------------------
    def _layout(self) -> None:
        left = QtWidgets.QWidget()
        ll = QtWidgets.QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.arch)
        ll.addWidget(self.train)
        ll.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(max(400, left.minimumSizeHint().width() + 16))  # longer words fit
        top = QtWidgets.QWidget()
        tl = QtWidgets.QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.banner)
        tl.addWidget(self.diagram, 1)
        tl.addWidget(self.legend)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.inspector, 1)
        row.addWidget(self.edge_mode)
        tl.addLayout(row)
        centre = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        centre.addWidget(top)
        centre.addWidget(self.steps)
        centre.setStretchFactor(0, 1)  # the step's formulas fit without scrolling at 1280×800
        centre.setStretchFactor(1, 1)
        right = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        right.addWidget(self.data_plot)
        right.addWidget(self.loss_plot)
        right.addWidget(self.tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setStretchFactor(2, 3)
        main = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        main.addWidget(scroll)
        main.addWidget(centre)
        main.addWidget(right)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 3)
        main.setStretchFactor(2, 2)
        main.setSizes([400, 620, 480])
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(main)

    def _connect(self) -> None:
        c = self.ctl
        c.sigNetworkChanged.connect(self._on_network_changed)
        c.sigWeightsChanged.connect(self._on_weights_changed)
        c.sigStepChanged.connect(self._on_step_changed)
        c.sigRunningChanged.connect(self._on_running_changed)
        c.sigMessage.connect(self._show_message)
        a, t = self.arch, self.train
        a.sigBuildRequested.connect(self._on_arch_build_requested)
        a.sigDatasetChosen.connect(self._on_arch_dataset_chosen)
        a.sigCsvChosen.connect(
            lambda path: self._file_action(lambda: c.set_dataset(load_csv(path)))
        )
        a.sigLoadRequested.connect(lambda path: self._file_action(lambda: c.load(path)))
        a.sigSaveRequested.connect(lambda path: self._file_action(lambda: c.save(path)))
        a.sigExampleRequested.connect(self.load_example)
        t.sigRuleChosen.connect(lambda rule: self._on_train_edited({"rule": rule}))
        t.sigConventionChosen.connect(lambda conv: self._on_train_edited({"convention": conv}))
        t.sigBatchChosen.connect(lambda batch: self._on_train_edited({"batch": batch}))
        t.sigSpeedChanged.connect(lambda n: self._on_train_edited({"steps_per_tick": n}))
        t.sigHyperEdited.connect(self._on_train_edited)
        t.sigScheduleEdited.connect(lambda fields: self._on_train_edited({"schedule": fields}))
        t.sigPlayToggled.connect(self._on_train_play_toggled)
        t.sigStepRequested.connect(lambda: self._train_action(lambda: c.train(1)))
        t.sigResetRequested.connect(self._on_train_reset_requested)
        self.steps.sigForwardRequested.connect(c.step_forward)
        self.steps.sigBackRequested.connect(c.step_back)
        self.steps.sigStepClicked.connect(c.set_step)
        self.steps.sigSampleChosen.connect(c.set_sample)
        self.steps.sigScrubbed.connect(c.scrub)
        self.data_plot.sigSampleClicked.connect(c.set_sample)
        self.diagram.sigNodeClicked.connect(self._on_diagram_node_clicked)
        self.diagram.sigEdgeClicked.connect(self._on_diagram_edge_clicked)
        self.edge_mode.activated.connect(lambda _: self._redraw_diagram())
        self.check.sigCheckRequested.connect(self.run_check)
        self.landscape.sigPlaneChanged.connect(lambda _: self._preview.start())
        self.landscape.sigOpenRequested.connect(self.open_in_explorer)
        self.race.sigStartRequested.connect(self.start_race)
        self.race.sigShowNetwork.connect(self._on_race_show_network)

    # --- public ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop every timer (training and previews) before the window goes away."""
        self._preview.stop()
        self.race.pause()
        self.ctl.shutdown()

    def load_example(self, name: str) -> None:
        """The "deep sigmoid vs ReLU" examples on the circles data; shows the gradient norms."""
        if self.ctl.dataset.name not in ("circles",):
            self.ctl.dataset = make_dataset("circles", seed=0)
        self._build(EXAMPLES[name])
        self.tabs.setCurrentWidget(self.norms)

    def open_in_explorer(self, spec: SliceSpec | None = None) -> None:
        """Emit the network's loss over the chosen plane as an Explorer surface."""
        try:
            surface = self._slice(spec or self.landscape.spec())
        except SurfaceError as e:
            self._show_message(str(e))
            return
        self.sigOpenInExplorer.emit(surface)

    def start_race(self) -> None:
        """The checked optimizers race from copies of the network as it is now."""
        c = self.ctl
        c.pause()
        self.race.start(c.view_net(), c.dataset.x, c.dataset.y, c.batch, c.seed,
                        c.hyper.convention)  # fmt: skip
        self.tabs.setCurrentWidget(self.race)

    def _on_race_show_network(self, net) -> None:
        if self.tabs.currentWidget() is self.race:
            self.data_plot.set_view(net, self.ctl.dataset, self.ctl.sample)

    def run_check(self) -> None:
        self.check.set_checks(self.ctl.grad_check())

    # --- slots -----------------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _slice(self, spec: SliceSpec):
        return self.ctl.slice_surface(spec.mode, spec.i, spec.j, spec.seed, spec.span)

    def _build(self, spec: ArchSpec) -> None:
        self.ctl.new_network(list(spec.hidden), spec.activation, spec.output_activation,
                             spec.loss, spec.init, spec.seed)  # fmt: skip

    def _on_arch_build_requested(self, spec: ArchSpec) -> None:
        self._show_message("")
        try:
            self._build(spec)
        except NetworkError as e:
            self._show_message(str(e))
            self._on_network_changed()  # the editor shows the network that is still in place

    def _on_arch_dataset_chosen(self, name: str, seed: int) -> None:
        self._show_message("")
        self.ctl.set_dataset(make_dataset(name, seed=seed))

    def _file_action(self, action) -> None:
        """Load or save a network, or load training data; a problem is shown in the banner."""
        try:
            action()
            self._show_message("")
        except (NetworkError, DatasetError, OSError) as e:
            self._show_message(str(e))
            self._on_network_changed()

    def _on_train_edited(self, changes: dict) -> None:
        try:
            self.ctl.edit_training(changes)
            self._show_message("")
        except (HyperError, ScheduleError, RuleError, ValueError) as e:
            self._show_message(str(e))
        self._show_train_state()

    def _on_train_play_toggled(self, on: bool) -> None:
        if on:
            self._show_message("")
        self._train_action(self.ctl.play if on else self.ctl.pause)

    def _on_train_reset_requested(self) -> None:
        self._show_message("")
        self._train_action(self.ctl.reset_training)

    def _train_action(self, action) -> None:
        action()
        self._show_train_state()

    def _on_network_changed(self) -> None:
        c = self.ctl
        n = c.net
        self.arch.show_network(n.layers, n.activation, n.output_activation, n.loss, c.dataset.name,
                               c.init, c.init_seed)  # fmt: skip
        self.landscape.set_params(n.param_names())
        self.diagram.selected = ()
        self.inspector.setText(self.tr("Click a neuron or an edge to see its numbers."))
        self._preview.start()

    def _on_weights_changed(self) -> None:
        c = self.ctl
        self.data_plot.set_view(c.view_net(), c.dataset, c.sample)
        at = c.history_t[c.view_index]
        self.loss_plot.set_losses(c.trainer.losses, at)
        _, grads, _ = self._view_state()
        self.norms.set_norms(grads.layer_norms())
        self.steps.set_history(len(c.history), c.view_index, at)
        self._show_train_state()
        if not c.running:
            if self.check.auto.isChecked():
                self.run_check()
            self._preview.start()

    def _on_step_changed(self, index: int) -> None:
        c = self.ctl
        self.steps.set_steps(c.steps, index, c.dataset.n, c.sample)
        self._redraw_diagram()
        if not c.running:
            self.data_plot.set_view(c.view_net(), c.dataset, c.sample)

    def _on_preview_timeout(self) -> None:
        if self.ctl.running:
            return
        try:
            s = self._slice(self.landscape.spec())
        except SurfaceError as e:
            self.landscape.set_preview(None, str(e))
            return
        self.landscape.set_preview(s)

    def _on_running_changed(self, running: bool) -> None:
        self._show_train_state()
        if not running:  # the checks and the preview skipped while training: catch up
            if self.check.auto.isChecked():
                self.run_check()
            self._preview.start()

    def _show_train_state(self) -> None:
        c = self.ctl
        self.train.show_state(
            c.rule, c.hyper, c.schedule, c.lr, c.trainer.t, c.running, c.trainer.losses[-1]
        )

    # --- diagram ---------------------------------------------------------------------------------
    def _view_state(self):
        c = self.ctl
        net = c.view_net()
        with np.errstate(all="ignore"):
            _, grads, cache = net.loss_and_grad(c.dataset.x, c.dataset.y)
        return net, grads, cache

    def _redraw_diagram(self) -> None:
        c = self.ctl
        net, grads, cache = self._view_state()
        step = c.step
        mode = self.edge_mode.currentData()
        if mode == "auto":
            mode = "gradients" if step.kind in ("backward", "update") else "weights"
        self.diagram.mode = mode
        self.diagram.highlight = (
            step.layer if step.kind in ("input", "forward", "backward", "loss") else -1
        )
        # backward l reads a_{l−1} (forward pass) and δ_{l+1} (previous backward step)
        reused = {step.layer - 1, step.layer + 1} if step.kind == "backward" else set()
        self.diagram.reused = frozenset(k for k in reused if 0 <= k <= net.n_layers)
        self.diagram.pending = frozenset(pending_gradients(step, net.n_layers))
        values = node_values(step, mode, cache, grads, c.sample)
        names = [net.act(l) for l in range(1, net.n_layers + 1)]  # noqa: E741
        self.diagram.set_data(net.layers, net.weights, grads.grad_W, net.biases, values, names)
        self.legend.setText(self.diagram.legend())

    def _on_diagram_node_clicked(self, layer: int, k: int) -> None:
        net, grads, cache = self._view_state()
        s = self.ctl.sample
        if layer == 0:
            text = self.tr("input x{k} = {a:.4g}  (sample {s})").format(
                k=k + 1, a=Shown(cache.as_[0][s, k]), s=s + 1
            )
        else:
            f = net.act(layer)
            text = self.tr("layer {layer}, neuron {k} ({f}), sample {s}:   "
                           "z = {z:.4g}   a = {a:.4g}   b = {b:.4g}   δ = ∂L/∂z = {d:.4g}   "
                           "∂L/∂b = {gb:.4g}").format(
                layer=layer, k=k + 1, f=f, s=s + 1, z=Shown(cache.zs[layer - 1][s, k]),
                a=Shown(cache.as_[layer][s, k]), b=Shown(net.biases[layer - 1][k]),
                d=Shown(grads.deltas[layer - 1][s, k]), gb=Shown(grads.grad_b[layer - 1][k]))  # fmt: skip
        self.inspector.setText(text)
        self._redraw_diagram()

    def _on_diagram_edge_clicked(self, l: int, i: int, j: int) -> None:  # noqa: E741
        net, grads, _ = self._view_state()
        src = f"x{i + 1}" if l == 1 else self.tr("neuron {i} of layer {l}").format(i=i + 1, l=l - 1)
        self.inspector.setText(
            self.tr(
                "W{l}[{v1},{v2}] = {v3:.4g}   ∂L/∂W = {v4:.4g}   ({src} → neuron {v6} of layer {l})"
            ).format(
                l=l,
                v1=i + 1,
                v2=j + 1,
                v3=Shown(net.weights[l - 1][i, j]),
                v4=Shown(grads.grad_W[l - 1][i, j]),
                src=src,
                v6=j + 1,
            )
        )
        self._redraw_diagram()
