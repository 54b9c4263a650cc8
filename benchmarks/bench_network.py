"""Speed of the tiny network: one backprop pass, a training step, a gradient check, a loss-slice grid."""

from __future__ import annotations

from benchmarks.timing import best_seconds
from core.network.check import grad_check
from core.network.datasets import make_dataset
from core.network.model import Network
from core.network.race import Entry, NetworkRace
from core.network.slice import slice_directions
from core.network.train import Trainer
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.config import RunConfig


def run() -> dict[str, float]:
    d = make_dataset("spiral", seed=0)
    net = Network.random((2, 8, 8, 8, 8, 1), "tanh", "sigmoid", seed=0)
    trainer = Trainer(net.copy(), d.x, d.y, "adam", default_hyper("adam"), Schedule(lr=0.01))
    deep = Network.random((2, 6, 6, 6, 6, 1), "tanh", "sigmoid", seed=0)
    sfn = Trainer(deep, d.x, d.y, "sfn", default_hyper("sfn"), Schedule(lr=1.0))
    rules = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
    entries = [Entry(r, RunConfig(r, default_hyper(r), Schedule(lr=0.01))) for r in rules]
    race = NetworkRace(Network.random((2, 3, 1), "tanh", "sigmoid", seed=0), d.x, d.y, entries)
    small = make_dataset("circles", seed=0)
    sl = slice_directions(Network.random((2, 8, 1), "tanh", "sigmoid", seed=0), small.x, small.y)
    return {
        "backprop_2x8x8x8x8x1_n120_us": 1e6 * best_seconds(lambda: net.loss_and_grad(d.x, d.y), 20),
        "train_adam_100_steps_ms": 1e3 * best_seconds(lambda: trainer.step(100), 3),
        "race_6_rules_100_updates_2x3x1_ms": 1e3 * best_seconds(lambda: race.step(100), 3),
        "train_sfn_1_step_2x6x6x6x6x1_ms": 1e3 * best_seconds(lambda: sfn.step(1), 3),
        "grad_check_2x8x8x8x8x1_ms": 1e3 * best_seconds(lambda: grad_check(net, d.x, d.y), 3),
        "slice_grid_128x128_n100_ms": 1e3 * best_seconds(lambda: sl.grid(128), 2),
    }
