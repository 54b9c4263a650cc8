"""ExplorerTab: the live optimizer race. Lays out the plot, panels and legend, and wires their
signals to the ExplorerController; it turns the model's state into plain arrays for drawing.
Other tools draw on its plot through ``add_plot_item`` and read everything else from the model."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsObject,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.race.snap import snap_lines
from gui.explorer.actions import make_actions
from gui.explorer.controller import ExplorerController
from gui.explorer.draw.panel import DrawPanel
from gui.explorer.draw.tool import DrawTool
from gui.explorer.explain import ExplainDialog
from gui.explorer.formula_box import FormulaBox
from gui.explorer.heatmap import grid_values, wants_log
from gui.explorer.legend_table import LegendTable
from gui.explorer.readout import cursor_readout
from gui.explorer.run_panel import RunPanel
from gui.explorer.side_plots import SidePlots
from gui.explorer.speed_boxes import SpeedBoxes
from gui.explorer.surface_picker import SurfacePicker
from gui.explorer.surface_plot import SurfacePlot
from gui.explorer.user_surfaces import SAVE_TIP, UserSurfaces
from gui.i18n.terms import critical_label, surface_text
from gui.widgets.schedule_panel import SchedulePanel
from surfaces.base import Surface, SurfaceError

GRID = 512  # heatmap resolution
SLOW_REFRESH_S = 0.1  # legend, side plots and schedule marker refresh at most 10 times a second
MAX_ALL_MARKERS = 40  # more critical points than this: mark only the minima


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    lay = QVBoxLayout(box := QGroupBox(title))
    for w in widgets:
        lay.addWidget(w)
    return box


class ExplorerTab(QWidget):
    """The Explorer. ``actions`` (name -> QAction) and ``speed_widgets`` go in the window's
    menus and toolbar; ``sigCursorReadout`` and ``sigMessage`` feed its status bar."""

    sigCursorReadout = Signal(str)
    sigMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None, grid: int = GRID) -> None:
        super().__init__(parent)
        self.grid = grid
        self.controller = ExplorerController(parent=self)
        self.plot = SurfacePlot()
        self.picker = SurfacePicker()
        self.picker.setToolTip(self.tr("Choose a loss surface"))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color:#4c566a;")
        self.log_box = QCheckBox(self.tr("log colour scale"))
        self.log_box.setToolTip(self.tr("Colour the surface by log(f − f_min): shows detail near the "
                                "minimum when a few peaks dominate (L)"))  # fmt: skip
        self.runs = RunPanel()
        self.schedule = SchedulePanel()
        self.legend = LegendTable()
        self.side = SidePlots()
        self.actions = make_actions(self)
        self.formula = FormulaBox()
        self.draw = DrawTool(self.controller, self.plot, grid, self)
        self.save_surface_action = QAction(self.tr("Save surface as preset…"), self)
        self.save_surface_action.setToolTip(self.tr(SAVE_TIP))
        self.draw_panel = DrawPanel(self.draw.actions, self.save_surface_action)
        for act in (*self.draw.actions.values(), self.save_surface_action):
            self.addAction(act)  # shortcuts (D, Ctrl+Z, ...) work while the tab is shown
        self.user_surfaces = UserSurfaces(parent=self)
        self.speed = SpeedBoxes(self)
        self.speed_widgets = self.speed.widgets
        self.steps_per_tick, self.ticks_per_second = self.speed.widgets
        self.explain_dialog: ExplainDialog | None = None
        self._z: np.ndarray | None = None
        self._log_shown = False  # the colour scale the heatmap was rendered with
        self._shown_surface: Surface | None = None
        self._last_slow = 0.0
        # Set by a mode that redraws after each edit itself (what-if: the paths are recomputed)
        self.edits_redrawn_elsewhere = False
        # After a new surface the plot is painted first; the legend and side plots follow on the
        # next turn of the event loop (they do not change what the user is looking at).
        self._slow_later = QTimer(self, singleShot=True, interval=0, timeout=self._refresh_slow)
        self._layout()
        self._connect()
        self._on_surface_changed(self.controller.surface, None)
        self._on_racers_changed()
        self.user_surfaces.reload()

    # --- construction -------------------------------------------------------------------------
    def _layout(self) -> None:
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.addWidget(_group(self.tr("Surface"), self.picker, self.formula, self.draw_panel, self.log_box,
                             self.description))  # fmt: skip
        lay.addWidget(_group(self.tr("Runs"), self.runs))
        lay.addWidget(_group(self.tr("Learning-rate schedule"), self.schedule))
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(max(300, left.minimumSizeHint().width() + 16))  # longer words fit
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(self.plot)
        centre.addWidget(self.legend)
        centre.setStretchFactor(0, 1)
        centre.setSizes([700, 150])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (scroll, centre, self.side):
            self.splitter.addWidget(w)
        # Narrower window or an open dock: the side plots give up a share too, not the surface alone
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([330, 760, 310])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.splitter)

    def _connect(self) -> None:
        c = self.controller
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        c.sigCriticalReady.connect(self._on_critical_ready)
        c.sigRacersChanged.connect(self._on_racers_changed)
        c.sigSelectedChanged.connect(self._on_racers_changed)
        c.sigStartsChanged.connect(self._on_racers_changed)  # the Runs list counts starts
        c.sigStepped.connect(self._on_stepped)
        c.sigPlayingChanged.connect(self._on_playing_changed)
        c.sigViewRangeChanged.connect(self._on_view_range_changed)
        c.sigLogScaleChanged.connect(self._on_log_scale_changed)
        c.sigSpeedChanged.connect(self.speed.show_speed)
        c.sigError.connect(self.sigMessage)
        self.plot.vb.sigRangeChanged.connect(self._on_plot_range_changed)
        self.picker.sigSurfaceChosen.connect(self._on_picker_surface_chosen)
        self.picker.sigDeleteRequested.connect(self._on_picker_delete_requested)
        self.formula.sigSurfaceTyped.connect(self._on_formula_typed)
        self.draw.sigMessage.connect(self.sigMessage)
        self.user_surfaces.sigListChanged.connect(self.picker.set_user_surfaces)
        self.user_surfaces.sigMessage.connect(self.sigMessage)
        self.save_surface_action.triggered.connect(self._on_save_surface_triggered)
        self.log_box.toggled.connect(c.set_log_scale)
        self.plot.sigClicked.connect(self._on_plot_clicked)
        self.plot.sigMessage.connect(self.sigMessage)
        self.plot.sigStartMoved.connect(c.move_start)
        self.plot.sigCursorMoved.connect(self._on_cursor_moved)
        self.plot.sigCursorLeft.connect(lambda: self.sigCursorReadout.emit(""))
        self.runs.sigSelected.connect(c.select)
        self.legend.sigRunClicked.connect(c.select)
        self.runs.sigAddRequested.connect(lambda: c.select(c.add_run("adam")))
        self.runs.sigDuplicateRequested.connect(lambda k: c.select(c.duplicate_run(k)))
        self.runs.sigRemoveRequested.connect(c.remove_run)
        self.runs.sigEnabledChanged.connect(c.set_enabled)
        self.runs.sigEdited.connect(c.edit_run)
        self.schedule.sigEdited.connect(self._on_schedule_edited)
        self.speed.sigSpeedEdited.connect(c.set_speed)
        a = self.actions
        a["play"].triggered.connect(lambda on: c.play() if on else c.pause())
        a["step"].triggered.connect(c.step_once)
        a["reset"].triggered.connect(c.reset)
        a["explain"].triggered.connect(self.open_explain)
        a["add_run"].triggered.connect(self.runs.add_button.click)
        a["duplicate_run"].triggered.connect(self.runs.dup_button.click)
        a["remove_run"].triggered.connect(self._on_delete_key)
        a["log_scale"].toggled.connect(c.set_log_scale)
        a["fit_view"].triggered.connect(self.plot.fit_view)
        for name, act in a.items():
            if name.startswith("overlay_"):
                act.toggled.connect(lambda _on: self._draw_runs())

    # --- surface ------------------------------------------------------------------------------
    def _on_surface_changed(self, s: Surface, values: np.ndarray | None) -> None:
        ok = values is not None and values.shape == (self.grid, self.grid)
        self._z = values if ok else grid_values(s, self.grid)
        log = wants_log(self._z)
        # A drawing being edited (or just started on the surface shown) keeps the zoom.
        shown = self._shown_surface
        edit = shown is not None and (s is shown or getattr(s, "base", None) is shown)
        self._shown_surface = s
        self._log_shown = log
        self.plot.set_surface(self._z, s.domain, log, self._critical_markers(), fit=not edit)
        self.plot.set_context(s.axis_labels, snap_lines(s, self.controller.race.critical))
        self.controller.set_log_scale(log)
        self._show_log_scale(log)
        self._on_plot_range_changed()  # a range the plot kept still reaches the model
        self.picker.set_current(s.name, s.title, s.group)
        self.description.setText(surface_text(s.description))
        self.formula.show_surface(s)
        self._set_reference()
        self.runs.show_runs(self.controller.racers, self._selected_key(), s.n_samples)
        self._draw_runs()
        self._slow_later.start()

    def _on_picker_surface_chosen(self, name: str) -> None:
        if not name.startswith("user:"):
            self.controller.set_surface_name(name)
            return
        try:
            self.controller.set_surface(self.user_surfaces.surface(name))
        except SurfaceError as e:
            self.sigMessage.emit(str(e))

    def _on_formula_typed(self, surface: Surface) -> None:
        """Runs keep their start points when these lie in the formula's domain."""
        x0, x1, y0, y1 = surface.domain
        st = self.controller.race.starts
        inside = bool(np.all((st >= (x0, y0)) & (st <= (x1, y1))))
        self.controller.set_surface(surface, keep_starts=inside)

    def _on_picker_delete_requested(self, key: str) -> None:
        self.user_surfaces.delete(key, self)
        s = self.controller.surface
        self.picker.set_current(s.name, s.title, s.group)

    def _on_save_surface_triggered(self) -> None:
        s = self.controller.surface
        if self.user_surfaces.save_interactively(s, self):
            self.picker.set_current(s.name, s.title, s.group)

    def _on_delete_key(self) -> None:
        """Del deletes the selected bump in draw mode, otherwise the selected run."""
        if not self.draw.delete_selected():
            self.runs.remove_button.click()

    def _critical_markers(self) -> list[tuple[float, float, str, str]]:
        """Every critical point, or only the minima when there are so many (Rastrigin has
        hundreds) that saddle and maximum markers would bury the surface."""
        points = self.controller.race.critical
        if len(points) > MAX_ALL_MARKERS:
            points = tuple(c for c in points if c.kind == "minimum")
        return [(c.x, c.y, c.kind, critical_label(c.kind, c.value)) for c in points]

    def _set_reference(self) -> None:
        mins = [c.value for c in self.controller.race.critical if c.kind == "minimum"]
        self.side.set_reference(min(mins) if mins and np.isfinite(min(mins)) else None)

    def _on_critical_ready(self, points: tuple) -> None:
        self.plot.set_critical(self._critical_markers())
        self.plot.set_context(self.plot.axis_labels, snap_lines(self.controller.surface, points))
        self._set_reference()
        self._refresh_slow()

    def _on_log_scale_changed(self, on: bool) -> None:
        self._show_log_scale(on)
        if self._z is not None and on != self._log_shown:
            self._log_shown = on
            self.plot.set_log_scale(self._z, on)

    def _show_log_scale(self, on: bool) -> None:
        for w in (self.log_box, self.actions["log_scale"]):
            with QSignalBlocker(w):
                w.setChecked(on)

    # --- view ---------------------------------------------------------------------------------
    def _on_plot_range_changed(self, *_: object) -> None:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        self.controller.set_view_range((x0, x1, y0, y1))

    def _on_view_range_changed(self, view: tuple[float, float, float, float]) -> None:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        if not np.allclose((x0, x1, y0, y1), view, rtol=1e-9, atol=1e-12):
            self.plot.vb.setRange(xRange=view[:2], yRange=view[2:], padding=0)

    def add_plot_item(self, item: QGraphicsObject) -> None:
        """Draw another tool's item (a basin map, ...) over the surface, in data coordinates."""
        self.plot.plot.addItem(item)

    def plot_size(self) -> tuple[int, int]:
        """The plot's size on screen in pixels (the default size of an exported picture)."""
        return self.plot.width(), self.plot.height()

    # --- runs ---------------------------------------------------------------------------------
    def _selected_key(self) -> int | None:
        r = self.controller.selected
        return r.key if r is not None else None

    def _on_racers_changed(self, *_: object) -> None:
        r = self.controller.selected
        self.runs.show_runs(self.controller.racers, self._selected_key(),
                            self.controller.surface.n_samples)  # fmt: skip
        if r is not None:
            self.schedule.show_schedule(r.config.schedule, r.t, r.colour, force=True)
        if not self.edits_redrawn_elsewhere:
            self.redraw()

    def redraw(self) -> None:
        """Draw the runs and refresh the legend, side plots and schedule marker now."""
        self._draw_runs()
        self._refresh_slow()

    def _on_schedule_edited(self, fields: dict) -> None:
        r = self.controller.selected
        if r is not None:
            self.controller.edit_run(r.key, {"schedule": fields})

    def _on_playing_changed(self, playing: bool) -> None:
        act = self.actions["play"]
        act.blockSignals(True)
        act.setChecked(playing)
        act.setText(self.tr("Pause") if playing else self.tr("Play"))
        act.blockSignals(False)
        if not playing:
            self._refresh_slow()

    def _on_plot_clicked(self, x: float, y: float, shift: bool) -> None:
        if shift:
            self.controller.add_start(x, y)
        else:
            self.controller.restart_at(x, y)

    def _on_cursor_moved(self, x: float, y: float) -> None:
        hint = self.plot.snap_hint(x, y)
        self.sigCursorReadout.emit(cursor_readout(self.controller.surface, x, y) + hint)

    # --- drawing ------------------------------------------------------------------------------
    def _on_stepped(self, *_: object) -> None:
        self._draw_runs()
        if not self.controller.playing or time.perf_counter() - self._last_slow >= SLOW_REFRESH_S:
            self._refresh_slow()

    def _draw_runs(self) -> None:
        trails, heads, colours = self.controller.race.trails()
        self.plot.set_trails(trails)
        self.plot.set_heads(heads, colours)
        self.plot.set_starts(self.controller.race.starts)
        kinds = {n[len("overlay_") :] for n, a in self.actions.items()
                 if n.startswith("overlay_") and a.isChecked()}  # fmt: skip
        self.plot.set_overlays(self.controller.overlays(kinds) if kinds else {}, kinds)

    def _refresh_slow(self) -> None:
        """Legend, side plots, schedule marker and the explain dialog."""
        self._last_slow = time.perf_counter()
        rows, curves = self.controller.race.readouts()
        self.legend.set_rows(rows)
        self.side.set_curves(curves)
        r = self.controller.selected
        if r is not None and r.run is not None:
            self.schedule.show_schedule(r.config.schedule, r.t, r.colour)
        if self.explain_dialog is not None and self.explain_dialog.isVisible():
            self._fill_explain()

    # --- explain ------------------------------------------------------------------------------
    def open_explain(self) -> None:
        if self.explain_dialog is None:
            self.explain_dialog = ExplainDialog(self)
            self.explain_dialog.sigStepRequested.connect(self.controller.step_once)
        self._fill_explain()
        self.explain_dialog.show()
        self.explain_dialog.raise_()

    def _fill_explain(self) -> None:
        r, dialog = self.controller.selected, self.explain_dialog
        if r is None or r.run is None or dialog is None:
            return
        ex = self.controller.explain(r.key)
        if ex is not None:  # with several starts it explains the first one's update
            dialog.show_explanation(r.name, r.colour, ex, starts=r.run.n_points)

    # --- preferences --------------------------------------------------------------------------
    def restore_preferences(self, settings: QSettings) -> None:
        """Splitter sizes and the head overlays shown, as the user last left them."""
        sizes = settings.value("explorer/splitter")
        if isinstance(sizes, list) and len(sizes) == self.splitter.count():
            # once the window is laid out: sizes set earlier are spread over the default width
            QTimer.singleShot(0, lambda: self.splitter.setSizes([int(v) for v in sizes]))
        on = settings.value("explorer/overlays")
        if settings.contains("explorer/overlays"):
            names = set(on if isinstance(on, list) else [on] if on else [])
            for name, act in self.actions.items():
                if name.startswith("overlay_"):
                    act.setChecked(name in names)

    def save_preferences(self, settings: QSettings) -> None:
        settings.setValue("explorer/splitter", self.splitter.sizes())
        settings.setValue("explorer/overlays", [n for n, a in self.actions.items()
                                                if n.startswith("overlay_") and a.isChecked()])  # fmt: skip

    def shutdown(self) -> None:
        self._slow_later.stop()
        self.draw.shutdown()
        self.controller.shutdown()
        if self.explain_dialog is not None:
            self.explain_dialog.close()
