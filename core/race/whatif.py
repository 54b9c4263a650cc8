"""What-if: every enabled racer's whole path recomputed from its start for a fixed horizon, so a
change of a hyperparameter, schedule, seed or start point shows its whole effect at once (as the
sliders of Distill's "Why Momentum Really Works" do).

The recomputed path is an ordinary Run built from the racer's RunConfig by the race (the same seed
gives the same noise, so dragging η shows only η's effect). It replaces the racer's live Run, so the
trails, legend, side plots and statuses show it with no code of their own, and the race can go on
live from it afterwards: it is exactly a run of the current settings from step 0. A racer whose
settings, starts and surface did not change keeps its path (it would come out the same).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.race.model import Race
from core.race.racer import Racer
from core.runs.config import RunConfig
from core.runs.run import Run
from surfaces.errors import UserError

Array = NDArray[np.float64]
HORIZON_DEFAULT = 300
HORIZON_MIN = 1
HORIZON_MAX = 5_000
BLOCK = 100  # steps between two looks at whether every point has diverged (then it stops)


class HorizonError(UserError):
    """A horizon outside HORIZON_MIN..HORIZON_MAX."""


def check_horizon(steps: object) -> int:
    """The horizon as a whole number of steps, or a HorizonError saying what is allowed."""
    n = int(steps) if isinstance(steps, int | np.integer) and not isinstance(steps, bool) else -1
    if not HORIZON_MIN <= n <= HORIZON_MAX:
        raise HorizonError(
            f"the what-if horizon must be a whole number of steps from {HORIZON_MIN} to "
            f"{HORIZON_MAX:,}, got {steps}"
        )
    return n


def stochastic(config: RunConfig) -> bool:
    """Whether the run's gradient estimate draws random numbers (so its seed matters)."""
    return config.estimate.kind != "full"


def recomputed_run(race: Race, config: RunConfig, horizon: int) -> Run:
    """A fresh Run of ``config`` from the race's starts, advanced ``horizon`` steps (fewer when
    every point diverged first: a diverged point does not move again)."""
    run = race.run_for(config)
    while run.t < horizon and not run.diverged.all():
        run.step(min(BLOCK, horizon - run.t))
    return run


@dataclass(frozen=True)
class _Done:
    """What a racer's path was last recomputed from."""

    run: Run
    config: RunConfig
    horizon: int
    t: int  # the run's step count when it was installed


class WhatIf:
    """Keeps the race's enabled racers showing their whole paths for ``horizon`` steps."""

    def __init__(self, race: Race, horizon: int = HORIZON_DEFAULT) -> None:
        self.race = race
        self._horizon = check_horizon(horizon)
        self._done: dict[int, _Done] = {}
        self.recomputes = 0  # recompute passes that changed something (a redraw each)

    @property
    def horizon(self) -> int:
        return self._horizon

    @horizon.setter
    def horizon(self, steps: int) -> None:
        self._horizon = check_horizon(steps)

    def forget(self) -> None:
        """Recompute every path next time (the mode was just turned on)."""
        self._done.clear()

    def stale(self) -> list[Racer]:
        """Enabled racers whose shown path is not their current settings' path: edited, rebuilt
        (new starts, surface or a reset), newly enabled or added, or the horizon changed."""
        out = []
        for r in self.race.racers:
            if not r.enabled:
                continue
            d = self._done.get(r.key)
            if (
                d is None
                or d.run is not r.run
                or d.config != r.config
                or d.horizon != self._horizon
            ):
                out.append(r)
        return out

    def moved(self) -> bool:
        """Whether a shown path was stepped beyond its recomputed end (the user stepped or
        played the race): the race has gone live again."""
        return any(d.run is r.run and r.run.t != d.t for r in self.race.racers
                   if (d := self._done.get(r.key)) is not None)  # fmt: skip

    def recompute(self) -> list[Racer]:
        """Recompute the stale racers' paths and install them as their runs; if any changed, the
        race emits ``stepped`` once so every view redraws. Returns the racers recomputed."""
        racers = self.stale()
        for r in racers:
            run = recomputed_run(self.race, r.config, self._horizon)
            r.run, r.history = run, []
            self._done[r.key] = _Done(run, r.config, self._horizon, run.t)
        keys = {r.key for r in self.race.racers}
        for k in [k for k in self._done if k not in keys]:
            del self._done[k]  # removed racers
        if racers:
            self.recomputes += 1
            self.race.events.stepped.emit(self.race.t)
        return racers

    def new_seed(self, rng: np.random.Generator) -> list[Racer]:
        """Another noise sample: every enabled racer with a random gradient estimate gets a new
        seed (an ordinary edit, so a saved scene keeps it). Returns the racers reseeded."""
        racers = [r for r in self.race.racers if r.enabled and stochastic(r.config)]
        for r in racers:
            seed = int(rng.integers(0, 2**31 - 1))
            while seed == r.config.seed:
                seed = int(rng.integers(0, 2**31 - 1))
            self.race.edit(r.key, seed=seed)
        return racers

    def paths(self) -> list[tuple[str, Array]]:
        """(colour, a copy of the shown path (count, 2)) per run point: a ghost's data."""
        return [(colour, xy.copy()) for colour, xy, *_rest in self.race.trails()[0]]
