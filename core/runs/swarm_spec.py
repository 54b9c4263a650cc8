"""Where a swarm's particles start (a grid over an area or a cloud around a point) and how its
views colour them: plain data, shared by the swarm (core.race.swarm) and scene files (core.io)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from surfaces.errors import UserError

Area = tuple[float, float, float, float]  # x0, x1, y0, y1
MIN_PARTICLES, MAX_PARTICLES = 1024, 65_536
KINDS = ("grid", "cloud")
COLOUR_MODES = ("racer", "attractor")  # how views colour particles: by racer, by nearest minimum


class SwarmError(UserError):
    """A swarm that cannot be dropped (too few or too many particles, an empty area)."""


@dataclass(frozen=True)
class SwarmSpec:
    """Where the particles start: a grid of side √n over ``area`` (the cell centres, as a basin
    map's starts), or a cloud of n points spread evenly over a disc around ``centre``.
    ``area`` also sets the length scale of the classification (a basin map's domain)."""

    kind: str = "grid"
    n: int = 16_384
    area: Area = (-5.0, 5.0, -5.0, 5.0)
    centre: tuple[float, float] = (0.0, 0.0)
    radius: float = 1.0
    seed: int = 0

    def checked(self) -> SwarmSpec:
        """The spec, or SwarmError naming what is wrong with it."""
        if self.kind not in KINDS:
            raise SwarmError(f"a swarm is a grid or a cloud, not {self.kind!r}")
        if not MIN_PARTICLES <= int(self.n) <= MAX_PARTICLES:
            raise SwarmError(f"a swarm has {MIN_PARTICLES:,} to {MAX_PARTICLES:,} particles, "
                             f"not {self.n:,}")  # fmt: skip
        x0, x1, y0, y1 = self.area
        if not (all(map(math.isfinite, self.area)) and x0 < x1 and y0 < y1):
            raise SwarmError("a swarm's area needs finite bounds with x0 < x1 and y0 < y1")
        if self.kind == "cloud" and not (math.isfinite(self.radius) and self.radius > 0):
            raise SwarmError("a cloud's radius must be a positive number")
        return self
