"""SwarmMode: the Explorer's Swarm mode (W, the toolbar's Swarm button, View > Swarm). Thousands of
particles dropped as a grid over the view or a cloud at a click; every enabled racer moves all
of them on the play timer, Step and Reset act on them, and the runs' trails step aside. The
particles are core.race.swarm.Swarm (attached to the race as ``race.swarm`` so exports and scenes
find it), drawn by SwarmView; the dock's SwarmPanel shows the live shares."""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from core.race.swarm import Swarm, SwarmSpec, by_minimum
from gui.explorer.swarm_panel import SwarmPanel
from gui.explorer.swarm_view import SwarmView
from gui.i18n.numbers import num

TICK_BUDGET_S = 0.010  # the most swarm stepping one timer tick may do (the frame must fit too)
SHARES_EVERY_S = 0.25  # the table is refreshed at most 4 times a second while playing
CLOUD_FRACTION = 0.08  # a new cloud's radius as a fraction of the view's shorter side
DOCK_WIDTH = 380


class SwarmMode(QObject):
    """The mode for one ExplorerTab; ``action`` toggles it, ``panel`` goes in a dock."""

    sigDrawn = Signal()  # a frame of the swarm was drawn

    def __init__(self, tab, parent: QObject | None = None) -> None:
        super().__init__(parent or tab)
        self.tab, self.controller = tab, tab.controller
        self.view = SwarmView(tab.plot.theme)
        for item in self.view.items():
            tab.add_plot_item(item)
        self.panel = SwarmPanel()
        self.action = QAction(self.tr("Swarm"), self)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("W"))
        tip = self.tr("Swarm mode: thousands of start points flowing into their basins, moved by every "
                      "enabled run (W)")  # fmt: skip
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self._last_shares = 0.0
        self._cursor: tuple[float, float] | None = None
        self._side_shown = True
        self._runs_aside = False  # the legend and side plots are hidden by the mode
        self._shares_every = SHARES_EVERY_S
        self._connect()

    @property
    def swarm(self) -> Swarm | None:
        return self.controller.race.swarm

    @property
    def active(self) -> bool:
        return self.action.isChecked()

    def _connect(self) -> None:
        c, a, p = self.controller, self.tab.actions, self.panel
        self.action.toggled.connect(self.set_active)
        a["step"].triggered.connect(self._on_step_triggered)
        a["reset"].triggered.connect(self._on_reset_triggered)
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        c.sigCriticalReady.connect(lambda _p: self.refresh())
        c.sigRacersChanged.connect(self._on_racers_changed)
        c.sigStartsChanged.connect(lambda _s: self._hide_runs())
        c.sigViewRangeChanged.connect(self._on_view_range_changed)
        c.sigPlayingChanged.connect(lambda _on: self.show_shares())
        self.tab.plot.sigClicked.connect(self._on_plot_clicked)
        self.tab.plot.viewport().installEventFilter(self)
        p.sigDropGrid.connect(self.drop_grid)
        p.sigCountChanged.connect(lambda _n: self._redrop())
        p.sigStyleChanged.connect(self._on_style_changed)

    # --- the mode -------------------------------------------------------------------------------
    def set_active(self, on: bool) -> None:
        """Enter (a grid over the view is dropped) or leave (the swarm goes, trails return)."""
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back here through toggled
            return
        # The runs' legend and loss and rate plots step aside: the swarm's table replaces them.
        side, legend = self.tab.side, self.tab.legend
        self.controller.tick_override = self._on_timer_tick if on else None
        if on:
            if not self._runs_aside:
                self._side_shown = side.isVisible()
            self._runs_aside = True
            side.setVisible(False)
            legend.setVisible(False)
            self.panel.radius.setValue(self._default_radius())
            if self.swarm is None:
                self.drop_grid()
            else:  # a swarm restored from a scene: show it as it was
                self.panel.colour_by.setCurrentIndex(
                    self.panel.colour_by.findData(self.swarm.colour_by)
                )
        else:
            self._close_swarm()
            self.view.clear()
            if self._runs_aside:
                side.setVisible(self._side_shown)
                legend.setVisible(True)
            self._runs_aside = False
        self._hide_runs()
        self.tab.sigMessage.emit(
            self.tr("Swarm: click to drop a cloud, Ctrl+wheel sizes it, Space plays (W leaves)")
            if on else self.tr("Swarm mode off")
        )  # fmt: skip

    def _close_swarm(self) -> None:
        race = self.controller.race
        if self.swarm is not None:
            self.swarm.close()
        race.swarm = None

    def drop(self, spec: SwarmSpec) -> Swarm:
        """Replace the swarm by a fresh one of spec (every particle at its start, step 0)."""
        self._close_swarm()
        race = self.controller.race
        race.swarm = Swarm(race, spec)
        race.swarm.colour_by = self.view.colour_by
        self.refresh()
        return race.swarm

    def drop_grid(self) -> Swarm:
        """A grid of the chosen size over the visible part of the surface's domain."""
        return self.drop(SwarmSpec("grid", self.panel.n, self._visible_area()))

    def _visible_area(self) -> tuple[float, float, float, float]:
        x0, x1, y0, y1 = self.controller.race.view_range
        d0, d1, e0, e1 = (float(v) for v in self.controller.surface.domain)
        area = (max(x0, d0), min(x1, d1), max(y0, e0), min(y1, e1))
        return area if area[0] < area[1] and area[2] < area[3] else (x0, x1, y0, y1)

    def drop_cloud(self, x: float, y: float) -> Swarm:
        """A cloud of the chosen size and radius around (x, y)."""
        spec = SwarmSpec("cloud", self.panel.n, self._visible_area(), (float(x), float(y)),
                         float(self.panel.radius.value()))  # fmt: skip
        return self.drop(spec)

    def _redrop(self) -> None:
        s = self.swarm
        if s is None:
            return
        if s.spec.kind == "cloud":
            self.drop_cloud(*s.spec.centre)
        else:
            self.drop_grid()

    def _default_radius(self) -> float:
        x0, x1, y0, y1 = self.controller.race.view_range
        return CLOUD_FRACTION * min(x1 - x0, y1 - y0)

    def _hide_runs(self) -> None:
        """The runs' trails, heads and start markers step aside while the mode is on."""
        on = not self.active
        for item in self.tab.plot.run_items():
            item.setOpacity(1.0 if on else 0.0)
            if isinstance(item, pg.TargetItem) and not on:
                item.setVisible(False)  # not draggable while hidden; set_starts shows it again
        if on:
            self.tab.plot.set_starts(self.controller.race.starts.copy())

    # --- stepping -------------------------------------------------------------------------------
    def _on_timer_tick(self) -> None:
        if self.swarm is not None and self.active:
            self.swarm.step(self.controller.race.speed[0], budget_s=TICK_BUDGET_S)
            self.draw()
            if time.perf_counter() - self._last_shares >= self._shares_every:
                self.show_shares()

    def _on_step_triggered(self) -> None:
        if self.swarm is not None and self.active:
            self.swarm.step(1)
            self.refresh()

    def _on_reset_triggered(self) -> None:
        if self.swarm is not None and self.active:
            self.swarm.reset()
            self.view.raster.draw([], self.controller.race.view_range, (1, 1))  # tails cleared
            self.refresh()

    def _on_surface_changed(self, *_: object) -> None:
        if not self.active:
            self._close_swarm()
            return
        old = self.swarm

        def drop_later() -> None:  # once the plot shows the new surface's view
            if self.active and self.swarm is old:  # not replaced meanwhile (a scene's swarm)
                self.drop_grid()

        QTimer.singleShot(0, drop_later)

    def _on_racers_changed(self, *_: object) -> None:
        if self.swarm is not None:
            self.swarm.sync()  # before drawing, whichever heard the race first
        if (self.swarm is not None) != self.active:
            self.set_active(self.swarm is not None)  # a scene brought a swarm, or had none
        self.refresh()

    def _on_view_range_changed(self, view: tuple) -> None:
        s = self.swarm
        if self.active and s is not None and s.spec.kind == "grid" and s.t == 0:
            self.drop_grid()  # a grid not yet moving follows the view (zoom, pan, a new dock)
        else:
            self.draw()

    def _on_style_changed(self) -> None:
        self.view.colour_by = self.panel.colour_mode
        if self.swarm is not None:
            self.swarm.colour_by = self.view.colour_by  # exports colour it alike
        self.view.tail = self.panel.tail.isChecked()
        self.draw()

    # --- drawing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the particles and the table (after anything but a play tick)."""
        self._hide_runs()
        self.draw()
        self.show_shares()

    def draw(self) -> None:
        if not self.active or self.swarm is None:
            self.view.clear()
            return
        vb = self.tab.plot.vb
        size = vb.size()
        self.view.theme = self.tab.plot.theme  # run colours as the theme draws them (F11)
        self.view.draw(self.swarm, self.controller.race.view_range,
                       (int(size.width()), int(size.height())))  # fmt: skip
        self.sigDrawn.emit()

    def show_shares(self) -> None:
        t0 = self._last_shares = time.perf_counter()
        s = self.swarm
        if not self.active or s is None:
            return
        shares = s.shares()
        # while playing, the table takes at most a fifth of the time (65,536 particles: ~50 ms)
        self._shares_every = max(SHARES_EVERY_S, 5 * (time.perf_counter() - t0))
        minima = s.minima()
        x0, x1, y0, y1 = s.spec.area
        size = max(x1 - x0, y1 - y0)
        rows = [by_minimum(sh, minima, size) for sh in shares]
        what = (self.tr("a cloud of radius {r}").format(r=num(s.spec.radius, ".3g"))
                if s.spec.kind == "cloud" else self.tr("a grid"))  # fmt: skip
        title = self.tr("<b>%Ln particle(s)</b> ({what}) × {racers} · step <b>{t}</b>", "", s.n).format(
            what=what, racers=self.tr("%n racer(s)", "", len(shares)), t=s.t)  # fmt: skip
        self.panel.show_shares(title, shares, rows, minima)

    # --- mouse ----------------------------------------------------------------------------------
    def _on_plot_clicked(self, x: float, y: float, _shift: bool) -> None:
        if self.active:
            self.drop_cloud(x, y)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if not self.active:
            return False
        t = ev.type()
        if t == QEvent.Type.MouseMove:
            p = self._to_data(ev.position())
            self._cursor = p
            self._show_preview()
        elif t == QEvent.Type.Leave:
            self._cursor = None
            self.view.preview.setVisible(False)
        elif t == QEvent.Type.Wheel and ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
            notches = ev.angleDelta().y() / 120
            self.panel.radius.setValue(self.panel.radius.value() * 1.15**notches)
            self._show_preview()
            return True
        return False

    def _to_data(self, pos) -> tuple[float, float] | None:
        plot = self.tab.plot
        scene = plot.mapToScene(pos.toPoint())
        if not plot.vb.sceneBoundingRect().contains(scene):
            return None
        p = plot.vb.mapSceneToView(scene)
        return float(p.x()), float(p.y())

    def _show_preview(self) -> None:
        if self._cursor is None:
            self.view.preview.setVisible(False)
        else:
            self.view.show_preview(*self._cursor, float(self.panel.radius.value()))


def install(window: QMainWindow) -> SwarmMode:
    """The mode for the window's Explorer: its action in the toolbar and the View menu, and its
    panel in a right-hand dock shown while the mode is on."""
    from gui.analysis.basins_panel import add_dock, view_menu

    mode = SwarmMode(window.explorer, window)
    dock = QDockWidget(QCoreApplication.translate("swarm_mode", "Swarm"), window)
    dock.setObjectName("swarm_dock")
    dock.setWidget(mode.panel)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)  # fmt: skip
    add_dock(window, dock)
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def on_toggled(on: bool) -> None:
        dock.setVisible(on)
        if on:
            dock.raise_()

    mode.action.toggled.connect(on_toggled)
    view_menu(window).addAction(mode.action)
    window.toolbar.addSeparator()
    window.toolbar.addAction(mode.action)
    window.swarm_mode = mode
    return mode
