"""RaceFigure: the Explorer's plot as a standalone picture of a race — the same SurfacePlot (heatmap,
contours, colour bar, critical points, trails, heads, starts) with a title and a legend of runs and
their hyperparameters drawn in the image. It replays recorded trajectories, so any step from 0 to
the last one can be drawn (animation frames) without recomputing the runs.

Laid out for a slide: the frame (the shown rectangle) keeps equal x and y scale, so the view box
gets the frame's aspect and the spare room becomes margin; the legend goes below the plot or
beside it, whichever leaves the plot larger; the colour bar is as tall as the plot."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from core.io.pytorch_code import hyper_summary
from core.optim.estimates import Estimate
from core.runs.run import STATUS_TEXT
from gui.explorer.heatmap import grid_values, tick_label, wants_log
from gui.explorer.legend_table import STATUS_COLOURS
from gui.explorer.surface_plot import SurfacePlot
from gui.i18n.plurals import plurals
from gui.theme import get_theme, run_colour
from surfaces.base import CriticalPoint, Surface

if TYPE_CHECKING:
    from core.race.model import Race

Frame = tuple[float, float, float, float]  # x0, x1, y0, y1
View = tuple[tuple[float, float], tuple[float, float]]  # (x range, y range), as ViewBox.viewRange
DENSE_AFTER = 6  # more runs than this get a smaller legend
# Sizes at the layout size (gui.export.render.LOGICAL, 1200×800); larger pictures scale them all,
# so a 1920×1080 slide shows 12 pt ticks at about 22 px.
TITLE_PT, STEP_PT, TICK_PT, LABEL_PT, NAME_PT, DETAIL_PT = 16.0, 13.0, 12.0, 14.0, 13.0, 11.5
TRAIL_PX = (2.0, 2.8)  # a printed trail: firm line, its recent stretch a little bolder
ZERO_REL = 1e-12  # a loss below this fraction of the range of f in the picture reads "≈ 0"
SIDE_LEGEND = (300, 430)  # width of a legend beside the plot: at least, at most (layout px)


@dataclass(frozen=True)
class FigureStyle:
    """How a race picture looks: its theme (gui.theme.THEMES), with or without the legend, and
    equal x and y scale (a square domain is square) or the frame stretched to the picture."""

    theme: str = "dark"
    legend: bool = True
    equal: bool = True


@dataclass(frozen=True)
class RunRecord:
    """One run as recorded: what to draw of it at any step up to the last."""

    name: str
    colour: str
    summary: str  # convention, schedule and hyperparameters in a line
    step: NDArray[np.int64]  # recorded steps (count,)
    xy: NDArray[np.float64]  # (points, count, 2)
    loss: NDArray[np.float64]  # (points, count)
    final_status: tuple[str, ...]  # STATUS_TEXT of each point at the last step
    stopped_at: NDArray[np.int64]  # per point: step of the last finite point, -1 if not diverged

    @property
    def last_step(self) -> int:
        return int(self.step[-1]) if len(self.step) else 0

    def upto(self, t: int) -> int:
        """How many records lie at or before step t."""
        return max(1, int(np.searchsorted(self.step, t, side="right")))


def racers_from_race(race: Race) -> list[RunRecord]:
    """Snapshot every active slot of a core.race.model.Race (copies, so the live race may move on)."""
    out = []
    for s in race.active():
        r = s.run
        assert r is not None
        tr = r.trajectory
        n = tr.count
        # The slot's name already says how the gradient is estimated: no need to repeat it.
        summary = _unbroken(
            hyper_summary(s.config.rule, s.config.hyper, s.config.schedule, Estimate())
        )
        out.append(RunRecord(s.name, s.colour, summary,
                             tr.step[:n].copy(), tr.xy[:, :n].copy(), tr.loss[:, :n].copy(),
                             tuple(STATUS_TEXT[x] for x in r.status()),
                             r.stopped_at.copy()))  # fmt: skip
    return out


def _unbroken(summary: str) -> str:
    """A legend line wraps between its settings, never inside one ("ε" on a line, "1e-08" on the
    next): the spaces within each comma- or dot-separated setting do not break."""
    return " · ".join(", ".join(p.replace(" ", "\u00a0") for p in part.split(", "))
                      for part in summary.split(" · "))  # fmt: skip


def _tr_status(text: str) -> str:
    """A run's status (or several, comma-separated) in the window's language."""
    return (
        ", ".join(QCoreApplication.translate("Status", t) for t in text.split(", ")) if text else ""
    )


def loss_text(v: NDArray[np.float64], scale: float) -> str:
    """The legend's loss: f of a single point or the best of several, four digits, and "≈ 0"
    when it is below ZERO_REL × scale (the range of f in the picture)."""
    finite = v[np.isfinite(v)]
    if not len(finite):
        return "f = —"
    what, f = (
        ("f", float(finite[0]))
        if len(v) == 1
        else (QCoreApplication.translate("RaceFigure", "best f"), float(finite.min()))
    )
    if abs(f) < ZERO_REL * scale:
        return f"{what} ≈ 0"
    return f"{what} = {tick_label(f, 4)}"


def _area(w: float, h: float, aspect: float | None) -> float:
    """Area of the largest view box of the given aspect (None: any) inside w × h."""
    if aspect is None:
        return w * h
    return min(w, aspect * h) * min(h, w / aspect)


class RaceFigure:
    """An offscreen SurfacePlot plus title and legend: ``lay_out(size)`` once, then ``draw(t)``
    and render it. ``line_scale`` thickens trails for pictures larger than their layout."""

    def __init__(self, surface: Surface, critical: tuple[CriticalPoint, ...],
                 racers: list[RunRecord], starts: NDArray[np.float64], log: bool | None = None,
                 view: View | None = None, title: str | None = None, grid: int = 512,
                 line_scale: float = 1.0, style: FigureStyle | None = None) -> None:  # fmt: skip
        self.surface, self.racers = surface, racers
        self.style = style or FigureStyle()
        self.theme = get_theme(self.style.theme)
        (x0, x1), (y0, y1) = view if view is not None else (surface.domain[:2], surface.domain[2:])
        frame: Frame = (float(x0), float(x1), float(y0), float(y1))
        self.frame = frame
        self.widget = SurfacePlot(theme=self.theme)
        self.widget.vb.setAspectLocked(False)  # the layout gives the view box the frame's aspect
        self.widget.ci.layout.setContentsMargins(10, 10, 16, 6)
        z = grid_values(surface, grid, frame)  # the heatmap covers exactly what is shown
        finite = z[np.isfinite(z)]
        self.f_scale = float(np.ptp(finite)) if finite.size and np.ptp(finite) > 0 else 1.0
        crit = [(c.x, c.y, c.kind, c.kind) for c in critical]
        self.widget.set_surface(z, frame, wants_log(z) if log is None else log, crit)
        self.widget.set_starts(np.asarray(starts, dtype=np.float64).reshape(-1, 2))
        self.widget.set_fonts(TICK_PT, LABEL_PT)
        self.widget.set_trail_widths(TRAIL_PX[0] * line_scale, TRAIL_PX[1] * line_scale)
        self.title = title or surface.title or surface.name
        self.last = max((r.last_step for r in racers), default=0)
        self.notes: list[str] | None = None  # per run: text shown instead of its loss and status
        self._pt = 1.0 if len(racers) <= DENSE_AFTER else 0.8
        self._legend: pg.GraphicsLayout | None = None
        self._rows: list[tuple] = []
        self._plot_margins = (0.0, 0.0, 0.0, 0.0)
        self._legend_width = self._legend_extra = 0.0
        self.legend_place = "below" if self.style.legend and racers else "none"

    # --- layout -------------------------------------------------------------------------------
    def lay_out(self, size: tuple[int, int]) -> None:
        """Lay the figure out at size (layout px): legend below or beside, whichever leaves the
        larger plot, and the view box at the frame's aspect (equal scale) with the rest as
        margin, shared evenly on both sides of plot and legend together."""
        w = self.widget
        w.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        w.resize(*size)
        w.show()
        self._size = size
        aspect = None
        if self.style.equal:
            x0, x1, y0, y1 = self.frame
            aspect = (x1 - x0) / (y1 - y0)
        if self.legend_place != "none":
            self._build_legend("below")
            self.draw()
            self._fix_legend_height()
            vb = w.vb.size()
            below = _area(vb.width(), vb.height(), aspect)
            side_w = float(np.clip(0.3 * size[0], *SIDE_LEGEND))
            leg_h = self._legend.size().height() if self._legend is not None else 0.0
            beside = _area(vb.width() - side_w, vb.height() + leg_h, aspect)
            if beside > 1.05 * below:
                self._build_legend("beside", side_w)
                self.draw()
                self._settle()
                self._legend_width = self._text_width() + sum(self._legend_margins[::2])
        self.draw()
        self._settle()
        for _ in range(2):  # a second pass absorbs any change of the axes' widths
            self._fit(aspect)
        self._freeze()

    def _settle(self) -> None:
        QApplication.processEvents()
        self.widget.ci.layout.activate()
        QApplication.processEvents()

    def _text_width(self) -> float:
        """Widest legend line as laid out (wrapped lines count at their wrapped width)."""
        return max((lbl.item.document().idealWidth() for row in self._rows for lbl in row),
                   default=0.0)  # fmt: skip

    def _fit(self, aspect: float | None) -> None:
        """Margins so the view box is `aspect` wide per unit of height (None: fill) and the
        spare width is split evenly left of the plot and right of the legend."""
        vb = self.widget.vb.size()
        ml, mt, mr, mb = self._plot_margins
        beside = self.legend_place == "beside"
        free_w = vb.width() + ml + mr + (self._legend_extra if beside else 0.0)
        free_h = vb.height() + mt + mb + (0.0 if beside else self._legend_extra)
        if beside:  # the legend column is only as wide as its text: the rest is free too
            free_w += self._legend.size().width() - self._legend_width - self._legend_extra
        pad_x = pad_y = 0.0
        if aspect is not None and free_w > aspect * free_h:
            pad_x = free_w - aspect * free_h
        elif aspect is not None:
            pad_y = free_h - free_w / aspect
        if beside:
            self._plot_margins = (pad_x / 2, pad_y / 2, 0.0, pad_y / 2)
            self._legend_extra = pad_x / 2
            self._legend.setFixedWidth(self._legend_width + self._legend_extra)
        elif self._legend is None:
            self._plot_margins = (pad_x / 2, pad_y / 2, pad_x / 2, pad_y / 2)
        else:  # the legend stays right under the plot: half the spare height goes below it
            self._plot_margins = (pad_x / 2, pad_y / 2, pad_x / 2, 0.0)
            self._legend_extra = pad_y / 2
            width = sum(
                max(lbl.minimumWidth() for lbl in col) for col in zip(*self._rows, strict=True)
            )
            side = min(pad_x / 2, max(0.0, (self._size[0] - width - 40) / 2))
            left, top, right, bottom = self._legend_margins
            self._legend.setContentsMargins(left + side, top, right + side, bottom + pad_y / 2)
            self._fix_legend_height()
        self.widget.plot.setContentsMargins(*self._plot_margins)
        self._settle()

    # --- legend -------------------------------------------------------------------------------
    def _build_legend(self, place: str, width: float = 0.0) -> None:
        """The legend rows: one line per run below the plot (name and hyperparameters left, loss
        and status right), or a block of lines per run beside it, wrapped to `width`."""
        w = self.widget
        if self._legend is not None:
            w.removeItem(self._legend)
        self.legend_place = place
        self._legend_width, self._legend_extra = width, 0.0
        self._legend = w.addLayout(row=1, col=0) if place == "below" else w.addLayout(row=0, col=1)
        self._legend_margins = (
            (10.0, 4.0, 10.0, 8.0) if place == "below" else (24.0, 0.0, 10.0, 0.0)
        )
        self._legend.setContentsMargins(*self._legend_margins)
        self._legend.setSpacing(0)
        self._rows = []
        for i, _ in enumerate(self.racers):
            if place == "below":
                left = self._legend.addLabel("", row=i, col=0, justify="left")
                right = self._legend.addLabel("", row=i, col=1, justify="right")
                self._rows.append((left, right))
            else:
                block = self._legend.addLabel("", row=i, col=0, justify="left")
                block.item.setTextWidth(width - sum(self._legend_margins[::2]))  # wraps
                self._rows.append((block,))
        if place == "below":
            self._legend.layout.setColumnStretchFactor(0, 3)
            self._legend.layout.setColumnStretchFactor(1, 1)
        else:
            self._legend.layout.setRowStretchFactor(len(self.racers), 1)
            self._legend.setFixedWidth(width)

    def _freeze(self) -> None:
        """Fix the legend's size and, beside the plot, start it level with the plot's top, so
        the layout does not move while an animation's frames change the texts."""
        if self._legend is None:
            return
        if self.legend_place == "beside":
            top = self.widget.vb.sceneBoundingRect().top() - self._legend.sceneBoundingRect().top()
            left, _, right, bottom = self._legend_margins
            self._legend.setContentsMargins(left, max(0.0, top), right + self._legend_extra,
                                            bottom)  # fmt: skip
        else:
            self._fix_legend_height()

    def _fix_legend_height(self) -> None:
        """The legend below the plot gets exactly the height of its lines."""
        if self._legend is not None:
            lines = sum(max(c.minimumHeight() for c in row) for row in self._rows)
            _, top, _, bottom = self._legend_margins
            self._legend.setFixedHeight(lines + top + bottom + self._legend_extra)
        self._settle()

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, t: int | None = None) -> None:
        """Show the race as it was after step t (default: the last recorded step)."""
        t = self.last if t is None else t
        th = self.theme
        trails, heads, colours = [], [], []
        for r in self.racers:
            k = r.upto(t)
            for i in range(r.xy.shape[0]):
                trails.append((r.colour, r.xy[i, :k], (id(r), i, k), i))
            heads.append(r.xy[:, k - 1])
            colours += [r.colour] * r.xy.shape[0]
        self.widget.set_trails(trails)
        self.widget.set_heads(np.vstack(heads) if heads else np.zeros((0, 2)), colours)
        final = t >= self.last
        what = (plurals.steps(t) if final
                else QCoreApplication.translate("RaceFigure", "step {t} of {last}").format(t=t, last=self.last))  # fmt: skip
        self.widget.plot.setTitle(
            f"<span style='color:{th.text};font-size:{TITLE_PT}pt;font-weight:600'>"
            f"{escape(self.title)}</span><span style='color:{th.muted};font-size:{STEP_PT}pt'>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;{what}</span>"
        )
        big, name, small = (f"{v * self._pt:.3g}pt" for v in (NAME_PT + 1, NAME_PT, DETAIL_PT))
        status_colours = dict(th.status)
        for i, (r, row) in enumerate(zip(self.racers, self._rows, strict=False)):
            k = r.upto(t)
            status = self._status(r, t, final)
            colour = status_colours.get(status, th.text if status in STATUS_COLOURS else th.muted)
            swatch = (f"<span style='color:{run_colour(r.colour, th)};font-size:{big}'>■</span>"
                      f"&nbsp;<span style='color:{th.text};font-size:{name};font-weight:600'>"
                      f"{escape(r.name)}</span>")  # fmt: skip
            summary = f"<span style='color:{th.muted};font-size:{small}'>{escape(r.summary)}</span>"
            loss = (f"<span style='color:{th.text};font-size:{small}'>"
                    f"{loss_text(r.loss[:, k - 1], self.f_scale)}</span>"
                    f"<span style='color:{colour};font-size:{small}'>&nbsp;&nbsp;{_tr_status(status)}</span>")  # fmt: skip
            if self.notes is not None and i < len(self.notes):
                loss = f"<span style='color:{th.text};font-size:{small}'>{self.notes[i]}</span>"
            if len(row) == 2:  # one line below the plot
                row[0].setText(f"{swatch}&nbsp;&nbsp;{summary}")
                # the zero-width space as tall as the swatch keeps the rows aligned
                row[1].setText(f"<span style='font-size:{big}'>​</span>{loss}")
            else:
                row[0].setText(f"{swatch}<br>{summary}<br>{loss}<br>")

    @staticmethod
    def _status(r: RunRecord, t: int, final: bool) -> str:
        if final:
            texts = sorted(set(r.final_status), key=r.final_status.index)
            if len(texts) > 2:
                return plurals.outcomes(len(texts))
            return ", ".join(texts)
        gone = (r.stopped_at >= 0) & (r.stopped_at < t)
        return "diverged" if gone.all() else ""

    def close(self) -> None:
        """Close and schedule deletion (pyqtgraph widgets must not outlive the app; REFERENCE §6)."""
        self.widget.close()
        self.widget.deleteLater()
