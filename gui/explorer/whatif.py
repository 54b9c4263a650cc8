"""What-if mode: while it is on, every change of a run's settings or of the start points redraws
each enabled run's whole path from its start (core.race.whatif), with a faint ghost of the paths
before the change until the drag ends. Toolbar toggle, View menu entry and W; a panel over the plot
with the horizon and a "New seed" button for another noise sample.

Recomputing is throttled, latest value wins: a change only (re)starts a zero-delay single-shot
timer, so however many slider values arrive while a path is being computed, the next pass uses
the newest settings once and nothing queues up.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

from core.race.whatif import HORIZON_DEFAULT, HORIZON_MAX, HORIZON_MIN, WhatIf
from gui.theme import run_colour
from surfaces.i18n import QT_TRANSLATE_NOOP

SHORTCUT = "I"
PANEL_X = 64  # px from the plot's left edge: clear of the y axis
GHOST_HOLD_MS = 1200  # a change not made by dragging a slider keeps its ghost this long
GHOST_ALPHA = 120  # of 255: the ghost is seen, the new path reads first
TIP = (QT_TRANSLATE_NOOP("WhatIfMode", "What-if (I): change any setting or drag a start point and every run's whole path is "
       "recomputed from its start at once; a faint ghost shows the path before the change. "
       "Press I again to race live from the current settings."))  # fmt: skip
STATUS_TIP = QT_TRANSLATE_NOOP(  # one status-bar line (TIP is longer than a 1280-px window's bar)
    "WhatIfMode", "What-if (I): each change recomputes every path from its start; faint: before"
)
BANNER = QT_TRANSLATE_NOOP(
    "WhatIfMode", "<b>What-if</b>: whole paths from the start · faint: before the change"
)
PANEL_STYLE = ("#whatifPanel { background: rgba(20, 24, 32, 215); border: 1px solid #88c0d0; "
               "border-radius: 5px; } #whatifPanel QLabel { color: #eceff4; }")  # fmt: skip


class WhatIfMode(QObject):
    """The what-if mode of an Explorer tab. ``sigRedrawn(n)``: the paths were recomputed and
    redrawn, n runs of them changed (once per throttled pass)."""

    sigRedrawn = Signal(int)

    def __init__(self, tab: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.controller = tab.controller
        self.core = WhatIf(self.controller.race)
        self.action = QAction(self.tr("What-if"), self)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setToolTip(self.tr(TIP))
        self.action.setStatusTip(self.tr(STATUS_TIP))
        self.horizon = QSpinBox()
        self.horizon.setRange(HORIZON_MIN, HORIZON_MAX)
        self.horizon.setValue(HORIZON_DEFAULT)
        self.horizon.setSingleStep(100)
        self.horizon.setSuffix(self.tr(" steps"))
        self.horizon.setKeyboardTracking(False)
        self.horizon.setToolTip(self.tr("What-if horizon: how many steps each path is recomputed for ({HORIZON_MIN}–{HORIZON_MAX:,}; longer paths redraw less often while you drag)").format(HORIZON_MIN=HORIZON_MIN, HORIZON_MAX=HORIZON_MAX))  # fmt: skip
        self.seed_action = QAction(self.tr("New seed"), self)
        self.seed_action.setToolTip(self.tr("Draw another noise sample for every run with a random "
                                    "gradient (one sample, mini-batch, noise σ); the same seed "
                                    "keeps the same noise, so a drag shows only its setting's "
                                    "effect"))  # fmt: skip
        self.seed_action.setEnabled(False)
        self._rng = np.random.default_rng()
        self._was_playing = False
        self._busy = False  # our own recompute is emitting the race's events
        self._shown: list[tuple[str, np.ndarray]] = []  # the paths now drawn
        self._ghost: list[tuple[str, np.ndarray]] = []
        self._ghost_items: list[pg.PlotCurveItem] = []
        self._dragging = False  # the change under way comes from a slider held down
        self._sliders: list[QSlider] = []  # the tab's, each heard when pressed and let go
        self._drag_slider: QSlider | None = None  # held down, its values computed ahead
        self._redraw_owed = False  # settings changed since our last redraw
        self._surface = self.controller.surface
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.flush)
        self._ghost_timer = QTimer(self)
        self._ghost_timer.setSingleShot(True)
        self._ghost_timer.setInterval(GHOST_HOLD_MS)
        self._ghost_timer.timeout.connect(self._on_ghost_timeout)
        self.banner = self._panel(tab.plot)
        self.banner.hide()
        self._connect()

    def _panel(self, plot: QWidget) -> QFrame:
        """The mode's panel over the plot's corner: what it does, the horizon, New seed."""
        panel = QFrame(plot)
        panel.setObjectName("whatifPanel")
        panel.setStyleSheet(PANEL_STYLE)
        self.banner_text = QLabel(self.tr(BANNER))
        self.banner_text.setToolTip(self.tr(TIP))
        seed = QToolButton()
        seed.setDefaultAction(self.seed_action)
        label = QLabel(self.tr("  horizon"))
        label.setToolTip(self.horizon.toolTip())
        self._panel_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, panel)
        self._panel_layout.setContentsMargins(8, 3, 4, 3)
        self._panel_layout.addWidget(self.banner_text)
        controls = QHBoxLayout()
        for w in (label, self.horizon, seed):
            controls.addWidget(w)
        controls.addStretch(1)
        self._panel_layout.addLayout(controls)
        plot.installEventFilter(self)  # placed again when the plot is resized
        return panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.banner.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        """Top left over the plot, in one row, or two where the plot is too narrow for one."""
        plot = self.tab.plot  # within the surface's frame: the colour bar on its right stays clear
        room = plot.mapFromScene(plot.vb.sceneBoundingRect()).boundingRect().right() - PANEL_X - 4
        lay, text = self._panel_layout, self.banner_text
        text.setWordWrap(False)
        text.setMaximumWidth(16_777_215)
        lay.setDirection(QBoxLayout.Direction.LeftToRight)
        lay.activate()
        if lay.sizeHint().width() > room:
            lay.setDirection(QBoxLayout.Direction.TopToBottom)
            if text.sizeHint().width() > room - 12:  # still too wide: its words wrap
                text.setWordWrap(True)
                text.setMaximumWidth(max(140, room - 12))
            lay.activate()
        self.banner.resize(self.banner.sizeHint())
        self.banner.move(PANEL_X, 8)
        self.tab.plot.keep_top_free(self.banner.height() + 4)  # the arrows' key goes below it

    def _connect(self) -> None:
        c = self.controller
        self.action.toggled.connect(self._on_action_toggled)
        self.horizon.valueChanged.connect(self._on_horizon_changed)
        self.seed_action.triggered.connect(self._on_seed_triggered)
        c.sigRacersChanged.connect(self._on_settings_changed)
        c.sigStartsChanged.connect(self._on_settings_changed)
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        c.sigStepped.connect(self._on_stepped)
        c.sigPlayingChanged.connect(self._on_playing_changed)

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    @property
    def ghost_shown(self) -> bool:
        return any(item.isVisible() for item in self._ghost_items)

    # --- the mode -----------------------------------------------------------------------------
    def _on_action_toggled(self, on: bool) -> None:
        c = self.controller
        self.seed_action.setEnabled(on)
        self.tab.edits_redrawn_elsewhere = on  # every settings change ends in our redraw
        if on:
            self._was_playing = c.playing
            c.pause()
            self._watch_sliders()
            self.core.forget()
            self._show_banner()
            self.flush()
            return
        self._pending.stop()
        self._recompute()  # a change still waiting takes effect before the race goes on
        self._clear_ghost()
        self._show_banner()  # hidden, and the top of the plot free again
        if self._was_playing:
            c.play()  # on from the recomputed paths: runs of the current settings from step 0
        self._was_playing = False

    def flush(self) -> None:
        """Recompute now what is out of date and redraw (the throttle's one pass)."""
        self._pending.stop()
        if self.on:
            self._recompute()

    def _recompute(self) -> None:
        self._busy = True
        try:
            changed = self.core.recompute()
        finally:
            self._busy = False
        owed, self._redraw_owed = self._redraw_owed, False
        if owed and not changed:
            self.tab.redraw()  # a change that moved no path (a name, a run sitting out)
        if self.core.batch_missed:
            self._prepare()  # the drag went past the values computed ahead: more around it
        if changed:
            self._shown = self.core.paths()
            if self._ghost and not self.ghost_shown:
                self._draw_ghost()  # once per gesture: it stays the paths before it began
            self.sigRedrawn.emit(len(changed))

    def _schedule(self, ghost: bool = True) -> None:
        """A setting changed: recompute once the event loop is free (latest value wins)."""
        if ghost and not self._ghost and self._shown:
            self._ghost = self._shown  # the paths before this gesture's first change
        self._dragging = any(s.isSliderDown() for s in self._sliders)
        if not self._dragging:
            self._ghost_timer.start()  # not a drag: the ghost stays a moment, then goes
        self._pending.start()

    # --- what changes -------------------------------------------------------------------------
    def _on_settings_changed(self, *_: object) -> None:
        if self.on and not self._busy:
            self._redraw_owed = True  # the tab left the redraw to us
            self._schedule()

    def _on_surface_changed(self, surface: object, _values: object) -> None:
        edited, self._surface = surface is self._surface, surface
        if not self.on:
            return
        if not edited:  # paths on another surface compare with nothing; a drawing being edited
            self._ghost, self._shown = [], []  # (a well dug, a bump moved) keeps its ghost
            self._clear_ghost()
        self._schedule(ghost=edited)

    def _on_stepped(self, _t: int) -> None:
        if not self.on or self._busy:
            return
        if self.core.moved():  # stepped by hand: the race is live again from here
            self.action.setChecked(False)
        elif self.core.stale():  # reset: the runs were rebuilt at step 0
            self._schedule(ghost=False)

    def _on_playing_changed(self, playing: bool) -> None:
        if playing and self.on:
            self._was_playing = False  # already playing: turning off must not toggle it again
            self.action.setChecked(False)

    def _on_horizon_changed(self, steps: int) -> None:
        self.core.horizon = int(steps)
        self._show_banner()
        if self.on:
            self._schedule()

    def _on_seed_triggered(self) -> None:
        if not self.core.new_seed(self._rng):
            self.tab.sigMessage.emit(self.tr("No run uses a random gradient: choose one sample, "
                                     "mini-batch or gradient noise σ to see the noise"))  # fmt: skip

    # --- the ghost ----------------------------------------------------------------------------
    def _watch_sliders(self) -> None:
        """Hear every slider of the tab let go (the end of a drag ends its ghost)."""
        for s in self.tab.findChildren(QSlider):
            if s not in self._sliders:
                self._sliders.append(s)
                s.sliderPressed.connect(lambda s=s: self._on_slider_pressed(s))
                s.sliderReleased.connect(self._on_slider_released)

    def _on_slider_pressed(self, slider: QSlider) -> None:
        """A drag begins: compute ahead, as one batch, the selected run's paths for the values
        around the slider's, so the drag redraws without stepping (core WhatIf.prepare)."""
        self._drag_slider = slider
        if self.on:
            self.flush()  # a change still waiting is drawn first: the batch starts from it
            self._prepare()

    def _prepare(self) -> None:
        racer, slider = self.controller.race.selected, self._drag_slider
        what = self.tab.runs.hyper.drag_values(slider) if racer and slider else None
        if what is not None and slider is not None and slider.isSliderDown():
            self.core.prepare(racer.key, what[0], what[1], slider.value())

    def _on_slider_released(self) -> None:
        if self._dragging and not any(s.isSliderDown() for s in self._sliders):
            self._dragging = False
            self.flush()  # the released value's path, then the ghost goes
            self._clear_ghost()
        self._drag_slider = None
        self.core.drop_batch()

    def _on_ghost_timeout(self) -> None:
        if not self._dragging:
            self._clear_ghost()

    def _draw_ghost(self) -> None:
        by_colour: dict[str, list[np.ndarray]] = {}
        for colour, xy in self._ghost:
            by_colour.setdefault(colour, []).extend([xy, np.full((1, 2), np.nan)])
        while len(self._ghost_items) < len(by_colour):
            item = pg.PlotCurveItem(connect="finite", antialias=True)
            item.setZValue(19)  # under the live trails (20, 21)
            # Painted once into a pixmap while it stays the same (all of a drag): a wide smooth
            # line of 1,000 points cost ~2 ms of every frame to stroke again.
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.tab.add_plot_item(item)
            self._ghost_items.append(item)
        theme = self.tab.plot.theme
        for item, (colour, parts) in zip(self._ghost_items, by_colour.items(), strict=False):
            c = QColor(run_colour(colour, theme))
            c.setAlpha(GHOST_ALPHA)
            xy = np.vstack(parts)
            item.setPen(pg.mkPen(c, width=3))
            item.setData(xy[:, 0], xy[:, 1])
            item.setVisible(True)
        for item in self._ghost_items[len(by_colour) :]:
            item.setVisible(False)

    def _clear_ghost(self) -> None:
        self._ghost_timer.stop()
        self._ghost = []
        for item in self._ghost_items:
            item.setVisible(False)

    def _show_banner(self) -> None:
        self.banner.setVisible(self.on)
        if self.on:
            self._place()
            self.banner.raise_()
        else:
            self.tab.plot.keep_top_free(0)


def install(window: QMainWindow) -> WhatIfMode:
    """Put the mode in the window: its toggle at the end of the race toolbar and in the View
    menu (its horizon box and New seed are on its panel over the plot); Explorer tab only."""
    from gui.analysis.basins_panel import view_menu

    mode = WhatIfMode(window.explorer, window)
    tb = window.toolbar
    tb.addSeparator()
    tb.addAction(mode.action)
    view_menu(window).addAction(mode.action)
    window.tabs.currentChanged.connect(lambda i: _on_tab_changed(mode, i))
    window.whatif = mode
    return mode


def _on_tab_changed(mode: WhatIfMode, index: int) -> None:
    if index != 0:
        mode.action.setChecked(False)
    mode.action.setEnabled(index == 0)
    mode.seed_action.setEnabled(index == 0 and mode.on)
