"""RaceFigure: the Explorer's plot as a standalone picture of a race — the same SurfacePlot (heatmap,
contours, colour bar, critical points, trails, heads, starts) with a title and a legend of runs and
their hyperparameters drawn in the image. It replays recorded trajectories, so any step from 0 to
the last one can be drawn (animation frames) without recomputing the runs."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtGui import QFont

from core.io.pytorch_code import hyper_summary
from core.optim.estimates import Estimate
from core.runs.run import STATUS_TEXT
from gui.explorer.fast_items import TrailCurve
from gui.explorer.heatmap import wants_log
from gui.explorer.legend_table import STATUS_COLOURS
from gui.explorer.surface_plot import SurfacePlot

TRAIL_Z = 20  # the live plot's full trails; its bold recent stretch lies above
DENSE_AFTER = 6  # more runs than this get a smaller legend
TEXT = "#e6e9ef"
MUTED = "#9aa3b2"
# Status colours readable on the dark figure background.
STATUS_ON_DARK = {"diverged": "#ff8787", "stalled at a saddle": "#ffc078",
                   "converged: global minimum": "#8ce99a", "converged: local minimum": "#74c0fc"}  # fmt: skip


@dataclass(frozen=True)
class Racer:
    """One run as recorded: what to draw of it at any step up to the last."""

    name: str
    colour: str
    summary: str  # convention, schedule and hyperparameters in a line
    step: NDArray[np.int64]  # recorded steps (count,)
    xy: NDArray[np.float64]  # (points, count, 2)
    loss: NDArray[np.float64]  # (points, count)
    final_status: tuple[str, ...]  # STATUS_TEXT of each point at the last step
    stopped_at: NDArray[
        np.int64
    ]  # per point: step of the last finite point, -1 if it did not diverge

    @property
    def last_step(self) -> int:
        return int(self.step[-1]) if len(self.step) else 0

    def upto(self, t: int) -> int:
        """How many records lie at or before step t."""
        return max(1, int(np.searchsorted(self.step, t, side="right")))


def racers_from_race(race: object) -> list[Racer]:
    """Snapshot every active slot of a core.race.model.Race (copies, so the live race may move on)."""
    out = []
    for s in race.active():
        r, tr = s.run, s.run.trajectory
        n = tr.count
        # The slot's name already says how the gradient is estimated: no need to repeat it.
        summary = hyper_summary(s.config.rule, s.config.hyper, s.config.schedule, Estimate())
        out.append(Racer(s.name, s.colour, summary,
                         tr.step[:n].copy(), tr.xy[:, :n].copy(), tr.loss[:, :n].copy(),
                         tuple(STATUS_TEXT[x] for x in r.status()),
                         r.stopped_at.copy()))  # fmt: skip
    return out


def _loss_text(v: NDArray[np.float64]) -> str:
    finite = v[np.isfinite(v)]
    if not len(finite):
        return "f = —"
    if len(v) == 1:
        return f"f = {float(finite[0]):.5g}"
    return f"best f = {float(finite.min()):.5g}"


class RaceFigure:
    """An offscreen SurfacePlot plus title and legend; call ``draw(t)`` then grab or render it.

    ``scale`` is applied to fonts only when the figure is laid out at its final pixel size;
    exporters instead lay it out at a logical size and scale the painter (see gui.export.render)."""

    def __init__(self, surface: object, critical: tuple, racers: list[Racer],
                 starts: NDArray[np.float64], log: bool | None = None,
                 view: tuple[tuple[float, float], tuple[float, float]] | None = None,
                 title: str | None = None, grid: int = 512,
                 line_scale: float = 1.0) -> None:  # fmt: skip
        self.surface, self.racers = surface, racers
        self.line_scale = line_scale
        self.widget = SurfacePlot()
        _, _, z = surface.grid(grid)
        crit = [(c.x, c.y, c.kind, c.kind) for c in critical]
        self.widget.set_surface(z, surface.domain, wants_log(z) if log is None else log, crit)
        if view is not None:
            self.widget.vb.setRange(xRange=view[0], yRange=view[1], padding=0)
        self.widget.set_starts(np.asarray(starts, dtype=np.float64).reshape(-1, 2))
        self.title = title or getattr(surface, "title", "") or getattr(surface, "name", "")
        self.last = max((r.last_step for r in racers), default=0)
        self._legend = self.widget.addLayout(row=1, col=0, colspan=2)
        self._legend.setContentsMargins(10, 2, 10, 6)
        self._legend.setSpacing(0)
        self._rows: list[tuple[pg.LabelItem, pg.LabelItem]] = []
        for i, _ in enumerate(racers):
            left = self._legend.addLabel("", row=i, col=0, justify="left")
            right = self._legend.addLabel("", row=i, col=1, justify="right")
            self._rows.append((left, right))
        self._legend.layout.setColumnStretchFactor(0, 3)
        self._legend.layout.setColumnStretchFactor(1, 1)
        self._legend_height = -1.0
        # Many runs: smaller legend text, so the plot keeps most of the picture.
        self._pt = 1.0 if len(racers) <= DENSE_AFTER else 0.8
        self._style_axes()

    def _style_axes(self) -> None:
        font = QFont()
        font.setPointSizeF(9.5)
        bar = self.widget.ci.getItem(0, 1)  # the colour bar
        for item, axes in ((self.widget.plot, ("left", "bottom")), (bar, ("right",))):
            for ax in axes:
                item.getAxis(ax).setStyle(tickFont=font)

    def draw(self, t: int | None = None) -> None:
        """Show the race as it was after step t (default: the last recorded step)."""
        t = self.last if t is None else t
        trails, heads, colours = [], [], []
        for r in self.racers:
            k = r.upto(t)
            for i in range(r.xy.shape[0]):
                trails.append((r.colour, r.xy[i, :k], (id(r), i, k)))
            heads.append(r.xy[:, k - 1])
            colours += [r.colour] * r.xy.shape[0]
        self.widget.set_trails(trails)
        self._thicken_trails()
        self.widget.set_heads(np.vstack(heads) if heads else np.zeros((0, 2)), colours)
        final = t >= self.last
        what = f"{t} steps" if final else f"step {t} of {self.last}"
        self.widget.plot.setTitle(
            f"<span style='color:{TEXT};font-size:13pt;font-weight:600'>{escape(self.title)}</span>"
            f"<span style='color:{MUTED};font-size:11pt'>&nbsp;&nbsp;·&nbsp;&nbsp;{what}</span>"
        )
        big, name, small = (f"{v * self._pt:.3g}pt" for v in (13, 10.5, 10))
        for r, (left, right) in zip(self.racers, self._rows, strict=True):
            k = r.upto(t)
            left.setText(
                f"<span style='color:{r.colour};font-size:{big}'>■</span>&nbsp;"
                f"<span style='color:{TEXT};font-size:{name};font-weight:600'>{escape(r.name)}</span>"
                f"<span style='color:{MUTED};font-size:{small}'>&nbsp;&nbsp;{escape(r.summary)}</span>"
            )
            status = self._status(r, t, final)
            colour = STATUS_ON_DARK.get(status, TEXT if status in STATUS_COLOURS else MUTED)
            right.setText(  # the zero-width space as tall as the swatch keeps the rows aligned
                f"<span style='font-size:{big}'>\u200b</span>"
                f"<span style='color:{TEXT};font-size:{small}'>{_loss_text(r.loss[:, k - 1])}</span>"
                f"<span style='color:{colour};font-size:{small}'>&nbsp;&nbsp;{status}</span>"
            )
        self._fit_legend()

    def _fit_legend(self) -> None:
        """Give the legend exactly the height of its lines; the plot takes the rest."""
        height = sum(max(a.minimumHeight(), b.minimumHeight()) for a, b in self._rows) + 8
        if abs(height - self._legend_height) > 0.5:
            self._legend_height = height
            self._legend.setMinimumHeight(height)
            self._legend.setMaximumHeight(height)

    def _thicken_trails(self) -> None:
        """A printed figure has no motion to follow: draw whole trails as firm lines (the live
        plot's thin trail with a bold recent stretch would fade on a slide), scaled with the
        output so a 2× picture keeps the proportions of 1×."""
        for item in self.widget.plot.items:
            if isinstance(item, TrailCurve):
                pen = item.opts["pen"]
                width = (2.6 if item.zValue() > TRAIL_Z else 1.8) * self.line_scale
                if abs(pen.widthF() - width) > 1e-6:
                    item.setPen(pg.mkPen(pen.color(), width=width))

    @staticmethod
    def _status(r: Racer, t: int, final: bool) -> str:
        if final:
            texts = sorted(set(r.final_status), key=r.final_status.index)
            return ", ".join(texts) if len(texts) <= 2 else f"{len(texts)} outcomes"
        gone = (r.stopped_at >= 0) & (r.stopped_at < t)
        return "diverged" if gone.all() else ""

    def close(self) -> None:
        """Close and schedule deletion (pyqtgraph widgets must not outlive the app; REFERENCE §6)."""
        self.widget.close()
        self.widget.deleteLater()
