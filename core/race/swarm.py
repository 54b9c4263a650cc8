"""Swarm: thousands of start points descending the race's surface at once, one Run per enabled
racer over the same particles, so every particle moves with exactly the arithmetic of a run (the
rule's pure update, stepped in cache-sized parts by core.runs.run.Run, without a trajectory: memory
stays the same however long it runs).

The swarm follows the race: a racer added, removed, enabled or edited is mirrored before the next
step (a live edit keeps the rule's state, as for runs), and every edit is remembered with the step
it took effect at, so the swarm can be replayed exactly (animation export, scenes). Where particles
stand is classified as a basin map's end points are (core.analysis.basins.label_end_points).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.analysis.basins import (
    DIVERGED,
    UNCONVERGED,
    Attractor,
    BasinTolerances,
    grid_starts,
    label_end_points,
)
from core.race.model import Race
from core.race.racer import Racer, apply_config
from core.runs.config import RunConfig
from core.runs.run import Run
from core.runs.swarm_spec import (  # noqa: F401 (the swarm's spec, re-exported with it)
    COLOUR_MODES,
    KINDS,
    MAX_PARTICLES,
    MIN_PARTICLES,
    Area,
    SwarmError,
    SwarmSpec,
)

Array = NDArray[np.float64]
STEP_CHUNK = 1  # steps between two looks at the clock when stepping against a time budget
REPLAY_WORK = 1 << 20  # particle steps between two progress reports of a replay


def swarm_starts(spec: SwarmSpec) -> Array:
    """The (n, 2) start points of a spec (a grid has ⌊√n⌋² of them)."""
    spec.checked()
    if spec.kind == "grid":
        return grid_starts(spec.area, math.isqrt(int(spec.n)))[2]
    # A sunflower (Vogel) spiral: n points evenly spread over the disc, the same every time.
    i = np.arange(int(spec.n)) + 0.5
    r = spec.radius * np.sqrt(i / spec.n)
    a = i * math.pi * (3.0 - math.sqrt(5.0)) + spec.seed
    return np.column_stack([spec.centre[0] + r * np.cos(a), spec.centre[1] + r * np.sin(a)])


@dataclass(frozen=True)
class SwarmShare:
    """Where one racer's particles stand now: per attractor reached (fractions of all its
    particles), diverged and still moving; the three kinds of share sum to 1."""

    key: int
    name: str
    colour: str
    t: int
    attractors: tuple[Attractor, ...]
    diverged: float
    moving: float


class Swarm:
    """The particles of ``spec``, moved by every enabled racer of ``race``."""

    def __init__(self, race: Race, spec: SwarmSpec, tol: BasinTolerances | None = None) -> None:
        self.race = race
        self.spec = spec.checked()
        self.tol = tol or BasinTolerances()
        self.colour_by = "racer"  # how views colour the particles: racer | attractor
        self.starts = swarm_starts(spec)
        self.runs: dict[int, Run] = {}
        self.configs: dict[int, RunConfig] = {}  # what each run steps with now
        # settings in force before each live edit: (the step it ended at, the settings)
        self.history: dict[int, list[tuple[int, RunConfig]]] = {}
        self._plan: dict[int, list[tuple[int, RunConfig]]] = {}  # edits still to replay
        self.sync()
        race.events.racers.connect(self._on_racers)
        race.events.surface.connect(self._on_surface)

    def close(self) -> None:
        """Stop following the race (the swarm is dropped)."""
        self.race.events.racers.disconnect(self._on_racers)
        self.race.events.surface.disconnect(self._on_surface)
        self.runs.clear()

    @property
    def n(self) -> int:
        return len(self.starts)

    @property
    def t(self) -> int:
        """Steps of the longest-running racer since the drop."""
        return max((run.t for run in self.runs.values()), default=0)

    # --- following the race -----------------------------------------------------------------
    def _new_run(self, config: RunConfig) -> Run:
        race = self.race
        return Run(race.surface, config.rule, config.hyper, config.schedule, self.starts.copy(),
                   config.estimate, seed=config.seed, record=False, critical=race.critical,
                   scale=race.span)  # fmt: skip

    def sync(self) -> None:
        """Mirror the race's enabled racers: new ones join from the starts, gone ones leave, edited
        ones switch settings for the next step (remembering the old ones)."""
        live = {r.key: r for r in self.racers()}
        for key in [k for k in self.runs if k not in live]:
            del self.runs[key], self.configs[key], self.history[key]
        for key, r in live.items():
            if key not in self.runs:
                self.runs[key] = self._new_run(r.config)
                self.configs[key], self.history[key] = r.config, []
            elif r.config != self.configs[key]:
                run = self.runs[key]
                hist = self.history[key]
                if run.t > 0 and not (hist and hist[-1][0] == run.t):
                    hist.append((run.t, self.configs[key]))
                elif run.t == 0:
                    hist.clear()
                apply_config(run, r.config)
                self.configs[key] = r.config

    def racers(self) -> list[Racer]:
        return [r for r in self.race.racers if r.enabled]

    def _on_racers(self, _racers: tuple) -> None:
        self.sync()

    def _on_surface(self, *_: object) -> None:
        self.reset()

    def reset(self) -> None:
        """Every particle back to its start, every rule's state and step count to zero."""
        self.runs.clear()
        self.configs.clear()
        self.history.clear()
        self._plan.clear()
        self.sync()

    # --- stepping -----------------------------------------------------------------------------
    def step(self, k: int = 1, budget_s: float | None = None) -> int:
        """k updates of every particle of every racer (racers whose particles have all diverged
        stay put); with a time budget, stop between steps once it is spent. Returns the steps
        taken."""
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        runs = list(self.runs.values())
        done = 0
        while done < k:
            n = k - done if deadline is None else min(k - done, STEP_CHUNK)
            for run in runs:
                if not run.diverged.all():
                    run.step(n)
                else:
                    run.t += n  # diverged particles stay; the clock still runs
            done += n
            if deadline is not None and time.perf_counter() > deadline:
                break
        return done

    # --- reading --------------------------------------------------------------------------------
    def layers(self) -> list[tuple[Racer, Run]]:
        """(racer, run) of every moving racer, in the race's order."""
        return [(r, self.runs[r.key]) for r in self.racers() if r.key in self.runs]

    def labels(self, run: Run) -> tuple[NDArray[np.int64], tuple[Attractor, ...]]:
        """Each particle's label as a basin map's end point (index into the attractors, or
        DIVERGED / UNCONVERGED) and the attractors reached."""
        last = np.where(run.diverged, 0.0, run.last_step)
        return label_end_points(self.race.surface, run.w, run.diverged, last, self.race.critical,
                                self.spec.area, self.tol)  # fmt: skip

    def shares(self) -> list[SwarmShare]:
        """Per racer: the fraction of its particles at each attractor, diverged, still moving."""
        out = []
        for r, run in self.layers():
            labels, atts = self.labels(run)
            n = max(1, len(labels))
            out.append(SwarmShare(r.key, r.name, r.colour, run.t, atts,
                                  float(np.count_nonzero(labels == DIVERGED)) / n,
                                  float(np.count_nonzero(labels == UNCONVERGED)) / n))  # fmt: skip
        return out

    def minima(self) -> Array:
        """(K, 2) the race's known minima, in the race's order: the colours of "by attractor"."""
        pts = [(c.x, c.y) for c in self.race.critical if c.kind == "minimum"]
        return np.array(pts, dtype=np.float64).reshape(-1, 2)

    def replayed(self, race: Race | None = None) -> Swarm:
        """A fresh swarm from the same starts and first settings, for replaying this one step by
        step (``advance_to``): the same arithmetic, so the same particles at every step."""
        twin = Swarm.__new__(Swarm)
        twin.race, twin.spec, twin.tol = race or self.race, self.spec, self.tol
        twin.colour_by = self.colour_by
        twin.starts = self.starts
        twin.runs, twin.configs, twin.history, twin._plan = {}, {}, {}, {}
        for key in self.runs:
            twin.configs[key] = self.configs[key]
            twin._rebuild(key, self.history[key])
        return twin

    def _rebuild(self, key: int, history: list[tuple[int, RunConfig]]) -> None:
        """The racer's particles back at their starts with the first of its settings, the later
        ones planned for the steps they took effect at."""
        hist = list(history)
        self.runs[key] = self._new_run(hist[0][1] if hist else self.configs[key])
        following = [*(c for _, c in hist[1:]), self.configs[key]][: len(hist)]
        self._plan[key] = [(until, nxt) for (until, _), nxt in zip(hist, following, strict=True)]
        self.history[key] = hist

    def replay_run(self, key: int, steps: int, history: list[tuple[int, RunConfig]],
                   tick: Callable[[int], None] | None = None) -> None:  # fmt: skip
        """Re-run one racer's particles from their starts through its saved edits to ``steps``
        (a restored scene), telling ``tick`` the steps done every REPLAY_WORK particle steps (it
        may raise to stop the replay)."""
        self._rebuild(key, history)
        self._advance_run(key, steps, tick)

    def attach(self, race: Race) -> None:
        """Follow ``race`` from now on instead of the one it was built on (a scene's swarm is
        replayed on a stand-in race before it replaces anything: core.race.scene)."""
        self.race.events.racers.disconnect(self._on_racers)
        self.race.events.surface.disconnect(self._on_surface)
        self.race = race
        for run in self.runs.values():
            run.critical, run.scale = race.critical, race.span
        race.events.racers.connect(self._on_racers)
        race.events.surface.connect(self._on_surface)

    def advance_to(self, t: int) -> None:
        """Step every racer's particles to step t, applying each planned edit at the step it
        took effect (a replayed swarm: see ``replayed``)."""
        for key in self.runs:
            self._advance_run(key, t)

    def _advance_run(self, key: int, t: int, tick: Callable[[int], None] | None = None) -> None:
        run, edits = self.runs[key], self._plan.get(key, [])
        part = t if tick is None else max(1, REPLAY_WORK // max(1, len(self.starts)))
        while run.t < t:
            nxt = edits[0][0] if edits else t
            if run.t >= nxt:
                apply_config(run, edits.pop(0)[1])
                continue
            target, before = min(t, nxt, run.t + part), run.t
            if run.diverged.all():
                run.t = target
            else:
                run.step(target - run.t)
            if tick is not None:
                tick(run.t - before)
        while edits and edits[0][0] <= run.t:
            apply_config(run, edits.pop(0)[1])


def by_minimum(share: SwarmShare, minima: Array, size: float,
               near: float = BasinTolerances().near) -> Array:  # fmt: skip
    """A share's fractions at each of the K minima (K,), then at every other attractor (a saddle,
    a point found by clustering) in one more entry: the columns of a table of racers."""
    out = np.zeros(len(minima) + 1)
    for a in share.attractors:
        j = len(minima)
        if a.kind == "minimum" and len(minima):
            d = np.hypot(minima[:, 0] - a.x, minima[:, 1] - a.y)
            if d.min() < near * size:
                j = int(np.argmin(d))
        out[j] += a.fraction
    return out
