"""Owns the Network tab's model (network, data, trainer, step-through, history) and its timer.

Widgets call its setters and listen to its signals; no widget reaches into another.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore

from core.network.check import LayerCheck, grad_check
from core.network.datasets import Dataset, make_dataset
from core.network.files import load_network, save_network
from core.network.model import Network, NetworkError
from core.network.slice import NetworkSliceSurface, slice_directions, slice_weights
from core.network.steps import Step, build_steps
from core.network.train import Trainer
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import default_hyper, rule_info

MAX_HISTORY = 20_000  # weight snapshots kept for the scrubber
# Rates that train the tab's small examples in seconds (the Explorer's defaults suit 2-D surfaces).
NET_LR = {"sgd": 0.5, "momentum": 0.1, "nesterov": 0.1, "adagrad": 0.2, "rmsprop": 0.01,
          "adam": 0.02, "adamw": 0.02, "amsgrad": 0.02, "newton": 1.0, "sfn": 1.0}  # fmt: skip
RULES = tuple(NET_LR)  # the rules the Network tab offers, in its menu's order


def _rule_text(text: str) -> str:
    """A rule's title or formula in the window's language (marked in core/optim)."""
    return QtCore.QCoreApplication.translate("Rule", text)


class NetworkController(QtCore.QObject):
    """The network, its data and optimizer; advances training on a QTimer."""

    sigNetworkChanged = QtCore.Signal()  # a new architecture or data: rebuild views
    sigWeightsChanged = QtCore.Signal()  # weights moved (training, scrubbing, update step)
    sigStepChanged = QtCore.Signal(int)  # the step-through position
    sigRunningChanged = QtCore.Signal(bool)
    sigMessage = QtCore.Signal(str)  # divergence and other notices

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.dataset: Dataset = make_dataset("xor", seed=0)
        self.rule = "sgd"
        self.convention = "textbook"
        self.hyper: Hyper = default_hyper(self.rule)
        self.schedule = Schedule(lr=0.5)
        self.batch: int | None = None
        self.seed = 0
        self.sample = 0
        self.steps_per_tick = 5
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.net = Network.random((2, 3, 1), "tanh", "sigmoid", seed=0)
        self.init, self.init_seed = "xavier", 0
        self._start()

    # --- building --------------------------------------------------------------------------------
    def _start(self) -> None:
        self.trainer = Trainer(self.net, self.dataset.x, self.dataset.y, self.rule, self.hyper,
                               self.schedule, self.batch, self.seed)  # fmt: skip
        self.history: list[np.ndarray] = [self.net.to_vector()]
        self.history_t: list[int] = [0]  # the update count of each snapshot
        self.view_index = 0
        self.step_index = 0
        self.sample = min(self.sample, self.dataset.n - 1)
        self._rebuild_steps()
        self.sigNetworkChanged.emit()
        self.sigWeightsChanged.emit()
        self.sigStepChanged.emit(self.step_index)

    def new_network(self, hidden: list[int], activation: str, output_activation: str,
                    loss: str = "mse", init: str = "xavier", seed: int = 0) -> None:  # fmt: skip
        """A fresh network whose input/output sizes follow the data."""
        self.pause()
        layers = (self.dataset.x.shape[1], *hidden, self.dataset.y.shape[1])
        self._check_targets(loss)
        self.net = Network.random(layers, activation, output_activation, init, seed, loss)
        self.init, self.init_seed = init, seed
        self._start()

    def _check_targets(self, loss: str, data: Dataset | None = None) -> None:
        y = (data or self.dataset).y
        if loss == "bce" and ((y < 0) | (y > 1)).any():
            raise NetworkError(
                "cross-entropy needs targets between 0 and 1; this data is a regression"
            )

    def set_dataset(self, data: Dataset) -> None:
        """New training data; the network is rebuilt if its input/output sizes no longer fit.
        A cross-entropy network meeting regression targets switches to ½‖y − ŷ‖²."""
        self.pause()
        self.dataset = data
        if self.net.loss == "bce" and ((data.y < 0) | (data.y > 1)).any():
            self.net = Network(self.net.layers, self.net.activation, self.net.output_activation,
                               self.net.weights, self.net.biases, "mse")  # fmt: skip
        n_in, n_out = data.x.shape[1], data.y.shape[1]
        if self.net.layers[0] != n_in or self.net.layers[-1] != n_out:
            layers = (n_in, *self.net.layers[1:-1], n_out)
            self.net = Network.random(layers, self.net.activation, self.net.output_activation,
                                      seed=self.seed, loss=self.net.loss)  # fmt: skip
        self._start()

    def set_network(self, net: Network, data: Dataset) -> None:
        self.pause()
        self.net, self.dataset = net, data
        self._start()

    def load(self, path: str) -> None:
        """Load a network file (raises NetworkError with a one-line message)."""
        net, x, y = load_network(path)
        task = "classification" if np.isin(y, (0.0, 1.0)).all() else "regression"
        self.set_network(net, Dataset("file", x, y, task, path))

    def save(self, path: str) -> None:
        save_network(path, self.view_net(), self.dataset.x, self.dataset.y)

    # --- optimizer -------------------------------------------------------------------------------
    def set_rule(self, rule: str) -> None:
        self.rule = rule
        self.trainer.set_rule(rule)
        self._rebuild_steps()

    def set_hyper(self, hyper: Hyper) -> None:
        self.hyper = hyper
        self.trainer.hyper = hyper

    def set_schedule(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.trainer.schedule = schedule
        self._rebuild_steps()

    def set_batch(self, batch: int | None) -> None:
        self.batch = batch
        self.trainer.batch = batch

    def edit_training(self, changes: dict[str, object]) -> None:
        """Live edits from the training panel: rule, hyperparameters, lr, schedule fields, batch.
        The lr slider sets max-lr in the cyclic modes; switching mode carries the rate over."""
        if "rule" in changes:
            rule = str(changes["rule"])
            self.set_rule(rule)
            self.set_hyper(default_hyper(rule, self.hyper.convention))
            changes = {"lr": NET_LR[rule], **changes}
        hyper = {k: v for k, v in changes.items() if k in Hyper.__dataclass_fields__}
        if hyper:
            self.set_hyper(self.hyper.with_(**hyper))
        if changes.get("schedule") or "lr" in changes:
            lr = float(changes["lr"]) if "lr" in changes else None
            sched = dict(changes.get("schedule", {}))
            self.set_schedule(self.schedule.edited(sched, lr))
        if "batch" in changes:
            self.set_batch(changes["batch"])
        if "steps_per_tick" in changes:
            self.steps_per_tick = int(changes["steps_per_tick"])
        self._rebuild_steps()
        self.sigStepChanged.emit(self.step_index)

    @property
    def lr(self) -> float:
        """The rate shown on the lr slider (max-lr in the cyclic modes)."""
        return self.schedule.headline_lr

    # --- training --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if self.trainer.diverged is not None:
            self.sigMessage.emit(
                self.tr("{problem} — reset or change the rate").format(
                    problem=self.trainer.diverged.message
                )
            )
            return
        self._go_live()
        self.timer.start()
        self.sigRunningChanged.emit(True)

    def pause(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.sigRunningChanged.emit(False)

    def train(self, k: int = 1) -> bool:
        """k optimizer updates; on divergence pause and report the layer."""
        self._go_live()
        ok = self.trainer.step(k)
        # one snapshot per call (a timer tick or a step), enough for the scrubber
        self.history.append(self.trainer.w[0].copy())
        self.history_t.append(self.trainer.t)
        if len(self.history) > MAX_HISTORY:
            del self.history[1:2], self.history_t[1:2]
        self.view_index = len(self.history) - 1
        if not ok and self.trainer.diverged is not None:
            self.pause()
            self.sigMessage.emit(self.trainer.diverged.message)
        self._rebuild_steps()
        self.sigWeightsChanged.emit()
        self.sigStepChanged.emit(self.step_index)
        return ok

    def reset_training(self) -> None:
        """Back to the first snapshot with fresh optimizer state."""
        self.pause()
        self.net.set_vector(self.history[0])
        self._start()

    def _on_timer_timeout(self) -> None:
        # Newton-type rules build a d×d Hessian per update: one update per frame keeps it smooth
        self.train(1 if rule_info(self.rule).needs_hessian else self.steps_per_tick)

    def _go_live(self) -> None:
        """Training continues from the newest weights even if the scrubber is elsewhere."""
        if self.view_index != len(self.history) - 1:
            self.view_index = len(self.history) - 1
            self.net.set_vector(self.history[-1])

    # --- history scrubber ------------------------------------------------------------------------
    def scrub(self, index: int) -> None:
        """Show snapshot ``index`` (training resumes from the newest one)."""
        self.pause()
        self.view_index = int(np.clip(index, 0, len(self.history) - 1))
        self._rebuild_steps()
        self.sigWeightsChanged.emit()
        self.sigStepChanged.emit(self.step_index)

    def view_net(self) -> Network:
        """The network with the weights currently shown (the scrubbed snapshot)."""
        if self.view_index == len(self.history) - 1:
            return self.net
        net = self.net.copy()
        net.set_vector(self.history[self.view_index])
        return net

    # --- step-through ----------------------------------------------------------------------------
    def _rebuild_steps(self) -> None:
        info = rule_info(self.rule)
        text = info.textbook if self.hyper.convention == "textbook" else info.pytorch
        live = self.view_index == len(self.history) - 1
        after = self.trainer.peek() if live else None
        self.steps: list[Step] = build_steps(self.view_net(), self.dataset.x, self.dataset.y, self.sample,
                                             f"{_rule_text(info.title)}: {_rule_text(text)}", self.schedule.at(self.trainer.t),
                                             after)  # fmt: skip
        self.step_index = min(self.step_index, len(self.steps) - 1)

    @property
    def step(self) -> Step:
        return self.steps[self.step_index]

    def step_forward(self) -> None:
        """Next step; past the update step, apply one optimizer update and start again."""
        self.pause()
        if self.step_index < len(self.steps) - 1:
            self.step_index += 1
            self.sigStepChanged.emit(self.step_index)
            return
        self.step_index = 1
        self.train(1)

    def step_back(self) -> None:
        self.pause()
        if self.step_index > 0:
            self.step_index -= 1
            self.sigStepChanged.emit(self.step_index)

    def set_step(self, index: int) -> None:
        self.step_index = int(np.clip(index, 0, len(self.steps) - 1))
        self.sigStepChanged.emit(self.step_index)

    def set_sample(self, index: int) -> None:
        self.sample = int(np.clip(index, 0, self.dataset.n - 1))
        self._rebuild_steps()
        self.sigStepChanged.emit(self.step_index)

    # --- checks and landscapes -------------------------------------------------------------------
    def grad_check(self) -> list[LayerCheck]:
        with np.errstate(all="ignore"):
            return grad_check(self.view_net(), self.dataset.x, self.dataset.y)

    def slice_surface(self, mode: str, i: int = 0, j: int = 1, seed: int = 0,
                      span: float = 1.0) -> NetworkSliceSurface:  # fmt: skip
        """The loss over two weights (mode 'weights') or two random directions ('directions')."""
        net, x, y = self.view_net(), self.dataset.x, self.dataset.y
        if mode == "weights":
            return slice_weights(net, x, y, i, j, span)
        return slice_directions(net, x, y, seed, span)

    def shutdown(self) -> None:
        self.timer.stop()
