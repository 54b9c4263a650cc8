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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.race.model import Race
from core.race.racer import Racer
from core.runs.batch import PER_POINT, per_point_settings
from core.runs.config import RunConfig
from core.runs.run import Run
from surfaces.errors import UserError

Array = NDArray[np.float64]
HORIZON_DEFAULT = 300
HORIZON_MIN = 1
HORIZON_MAX = 5_000
BLOCK = 100  # steps between two looks at whether every point has diverged (then it stops)
BATCH_RECORDS = 500_000  # points × steps one drag's batch may hold (≈ 16 MB of recorded trail)


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


def setting(config: RunConfig, name: str) -> float:
    """The value of a per-point setting: η of a constant schedule ("lr") or a hyperparameter."""
    return float(config.schedule.lr if name == "lr" else getattr(config.hyper, name))


def with_setting(config: RunConfig, name: str, value: object) -> RunConfig:
    if name == "lr":
        return config.with_(schedule=config.schedule.with_(lr=value))
    return config.with_(hyper=config.hyper.with_(**{name: value}))


def batchable(config: RunConfig, name: str) -> bool:
    """Whether a drag of ``name`` can be computed ahead as one batch: the full gradient (a random
    estimate draws for all of a run's points at once, so its noise depends on how many there
    are) and a setting the rules take per point (η only as a constant rate)."""
    return (
        config.estimate.kind == "full"
        and name in PER_POINT
        and (name != "lr" or config.schedule.mode == "constant")
    )


@dataclass(frozen=True, eq=False)
class _Batch:
    """One racer's paths for many values of one setting, computed at once as a single Run with a
    point per (value, start); ``index[v]`` is value v's block of rows."""

    key: int
    name: str
    index: dict[float, int]
    base: RunConfig
    surface: object
    starts: Array
    horizon: int
    run: Run

    def rows(self, config: RunConfig) -> slice | None:
        """The batch rows holding ``config``'s path, if the batch has it."""
        v = setting(config, self.name)
        i = self.index.get(v)
        if i is None or with_setting(self.base, self.name, v) != config:
            return None
        n = len(self.starts)
        return slice(i * n, (i + 1) * n)


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
        self._batch: _Batch | None = None
        self.recomputes = 0  # recompute passes that changed something (a redraw each)
        self.adopted = 0  # paths taken from a batch computed ahead instead of stepped
        self.batch_missed = False  # the last recompute had a value the batch did not hold
        race.events.surface.connect(self.drop_batch)

    @property
    def horizon(self) -> int:
        return self._horizon

    @horizon.setter
    def horizon(self, steps: int) -> None:
        self._horizon = check_horizon(steps)

    def forget(self) -> None:
        """Recompute every path next time (the mode was just turned on)."""
        self._done.clear()
        self._batch = None

    def drop_batch(self, *_: object) -> None:
        """Forget the paths computed ahead (the surface changed, or the drag ended)."""
        self._batch = None

    def prepare(self, key: int, name: str, values: Sequence[float], centre: int) -> int:
        """Compute ahead, as one batch, racer ``key``'s whole paths for the values of ``name``
        that a drag is about to pass (``values`` in slider order, ``centre`` the current one's
        place; as many around it as BATCH_RECORDS allows), so each value of the drag is then shown
        without stepping. Returns how many values were prepared (0: this drag is computed value by
        value, e.g. under a random gradient estimate)."""
        self._batch = None
        r = next((r for r in self.race.racers if r.key == key), None)
        if r is None or not r.enabled or not batchable(r.config, name) or not values:
            return 0
        n = len(self.race.starts)
        room = max(1, BATCH_RECORDS // (n * (self._horizon + 1)))
        lo = max(0, min(centre - room // 2, len(values) - room))
        picked = list(dict.fromkeys(float(v) for v in values[lo : lo + room]))
        picked = [v for v in picked if np.isfinite(v) and v >= 0]
        if not picked:
            return 0
        c = r.config
        starts = np.tile(self.race.starts, (len(picked), 1))
        hyper, schedule = per_point_settings(c, {name: np.repeat(picked, n)}, len(starts))
        run = Run(self.race.surface, c.rule, hyper, schedule, starts, c.estimate, seed=c.seed)
        run.step(self._horizon)
        self._batch = _Batch(key, name, {v: i for i, v in enumerate(picked)}, c,
                             self.race.surface, self.race.starts.copy(), self._horizon, run)  # fmt: skip
        return len(picked)

    def _adopted(self, r: Racer) -> Run | None:
        """The racer's path taken from the batch computed ahead, if it holds these settings."""
        b = self._batch
        if b is None or b.key != r.key or b.horizon != self._horizon:
            return None
        if b.surface is not self.race.surface or not np.array_equal(b.starts, self.race.starts):
            return None
        rows = b.rows(r.config)
        self.batch_missed |= rows is None  # the drag left the values computed ahead
        if rows is None or b.run.diverged[rows].all():
            return None  # all diverged: a run of its own stops soon after, cheaply
        run = self.race.run_for(r.config)
        run.adopt(b.run, rows)
        self.adopted += 1
        return run

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
        racers, self.batch_missed = self.stale(), False
        for r in racers:
            run = self._adopted(r) or recomputed_run(self.race, r.config, self._horizon)
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
