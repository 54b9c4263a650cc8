"""A swarm in a race picture or animation: the particles drawn over the figure's surface at any
step from 0 to the swarm's (replayed from their starts through every live edit, so each frame
shows exactly where the particles were), the runs' own trails hidden, and each run's legend line
giving its particles' shares instead of one point's loss."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.race.swarm import Swarm, SwarmShare
from gui.explorer.swarm_view import SwarmView

if TYPE_CHECKING:
    from core.race.model import Race
    from gui.export.figure import RaceFigure


def share_note(share: SwarmShare) -> str:
    """A legend line's right-hand text: where the racer's particles stand."""
    at_minima = sum(a.fraction for a in share.attractors if a.kind == "minimum")
    other = sum(a.fraction for a in share.attractors if a.kind != "minimum")
    parts = [f"{100 * at_minima:.0f} % at minima"]
    if other > 0:
        parts.append(f"{100 * other:.0f} % at saddles")
    parts += [f"{100 * share.diverged:.0f} % diverged", f"{100 * share.moving:.0f} % moving"]
    return " · ".join(parts)


def swarm_title(race: Race, swarm: Swarm) -> str:
    s = swarm.spec
    where = (f"a cloud around ({s.centre[0]:.3g}, {s.centre[1]:.3g})" if s.kind == "cloud"
             else "a grid")  # fmt: skip
    return f"{race.surface.title or race.surface.name}: {swarm.n:,} particles, {where}"


class SwarmLayer:
    """The swarm drawn in ``figure``; ``replay`` (animations) re-runs it from its starts, else
    the live swarm is drawn as it is now (a picture)."""

    def __init__(self, figure: RaceFigure, swarm: Swarm, scale: float = 1.0,
                 replay: bool = True) -> None:  # fmt: skip
        self.figure, self.swarm, self.scale = figure, swarm, scale
        self.replaying = replay
        self.shown = swarm.replayed() if replay else swarm
        self.last = swarm.t
        figure.last = self.last  # the title counts the swarm's steps
        self.view = SwarmView(figure.theme)
        self.view.colour_by = swarm.colour_by
        self.view.tail = False  # a frame shows where the particles are, not where they were
        for item in self.view.items():
            figure.widget.plot.addItem(item)
        for item in figure.widget.run_items():
            item.setOpacity(0.0)

    def draw(self, t: int) -> None:
        """The particles after step t (frames must go forward when replaying)."""
        if self.replaying:
            if t < self.shown.t:
                self.shown = self.swarm.replayed()
            self.shown.advance_to(t)
        x0, x1, y0, y1 = self.figure.frame
        vb = self.figure.widget.vb.size()
        px = (int(vb.width() * self.scale), int(vb.height() * self.scale))
        self.view.draw(self.shown, (x0, x1, y0, y1), px)
        self.figure.notes = [share_note(s) for s in self.shown.shares()]
        self.figure.draw(t)
