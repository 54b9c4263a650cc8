"""A lesson's scene built headless, exactly as the window builds it: the Explorer's race through
core.race (Race, racers with their RunConfig), the Network tab's network and trainer through
core.network. Claims measure these; the window opens the same scenes."""

from __future__ import annotations

from typing import Any

import numpy as np

from core.lessons.model import ExplorerScene, NetworkScene
from core.network.datasets import Dataset, make_dataset
from core.network.model import Network
from core.network.train import Trainer
from core.race.model import Race, critical_points
from core.race.racer import Racer, edited_config
from core.race.scene import restore_race
from core.runs.config import RunConfig
from surfaces.base import CriticalPoint

ARCH_KEYS = ("hidden", "activation", "output_activation", "loss", "init", "seed")


def lesson_race(scene: ExplorerScene, critical: tuple[CriticalPoint, ...] | None = None) -> Race:
    """The whole race of the scene at step 0 (every racer, selection, view and speed)."""
    s = scene.scene
    race = Race(
        s.surface, critical=critical if critical is not None else critical_points(s.surface)
    )
    restore_race(race, s)
    return race


def one_racer(scene: ExplorerScene, index: int, changes: dict[str, Any],
              critical: tuple[CriticalPoint, ...],
              start: tuple[float, float] | None = None) -> Racer:  # fmt: skip
    """Racer ``index`` of the scene alone on its surface and starts (or from ``start``, where a
    user would click), with live edits applied before the first step (as a user would make them
    in the run panel)."""
    s = scene.scene
    race = Race(s.surface, critical=critical)
    race.set_starts(np.array([start]) if start is not None else s.starts)
    config = s.runs[index].config
    if changes:
        config = edited_config(config, dict(changes), s.surface)
    return race.add_racer(config)


def network_data(scene: NetworkScene) -> Dataset:
    return make_dataset(scene.dataset, seed=scene.data_seed)


def arch(scene: NetworkScene, changes: dict[str, Any]) -> dict[str, Any]:
    """The architecture after changes: hidden sizes, activations, loss, initialisation, seed."""
    out = {k: getattr(scene, k) for k in ARCH_KEYS}
    out.update({k: v for k, v in changes.items() if k in ARCH_KEYS})
    return out


def network(scene: NetworkScene, changes: dict[str, Any], data: Dataset) -> Network:
    a = arch(scene, changes)
    layers = (data.x.shape[1], *a["hidden"], data.y.shape[1])
    return Network.random(layers, a["activation"], a["output_activation"], a["init"], a["seed"],
                          a["loss"])  # fmt: skip


def training_config(scene: NetworkScene, changes: dict[str, Any]) -> RunConfig:
    """The trainer's settings after live edits (rule, lr, schedule, hyperparameters)."""
    edits = {k: v for k, v in changes.items() if k not in ARCH_KEYS and k != "batch"}
    if not edits:
        return scene.training
    return edited_config(scene.training, edits, _NO_DATA)


def trainer(scene: NetworkScene, changes: dict[str, Any] | None = None) -> Trainer:
    """The scene's network with its trainer at update 0."""
    changes = changes or {}
    data = network_data(scene)
    c = training_config(scene, changes)
    batch = changes.get("batch", scene.batch)
    return Trainer(network(scene, changes, data), data.x, data.y, c.rule, c.hyper, c.schedule,
                   batch, c.seed)  # fmt: skip


class _NoData:
    """Stands in for a surface when editing a trainer's settings (no sample estimates)."""

    n_samples = 0


_NO_DATA: Any = _NoData()


def layer_grad_norms(net: Network, x: np.ndarray, y: np.ndarray) -> list[float]:
    """Each layer's gradient norm, first to last, as the Network tab shows it (Grads.layer_norms:
    weights and biases together)."""
    with np.errstate(all="ignore"):
        _, grads, _ = net.loss_and_grad(x, y)
    return grads.layer_norms()
