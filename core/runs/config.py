"""RunConfig: everything that decides a run's updates besides the surface and its start points."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule


@dataclass(frozen=True)
class RunConfig:
    """Rule, hyperparameters, learning-rate schedule, gradient estimate and seed of one racer.

    The one description of a run's settings: the command line builds it from flags, scene files
    store it, the Explorer's racers hold it, exports and the PyTorch code generator read it.
    """

    rule: str
    hyper: Hyper
    schedule: Schedule
    estimate: Estimate = field(default_factory=Estimate)
    seed: int = 0

    def with_(self, **changes: object) -> RunConfig:
        """A copy with some fields replaced."""
        return replace(self, **changes)
