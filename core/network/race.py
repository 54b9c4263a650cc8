"""Several optimizers training copies of one initial network side by side: the slides' optimizer
comparison on a real network. Each racer is a Trainer (core.network.train) with its own rule,
hyperparameters, schedule, batch and seed; they all start from the same weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.network.model import Network, NetworkError
from core.network.train import Trainer
from core.optim.estimates import Estimate
from core.runs.config import RunConfig

Array = NDArray[np.float64]


def batch_of(estimate: Estimate, n: int) -> int | None:
    """The Trainer's batch for a gradient estimate on n examples: None (all of them), 1, or m."""
    if estimate.kind == "noise" and estimate.sigma > 0:
        raise NetworkError(
            "gradient noise is for analytic surfaces; a network's gradient comes from its "
            "examples: use the full batch or a mini-batch"
        )
    if estimate.kind == "sample":
        return 1
    if estimate.kind == "minibatch" and estimate.batch < n:
        return int(estimate.batch)
    return None


@dataclass(frozen=True)
class Entry:
    """One racer: its name (as the user gave it), its settings and its batch (None: all)."""

    name: str
    config: RunConfig
    batch: int | None = None


class NetworkRace:
    """Copies of one network, each trained by its entry's optimizer; stepped together."""

    def __init__(self, net: Network, x: Array, y: Array, entries: list[Entry]) -> None:
        if not entries:
            raise NetworkError("a race needs at least one optimizer")
        self.entries = list(entries)
        self.trainers = [self._trainer(net, x, y, e) for e in self.entries]

    @staticmethod
    def _trainer(net: Network, x: Array, y: Array, e: Entry) -> Trainer:
        c = e.config
        return Trainer(net.copy(), x, y, c.rule, c.hyper, c.schedule, e.batch, c.seed)

    @property
    def t(self) -> int:
        """Updates done by the racers still training (the longest history)."""
        return max(t.t for t in self.trainers)

    def step(self, k: int = 1) -> None:
        """k updates for every racer; a racer whose update diverged stops where it was."""
        for tr in self.trainers:
            if tr.diverged is None:
                tr.step(k)

    def losses(self) -> list[list[float]]:
        """Each racer's full-batch loss from update 0 (before the first update) on."""
        return [list(t.losses) for t in self.trainers]

    def rows(self) -> list[tuple[int, str, float]]:
        """(update, rule name, loss) for every racer, racer by racer, from update 0."""
        return [(u, e.name, float(v)) for e, t in zip(self.entries, self.trainers, strict=True)
                for u, v in enumerate(t.losses)]  # fmt: skip
